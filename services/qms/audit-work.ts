// The auditor's work on an audit besides the checklist: a random sample of real dossiers of the
// audited procedures in a period, each with what to check; and the findings, where a major or
// minor nonconformity opens a nonconformity record in the same transaction, linked both ways
// (finding.data.nonconformityId, nonconformity.sourceKind 'finding').
import { randomInt } from 'node:crypto';
import { and, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { addCivilDays, dayNumberOf, startOfDayNumber } from '../../core/calendar/civil-time';
import { AppError } from '../../core/errors';
import { drawSample, type AuditData, type SampleItem } from '../../core/qms/audit';
import { FINDING_TYPE_LABELS, isNcFinding } from '../../core/qms/finding';
import type { Tx } from '../../db/open';
import { dossierSteps, dossiers, procedures, users } from '../../db/schema';
import { newId, write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { areaDocuments } from './audit-plan';
import {
  auditDetail,
  findingsOf,
  loadAudit,
  requireTeam,
  saveAudit,
  startIfApproved,
  type Audit,
} from './audits';
import { nextNcCode } from './nonconformity';
import { actorOf, insertRecord, todayOf } from './records';

const random = () => randomInt(0, 2 ** 32) / 2 ** 32;

/** The dossiers of the audited procedures received in [from, to], drawn at random. */
export function sampleDossiers(
  ctx: Ctx,
  a: Audit,
  size: number,
  from: string,
  to: string,
): SampleItem[] {
  const codes = areaDocuments(ctx.db, a.data.documentIds)
    .map((d) => d.procedureCode)
    .filter((c): c is string => c !== null);
  if (codes.length === 0)
    throw new AppError(
      'INVALID_INPUT',
      'Phạm vi đánh giá chưa có quy trình thủ tục hành chính nào để lấy mẫu hồ sơ.',
    );
  const procs = ctx.db
    .select({ id: procedures.id })
    .from(procedures)
    .where(inArray(procedures.code, codes))
    .all()
    .map((p) => p.id);
  const start = startOfDayNumber(dayNumberOf(from));
  const end = startOfDayNumber(dayNumberOf(to) + 1);
  const pool = ctx.db
    .select({ id: dossiers.id })
    .from(dossiers)
    .where(
      and(
        inArray(dossiers.procedureId, procs),
        gte(dossiers.receivedAt, start),
        lt(dossiers.receivedAt, end),
      ),
    )
    .all()
    .map((d) => d.id);
  if (pool.length === 0)
    throw new AppError(
      'INVALID_INPUT',
      'Không có hồ sơ nào của các quy trình này trong kỳ đã chọn.',
    );
  const ids = drawSample(pool, size, random);
  const rows = ctx.db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      procedureName: procedures.name,
      receivedAt: dossiers.receivedAt,
      dueAt: dossiers.dueAt,
      returnedAt: dossiers.returnedAt,
      outcome: dossiers.outcome,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(inArray(dossiers.id, ids))
    .all();
  const steps = new Map(
    ctx.db
      .select({
        dossierId: dossierSteps.dossierId,
        n: count(),
        late: sql<number>`sum(case when ${dossierSteps.outcome} = 'late' then 1 else 0 end)`,
      })
      .from(dossierSteps)
      .where(inArray(dossierSteps.dossierId, ids))
      .groupBy(dossierSteps.dossierId)
      .all()
      .map((s) => [s.dossierId, s]),
  );
  return rows
    .sort((x, y) => x.receivedAt - y.receivedAt)
    .map((d) => ({
      dossierId: d.id,
      code: d.code,
      procedureName: d.procedureName,
      receivedAt: d.receivedAt,
      dueAt: d.dueAt,
      returnedAt: d.returnedAt,
      outcome: d.outcome,
      steps: steps.get(d.id)?.n ?? 0,
      lateSteps: Number(steps.get(d.id)?.late ?? 0),
      receivedOk: null,
      stepsOk: null,
      formsOk: null,
      note: '',
    }));
}

/** A change by the audit team; the first one starts an approved audit. */
function change(
  ctx: Ctx,
  id: string,
  rev: number | null,
  fn: (a: Audit) => { data: Partial<AuditData>; comment: string },
): Audit {
  return saveAudit(ctx, id, rev, (tx, found) => {
    requireTeam(ctx, found);
    const base = startIfApproved(tx, ctx, found);
    return { base, ...fn(base) };
  });
}

type FindingInput = Parameters<NonNullable<PartialHandlers['audits.addFinding']>>[1];

/** A finding (and its nonconformity when it is one) of a running audit, in `tx`. */
export function insertFinding(
  tx: Tx,
  ctx: Ctx,
  a: Audit,
  input: Omit<FindingInput, 'auditId'> & { readonly externalRef?: string | null },
  comment = '',
) {
  const actor = actorOf(ctx);
  const today = todayOf(ctx);
  const nc = isNcFinding(input.type);
  const deadline = input.deadline ?? addCivilDays(today, 30);
  if (nc && deadline < today)
    throw new AppError('INVALID_INPUT', 'Hạn khắc phục không được ở trong quá khứ.');
  if (input.checklistItemId && !a.data.checklist.some((i) => i.id === input.checklistItemId))
    throw new AppError('NOT_FOUND', 'Không tìm thấy câu hỏi trong danh mục.');
  if (input.dossierId && !a.data.sample.some((s) => s.dossierId === input.dossierId))
    throw new AppError('INVALID_INPUT', 'Hồ sơ không thuộc mẫu của cuộc đánh giá.');
  const ownerId = input.ownerId ?? a.data.auditeeIds[0] ?? null;
  if (nc) {
    const owner = ownerId ? tx.select().from(users).where(eq(users.id, ownerId)).get() : undefined;
    if (!owner || owner.disabled)
      throw new AppError(
        'INVALID_INPUT',
        'Người phụ trách khắc phục không tồn tại hoặc đã bị khóa.',
      );
  }
  const n = findingsOf(tx, a.id).length + 1;
  const code = `${a.code}-PH${String(n).padStart(2, '0')}`;
  const id = newId();
  const now = ctx.now();
  // Whoever is on the audit team writes findings and opens their nonconformities as auditor.
  const auditor = { ...actor, roles: [...actor.roles, 'internal_auditor' as const] };
  let nonconformityId: string | null = null;
  if (nc) {
    const title = `${FINDING_TYPE_LABELS[input.type]} điều ${input.clause}: ${input.description}`;
    const record = insertRecord(tx, now, auditor, {
      kind: 'nonconformity',
      code: nextNcCode(tx, today.slice(0, 4)),
      title: title.length > 300 ? `${title.slice(0, 297)}...` : title,
      ownerId,
      dueDate: deadline,
      sourceKind: 'finding',
      sourceId: id,
      data: {
        source: 'internal_audit',
        description:
          `Phát hiện ${code} của cuộc đánh giá ${a.code} (${a.data.area}).\n${input.description}` +
          (input.evidence ? `\nBằng chứng: ${input.evidence}` : ''),
        detectedOn: today,
        deadline,
      },
    });
    nonconformityId = record.id;
  }
  const finding = insertRecord(
    tx,
    now,
    auditor,
    {
      id,
      kind: 'finding',
      code,
      title: input.description.slice(0, 300),
      parentId: a.id,
      data: {
        auditId: a.id,
        type: input.type,
        clause: input.clause,
        description: input.description,
        evidence: input.evidence,
        checklistItemId: input.checklistItemId,
        dossierId: input.dossierId,
        nonconformityId,
        externalRef: input.externalRef ?? null,
      },
    },
    comment,
  );
  return {
    result: { id: finding.id, code, nonconformityId },
    audit: {
      operation: 'qms.finding.create',
      entity: 'qms_finding',
      entityId: finding.id,
      summary: `${a.code}: phát hiện ${code} (${FINDING_TYPE_LABELS[input.type]}, điều ${input.clause})`,
    },
  };
}

function addFinding(ctx: Ctx, input: FindingInput) {
  return write(ctx, (tx) => {
    const found = loadAudit(tx, input.auditId);
    requireTeam(ctx, found);
    return insertFinding(tx, ctx, startIfApproved(tx, ctx, found), input);
  });
}

export const auditWorkHandlers: PartialHandlers = {
  'audits.drawSample': (ctx, input) => {
    if (input.to < input.from)
      throw new AppError(
        'INVALID_INPUT',
        'Ngày kết thúc kỳ lấy mẫu không được trước ngày bắt đầu.',
      );
    const a = loadAudit(ctx.db, input.id);
    requireTeam(ctx, a);
    const sample = sampleDossiers(ctx, a, input.size, input.from, input.to);
    const next = change(ctx, input.id, input.rev, () => ({
      data: { sample, sampleFrom: input.from, sampleTo: input.to },
      comment: `Lấy mẫu ngẫu nhiên ${sample.length} hồ sơ`,
    }));
    return auditDetail(ctx, next);
  },
  'audits.checkSample': (ctx, input) => {
    const next = change(ctx, input.id, null, (a) => {
      const item = a.data.sample.find((s) => s.dossierId === input.dossierId);
      if (!item) throw new AppError('NOT_FOUND', 'Hồ sơ không thuộc mẫu của cuộc đánh giá.');
      const { receivedOk, stepsOk, formsOk, note } = input;
      return {
        data: {
          sample: a.data.sample.map((s) =>
            s === item ? { ...s, receivedOk, stepsOk, formsOk, note } : s,
          ),
        },
        comment: `Kiểm tra hồ sơ mẫu ${item.code}`,
      };
    });
    return { rev: next.rev };
  },
  'audits.addFinding': (ctx, input) => addFinding(ctx, input),
};
