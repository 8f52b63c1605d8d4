// A revision's attached file (the signed DOCX or PDF): checked to be what it claims, stored by
// sha256 in the office's file store (services/file-store.ts, like dossier scans), and read back
// for preview and download. Its bytes reach the province through the file sync.
import { AppError } from '../../core/errors';
import type { RevisionFileMime } from '../../core/qms/revision';
import { readStoredFile, storeFile } from '../file-store';

export const REVISION_FILE_MAX_BYTES = 20 * 1024 * 1024;

const DOCX: RevisionFileMime =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What the bytes are: a Word document is a zip holding word/document.xml; a PDF starts
 * with %PDF-. Anything else (or a renamed file) is refused. */
export function sniffRevisionFile(bytes: Buffer): RevisionFileMime | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  const zip = bytes.length > 30 && bytes.readUInt32LE(0) === 0x04034b50;
  if (zip && bytes.includes('word/document.xml', 0, 'latin1')) return DOCX;
  return null;
}

export function decodeRevisionFile(base64: string): { bytes: Buffer; mime: RevisionFileMime } {
  if (Math.floor((base64.length * 3) / 4) - 2 > REVISION_FILE_MAX_BYTES)
    throw new AppError('FILE_TOO_LARGE', 'Tệp quá lớn: mỗi tệp tài liệu tối đa 20 MB.');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0)
    throw new AppError('FILE_TYPE', 'Tệp rỗng (0 byte): hãy chọn lại tệp Word (.docx) hoặc PDF.');
  if (bytes.length > REVISION_FILE_MAX_BYTES)
    throw new AppError('FILE_TOO_LARGE', 'Tệp quá lớn: mỗi tệp tài liệu tối đa 20 MB.');
  const mime = sniffRevisionFile(bytes);
  if (!mime)
    throw new AppError(
      'FILE_TYPE',
      'Tệp không phải tài liệu Word (.docx) hoặc PDF hợp lệ. Hãy lưu tài liệu ở định dạng .docx hoặc .pdf rồi đính kèm lại.',
    );
  return { bytes, mime };
}

export const storeRevisionFile = (dataDir: string, bytes: Buffer) => storeFile(dataDir, bytes);

export async function readRevisionFile(dataDir: string, sha256: string): Promise<Buffer> {
  const bytes = await readStoredFile(dataDir, sha256);
  if (!bytes)
    throw new AppError(
      'FILE_MISSING',
      'Tệp của bản ban hành không còn trên máy này hoặc đã bị hỏng. Hãy đính kèm lại.',
    );
  return bytes;
}
