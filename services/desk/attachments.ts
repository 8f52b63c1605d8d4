// Scanned documents of a dossier: attach (the bytes go to the data folder first, then the row,
// its outbox op and the audit entry in one transaction), list, and read back for viewing.
// The bytes reach the province separately (services/sync/files.ts), before the row does.
import { asc, eq } from 'drizzle-orm';
import type { AttachmentView } from '../../core/contract/attachments';
import {
  ATTACHMENT_MAX_BYTES,
  cleanFileName,
  mayAttach,
  sniffAttachmentType,
  type AttachmentMime,
} from '../../core/desk/attachments';
import { AppError } from '../../core/errors';
import type { Db, Tx } from '../../db/open';
import { attachments, users } from '../../db/schema';
import { newId, requireUser, write, type Ctx } from '../context';
import { readStoredFile, storeFile } from '../file-store';
import type { PartialHandlers } from '../handlers';
import { enqueue } from '../sync/outbox';
import { logPersonalDataAccess } from './access-log';
import { actionState, loadDossier } from './dossier-view';

type AttachmentRow = typeof attachments.$inferSelect;

/** What an audit row calls a file: its kind, never its name (which often names the citizen). */
const fileKind = (mimeType: string): string =>
  mimeType === 'application/pdf' ? 'tài liệu PDF' : 'ảnh chụp';

function view(row: Readonly<AttachmentRow>, addedByName: string | null): AttachmentView {
  return {
    id: row.id,
    dossierId: row.dossierId,
    fileName: row.fileName,
    mimeType: row.mimeType as AttachmentMime,
    size: row.size,
    sha256: row.sha256,
    addedAt: row.addedAt,
    addedByName,
  };
}

function rowsWithNames(db: Db | Tx) {
  return db
    .select({ row: attachments, addedByName: users.fullName })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.addedBy));
}

function canAttach(ctx: Ctx, db: Db | Tx, dossierId: string): boolean {
  const user = requireUser(ctx);
  return mayAttach(actionState(loadDossier(db, dossierId), ctx.now()), user);
}

/** The file's bytes, checked: nothing is stored unless it is a PDF, JPEG or PNG within limits. */
function decode(base64: string): { bytes: Buffer; mimeType: AttachmentMime } {
  // Every 4 base64 characters are 3 bytes: too large is known before decoding.
  if (Math.floor((base64.length * 3) / 4) - 2 > ATTACHMENT_MAX_BYTES)
    throw new AppError('FILE_TOO_LARGE');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > ATTACHMENT_MAX_BYTES) throw new AppError('FILE_TOO_LARGE');
  const mimeType = sniffAttachmentType(bytes);
  if (bytes.length === 0 || !mimeType) throw new AppError('FILE_TYPE');
  return { bytes, mimeType };
}

function sizeText(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024)} KB`
    : `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export const attachmentHandlers: PartialHandlers = {
  'dossiers.attach': async (ctx, input) => {
    const user = requireUser(ctx);
    if (!canAttach(ctx, ctx.db, input.dossierId))
      throw new AppError('FORBIDDEN', 'Bạn không thể đính kèm tài liệu vào hồ sơ này.');
    const { bytes, mimeType } = decode(input.base64);
    // The file is on disk before its row exists: a crash in between leaves an unused file,
    // never a row without its bytes.
    const sha256 = await storeFile(ctx.dataDir, bytes);
    const now = ctx.now();
    const row: AttachmentRow = {
      id: newId(),
      dossierId: input.dossierId,
      sha256,
      size: bytes.length,
      mimeType,
      fileName: cleanFileName(input.fileName),
      addedBy: user.id,
      addedAt: now,
      erasedAt: null,
    };
    write(ctx, (tx) => {
      // Checked again inside the transaction: the dossier may have moved on meanwhile.
      const d = loadDossier(ctx.db, input.dossierId);
      if (!mayAttach(actionState(d, now), user))
        throw new AppError('FORBIDDEN', 'Bạn không thể đính kèm tài liệu vào hồ sơ này.');
      tx.insert(attachments).values(row).run();
      enqueue(tx, now, 'attachment', row.id, { ...row, updatedAt: now });
      return {
        result: undefined,
        audit: {
          operation: 'dossiers.attach',
          entity: 'dossier',
          entityId: d.row.id,
          // Not the file's name: it often names the citizen, and the audit trail is kept (and
          // sent to the province) for good, past the dossier's own disposal.
          summary: `${d.row.code}: đính kèm một ${fileKind(row.mimeType)} (${sizeText(row.size)})`,
        },
      };
    });
    return view(row, user.fullName);
  },

  'dossiers.attachments': (ctx, input) => {
    const allowed = canAttach(ctx, ctx.db, input.dossierId);
    const items = rowsWithNames(ctx.db)
      .where(eq(attachments.dossierId, input.dossierId))
      .orderBy(asc(attachments.addedAt), asc(attachments.id))
      .all();
    return { canAttach: allowed, items: items.map((r) => view(r.row, r.addedByName)) };
  },

  'dossiers.attachment': async (ctx, input) => {
    requireUser(ctx);
    const found = rowsWithNames(ctx.db).where(eq(attachments.id, input.id)).get();
    if (!found) throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu đính kèm.');
    if (found.row.erasedAt !== null)
      throw new AppError(
        'NOT_FOUND',
        'Tệp đã được hủy theo quyết định hủy hồ sơ hết thời hạn lưu.',
      );
    const bytes = await readStoredFile(ctx.dataDir, found.row.sha256);
    if (!bytes) throw new AppError('FILE_MISSING');
    logPersonalDataAccess(
      ctx,
      found.row.dossierId,
      'file',
      // Not the file's name (see dossiers.attach).
      `Mở một ${fileKind(found.row.mimeType)} đính kèm`,
    );
    return { ...view(found.row, found.addedByName), base64: bytes.toString('base64') };
  },
};
