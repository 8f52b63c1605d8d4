// The disposal decision (quyết định hủy hồ sơ hết thời hạn lưu): proposed by the records
// clerk or the ISO secretary from the "đến hạn hủy" list, decided by a leader. Deciding erases
// the citizens' personal data from the listed dossiers (services/qms/disposal.ts) and keeps
// the decision itself, with what it listed, for ever.
import { z } from 'zod';
import type { RecordKind } from './kind';
import { signature } from './rules';

/** What an erased scan's row shows instead of the citizen's file name. */
export const ERASED_FILE_NAME = 'Tệp đã hủy theo quyết định hủy hồ sơ';

/** The dossier fields a disposal decision empties (the citizen's personal data, free text). */
export const ERASED_DOSSIER_FIELDS = {
  applicantName: '',
  applicantNameFolded: '',
  applicantIdNumber: '',
  applicantAddress: '',
  applicantPhone: '',
  applicantEmail: '',
  note: '',
} as const;

export const DISPOSAL_STATES = ['draft', 'decided', 'cancelled'] as const;
export type DisposalState = (typeof DISPOSAL_STATES)[number];

/** One line of the decision's list: a procedure's dossiers closed in one year. */
export const disposalGroup = z.object({
  procedureId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  closedYear: z.int(),
  retentionYears: z.int(),
  count: z.int().min(1),
  firstCode: z.string(),
  lastCode: z.string(),
});
export type DisposalGroup = z.infer<typeof disposalGroup>;

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });

export const disposalData = z.object({
  /** Căn cứ: the record list and the law the decision rests on. */
  basis: z.string().trim().min(1, 'Phải nhập căn cứ hủy hồ sơ').max(4000),
  /** Phương pháp hủy (xé nhỏ, nghiền, xóa dữ liệu điện tử...). */
  method: z.string().trim().min(1, 'Phải nhập phương pháp hủy').max(1000),
  groups: z.array(disposalGroup).min(1, 'Quyết định phải liệt kê ít nhất một nhóm hồ sơ').max(500),
  total: z.int().min(1),
  /** Số quyết định (15/QĐ-UBND), given by the leader when deciding. */
  number: z.string().default(''),
  decided: signatureSchema.nullable().default(null),
  /** Dossiers whose personal data the decision erased. */
  erased: z.int().min(0).default(0),
});
export type DisposalData = z.infer<typeof disposalData>;

export const decideFields = z.object({
  number: z
    .string({ error: 'Phải nhập số quyết định' })
    .trim()
    .min(1, 'Phải nhập số quyết định')
    .max(60, 'Số quyết định quá dài'),
});

export const disposalKind: RecordKind<DisposalState, DisposalData> = {
  kind: 'disposal',
  label: 'Quyết định hủy hồ sơ',
  states: DISPOSAL_STATES,
  stateLabels: { draft: 'Đề nghị hủy', decided: 'Đã quyết định hủy', cancelled: 'Đã hủy đề nghị' },
  initial: 'draft',
  createRoles: ['leader', 'iso_coordinator', 'records_clerk'],
  data: disposalData,
  transitions: {
    decide: {
      label: 'quyết định hủy',
      from: ['draft'],
      to: 'decided',
      roles: ['leader'],
      fields: decideFields,
      apply: (c) => ({
        data: {
          decided: signature(c),
          number: decideFields.parse(c.input.fields).number,
        },
        dueDate: null,
      }),
    },
    cancel: {
      label: 'hủy đề nghị',
      from: ['draft'],
      to: 'cancelled',
      roles: ['leader', 'iso_coordinator', 'records_clerk'],
      requires: ['comment'],
      apply: () => ({ dueDate: null }),
    },
  },
  inbox: [{ state: 'draft', task: 'Quyết định hủy hồ sơ hết hạn lưu', who: ['leader'] }],
  link: (r) => `/qms/disposals/${r.id}`,
};
