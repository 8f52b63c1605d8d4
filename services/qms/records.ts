// The one way quality-system records change, for every kind: create a record, or apply a
// transition its kind allows (core/qms). Each writes the row, its history line and the
// outbox ops inside the caller's transaction; createRecord / runTransition wrap that in
// write(), which adds the audit row. Kinds never write their own copy of this.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import { civilDateOf } from '../../core/calendar/civil-time';
import { AppError } from '../../core/errors';
import {
  checkTransition,
  kindOf,
  mayCreate,
  SYSTEM_ACTOR,
  type Actor,
  type Patch,
  type QmsRecord,
  type RecordKind,
  type TransitionInput,
} from '../../core/qms';
import { fold } from '../../core/text/fold';
import type { Db, Tx } from '../../db/open';
import { qmsHistory, qmsRecords } from '../../db/schema';
import { newId, requireUser, write, type Ctx } from '../context';
import { enqueueAll } from '../sync/outbox';

export type RecordRow = typeof qmsRecords.$inferSelect;

const SEED_NAMESPACE = '6b1f3c2e-4d5a-5e6f-8a7b-9c0d1e2f3a4b';
/** A stable id for seed data, derived from a name ('document:QT-HT-01'). */
export const seedId = (name: string): string => uuidv5(name, SEED_NAMESPACE);
type AnyKind = RecordKind<string, Record<string, unknown>>;

export function toRecord(row: Readonly<RecordRow>): QmsRecord {
  return { ...row, data: row.data };
}

export function requireKind(name: string): AnyKind {
  const kind = kindOf(name);
  if (!kind) throw new AppError('INVALID_INPUT', 'Loại hồ sơ không tồn tại.');
  return kind;
}

export function loadRecord(db: Db | Tx, id: string, kind?: string): QmsRecord {
  const row = db.select().from(qmsRecords).where(eq(qmsRecords.id, id)).get();
  if (!row || (kind !== undefined && row.kind !== kind)) throw new AppError('NOT_FOUND');
  return toRecord(row);
}

/** The condition for the actions of these records, found by the (source kind, source id)
 * index: `+kind` keeps the planner, which has no statistics, from walking every action of the
 * office by the kind indexes instead (thousands of rows for a page of fifty sources). */
export function actionsOfSources(sourceKind: string, sourceIds: readonly string[]): SQL {
  return and(
    sql`+${qmsRecords.kind} = 'action'`,
    eq(qmsRecords.sourceKind, sourceKind),
    inArray(qmsRecords.sourceId, [...sourceIds]),
  ) as SQL;
}

/** The actions (shared kind) that follow up the given records of one kind, oldest first. */
export function followUpActions(
  db: Db | Tx,
  sourceKind: string,
  sourceIds: readonly string[],
): QmsRecord[] {
  if (sourceIds.length === 0) return [];
  return db
    .select()
    .from(qmsRecords)
    .where(actionsOfSources(sourceKind, sourceIds))
    .orderBy(asc(qmsRecords.createdAt), asc(qmsRecords.id))
    .all()
    .map(toRecord);
}

/** For each of these records, its actions still to do or check (open, done) and all but the
 * cancelled ones: the registers' "đang / tổng" column. */
export function actionCounts(
  db: Db | Tx,
  sourceKind: string,
  sourceIds: readonly string[],
): Map<string, { open: number; total: number }> {
  const counts = new Map<string, { open: number; total: number }>();
  if (sourceIds.length === 0) return counts;
  for (const a of db
    .select({ sourceId: qmsRecords.sourceId, state: qmsRecords.state })
    .from(qmsRecords)
    .where(actionsOfSources(sourceKind, sourceIds))
    .all()) {
    const c = counts.get(a.sourceId ?? '') ?? { open: 0, total: 0 };
    if (a.state !== 'cancelled') c.total++;
    if (a.state === 'open' || a.state === 'done') c.open++;
    counts.set(a.sourceId ?? '', c);
  }
  return counts;
}

export function actorOf(ctx: Ctx): Actor {
  const user = requireUser(ctx);
  return { id: user.id, name: user.fullName, roles: user.roles };
}

export const todayOf = (ctx: Ctx): string => civilDateOf(ctx.now());

