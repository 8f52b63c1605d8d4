// A finding of an internal audit (phát hiện đánh giá): its type, the clause, what was found and
// the evidence. A nonconformity finding (major or minor) opens a nonconformity record in the
// same transaction (services/qms/audit-findings.ts), linked both ways.
import { z } from 'zod';
import { CLAUSE_PATTERN } from './audit-checklist';
import type { RecordKind } from './kind';

export const FINDING_TYPES = ['conformity', 'major_nc', 'minor_nc', 'observation', 'ofi'] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

export const FINDING_TYPE_LABELS: Readonly<Record<FindingType, string>> = {
  conformity: 'Phù hợp',
  major_nc: 'Không phù hợp nặng',
  minor_nc: 'Không phù hợp nhẹ',
  observation: 'Điểm cần lưu ý',
  ofi: 'Cơ hội cải tiến',
};

export const isNcFinding = (t: FindingType): boolean => t === 'major_nc' || t === 'minor_nc';

export const findingData = z.object({
  auditId: z.string(),
  type: z.enum(FINDING_TYPES, 'Loại phát hiện không hợp lệ'),
  clause: z.string().regex(CLAUSE_PATTERN, 'Điều khoản không hợp lệ (VD: 7.5)'),
  description: z.string().trim().min(1, 'Phải mô tả phát hiện').max(4000),
  evidence: z.string().trim().max(4000).default(''),
  /** The checklist question or sampled dossier it came from, if any. */
  checklistItemId: z.string().nullable().default(null),
  dossierId: z.string().nullable().default(null),
  /** The nonconformity opened from it. */
  nonconformityId: z.string().nullable().default(null),
  /** A finding brought back from a visiting auditor's results file (its stable ref). */
  externalRef: z.string().nullable().default(null),
  cancelReason: z.string().max(4000).default(''),
});
export type FindingData = z.infer<typeof findingData>;

export const FINDING_STATES = ['recorded', 'cancelled'] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const findingKind: RecordKind<FindingState, FindingData> = {
  kind: 'finding',
  label: 'Phát hiện đánh giá',
  states: FINDING_STATES,
  stateLabels: { recorded: 'Đã ghi nhận', cancelled: 'Đã hủy' },
  initial: 'recorded',
  // Who may write findings is the audit's team, checked in services.
  createRoles: 'any',
  data: findingData,
  transitions: {
    cancel: {
      label: 'hủy phát hiện',
      from: ['recorded'],
      to: 'cancelled',
      roles: ['leader', 'iso_coordinator', 'internal_auditor'],
      requires: ['comment'],
      rules: [
        (c) =>
          c.record.data.nonconformityId
            ? {
                code: 'CONFLICT',
                message:
                  'Phát hiện đã mở sự không phù hợp: hãy hủy sự không phù hợp đó (có lý do) thay vì hủy phát hiện.',
              }
            : null,
      ],
      apply: (c) => ({ data: { cancelReason: c.input.comment ?? '' } }),
    },
  },
  link: (r) => `/qms/audits/${r.data.auditId}`,
};
