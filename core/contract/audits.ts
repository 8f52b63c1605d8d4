// Operations of the internal audit (core/qms/audit.ts, finding.ts): the year's programme, an
// audit's plan, its checklist (edited per audit, answered from the inbox), its dossier sample,
// its findings (a nonconformity finding opens a nonconformity), plan and report printed and as
// .docx. Approve / start / report / cancel go through qms.transition like every kind.
import { z } from 'zod';
import { CHECK_RESULTS, CLAUSE_PATTERN } from '../qms/audit-checklist';
import { FINDING_TYPES } from '../qms/finding';
import { op } from './define';
import { civilDate, recordView } from './qms';
import { id } from './schemas';

const clause = z.string().regex(CLAUSE_PATTERN, 'Điều khoản không hợp lệ (VD: 7.5)');
const people = (what: string, max: number) => z.array(id).max(max, `Quá nhiều ${what}`).default([]);

const planFields = {
  month: z.int('Tháng không hợp lệ').min(1, 'Tháng không hợp lệ').max(12, 'Tháng không hợp lệ'),
  area: z.string().trim().min(1, 'Phải nhập lĩnh vực được đánh giá').max(300),
  scope: z.string().trim().max(2000).default(''),
  criteria: z.string().trim().max(2000).default(''),
  date: civilDate.nullable().default(null),
  leadAuditorId: id.nullable().default(null),
  auditorIds: people('đánh giá viên', 10),
  auditeeIds: people('người được đánh giá', 20),
  documentIds: z.array(id).max(100).default([]),
};

export const auditRow = z.object({
  id: z.string(),
  code: z.string(),
  year: z.number(),
  month: z.number(),
  area: z.string(),
  date: z.string().nullable(),
  state: z.string(),
  stateLabel: z.string(),
  leadAuditorName: z.string().nullable(),
  answered: z.number(),
  questions: z.number(),
  findings: z.number(),
  nonconformities: z.number(),
});
export type AuditRow = z.infer<typeof auditRow>;

export const findingView = z.object({
  id: z.string(),
  code: z.string(),
  state: z.string(),
  type: z.enum(FINDING_TYPES),
  typeLabel: z.string(),
  clause: z.string(),
  description: z.string(),
  evidence: z.string(),
  createdByName: z.string(),
  nonconformity: z.object({ id: z.string(), code: z.string(), stateLabel: z.string() }).nullable(),
  /** Evidence files attached (not removed), oldest first. */
  files: z.array(
    z.object({
      id: z.string(),
      fileName: z.string(),
      mime: z.string(),
      size: z.number(),
      addedByName: z.string(),
    }),
  ),
});

export const auditDetail = z.object({
  record: recordView,
  people: z.record(z.string(), z.string()),
  documents: z.array(z.object({ id: z.string(), code: z.string(), title: z.string() })),
  clauseTitles: z.record(z.string(), z.string()),
  findings: z.array(findingView),
  /** Whether the caller is on the audit team (may fill the checklist and write findings). */
  onTeam: z.boolean(),
  mayEditPlan: z.boolean(),
});
export type AuditDetail = z.infer<typeof auditDetail>;

const docOutput = z.object({ fileName: z.string(), base64: z.string() });
/** Which document: one audit's plan or report, or a year's programme. */
const printInput = z
  .object({
    which: z.enum(['plan', 'report', 'programme'], 'Loại văn bản không hợp lệ'),
    id: id.nullable().default(null),
    year: z.int().min(2000).max(2100).nullable().default(null),
  })
  .strict();

