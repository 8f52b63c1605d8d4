// The record list (danh mục hồ sơ, ISO 7.5.3) of one procedure or internal process for one
// year: which records are kept, by whom, where, for how long, and how they are destroyed.
// Drafted by the ISO secretary or the records clerk, approved by a leader; next year's list
// starts as a copy of this year's (services/qms/records-control.ts).
import { z } from 'zod';
import { procedureCodeSchema } from '../catalog/schema';
import { invalid, type RecordKind, type Rule } from './kind';
import { notSigner, signature } from './rules';

export const RECORD_LIST_STATES = ['draft', 'in_review', 'approved', 'cancelled'] as const;
export type RecordListState = (typeof RECORD_LIST_STATES)[number];

export const RECORD_PLACES = ['shelf', 'electronic', 'both'] as const;
export type RecordPlace = (typeof RECORD_PLACES)[number];
export const RECORD_PLACE_LABELS: Readonly<Record<RecordPlace, string>> = {
  shelf: 'Bản giấy (tủ, kệ)',
  electronic: 'Bản điện tử',
  both: 'Bản giấy và điện tử',
};

const line = (label: string, max = 300) =>
  z
    .string()
    .trim()
    .min(1, `${label} không được để trống`)
    .max(max, `${label} quá dài (tối đa ${max} ký tự)`);

/** Retention in years (1-100), or null for permanent (vĩnh viễn). */
export const retentionYearsSchema = z
  .int('Thời hạn lưu phải là số năm nguyên')
  .min(1, 'Thời hạn lưu tối thiểu 1 năm')
  .max(100, 'Thời hạn lưu tối đa 100 năm (hoặc chọn vĩnh viễn)')
  .nullable();

export const recordItemSchema = z.object({
  name: line('Tên hồ sơ'),
  keeper: line('Người lưu giữ', 200),
  place: z.enum(RECORD_PLACES, { error: 'Nơi lưu chỉ nhận: bản giấy, bản điện tử hoặc cả hai' }),
  location: z.string().trim().max(300).default(''),
  retentionYears: retentionYearsSchema,
  disposal: line('Phương pháp hủy', 300),
});
export type RecordItem = z.infer<typeof recordItemSchema>;

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });

export const recordListData = z.object({
  year: z.int().min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
  /** The procedure's or internal process's name, as the list heads it. */
  processName: line('Tên quy trình', 500),
  /** The administrative procedure's national code; null for an internal process. */
  procedureCode: procedureCodeSchema.nullable().default(null),
  items: z
    .array(recordItemSchema)
    .min(1, 'Danh mục phải có ít nhất một hồ sơ')
    .max(100, 'Danh mục tối đa 100 hồ sơ'),
  drafted: signatureSchema.nullable().default(null),
  approved: signatureSchema.nullable().default(null),
  rejectComment: z.string().default(''),
});
export type RecordListData = z.infer<typeof recordListData>;

const MANAGERS = ['leader', 'iso_coordinator'] as const;
const EDITORS = ['leader', 'iso_coordinator', 'records_clerk'] as const;

const hasItems: Rule<RecordListData> = (c) =>
  c.record.data.items.length > 0 ? null : invalid('Danh mục phải có ít nhất một hồ sơ.');

export const recordListKind: RecordKind<RecordListState, RecordListData> = {
  kind: 'record_list',
  label: 'Danh mục hồ sơ',
  states: RECORD_LIST_STATES,
  stateLabels: {
    draft: 'Dự thảo',
    in_review: 'Chờ phê duyệt',
    approved: 'Đã ban hành',
    cancelled: 'Đã hủy',
  },
  initial: 'draft',
  createRoles: EDITORS,
  data: recordListData,
  transitions: {
    submit: {
      label: 'trình phê duyệt',
      from: ['draft'],
      to: 'in_review',
      roles: EDITORS,
      rules: [hasItems],
      apply: (c) => ({ data: { drafted: signature(c), approved: null, rejectComment: '' } }),
    },
    approve: {
      label: 'phê duyệt',
      from: ['in_review'],
      to: 'approved',
      roles: ['leader'],
      rules: [notSigner((d) => d.drafted, 'Không được phê duyệt danh mục do chính mình lập.')],
      apply: (c) => ({ data: { approved: signature(c) } }),
    },
    reject: {
      label: 'trả lại để sửa',
      from: ['in_review'],
      to: 'draft',
      roles: ['leader'],
      requires: ['comment'],
      apply: (c) => ({ data: { rejectComment: c.input.comment ?? '' } }),
    },
    revise: {
      label: 'sửa đổi danh mục',
      from: ['approved'],
      to: 'draft',
      roles: MANAGERS,
      requires: ['comment'],
      apply: () => ({ data: { approved: null } }),
    },
    cancel: {
      label: 'hủy danh mục',
      from: ['draft'],
      to: 'cancelled',
      roles: MANAGERS,
      requires: ['comment'],
    },
  },
  inbox: [
    {
      state: 'in_review',
      task: 'Phê duyệt danh mục hồ sơ',
      who: ['leader'],
      when: (r, u) => r.data.drafted?.userId !== u.id,
    },
  ],
  link: (r) => `/qms/records/${r.id}`,
};
