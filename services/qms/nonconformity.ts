// Nonconformities (core/qms/nonconformity.ts) in services: opening one from its source (a
// late dossier pre-fills it and is linked back), the register, and the rules that look at its
// corrective actions — enforced here, inside the transition's own transaction, so a refusal
// writes nothing: planning needs an action, verifying needs every action done and a verifier
// who owns none of them, closing needs every action closed. When the last action is done the
// app moves the nonconformity on by itself.
import { and, count, eq, gte, inArray, like, lt, sql } from 'drizzle-orm';
import { addCivilDays, civilDateOf } from '../../core/calendar/civil-time';
import type { OpOutput, OpParsed } from '../../core/contract';
import { AppError } from '../../core/errors';
import { formatDateTime } from '../../core/forms/format';
import { OUTCOME_LABELS } from '../../core/desk/types';
import { SYSTEM_ACTOR, type QmsRecord } from '../../core/qms';
import {
  NC_OPEN_STATES,
  NC_SOURCE_LABELS,
  nonconformityKind,
  type NonconformityData,
} from '../../core/qms/nonconformity';
import { fold } from '../../core/text/fold';
import type { Db, Tx } from '../../db/open';
import { dossiers, procedures, qmsRecords, users } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { draftFromFeedback } from './feedback';
import { draftFromObjective } from './objectives';
import {
  actionCounts,
  followUpActions,
  actorOf,
  applyTransition,
  insertRecord,
  loadRecord,
  todayOf,
  toRecord,
  type Effect,
} from './records';
import { nextRecordCode } from './codes';
import { userNames } from './views';

const KIND = 'nonconformity';
/** Actions that still need work, and those that count as closed. */
const ACTION_PENDING = ['open', 'done'];

const actionsOf = (db: Db | Tx, ncId: string): QmsRecord[] => followUpActions(db, KIND, [ncId]);

const conflict = (message: string) => new AppError('CONFLICT', message);

/** The rules over the actions, and what the nonconformity's moves do to them. */
export const NONCONFORMITY_EFFECTS: Readonly<Record<string, Effect>> = {
  'nonconformity.plan': (e) => {
    const actions = actionsOf(e.tx, e.after.id).filter((a) => a.state !== 'cancelled');
    if (actions.length === 0)
      throw new AppError(
        'INVALID_INPUT',
        'Phải lập ít nhất một hành động khắc phục trước khi hoàn tất kế hoạch.',
      );
    // Every action already reported done: nothing left to wait for.
    if (actions.every((a) => a.state !== 'open'))
      applyTransition(e.tx, e.ctx, SYSTEM_ACTOR, e.after, 'implement', {});
  },
  'nonconformity.verify': (e) => {
    const actions = actionsOf(e.tx, e.after.id).filter((a) => a.state !== 'cancelled');
    if (actions.some((a) => a.state === 'open'))
      throw conflict('Còn hành động khắc phục chưa thực hiện xong.');
    if (actions.some((a) => a.ownerId === e.actor.id))
      throw new AppError(
        'FORBIDDEN',
        'Người thực hiện hành động khắc phục không tự xác nhận hiệu lực của sự không phù hợp đó.',
      );
    const comment = e.input.comment ?? '';
    for (const a of actions.filter((x) => x.state === 'done'))
      applyTransition(e.tx, e.ctx, e.actor, a, 'verify', { comment });
  },
  'nonconformity.ineffective': (e) => {
    const comment = e.input.comment ?? '';
    for (const a of actionsOf(e.tx, e.after.id).filter((x) => x.state === 'done'))
      applyTransition(e.tx, e.ctx, e.actor, a, 'reopen', { comment });
  },
  'nonconformity.close': (e) => {
    const pending = actionsOf(e.tx, e.after.id).filter((a) => ACTION_PENDING.includes(a.state));
    if (pending.length > 0)
      throw conflict(
        `Chưa thể đóng: còn ${pending.length} hành động khắc phục chưa được kiểm tra hiệu lực.`,
      );
  },
  'nonconformity.cancel': (e) => {
    const comment = `Hủy theo sự không phù hợp: ${e.input.comment ?? ''}`;
    for (const a of actionsOf(e.tx, e.after.id).filter((x) => ACTION_PENDING.includes(x.state)))
      applyTransition(e.tx, e.ctx, e.actor, a, 'cancel', { comment });
  },
};

