// Operations on the scanned documents of a dossier: attach one (bytes as base64), list them,
// read one back for viewing.
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MIME_TYPES } from '../desk/attachments';
import { op } from './define';
import { id } from './schemas';

/** Base64 of the largest file, with room for the service to answer "too large" itself. */
const MAX_BASE64 = Math.ceil((ATTACHMENT_MAX_BYTES * 1.05 * 4) / 3);

export const attachmentView = z.object({
  id: z.string(),
  dossierId: z.string(),
  fileName: z.string(),
  mimeType: z.enum(ATTACHMENT_MIME_TYPES),
  size: z.number(),
  sha256: z.string(),
  addedAt: z.number(),
  addedByName: z.string().nullable(),
});
export type AttachmentView = z.infer<typeof attachmentView>;

export const attachmentOps = {
  'dossiers.attach': op({
    input: z
      .object({
        dossierId: id,
        fileName: z
          .string()
          .trim()
          .min(1, 'Tên tệp không được để trống')
          .max(255, 'Tên tệp quá dài (tối đa 255 ký tự)'),
        base64: z
          .string()
          .min(1, 'Tệp rỗng')
          .max(MAX_BASE64, 'Tệp quá lớn: mỗi tệp đính kèm tối đa 20 MB')
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Nội dung tệp không hợp lệ'),
      })
      .strict(),
    output: attachmentView,
    // The service checks the dossier itself: whoever may act on it (core/desk/attachments).
    access: 'dossiers.read',
  }),
  'dossiers.attachments': op({
    input: z.object({ dossierId: id }).strict(),
    output: z.object({ canAttach: z.boolean(), items: z.array(attachmentView) }),
    access: 'dossiers.read',
  }),
  'dossiers.attachment': op({
    input: z.object({ id }).strict(),
    output: attachmentView.extend({ base64: z.string() }),
    access: 'dossiers.read',
  }),
};
