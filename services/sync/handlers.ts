// The sync operations of the contract: status, enrolment, sync now, restore, USB file and
// the province's reply to it; the app updater's state (services/updates).
import { asc, count, eq, isNotNull } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { SyncStatusView } from '../../core/contract/sync';
import { AppError } from '../../core/errors';
import { enrollResponse, SCHEMA_VERSION } from '../../core/sync/protocol';
import { SYNC_FILE_EXTENSION, SYNC_FILE_MAGIC } from '../../core/sync/sync-file';
import { dossiers, office, outbox, syncFeed } from '../../db/schema';
import { resolveChosenFile, type FileKind } from '../chosen-file';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { currentOffice } from '../foundation/setup';
import { STALL_ATTEMPTS, syncEngineFor } from './engine';
import { SyncFailure, SyncHttp } from './http';
import { officeNotices } from './notices';
import { headAttempts, pendingCount } from './push';
import { restoreAllowed } from './restore';
import { importReply } from './reply';
import { keyringFor } from '../security/keyring';
import { generateBoxKey } from '../security/sealed-box';
import {
  generateDeviceKey,
  identityOf,
  readState,
  saveServerKey,
  saveDeviceNo,
  saveServerSealKey,
  updateState,
} from './state';
import { updateView } from '../updates/handlers';
import { exportNotice, exportSyncFiles } from './usb';

/** The USB sync file, as a file the user saves to a chosen place (services/chosen-file.ts). */
const SYNC_FILE_KIND: FileKind = {
  extension: SYNC_FILE_EXTENSION,
  magic: Buffer.from(SYNC_FILE_MAGIC, 'ascii'),
  name: 'tệp đồng bộ ISO Xã',
};

const ENTITY_LABELS: Readonly<Record<string, string>> = {
  dossier: 'Hồ sơ',
  dossier_step: 'Bước xử lý hồ sơ',
  dossier_event: 'Diễn biến hồ sơ',
};

const URL_RULE =
  'Địa chỉ máy chủ tỉnh phải bắt đầu bằng https:// (chỉ dùng http:// khi máy chủ chạy ngay trên máy này), ví dụ https://motcua.phutho.gov.vn';

function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** https anywhere; plain http only to this PC itself. Returns the origin to store. */
export function checkServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('INVALID_INPUT', URL_RULE);
  }
  const ok =
    url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!ok || url.username || url.password) throw new AppError('INVALID_INPUT', URL_RULE);
  return url.origin;
}

export function syncStatus(ctx: Ctx): SyncStatusView {
  const engine = syncEngineFor(ctx.dataDir);
  const state = readState(ctx.db);
  const enrolled = identityOf(state, ctx.dataDir) !== null;
  const pending = pendingCount(ctx.db);
  const rejectedCount =
    ctx.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'rejected')).get()?.n ?? 0;
  const rejected = ctx.db
    .select()
    .from(outbox)
    .where(eq(outbox.status, 'rejected'))
    .orderBy(asc(outbox.clientSeq))
    .limit(100)
    .all()
    .map((r) => ({
      clientSeq: r.clientSeq,
      entity: r.entity,
      entityLabel: ENTITY_LABELS[r.entity] ?? r.entity,
      entityId: r.entityId,
      reason: r.rejectedReason ?? '',
      createdAt: r.createdAt,
    }));
  const feedProblems =
    ctx.db.select({ n: count() }).from(syncFeed).where(isNotNull(syncFeed.error)).get()?.n ?? 0;
  return {
    enrolled,
    serverUrl: state?.serverUrl ?? null,
    deviceId: state?.deviceId ?? null,
    officeName: state?.officeName ?? null,
    officeAgencyCode: state?.officeAgencyCode ?? null,
    enrolledAt: state?.enrolledAt ?? null,
    lastSyncAt: state?.lastSyncAt ?? null,
    lastError: engine.needsUpdate
      ? 'Cần cập nhật phần mềm: phiên bản ISO Xã trên máy này đã quá cũ để đồng bộ.'
      : (state?.lastError ?? null),
    pending,
    rejectedCount,
    rejected,
    running: engine.running,
    progress: engine.progress ? { ...engine.progress } : null,
    stalled: pending > 0 && headAttempts(ctx.db) >= STALL_ATTEMPTS,
    needsUpdate: engine.needsUpdate,
    feedProblems,
    canRestore: enrolled && restoreAllowed(ctx.db),
    appVersion: ctx.platform.appVersion,
    update: updateView(ctx),
  };
}

