// Management reviews in services: plan a meeting (a leader chairs; the period runs from the day
// after the last review held, or 1 January, to the meeting), the year's list, one review with
// its 9.3.2 inputs assembled live from the office's data while planned, the notes, resources
// and decisions typed in, and the hold (qms.transition 'hold'), whose effect freezes the inputs
// and the decided actions into the record so later data never changes the minutes.
import { and, eq, inArray, like } from 'drizzle-orm';
import { addCivilDays } from '../../core/calendar/civil-time';
import type { OpOutput, OpParsed } from '../../core/contract';
import { AppError } from '../../core/errors';
import { formatIsoDate } from '../../core/forms/format';
import type { QmsRecord } from '../../core/qms';
import { reviewKind, type ReviewData, type ReviewState } from '../../core/qms/review';
import { assembleReviewInputs, type ReviewInput } from '../../core/qms/review-inputs';
import type { Db, Tx } from '../../db/open';
import { qmsRecords, users } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { nextRecordCode } from './codes';
import {
  actorOf,
  followUpActions,
  insertRecord,
  loadRecord,
  todayOf,
  toRecord,
  updateRecord,
  type Effect,
} from './records';
import { collectReviewFacts, previousHeld } from './review-facts';
import { recordView, userNames } from './views';

export type Review = QmsRecord<ReviewData>;
const KIND = 'review';
const MANAGERS = ['leader', 'iso_coordinator'];

export const loadReview = (db: Db | Tx, id: string): Review => loadRecord(db, id, KIND) as Review;

const isManager = (ctx: Ctx) => actorOf(ctx).roles.some((r) => MANAGERS.includes(r));
const mayEdit = (ctx: Ctx, r: Review) => r.state === 'planned' && isManager(ctx);

function requireManager(ctx: Ctx, what: string): void {
  if (!isManager(ctx))
    throw new AppError('FORBIDDEN', `Chỉ lãnh đạo hoặc Thư ký ISO được ${what}.`);
}

/** The meeting's people exist and may sit; the date follows the last review held. */
function meetingData(db: Db | Tx, input: OpParsed<'reviews.plan'>, selfId: string | null) {
  if (!input.chairId)
    throw new AppError('INVALID_INPUT', 'Phải chọn người chủ trì cuộc họp (lãnh đạo UBND xã).');
  const ids = [input.chairId, input.secretaryId, ...input.participantIds].filter(
    (x): x is string => x !== null,
  );
  const found = new Map(
    db
      .select()
      .from(users)
      .where(inArray(users.id, [...new Set(ids)]))
      .all()
      .map((u) => [u.id, u]),
  );
  const chair = found.get(input.chairId);
  if (!chair || chair.disabled || !chair.roles.includes('leader'))
    throw new AppError(
      'INVALID_INPUT',
      'Người chủ trì phải là lãnh đạo UBND xã (tài khoản đang hoạt động).',
    );
  for (const id of ids) {
    const u = found.get(id);
    if (!u || u.disabled)
      throw new AppError('INVALID_INPUT', 'Người tham dự không tồn tại hoặc đã bị khóa.');
  }
  const last = previousHeld(db, '9999-12-31', selfId);
  if (last && input.date <= last.data.date)
    throw new AppError(
      'INVALID_INPUT',
      `Ngày họp phải sau cuộc họp xem xét gần nhất (${last.code}, ngày ${formatIsoDate(last.data.date)}).`,
    );
  const year = Number(input.date.slice(0, 4));
  return {
    year,
    date: input.date,
    periodFrom: last ? addCivilDays(last.data.date, 1) : `${year}-01-01`,
    periodTo: input.date,
    chairId: input.chairId,
    secretaryId: input.secretaryId,
    participantIds: [...new Set(input.participantIds)].filter(
      (p) => p !== input.chairId && p !== input.secretaryId,
    ),
    guests: input.guests,
  };
}

const titleOf = (date: string) => `Họp xem xét của lãnh đạo ngày ${formatIsoDate(date)}`;

