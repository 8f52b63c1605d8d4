// Starts the office backend: opens (and if needed migrates) the database, schedules the
// daily backup, and returns the one call() every transport uses.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../core/errors';
import { checkpointWhenIdle, isPlainDatabase, openDatabase, type Connection } from '../db/open';
import { createBackup, DB_FILE_NAME } from './backup';
import { upgradeToEncrypted } from './security/encrypt-upgrade';
import { fileProtector, openKeyring, registerKeyring } from './security/keyring';
import { ensurePrivateDir } from './security/private-files';
import { createDispatcher, type CtxBase } from './dispatch';
import { holdYoungGeneration } from './heap';
import { adminHandlers, dailyBackup } from './foundation/admin';
import { authHandlers } from './foundation/auth';
import { setupHandlers } from './foundation/setup';
import { userHandlers } from './foundation/users';
import { attachmentHandlers } from './desk/attachments';
import { calendarHandlers } from './desk/calendar';
import { catalogHandlers } from './desk/catalog';
import { dashboardHandlers } from './desk/dashboard';
import { catalogExcelHandlers } from './desk/excel-catalog';
import { flowHandlers } from './desk/flow';
import { accessLogHandlers } from './desk/access-log';
import { formHandlers } from './desk/forms';
import { queryHandlers } from './desk/query';
import { receiveHandlers } from './desk/receive';
import { mergeHandlers } from './handlers';
import type { AppBackend, AppOptions } from './platform';
import { SessionStore } from './sessions';
import { registerSyncEngine, SyncEngine } from './sync/engine';
import { syncHandlers } from './sync/handlers';
import { documentOutputHandlers } from './qms/document-output';
import { documentHandlers } from './qms/documents';
import { qmsHandlers } from './qms/handlers';
import { nonconformityHandlers } from './qms/nonconformity';
import { feedbackHandlers } from './qms/feedback';
import { riskHandlers } from './qms/risks';
import { ratingHandlers } from './qms/ratings';
import { surveyHandlers } from './qms/surveys';
import { objectiveHandlers } from './qms/objectives';
import { nonconformityOutputHandlers } from './qms/nonconformity-output';
import { disposalHandlers } from './qms/disposal';
import { recordsControlHandlers } from './qms/records-control';
import { modelDocumentHandlers } from './qms/model-documents';
import { auditHandlers } from './qms/audits';
import { auditEvidenceHandlers } from './qms/audit-evidence';
import { auditPackHandlers } from './qms/audit-pack';
import { auditVisitHandlers } from './qms/audit-visit';
import { auditWorkHandlers } from './qms/audit-work';
import { moveDeviceKeyOut } from './sync/state';
import { AppUpdates, registerAppUpdates } from './updates/app-updates';
import { prepareInstall, updateHandlers } from './updates/handlers';
import { auditTrailHandlers, startAuditCheck } from './foundation/audit-trail';
import { sealLegacyAudit } from './security/audit-chain';
import { auditOutputHandlers } from './qms/audit-output';
import { announcementHandlers } from './qms/announcements';
import { announcementOutputHandlers } from './qms/announcement-output';
import { yearlyReportHandlers } from './qms/yearly-reports';
import { yearlyReportOutputHandlers } from './qms/yearly-report-output';
import { reviewHandlers } from './qms/reviews';
import { reviewOutputHandlers } from './qms/review-output';

export const HANDLERS = mergeHandlers(
  setupHandlers,
  authHandlers,
  userHandlers,
  adminHandlers,
  catalogHandlers,
  catalogExcelHandlers,
  calendarHandlers,
  receiveHandlers,
  flowHandlers,
  attachmentHandlers,
  queryHandlers,
  accessLogHandlers,
  formHandlers,
  dashboardHandlers,
  syncHandlers,
  qmsHandlers,
  nonconformityHandlers,
  ratingHandlers,
  surveyHandlers,
  feedbackHandlers,
  riskHandlers,
  objectiveHandlers,
  nonconformityOutputHandlers,
  recordsControlHandlers,
  disposalHandlers,
  modelDocumentHandlers,
  documentHandlers,
  documentOutputHandlers,
  auditHandlers,
  auditWorkHandlers,
  auditEvidenceHandlers,
  auditPackHandlers,
  auditVisitHandlers,
  updateHandlers,
  auditTrailHandlers,
  auditOutputHandlers,
  reviewHandlers,
  reviewOutputHandlers,
  announcementHandlers,
  announcementOutputHandlers,
  yearlyReportHandlers,
  yearlyReportOutputHandlers,
);

