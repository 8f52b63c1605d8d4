// Notices from the province ('notice' feed entries kept in sync_feed by the pull or a reply
// file): the newest version of each, shown on the home screen while in force.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import { noticeBody, noticeShown, type NoticeView } from '../../core/sync/notice';
import type { Db } from '../../db/open';
import { syncFeed } from '../../db/schema';

/** Notices in force on the Vietnam civil day of `now`: important ones first, then newest. */
export function officeNotices(db: Db, now: number): NoticeView[] {
  const rows = db
    .select()
    .from(syncFeed)
    .where(and(eq(syncFeed.kind, 'notice'), isNull(syncFeed.error)))
    .orderBy(desc(syncFeed.version))
    .all();
  const newest = new Map<string, NoticeView>();
  for (const row of rows) {
    if (newest.has(row.key)) continue; // an older version of a notice already taken
    const parsed = noticeBody.safeParse(row.body);
    if (!parsed.success) continue;
    newest.set(row.key, {
      ...parsed.data,
      key: row.key,
      version: row.version,
      publishedAt: row.publishedAt,
    });
  }
  const today = civilDateOf(now);
  return [...newest.values()]
    .filter((n) => noticeShown(n, today))
    .sort((a, b) => Number(b.important) - Number(a.important) || b.publishedAt - a.publishedAt);
}
