// The visiting auditor's side: another office's audit pack imported on this PC (opened with the
// passphrase the audited office gave), its plan and sample read-only, its checklist answered and
// its findings written by the auditor who imported it (their local account), and the results
// exported as a signed file sealed under the pack's key, numbered 1, 2, 3... so the audited
// office applies each once and never an older one. Nothing of it syncs: it is not this office's.
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { OpOutput } from '../../core/contract';
import { AppError } from '../../core/errors';
import { checklistProgress } from '../../core/qms/audit-checklist';
import {
  answeredChecklist,
  packContent,
  RESULTS_EXTENSION,
  visitingWork,
  type VisitingWork,
} from '../../core/qms/audit-pack';
import type { Db, Tx } from '../../db/open';
import { auditPacks, office } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { visitReportDoc } from '../../core/qms/audit-visit-print';
import { decodePack, encodeResults, newSigningKey } from './audit-pack-file';
import { printedPage, wordFile } from './printable-out';
import { fileSafe } from './docx-out';
import { actorOf } from './records';
import { userNames } from './views';

type Row = typeof auditPacks.$inferSelect;
const AUDITORS = ['internal_auditor', 'iso_coordinator', 'leader'];

function load(db: Db | Tx, id: string): Row {
  const row = db.select().from(auditPacks).where(eq(auditPacks.id, id)).get();
  if (!row || row.side !== 'visiting')
    throw new AppError('NOT_FOUND', 'Không tìm thấy gói đánh giá đã nhập.');
  return row;
}

const packOf = (row: Row) => packContent.parse(row.content);
const workOf = (row: Row) => visitingWork.parse(row.work ?? {});

function view(ctx: Ctx, row: Row): OpOutput<'visits.get'> {
  const pack = packOf(row);
  const work = workOf(row);
  const names = userNames(ctx.db, [row.createdBy]);
  const p = checklistProgress(answeredChecklist(pack.checklist, work.answers));
  return {
    row: {
      id: row.id,
      auditCode: row.auditCode,
      area: pack.audit.area,
      officeName: row.homeOfficeName,
      importedAt: row.createdAt,
      importedByName: row.createdBy ? (names.get(row.createdBy) ?? '') : '',
      answered: p.answered,
      questions: p.total,
      findings: work.findings.length,
      exported: row.seq,
    },
    pack,
    work,
    mayEdit: actorOf(ctx).id === row.createdBy,
  };
}

/** Changes the visiting auditor's work, theirs only, with an audit row. */
function change(
  ctx: Ctx,
  id: string,
  fn: (work: VisitingWork, row: Row) => { work: VisitingWork; summary: string },
): Row {
  return write(ctx, (tx) => {
    const row = load(tx, id);
    if (actorOf(ctx).id !== row.createdBy)
      throw new AppError(
        'FORBIDDEN',
        'Chỉ đánh giá viên đã nhập gói này mới điền được danh mục và phát hiện.',
      );
    const next = fn(workOf(row), row);
    const work = visitingWork.parse(next.work);
    tx.update(auditPacks).set({ work, updatedAt: ctx.now() }).where(eq(auditPacks.id, id)).run();
    return {
      result: { ...row, work },
      audit: {
        operation: 'qms.visit.edit',
        entity: 'audit_pack',
        entityId: id,
        summary: `Đánh giá ${row.auditCode} (${row.homeOfficeName}): ${next.summary}`,
      },
    };
  });
}

