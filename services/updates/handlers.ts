// The update operations of the contract: the updater's state for sync.status, check now,
// "Cài đặt và khởi động lại" (after a backup), and an update from a USB stick.
import type { AppUpdateView } from '../../core/contract/sync';
import { AppError } from '../../core/errors';
import { createBackup } from '../backup';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import type { UpdateState } from './app-updates';
import { appUpdatesFor } from './app-updates';
import { previousInstaller } from './installers';
import { UPDATE_MESSAGES } from './messages';
import { importUsbUpdate } from './usb';

export function updateView(ctx: Ctx): AppUpdateView {
  const u = appUpdatesFor(ctx.dataDir);
  const s = u?.state();
  return {
    available: u !== null,
    phase: s?.phase ?? 'idle',
    version: s?.version ?? null,
    notes: s?.notes ?? null,
    releaseDate: s?.releaseDate ?? null,
    percent: s?.percent ?? null,
    transferred: s?.transferred ?? null,
    total: s?.total ?? null,
    error: s?.error ?? null,
    checkedAt: s?.checkedAt ?? null,
    source: s?.source ?? null,
    canInstall: Boolean(ctx.platform.updates?.install),
    previousInstaller: previousInstaller(ctx.dataDir, ctx.platform.appVersion),
  };
}

/** Before the installer runs: a backup ("Trước khi nâng cấp"), then the state is marked
 * installing. null when nothing waits (a withdrawn release found at the last check clears). */
export async function prepareInstall(
  ctx: Pick<Ctx, 'dataDir' | 'conn' | 'now'>,
): Promise<UpdateState | null> {
  const u = appUpdatesFor(ctx.dataDir);
  const waiting = u?.state();
  if (!u || waiting?.phase !== 'downloaded') return null;
  await createBackup(ctx.conn.sqlite, ctx.dataDir, 'pre-migrate', ctx.now());
  return u.beginInstall();
}

export const updateHandlers = {
  'sync.checkUpdate': (ctx) => {
    const u = appUpdatesFor(ctx.dataDir);
    if (!u) return { started: false };
    void u.check();
    return { started: true };
  },
  'sync.installUpdate': async (ctx) => {
    const install = ctx.platform.updates?.install;
    if (!install) throw new AppError('INVALID_INPUT', UPDATE_MESSAGES.notHere);
    const waiting = await prepareInstall(ctx);
    if (!waiting?.version) throw new AppError('NOT_FOUND', UPDATE_MESSAGES.nothing);
    write(ctx, () => ({
      result: undefined,
      audit: {
        operation: 'sync.installUpdate',
        entity: 'sync',
        summary: `Cài đặt bản cập nhật ISO Xã ${waiting.version} và khởi động lại`,
      },
    }));
    // After this answer reaches the screen.
    setTimeout(() => install(waiting, true), 200);
    return { version: waiting.version };
  },
  'sync.importUpdate': async (ctx, input) => {
    const picked = input.path ?? (await ctx.platform.pickOpenPath?.()) ?? null;
    if (!picked) return { version: null, file: null };
    const done = await importUsbUpdate(ctx.db, ctx.dataDir, ctx.platform.appVersion, picked);
    appUpdatesFor(ctx.dataDir)?.usbReady(done.version, done.file, done.notes);
    write(ctx, () => ({
      result: undefined,
      audit: {
        operation: 'sync.importUpdate',
        entity: 'sync',
        summary: `Nhận bản cập nhật ISO Xã ${done.version} từ USB (đã kiểm tra chữ ký của tỉnh)`,
      },
    }));
    return { version: done.version, file: done.file };
  },
} satisfies PartialHandlers;
