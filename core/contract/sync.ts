// Operations of the office side of sync: enrol this PC with the province, see the sync state,
// sync now, restore the office's data onto a new PC, and the USB sync file.
import { z } from 'zod';
import { noticeView } from '../sync/notice';
import { UPDATE_PHASES } from '../update/report';
import { op } from './define';
import { agencyCode, chosenPath } from './schemas';

const empty = z.object({}).strict();

export const SYNC_PHASES = ['auth', 'push', 'pull', 'restore'] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

/** The app updater on this PC (services/updates): checking, downloading with progress,
 * downloaded and waiting for the next quit, or failed with a message. */
export const appUpdateView = z.object({
  /** False where this app has no updater (development runs). */
  available: z.boolean(),
  phase: z.enum(UPDATE_PHASES),
  version: z.string().nullable(),
  notes: z.string().nullable(),
  releaseDate: z.string().nullable(),
  percent: z.number().nullable(),
  transferred: z.number().nullable(),
  total: z.number().nullable(),
  error: z.string().nullable(),
  checkedAt: z.number().nullable(),
  source: z.enum(['network', 'usb']).nullable(),
  /** This shell can run the installer (the desktop app; not browser mode). */
  canInstall: z.boolean(),
  /** The kept installer of the version before this one, to go back if ever needed. */
  previousInstaller: z.string().nullable(),
});
export type AppUpdateView = z.infer<typeof appUpdateView>;

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
  /** This app's version, and its updater's state. */
  appVersion: z.string(),
  update: appUpdateView,
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
      /** Officials restored (disabled, without a password until the administrator sets one). */
      officials: z.number().int(),
      /** Rows of the office's audit trail restored. */
      auditRows: z.number().int(),
    }),
    access: 'sync.manage',
  }),
  /** Writes the pending changes and their scans as signed USB sync files for the province to
   * upload: one file, or parts next to it when the export is larger than one file may be. */
  'sync.exportFile': op({
    input: chosenPath,
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
  /** Asks the province server for an update now (it downloads in the background). */
  'sync.checkUpdate': op({
    input: empty,
    output: z.object({ started: z.boolean() }),
    access: 'sync.run',
  }),
  /** "Cài đặt và khởi động lại": a backup, then the app quits and the installer runs. */
  'sync.installUpdate': op({
    input: empty,
    output: z.object({ version: z.string() }),
    access: 'sync.manage',
  }),
  /** An update from a USB stick: the province's signed .isoxa-update file, with the
   * installer next to it; verified before anything is kept. */
  'sync.importUpdate': op({
    input: z.object({ path: z.string().trim().min(1).max(1000).optional() }).strict(),
    output: z.object({ version: z.string().nullable(), file: z.string().nullable() }),
    access: 'sync.manage',
  }),
};