function reviewsWhere(db: Db | Tx, where: ReturnType<typeof eq>): Review[] {
  return db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, KIND), where))
    .all()
    .map((r) => toRecord(r) as Review);
}

function planReview(ctx: Ctx, input: OpParsed<'reviews.plan'>) {
  requireManager(ctx, 'lập kế hoạch họp xem xét của lãnh đạo');
  const actor = actorOf(ctx);
  return write(ctx, (tx) => {
    const planned = reviewsWhere(tx, eq(qmsRecords.state, 'planned'))[0];
    if (planned)
      throw new AppError(
        'CONFLICT',
        `Đã có cuộc họp ${planned.code} đang chuẩn bị: cập nhật hoặc hủy cuộc họp đó trước.`,
      );
    const data = meetingData(tx, input, null);
    const record = insertRecord(tx, ctx.now(), actor, {
      kind: KIND,
      code: nextRecordCode(tx, KIND, 'XXLD', String(data.year)),
      title: titleOf(data.date),
      ownerId: data.secretaryId ?? actor.id,
      dueDate: data.date,
      data,
    });
    return {
      result: { id: record.id, code: record.code },
      audit: {
        operation: 'qms.review.create',
        entity: 'qms_review',
        entityId: record.id,
        summary: `Lập kế hoạch ${record.title} (${record.code})`,
      },
    };
  });
}

/** Writes a changed review in one transaction with its history line and audit row. */
function saveReview(
  ctx: Ctx,
  id: string,
  rev: number | null,
  change: (tx: Tx, r: Review) => { data: Partial<ReviewData>; extra?: object; comment: string },
): Review {
  const actor = actorOf(ctx);
  return write(ctx, (tx) => {
    const r = loadReview(tx, id);
    if (!mayEdit(ctx, r))
      throw new AppError(
        r.state === 'planned' ? 'FORBIDDEN' : 'CONFLICT',
        r.state === 'planned'
          ? 'Chỉ lãnh đạo hoặc Thư ký ISO được cập nhật cuộc họp xem xét.'
          : `Cuộc họp ${r.code} đã ${reviewKind.stateLabels[r.state as ReviewState].toLowerCase()}: không sửa được nữa.`,
      );
    if (rev !== null && r.rev !== rev)
      throw new AppError('CONFLICT', 'Cuộc họp đã được người khác cập nhật. Vui lòng tải lại.');
    const { data, extra, comment } = change(tx, r);
    const next = updateRecord(tx, ctx.now(), actor, r, { data, ...extra }, comment) as Review;
    return {
      result: next,
      audit: {
        operation: 'qms.review.edit',
        entity: 'qms_review',
        entityId: r.id,
        summary: `${r.code}: ${comment}`,
      },
    };
  });
}

/** The inputs as the screen and the minutes show them: frozen once held, else live. */
export function inputsOf(ctx: Ctx, r: Review) {
  if (r.data.inputs) return { inputs: r.data.inputs, live: false };
  return { inputs: liveInputs(ctx, r, todayOf(ctx)), live: true };
}

/** The inputs assembled now from the office's data, in the frozen (stored) shape. */
function liveInputs(ctx: Ctx, r: Review, today: string) {
  return assembleReviewInputs(collectReviewFacts(ctx, r, today)).map((i: ReviewInput) => ({
    ...i,
    lines: [...i.lines],
    figures: { ...i.figures },
  }));
}

export function reviewDetail(ctx: Ctx, r: Review): OpOutput<'reviews.get'> {
  const d = r.data;
  const names = userNames(ctx.db, [d.chairId, d.secretaryId, ...d.participantIds]);
  const prev = previousHeld(ctx.db, d.date, r.id);
  return {
    record: recordView(ctx.db, r, actorOf(ctx), todayOf(ctx)),
    people: Object.fromEntries(names),
    ...inputsOf(ctx, r),
    previous: prev ? { id: prev.id, code: prev.code, date: prev.data.date } : null,
    mayEdit: mayEdit(ctx, r),
  };
}