function importPack(ctx: Ctx, bytes: Buffer, passphrase: string) {
  const actor = actorOf(ctx);
  if (!actor.roles.some((r) => AUDITORS.includes(r)))
    throw new AppError(
      'FORBIDDEN',
      'Chỉ đánh giá viên nội bộ, Thư ký ISO hoặc lãnh đạo mới nhập được gói đánh giá.',
    );
  const { header, content, packKey } = decodePack(bytes, passphrase);
  const here = ctx.db.select().from(office).get();
  if (here && here.agencyCode === header.officeAgencyCode)
    throw new AppError(
      'AUDIT_FILE_OTHER',
      'Gói đánh giá này do chính cơ quan này xuất: đánh giá viên của cơ quan làm trực tiếp trên cuộc đánh giá, không cần nhập gói. Không có gì được ghi.',
    );
  const signer = newSigningKey();
  const now = ctx.now();
  return write(ctx, (tx) => {
    if (tx.select().from(auditPacks).where(eq(auditPacks.id, header.packId)).get())
      throw new AppError(
        'CONFLICT',
        'Gói đánh giá này đã được nhập trên máy này: mở nó trong danh sách "Đánh giá cho đơn vị khác". Không có gì được ghi.',
      );
    tx.insert(auditPacks)
      .values({
        id: header.packId,
        side: 'visiting',
        auditId: content.audit.id,
        auditCode: content.audit.code,
        homeAgencyCode: header.officeAgencyCode,
        homeOfficeName: header.officeName,
        packKey: packKey.toString('base64'),
        signPrivate: signer.privateKey,
        signPublic: signer.publicKey,
        peerPublic: header.signerKey,
        content,
        work: { answers: [], findings: [] },
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    return {
      result: { id: header.packId, auditCode: content.audit.code, officeName: header.officeName },
      audit: {
        operation: 'qms.visit.importPack',
        entity: 'audit_pack',
        entityId: header.packId,
        summary: `Nhập gói đánh giá ${content.audit.code} của ${header.officeName} (${content.checklist.length} câu hỏi, ${content.sample.length} hồ sơ mẫu)`,
      },
    };
  });
}

function exportResults(ctx: Ctx, id: string) {
  const actor = actorOf(ctx);
  const here = ctx.db.select().from(office).get();
  return write(ctx, (tx) => {
    const row = load(tx, id);
    if (actor.id !== row.createdBy)
      throw new AppError('FORBIDDEN', 'Chỉ đánh giá viên đã nhập gói này mới xuất được kết quả.');
    const seq = row.seq + 1;
    const bytes = encodeResults(
      {
        packId: row.id,
        auditId: row.auditId,
        homeAgencyCode: row.homeAgencyCode,
        seq,
        createdAt: ctx.now(),
        visitor: {
          name: actor.name,
          officeName: here?.name ?? '',
          agencyCode: here?.agencyCode ?? '',
        },
        work: workOf(row),
      },
      row.auditCode,
      Buffer.from(row.packKey, 'base64'),
      { privateKey: row.signPrivate, publicKey: row.signPublic },
    );
    tx.update(auditPacks).set({ seq, updatedAt: ctx.now() }).where(eq(auditPacks.id, id)).run();
    return {
      result: {
        fileName: `ket-qua-danh-gia_${fileSafe(row.auditCode)}_lan-${seq}${RESULTS_EXTENSION}`,
        base64: Buffer.from(bytes).toString('base64'),
        seq,
      },
      audit: {
        operation: 'qms.visit.exportResults',
        entity: 'audit_pack',
        entityId: id,
        summary: `Xuất kết quả số ${seq} của đánh giá ${row.auditCode} cho ${row.homeOfficeName}`,
      },
    };
  });
}

export const auditVisitHandlers: PartialHandlers = {
  'visits.importPack': (ctx, input) =>
    importPack(ctx, Buffer.from(input.base64, 'base64'), input.passphrase),
  'visits.list': (ctx) => {
    actorOf(ctx);
    return ctx.db
      .select()
      .from(auditPacks)
      .where(eq(auditPacks.side, 'visiting'))
      .orderBy(desc(auditPacks.createdAt))
      .all()
      .map((r) => view(ctx, r).row);
  },
  'visits.get': (ctx, input) => view(ctx, load(ctx.db, input.id)),
  'visits.answer': (ctx, input) => {
    const row = change(ctx, input.id, (work, r) => {
      const item = packOf(r).checklist.find((i) => i.id === input.itemId);
      if (!item) throw new AppError('NOT_FOUND', 'Không tìm thấy câu hỏi trong danh mục.');
      const answers = [
        ...work.answers.filter((a) => a.itemId !== item.id),
        { itemId: item.id, result: input.result, note: input.note },
      ];
      return { work: { ...work, answers }, summary: `trả lời câu hỏi điều ${item.clause}` };
    });
    const p = checklistProgress(answeredChecklist(packOf(row).checklist, workOf(row).answers));
    return { answered: p.answered, total: p.total };
  },
  'visits.saveFinding': (ctx, input) => {
    const row = change(ctx, input.id, (work, r) => {
      const pack = packOf(r);
      if (input.checklistItemId && !pack.checklist.some((i) => i.id === input.checklistItemId))
        throw new AppError('NOT_FOUND', 'Không tìm thấy câu hỏi trong danh mục.');
      if (input.dossierId && !pack.sample.some((s) => s.dossierId === input.dossierId))
        throw new AppError('INVALID_INPUT', 'Hồ sơ không thuộc mẫu của cuộc đánh giá.');
      if (input.ref && !work.findings.some((f) => f.ref === input.ref))
        throw new AppError('NOT_FOUND', 'Không tìm thấy phát hiện.');
      const finding = {
        ref: input.ref ?? randomUUID(),
        type: input.type,
        clause: input.clause,
        description: input.description,
        evidence: input.evidence,
        checklistItemId: input.checklistItemId,
        dossierId: input.dossierId,
      };
      const findings = input.ref
        ? work.findings.map((f) => (f.ref === input.ref ? finding : f))
        : [...work.findings, finding];
      return {
        work: { ...work, findings },
        summary: `${input.ref ? 'sửa' : 'ghi'} phát hiện điều ${input.clause}`,
      };
    });
    return view(ctx, row);
  },
  'visits.removeFinding': (ctx, input) => {
    const row = change(ctx, input.id, (work) => {
      if (!work.findings.some((f) => f.ref === input.ref))
        throw new AppError('NOT_FOUND', 'Không tìm thấy phát hiện.');
      return {
        work: { ...work, findings: work.findings.filter((f) => f.ref !== input.ref) },
        summary: 'xóa một phát hiện',
      };
    });
    return view(ctx, row);
  },
  'visits.exportResults': (ctx, input) => exportResults(ctx, input.id),
  'visits.print': (ctx, input) => printedPage(ctx, visitDoc(ctx, input.id)),
  'visits.exportDocx': (ctx, input) => {
    const row = load(ctx.db, input.id);
    return wordFile(ctx, visitDoc(ctx, input.id), `phieu-danh-gia_${fileSafe(row.auditCode)}`);
  },
};

/** The visit's record as printed: the auditor who imported the pack, their office here. */
function visitDoc(ctx: Ctx, id: string) {
  actorOf(ctx);
  const row = load(ctx.db, id);
  const here = ctx.db.select().from(office).get();
  return visitReportDoc({
    pack: packOf(row),
    work: workOf(row),
    auditorName: row.createdBy ? (userNames(ctx.db, [row.createdBy]).get(row.createdBy) ?? '') : '',
    auditorOffice: here?.name ?? '',
    printedAt: ctx.now(),
  });
}
