// The audit pack for a visiting auditor (issue #10 item 2): what travels from the audited office
// to the auditor's own PC in another office, and the results that travel back. Pure: the file
// format (signed frame, passphrase, sealing) is services/qms/audit-pack-file.ts.
//
// Personal data kept to what the auditor needs: the plan (with the officials' names and roles),
// the checklist, and for each sampled dossier its code, procedure, the dates received / due /
// returned, the outcome and its step counts. No applicant's name, identity number, address or
// phone, no scans, no dossier content.
import { z } from 'zod';
import { checklistItem, CHECK_RESULTS, CLAUSE_PATTERN } from './audit-checklist';
import { sampleItem } from './audit';
import { FINDING_TYPES } from './finding';

export const PACK_EXTENSION = '.isoxa-audit';
export const RESULTS_EXTENSION = '.isoxa-audit-result';
/** Frame magics (core/sync/frame.ts): 8 ASCII characters naming the kind of file. */
export const PACK_MAGIC = 'ISOXAAPK';
export const RESULTS_MAGIC = 'ISOXAARS';
export const PACK_VERSION = 1;

/** What the pack tells the auditor, in the words of the export dialog. */
export const PACK_CONTENT_NOTE =
  'Gói gồm: kế hoạch đánh giá (phạm vi, chuẩn mực, ngày, đoàn đánh giá, người được đánh giá), danh mục câu hỏi và các hồ sơ mẫu (mã hồ sơ, thủ tục, ngày nhận, hẹn trả, trả kết quả, số bước và số bước trễ hạn). Gói không có họ tên, số giấy tờ, địa chỉ của người dân, không có bản quét và nội dung hồ sơ.';

const text = (max: number) => z.string().max(max);
const person = z.object({ name: text(200), roles: text(300) });

export const packContent = z.object({
  packId: z.string().min(1).max(80),
  office: z.object({ agencyCode: text(80), name: text(300) }),
  audit: z.object({
    id: z.string().min(1).max(80),
    code: text(80),
    year: z.int(),
    month: z.int(),
    area: text(300),
    scope: text(2000),
    criteria: text(2000),
    date: z.string().nullable(),
    lead: person.nullable(),
    auditors: z.array(person).max(10),
    auditees: z.array(person).max(20),
    documents: z.array(z.object({ code: text(80), title: text(500) })).max(100),
    sampleFrom: z.string().nullable(),
    sampleTo: z.string().nullable(),
  }),
  checklist: z.array(checklistItem).max(300),
  clauseTitles: z.record(z.string(), text(300)),
  sample: z.array(sampleItem).max(100),
  createdAt: z.number(),
  createdBy: text(200),
  /** The pack signer's Ed25519 public key, repeated inside what the passphrase protects. */
  signerKey: z.string().min(1).max(100),
});
export type PackContent = z.infer<typeof packContent>;

export const packHeader = z.object({
  format: z.literal('isoxa-audit-pack'),
  version: z.literal(PACK_VERSION),
  packId: z.string().min(1).max(80),
  auditCode: text(80),
  officeAgencyCode: text(80),
  officeName: text(300),
  createdAt: z.number(),
  /** The pack key wrapped under the passphrase (scrypt, AES-256-GCM). */
  wrap: z.object({ salt: text(200), sealed: text(400) }),
  keyId: text(80),
  signerKey: z.string().min(1).max(100),
});
export type PackHeader = z.infer<typeof packHeader>;

export const visitingFinding = z.object({
  /** Stable across results files: a finding applied once is never applied twice. */
  ref: z.string().min(1).max(80),
  type: z.enum(FINDING_TYPES, 'Loại phát hiện không hợp lệ'),
  clause: z.string().regex(CLAUSE_PATTERN, 'Điều khoản không hợp lệ (VD: 7.5)'),
  description: z.string().trim().min(1, 'Phải mô tả phát hiện').max(4000),
  evidence: z.string().trim().max(4000).default(''),
  checklistItemId: z.string().max(80).nullable().default(null),
  dossierId: z.string().max(80).nullable().default(null),
});
export type VisitingFinding = z.infer<typeof visitingFinding>;

export const visitingAnswer = z.object({
  itemId: z.string().min(1).max(80),
  result: z.enum(CHECK_RESULTS).nullable(),
  note: z.string().max(2000).default(''),
});
export type VisitingAnswer = z.infer<typeof visitingAnswer>;

/** The visiting auditor's work, as kept on their PC and sent back. */
export const visitingWork = z.object({
  answers: z.array(visitingAnswer).max(300).default([]),
  findings: z.array(visitingFinding).max(200).default([]),
});
export type VisitingWork = z.infer<typeof visitingWork>;

export const resultsContent = z.object({
  packId: z.string().min(1).max(80),
  auditId: z.string().min(1).max(80),
  homeAgencyCode: text(80),
  /** 1, 2, 3... per pack: the home office applies only a number above the last it applied. */
  seq: z.int().min(1),
  createdAt: z.number(),
  visitor: z.object({ name: text(200), officeName: text(300), agencyCode: text(80) }),
  work: visitingWork,
});
export type ResultsContent = z.infer<typeof resultsContent>;

export const resultsHeader = z.object({
  format: z.literal('isoxa-audit-results'),
  version: z.literal(PACK_VERSION),
  packId: z.string().min(1).max(80),
  auditCode: text(80),
  homeAgencyCode: text(80),
  seq: z.int().min(1),
  createdAt: z.number(),
  signerKey: z.string().min(1).max(100),
});
export type ResultsHeader = z.infer<typeof resultsHeader>;

/** The checklist with the visiting auditor's answers applied (unknown items left out). */
export function answeredChecklist<T extends { id: string; result: unknown; note: string }>(
  checklist: readonly T[],
  answers: readonly VisitingAnswer[],
): T[] {
  const by = new Map(answers.map((a) => [a.itemId, a]));
  return checklist.map((i) => {
    const a = by.get(i.id);
    return a ? { ...i, result: a.result, note: a.note } : i;
  });
}
