// The record mechanism's operations: any transition of any kind, a record and its history,
// the inbox, and the shared action kind.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { kindOf } from '../../core/qms';
import type { Db } from '../../db/open';
import { qmsHistory, qmsRecords, users } from '../../db/schema';
import type { PartialHandlers } from '../handlers';
import { promoteDue } from './document-effects';
import { AFTER_COMMIT, EFFECTS } from './effects';
import { inboxOf } from './inbox';
import { actorOf, createRecord, loadRecord, runTransition, todayOf, toRecord } from './records';
import { recordView, recordViews } from './views';

/** A follow-up of a quality-system record needs that record, in a state that takes actions. */
function checkActionSource(db: Db, sourceKind: string | null, sourceId: string | null): void {
  const kind = sourceKind === null ? undefined : kindOf(sourceKind);
  if (!kind) return;
  const source = loadRecord(db, sourceId ?? '', kind.kind);
  if (kind.acceptsActions && !kind.acceptsActions.includes(source.state))
    throw new AppError(
      'CONFLICT',
      `Không thể thêm hành động khi ${kind.label.toLowerCase()} đang ở trạng thái "${kind.stateLabels[source.state] ?? source.state}".`,
    );
}

export const qmsHandlers: PartialHandlers = {
  'qms.transition': async (ctx, input) => {
    const next = runTransition(ctx, input, EFFECTS);
    await AFTER_COMMIT[`${next.kind}.${input.transition}`]?.(ctx, next);
    // An approval effective today takes effect at once.
    promoteDue(ctx);
    return recordView(ctx.db, loadRecord(ctx.db, input.id), actorOf(ctx), todayOf(ctx));
  },
  'qms.get': (ctx, input) =>
    recordView(ctx.db, loadRecord(ctx.db, input.id), actorOf(ctx), todayOf(ctx)),
  'qms.history': (ctx, input) => {
    const record = loadRecord(ctx.db, input.id);
    const kind = kindOf(record.kind);
    const label = (s: string | null) => (s === null ? null : (kind?.stateLabels[s] ?? s));
    return ctx.db
      .select()
      .from(qmsHistory)
      .where(eq(qmsHistory.recordId, record.id))
      .orderBy(asc(qmsHistory.at), asc(qmsHistory.id))
      .all()
      .map((h) => ({
        at: h.at,
        userName: h.userName,
        transition: h.transition,
        label:
          h.transition === 'create'
            ? 'tạo mới'
            : h.transition === 'edit'
              ? 'cập nhật nội dung'
              : (kind?.transitions[h.transition]?.label ?? h.transition),
        fromState: h.fromState,
        fromLabel: label(h.fromState),
        toState: h.toState,
        toLabel: label(h.toState) ?? h.toState,
        comment: h.comment,
      }));
  },
  'qms.inbox': (ctx) => {
    promoteDue(ctx);
    return inboxOf(ctx, actorOf(ctx), todayOf(ctx), ctx.now());
  },
  'actions.create': (ctx, input) => {
    const actor = actorOf(ctx);
    if (input.dueDate < todayOf(ctx))
      throw new AppError('INVALID_INPUT', 'Hạn hoàn thành không được ở trong quá khứ.');
    const owner = ctx.db
      .select({ id: users.id, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, input.ownerId))
      .get();
    if (!owner || owner.disabled)
      throw new AppError('INVALID_INPUT', 'Người được giao không tồn tại hoặc đã bị khóa.');
    checkActionSource(ctx.db, input.sourceKind, input.sourceId);
    const record = createRecord(
      ctx,
      {
        kind: 'action',
        title: input.title,
        ownerId: input.ownerId,
        dueDate: input.dueDate,
        sourceKind: input.sourceKind,
        sourceId: input.sourceId,
        data: { description: input.description },
      },
      actor,
    );
    return recordView(ctx.db, record, actor, todayOf(ctx));
  },
  'actions.list': (ctx, input) => {
    const actor = actorOf(ctx);
    const conditions = [eq(qmsRecords.kind, 'action')];
    if (input.mine) conditions.push(eq(qmsRecords.ownerId, actor.id ?? ''));
    if (input.open) conditions.push(inArray(qmsRecords.state, ['open', 'done']));
    if (input.sourceKind !== undefined)
      conditions.push(eq(qmsRecords.sourceKind, input.sourceKind));
    if (input.sourceId !== undefined) conditions.push(eq(qmsRecords.sourceId, input.sourceId));
    const rows = ctx.db
      .select()
      .from(qmsRecords)
      .where(and(...conditions))
      .orderBy(asc(qmsRecords.dueDate), asc(qmsRecords.createdAt))
      .limit(2000)
      .all();
    return recordViews(ctx.db, rows.map(toRecord), actor, todayOf(ctx));
  },
};