/** Nothing of this office on the PC yet: no dossier, nothing waiting to sync. */
function hasNoOfficeData(ctx: Ctx): boolean {
  const dossierCount = ctx.db.select({ n: count() }).from(dossiers).get()?.n ?? 0;
  const outboxCount = ctx.db.select({ n: count() }).from(outbox).get()?.n ?? 0;
  return dossierCount === 0 && outboxCount === 0;
}

/** 'UBND xã Hùng Sơn' → 'Xã Hùng Sơn' (the place line of forms); null when it is not that shape. */
function communeOf(officeName: string): string | null {
  const m = /^UBND\s+(xã|phường|đặc khu)\s+(.+)$/iu.exec(officeName.trim());
  if (!m?.[1] || !m[2]) return null;
  const kind = m[1].toLowerCase();
  return `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${m[2]}`;
}

async function enroll(
  ctx: Ctx,
  input: { serverUrl: string; code: string; adoptAgencyCode?: string | undefined },
) {
  const serverUrl = checkServerUrl(input.serverUrl);
  const local = currentOffice(ctx);
  const canAdopt = hasNoOfficeData(ctx);
  const adopting =
    input.adoptAgencyCode !== undefined && input.adoptAgencyCode !== local.agencyCode;
  if (adopting && !canAdopt)
    throw new AppError(
      'CONFLICT',
      `Máy này đã có hồ sơ của ${local.name} (${local.agencyCode}) nên không thể chuyển sang đơn vị khác. Hãy đề nghị Sở cấp mã đăng ký cho ${local.name}.`,
    );
  const views = (name: string, code: string) => ({
    officeName: name,
    officeAgencyCode: code,
    localOfficeName: local.name,
    localAgencyCode: local.agencyCode,
    canAdopt,
  });
  const engine = syncEngineFor(ctx.dataDir);
  if (engine.running)
    throw new AppError('CONFLICT', 'Đang đồng bộ; hãy đăng ký lại sau khi đồng bộ xong.');
  const keys = generateDeviceKey();
  const box = generateBoxKey();
  const http = new SyncHttp({
    baseUrl: serverUrl,
    appVersion: ctx.platform.appVersion,
    timeoutMs: engine.tuning.timeoutMs,
    ...(engine.tuning.fetch ? { fetch: engine.tuning.fetch } : {}),
  });
  const officeName = local.name;
  let reply;
  try {
    reply = await http.request('POST', '/v1/enroll', enrollResponse, {
      body: {
        code: input.code,
        expectedAgencyCode: input.adoptAgencyCode ?? local.agencyCode,
        publicKey: keys.publicKey,
        sealPublicKey: box.publicKey,
        deviceName: `${officeName} — máy ${ctx.user?.username ?? 'một cửa'}`.slice(0, 100),
        appVersion: http.appVersion,
        schemaVersion: SCHEMA_VERSION,
      },
    });
  } catch (error) {
    if (error instanceof SyncFailure && error.code === 'OFFICE_MISMATCH') {
      const [name = '', code = ''] = error.details;
      return { status: 'office_mismatch' as const, ...views(name, code) };
    }
    if (error instanceof SyncFailure) throw new AppError('INVALID_INPUT', error.message);
    throw error;
  }
  // The key first: a cut between the two leaves an unused key, never a device without one.
  keyringFor(ctx.dataDir).setDeviceKey(reply.deviceId, keys.privateKey, box.privateKey);
  write(ctx, (tx) => {
    if (adopting) {
      // A new PC takes the office the province issued the code for: the forms print its name.
      const commune = communeOf(reply.officeName);
      tx.update(office)
        .set({
          name: reply.officeName,
          agencyCode: reply.agencyCode,
          ...(commune ? { commune } : {}),
          updatedAt: ctx.now(),
        })
        .where(eq(office.id, local.id))
        .run();
    }
    updateState(tx, {
      serverUrl,
      deviceId: reply.deviceId,
      officeId: reply.officeId,
      officeAgencyCode: reply.agencyCode,
      officeName: reply.officeName,
      privateKey: null,
      publicKey: keys.publicKey,
      enrolledAt: ctx.now(),
      pullCursor: 0,
      lastSyncAt: null,
      lastError: null,
    });
    saveServerKey(tx, reply.serverPublicKey ?? null);
    saveServerSealKey(tx, reply.serverSealKey ?? null);
    saveDeviceNo(tx, reply.deviceId, reply.deviceNo);
    return {
      result: undefined,
      audit: {
        operation: 'sync.enroll',
        entity: 'sync',
        entityId: reply.deviceId,
        summary:
          `Đăng ký đồng bộ với máy chủ tỉnh ${serverUrl} cho ${reply.officeName} (${reply.agencyCode})` +
          (adopting ? `; máy nhận đơn vị này thay cho ${local.name} (${local.agencyCode})` : ''),
      },
    };
  });
  engine.reset();
  engine.trigger();
  return { status: 'enrolled' as const, ...views(reply.officeName, reply.agencyCode) };
}