/** An action of a nonconformity changed: the last one done moves the nonconformity on. */
export const nonconformityFollowUp: Effect = (e) => {
  if (!e.after.sourceId) return;
  const nc = loadRecord(e.tx, e.after.sourceId, KIND);
  if (nc.state !== 'planned') return;
  const actions = actionsOf(e.tx, nc.id).filter((a) => a.state !== 'cancelled');
  if (actions.length > 0 && actions.every((a) => a.state !== 'open'))
    applyTransition(e.tx, e.ctx, SYSTEM_ACTOR, nc, 'implement', {});
};

/** The next SKPH-<year>-NNN (audit findings open nonconformities too). */
export const nextNcCode = (tx: Tx, year: string): string => nextRecordCode(tx, KIND, 'SKPH', year);

function lateDossier(db: Db, id: string, now: number) {
  const d = db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      status: dossiers.status,
      dueAt: dossiers.dueAt,
      originalDueAt: dossiers.originalDueAt,
      receivedAt: dossiers.receivedAt,
      returnedAt: dossiers.returnedAt,
      outcome: dossiers.outcome,
      procedure: procedures.name,
    })
    .from(dossiers)
    .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
    .where(eq(dossiers.id, id))
    .get();
  if (!d) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
  const stillLate = (d.status === 'processing' || d.status === 'ready') && d.dueAt < now;
  if (d.outcome !== 'late' && !stillLate)
    throw new AppError('INVALID_INPUT', `Hồ sơ ${d.code} không trễ hạn.`);
  return d;
}

function draftFromDossier(ctx: Ctx, id: string): OpOutput<'nonconformities.draft'> {
  const now = ctx.now();
  const d = lateDossier(ctx.db, id, now);
  const today = civilDateOf(now);
  const returned = d.returnedAt
    ? `trả kết quả lúc ${formatDateTime(d.returnedAt)} (${OUTCOME_LABELS.late.toLowerCase()})`
    : `đến ${formatDateTime(now)} vẫn chưa có kết quả`;
  return {
    source: 'late_dossier',
    sourceKind: 'dossier',
    sourceId: d.id,
    sourceLabel: `Hồ sơ ${d.code}`,
    title: `Hồ sơ ${d.code} giải quyết quá hạn`,
    description:
      `Hồ sơ ${d.code} (${d.procedure}) tiếp nhận lúc ${formatDateTime(d.receivedAt)}, ` +
      `hẹn trả ${formatDateTime(d.originalDueAt)}, ${returned}.`,
    detectedOn: today,
    deadline: addCivilDays(today, 30),
  };
}

/** The pre-filled nonconformity each kind of source opens in one click. */
const DRAFTERS: Readonly<
  Partial<Record<string, (ctx: Ctx, id: string) => OpOutput<'nonconformities.draft'>>>
> = {
  dossier: draftFromDossier,
  feedback: draftFromFeedback,
  objective: draftFromObjective,
};

/** A nonconformity's source: the dossier or quality-system record it was opened from. */
function checkSource(ctx: Ctx, input: OpParsed<'nonconformities.create'>): void {
  if (input.sourceKind === null) return;
  if (input.sourceId === null) throw new AppError('INVALID_INPUT', 'Thiếu nguồn liên kết.');
  if (input.sourceKind === 'dossier') {
    if (input.source === 'late_dossier') lateDossier(ctx.db, input.sourceId, ctx.now());
    else if (!ctx.db.select().from(dossiers).where(eq(dossiers.id, input.sourceId)).get())
      throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
    return;
  }
  loadRecord(ctx.db, input.sourceId, input.sourceKind);
}

function createNonconformity(ctx: Ctx, input: OpParsed<'nonconformities.create'>) {
  const actor = actorOf(ctx);
  const today = todayOf(ctx);
  if (input.detectedOn > today)
    throw new AppError('INVALID_INPUT', 'Ngày phát hiện không được sau ngày hôm nay.');
  if (input.deadline < input.detectedOn)
    throw new AppError('INVALID_INPUT', 'Hạn khắc phục không được trước ngày phát hiện.');
  checkSource(ctx, input);
  const ownerId = input.ownerId ?? actor.id;
  const owner = ownerId
    ? ctx.db.select().from(users).where(eq(users.id, ownerId)).get()
    : undefined;
  if (!owner || owner.disabled)
    throw new AppError('INVALID_INPUT', 'Người phụ trách không tồn tại hoặc đã bị khóa.');
  return write(ctx, (tx) => {
    const record = insertRecord(tx, ctx.now(), actor, {
      kind: KIND,
      code: nextNcCode(tx, input.detectedOn.slice(0, 4)),
      title: input.title,
      ownerId: owner.id,
      dueDate: input.deadline,
      sourceKind: input.sourceKind,
      sourceId: input.sourceId,
      data: {
        source: input.source,
        description: input.description,
        detectedOn: input.detectedOn,
        deadline: input.deadline,
        correction: input.correction,
      },
    });
    return {
      result: { id: record.id, code: record.code },
      audit: {
        operation: 'qms.nonconformity.create',
        entity: 'qms_nonconformity',
        entityId: record.id,
        summary: `Tạo sự không phù hợp ${record.code} ${record.title}`,
      },
    };
  });
}

