// The province's feed: publishing (append-only, versioned) and reading by cursor.
import { asc, gt, sql } from 'drizzle-orm';
import type { FeedEntryInput } from '../../core/sync/admin';
import type { FeedEntry, FeedKind } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { feed } from '../database/schema/index';
import { HttpError } from '../http/errors';

/** Advisory lock serializing publishers, so feed sequence numbers commit in order and a
 * reader's cursor never passes an entry that is still being written. */
const FEED_LOCK = 7402;
/** A page stops growing past this many bytes of bodies (always at least one entry). */
const PAGE_BYTES = 1024 * 1024;

export const publishFeed = async (
  db: Db,
  entries: readonly FeedEntryInput[],
  publishedBy: string,
  now: number,
) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(FEED_LOCK))}, 0)`);
    const rows = await tx
      .insert(feed)
      .values(
        entries.map((e) => ({
          kind: e.kind,
          key: e.key,
          version: e.version,
          body: e.body,
          publishedAt: new Date(now),
          publishedBy,
        })),
      )
      .onConflictDoNothing()
      .returning({ serverSeq: feed.serverSeq, kind: feed.kind, key: feed.key });
    if (rows.length !== entries.length) {
      throw new HttpError(409, 'CONFLICT', 'Phiên bản này đã được công bố trước đó.');
    }
    return rows;
  });

export const readFeed = async (db: Db, cursor: number, limit: number) => {
  const rows = await db
    .select()
    .from(feed)
    .where(gt(feed.serverSeq, cursor))
    .orderBy(asc(feed.serverSeq))
    .limit(limit + 1);
  const entries: FeedEntry[] = [];
  let bytes = 0;
  for (const r of rows.slice(0, limit)) {
    const size = JSON.stringify(r.body ?? null).length;
    if (entries.length > 0 && bytes + size > PAGE_BYTES) break;
    bytes += size;
    entries.push({
      serverSeq: r.serverSeq,
      kind: r.kind as FeedKind,
      key: r.key,
      version: r.version,
      body: r.body,
      publishedAt: r.publishedAt.getTime(),
    });
  }
  const last = entries.at(-1);
  return {
    entries,
    nextCursor: last ? last.serverSeq : cursor,
    more: rows.length > entries.length,
  };
};
