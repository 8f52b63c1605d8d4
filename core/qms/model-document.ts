// A model document the province publishes (tài liệu mẫu): the framework model's internal
// procedures (document control, records control, internal audit, nonconformity and corrective
// action, management review) an office adopts as a draft document of its own. One
// 'model_document' feed entry per model, keyed by its code; a new version replaces it.
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { safeText } from '../sync/protocol';
import { sectionsSchema } from './revision';

const text = (label: string, max: number) =>
  safeText(0, max)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `Nhập ${label}`).max(max, `${label} quá dài (tối đa ${max} ký tự)`));

export const modelDocumentBody = z.object({
  /** The code the office's document gets (QT-KSTL), letters, digits and dashes. */
  code: z
    .string()
    .trim()
    .regex(
      /^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$/u,
      'Mã tài liệu gồm chữ in hoa, số và gạch ngang (ví dụ QT-KSTL)',
    )
    .max(40, 'Mã tài liệu quá dài'),
  title: text('tên tài liệu', 300),
  ownerRole: z.enum(ROLES).default('iso_coordinator'),
  /** Roles that acknowledge it once the office's revision is in force. */
  concernedRoles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  sections: sectionsSchema,
  /** What the province says about this version (what changed). */
  note: z.string().max(2000).default(''),
  withdrawn: z.boolean().default(false),
});
export type ModelDocumentBody = z.infer<typeof modelDocumentBody>;

/** The dashboard's request: models to publish, each at the next version of its code. */
export const publishModelDocumentsRequest = z
  .object({ documents: z.array(modelDocumentBody).min(1, 'Chọn ít nhất một tài liệu mẫu').max(50) })
  .strict();
