// Operations of the audit pack for a visiting auditor (core/qms/audit-pack.ts): at the audited
// office, export one audit's pack (a passphrase shown once) and import the results file; on the
// visiting auditor's PC (another office), import the pack, fill its checklist and findings, and
// export the results.
import { z } from 'zod';
import { CHECK_RESULTS } from '../qms/audit-checklist';
import { packContent, visitingFinding, visitingWork } from '../qms/audit-pack';
import { op } from './define';
import { id } from './schemas';

const fileBytes = (what: string) =>
  z
    .string()
    .min(1, `Chọn ${what}`)
    .max(32 * 1024 * 1024, `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} quá lớn.`);

const fileOut = z.object({ fileName: z.string(), base64: z.string() });

export const visitRow = z.object({
  id: z.string(),
  auditCode: z.string(),
  area: z.string(),
  officeName: z.string(),
  importedAt: z.number(),
  importedByName: z.string(),
  answered: z.number(),
  questions: z.number(),
  findings: z.number(),
  /** Results files exported so far. */
  exported: z.number(),
});
export type VisitRow = z.infer<typeof visitRow>;

export const visitDetail = z.object({
  row: visitRow,
  pack: packContent,
  work: visitingWork,
  /** The caller imported it: the visiting auditor, who fills it. */
  mayEdit: z.boolean(),
});
export type VisitDetail = z.infer<typeof visitDetail>;

export const auditPackOps = {
  /** The pack of one audit as a file to hand over, and its passphrase (shown once). */
  'audits.exportPack': op({
    input: z.object({ auditId: id }).strict(),
    output: fileOut.extend({
      passphrase: z.string(),
      /** What the pack holds (and does not), in Vietnamese. */
      included: z.string(),
      sampled: z.number(),
    }),
    access: 'user',
  }),
  /** Applies a visiting auditor's results file to the audit, in one transaction. */
  'audits.importResults': op({
    input: z
      .object({
        auditId: id,
        fileName: z.string().max(300).optional(),
        base64: fileBytes('tệp kết quả đánh giá'),
      })
      .strict(),
    output: z.object({
      seq: z.number(),
      visitorName: z.string(),
      answers: z.number(),
      findings: z.number(),
      nonconformities: z.number(),
    }),
    access: 'user',
  }),
  'visits.importPack': op({
    input: z
      .object({
        fileName: z.string().max(300).optional(),
        base64: fileBytes('gói đánh giá'),
        passphrase: z.string().trim().min(1, 'Nhập mật khẩu của gói đánh giá').max(100),
      })
      .strict(),
    output: z.object({ id: z.string(), auditCode: z.string(), officeName: z.string() }),
    access: 'user',
  }),
  'visits.list': op({ input: z.object({}).strict(), output: z.array(visitRow), access: 'user' }),
  'visits.get': op({ input: z.object({ id }).strict(), output: visitDetail, access: 'user' }),
  'visits.answer': op({
    input: z
      .object({
        id,
        itemId: z.string().min(1).max(80),
        result: z.enum(CHECK_RESULTS, 'Kết quả không hợp lệ').nullable(),
        note: z.string().trim().max(2000).default(''),
      })
      .strict(),
    output: z.object({ answered: z.number(), total: z.number() }),
    access: 'user',
  }),
  /** Adds a finding (ref null) or replaces the one with that ref. */
  'visits.saveFinding': op({
    input: visitingFinding
      .extend({ id, ref: z.string().max(80).nullable().default(null) })
      .strict(),
    output: visitDetail,
    access: 'user',
  }),
  'visits.removeFinding': op({
    input: z.object({ id, ref: z.string().min(1).max(80) }).strict(),
    output: visitDetail,
    access: 'user',
  }),
  'visits.exportResults': op({
    input: z.object({ id }).strict(),
    output: fileOut.extend({ seq: z.number() }),
    access: 'user',
  }),
  /** The visit's checklist and findings as this PC holds them, to print (PDF) or as .docx. */
  'visits.print': op({
    input: z.object({ id }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'user',
  }),
  'visits.exportDocx': op({ input: z.object({ id }).strict(), output: fileOut, access: 'user' }),
};
