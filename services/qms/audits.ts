// Internal audits in services: the year's programme (one record per audit: area, month), the
// plan (checked for auditor independence, a closed year, people that exist), the checklist
// edited per audit and answered one question at a time (the first answer starts the audit).
// Moves (approve, start, report, cancel) go through qms.transition; AUDIT_EFFECTS re-check the
// plan's people when the leader approves it.
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import type { OpOutput, OpParsed } from '../../core/contract';
import { ROLE_LABELS } from '../../core/auth/roles';
import { AppError } from '../../core/errors';
import type { QmsRecord } from '../../core/qms';
import {
  CHECK_RESULT_LABELS,
  buildChecklist,
  checklistProgress,
  compareClauses,
} from '../../core/qms/audit-checklist';
import { auditKind, teamOf, type AuditData, type AuditState } from '../../core/qms/audit';
import { FINDING_TYPE_LABELS, isNcFinding, type FindingData } from '../../core/qms/finding';
import { nonconformityKind } from '../../core/qms/nonconformity';
import type { Db, Tx } from '../../db/open';
import { qmsRecords, users } from '../../db/schema';
import { newId, write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import {
  areaDocuments,
  checkOpenYear,
  checkPlanPeople,
  clauseList,
  declaredNotApplicable,
} from './audit-plan';
import {
  actorOf,
  applyTransition,
  insertRecord,
  loadRecord,
  todayOf,
  toRecord,
  updateRecord,
  type Effect,
} from './records';
import { evidenceOf } from './audit-evidence';
import { recordView, userNames } from './views';

export type Audit = QmsRecord<AuditData>;
const MANAGERS = ['leader', 'iso_coordinator'];

export const loadAudit = (db: Db | Tx, id: string): Audit => loadRecord(db, id, 'audit') as Audit;

export function findingsOf(db: Db | Tx, auditId: string): QmsRecord<FindingData>[] {
  return db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, 'finding'), eq(qmsRecords.parentId, auditId)))
    .orderBy(qmsRecords.code)
    .all()
    .map((r) => toRecord(r) as QmsRecord<FindingData>);
}

const isManager = (ctx: Ctx) => actorOf(ctx).roles.some((r) => MANAGERS.includes(r));

function mayEditPlan(ctx: Ctx, a: Audit): boolean {
  const me = actorOf(ctx).id;
  return a.state === 'planned' && (isManager(ctx) || a.data.leadAuditorId === me);
}

export function auditDetail(ctx: Ctx, a: Audit): OpOutput<'audits.get'> {
  const actor = actorOf(ctx);
  const findings = findingsOf(ctx.db, a.id);
  const ncIds = findings.map((f) => f.data.nonconformityId).filter((x): x is string => !!x);
  const ncs = new Map(
    (ncIds.length
      ? ctx.db.select().from(qmsRecords).where(inArray(qmsRecords.id, ncIds)).all()
      : []
    ).map((r) => [r.id, r]),
  );
  const files = evidenceOf(
    ctx.db,
    findings.map((f) => f.id),
  );
  const names = userNames(ctx.db, [
    ...teamOf(a.data),
    ...a.data.auditeeIds,
    ...findings.map((f) => f.createdBy),
    ...[...files.values()].flat().map((e) => e.createdBy),
  ]);
  const clauses = clauseList(ctx.db, ctx.resourcesDir);
  return {
    record: recordView(ctx.db, a, actor, todayOf(ctx)),
    people: Object.fromEntries(names),
    documents: areaDocuments(ctx.db, a.data.documentIds).map((d) => ({
      id: d.id,
      code: d.code,
      title: d.title,
    })),
    clauseTitles: Object.fromEntries(clauses.clauses.map((c) => [c.clause, c.title])),
    findings: findings.map((f) => {
      const nc = f.data.nonconformityId ? ncs.get(f.data.nonconformityId) : undefined;
      return {
        id: f.id,
        code: f.code,
        state: f.state,
        type: f.data.type,
        typeLabel: FINDING_TYPE_LABELS[f.data.type],
        clause: f.data.clause,
        description: f.data.description,
        evidence: f.data.evidence,
        createdByName: f.createdBy ? (names.get(f.createdBy) ?? '') : '',
        nonconformity: nc
          ? {
              id: nc.id,
              code: nc.code,
              stateLabel: nonconformityKind.stateLabels[nc.state as 'open'] ?? nc.state,
            }
          : null,
        files: (files.get(f.id) ?? []).map((e) => ({
          id: e.id,
          fileName: e.data.fileName,
          mime: e.data.mime,
          size: e.data.size,
          addedByName: e.createdBy ? (names.get(e.createdBy) ?? '') : '',
        })),
      };
    }),
    onTeam: actor.id !== null && teamOf(a.data).includes(actor.id),
    mayEditPlan: mayEditPlan(ctx, a),
  };
}

function nextCode(tx: Tx, year: number): string {
  const prefix = `DGNB-${year}-`;
  const row = tx
    .select({ n: sql<number>`count(*)` })
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, 'audit'), like(qmsRecords.code, `${prefix}%`)))
    .get();
  return `${prefix}${String((row?.n ?? 0) + 1).padStart(2, '0')}`;
}