export type NcListInput = OpParsed<'nonconformities.list'>;

/** The register's page (every row for `everyRow`: the Excel export), newest first, with
 * their actions counted, and how many rows the filters keep. */
export function ncRows(ctx: Ctx, input: NcListInput, everyRow = false) {
  const today = todayOf(ctx);
  const conditions = [eq(qmsRecords.kind, KIND)];
  if (input.query) conditions.push(like(qmsRecords.searchText, `%${fold(input.query)}%`));
  if (input.state === 'open' || input.state === 'overdue')
    conditions.push(inArray(qmsRecords.state, [...NC_OPEN_STATES]));
  if (input.state === 'overdue') conditions.push(sql`${qmsRecords.dueDate} < ${today}`);
  if (input.state === 'closed' || input.state === 'cancelled')
    conditions.push(eq(qmsRecords.state, input.state));
  if (input.sourceKind) conditions.push(eq(qmsRecords.sourceKind, input.sourceKind));
  if (input.sourceId) conditions.push(eq(qmsRecords.sourceId, input.sourceId));
  // A range on the (kind, code) index: codes are SKPH-<year>-NNN ('.' follows '-').
  if (input.year !== null)
    conditions.push(
      gte(qmsRecords.code, `SKPH-${input.year}-`),
      lt(qmsRecords.code, `SKPH-${input.year}.`),
    );
  const where = and(...conditions);
  const total = ctx.db.select({ n: count() }).from(qmsRecords).where(where).get()?.n ?? 0;
  const query = ctx.db
    .select()
    .from(qmsRecords)
    .where(where)
    .orderBy(sql`${qmsRecords.createdAt} DESC`, sql`${qmsRecords.code} DESC`);
  const records = (
    everyRow
      ? query.all()
      : query
          .limit(input.pageSize)
          .offset((input.page - 1) * input.pageSize)
          .all()
  ).map((r) => toRecord(r) as QmsRecord<NonconformityData>);
  const ids = records.map((r) => r.id);
  const counts = actionCounts(ctx.db, KIND, ids);
  const names = userNames(
    ctx.db,
    records.map((r) => r.ownerId),
  );
  const rows = records.map((r) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    state: r.state,
    stateLabel: nonconformityKind.stateLabels[r.state as 'open'] ?? r.state,
    source: r.data.source,
    sourceLabel: NC_SOURCE_LABELS[r.data.source] ?? r.data.source,
    sourceKind: r.sourceKind,
    sourceId: r.sourceId,
    detectedOn: r.data.detectedOn,
    deadline: r.data.deadline,
    closedOn: r.data.closedOn,
    ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
    overdue: r.dueDate !== null && r.dueDate < today,
    actionsOpen: counts.get(r.id)?.open ?? 0,
    actionsTotal: counts.get(r.id)?.total ?? 0,
  }));
  return { rows, total };
}

export { actionsOf };

export const nonconformityHandlers: PartialHandlers = {
  'qms.people': (ctx) =>
    ctx.db
      .select({ id: users.id, fullName: users.fullName, title: users.title })
      .from(users)
      .where(eq(users.disabled, false))
      .all()
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
  'nonconformities.draft': (ctx, input) => {
    const drafter = DRAFTERS[input.sourceKind];
    if (!drafter) throw new AppError('INVALID_INPUT', 'Chưa hỗ trợ tạo từ nguồn này.');
    return drafter(ctx, input.sourceId);
  },
  'nonconformities.create': (ctx, input) => createNonconformity(ctx, input),
  'nonconformities.list': (ctx, input) => ncRows(ctx, input),
};
