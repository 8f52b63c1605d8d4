// Citizens' ratings (core/qms/rating.ts) in services: one per returned dossier, recorded in the
// return's own transaction when taken at the desk, or later from a paper slip; checked against
// the scale in force. The scale is the default until the province publishes one.
import { and, desc, eq, sql } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { OpParsed } from '../../core/contract';
import { AppError } from '../../core/errors';
import type { Actor, QmsRecord } from '../../core/qms';
import {
  checkRating,
  DEFAULT_RATING_SCALE,
  isSatisfied,
  ratingScaleBody,
  type RatingChannel,
  type ScaleInForce,
} from '../../core/qms/rating';
import { qd766Ratio, satisfactionRate, type Window } from '../../core/qms/indicators';
import type { Db, Tx } from '../../db/open';
import { dossiers, qmsRecords } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { newestPublished } from './feed-bodies';
import { loadFacts } from './indicator-facts';
import { actorOf, insertRecord, todayOf, toRecord } from './records';
import { recordView } from './views';

const KIND = 'rating';

/** The scale ratings are taken on now: the one the province published last (not withdrawn),
 * else the default. */
export function ratingScaleOf(ctx: Pick<Ctx, 'db'>, db: Db | Tx = ctx.db): ScaleInForce {
  const published = [...newestPublished(db, 'rating_scale', ratingScaleBody).values()];
  const last = published.sort((a, b) => b.serverSeq - a.serverSeq)[0];
  if (!last) return { ...DEFAULT_RATING_SCALE, version: 0 };
  const { id, name, levels, criteria } = last.body;
  return { id, name, levels, criteria, version: last.version };
}

/** The dossier's rating still in force (not voided), if any. Found by the (source kind,
 * source id) index: `+kind` and `+state` keep the planner, which has no statistics, from
 * walking every rating of the office by the (kind, state) indexes instead (100,000 rows in a
 * ten-year office, on every return with a rating). */
export function activeRating(db: Db | Tx, dossierId: string): QmsRecord | null {
  const row = db
    .select()
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.sourceKind, 'dossier'),
        eq(qmsRecords.sourceId, dossierId),
        sql`+${qmsRecords.kind} = ${KIND}`,
        sql`+${qmsRecords.state} = 'recorded'`,
      ),
    )
    .orderBy(desc(qmsRecords.createdAt))
    .get();
  return row ? toRecord(row) : null;
}

export interface RatedDossier {
  readonly id: string;
  readonly code: string;
  readonly returnedAt: number;
}

export interface RatingInput {
  readonly level: string;
  readonly criteria: Readonly<Record<string, string>>;
  readonly comment: string;
}

/** Inserts the rating of a returned dossier in `tx` (history and outbox with it). */
export function insertRating(
  tx: Tx,
  ctx: Ctx,
  actor: Actor,
  dossier: RatedDossier,
  choice: RatingInput,
  channel: RatingChannel,
  ratedOn: string,
): QmsRecord {
  const scale = ratingScaleOf(ctx, tx);
  const problem = checkRating(scale, choice);
  if (problem) throw new AppError('INVALID_INPUT', problem);
  if (activeRating(tx, dossier.id))
    throw new AppError(
      'CONFLICT',
      `Hồ sơ ${dossier.code} đã có đánh giá. Muốn sửa, hãy hủy đánh giá nhập nhầm trước.`,
    );
  return insertRecord(tx, ctx.now(), actor, {
    kind: KIND,
    code: dossier.code,
    title: `Đánh giá hồ sơ ${dossier.code}`,
    sourceKind: 'dossier',
    sourceId: dossier.id,
    data: {
      dossierCode: dossier.code,
      scaleId: scale.id,
      scaleVersion: scale.version,
      level: choice.level,
      satisfied: isSatisfied(scale, choice.level),
      criteria: { ...choice.criteria },
      comment: choice.comment,
      channel,
      ratedOn,
      returnedOn: civilDateOf(dossier.returnedAt),
    },
  });
}

function recordFromSlip(ctx: Ctx, input: OpParsed<'ratings.record'>) {
  const actor = actorOf(ctx);
  const today = todayOf(ctx);
  const d = ctx.db
    .select({
      id: dossiers.id,
      code: dossiers.code,
      status: dossiers.status,
      returnedAt: dossiers.returnedAt,
    })
    .from(dossiers)
    .where(eq(dossiers.id, input.dossierId))
    .get();
  if (!d) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
  if (d.status !== 'returned' || d.returnedAt === null)
    throw new AppError(
      'INVALID_INPUT',
      `Hồ sơ ${d.code} chưa trả kết quả nên chưa thể ghi đánh giá sự hài lòng.`,
    );
  const returnedAt = d.returnedAt;
  if (input.ratedOn > today)
    throw new AppError('INVALID_INPUT', 'Ngày đánh giá không được sau ngày hôm nay.');
  if (input.ratedOn < civilDateOf(returnedAt))
    throw new AppError('INVALID_INPUT', 'Ngày đánh giá không được trước ngày trả kết quả.');
  return write(ctx, (tx) => {
    const record = insertRating(
      tx,
      ctx,
      actor,
      { id: d.id, code: d.code, returnedAt },
      input,
      'paper',
      input.ratedOn,
    );
    return {
      result: record,
      audit: {
        operation: 'qms.rating.create',
        entity: 'qms_rating',
        entityId: record.id,
        summary: `Ghi đánh giá sự hài lòng từ phiếu giấy, hồ sơ ${d.code}`,
      },
    };
  });
}

export const ratingHandlers: PartialHandlers = {
  'ratings.figures': (ctx) => {
    actorOf(ctx);
    const today = todayOf(ctx);
    const year = { from: `${today.slice(0, 4)}-01-01`, to: today };
    const month = { from: `${today.slice(0, 7)}-01`, to: today };
    // One read for the year: the month's figures are computed over the same facts.
    const facts = loadFacts(ctx, year);
    const figures = (w: Window) => ({
      ...w,
      satisfaction: satisfactionRate(facts, w),
      qd766: qd766Ratio(facts, w),
    });
    return { month: figures(month), year: figures(year) };
  },
  'ratings.scale': (ctx) => ratingScaleOf(ctx),
  'ratings.record': (ctx, input) =>
    recordView(ctx.db, recordFromSlip(ctx, input), actorOf(ctx), todayOf(ctx)),
  'ratings.ofDossier': (ctx, input) => {
    const record = activeRating(ctx.db, input.dossierId);
    return record ? recordView(ctx.db, record, actorOf(ctx), todayOf(ctx)) : null;
  },
};
