// Operations of nonconformity and corrective action (core/qms/nonconformity.ts): create one
// (pre-filled from a late dossier, a feedback entry, a missed objective), the register with
// search and Excel, the printed report. Its moves go through qms.transition like every kind.
import { z } from 'zod';
import { NC_SOURCES } from '../qms/nonconformity';
import { op } from './define';
import { civilDate } from './qms';
import { id } from './schemas';

/** What a nonconformity may be opened from: a dossier, or another quality-system record. */
export const NC_LINK_KINDS = ['dossier', 'feedback', 'objective', 'risk', 'finding'] as const;

export const ncLink = z.object({
  sourceKind: z.enum(NC_LINK_KINDS, 'Loại nguồn không hợp lệ'),
  sourceId: id,
});

export const ncDraft = z.object({
  source: z.enum(NC_SOURCES),
  sourceKind: z.enum(NC_LINK_KINDS).nullable(),
  sourceId: z.string().nullable(),
  /** What the source is, for the form's header ('Hồ sơ 000.00.00.H56-261123-0001'). */
  sourceLabel: z.string(),
  title: z.string(),
  description: z.string(),
  detectedOn: z.string(),
  deadline: z.string(),
});

export const ncRow = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  source: z.string(),
  sourceLabel: z.string(),
  sourceKind: z.string().nullable(),
  sourceId: z.string().nullable(),
  detectedOn: z.string(),
  deadline: z.string(),
  closedOn: z.string().nullable(),
  ownerName: z.string().nullable(),
  overdue: z.boolean(),
  actionsOpen: z.number(),
  actionsTotal: z.number(),
});
export type NcRow = z.infer<typeof ncRow>;

const listInput = z
  .object({
    query: z.string().trim().max(200).default(''),
    state: z.enum(['all', 'open', 'overdue', 'closed', 'cancelled']).default('all'),
    year: z.number().int().min(2000).max(2100).nullable().default(null),
    sourceKind: z.enum(NC_LINK_KINDS).optional(),
    sourceId: z.string().max(200).optional(),
    /** The register's page (1-based) and its size; the Excel export takes every row. */
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
  })
  .strict();

export const nonconformityOps = {
  /** Who can be put in charge of a record or an action: every active user. */
  'qms.people': op({
    input: z.object({}).strict(),
    output: z.array(z.object({ id: z.string(), fullName: z.string(), title: z.string() })),
    access: 'user',
  }),
  'nonconformities.draft': op({ input: ncLink.strict(), output: ncDraft, access: 'user' }),
  'nonconformities.create': op({
    input: z
      .object({
        source: z.enum(NC_SOURCES, 'Nguồn phát hiện không hợp lệ'),
        sourceKind: z.enum(NC_LINK_KINDS).nullable().default(null),
        sourceId: id.nullable().default(null),
        title: z.string().trim().min(1, 'Phải nhập tên sự không phù hợp').max(300),
        description: z.string().trim().min(1, 'Phải mô tả sự không phù hợp').max(4000),
        detectedOn: civilDate,
        deadline: civilDate,
        correction: z.string().trim().max(4000).default(''),
        /** Who handles it; the creator when absent. */
        ownerId: id.nullable().default(null),
      })
      .strict(),
    output: z.object({ id: z.string(), code: z.string() }),
    access: 'user',
  }),
  'nonconformities.list': op({
    input: listInput,
    /** The page asked for; total counts every row the filters keep. */
    output: z.object({ rows: z.array(ncRow), total: z.number() }),
    access: 'user',
  }),
  'nonconformities.exportExcel': op({
    input: listInput,
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
  'nonconformities.print': op({
    input: z.object({ id }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'user',
  }),
};
