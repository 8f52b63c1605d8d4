// Documents (kiểm soát thông tin dạng văn bản, ISO 7.5): the register entry of a quality
// policy, procedure, guideline, form or external document (law). Its content lives in its
// revisions (core/qms/revision.ts); the document carries the periodic review and withdrawal.
import { z } from 'zod';
import { addCivilDays } from '../calendar/civil-time';
import { ROLES } from '../auth/roles';
import { procedureCodeSchema } from '../catalog/schema';
import type { RecordKind, TransitionDef } from './kind';
import { signature } from './rules';

export const DOC_TYPES = ['policy', 'procedure', 'guideline', 'form', 'external'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export const DOC_TYPE_LABELS: Readonly<Record<DocType, string>> = {
  policy: 'Chính sách chất lượng',
  procedure: 'Quy trình',
  guideline: 'Hướng dẫn',
  form: 'Biểu mẫu',
  external: 'Tài liệu bên ngoài',
};

export const DOCUMENT_STATES = ['active', 'obsolete'] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

export const REVIEW_OUTCOMES = ['no_change', 'revise', 'withdraw'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });
const civilDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

/** A law or decision the office applies: number, issuer, dates, what replaced it. */
export const externalFacts = z.object({
  number: z.string().trim().min(1, 'Phải nhập số hiệu văn bản').max(100),
  issuer: z.string().trim().min(1, 'Phải nhập cơ quan ban hành').max(200),
  effectiveDate: civilDate,
  expiryDate: civilDate.nullable().default(null),
  /** The external document that replaced this one (its record id). */
  replacedById: z.string().nullable().default(null),
});
export type ExternalFacts = z.infer<typeof externalFacts>;

export const documentData = z.object({
  docType: z.enum(DOC_TYPES),
  ownerRole: z.enum(ROLES),
  /** Roles that must read and acknowledge each revision when it takes effect. */
  concernedRoles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  /** Periodic review interval, counted from the last review or effective date. */
  reviewMonths: z.int().min(1, 'Chu kỳ rà soát tối thiểu 1 tháng').max(60).default(12),
  /** For the procedure of an administrative procedure: its national code in the catalog. */
  procedureCode: procedureCodeSchema.nullable().default(null),
  /** External documents (record ids) this one cites: expiry or replacement flags it. */
  cites: z.array(z.string()).max(100).default([]),
  external: externalFacts.nullable().default(null),
  lastReview: z
    .object({
      by: signatureSchema,
      outcome: z.enum(REVIEW_OUTCOMES),
      comment: z.string(),
    })
    .nullable()
    .default(null),
  withdrawn: z.object({ by: signatureSchema, reason: z.string() }).nullable().default(null),
});
export type DocumentData = z.infer<typeof documentData>;

const MANAGERS = ['leader', 'iso_coordinator'] as const;

/** The next periodic review date `months` after `from` (an approximation by 30-day months
 * would drift; calendar months are what an ISO secretary counts). */
export function addMonths(from: string, months: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const reviewed = (outcome: ReviewOutcome): TransitionDef<DocumentState, DocumentData> => ({
  label: outcome === 'no_change' ? 'ghi nhận rà soát không thay đổi' : 'rà soát và sửa đổi',
  from: ['active'],
  to: 'active',
  roles: MANAGERS,
  requires: ['comment'],
  // Only a document with a revision in force has a next review date to meet.
  rules: [
    (c) =>
      c.record.dueDate !== null
        ? null
        : {
            code: 'CONFLICT',
            message:
              c.record.data.docType === 'external'
                ? 'Tài liệu bên ngoài không rà soát định kỳ: khi văn bản hết hiệu lực hoặc được thay thế, hãy cập nhật ngày hết hiệu lực hoặc văn bản thay thế.'
                : 'Tài liệu chưa có lần ban hành nào có hiệu lực nên chưa rà soát định kỳ.',
          },
  ],
  apply: (c) => ({
    data: { lastReview: { by: signature(c), outcome, comment: c.input.comment ?? '' } },
    dueDate: addMonths(c.today, c.record.data.reviewMonths),
  }),
});

export const documentKind: RecordKind<DocumentState, DocumentData> = {
  kind: 'document',
  label: 'Tài liệu',
  states: DOCUMENT_STATES,
  stateLabels: { active: 'Đang quản lý', obsolete: 'Đã hủy bỏ' },
  initial: 'active',
  createRoles: MANAGERS,
  data: documentData,
  transitions: {
    review_no_change: reviewed('no_change'),
    review_revise: reviewed('revise'),
    withdraw: {
      label: 'hủy bỏ tài liệu',
      from: ['active'],
      to: 'obsolete',
      roles: MANAGERS,
      requires: ['comment'],
      apply: (c) => ({
        data: {
          withdrawn: { by: signature(c), reason: c.input.comment ?? '' },
          lastReview: { by: signature(c), outcome: 'withdraw', comment: c.input.comment ?? '' },
        },
        dueDate: null,
      }),
    },
  },
  inbox: [
    {
      state: 'active',
      task: 'Rà soát định kỳ tài liệu',
      who: ['iso_coordinator'],
      horizonDays: 30,
      when: (r) => r.data.docType !== 'external',
    },
  ],
  link: (r) => `/qms/documents/${r.id}`,
};

/** Whether an external document is no longer in force on `today` (expired or replaced). */
export function externalLapsed(facts: ExternalFacts | null, today: string): boolean {
  if (!facts) return false;
  return facts.replacedById !== null || (facts.expiryDate !== null && facts.expiryDate <= today);
}

/** A review due date for a document that takes effect on `date`. */
export const firstReviewDate = (date: string, months: number): string => addMonths(date, months);
export const acknowledgeBy = (effective: string): string => addCivilDays(effective, 7);
