// Province dashboard API (JSON, session cookie): request and response schemas.
import { z } from 'zod';
import { yearOverridesSchema } from '../calendar/calendar-schema';
import { procedureCatalogSchema } from '../catalog/schema';
import { agencyCode, password, trimmed, username } from '../contract/schemas';
import { FORM_KINDS, FORM_SETS } from '../forms/registry';
import type { FormSetId } from '../forms/registry';
import { appVersionNumber, releaseRecord, stagingPercent, updateFileName } from '../update/release';
import { noticeView } from './notice';
import { FEED_KINDS, safeText } from './protocol';

export const adminLoginRequest = z.object({ username, password });
export const adminLoginResponse = z.object({ username: z.string(), displayName: z.string() });

export const createOfficeRequest = z.object({
  agencyCode,
  name: trimmed('Tên cơ quan', 200).refine((s) => !s.includes('\u0000')),
});
export type CreateOfficeRequest = z.infer<typeof createOfficeRequest>;
export const enrollmentCodeResponse = z.object({
  officeId: z.uuid(),
  /** Shown once; the server keeps only its hash. */
  code: z.string(),
  expiresAt: z.number(),
});
export type EnrollmentCodeResponse = z.infer<typeof enrollmentCodeResponse>;
export const idParams = z.object({ id: z.uuid() });

export const deviceView = z.object({
  id: z.string(),
  name: z.string(),
  enrolledAt: z.number(),
  revokedAt: z.number().nullable(),
  lastSeenAt: z.number().nullable(),
  appVersion: z.string(),
  schemaVersion: z.number(),
  /** The device's outbox as it last reported it (push, pull or sync file); null before. */
  pendingOps: z.number().nullable(),
  rejectedOps: z.number().nullable(),
  pendingReportedAt: z.number().nullable(),
});
/** Sums over the office's active devices; null when none of them has reported yet. */
export const outboxView = z.object({
  pending: z.number().nullable(),
  rejected: z.number().nullable(),
  reportedAt: z.number().nullable(),
});
/** A break in an office's audit trail found by the province (core/audit/continuity.ts). */
export const auditBreakView = z.object({
  foundAt: z.number(),
  deviceId: z.string(),
  kind: z.string(),
  /** The first row that does not hold: its position, id, time on the office PC, summary. */
  seq: z.number(),
  rowId: z.string(),
  rowAt: z.number().nullable(),
  summary: z.string().nullable(),
  message: z.string(),
});
export type AuditBreakView = z.infer<typeof auditBreakView>;
/** The office's audit trail as the province holds it. */
export const auditChainView = z.object({
  /** The last row held (its position and time on the office PC); null before any. */
  lastSeq: z.number().nullable(),
  lastAt: z.number().nullable(),
  breaks: z.number(),
  /** The earliest break recorded, or null when the chain holds. */
  firstBreak: auditBreakView.nullable(),
});
export type AuditChainView = z.infer<typeof auditChainView>;

export const officeSummary = z.object({
  id: z.string(),
  agencyCode: z.string(),
  name: z.string(),
  createdAt: z.number(),
  lastSyncAt: z.number().nullable(),
  devices: z.array(deviceView),
  opCount: z.number(),
  rejectedCount: z.number(),
  outbox: outboxView,
  dossiers: z.object({
    total: z.number(),
    /** Received this calendar month (Vietnam time). */
    thisMonth: z.number(),
    resolved: z.number(),
    onTime: z.number(),
    /** Resolved since 1 January (Vietnam time), and of those early or on time. */
    resolvedThisYear: z.number(),
    onTimeThisYear: z.number(),
    /** Open (processing, waiting for a supplement, or ready) and past the due time now. */
    overdue: z.number(),
  }),
  /** The office's quality system, from the records it pushed (QMS.md "The province"). */
  qms: z.object({
    /** Document revisions in force (effective). */
    inForce: z.number(),
    /** Revisions being drafted or reviewed. */
    drafts: z.number(),
    /** Documents (not external) whose periodic review date has passed. */
    reviewsOverdue: z.number(),
    /** Revisions in force that concern some roles and nobody has acknowledged yet. */
    unacknowledged: z.number(),
  }),
  auditChain: auditChainView,
});
export type OfficeSummary = z.infer<typeof officeSummary>;
export const officesResponse = z.object({ offices: z.array(officeSummary) });