/** A kind's data after validation, or an INVALID_INPUT error with the first Vietnamese issue. */
function validData(kind: AnyKind, data: unknown): Record<string, unknown> {
  const parsed = kind.data.safeParse(data);
  if (!parsed.success)
    throw new AppError(
      'INVALID_INPUT',
      parsed.error.issues[0]?.message ?? undefined,
      parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`),
    );
  return parsed.data;
}

function historyLine(
  tx: Tx,
  now: number,
  actor: Actor,
  record: QmsRecord,
  transition: string,
  from: string | null,
  comment: string,
  id: string = newId(),
  queue = true,
): void {
  const line = {
    id,
    recordId: record.id,
    kind: record.kind,
    at: now,
    userId: actor.id,
    userName: actor.name,
    transition,
    fromState: from,
    toState: record.state,
    comment,
  };
  tx.insert(qmsHistory).values(line).run();
  if (!queue) return;
  enqueueAll(tx, now, [
    { entity: 'qms_record', entityId: record.id, row: { ...record } },
    { entity: 'qms_history', entityId: line.id, row: { ...line, updatedAt: now } },
  ]);
}

export interface NewRecord {
  /** A fixed id (seed data: the same on every PC of the office, so restore overwrites it). */
  readonly id?: string;
  readonly kind: string;
  readonly code?: string;
  readonly title: string;
  readonly parentId?: string | null;
  readonly ownerId?: string | null;
  readonly dueDate?: string | null;
  readonly sourceKind?: string | null;
  readonly sourceId?: string | null;
  readonly fileSha256?: string | null;
  /** A state other than the kind's initial one (seed data arriving already in force). */
  readonly state?: string;
  /** False for seed data: every PC makes the same rows from resources/, none is pushed. */
  readonly queue?: boolean;
  readonly data: unknown;
}

/** Inserts a record with its 'create' history line and outbox ops, in `tx`. */
export function insertRecord(
  tx: Tx,
  now: number,
  actor: Actor,
  input: NewRecord,
  comment = '',
): QmsRecord {
  const kind = requireKind(input.kind);
  if (!mayCreate(kind as RecordKind<string, unknown>, actor))
    throw new AppError('FORBIDDEN', `Vai trò của bạn không được tạo ${kind.label.toLowerCase()}.`);
  const state = input.state ?? kind.initial;
  if (!kind.states.includes(state)) throw new AppError('INVALID_INPUT');
  const code = input.code ?? '';
  const record: QmsRecord = {
    id: input.id ?? newId(),
    kind: kind.kind,
    state,
    code,
    title: input.title,
    parentId: input.parentId ?? null,
    ownerId: input.ownerId ?? null,
    dueDate: input.dueDate ?? null,
    sourceKind: input.sourceKind ?? null,
    sourceId: input.sourceId ?? null,
    fileSha256: input.fileSha256 ?? null,
    data: validData(kind, input.data),
    rev: 1,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  tx.insert(qmsRecords)
    .values({ ...record, searchText: fold(`${code} ${input.title}`) })
    .run();
  historyLine(
    tx,
    now,
    actor,
    record,
    'create',
    null,
    comment,
    input.id ? seedId(`${input.id}:create`) : undefined,
    input.queue ?? true,
  );
  return record;
}

/** Changes a record outside any transition (editing a draft's content), with history. */
export function updateRecord(
  tx: Tx,
  now: number,
  actor: Actor,
  record: QmsRecord,
  changes: Partial<Pick<QmsRecord, 'code' | 'title' | 'fileSha256' | 'dueDate' | 'ownerId'>> & {
    data?: Record<string, unknown>;
  },
  comment: string,
): QmsRecord {
  const kind = requireKind(record.kind);
  const next: QmsRecord = {
    ...record,
    ...changes,
    data: validData(kind, { ...record.data, ...changes.data }),
    rev: record.rev + 1,
    updatedAt: now,
  };
  save(tx, record, next);
  historyLine(tx, now, actor, next, 'edit', record.state, comment);
  return next;
}

function save(tx: Tx, before: QmsRecord, next: QmsRecord): void {
  const done = tx
    .update(qmsRecords)
    .set({
      state: next.state,
      code: next.code,
      title: next.title,
      searchText: fold(`${next.code} ${next.title}`),
      ownerId: next.ownerId,
      dueDate: next.dueDate,
      fileSha256: next.fileSha256,
      data: next.data,
      rev: next.rev,
      updatedAt: next.updatedAt,
    })
    .where(eq(qmsRecords.id, before.id))
    .run();
  if (done.changes !== 1) throw new AppError('NOT_FOUND');
}

/** What a transition's effect may do: move or create other records (or rows of other tables)
 * in the same transaction, and add to the record's own data before it is saved. */
export interface EffectContext {
  readonly tx: Tx;
  readonly ctx: Ctx;
  readonly now: number;
  readonly today: string;
  readonly actor: Actor;
  readonly before: QmsRecord;
  /** The record as the transition leaves it (saved; its history line follows the effect). */
  readonly after: QmsRecord;
  readonly input: TransitionInput;
}
export type Effect = (e: EffectContext) => Record<string, unknown> | void;

/**
 * Applies transition `name` to `record` as `actor`, inside `tx`: the kind's check (roles,
 * required fields, rules), the patch, the data validated again, the row (rev + 1), history
 * and outbox; then `effect`, if the caller has one for this kind and transition.
 */
export function applyTransition(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  record: QmsRecord,
  name: string,
  input: TransitionInput,
  effect?: Effect,
): QmsRecord {
  const kind = requireKind(record.kind);
  const now = ctx.now();
  const today = civilDateOf(now);
  const check = checkTransition(kind, name, { record, actor, input, today });
  if (!check.ok) throw new AppError(check.failure.code, check.failure.message);
  const patch: Patch<Record<string, unknown>> = check.patch;
  let next: QmsRecord = {
    ...record,
    state: check.to,
    ...(patch.dueDate !== undefined ? { dueDate: patch.dueDate } : {}),
    ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
    data: validData(kind, { ...record.data, ...patch.data }),
    rev: record.rev + 1,
    updatedAt: now,
  };
  save(tx, record, next);
  // The effect sees the record saved (other records' rules read it from the database).
  const extra = effect?.({ tx, ctx, now, today, actor, before: record, after: next, input });
  if (extra) {
    next = { ...next, data: validData(kind, { ...next.data, ...extra }) };
    save(tx, record, next);
  }
  historyLine(tx, now, actor, next, name, record.state, input.comment?.trim() ?? '');
  return next;
}

export interface TransitionRequest extends TransitionInput {
  readonly id: string;
  readonly transition: string;
  /** The rev the user saw: a record changed since then is a CONFLICT, not a double action. */
  readonly rev: number;
}

/** Runs one user transition in one transaction with its audit row; returns the record. */
export function runTransition(
  ctx: Ctx,
  request: TransitionRequest,
  effects: Readonly<Record<string, Effect>>,
): QmsRecord {
  const actor = actorOf(ctx);
  return write(ctx, (tx) => {
    const record = loadRecord(tx, request.id);
    if (record.rev !== request.rev)
      throw new AppError('CONFLICT', 'Hồ sơ đã được người khác cập nhật. Vui lòng tải lại.');
    const kind = requireKind(record.kind);
    const effect = effects[`${record.kind}.${request.transition}`];
    const next = applyTransition(tx, ctx, actor, record, request.transition, request, effect);
    const label = kind.transitions[request.transition]?.label ?? request.transition;
    return {
      result: next,
      audit: {
        operation: `qms.${record.kind}.${request.transition}`,
        entity: `qms_${record.kind}`,
        entityId: record.id,
        summary: `${kind.label} ${[record.code, record.title].filter(Boolean).join(' ')}: ${label}`,
      },
    };
  });
}

/** Creates one record in its own transaction with its audit row. */
export function createRecord(ctx: Ctx, input: NewRecord, actor: Actor = actorOf(ctx)): QmsRecord {
  const kind = requireKind(input.kind);
  return write(ctx, (tx) => {
    const record = insertRecord(tx, ctx.now(), actor, input);
    return {
      result: record,
      audit: {
        operation: `qms.${kind.kind}.create`,
        entity: `qms_${kind.kind}`,
        entityId: record.id,
        summary: `Tạo ${kind.label.toLowerCase()} ${[record.code, record.title].filter(Boolean).join(' ')}`,
      },
    };
  });
}

export { SYSTEM_ACTOR };
