// Risks and opportunities (core/qms/risk.ts) in services: identifying one for a process, the
// register with its 5×5 heat map and Excel, and the rules that look at its treatment actions —
// enforced here, inside the transition's own transaction, so a refusal writes nothing: a
// treatment needs an action, re-assessing needs every action carried out (and verifies them, by
// someone who carried out none), closing needs none left open; cancelling cancels the actions still open; the person put in charge must exist.
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { OpParsed } from '../../core/contract';
import type { RiskRow } from '../../core/contract/risks';
import { AppError } from '../../core/errors';
import { formatIsoDate } from '../../core/forms/format';
import type { QmsRecord } from '../../core/qms';
import {
  currentScore,
  inherentScore,
  residualScore,
  RISK_OPEN_STATES,
  RISK_TYPE_LABELS,
  riskKind,
  TREATMENT_LABELS,
  type RiskData,
} from '../../core/qms/risk';
import { DEFAULT_RISK_SCALE, levelLabel, riskLevel } from '../../core/qms/risk-scale';
import { fold } from '../../core/text/fold';
import type { Db, Tx } from '../../db/open';
import { procedures, qmsRecords, users } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import {
  actorOf,
  applyTransition,
  followUpActions,
  insertRecord,
  todayOf,
  toRecord,
  type Effect,
} from './records';
import { registerExcel } from './register-excel';
import { nextRiskCode, riskProcesses } from './risk-seed';
import { userNames } from './views';

const KIND = 'risk';
const PENDING = ['open', 'done'];
const live = (db: Db | Tx, id: string) =>
  followUpActions(db, KIND, [id]).filter((a) => a.state !== 'cancelled');

export const RISK_EFFECTS: Readonly<Record<string, Effect>> = {
  'risk.treat': (e) => {
    if (live(e.tx, e.after.id).length === 0)
      throw new AppError(
        'INVALID_INPUT',
        'Phải lập ít nhất một hành động xử lý trước khi quyết định biện pháp xử lý.',
      );
  },
  'risk.evaluate': (e) => {
    const actions = live(e.tx, e.after.id);
    const open = actions.filter((a) => a.state === 'open');
    if (open.length > 0)
      throw new AppError(
        'CONFLICT',
        `Chưa thể đánh giá lại: còn ${open.length} hành động xử lý chưa thực hiện xong.`,
      );
    // Re-assessing is the check of the actions' effectiveness: by someone who did none of them.
    const comment = e.input.comment ?? '';
    for (const a of actions.filter((x) => x.state === 'done'))
      applyTransition(e.tx, e.ctx, e.actor, a, 'verify', { comment });
  },
  'risk.close': (e) => {
    const pending = live(e.tx, e.after.id).filter((a) => a.state === 'open');
    if (pending.length > 0)
      throw new AppError(
        'CONFLICT',
        `Chưa thể đóng: còn ${pending.length} hành động xử lý đang thực hiện.`,
      );
  },
  'risk.cancel': (e) => {
    const comment = `Hủy theo rủi ro, cơ hội: ${e.input.comment ?? ''}`;
    for (const a of live(e.tx, e.after.id).filter((x) => PENDING.includes(x.state)))
      applyTransition(e.tx, e.ctx, e.actor, a, 'cancel', { comment });
  },
  'risk.assign': (e) => {
    const owner = e.tx
      .select()
      .from(users)
      .where(eq(users.id, e.after.ownerId ?? ''))
      .get();
    if (!owner || owner.disabled)
      throw new AppError('INVALID_INPUT', 'Người phụ trách không tồn tại hoặc đã bị khóa.');
  },
};

function processOf(ctx: Ctx, input: OpParsed<'risks.create'>) {
  if (input.processType === 'procedure') {
    const p = ctx.db
      .select({ code: procedures.code, name: procedures.name })
      .from(procedures)
      .where(eq(procedures.code, input.processCode))
      .get();
    if (!p) throw new AppError('INVALID_INPUT', 'Thủ tục hành chính không có trong danh mục.');
    return { processCode: p.code, processName: p.name };
  }
  if (!input.processName) throw new AppError('INVALID_INPUT', 'Phải chọn quá trình.');
  return { processCode: '', processName: input.processName };
}

