// Citizens' ratings taken at the desk when a generated dossier was returned, written as the
// return's own transaction writes them (services/desk/flow.ts → insertRating): a 'rating'
// quality record on the dossier with its 'create' history line, and the return's audit row
// saying so. More citizens were asked as the years went by; a late result pleases fewer.
import { civilDateOf } from '../../core/calendar/civil-time';
import { uuid7, type Rng } from '../../core/demo/rng';
import { DEFAULT_RATING_SCALE, ratingData } from '../../core/qms/rating';
import { fold } from '../../core/text/fold';
import { qmsHistory, qmsRecords } from '../../db/schema';
import { inserter, type Sqlite } from './bulk';
import type { User } from './office';

const COMMENTS = [
  'Chờ lâu hơn giấy hẹn',
  'Công chức hướng dẫn chưa rõ',
  'Phải đi lại nhiều lần',
  'Nơi chờ chật, thiếu ghế',
];

/** The audit summary of a return that took a rating (flow.ts). */
export const RATED_RETURN = 'trả kết quả, ghi đánh giá sự hài lòng';

export interface Rated {
  readonly dossierId: string;
  readonly code: string;
  readonly returnedAt: number;
  readonly outcome: string | null;
  readonly year: number;
  readonly by: User;
}

/** Ratings of returns; `firstYear` is the history's first (fewer were asked then). */
export function ratingWriter(sqlite: Sqlite, rng: Rng, firstYear: number) {
  const insertRecord = inserter(sqlite, qmsRecords, [
    'id',
    'kind',
    'state',
    'code',
    'title',
    'searchText',
    'parentId',
    'ownerId',
    'dueDate',
    'sourceKind',
    'sourceId',
    'fileSha256',
    'data',
    'rev',
    'createdBy',
    'createdAt',
    'updatedAt',
  ]);
  const insertHistory = inserter(sqlite, qmsHistory, [
    'id',
    'recordId',
    'kind',
    'at',
    'userId',
    'userName',
    'transition',
    'fromState',
    'toState',
    'comment',
  ]);
  const levels = DEFAULT_RATING_SCALE.levels;
  const criteriaKeys = DEFAULT_RATING_SCALE.criteria.map((c) => c.key);

  /** Whether this return is rated (decided before the return's audit row is written). */
  const rated = (year: number): boolean =>
    rng.chance(0.42 + 0.3 * Math.max(0, Math.min(1, (year - firstYear) / 10)));

  const write = (d: Rated): void => {
    const satisfied = rng.chance(d.outcome === 'late' ? 0.55 : 0.955);
    const level = (satisfied ? levels[0] : levels[1])?.key ?? 'satisfied';
    const criteria: Record<string, string> = {};
    if (rng.chance(0.25))
      for (const key of criteriaKeys)
        criteria[key] = satisfied || rng.chance(0.4) ? (levels[0]?.key ?? level) : level;
    const comment = !satisfied && rng.chance(0.5) ? rng.pick(COMMENTS) : '';
    const title = `Đánh giá hồ sơ ${d.code}`;
    const id = uuid7(d.returnedAt, rng);
    const data = ratingData.parse({
      dossierCode: d.code,
      scaleId: DEFAULT_RATING_SCALE.id,
      level,
      satisfied,
      criteria,
      comment,
      channel: 'desk',
      ratedOn: civilDateOf(d.returnedAt),
      returnedOn: civilDateOf(d.returnedAt),
    });
    insertRecord({
      id,
      kind: 'rating',
      state: 'recorded',
      code: d.code,
      title,
      searchText: fold(`${d.code} ${title}`),
      parentId: null,
      ownerId: null,
      dueDate: null,
      sourceKind: 'dossier',
      sourceId: d.dossierId,
      fileSha256: null,
      data: JSON.stringify(data),
      rev: 1,
      createdBy: d.by.id,
      createdAt: d.returnedAt,
      updatedAt: d.returnedAt,
    });
    insertHistory({
      id: uuid7(d.returnedAt, rng),
      recordId: id,
      kind: 'rating',
      at: d.returnedAt,
      userId: d.by.id,
      userName: d.by.fullName,
      transition: 'create',
      fromState: null,
      toState: 'recorded',
      comment: '',
    });
  };
  return { rated, write };
}
