// What the province published for the quality system, as the pull kept it in sync_feed: the
// newest valid version of each key of one feed kind, withdrawn ones left out. The body is
// parsed again with the core schema (a row stored by an older version is checked anew).
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { FeedKind } from '../../core/sync/protocol';
import type { Db, Tx } from '../../db/open';
import { syncFeed } from '../../db/schema';

export interface Published<B> {
  readonly body: B;
  readonly version: number;
  readonly publishedAt: number;
  readonly serverSeq: number;
}

export function newestPublished<B extends { readonly withdrawn: boolean }>(
  db: Db | Tx,
  kind: FeedKind,
  schema: z.ZodType<B>,
  /** Keep the keys whose newest version is withdrawn (to know the province touched them). */
  withdrawn = false,
): Map<string, Published<B>> {
  const rows = db
    .select()
    .from(syncFeed)
    .where(and(eq(syncFeed.kind, kind), isNull(syncFeed.error)))
    .orderBy(desc(syncFeed.version))
    .all();
  const newest = new Map<string, Published<B>>();
  for (const row of rows) {
    if (newest.has(row.key)) continue;
    const parsed = schema.safeParse(row.body);
    if (parsed.success)
      newest.set(row.key, {
        body: parsed.data,
        version: row.version,
        publishedAt: row.publishedAt,
        serverSeq: row.serverSeq,
      });
  }
  if (!withdrawn) for (const [key, m] of newest) if (m.body.withdrawn) newest.delete(key);
  return newest;
}
