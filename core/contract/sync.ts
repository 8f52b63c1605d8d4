// Operations of the office side of sync: enrol this PC with the province, see the sync state,
// sync now, restore the office's data onto a new PC, and the USB sync file.
import { z } from 'zod';
import { appUpdateManifest } from '../sync/app-update';
import { noticeView } from '../sync/notice';
import { op } from './define';
import { agencyCode } from './schemas';

const empty = z.object({}).strict();

export const SYNC_PHASES = ['auth', 'push', 'pull', 'restore'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

export const appUpdateView = appUpdateManifest.extend({
  publishedAt: z.number(),
  /** The installer is in the data folder and its sha256 matched. */
  downloaded: z.boolean(),
});

export const syncStatusView = z.object({
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  deviceId: z.string().nullable(),
  officeName: z.string().nullable(),
  officeAgencyCode: z.string().nullable(),
  enrolledAt: z.number().nullable(),
  /** Local clock when the last sync finished; for display only. */
  lastSyncAt: z.number().nullable(),
  /** Plain Vietnamese; null after a clean sync. */
  lastError: z.string().nullable(),
  pending: z.number().int(),
  rejectedCount: z.number().int(),
  rejected: z.array(
    z.object({
      clientSeq: z.number().int(),
      entity: z.string(),
      entityLabel: z.string(),
      entityId: z.string(),
      reason: z.string(),
      createdAt: z.number(),
    }),
  ),
  running: z.boolean(),
  progress: z
    .object({ phase: z.enum(SYNC_PHASES), done: z.number().int(), total: z.number().int() })
    .nullable(),
  /** The queue has not moved for many attempts. */
  stalled: z.boolean(),
  /** The server refused this app version (426): pushing is stopped until an update. */
  needsUpdate: z.boolean(),
  /** Feed entries kept but not applied because they were invalid. */
  feedProblems: z.number().int(),
  /** Enrolled and no dossier on this PC yet: the office's data can be restored. */
  canRestore: z.boolean(),
  /** The newest app update the province published, when newer than this app; null otherwise. */
  update: appUpdateView.nullable(),
});
export type SyncStatusView = z.infer<typeof syncStatusView>;

export const syncOps = {
  'sync.status': op({ input: empty, output: syncStatusView, access: 'user' }),
  /** The province's notices in force today, for the home screen. */
  'sync.notices': op({
    input: empty,
    output: z.object({ notices: z.array(noticeView) }),
    access: 'user',
  }),
  'sync.enroll': op({
    input: z
      .object({
        serverUrl: z.string().trim().min(1, 'Nhập địa chỉ máy chủ tỉnh').max(300),
        code: z.string().trim().min(4, 'Nhập mã đăng ký do Sở cấp').max(64),
        /** The code's office, confirmed by the user: a PC with no data yet takes it as its own. */
        adoptAgencyCode: agencyCode.optional(),
      })
      .strict(),
    /** 'office_mismatch': the code belongs to another office; nothing changed, code unused. */
    output: z.object({
      status: z.enum(['enrolled', 'office_mismatch']),
      officeName: z.string(),
      officeAgencyCode: z.string(),
      localOfficeName: z.string(),
      localAgencyCode: z.string(),
      /** No dossier and nothing waiting to sync: the PC may take the code's office. */
      canAdopt: z.boolean(),
    }),
    access: 'sync.manage',
  }),
  /** Starts a sync and returns at once; sync.status shows the progress. */
  'sync.now': op({
    input: empty,
    output: z.object({ started: z.boolean() }),
    access: 'sync.run',
  }),
  /** Pulls the office's own dossiers back from the province onto this (new) PC. */
  'sync.restore': op({
    input: empty,
    output: z.object({
      dossiers: z.number().int(),
      steps: z.number().int(),
      events: z.number().int(),
      attachments: z.number().int(),
      /** Attachments whose file the province could not give back. */
      filesMissing: z.number().int(),
    }),
    access: 'sync.manage',
  }),
  /** Writes the pending changes and their scans as signed USB sync files for the province to
   * upload: one file, or parts next to it when the export is larger than one file may be. */
  'sync.exportFile': op({
    input: z.object({ path: z.string().trim().min(1).max(1000).optional() }).strict(),
    output: z.object({
      /** The first (usually only) file; null when the save dialog was cancelled. */
      path: z.string().nullable(),
      paths: z.array(z.string()),
      ops: z.number().int(),
      /** Scans carried in the files. */
      attachments: z.number().int(),
      /** Attachments whose scan is missing or damaged on this PC: they stay queued. */
      missingAttachments: z.number().int(),
      /** What was done, in Vietnamese, as the screen shows it. */
      notice: z.string(),
    }),
    access: 'sync.manage',
  }),
  /** Imports the province's reply to a USB sync file: acknowledgements and feed entries. */
  'sync.importReply': op({
    input: z
      .object({
        fileName: z.string().max(300).optional(),
        /** The file's bytes, base64 (a reply file is a few MB at most). */
        base64: z
          .string()
          .min(1, 'Chọn tệp phản hồi')
          .max(96 * 1024 * 1024),
      })
      .strict(),
    output: z.object({
      /** Changes the province confirmed, now removed from the queue. */
      acknowledged: z.number().int(),
      /** Changes the province refused (kept with the reason) or asked to resend. */
      rejected: z.number().int(),
      resent: z.number().int(),
      /** Province publications applied (catalog, calendar, templates, notices, updates). */
      feedEntries: z.number().int(),
      /** The file's publications start after this PC's own: ask the province for a new file. */
      feedGap: z.boolean(),
    }),
    access: 'sync.manage',
  }),
  /** Fetches the published installer into the data folder and checks its sha256. */
  'sync.downloadUpdate': op({
    input: empty,
    output: z.object({ path: z.string(), version: z.string() }),
    access: 'sync.manage',
  }),
};
