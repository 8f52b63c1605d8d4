// A file of evidence attached to an audit finding (bằng chứng đánh giá: a photo of a logbook, a
// scanned form, the auditee's Word document). One record per file, a child of the finding, with
// the file in `fileSha256`: stored encrypted by the file store and carried to the province by
// the file sync like every attached file. Accepted types are recognised by their first bytes;
// a removed file keeps its record (with the reason) and leaves the report.
import { z } from 'zod';
import { FILE_LIMITS } from '../sync/files';
import type { RecordKind } from './kind';

export const EVIDENCE_MIME_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;
export type EvidenceMime = (typeof EVIDENCE_MIME_TYPES)[number];

/** The sync limit of one file: larger could not reach the province. */
export const EVIDENCE_MAX_BYTES = FILE_LIMITS.maxFileBytes;
/** Files one finding may carry. */
export const EVIDENCE_MAX_FILES = 20;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const MAGIC: readonly { readonly mime: EvidenceMime; readonly bytes: readonly number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

const startsWith = (bytes: Readonly<Uint8Array>, magic: readonly number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

function includesAscii(bytes: Readonly<Uint8Array>, text: string): boolean {
  const first = text.charCodeAt(0);
  outer: for (let i = bytes.indexOf(first); i !== -1; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/** What a file is from its content (never its name), or null when it is none of the four. A
 * Word document is a zip holding word/document.xml. */
export function sniffEvidence(bytes: Readonly<Uint8Array>): EvidenceMime | null {
  for (const m of MAGIC) if (startsWith(bytes, m.bytes)) return m.mime;
  if (startsWith(bytes, ZIP) && includesAscii(bytes, 'word/document.xml'))
    return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  return null;
}

export const evidenceData = z.object({
  findingId: z.string(),
  auditId: z.string(),
  fileName: z.string().min(1).max(200),
  mime: z.enum(EVIDENCE_MIME_TYPES),
  size: z.int().min(1).max(EVIDENCE_MAX_BYTES),
  removeReason: z.string().max(4000).default(''),
});
export type EvidenceData = z.infer<typeof evidenceData>;

export const EVIDENCE_STATES = ['attached', 'removed'] as const;
export type EvidenceState = (typeof EVIDENCE_STATES)[number];

export const evidenceKind: RecordKind<EvidenceState, EvidenceData> = {
  kind: 'evidence',
  label: 'Bằng chứng đánh giá',
  states: EVIDENCE_STATES,
  stateLabels: { attached: 'Đã đính kèm', removed: 'Đã gỡ' },
  initial: 'attached',
  // Who may attach is the audit's team, checked in services (services/qms/audit-evidence.ts).
  createRoles: 'any',
  data: evidenceData,
  transitions: {
    remove: {
      label: 'gỡ tệp bằng chứng',
      from: ['attached'],
      to: 'removed',
      roles: ['leader', 'iso_coordinator', 'internal_auditor'],
      requires: ['comment'],
      apply: (c) => ({ data: { removeReason: c.input.comment ?? '' } }),
    },
  },
  link: (r) => `/qms/audits/${r.data.auditId}`,
};