function createRisk(ctx: Ctx, input: OpParsed<'risks.create'>) {
  const actor = actorOf(ctx);
  if (input.identifiedOn > todayOf(ctx))
    throw new AppError('INVALID_INPUT', 'Ngày nhận diện không được sau ngày hôm nay.');
  if (input.reviewOn < input.identifiedOn)
    throw new AppError('INVALID_INPUT', 'Ngày xem xét lại không được trước ngày nhận diện.');
  const process = processOf(ctx, input);
  const ownerId = input.ownerId ?? actor.id ?? '';
  const owner = ctx.db.select().from(users).where(eq(users.id, ownerId)).get();
  if (!owner || owner.disabled)
    throw new AppError('INVALID_INPUT', 'Người phụ trách không tồn tại hoặc đã bị khóa.');
  return write(ctx, (tx) => {
    const record = insertRecord(tx, ctx.now(), actor, {
      kind: KIND,
      code: nextRiskCode(tx, input.type, input.identifiedOn.slice(0, 4)),
      title: input.title,
      ownerId: owner.id,
      dueDate: input.reviewOn,
      data: {
        type: input.type,
        processType: input.processType,
        ...process,
        description: input.description,
        cause: input.cause,
        consequence: input.consequence,
        benefit: input.benefit,
        likelihood: input.likelihood,
        impact: input.impact,
        identifiedOn: input.identifiedOn,
        reviewOn: input.reviewOn,
      },
    });
    return {
      result: { id: record.id, code: record.code },
      audit: {
        operation: 'qms.risk.create',
        entity: 'qms_risk',
        entityId: record.id,
        summary: `Nhận diện ${RISK_TYPE_LABELS[input.type].toLowerCase()} ${record.code} ${record.title}`,
      },
    };
  });
}

type ListInput = OpParsed<'risks.list'>;

function listRecords(ctx: Ctx, input: ListInput): QmsRecord<RiskData>[] {
  const today = todayOf(ctx);
  const conditions = [eq(qmsRecords.kind, KIND)];
  if (input.query) conditions.push(like(qmsRecords.searchText, `%${fold(input.query)}%`));
  if (input.state === 'live' || input.state === 'due')
    conditions.push(inArray(qmsRecords.state, [...RISK_OPEN_STATES]));
  if (input.state === 'due') conditions.push(sql`${qmsRecords.dueDate} <= ${today}`);
  if (input.state === 'closed') conditions.push(eq(qmsRecords.state, 'closed'));
  if (input.type !== 'all') conditions.push(sql`json_extract(data, '$.type') = ${input.type}`);
  if (input.processName)
    conditions.push(sql`json_extract(data, '$.processName') = ${input.processName}`);
  return ctx.db
    .select()
    .from(qmsRecords)
    .where(and(...conditions))
    .orderBy(sql`${qmsRecords.createdAt} DESC`, qmsRecords.code)
    .all()
    .map((r) => toRecord(r) as QmsRecord<RiskData>);
}

/** The register's rows (with their actions counted) and the heat maps of the live risks;
 * `everyRow` ignores the page (the Excel export). */
