// A notice the province publishes to every office (a 'notice' feed entry): a title, the text,
// whether it is important, and the last day it is shown. Each notice has its own key (a uuid
// the server gives it); correcting or withdrawing it publishes the next version of that key,
// and offices show only the newest version of each.
import { z } from 'zod';
import { isoDate } from '../catalog/schema';
import { safeText } from './protocol';

const text = (label: string, max: number) =>
  safeText(0, max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `Nhập ${label}`).max(max, `${label} quá dài (tối đa ${max} ký tự)`));

export const noticeBody = z.object({
  title: text('tiêu đề', 200),
  body: text('nội dung', 5000),
  important: z.boolean().default(false),
  /** Last Vietnam civil day the notice is shown ('YYYY-MM-DD'); null: until withdrawn. */
  showUntil: isoDate.nullable().default(null),
  /** A withdrawn notice is no longer shown anywhere. */
  withdrawn: z.boolean().default(false),
});
export type NoticeBody = z.infer<typeof noticeBody>;

/** The dashboard's request: a new notice, or (with its key) a new version of one. */
export const publishNoticeRequest = noticeBody.extend({ key: z.uuid().optional() }).strict();
export type PublishNoticeRequest = z.input<typeof publishNoticeRequest>;

/** A notice as a screen shows it: its newest version. */
export const noticeView = z.object({
  key: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  important: z.boolean(),
  showUntil: z.string().nullable(),
  withdrawn: z.boolean(),
  publishedAt: z.number(),
});
export type NoticeView = z.infer<typeof noticeView>;

/** Shown on `today` (a Vietnam civil date): not withdrawn and not past its last day. */
export const noticeShown = (n: Pick<NoticeView, 'withdrawn' | 'showUntil'>, today: string) =>
  !n.withdrawn && (n.showUntil === null || n.showUntil >= today);
