// Office settings, backups and the audit log, for the admin screens.
import fs from 'node:fs';
import { desc, eq, sql } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import { AppError } from '../../core/errors';
import { appMeta, auditLog, office } from '../../db/schema';
import { backupPath, createBackup, listBackups, pruneBackups } from '../backup';
import {
  attachmentsDirFor,
  attachmentsSummary,
  restoreMessage,
  saveBackupWithFiles,
} from '../backup-files';
import { BACKUP_FILE_KIND } from '../backup-format';
import { resolveChosenFile } from '../chosen-file';
import { write, type Ctx } from '../context';
import { keyringFor } from '../security/keyring';
import type { PartialHandlers } from '../handlers';
import { releasedKeys, restoreFrom } from './restore-backup';
import { currentOffice } from './setup';
import { toOfficeView } from './views';

const LAST_AUTO_BACKUP = 'last_auto_backup_day';

/** The automatic backup: at most once per Vietnam calendar day, keeping the last N. */
export async function dailyBackup(
  ctx: Pick<Ctx, 'db' | 'conn' | 'dataDir' | 'now'>,
): Promise<boolean> {
  const day = civilDateOf(ctx.now());
  const last = ctx.db.select().from(appMeta).where(eq(appMeta.key, LAST_AUTO_BACKUP)).get();
  const keep = ctx.db.select({ keep: office.backupKeep }).from(office).get()?.keep;
  if (keep === undefined || last?.value === day) return false;
  await createBackup(ctx.conn.sqlite, ctx.dataDir, 'auto', ctx.now());
  pruneBackups(ctx.dataDir, keep);
  ctx.db
    .insert(appMeta)
    .values({ key: LAST_AUTO_BACKUP, value: day })
    .onConflictDoUpdate({ target: appMeta.key, set: { value: day } })
    .run();
  return true;
}

export const adminHandlers: PartialHandlers = {
  'office.get': (ctx) => toOfficeView(currentOffice(ctx)),
  'office.update': (ctx, input) =>
    write(ctx, (tx) => {
      const before = currentOffice(ctx);
      const row = tx
        .update(office)
        .set({ ...input, updatedAt: ctx.now() })
        .where(eq(office.id, before.id))
        .returning()
        .get();
      return {
        result: toOfficeView(row),
        audit: {
          operation: 'office.update',
          entity: 'office',
          entityId: row.id,
          summary: `Cập nhật thông tin cơ quan ${row.name}`,
        },
      };
    }),
  'backup.list': (ctx) => listBackups(ctx.dataDir),
  'backup.recoveryStatus': (ctx) => {
    const keyring = keyringFor(ctx.dataDir);
    return { hasRecoveryCode: keyring.hasRecoveryCode, keystore: keyring.protectorKind };
  },
  'backup.newRecoveryCode': (ctx) => {
    const recoveryCode = keyringFor(ctx.dataDir).newRecoveryCode();
    write(ctx, () => ({
      result: undefined,
      audit: {
        operation: 'backup.newRecoveryCode',
        entity: 'backup',
        summary: 'Tạo mã khôi phục mới (mã cũ không mở được các bản sao lưu từ nay)',
      },
    }));
    return { recoveryCode };
  },
  'backup.attachments': (ctx) => attachmentsSummary(ctx.conn.sqlite),
  'backup.create': async (ctx) => {
    const info = await createBackup(ctx.conn.sqlite, ctx.dataDir, 'manual', ctx.now());
    pruneBackups(ctx.dataDir, currentOffice(ctx).backupKeep);
    write(ctx, () => ({
      result: undefined,
      audit: { operation: 'backup.create', entity: 'backup', summary: `Sao lưu ${info.name}` },
    }));
    return info;
  },
  'backup.saveAs': async (ctx, input) => {
    const day = civilDateOf(ctx.now());
    const raw = input.path ?? (await ctx.platform.pickSavePath?.(`iso-xa-${day}.sqlite`)) ?? null;
    if (!raw) return { path: null, attachments: null };
    const target = resolveChosenFile(
      { raw, from: input.path ? 'typed' : 'dialog', replace: input.replace },
      BACKUP_FILE_KIND,
      { dataDir: ctx.dataDir, baseDir: ctx.platform.documentsDir },
    );
    const files = await saveBackupWithFiles(ctx.conn.sqlite, ctx.dataDir, target);
    write(ctx, () => ({
      result: undefined,
      audit: {
        operation: 'backup.saveAs',
        entity: 'backup',
        summary: `Sao lưu ra tệp ${target} kèm ${files.count} tệp đính kèm`,
      },
    }));
    return { path: target, attachments: files };
  },
  'backup.restore': async (ctx, input) => {
    const file = input.name ? backupPath(ctx.dataDir, input.name) : input.path;
    if (!file) throw new AppError('NOT_FOUND');
    // The automatic backups share <dataDir>/files; a chosen file brings its own folder.
    const folder = input.name ? null : attachmentsDirFor(file);
    const filesFrom = folder && fs.existsSync(folder) ? folder : null;
    const keys = input.provinceKey
      ? { released: await releasedKeys(ctx) }
      : { recoveryCode: input.recoveryCode };
    const { ctx: restored, files } = await restoreFrom(ctx, file, filesFrom, keys);
    write(restored, () => ({
      result: undefined,
      audit: {
        operation: 'backup.restore',
        entity: 'backup',
        summary:
          `Khôi phục dữ liệu từ ${input.name ?? file}; chép lại ${files.restored} tệp đính kèm` +
          (files.missingCount > 0 ? `, còn thiếu ${files.missingCount}` : ''),
      },
    }));
    return { restored: true, attachments: files, message: restoreMessage(files) };
  },
  'audit.list': (ctx, input) => {
    const total =
      ctx.db
        .select({ n: sql<number>`count(*)` })
        .from(auditLog)
        .get()?.n ?? 0;
    const rows = ctx.db
      .select()
      .from(auditLog)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .all()
      .map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
    return { total, rows };
  },
};
