// What the dashboard publishes: the procedure catalog (one 'catalog' entry per procedure,
// keyed by its national code) and a year's calendar (one 'calendar' entry keyed by the year),
// each at the next version of its key, and the feed's history.
import { and, desc, eq, inArray, max } from 'drizzle-orm';
import type { FeedHistoryEntry, PublishedCalendar } from '../../core/sync/admin';
import type { YearOverrides } from '../../core/calendar/calendar-schema';
import type { ProcedureCatalog } from '../../core/catalog/schema';
import type { FeedKind } from '../../core/sync/protocol';
import { yearOverridesSchema } from '../../core/calendar/calendar-schema';
import type { Db } from '../database/connect';
import { feed, provinceUsers } from '../database/schema/index';
import { publishFeed } from '../sync/feed';

const HISTORY_LIMIT = 300;

/** Next version of each key. Two publishers racing for the same version get a 409 from the
 * feed's unique (kind, key, version), so a retry is always safe. */
export const nextVersions = async (db: Db, kind: FeedKind, keys: readonly string[]) => {
  const rows = await db
    .select({ key: feed.key, version: max(feed.version) })
    .from(feed)
    .where(and(eq(feed.kind, kind), inArray(feed.key, [...keys])))
    .groupBy(feed.key);
  const current = new Map(rows.map((r) => [r.key, Number(r.version ?? 0)]));
  return (k: string) => (current.get(k) ?? 0) + 1;
};

export const publishCatalog = async (
  db: Db,
  catalog: Readonly<ProcedureCatalog>,
  userId: string,
  now: number,
) => {
  const next = await nextVersions(
    db,
    'catalog',
    catalog.procedures.map((p) => p.code),
  );
  return publishFeed(
    db,
    catalog.procedures.map((p) => ({
      kind: 'catalog',
      key: p.code,
      version: next(p.code),
      body: p,
    })),
    userId,
    now,
  );
};

export const publishCalendar = async (
  db: Db,
  year: Readonly<YearOverrides>,
  userId: string,
  now: number,
) => {
  const key = String(year.year);
  const next = await nextVersions(db, 'calendar', [key]);
  const [row] = await publishFeed(
    db,
    [{ kind: 'calendar', key, version: next(key), body: year }],
    userId,
    now,
  );
  return { published: row ? [row] : [], version: next(key) };
};

export const publishedCalendar = async (db: Db, year: number): Promise<PublishedCalendar> => {
  const [row] = await db
    .select()
    .from(feed)
    .where(and(eq(feed.kind, 'calendar'), eq(feed.key, String(year))))
    .orderBy(desc(feed.version))
    .limit(1);
  const body = row ? yearOverridesSchema.safeParse(row.body) : null;
  return {
    year,
    version: row?.version ?? null,
    publishedAt: row?.publishedAt.getTime() ?? null,
    body: body?.success ? body.data : null,
  };
};

export const feedHistory = async (db: Db): Promise<FeedHistoryEntry[]> => {
  const rows = await db
    .select({
      serverSeq: feed.serverSeq,
      kind: feed.kind,
      key: feed.key,
      version: feed.version,
      publishedAt: feed.publishedAt,
      publishedBy: provinceUsers.displayName,
    })
    .from(feed)
    .leftJoin(provinceUsers, eq(provinceUsers.id, feed.publishedBy))
    .orderBy(desc(feed.serverSeq))
    .limit(HISTORY_LIMIT);
  return rows.map((r) => ({
    ...r,
    kind: r.kind as FeedKind,
    publishedAt: r.publishedAt.getTime(),
  }));
};