/** The app is idle after this long without a call: checkpoints and the start-up audit check run then. */
const IDLE_MS = 2000;
/** The start-up audit check is not started before this (the login page loads first; static
 * files are served without a call, so idle time alone does not show it). */
const AUDIT_CHECK_DELAY_MS = 10_000;

export function defaultMigrationsDir(): string {
  return path.resolve(process.cwd(), 'db/migrations');
}

export async function openBackend(options: AppOptions): Promise<AppBackend> {
  const now = options.now ?? Date.now;
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const file = path.join(options.dataDir, DB_FILE_NAME);
  ensurePrivateDir(options.dataDir);
  const keyring = openKeyring(
    options.dataDir,
    options.platform.keyProtector ?? fileProtector,
    // A database without its keyring is not given a new key: it could never be opened.
    !fs.existsSync(file) || fs.statSync(file).size === 0 || isPlainDatabase(file),
  );
  const unregisterKeyring = registerKeyring(options.dataDir, keyring);
  if (!options.plainDatabase) await upgradeToEncrypted(options.dataDir, keyring, now());
  let conn: Connection = await openDatabase(file, {
    migrationsDir,
    key: options.plainDatabase ? null : keyring.dbKey(),
    beforeMigrate: async (sqlite) => {
      await createBackup(sqlite, options.dataDir, 'pre-migrate', now());
    },
  });
  moveDeviceKeyOut(conn.db, options.dataDir, true);
  sealLegacyAudit(conn.db);
  const sessions = new SessionStore();
  const resourcesDir = options.resourcesDir ?? path.resolve(process.cwd(), 'resources');
  const cache = new Map<string, unknown>();
  const base = (): CtxBase => ({
    conn,
    db: conn.db,
    sessions,
    platform: options.platform,
    dataDir: options.dataDir,
    now,
    migrationsDir,
    resourcesDir,
    cache,
    swapConnection: (next) => {
      sealLegacyAudit(next.db);
      conn = next;
      cache.clear();
    },
  });
  const runDaily = () =>
    dailyBackup(base()).catch((error: unknown) => {
      console.error(
        '[isoxa] automatic backup failed',
        error instanceof AppError ? error.message : error,
      );
    });
  // Start-up is not held up by the backup; it runs right after, then hourly checks the day.
  const first = setTimeout(() => void runDaily(), options.backupDelayMs ?? 2000);
  const timer = setInterval(() => void runDaily(), 3600_000);
  first.unref();
  timer.unref();
  // Background sync: a timer that looks every half minute whether a sync is due (skipped when
  // not enrolled, already running or backing off); the network work itself is async.
  const sync = new SyncEngine(base);
  const unregisterSync = registerSyncEngine(options.dataDir, sync);
  sync.start();
  // App updates: checked after each sync and daily, downloaded in the background.
  const host = options.platform.updates;
  const updates = host
    ? new AppUpdates({
        updater: () => host.create(options.dataDir),
        engine: sync,
        appVersion: options.platform.appVersion,
        dataDir: options.dataDir,
        now,
      })
    : null;
  const unregisterUpdates = updates ? registerAppUpdates(options.dataDir, updates) : null;
  updates?.start();
  const dispatch = createDispatcher(HANDLERS, base);
  // WAL pages go back into the database file when nobody is waiting for an answer, so a
  // commit at the desk rarely pays for a checkpoint.
  // Opening counts as activity: the start-up check waits for a quiet moment after it.
  let lastCallAt = Date.now();
  // The audit trail is checked once the app is up, in idle time (a long history is seconds of
  // reading: never while the login screen loads or an official works); the audit screen shows
  // the outcome.
  const auditCheck = setTimeout(
    () => void startAuditCheck(base(), () => Date.now() - lastCallAt >= IDLE_MS),
    options.backupDelayMs ?? AUDIT_CHECK_DELAY_MS,
  );
  auditCheck.unref();
  const checkpointer = setInterval(() => {
    if (Date.now() - lastCallAt >= IDLE_MS) checkpointWhenIdle(conn.sqlite);
  }, IDLE_MS);
  checkpointer.unref();
  const call: typeof dispatch = async (sessionKey, name, input) => {
    lastCallAt = Date.now();
    return dispatch(sessionKey, name, input);
  };
  holdYoungGeneration();
  return {
    call,
    runDailyBackup: runDaily,
    prepareUpdateInstall: () => prepareInstall(base()),
    database: () => conn.sqlite,
    close: () => {
      clearTimeout(first);
      clearTimeout(auditCheck);
      clearInterval(timer);
      clearInterval(checkpointer);
      unregisterSync();
      unregisterKeyring();
      unregisterUpdates?.();
      if (conn.sqlite.open) conn.sqlite.close();
    },
  };
}
