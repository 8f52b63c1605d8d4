// Moving a dossier along: forward step to step, supplement (pause or restart the clock),
// refuse, apology with one extension, stop, return. Each action is checked against
// core/desk/actions for this user, and against the step the caller saw (expectedStep).
import { and, eq } from 'drizzle-orm';
import { civilDateOf, dayNumberOf } from '../../core/calendar/civil-time';
import {
  addWorkingHours,
  classifyStep,
  classifyTiming,
  endOfWorkingDay,
  workingMsBetween,
} from '../../core/calendar/working-time';
import { availableActions, type DossierAction } from '../../core/desk/actions';
import { movedByPause } from '../../core/desk/supplement';
import type { DossierStatus } from '../../core/desk/types';
import { AppError } from '../../core/errors';
import type { Tx } from '../../db/open';
import { dossierEvents, dossierSteps, dossiers, users } from '../../db/schema';
import { newId, requireUser, write, type Ctx, type CurrentUser } from '../context';
import type { PartialHandlers } from '../handlers';
import { insertRating } from '../qms/ratings';
import { enqueueDossierChange } from '../sync/outbox';
import { getDeskSettings, workCalendar } from './calendar';
import { appointment } from './receive';
import { actionState, detailView, loadDossier, type LoadedDossier } from './dossier-view';

const ACTION_NAMES: Readonly<Record<DossierAction, string>> = {
  forward: 'chuyển bước',
  requestSupplement: 'yêu cầu bổ sung',
  resumeSupplement: 'nhận hồ sơ bổ sung',
  refuse: 'từ chối',
  apologize: 'xin lỗi, gia hạn',
  stop: 'dừng giải quyết',
  return: 'trả kết quả',
};

interface Change {
  readonly dossier: Partial<typeof dossiers.$inferInsert>;
  readonly event: { kind: string; data: Record<string, unknown> };
  readonly summary: string;
  readonly extra?: (tx: Tx) => void;
}

/** Checks the action is allowed now, runs it in one transaction, returns the fresh detail. */
function act(
  ctx: Ctx,
  input: { id: string; expectedStep: number },
  action: DossierAction,
  plan: (d: LoadedDossier, user: CurrentUser, now: number) => Change,
) {
  const user = requireUser(ctx);
  const now = ctx.now();
  write(ctx, (tx) => {
    const d = loadDossier(ctx.db, input.id);
    if (d.row.currentStep !== input.expectedStep)
      throw new AppError('CONFLICT', 'Hồ sơ đã được người khác xử lý. Vui lòng tải lại.');
    if (!availableActions(actionState(d, now), user).includes(action)) {
      throw new AppError(
        'FORBIDDEN',
        `Bạn không thể ${ACTION_NAMES[action]} hồ sơ này ở bước hiện tại.`,
      );
    }
    const change = plan(d, user, now);
    tx.update(dossiers)
      .set({ ...change.dossier, updatedAt: now })
      .where(eq(dossiers.id, d.row.id))
      .run();
    change.extra?.(tx);
    tx.insert(dossierEvents)
      .values({ id: newId(), dossierId: d.row.id, at: now, userId: user.id, ...change.event })
      .run();
    enqueueDossierChange(tx, ctx.db, d.row.id, now);
    return {
      result: undefined,
      audit: {
        operation: `dossiers.${action}`,
        entity: 'dossier',
        entityId: d.row.id,
        summary: `${d.row.code}: ${change.summary}`,
      },
    };
  });
  return detailView(ctx, loadDossier(ctx.db, input.id), user);
}

function closeOpen(ctx: Ctx, tx: Tx, d: LoadedDossier, now: number, note = ''): void {
  if (!d.open) return;
  tx.update(dossierSteps)
    .set({ finishedAt: now, outcome: classifyStep(now, d.open.dueAt, workCalendar(ctx)), note })
    .where(eq(dossierSteps.id, d.open.id))
    .run();
}

function finalStatus(
  ctx: Ctx,
  status: DossierStatus,
  now: number,
  summary: string,
  kind: string,
  data: Record<string, unknown>,
  d: LoadedDossier,
): Change {
  return {
    dossier: { status, resolvedAt: now },
    event: { kind, data },
    summary,
    extra: (tx) => closeOpen(ctx, tx, d, now),
  };
}

