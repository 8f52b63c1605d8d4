// A revision (lần ban hành) of a document: its content (procedure sections, the ISO step
// table of an administrative procedure, and/or an attached DOCX/PDF) and its sign-off
// Soạn thảo → Xem xét → Phê duyệt. Life: draft → in review → approved → effective on its date
// → superseded by the next one, or obsolete when the document is withdrawn.
import { z } from 'zod';
import { addCivilDays } from '../calendar/civil-time';
import { stepSchema } from '../catalog/schema';
import { invalid, type RecordKind, type Rule } from './kind';
import { dateNotPast, notSigner, ownerOr, signature } from './rules';

export const REVISION_STATES = [
  'draft',
  'in_review',
  'approved',
  'effective',
  'superseded',
  'obsolete',
  'cancelled',
] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

/** The sections of a procedure document (framework model), in print order. */
export const SECTION_KEYS = [
  'purpose',
  'scope',
  'references',
  'definitions',
  'content',
  'forms',
  'records',
] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const SECTION_LABELS: Readonly<Record<SectionKey, string>> = {
  purpose: 'Mục đích',
  scope: 'Phạm vi',
  references: 'Tài liệu viện dẫn',
  definitions: 'Định nghĩa và chữ viết tắt',
  content: 'Nội dung',
  forms: 'Biểu mẫu',
  records: 'Hồ sơ cần lưu',
};

const sectionText = z.string().max(20_000, 'Mục quá dài (tối đa 20.000 ký tự)');
export const sectionsSchema = z.object({
  purpose: sectionText.default(''),
  scope: sectionText.default(''),
  references: sectionText.default(''),
  definitions: sectionText.default(''),
  content: sectionText.default(''),
  forms: sectionText.default(''),
  records: sectionText.default(''),
});
export type Sections = z.infer<typeof sectionsSchema>;

export const FILE_MIME_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type RevisionFileMime = (typeof FILE_MIME_TYPES)[number];

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });

export const revisionData = z.object({
  documentId: z.string(),
  issueNo: z.int().min(1).max(999),
  changeSummary: z.string().trim().max(4000).default(''),
  sections: sectionsSchema.default(sectionsSchema.parse({})),
  /** The ISO step table, for an administrative procedure's document; null for others. */
  steps: z.array(stepSchema).max(50).nullable().default(null),
  file: z
    .object({ name: z.string().max(255), mime: z.enum(FILE_MIME_TYPES), size: z.int().min(1) })
    .nullable()
    .default(null),
  drafted: signatureSchema.nullable().default(null),
  reviewed: signatureSchema.nullable().default(null),
  approved: signatureSchema.nullable().default(null),
  effectiveDate: z.string().nullable().default(null),
  /** Why the last review or approval sent it back to draft. */
  rejectComment: z.string().default(''),
  /** Shipped with the app at setup: in force, but nobody signed or must acknowledge it. */
  seed: z.boolean().default(false),
  /** The catalog procedure version its approval created (administrative procedures). */
  catalogVersion: z.int().nullable().default(null),
});
export type RevisionData = z.infer<typeof revisionData>;

/** Days a revision may wait in review before the inbox shows it overdue. */
export const REVIEW_DAYS = 5;

const hasContent: Rule<RevisionData> = ({ record: { data, fileSha256 } }) => {
  if (data.steps !== null && data.steps.length === 0)
    return invalid('Bảng các bước của quy trình không được để trống.');
  if (data.steps !== null && data.steps.length < 2)
    return invalid('Quy trình phải có ít nhất bước tiếp nhận và bước trả kết quả.');
  const written = Object.values(data.sections).some((s) => s.trim() !== '');
  return written || fileSha256 !== null || data.steps !== null
    ? null
    : invalid('Bản dự thảo chưa có nội dung: hãy nhập các mục hoặc đính kèm tệp.');
};

const notReviewedYet: Rule<RevisionData> = (c) =>
  c.record.data.reviewed ? { code: 'CONFLICT', message: 'Tài liệu đã được xem xét.' } : null;

const reviewedFirst: Rule<RevisionData> = (c) =>
  c.record.data.reviewed ? null : invalid('Tài liệu phải được xem xét trước khi phê duyệt.');

