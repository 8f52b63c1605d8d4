// Notices the province publishes to every office: one 'notice' feed entry per notice, keyed by
// a uuid the server gives it; a correction or a withdrawal is the next version of that key.
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { NoticeBody, NoticeView, publishNoticeRequest } from '../../core/sync/notice';
import { noticeBody } from '../../core/sync/notice';
import type { Db } from '../database/connect';
import { feed } from '../database/schema/index';
import { HttpError } from '../http/errors';
import { publishFeed } from '../sync/feed';
import { nextVersions } from './publish';

const LIST_LIMIT = 200;

export const publishNotice = async (
  db: Db,
  input: Readonly<z.output<typeof publishNoticeRequest>>,
  userId: string,
  now: number,
): Promise<{ key: string; version: number }> => {
  const key = input.key ?? randomUUID();
  const version = (await nextVersions(db, 'notice', [key]))(key);
  if (input.key !== undefined && version === 1) {
    throw new HttpError(404, 'NOT_FOUND', 'Không tìm thấy thông báo cần sửa hoặc thu hồi.');
  }
  const body: NoticeBody = {
    title: input.title,
    body: input.body,
    important: input.important,
    showUntil: input.showUntil,
    withdrawn: input.withdrawn,
  };
  await publishFeed(db, [{ kind: 'notice', key, version, body }], userId, now);
  return { key, version };
};

/** The newest version of each notice, most recently published first. */
export const listNotices = async (db: Db): Promise<NoticeView[]> => {
  const newest = db
    .selectDistinctOn([feed.key])
    .from(feed)
    .where(eq(feed.kind, 'notice'))
    .orderBy(feed.key, desc(feed.version))
    .as('newest');
  const rows = await db.select().from(newest).orderBy(desc(newest.serverSeq)).limit(LIST_LIMIT);
  const notices: NoticeView[] = [];
  for (const r of rows) {
    const parsed = noticeBody.safeParse(r.body);
    if (!parsed.success) continue;
    notices.push({
      key: r.key,
      version: r.version,
      ...parsed.data,
      publishedAt: r.publishedAt.getTime(),
    });
  }
  return notices;
};