export const flowHandlers: PartialHandlers = {
  'dossiers.forward': (ctx, input) =>
    act(ctx, input, 'forward', (d, user, now) => {
      const steps = d.version.body.steps;
      const next = steps[d.row.currentStep];
      if (!next || !d.open) throw new AppError('CONFLICT', 'Hồ sơ không còn bước tiếp theo.');
      const to = ctx.db
        .select()
        .from(users)
        .where(and(eq(users.id, input.toUserId), eq(users.disabled, false)))
        .get();
      if (!to || !to.roles.includes(next.role))
        throw new AppError(
          'INVALID_INPUT',
          `Người nhận bước "${next.name}" phải có vai trò phụ trách bước này.`,
        );
      const cal = workCalendar(ctx);
      const last = d.row.currentStep + 1 === steps.length;
      const signed = d.open.role === 'leader';
      return {
        dossier: { currentStep: d.row.currentStep + 1, status: last ? 'ready' : 'processing' },
        event: {
          kind: 'forwarded',
          data: { fromStep: d.open.stepName, toStep: next.name, to: to.fullName, note: input.note },
        },
        summary: `chuyển "${next.name}" cho ${to.fullName}`,
        extra: (tx) => {
          closeOpen(ctx, tx, d, now, input.note);
          tx.insert(dossierSteps)
            .values({
              id: newId(),
              dossierId: d.row.id,
              stepNo: next.no,
              stepName: next.name,
              role: next.role,
              assigneeId: to.id,
              fromUserId: user.id,
              startedAt: now,
              dueAt: addWorkingHours(now, next.hours, cal),
            })
            .run();
          if (signed)
            tx.insert(dossierEvents)
              .values({
                id: newId(),
                dossierId: d.row.id,
                at: now,
                userId: user.id,
                kind: 'result_signed',
                data: {},
              })
              .run();
        },
      };
    }),
  'dossiers.requestSupplement': (ctx, input) =>
    act(ctx, input, 'requestSupplement', (_d, _u, now) => ({
      dossier: { status: 'supplement', pausedAt: now },
      event: { kind: 'supplement_requested', data: { items: input.items, reason: input.reason } },
      summary: `yêu cầu bổ sung ${input.items.length} thành phần`,
    })),
  'dossiers.resumeSupplement': (ctx, input) =>
    act(ctx, input, 'resumeSupplement', (d, _u, now) => {
      const cal = workCalendar(ctx);
      const rule = getDeskSettings(ctx).supplementRule;
      const pausedAt = d.row.pausedAt ?? now;
      // pause: the appointment moves by the working time spent waiting; restart: full limit from now.
      const shiftHours = workingMsBetween(pausedAt, now, cal) / 3_600_000;
      const byDays = d.version.body.timeLimit.unit === 'working_days';
      const move = (t: number) => (rule === 'pause' ? movedByPause(t, shiftHours, byDays, cal) : t);
      const dueAt = rule === 'pause' ? move(d.row.dueAt) : appointment(d.version.body, now, cal);
      const originalDueAt = rule === 'pause' ? move(d.row.originalDueAt) : dueAt;
      const stepHours = d.version.body.steps[d.row.currentStep - 1]?.hours ?? 0;
      const status: DossierStatus =
        d.row.currentStep >= d.version.body.steps.length ? 'ready' : 'processing';
      return {
        dossier: { status, pausedAt: null, dueAt, originalDueAt },
        event: { kind: 'supplement_received', data: { rule, dueAt, note: input.note } },
        summary: `nhận hồ sơ bổ sung, hẹn trả mới ${civilDateOf(dueAt)}`,
        extra: (tx) => {
          if (d.open)
            tx.update(dossierSteps)
              .set({
                dueAt:
                  rule === 'pause'
                    ? addWorkingHours(d.open.dueAt, shiftHours, cal)
                    : addWorkingHours(now, stepHours, cal),
              })
              .where(eq(dossierSteps.id, d.open.id))
              .run();
        },
      };
    }),
  'dossiers.refuse': (ctx, input) =>
    act(ctx, input, 'refuse', (d, _u, now) =>
      finalStatus(
        ctx,
        'refused',
        now,
        'từ chối giải quyết',
        'refused',
        { reason: input.reason },
        d,
      ),
    ),
  'dossiers.stop': (ctx, input) =>
    act(ctx, input, 'stop', (d, _u, now) =>
      finalStatus(ctx, 'stopped', now, 'dừng giải quyết', 'stopped', { reason: input.reason }, d),
    ),
  'dossiers.apologize': (ctx, input) =>
    act(ctx, input, 'apologize', (d) => {
      const cal = workCalendar(ctx);
      if (!cal.isWorkingDay(input.newDueDate))
        throw new AppError('INVALID_INPUT', 'Ngày hẹn mới phải là ngày làm việc.');
      const dueAt = endOfWorkingDay(input.newDueDate, cal);
      if (dayNumberOf(input.newDueDate) <= dayNumberOf(civilDateOf(d.row.dueAt)))
        throw new AppError('INVALID_INPUT', 'Ngày hẹn mới phải sau ngày hẹn trả hiện tại.');
      return {
        dossier: { dueAt, extended: true },
        event: {
          kind: 'apology',
          data: { reason: input.reason, previousDueAt: d.row.dueAt, dueAt },
        },
        summary: `xin lỗi và gia hạn đến ${input.newDueDate}`,
      };
    }),
  'dossiers.return': (ctx, input) =>
    act(ctx, input, 'return', (d, user, now) => {
      // An extension does not make a late dossier on time: the outcome is against the appointment before it.
      const unit = d.version.body.timeLimit.unit;
      const outcome = classifyTiming(now, d.row.originalDueAt, unit, workCalendar(ctx));
      const rating = input.rating;
      return {
        dossier: { status: 'returned', returnedAt: now, resolvedAt: now, outcome },
        event: { kind: 'returned', data: { outcome, note: input.note } },
        summary: rating ? 'trả kết quả, ghi đánh giá sự hài lòng' : 'trả kết quả',
        extra: (tx) => {
          closeOpen(ctx, tx, d, now, input.note);
          if (!rating) return;
          const actor = { id: user.id, name: user.fullName, roles: user.roles };
          const dossier = { id: d.row.id, code: d.row.code, returnedAt: now };
          insertRating(tx, ctx, actor, dossier, rating, 'desk', civilDateOf(now));
        },
      };
    }),
};