/** The decided actions as the minutes list them. */
export function decidedActions(db: Db | Tx, reviewId: string) {
  const actions = followUpActions(db, KIND, [reviewId]).filter((a) => a.state !== 'cancelled');
  const names = userNames(
    db,
    actions.map((a) => a.ownerId),
  );
  return actions.map((a) => ({
    title: a.title,
    description: typeof a.data['description'] === 'string' ? a.data['description'] : '',
    ownerName: a.ownerId ? (names.get(a.ownerId) ?? '') : '',
    dueDate: a.dueDate,
  }));
}

/** Holding the meeting freezes what was discussed and decided. */
const holdEffect: Effect = (e) => {
  const r = e.after as Review;
  return {
    inputs: liveInputs(e.ctx, r, e.today),
    decidedActions: decidedActions(e.tx, r.id),
  };
};

export const REVIEW_EFFECTS: Readonly<Record<string, Effect>> = { 'review.hold': holdEffect };

function reviewRows(ctx: Ctx, year: number): OpOutput<'reviews.list'> {
  const rows = reviewsWhere(ctx.db, like(qmsRecords.code, `XXLD-${year}-%`)).filter(
    (r) => r.data.year === year,
  );
  const names = userNames(
    ctx.db,
    rows.map((r) => r.data.chairId),
  );
  const actions = followUpActions(
    ctx.db,
    KIND,
    rows.map((r) => r.id),
  ).filter((a) => a.state !== 'cancelled');
  return rows
    .map((r) => {
      const mine = actions.filter((a) => a.sourceId === r.id);
      return {
        id: r.id,
        code: r.code,
        date: r.data.date,
        periodFrom: r.data.periodFrom,
        periodTo: r.data.periodTo,
        chairName: names.get(r.data.chairId) ?? '',
        state: r.state,
        stateLabel: reviewKind.stateLabels[r.state as ReviewState] ?? r.state,
        actions: mine.length,
        actionsOpen: mine.filter((a) => a.state === 'open' || a.state === 'done').length,
      };
    })
    .sort((a, b) => a.date.localeCompare(b.date) || a.code.localeCompare(b.code));
}

export const reviewHandlers: PartialHandlers = {
  'reviews.options': (ctx) => {
    const last = previousHeld(ctx.db, '9999-12-31', null);
    return {
      people: ctx.db
        .select()
        .from(users)
        .where(eq(users.disabled, false))
        .all()
        .map((u) => ({
          id: u.id,
          fullName: u.fullName,
          title: u.title,
          leader: u.roles.includes('leader'),
        }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
      lastHeld: last ? { id: last.id, code: last.code, date: last.data.date } : null,
    };
  },
  'reviews.list': (ctx, input) => reviewRows(ctx, input.year),
  'reviews.plan': (ctx, input) => planReview(ctx, input),
  'reviews.get': (ctx, input) => reviewDetail(ctx, loadReview(ctx.db, input.id)),
  'reviews.savePlan': (ctx, input) => {
    const next = saveReview(ctx, input.id, input.rev, (tx, r) => {
      const data = meetingData(tx, input, r.id);
      return {
        data,
        extra: { title: titleOf(data.date), dueDate: data.date },
        comment: 'Cập nhật thời gian, thành phần cuộc họp',
      };
    });
    return reviewDetail(ctx, next);
  },
  'reviews.note': (ctx, input) => {
    const next = saveReview(ctx, input.id, null, (_tx, r) => {
      if (input.key === 'decisions')
        return { data: { decisions: input.text }, comment: 'Ghi kết luận, quyết định' };
      if (input.key === 'resources')
        return { data: { resources: input.text }, comment: 'Ghi nội dung nguồn lực' };
      return {
        data: { notes: { ...r.data.notes, [input.key]: input.text } },
        comment: 'Ghi ý kiến về đầu vào xem xét',
      };
    });
    return { rev: next.rev };
  },
};