type PlanInput = Omit<OpParsed<'audits.savePlan'>, 'id' | 'rev'>;

function planData(input: PlanInput) {
  return {
    month: input.month,
    area: input.area,
    scope: input.scope,
    criteria: input.criteria,
    date: input.date,
    leadAuditorId: input.leadAuditorId,
    auditorIds: input.auditorIds.filter((x) => x !== input.leadAuditorId),
    auditeeIds: input.auditeeIds,
    documentIds: [...new Set(input.documentIds)],
  };
}

function createAudit(ctx: Ctx, input: OpParsed<'audits.create'>) {
  const actor = actorOf(ctx);
  checkOpenYear(input.year, input.date, todayOf(ctx));
  const file = clauseList(ctx.db, ctx.resourcesDir);
  const excluded = declaredNotApplicable(ctx.db, ctx.resourcesDir);
  const checklist = buildChecklist(file, input.clauses, excluded);
  if (checklist.length === 0)
    throw new AppError('INVALID_INPUT', 'Các điều khoản đã chọn đều không áp dụng.');
  const data = {
    year: input.year,
    ...planData(input),
    criteria:
      input.criteria || 'TCVN ISO 9001:2015; các quy trình ISO và văn bản pháp luật liên quan',
    checklist,
  };
  checkPlanPeople(ctx.db, auditKind.data.parse(data));
  return write(ctx, (tx) => {
    const record = insertRecord(tx, ctx.now(), actor, {
      kind: 'audit',
      code: nextCode(tx, input.year),
      title: input.area,
      ownerId: input.leadAuditorId,
      dueDate: input.date,
      data,
    });
    return {
      result: { id: record.id, code: record.code },
      audit: {
        operation: 'qms.audit.create',
        entity: 'qms_audit',
        entityId: record.id,
        summary: `Lập kế hoạch đánh giá nội bộ ${record.code} ${record.title}`,
      },
    };
  });
}

/** Writes a changed audit in one transaction with its audit row. */
export function saveAudit(
  ctx: Ctx,
  id: string,
  rev: number | null,
  change: (
    tx: Tx,
    a: Audit,
  ) => { base?: Audit; data?: Partial<AuditData>; extra?: object; comment: string },
): Audit {
  const actor = actorOf(ctx);
  return write(ctx, (tx) => {
    const a = loadAudit(tx, id);
    if (rev !== null && a.rev !== rev)
      throw new AppError(
        'CONFLICT',
        'Cuộc đánh giá đã được người khác cập nhật. Vui lòng tải lại.',
      );
    const { base, data, extra, comment } = change(tx, a);
    const next = updateRecord(
      tx,
      ctx.now(),
      actor,
      base ?? a,
      { data: data as Record<string, unknown>, ...extra },
      comment,
    ) as Audit;
    return {
      result: next,
      audit: {
        operation: 'qms.audit.edit',
        entity: 'qms_audit',
        entityId: a.id,
        summary: `${a.code}: ${comment}`,
      },
    };
  });
}

export function requireTeam(ctx: Ctx, a: Audit): void {
  const me = actorOf(ctx).id;
  if (!me || !teamOf(a.data).includes(me))
    throw new AppError(
      'FORBIDDEN',
      'Chỉ đánh giá viên trong đoàn đánh giá mới thực hiện được việc này.',
    );
  if (a.state !== 'approved' && a.state !== 'in_progress')
    throw new AppError(
      'CONFLICT',
      `Cuộc đánh giá đang ở trạng thái "${auditKind.stateLabels[a.state as AuditState]}": chưa được duyệt hoặc đã kết thúc.`,
    );
}

/** The first answer or sample check of an approved audit starts it. */
export function startIfApproved(tx: Tx, ctx: Ctx, a: Audit): Audit {
  return a.state === 'approved'
    ? (applyTransition(tx, ctx, actorOf(ctx), a, 'start', {}) as Audit)
    : a;
}

/** The year's programme: its audits by month, with progress and findings counted. */
export function auditRows(ctx: Ctx, year: number) {
  const rows = ctx.db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, 'audit'), like(qmsRecords.code, `DGNB-${year}-%`)))
    .all()
    .map((r) => toRecord(r) as Audit);
  const names = userNames(
    ctx.db,
    rows.map((r) => r.data.leadAuditorId),
  );
  return rows
    .map((a) => {
      const findings = findingsOf(ctx.db, a.id).filter((f) => f.state !== 'cancelled');
      const p = checklistProgress(a.data.checklist);
      return {
        id: a.id,
        code: a.code,
        year: a.data.year,
        month: a.data.month,
        area: a.data.area,
        date: a.data.date,
        state: a.state,
        stateLabel: auditKind.stateLabels[a.state as AuditState] ?? a.state,
        leadAuditorName: a.data.leadAuditorId ? (names.get(a.data.leadAuditorId) ?? null) : null,
        answered: p.answered,
        questions: p.total,
        findings: findings.length,
        nonconformities: findings.filter((f) => isNcFinding(f.data.type)).length,
      };
    })
    .sort((a, b) => a.month - b.month || a.code.localeCompare(b.code));
}

