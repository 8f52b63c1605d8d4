// Risks and opportunities (core/qms/risk.ts) in services: identifying one for a process, the
// register's Excel (the register itself: risk-register.ts), and the rules that look at its treatment actions —
// enforced here, inside the transition's own transaction, so a refusal writes nothing: a
// treatment needs an action, re-assessing needs every action carried out (and verifies them, by
// someone who carried out none), closing needs none left open; cancelling cancels the actions still open; the person put in charge must exist.
import { eq } from 'drizzle-orm';
import type { OpParsed } from '../../core/contract';
import { AppError } from '../../core/errors';
import { formatIsoDate } from '../../core/forms/format';
import { RISK_TYPE_LABELS } from '../../core/qms/risk';
import { levelLabel } from '../../core/qms/risk-scale';
import type { Db, Tx } from '../../db/open';
import { procedures, users } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import {
  actorOf,
  applyTransition,
  followUpActions,
  insertRecord,
  todayOf,
  type Effect,
} from './records';
import { registerExcel } from './register-excel';
import { riskRegister } from './risk-register';
import { nextRiskCode, riskProcesses } from './risk-seed';

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