export const internalAuditOps = {
  /** What a plan is made of: procedure documents with the roles working in them, people. */
  'audits.options': op({
    input: z.object({}).strict(),
    output: z.object({
      documents: z.array(
        z.object({
          id: z.string(),
          code: z.string(),
          title: z.string(),
          roles: z.array(z.string()),
        }),
      ),
      people: z.array(
        z.object({ id: z.string(), fullName: z.string(), roleLabels: z.array(z.string()) }),
      ),
      clauses: z.array(
        z.object({ clause: z.string(), title: z.string(), applicable: z.boolean() }),
      ),
    }),
    access: 'user',
  }),
  'audits.list': op({
    input: z.object({ year: z.int().min(2000).max(2100) }).strict(),
    output: z.array(auditRow),
    access: 'user',
  }),
  'audits.create': op({
    input: z
      .object({
        year: z.int('Năm không hợp lệ').min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
        ...planFields,
        /** Clauses the checklist covers (all applicable ones when empty). */
        clauses: z.array(clause).max(40).default([]),
      })
      .strict(),
    output: z.object({ id: z.string(), code: z.string() }),
    access: 'user',
  }),
  'audits.get': op({ input: z.object({ id }).strict(), output: auditDetail, access: 'user' }),
  'audits.savePlan': op({
    input: z.object({ id, rev: z.int().min(1), ...planFields }).strict(),
    output: auditDetail,
    access: 'user',
  }),
  'audits.editChecklist': op({
    input: z
      .object({
        id,
        rev: z.int().min(1),
        items: z
          .array(
            z.object({
              id: z.string().max(80).nullable(),
              clause,
              question: z.string().trim().min(1, 'Phải nhập câu hỏi').max(1000),
            }),
          )
          .min(1, 'Danh mục phải có ít nhất một câu hỏi')
          .max(300),
      })
      .strict(),
    output: auditDetail,
    access: 'user',
  }),
  /** One answer of the checklist: saved at once (the auditor moves on by keyboard). */
  'audits.answer': op({
    input: z
      .object({
        id,
        itemId: z.string().min(1).max(80),
        result: z.enum(CHECK_RESULTS, 'Kết quả không hợp lệ').nullable(),
        note: z.string().trim().max(2000, 'Ghi chú quá dài').default(''),
      })
      .strict(),
    output: z.object({ rev: z.number(), answered: z.number(), total: z.number() }),
    access: 'user',
  }),
  'audits.drawSample': op({
    input: z
      .object({
        id,
        rev: z.int().min(1),
        size: z.int('Cỡ mẫu không hợp lệ').min(1, 'Cỡ mẫu tối thiểu 1').max(50, 'Cỡ mẫu tối đa 50'),
        from: civilDate,
        to: civilDate,
      })
      .strict(),
    output: auditDetail,
    access: 'user',
  }),
  'audits.checkSample': op({
    input: z
      .object({
        id,
        dossierId: id,
        receivedOk: z.boolean().nullable(),
        stepsOk: z.boolean().nullable(),
        formsOk: z.boolean().nullable(),
        note: z.string().trim().max(2000, 'Ghi chú quá dài').default(''),
      })
      .strict(),
    output: z.object({ rev: z.number() }),
    access: 'user',
  }),
  'audits.addFinding': op({
    input: z
      .object({
        auditId: id,
        type: z.enum(FINDING_TYPES, 'Loại phát hiện không hợp lệ'),
        clause,
        description: z.string().trim().min(1, 'Phải mô tả phát hiện').max(4000),
        evidence: z.string().trim().max(4000).default(''),
        checklistItemId: z.string().max(80).nullable().default(null),
        dossierId: id.nullable().default(null),
        /** For a nonconformity: who handles it and by when. */
        ownerId: id.nullable().default(null),
        deadline: civilDate.nullable().default(null),
      })
      .strict(),
    output: z.object({ id: z.string(), code: z.string(), nonconformityId: z.string().nullable() }),
    access: 'user',
  }),
  /** Attaches an evidence file (PDF, JPEG, PNG, DOCX; checked by content) to a finding. */
  'audits.attachEvidence': op({
    input: z
      .object({
        findingId: id,
        fileName: z.string().trim().min(1, 'Thiếu tên tệp').max(300),
        /** The file's bytes, base64 (at most 20 MB once decoded). */
        base64: z
          .string()
          .min(1, 'Chọn tệp bằng chứng')
          .max(28 * 1024 * 1024, 'Tệp quá lớn: mỗi tệp bằng chứng tối đa 20 MB.'),
      })
      .strict(),
    output: z.object({ id: z.string() }),
    access: 'user',
  }),
  /** An evidence file's bytes, to open or save. */
  'audits.evidenceFile': op({
    input: z.object({ id }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
    access: 'user',
  }),
  'audits.print': op({
    input: printInput,
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'user',
  }),
  'audits.exportDocx': op({
    input: printInput,
    output: docOutput,
    access: 'user',
  }),
};