const dueNow: Rule<RevisionData> = (c) =>
  c.record.data.effectiveDate !== null && c.record.data.effectiveDate <= c.today
    ? null
    : invalid('Chưa đến ngày hiệu lực.');

const drafted = (d: RevisionData) => d.drafted;
const MANAGERS = ['leader', 'iso_coordinator'] as const;

export const revisionKind: RecordKind<RevisionState, RevisionData> = {
  kind: 'revision',
  label: 'Bản ban hành',
  states: REVISION_STATES,
  stateLabels: {
    draft: 'Dự thảo',
    in_review: 'Đang xem xét',
    approved: 'Đã phê duyệt, chờ hiệu lực',
    effective: 'Đang hiệu lực',
    superseded: 'Đã được thay thế',
    obsolete: 'Hết hiệu lực',
    cancelled: 'Đã hủy dự thảo',
  },
  initial: 'draft',
  createRoles: MANAGERS,
  data: revisionData,
  transitions: {
    submit: {
      label: 'gửi xem xét',
      from: ['draft'],
      to: 'in_review',
      roles: MANAGERS,
      rules: [
        ownerOr(['iso_coordinator'], 'Chỉ người soạn thảo gửi dự thảo này đi xem xét.'),
        hasContent,
      ],
      apply: (c) => ({
        data: { drafted: signature(c), reviewed: null, approved: null, rejectComment: '' },
        dueDate: addCivilDays(c.today, REVIEW_DAYS),
      }),
    },
    review: {
      label: 'xem xét',
      from: ['in_review'],
      to: 'in_review',
      roles: MANAGERS,
      rules: [
        notReviewedYet,
        notSigner(drafted, 'Người xem xét không được là người soạn thảo tài liệu.'),
      ],
      apply: (c) => ({ data: { reviewed: signature(c) } }),
    },
    approve: {
      label: 'phê duyệt',
      from: ['in_review'],
      to: 'approved',
      roles: ['leader'],
      requires: ['date'],
      rules: [
        notSigner(drafted, 'Không được phê duyệt tài liệu do chính mình soạn thảo.'),
        reviewedFirst,
        dateNotPast('Ngày hiệu lực'),
        hasContent,
      ],
      apply: (c) => ({
        data: { approved: signature(c), effectiveDate: c.input.date ?? null },
        dueDate: c.input.date ?? null,
      }),
    },
    reject: {
      label: 'trả lại để sửa',
      from: ['in_review'],
      to: 'draft',
      roles: MANAGERS,
      requires: ['comment'],
      rules: [notSigner(drafted, 'Người soạn thảo không tự trả lại dự thảo của mình.')],
      apply: (c) => ({
        data: { reviewed: null, rejectComment: c.input.comment ?? '' },
        dueDate: null,
      }),
    },
    cancel: {
      label: 'hủy dự thảo',
      from: ['draft', 'in_review'],
      to: 'cancelled',
      roles: MANAGERS,
      requires: ['comment'],
      apply: () => ({ dueDate: null }),
    },
    take_effect: {
      label: 'áp dụng',
      from: ['approved'],
      to: 'effective',
      roles: 'system',
      rules: [dueNow],
      apply: () => ({ dueDate: null }),
    },
    supersede: { label: 'thay thế', from: ['effective'], to: 'superseded', roles: 'system' },
    make_obsolete: {
      label: 'hủy hiệu lực',
      from: ['approved', 'effective'],
      to: 'obsolete',
      roles: 'system',
      apply: () => ({ dueDate: null }),
    },
  },
  inbox: [
    { state: 'draft', task: 'Hoàn thiện dự thảo tài liệu', who: 'owner' },
    {
      state: 'in_review',
      task: 'Xem xét tài liệu',
      who: MANAGERS,
      when: (r, u) => r.data.reviewed === null && r.data.drafted?.userId !== u.id,
    },
    {
      state: 'in_review',
      task: 'Phê duyệt tài liệu',
      who: ['leader'],
      when: (r, u) => r.data.reviewed !== null && r.data.drafted?.userId !== u.id,
    },
  ],
  link: (r) => `/qms/documents/${r.parentId ?? ''}?revision=${r.id}`,
};
