// Operations of document control (QMS.md record 1): the register, a document with its
// revisions, drafting (sections, step table, attached DOCX/PDF), acknowledgements, printing
// and export. Sign-off moves (submit, review, approve, reject...) go through qms.transition.
import { z } from 'zod';
import { ROLES } from '../auth/roles';
import { procedureCodeSchema, stepSchema } from '../catalog/schema';
import { DOC_TYPES, externalFacts } from '../qms/document';
import { FILE_MIME_TYPES, sectionsSchema } from '../qms/revision';
import { op } from './define';
import { id } from './schemas';
import { recordView } from './qms';

/** A DOCX or PDF of up to 20 MB, as base64 (with room for the service to say "too large"). */
const MAX_FILE_BASE64 = Math.ceil((20 * 1024 * 1024 * 1.05 * 4) / 3);

const documentCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(
    /^[A-Z0-9][A-Z0-9.\-/]{1,39}$/,
    'Mã tài liệu gồm chữ in hoa, số, dấu chấm, gạch (ví dụ QT-HT-01)',
  );

export const documentFields = z.object({
  title: z.string().trim().min(1, 'Phải nhập tên tài liệu').max(300),
  ownerRole: z.enum(ROLES),
  concernedRoles: z.array(z.enum(ROLES)).max(ROLES.length).default([]),
  reviewMonths: z.int().min(1, 'Chu kỳ rà soát tối thiểu 1 tháng').max(60).default(12),
  cites: z.array(id).max(100).default([]),
  external: externalFacts.nullable().default(null),
});

export const documentRow = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  docType: z.enum(DOC_TYPES),
  state: z.string(),
  stateLabel: z.string(),
  ownerRole: z.string(),
  procedureCode: z.string().nullable(),
  /** The revision in force today: its issue number and effective date. */
  inForce: z
    .object({ id: z.string(), issueNo: z.number(), effectiveDate: z.string().nullable() })
    .nullable(),
  /** A revision on its way (draft, in review, approved waiting for its date). */
  pending: z
    .object({ id: z.string(), issueNo: z.number(), state: z.string(), stateLabel: z.string() })
    .nullable(),
  nextReview: z.string().nullable(),
  reviewOverdue: z.boolean(),
  /** "Cần rà soát": why (a cited law expired or was replaced). Empty when nothing to do. */
  flags: z.array(z.string()),
  external: externalFacts.nullable(),
});
export type DocumentRow = z.infer<typeof documentRow>;

/** An external document as other documents point at it. */
export const externalRef = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  number: z.string(),
});

export const acknowledgementView = z.object({
  revisionId: z.string(),
  done: z.array(z.object({ userId: z.string(), name: z.string(), at: z.number() })),
  outstanding: z.array(
    z.object({ userId: z.string(), name: z.string(), roles: z.array(z.string()) }),
  ),
});

export const documentDetail = z.object({
  document: recordView,
  row: documentRow,
  revisions: z.array(recordView),
  acknowledgements: acknowledgementView.nullable(),
  /** Whether the caller still has to acknowledge the revision in force. */
  mustAcknowledge: z.boolean(),
  /** For an external document: the documents that cite it. */
  citedBy: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  /** The external documents this one cites, each with whether it lapsed (expired, replaced). */
  cited: z.array(externalRef.extend({ lapsed: z.boolean() })),
  /** For an external document: the one that replaced it. */
  replacedBy: externalRef.nullable(),
  /** For an administrative procedure: the catalog's time limit, for the step-table editor. */
  timeLimitHours: z.number().nullable(),
});
export type DocumentDetail = z.infer<typeof documentDetail>;

const revisionRef = { revisionId: id, rev: z.number().int().min(1) };

export const documentOps = {
  'documents.list': op({
    input: z
      .object({
        query: z.string().trim().max(200).default(''),
        docType: z.enum(DOC_TYPES).optional(),
        includeObsolete: z.boolean().default(false),
      })
      .strict(),
    output: z.array(documentRow),
    access: 'user',
  }),
  'documents.get': op({
    input: z.object({ id }).strict(),
    output: documentDetail,
    access: 'user',
  }),
  'documents.create': op({
    input: documentFields
      .extend({
        docType: z.enum(DOC_TYPES),
        code: documentCode,
        procedureCode: procedureCodeSchema.nullable().default(null),
      })
      .strict(),
    output: documentDetail,
    access: 'user',
  }),
  'documents.update': op({
    input: documentFields.extend({ id, rev: z.number().int().min(1) }).strict(),
    output: documentDetail,
    access: 'user',
  }),
  'documents.newRevision': op({
    input: z.object({ documentId: id }).strict(),
    output: documentDetail,
    access: 'user',
  }),
  'documents.saveDraft': op({
    input: z
      .object({
        ...revisionRef,
        changeSummary: z.string().trim().max(4000),
        sections: sectionsSchema,
        steps: z.array(stepSchema).max(50).nullable(),
      })
      .strict(),
    output: documentDetail,
    access: 'user',
  }),
  'documents.attachFile': op({
    input: z
      .object({
        ...revisionRef,
        fileName: z.string().trim().min(1).max(255),
        base64: z.string().max(MAX_FILE_BASE64),
      })
      .strict(),
    output: documentDetail,
    access: 'user',
  }),
  'documents.file': op({
    input: z.object({ revisionId: id }).strict(),
    output: z.object({ fileName: z.string(), mime: z.enum(FILE_MIME_TYPES), base64: z.string() }),
    access: 'user',
  }),
  /** An attached Word file as HTML for the in-app preview (no script, no external content). */
  'documents.preview': op({
    input: z.object({ revisionId: id }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'user',
  }),
  'documents.acknowledge': op({
    input: z.object({ revisionId: id }).strict(),
    output: documentDetail,
    access: 'user',
  }),
  'documents.render': op({
    input: z.object({ revisionId: id }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'user',
  }),
  'documents.exportDocx': op({
    input: z.object({ revisionId: id }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
  'documents.exportExcel': op({
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
};
