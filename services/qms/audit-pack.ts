// The audited office's side of a visiting audit: the pack of one audit exported for an auditor
// from another office (with a passphrase shown once), and the results file that comes back,
// applied to the audit in one transaction: the checklist answers (a history line on the audit),
// each new finding (its own history line and audit row; a nonconformity finding opens its
// nonconformity as usual), the results number and the signer remembered so that a replayed or
// older file, or one from another PC, changes nothing. Whoever is on the audit team does both.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { ROLE_LABELS } from '../../core/auth/roles';
import { CHECK_RESULT_LABELS } from '../../core/qms/audit-checklist';
import { teamOf } from '../../core/qms/audit';
import {
  answeredChecklist,
  PACK_CONTENT_NOTE,
  PACK_EXTENSION,
  type PackContent,
} from '../../core/qms/audit-pack';
import { AppError } from '../../core/errors';
import { isNcFinding } from '../../core/qms/finding';
import { auditPacks, office, users } from '../../db/schema';
import { newId, write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { appendAudit } from '../security/audit-chain';
import {
  encodePack,
  newPackKey,
  newPassphrase,
  newSigningKey,
  openResults,
  readResultsHeader,
} from './audit-pack-file';
import { clauseList } from './audit-plan';
import { insertFinding } from './audit-work';
import { areaDocuments } from './audit-plan';
import { findingsOf, loadAudit, requireTeam, startIfApproved, type Audit } from './audits';
import { fileSafe } from './docx-out';
import { actorOf, updateRecord } from './records';

function officeOf(ctx: Ctx) {
  const row = ctx.db.select().from(office).get();
  if (!row) throw new AppError('NOT_SET_UP');
  return { agencyCode: row.agencyCode, name: row.name };
}

/** The pack's content: the plan, the checklist, the sample, and nobody's private details. */
function packOf(ctx: Ctx, a: Audit, packId: string, signerKey: string): PackContent {
  const d = a.data;
  const ids = [...teamOf(d), ...d.auditeeIds];
  const people = new Map(
    (ids.length ? ctx.db.select().from(users).where(inArray(users.id, ids)).all() : []).map((u) => [
      u.id,
      { name: u.fullName, roles: u.roles.map((r) => ROLE_LABELS[r]).join(', ') },
    ]),
  );
  const person = (uid: string) => people.get(uid) ?? { name: '', roles: '' };
  return {
    packId,
    office: officeOf(ctx),
    audit: {
      id: a.id,
      code: a.code,
      year: d.year,
      month: d.month,
      area: d.area,
      scope: d.scope,
      criteria: d.criteria,
      date: d.date,
      lead: d.leadAuditorId ? person(d.leadAuditorId) : null,
      auditors: d.auditorIds.map(person),
      auditees: d.auditeeIds.map(person),
      documents: areaDocuments(ctx.db, d.documentIds).map((x) => ({
        code: x.code,
        title: x.title,
      })),
      sampleFrom: d.sampleFrom,
      sampleTo: d.sampleTo,
    },
    checklist: d.checklist,
    clauseTitles: Object.fromEntries(
      clauseList(ctx.db, ctx.resourcesDir).clauses.map((c) => [c.clause, c.title]),
    ),
    sample: d.sample,
    createdAt: ctx.now(),
    createdBy: actorOf(ctx).name,
    signerKey,
  };
}

function exportPack(ctx: Ctx, auditId: string) {
  const a = loadAudit(ctx.db, auditId);
  requireTeam(ctx, a);
  const packId = newId();
  const key = newPackKey();
  const signer = newSigningKey();
  const passphrase = newPassphrase();
  const content = packOf(ctx, a, packId, signer.publicKey);
  const bytes = encodePack(content, key, passphrase, signer.privateKey, content.office);
  const now = ctx.now();
  write(ctx, (tx) => {
    tx.insert(auditPacks)
      .values({
        id: packId,
        side: 'home',
        auditId: a.id,
        auditCode: a.code,
        homeAgencyCode: content.office.agencyCode,
        homeOfficeName: content.office.name,
        packKey: key.toString('base64'),
        signPrivate: signer.privateKey,
        signPublic: signer.publicKey,
        createdBy: actorOf(ctx).id,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    return {
      result: undefined,
      audit: {
        operation: 'qms.audit.exportPack',
        entity: 'qms_audit',
        entityId: a.id,
        summary: `${a.code}: xuất gói đánh giá cho đánh giá viên đơn vị khác (${a.data.checklist.length} câu hỏi, ${a.data.sample.length} hồ sơ mẫu)`,
      },
    };
  });
  return {
    fileName: `goi-danh-gia_${fileSafe(a.code)}${PACK_EXTENSION}`,
    base64: Buffer.from(bytes).toString('base64'),
    passphrase,
    included: PACK_CONTENT_NOTE,
    sampled: a.data.sample.length,
  };
}

const other = (message: string) => new AppError('AUDIT_FILE_OTHER', message);

function importResults(ctx: Ctx, auditId: string, bytes: Buffer) {
  const { header, frame } = readResultsHeader(bytes);
  const here = officeOf(ctx);
  if (header.homeAgencyCode !== here.agencyCode)
    throw other(
      `Tệp kết quả này là của cơ quan khác (mã ${header.homeAgencyCode}), không phải của ${here.name}; không có gì được ghi.`,
    );
  const pack = ctx.db
    .select()
    .from(auditPacks)
    .where(and(eq(auditPacks.id, header.packId), eq(auditPacks.side, 'home')))
    .get();
  if (!pack)
    throw other(
      'Tệp kết quả không thuộc gói đánh giá nào mà máy này đã xuất; không có gì được ghi.',
    );
  const audit = loadAudit(ctx.db, auditId);
  if (pack.auditId !== audit.id)
    throw other(
      `Tệp kết quả là của cuộc đánh giá ${pack.auditCode}, không phải ${audit.code}; không có gì được ghi.`,
    );
  const latest = ctx.db
    .select({ id: auditPacks.id })
    .from(auditPacks)
    .where(and(eq(auditPacks.auditId, audit.id), eq(auditPacks.side, 'home')))
    .orderBy(desc(auditPacks.createdAt))
    .get();
  if (latest?.id !== pack.id)
    throw new AppError(
      'AUDIT_FILE_STALE',
      'Tệp kết quả thuộc một gói đánh giá cũ: cuộc đánh giá đã được xuất gói mới sau đó. Hãy dùng kết quả của gói mới nhất; không có gì thay đổi.',
    );
  const results = openResults(header, frame, Buffer.from(pack.packKey, 'base64'));
  if (results.auditId !== audit.id) throw new AppError('AUDIT_FILE_TAMPERED');
  if (pack.peerPublic !== null && pack.peerPublic !== header.signerKey)
    throw other(
      'Tệp kết quả được lập trên một máy khác với máy đã gửi kết quả trước đây cho gói này; không có gì được ghi.',
    );
  if (results.seq <= pack.seq)
    throw new AppError(
      'AUDIT_FILE_STALE',
      `Tệp kết quả số ${results.seq} đã được nhập hoặc cũ hơn tệp đã nhập (số ${pack.seq}); không có gì thay đổi.`,
    );
  const visitor = `${results.visitor.name} (${results.visitor.officeName})`;
  const actor = actorOf(ctx);
  return write(ctx, (tx) => {
    const found = loadAudit(tx, audit.id);
    requireTeam(ctx, found);
    const a = startIfApproved(tx, ctx, found);
    const known = new Set(a.data.checklist.map((i) => i.id));
    const unknown = results.work.answers.find((x) => !known.has(x.itemId));
    if (unknown)
      throw new AppError(
        'INVALID_INPUT',
        'Danh mục câu hỏi của cuộc đánh giá đã thay đổi sau khi xuất gói, nên kết quả không khớp. Hãy xuất gói mới cho đánh giá viên; không có gì được ghi.',
      );
    const before = new Map(a.data.checklist.map((i) => [i.id, i]));
    const checklist = answeredChecklist(a.data.checklist, results.work.answers);
    const changed = checklist.filter((i) => {
      const b = before.get(i.id);
      return b?.result !== i.result || b.note !== i.note;
    });
    let current = a;
    if (changed.length > 0) {
      const lines = changed
        .slice(0, 10)
        .map(
          (i) => `điều ${i.clause}: ${i.result ? CHECK_RESULT_LABELS[i.result] : 'chưa đánh giá'}`,
        );
      current = updateRecord(
        tx,
        ctx.now(),
        actor,
        a,
        { data: { checklist } },
        `Nhập kết quả số ${results.seq} của đánh giá viên ${visitor}: ${changed.length} câu trả lời (${lines.join('; ')}${changed.length > 10 ? '; …' : ''})`,
      ) as Audit;
    }
    const applied = new Set(
      findingsOf(tx, a.id)
        .map((f) => f.data.externalRef)
        .filter((r): r is string => !!r),
    );
    let findings = 0;
    let nonconformities = 0;
    for (const f of results.work.findings) {
      if (applied.has(f.ref)) continue;
      const done = insertFinding(
        tx,
        ctx,
        current,
        { ...f, ownerId: null, deadline: null, externalRef: f.ref },
        `Từ kết quả số ${results.seq} của đánh giá viên ${visitor}`,
      );
      appendAudit(ctx.db, tx, {
        id: newId(),
        at: ctx.now(),
        actorId: actor.id,
        actorName: actor.name,
        operation: done.audit.operation,
        entity: done.audit.entity,
        entityId: done.audit.entityId,
        summary: `${done.audit.summary}, từ đánh giá viên ${visitor}`,
      });
      findings++;
      if (isNcFinding(f.type)) nonconformities++;
    }
    const done = tx
      .update(auditPacks)
      .set({ seq: results.seq, peerPublic: header.signerKey, updatedAt: ctx.now() })
      .where(and(eq(auditPacks.id, pack.id), eq(auditPacks.seq, pack.seq)))
      .run();
    if (done.changes !== 1)
      throw new AppError('AUDIT_FILE_STALE', 'Tệp kết quả vừa được nhập ở phiên khác.');
    return {
      result: {
        seq: results.seq,
        visitorName: visitor,
        answers: changed.length,
        findings,
        nonconformities,
      },
      audit: {
        operation: 'qms.audit.importResults',
        entity: 'qms_audit',
        entityId: a.id,
        summary: `${a.code}: nhập kết quả số ${results.seq} của đánh giá viên ${visitor}: ${changed.length} câu trả lời, ${findings} phát hiện mới`,
      },
    };
  });
}

export const auditPackHandlers: PartialHandlers = {
  'audits.exportPack': (ctx, input) => exportPack(ctx, input.auditId),
  'audits.importResults': (ctx, input) =>
    importResults(ctx, input.auditId, Buffer.from(input.base64, 'base64')),
};