export const feedEntryInput = z.object({
  kind: z.enum(FEED_KINDS),
  key: safeText(1, 200),
  version: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  body: z.unknown().refine((b) => b !== undefined, 'Thiếu nội dung'),
});
export type FeedEntryInput = z.infer<typeof feedEntryInput>;
export const publishFeedRequest = z.union([
  feedEntryInput,
  z.object({ entries: z.array(feedEntryInput).min(1).max(5000) }),
]);
export const publishFeedResponse = z.object({
  published: z.array(z.object({ serverSeq: z.number(), kind: z.string(), key: z.string() })),
});
export const syncFileResult = z.object({
  deviceId: z.string(),
  officeId: z.string(),
  applied: z.number(),
  duplicate: z.number(),
  rejected: z.number(),
  /** Ops waiting for a scan the province does not hold (it was missing on the PC). */
  deferred: z.number(),
  /** Scans the file carried, now verified at the province. */
  files: z.number(),
  /** Part n of m of one export; null for a file written whole. */
  part: z.object({ index: z.number(), count: z.number() }).nullable(),
  /** Where the reply file for this upload starts: the device's feed cursor (from the file)
   * and the lowest op of its export; null for an empty file or one of an older version. */
  feedCursor: z.number().nullable(),
  fromClientSeq: z.number().nullable(),
});
/** GET /v1/admin/devices/:id/reply-file: both optional (all feed entries, newest acks). */
export const replyFileQuery = z.object({
  feedCursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  fromClientSeq: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

export type SyncFileResult = z.infer<typeof syncFileResult>;
export type PublishFeedResponse = z.infer<typeof publishFeedResponse>;

// Drill-down of one office.
export const enrollmentCodeView = z.object({
  createdAt: z.number(),
  expiresAt: z.number(),
  usedAt: z.number().nullable(),
  usedByDevice: z.string().nullable(),
  createdBy: z.string().nullable(),
});
export const procedureFigures = z.object({
  procedureCode: z.string(),
  /** The procedure's name as the office sent it, else as the province published it. */
  procedureName: z.string(),
  total: z.number(),
  thisMonth: z.number(),
  resolvedThisYear: z.number(),
  onTimeThisYear: z.number(),
  overdue: z.number(),
});
export const monthFigures = z.object({
  /** YYYY-MM in Vietnam time. */
  month: z.string(),
  received: z.number(),
  resolved: z.number(),
  onTime: z.number(),
});
export const rejectedOpView = z.object({
  opId: z.string(),
  deviceId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  reason: z.string(),
  receivedAt: z.number(),
});
export const officeDetailResponse = z.object({
  office: officeSummary,
  enrollmentCodes: z.array(enrollmentCodeView),
  byProcedure: z.array(procedureFigures),
  byMonth: z.array(monthFigures),
  rejectedCount: z.number(),
  recentRejected: z.array(rejectedOpView),
  /** The latest breaks of the office's audit trail, newest first. */
  auditBreaks: z.array(auditBreakView),
});
export type OfficeDetail = z.infer<typeof officeDetailResponse>;

// The feed as the province sees it, and the two publications the dashboard makes.
export const feedHistoryEntry = z.object({
  serverSeq: z.number(),
  kind: z.enum(FEED_KINDS),
  key: z.string(),
  version: z.number(),
  publishedAt: z.number(),
  publishedBy: z.string().nullable(),
});
export type FeedHistoryEntry = z.infer<typeof feedHistoryEntry>;
export const feedHistoryResponse = z.object({ entries: z.array(feedHistoryEntry) });
/** The catalog file (resources/catalog/procedures.json format); each procedure becomes one
 * 'catalog' entry keyed by its national code, at the next version of that key. */
export const publishCatalogRequest = procedureCatalogSchema;
/** One year's calendar, published as the 'calendar' entry keyed by the year. */
export const publishCalendarRequest = yearOverridesSchema;
export const yearParams = z.object({ year: z.coerce.number().int().min(1900).max(2199) });
export const publishedCalendarResponse = z.object({
  year: z.number(),
  version: z.number().nullable(),
  publishedAt: z.number().nullable(),
  body: yearOverridesSchema.nullable(),
});
export type PublishedCalendar = z.infer<typeof publishedCalendarResponse>;

// Notices to every office (core/sync/notice.ts): publishing one, or the next version of one.
export { publishNoticeRequest } from './notice';
export const publishNoticeResponse = z.object({ key: z.string(), version: z.number() });
export type PublishNoticeResponse = z.infer<typeof publishNoticeResponse>;
export const noticeListResponse = z.object({ notices: z.array(noticeView) });

// Notes printed under a form of a form set (core/sync/form-template.ts): publishing a form's
// notes at the next version of its key, and every form with its current notes.
export { formTemplateBody as publishFormNotesRequest } from './form-template';
export const publishFormNotesResponse = z.object({ key: z.string(), version: z.number() });
export type PublishFormNotesResponse = z.infer<typeof publishFormNotesResponse>;
export const formNotesView = z.object({
  formSet: z.enum(FORM_SETS.map((s) => s.id) as [FormSetId, ...FormSetId[]]),
  kind: z.enum(FORM_KINDS),
  /** 'Mẫu số 01' and the form's title in its set. */
  label: z.string(),
  title: z.string(),
  /** The newest valid version's notes; [] when none were published (or they were removed). */
  notes: z.array(z.string()),
  version: z.number().nullable(),
  publishedAt: z.number().nullable(),
});
export type FormNotesView = z.infer<typeof formNotesView>;
export const formNotesListResponse = z.object({ forms: z.array(formNotesView) });

// App updates: installers in the server's updates directory, the releases published from them
// (staged per PC, paused, withdrawn), and what the PCs report.
export const updateFileView = z.object({
  name: z.string(),
  size: z.number(),
  modifiedAt: z.number(),
  /** electron-builder's .blockmap for it is in the directory too. */
  blockMap: z.boolean(),
});
export const releaseView = releaseRecord.extend({
  /** Active PCs running this version now. */
  running: z.number(),
  /** PCs that have downloaded it and will install it when the app is next closed. */
  downloaded: z.number(),
  downloading: z.number(),
  /** PCs whose last attempt at it failed; their messages, newest first (a few). */
  failed: z.number(),
  errors: z.array(z.object({ office: z.string(), message: z.string(), at: z.number() })),
  /** Active PCs the rollout reaches today (their device id is inside the percentage). */
  reached: z.number(),
});
export type ReleaseView = z.infer<typeof releaseView>;
export const versionInUse = z.object({ version: z.string(), devices: z.number() });
export const updatesResponse = z.object({
  /** False when the server was started without an updates directory. */
  configured: z.boolean(),
  files: z.array(updateFileView),
  /** Newest first. */
  releases: z.array(releaseView),
  /** Versions the active PCs run, newest first; those below the newest live release are old. */
  versions: z.array(versionInUse),
  activeDevices: z.number(),
});
export type UpdatesResponse = z.infer<typeof updatesResponse>;
export const publishUpdateRequest = z.object({
  file: updateFileName,
  version: appVersionNumber,
  notes: trimmed('Nội dung cập nhật', 5000).refine((s) => !s.includes('\u0000')),
  /** Share of PCs offered the release at first; raised later from the dashboard. */
  stagingPercentage: stagingPercent.default(10),
});
export type PublishUpdateRequest = z.infer<typeof publishUpdateRequest>;
export const publishUpdateResponse = z.object({ release: releaseRecord });
export const releaseParams = z.object({ version: appVersionNumber });
/** Raise (or lower) the share, pause or resume; a withdrawn release cannot be changed. */
export const rolloutRequest = z
  .object({ stagingPercentage: stagingPercent.optional(), paused: z.boolean().optional() })
  .refine((r) => r.stagingPercentage !== undefined || r.paused !== undefined, 'Thiếu thay đổi');
export type RolloutRequest = z.infer<typeof rolloutRequest>;

/** An office's data keys the province holds in escrow, and every release of one to a PC. */
export const escrowResponse = z.object({
  keys: z.array(z.object({ keyId: z.string(), deviceId: z.string(), receivedAt: z.string() })),
  releases: z.array(
    z.object({
      id: z.string(),
      keyId: z.string(),
      deviceId: z.string(),
      releasedBy: z.string(),
      reason: z.string(),
      releasedAt: z.string(),
      fetchedAt: z.string().nullable(),
    }),
  ),
});
export type EscrowView = z.infer<typeof escrowResponse>;
export interface EscrowReleaseRequest {
  readonly keyId: string;
  readonly deviceId: string;
  readonly reason: string;
}
