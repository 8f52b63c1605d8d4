// Operations on dossiers at the one-stop desk: receive, list, read, and each move along the
// ISO procedure (forward, supplement, refuse, apology, stop, return).
import { z } from 'zod';
import { ACCESS_KINDS } from '../desk/access';
import { DOSSIER_ACTIONS } from '../desk/actions';
import { DOC_KINDS, DOSSIER_STATUSES, OUTCOMES } from '../desk/types';
import { ID_KINDS } from '../desk/identity';
import { op } from './define';
import { civilDate } from './qms';
import { ratingChoice } from './satisfaction';
import { id } from './schemas';

const text = (max: number) => z.string().trim().max(max);
const reason = z.string().trim().min(1, 'Phải nêu lý do').max(2000);

export const applicantInput = z
  .object({
    fullName: z.string().trim().min(2, 'Họ tên người nộp quá ngắn').max(100),
    idKind: z.enum(ID_KINDS),
    idNumber: z.string().trim().toUpperCase().min(1, 'Phải nhập số giấy tờ tùy thân').max(20),
    address: text(300),
    phone: z
      .string()
      .trim()
      .regex(/^(\+?84|0)?[0-9 .]{8,12}$|^$/, 'Số điện thoại không hợp lệ'),
    email: z.union([z.literal(''), z.string().trim().email('Email không hợp lệ')]),
  })
  .strict();

export const dossierDocumentInput = z
  .object({
    name: z.string().trim().min(1).max(300),
    kind: z.enum(DOC_KINDS),
    count: z.number().int('Số lượng phải là số nguyên').min(1, 'Số lượng phải lớn hơn 0').max(100),
  })
  .strict();

const instant = z.number().int().min(946_684_800_000).max(4_102_444_800_000);

export const dossierRow = z.object({
  id: z.string(),
  code: z.string(),
  procedureName: z.string(),
  procedureCode: z.string(),
  applicantName: z.string(),
  applicantIdNumber: z.string(),
  status: z.enum(DOSSIER_STATUSES),
  receivedAt: z.number(),
  dueAt: z.number(),
  returnedAt: z.number().nullable(),
  outcome: z.enum(OUTCOMES).nullable(),
  overdue: z.boolean(),
  currentStepName: z.string(),
  assigneeName: z.string().nullable(),
});

