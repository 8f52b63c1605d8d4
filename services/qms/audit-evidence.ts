// Evidence files on an audit's findings (core/qms/evidence.ts): attached by the audit team while
// the audit runs, checked by content (PDF, JPEG, PNG, DOCX) and size, stored encrypted by the
// file store before their record is written (a crash in between leaves an unused file, never a
// record without bytes), listed with the finding and opened by anyone who may see the audit.
// Removing one is the kind's 'remove' transition (qms.transition, with a reason).
import { and, eq, inArray } from 'drizzle-orm';
import { cleanFileName } from '../../core/desk/attachments';
import { AppError } from '../../core/errors';
import type { QmsRecord } from '../../core/qms';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  sniffEvidence,
  type EvidenceData,
} from '../../core/qms/evidence';
import type { FindingData } from '../../core/qms/finding';
import type { Db, Tx } from '../../db/open';
import { qmsRecords } from '../../db/schema';
import { write, type Ctx } from '../context';
import { readStoredFile, storeFile } from '../file-store';
import type { PartialHandlers } from '../handlers';
import { loadAudit, requireTeam } from './audits';
import { actorOf, insertRecord, loadRecord, toRecord } from './records';

type Evidence = QmsRecord<EvidenceData>;
const MAX_MB = EVIDENCE_MAX_BYTES / 1024 / 1024;

/** The files attached (not removed) to each of the findings, oldest first. */
export function evidenceOf(db: Db | Tx, findingIds: readonly string[]): Map<string, Evidence[]> {
  const by = new Map<string, Evidence[]>();
  if (findingIds.length === 0) return by;
  const rows = db
    .select()
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.kind, 'evidence'),
        eq(qmsRecords.state, 'attached'),
        inArray(qmsRecords.parentId, [...findingIds]),
      ),
    )
    .orderBy(qmsRecords.createdAt)
    .all();
  for (const r of rows) {
    const e = toRecord(r) as Evidence;
    by.set(e.data.findingId, [...(by.get(e.data.findingId) ?? []), e]);
  }
  return by;
}

/** The bytes of an evidence file, checked: a size, a type recognised by content. */
export function checkEvidence(base64: string): { bytes: Buffer; mime: EvidenceData['mime'] } {
  const tooLarge = () =>
    new AppError('FILE_TOO_LARGE', `Tệp quá lớn: mỗi tệp bằng chứng tối đa ${MAX_MB} MB.`);
  if (Math.floor((base64.length * 3) / 4) - 2 > EVIDENCE_MAX_BYTES) throw tooLarge();
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length === 0) throw new AppError('FILE_TYPE', 'Tệp rỗng (0 byte): hãy chọn lại tệp.');
  if (bytes.length > EVIDENCE_MAX_BYTES) throw tooLarge();
  const mime = sniffEvidence(bytes);
  if (!mime)
    throw new AppError(
      'FILE_TYPE',
      'Tệp bằng chứng phải là PDF, ảnh JPEG/PNG hoặc tài liệu Word (.docx); nội dung tệp này không phải các loại đó (đổi đuôi tệp không đổi được loại tệp).',
    );
  return { bytes, mime };
}

function findingFor(db: Db | Tx, ctx: Ctx, findingId: string) {
  const finding = loadRecord(db, findingId, 'finding') as QmsRecord<FindingData>;
  if (finding.state !== 'recorded')
    throw new AppError('CONFLICT', 'Phát hiện đã bị hủy: không đính kèm bằng chứng được nữa.');
  const audit = loadAudit(db, finding.data.auditId);
  requireTeam(ctx, audit);
  return { finding, audit };
}

export const auditEvidenceHandlers: PartialHandlers = {
  'audits.attachEvidence': async (ctx, input) => {
    const actor = actorOf(ctx);
    findingFor(ctx.db, ctx, input.findingId);
    const { bytes, mime } = checkEvidence(input.base64);
    const fileName = cleanFileName(input.fileName);
    // On disk (encrypted, by its sha256) before its record.
    const sha256 = await storeFile(ctx.dataDir, bytes);
    return write(ctx, (tx) => {
      const { finding, audit } = findingFor(tx, ctx, input.findingId);
      const attached = evidenceOf(tx, [finding.id]).get(finding.id) ?? [];
      if (attached.length >= EVIDENCE_MAX_FILES)
        throw new AppError(
          'INVALID_INPUT',
          `Mỗi phát hiện có tối đa ${EVIDENCE_MAX_FILES} tệp bằng chứng.`,
        );
      const record = insertRecord(tx, ctx.now(), actor, {
        kind: 'evidence',
        code: finding.code,
        title: fileName,
        parentId: finding.id,
        fileSha256: sha256,
        data: { findingId: finding.id, auditId: audit.id, fileName, mime, size: bytes.length },
      });
      return {
        result: { id: record.id },
        audit: {
          operation: 'qms.evidence.attach',
          entity: 'qms_evidence',
          entityId: record.id,
          summary: `${finding.code}: đính kèm bằng chứng ${fileName}`,
        },
      };
    });
  },
  'audits.evidenceFile': async (ctx, input) => {
    actorOf(ctx);
    const e = loadRecord(ctx.db, input.id, 'evidence') as Evidence;
    if (e.state !== 'attached' || !e.fileSha256)
      throw new AppError('NOT_FOUND', 'Tệp bằng chứng đã được gỡ.');
    const bytes = await readStoredFile(ctx.dataDir, e.fileSha256);
    if (!bytes)
      throw new AppError(
        'FILE_MISSING',
        `Tệp ${e.data.fileName} không còn trên máy này hoặc đã bị hỏng. Hãy đính kèm lại.`,
      );
    return { fileName: e.data.fileName, mime: e.data.mime, base64: bytes.toString('base64') };
  },
};