export const syncHandlers: PartialHandlers = {
  'sync.status': (ctx) => syncStatus(ctx),
  'sync.notices': (ctx) => ({ notices: officeNotices(ctx.db, ctx.now()) }),
  'sync.enroll': (ctx, input) => enroll(ctx, input),
  'sync.now': (ctx) => {
    const engine = syncEngineFor(ctx.dataDir);
    if (!engine.identity())
      throw new AppError('NOT_FOUND', 'Máy này chưa đăng ký đồng bộ với máy chủ tỉnh.');
    return { started: engine.trigger() };
  },
  'sync.restore': async (ctx) => {
    const counts = await syncEngineFor(ctx.dataDir).restore();
    write(ctx, () => ({
      result: undefined,
      audit: {
        operation: 'sync.restore',
        entity: 'sync',
        summary: `Khôi phục dữ liệu từ máy chủ tỉnh: ${counts.dossiers} hồ sơ, ${counts.steps} bước xử lý, ${counts.events} diễn biến, ${counts.attachments} tài liệu đính kèm, ${counts.officials} cán bộ, ${counts.auditRows} dòng nhật ký`,
      },
    }));
    return counts;
  },
  'sync.exportFile': async (ctx, input) => {
    const id = identityOf(readState(ctx.db), ctx.dataDir);
    if (!id) throw new AppError('NOT_FOUND', 'Máy này chưa đăng ký đồng bộ với máy chủ tỉnh.');
    const day = civilDateOf(ctx.now());
    const name = `dong-bo-${id.agencyCode || 'iso-xa'}-${day}${SYNC_FILE_EXTENSION}`;
    const raw = input.path ?? (await ctx.platform.pickSavePath?.(name)) ?? null;
    if (!raw)
      return { path: null, paths: [], ops: 0, attachments: 0, missingAttachments: 0, notice: '' };
    const target = resolveChosenFile(
      { raw, from: input.path ? 'typed' : 'dialog', replace: input.replace },
      SYNC_FILE_KIND,
      { dataDir: ctx.dataDir, baseDir: ctx.platform.documentsDir },
    );
    // The file claims the office whose data it carries (the PC's own): the province refuses it
    // if that is not the office the device was enrolled for.
    const claim = { ...id, agencyCode: currentOffice(ctx).agencyCode };
    const done = await exportSyncFiles(
      ctx.db,
      ctx.dataDir,
      claim,
      ctx.now(),
      target,
      undefined,
      syncEngineFor(ctx.dataDir).tuning.officeFeed,
    );
    const notice = exportNotice(done);
    write(ctx, () => ({
      result: undefined,
      audit: { operation: 'sync.exportFile', entity: 'sync', summary: notice },
    }));
    return {
      path: done.paths[0] ?? target,
      paths: [...done.paths],
      ops: done.ops,
      attachments: done.attachments,
      missingAttachments: done.missing.length,
      notice,
    };
  },
  'sync.importReply': (ctx, input) =>
    importReply(ctx, Buffer.from(input.base64, 'base64'), input.fileName),
};