export const dossierDetail = z.object({
  dossier: dossierRow.extend({
    applicantIdKind: z.string(),
    applicantAddress: z.string(),
    applicantPhone: z.string(),
    applicantEmail: z.string(),
    documents: z.array(z.object({ name: z.string(), kind: z.enum(DOC_KINDS), count: z.number() })),
    sets: z.number(),
    feeVnd: z.number().nullable(),
    channel: z.string(),
    originalDueAt: z.number(),
    extended: z.boolean(),
    formSet: z.string(),
    bookYear: z.number(),
    bookLine: z.number(),
    receivedByName: z.string(),
    currentStep: z.number(),
    note: z.string(),
  }),
  steps: z.array(
    z.object({
      stepNo: z.number(),
      stepName: z.string(),
      role: z.string(),
      assigneeName: z.string().nullable(),
      fromName: z.string().nullable(),
      startedAt: z.number(),
      dueAt: z.number(),
      finishedAt: z.number().nullable(),
      outcome: z.enum(OUTCOMES).nullable(),
      note: z.string(),
    }),
  ),
  plan: z.array(
    z.object({
      no: z.number(),
      name: z.string(),
      role: z.string(),
      hours: z.number(),
      output: z.string(),
    }),
  ),
  events: z.array(
    z.object({
      at: z.number(),
      kind: z.string(),
      userName: z.string().nullable(),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  actions: z.array(z.enum(DOSSIER_ACTIONS)),
  nextStep: z.object({ no: z.number(), name: z.string(), role: z.string() }).nullable(),
});
export type DossierDetail = z.infer<typeof dossierDetail>;

const dossierRef = { id, expectedStep: z.number().int().min(0).max(100) };

export const dossierOps = {
  'dossiers.preview': op({
    input: z.object({ procedureId: id, at: instant.optional() }).strict(),
    output: z.object({
      receivedAt: z.number(),
      dueAt: z.number(),
      formSet: z.string(),
      nextRole: z.string().nullable(),
    }),
    access: 'dossiers.receive',
  }),
  'dossiers.receive': op({
    input: z
      .object({
        requestKey: z.uuid({ message: 'Mã yêu cầu không hợp lệ' }),
        procedureId: id,
        applicant: applicantInput,
        documents: z
          .array(dossierDocumentInput)
          .min(1, 'Phải có ít nhất một thành phần hồ sơ')
          .max(50),
        sets: z.number().int().min(1, 'Số bộ hồ sơ phải lớn hơn 0').max(20),
        feeVnd: z.number().int().min(0, 'Phí, lệ phí không được âm').max(100_000_000).nullable(),
        channel: z.enum(['direct', 'postal', 'online']),
        assigneeId: id,
        note: text(1000).default(''),
      })
      .strict(),
    output: dossierDetail,
    access: 'dossiers.receive',
  }),
  'dossiers.list': op({
    input: z
      .object({
        query: text(100).default(''),
        status: z.enum([...DOSSIER_STATUSES, 'open', 'overdue', 'all']).default('all'),
        procedureId: id.optional(),
        from: civilDate.optional(),
        to: civilDate.optional(),
        mine: z.boolean().default(false),
        sort: z.enum(['received_desc', 'received_asc', 'due_asc']).default('received_desc'),
        page: z.number().int().min(1).max(100_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    /** capped: a name search looked at the newest matches only; the user should narrow it. */
    output: z.object({ total: z.number(), capped: z.boolean(), rows: z.array(dossierRow) }),
    access: 'dossiers.read',
  }),
  'dossiers.get': op({
    input: z.object({ id }).strict(),
    output: dossierDetail,
    access: 'dossiers.read',
  }),
  /**
   * Who saw this dossier's personal data and when (viewed, printed, opened a scan), newest
   * first: for the chairman, under the Personal Data Protection Law.
   */
  'dossiers.accessLog': op({
    input: z.object({ dossierId: id }).strict(),
    output: z.object({
      total: z.number().int(),
      rows: z.array(
        z.object({
          at: z.number(),
          actorName: z.string().nullable(),
          kind: z.enum(ACCESS_KINDS),
          summary: z.string(),
        }),
      ),
    }),
    access: 'audit.read',
  }),
  'dossiers.forward': op({
    input: z.object({ ...dossierRef, toUserId: id, note: text(1000).default('') }).strict(),
    output: dossierDetail,
    access: 'dossiers.process',
  }),
  'dossiers.requestSupplement': op({
    input: z
      .object({
        ...dossierRef,
        items: z.array(z.string().trim().min(1).max(300)).min(1).max(30),
        reason,
      })
      .strict(),
    output: dossierDetail,
    access: 'dossiers.process',
  }),
  'dossiers.resumeSupplement': op({
    input: z.object({ ...dossierRef, note: text(1000).default('') }).strict(),
    output: dossierDetail,
    access: 'dossiers.receive',
  }),
  'dossiers.refuse': op({
    input: z.object({ ...dossierRef, reason }).strict(),
    output: dossierDetail,
    access: 'dossiers.process',
  }),
  'dossiers.apologize': op({
    input: z.object({ ...dossierRef, newDueDate: civilDate, reason }).strict(),
    output: dossierDetail,
    access: 'dossiers.process',
  }),
  'dossiers.stop': op({
    input: z.object({ ...dossierRef, reason }).strict(),
    output: dossierDetail,
    access: 'dossiers.approve',
  }),
  'dossiers.return': op({
    input: z
      .object({
        ...dossierRef,
        note: text(1000).default(''),
        /** The citizen's satisfaction, asked on the return dialog; null = not given. */
        rating: ratingChoice.nullable().default(null),
      })
      .strict(),
    output: dossierDetail,
    access: 'dossiers.return',
  }),
};
