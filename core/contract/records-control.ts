// Operations of records control (kiểm soát hồ sơ, ISO 7.5.3): the yearly record lists, each
// dossier's retention, the "đến hạn hủy" list and disposal proposals. Deciding a disposal is
// the generic qms.transition ('decide', a leader only). Roles are checked in services.
import { z } from 'zod';
import { procedureCodeSchema } from '../catalog/schema';
import { recordItemSchema } from '../qms/record-list';
import { op } from './define';
import { recordView } from './qms';
import { id } from './schemas';

const year = z.int('Năm không hợp lệ').min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ');

const retentionYears = z.union([z.int(), z.literal('permanent')]).nullable();

export const dueGroup = z.object({
  procedureId: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  closedYear: z.number(),
  retentionYears: z.number(),
  /** Last day the group had to be kept ('YYYY-MM-DD'). */
  retainUntil: z.string(),
  count: z.number(),
  firstCode: z.string(),
  lastCode: z.string(),
});
export type DueGroup = z.infer<typeof dueGroup>;

export const recordsControlOps = {
  'records.lists': op({
    input: z.object({ year }).strict(),
    output: z.object({ lists: z.array(recordView), years: z.array(z.number()) }),
    access: 'user',
  }),
  'records.saveList': op({
    input: z
      .object({
        /** Absent: a new draft; present: that draft, at the rev the user saw. */
        id: id.optional(),
        rev: z.int().min(1).optional(),
        year,
        processName: z.string().trim().min(1, 'Phải nhập tên quy trình').max(500),
        procedureCode: procedureCodeSchema.nullable().default(null),
        code: z.string().trim().max(40).default(''),
        items: z
          .array(recordItemSchema)
          .min(1, 'Danh mục phải có ít nhất một hồ sơ')
          .max(100, 'Danh mục tối đa 100 hồ sơ'),
      })
      .strict(),
    output: recordView,
    access: 'user',
  }),
  'records.startYear': op({
    input: z.object({ year }).strict(),
    output: z.object({ created: z.number(), from: z.enum(['previous', 'template']) }),
    access: 'user',
  }),
  'records.retention': op({
    input: z.object({ dossierId: id }).strict(),
    output: z.object({
      years: retentionYears,
      source: z.enum(['catalog', 'seed', 'civil_status', 'none']),
      text: z.string(),
      closedYear: z.number().nullable(),
      retainUntil: z.string().nullable(),
      disposedAt: z.number().nullable(),
      disposalId: z.string().nullable(),
    }),
    access: 'dossiers.read',
  }),
  'records.due': op({
    input: z.object({}).strict(),
    output: z.object({ today: z.string(), groups: z.array(dueGroup), total: z.number() }),
    access: 'user',
  }),
  'disposals.propose': op({
    input: z
      .object({
        groups: z
          .array(z.object({ procedureId: id, closedYear: year }).strict())
          .min(1, 'Hãy chọn ít nhất một nhóm hồ sơ đến hạn hủy')
          .max(500),
        basis: z.string().trim().min(1, 'Phải nhập căn cứ hủy hồ sơ').max(4000),
        method: z.string().trim().min(1, 'Phải nhập phương pháp hủy').max(1000),
      })
      .strict(),
    output: recordView,
    access: 'user',
  }),
  'disposals.list': op({
    input: z.object({}).strict(),
    output: z.array(recordView),
    access: 'user',
  }),
};