export const AUDIT_EFFECTS: Readonly<Record<string, Effect>> = {
  'audit.approve': (e) => checkPlanPeople(e.tx, e.after.data as AuditData),
};

export const auditHandlers: PartialHandlers = {
  'audits.options': (ctx) => {
    const file = clauseList(ctx.db, ctx.resourcesDir);
    const excluded = new Set(declaredNotApplicable(ctx.db, ctx.resourcesDir));
    return {
      documents: areaDocuments(ctx.db).map((d) => ({
        id: d.id,
        code: d.code,
        title: d.title,
        roles: [...d.roles],
      })),
      people: ctx.db
        .select()
        .from(users)
        .where(eq(users.disabled, false))
        .all()
        .map((u) => ({
          id: u.id,
          fullName: u.fullName,
          roleLabels: u.roles.map((r) => ROLE_LABELS[r]),
        }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
      clauses: [...file.clauses]
        .sort((a, b) => compareClauses(a.clause, b.clause))
        .map((c) => ({ clause: c.clause, title: c.title, applicable: !excluded.has(c.clause) })),
    };
  },
  'audits.list': (ctx, input) => auditRows(ctx, input.year),
  'audits.create': (ctx, input) => {
    if (!isManager(ctx))
      throw new AppError('FORBIDDEN', 'Chỉ lãnh đạo hoặc Thư ký ISO lập chương trình đánh giá.');
    return createAudit(ctx, input);
  },
  'audits.get': (ctx, input) => auditDetail(ctx, loadAudit(ctx.db, input.id)),
  'audits.savePlan': (ctx, input) => {
    const next = saveAudit(ctx, input.id, input.rev, (tx, a) => {
      if (!mayEditPlan(ctx, a))
        throw new AppError(
          a.state === 'planned' ? 'FORBIDDEN' : 'CONFLICT',
          a.state === 'planned'
            ? 'Chỉ lãnh đạo, Thư ký ISO hoặc trưởng đoàn được sửa kế hoạch.'
            : 'Kế hoạch đã được phê duyệt, không sửa được nữa.',
        );
      const data = planData(input);
      checkOpenYear(a.data.year, data.date, todayOf(ctx));
      checkPlanPeople(tx, { ...a.data, ...data });
      return {
        data,
        extra: { title: data.area, ownerId: data.leadAuditorId, dueDate: data.date },
        comment: 'Cập nhật kế hoạch đánh giá',
      };
    });
    return auditDetail(ctx, next);
  },
  'audits.editChecklist': (ctx, input) => {
    const excluded = new Set(declaredNotApplicable(ctx.db, ctx.resourcesDir));
    const next = saveAudit(ctx, input.id, input.rev, (_tx, a) => {
      const may =
        mayEditPlan(ctx, a) ||
        (teamOf(a.data).includes(actorOf(ctx).id ?? '') &&
          a.state !== 'reported' &&
          a.state !== 'cancelled');
      if (!may)
        throw new AppError(
          'FORBIDDEN',
          'Bạn không được sửa danh mục câu hỏi của cuộc đánh giá này.',
        );
      const bad = input.items.find((i) => excluded.has(i.clause));
      if (bad)
        throw new AppError(
          'INVALID_INPUT',
          `Điều khoản ${bad.clause} đã được công bố là không áp dụng.`,
        );
      const old = new Map(a.data.checklist.map((i) => [i.id, i]));
      const checklist = input.items.map((i) => {
        const before = i.id ? old.get(i.id) : undefined;
        const same = before && before.question === i.question && before.clause === i.clause;
        return {
          id: before?.id ?? `q-${newId()}`,
          clause: i.clause,
          question: i.question,
          result: same ? before.result : null,
          note: same ? before.note : '',
        };
      });
      return { data: { checklist }, comment: `Sửa danh mục câu hỏi (${checklist.length} câu)` };
    });
    return auditDetail(ctx, next);
  },
  'audits.answer': (ctx, input) => {
    const next = saveAudit(ctx, input.id, null, (tx, found) => {
      requireTeam(ctx, found);
      const a = startIfApproved(tx, ctx, found);
      const item = a.data.checklist.find((i) => i.id === input.itemId);
      if (!item) throw new AppError('NOT_FOUND', 'Không tìm thấy câu hỏi trong danh mục.');
      const checklist = a.data.checklist.map((i) =>
        i.id === item.id ? { ...i, result: input.result, note: input.note } : i,
      );
      const label = input.result ? CHECK_RESULT_LABELS[input.result] : 'chưa đánh giá';
      return { base: a, data: { checklist }, comment: `Điều ${item.clause}: ${label}` };
    });
    const p = checklistProgress(next.data.checklist);
    return { rev: next.rev, answered: p.answered, total: p.total };
  },
};