export function riskRegister(ctx: Ctx, input: ListInput, everyRow = false) {
  const today = todayOf(ctx);
  const all = listRecords(ctx, input);
  const emptyHeat = () => Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
  const heatInherent = emptyHeat();
  const heatCurrent = emptyHeat();
  for (const r of all) {
    if (r.data.type !== 'risk' || !RISK_OPEN_STATES.includes(r.state as 'identified')) continue;
    const row0 = heatInherent[r.data.likelihood - 1];
    if (row0) row0[r.data.impact - 1] = (row0[r.data.impact - 1] ?? 0) + 1;
    const l = r.data.residualLikelihood ?? r.data.likelihood;
    const i = r.data.residualImpact ?? r.data.impact;
    const row1 = heatCurrent[l - 1];
    if (row1) row1[i - 1] = (row1[i - 1] ?? 0) + 1;
  }
  const kept = all.filter((r) => {
    const score = currentScore(r.data);
    if (input.level !== 'all' && riskLevel(score) !== input.level) return false;
    if (input.likelihood !== null && input.impact !== null) {
      const l = r.data.residualLikelihood ?? r.data.likelihood;
      const i = r.data.residualImpact ?? r.data.impact;
      if (l !== input.likelihood || i !== input.impact || r.data.type !== 'risk') return false;
    }
    return true;
  });
  const records = everyRow
    ? kept
    : kept.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
  const counts = new Map<string, { open: number; total: number }>();
  for (const a of followUpActions(
    ctx.db,
    KIND,
    records.map((r) => r.id),
  )) {
    const c = counts.get(a.sourceId ?? '') ?? { open: 0, total: 0 };
    if (a.state !== 'cancelled') c.total++;
    if (PENDING.includes(a.state)) c.open++;
    counts.set(a.sourceId ?? '', c);
  }
  const names = userNames(
    ctx.db,
    records.map((r) => r.ownerId),
  );
  const rows: RiskRow[] = records.map((r) => {
    const d = r.data;
    const residual = residualScore(d);
    const liveNow = RISK_OPEN_STATES.includes(r.state as 'identified');
    return {
      id: r.id,
      code: r.code,
      title: r.title,
      type: d.type,
      typeLabel: RISK_TYPE_LABELS[d.type],
      state: r.state,
      stateLabel: riskKind.stateLabels[r.state as 'identified'] ?? r.state,
      processName: d.processName,
      processCode: d.processCode,
      description: d.description,
      cause: d.cause,
      consequence: d.consequence,
      benefit: d.benefit,
      likelihood: d.likelihood,
      impact: d.impact,
      score: inherentScore(d),
      level: riskLevel(inherentScore(d)),
      residualLikelihood: d.residualLikelihood,
      residualImpact: d.residualImpact,
      residualScore: residual,
      residualLevel: residual === null ? null : riskLevel(residual),
      treatmentLabel: d.treatment ? TREATMENT_LABELS[d.treatment] : '',
      identifiedOn: d.identifiedOn,
      reviewOn: d.reviewOn,
      reviewDue: liveNow && d.reviewOn <= today,
      ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
      actionsOpen: counts.get(r.id)?.open ?? 0,
      actionsTotal: counts.get(r.id)?.total ?? 0,
    };
  });
  return { rows, total: kept.length, scale: DEFAULT_RISK_SCALE, heatInherent, heatCurrent };
}

const COLUMNS = [
  { header: 'STT', width: 5 },
  { header: 'Mã', width: 13 },
  { header: 'Loại', width: 8 },
  { header: 'Quá trình', width: 26 },
  { header: 'Rủi ro / cơ hội', width: 36 },
  { header: 'Nguyên nhân', width: 28 },
  { header: 'Hậu quả / lợi ích', width: 28 },
  { header: 'Khả năng (1-5)', width: 9 },
  { header: 'Ảnh hưởng (1-5)', width: 9 },
  { header: 'Điểm', width: 7 },
  { header: 'Mức', width: 11 },
  { header: 'Biện pháp xử lý', width: 16 },
  { header: 'Hành động (đang / tổng)', width: 11 },
  { header: 'Điểm sau xử lý', width: 9 },
  { header: 'Mức sau xử lý', width: 11 },
  { header: 'Người phụ trách', width: 20 },
  { header: 'Ngày xem xét lại', width: 12 },
  { header: 'Trạng thái', width: 20 },
];

export const riskHandlers: PartialHandlers = {
  'risks.processes': (ctx) => riskProcesses(ctx),
  'risks.create': (ctx, input) => createRisk(ctx, input),
  'risks.list': (ctx, input) => riskRegister(ctx, input),
  'risks.exportExcel': (ctx, input) => {
    const { rows } = riskRegister(ctx, input, true);
    return registerExcel(ctx, {
      file: 'so-dang-ky-rui-ro-co-hoi',
      sheet: 'Rủi ro, cơ hội',
      title: 'SỔ ĐĂNG KÝ RỦI RO VÀ CƠ HỘI',
      columns: COLUMNS,
      rows: rows.map((r, i) => [
        i + 1,
        r.code,
        r.typeLabel,
        r.processName,
        r.title,
        r.cause,
        r.type === 'risk' ? r.consequence : r.benefit,
        r.likelihood,
        r.impact,
        r.score,
        levelLabel(r.level),
        r.treatmentLabel,
        `${r.actionsOpen}/${r.actionsTotal}`,
        r.residualScore ?? '',
        r.residualLevel ? levelLabel(r.residualLevel) : '',
        r.ownerName ?? 'Chưa giao',
        formatIsoDate(r.reviewOn),
        r.stateLabel,
      ]),
      red: (i) => {
        const r = rows[i];
        return [...(r?.level === 'high' ? [11] : []), ...(r?.reviewDue ? [17] : [])];
      },
    });
  },
};
