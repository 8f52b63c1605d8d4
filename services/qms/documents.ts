// Document control's operations: the register, creating and editing documents, drafting
// revisions (sections, step table, attached file), acknowledging the revision in force.
// Moves of the sign-off (submit, review, approve, reject...) are qms.transition.
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors';
import { mayCreate, type QmsRecord } from '../../core/qms';
import { addMonths, documentKind, type DocumentData } from '../../core/qms/document';
import type { RevisionData } from '../../core/qms/revision';
import type { Tx } from '../../db/open';
import { procedures, qmsAcknowledgements, qmsRecords } from '../../db/schema';
import { newId, write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { enqueue } from '../sync/outbox';
import { versionBodyFor } from './document-catalog';
import { openDraft, promoteDue, revisionsOf } from './document-effects';
import { docxToPreviewHtml } from './document-preview';
import { decodeRevisionFile, readRevisionFile, storeRevisionFile } from './document-files';
import { checkedRefs } from './document-refs';
import { documentDetail, isManager, listDocuments } from './documents-read';
import {
  actorOf,
  insertRecord,
  loadRecord,
  todayOf,
  updateRecord,
  type RecordRow,
} from './records';

type Doc = QmsRecord<DocumentData>;
type Rev = QmsRecord<RevisionData>;

function requireManager(ctx: Ctx) {
  const actor = actorOf(ctx);
  if (!mayCreate(documentKind as never, actor))
    throw new AppError('FORBIDDEN', 'Chỉ Thư ký ISO hoặc lãnh đạo được quản lý tài liệu.');
  return actor;
}

function checkRev(record: QmsRecord, rev: number): void {
  if (record.rev !== rev)
    throw new AppError('CONFLICT', 'Tài liệu đã được người khác cập nhật. Vui lòng tải lại.');
}

/** A draft the caller may edit: still a draft, and theirs (or the ISO secretary's). */
function editableDraft(tx: Tx, ctx: Ctx, revisionId: string, rev: number): Rev {
  const actor = actorOf(ctx);
  const record = loadRecord(tx, revisionId, 'revision') as Rev;
  checkRev(record, rev);
  if (record.state !== 'draft')
    throw new AppError('CONFLICT', 'Chỉ sửa được bản dự thảo (chưa gửi xem xét).');
  if (record.ownerId !== actor.id && !actor.roles.includes('iso_coordinator'))
    throw new AppError('FORBIDDEN', 'Chỉ người soạn thảo hoặc Thư ký ISO được sửa dự thảo này.');
  return record;
}

const audit = (operation: string, record: QmsRecord, summary: string) => ({
  operation,
  entity: `qms_${record.kind}`,
  entityId: record.id,
  summary: `${record.code} ${record.title}: ${summary}`,
});

function detail(ctx: Ctx, documentId: string) {
  return documentDetail(ctx, documentId, actorOf(ctx), todayOf(ctx));
}

/** A revision's attached file, for those who may see that revision. */
async function attachedFile(ctx: Ctx, revisionId: string) {
  const actor = actorOf(ctx);
  const rev = loadRecord(ctx.db, revisionId, 'revision') as Rev;
  if (!isManager(actor) && !['effective', 'superseded', 'obsolete'].includes(rev.state))
    throw new AppError('FORBIDDEN', 'Bản dự thảo chỉ người quản lý tài liệu được xem.');
  if (!rev.fileSha256 || !rev.data.file)
    throw new AppError('NOT_FOUND', 'Bản này không có tệp đính kèm.');
  return { file: rev.data.file, bytes: await readRevisionFile(ctx.dataDir, rev.fileSha256) };
}

export const documentHandlers: PartialHandlers = {
  'documents.list': (ctx, input) => {
    actorOf(ctx);
    promoteDue(ctx);
    return listDocuments(ctx, input, todayOf(ctx));
  },
  'documents.get': (ctx, input) => {
    promoteDue(ctx);
    return detail(ctx, input.id);
  },
  'documents.create': (ctx, input) => {
    const actor = requireManager(ctx);
    const now = ctx.now();
    const external = input.docType === 'external';
    if (external !== (input.external !== null))
      throw new AppError(
        'INVALID_INPUT',
        external
          ? 'Tài liệu bên ngoài phải có số hiệu, cơ quan ban hành và ngày hiệu lực.'
          : 'Chỉ tài liệu bên ngoài mới có số hiệu văn bản.',
      );
    const doc = write(ctx, (tx) => {
      const taken = tx
        .select({ id: qmsRecords.id })
        .from(qmsRecords)
        .where(and(eq(qmsRecords.kind, 'document'), eq(qmsRecords.code, input.code)))
        .get();
      if (taken) throw new AppError('CONFLICT', `Mã tài liệu ${input.code} đã được dùng.`);
      if (input.procedureCode) {
        const p = tx
          .select({ id: procedures.id })
          .from(procedures)
          .where(eq(procedures.code, input.procedureCode))
          .get();
        if (!p)
          throw new AppError('NOT_FOUND', `Danh mục chưa có thủ tục mã ${input.procedureCode}.`);
      }
      const { code, title, docType, ...rest } = input;
      const cites = checkedRefs(tx, null, input);
      const record = insertRecord(tx, now, actor, {
        kind: 'document',
        code,
        title,
        data: { docType, ...rest, cites },
      }) as Doc;
      if (!external) openDraft(tx, now, todayOf(ctx), actor, record, 'Ban hành lần đầu');
      return { result: record, audit: audit('documents.create', record, 'tạo tài liệu') };
    });
    return detail(ctx, doc.id);
  },
  'documents.update': (ctx, input) => {
    const actor = requireManager(ctx);
    write(ctx, (tx) => {
      const doc = loadRecord(tx, input.id, 'document') as Doc;
      checkRev(doc, input.rev);
      if ((doc.data.docType === 'external') !== (input.external !== null))
        throw new AppError('INVALID_INPUT', 'Chỉ tài liệu bên ngoài mới có số hiệu văn bản.');
      if (doc.state !== 'active')
        throw new AppError('CONFLICT', 'Tài liệu đã hủy bỏ không sửa thông tin được.');
      const cites = checkedRefs(tx, doc.id, input);
      const { title, ownerRole, concernedRoles, reviewMonths, external } = input;
      const data = { ownerRole, concernedRoles, reviewMonths, cites, external };
      // A new review interval moves the next periodic review: counted from the last review,
      // else from the day the revision in force took effect.
      const since =
        doc.data.lastReview?.by.on ??
        revisionsOf(tx, doc.id, ['effective'])[0]?.data.effectiveDate ??
        todayOf(ctx);
      const dueDate =
        doc.dueDate !== null && reviewMonths !== doc.data.reviewMonths
          ? addMonths(since, reviewMonths)
          : doc.dueDate;
      const next = updateRecord(
        tx,
        ctx.now(),
        actor,
        doc,
        { title, data, dueDate },
        'Cập nhật thông tin tài liệu',
      );
      return { result: next, audit: audit('documents.update', next, 'cập nhật thông tin') };
    });
    return detail(ctx, input.id);
  },
  'documents.newRevision': (ctx, input) => {
    const actor = requireManager(ctx);
    write(ctx, (tx) => {
      const doc = loadRecord(tx, input.documentId, 'document') as Doc;
      if (doc.state !== 'active' || doc.data.docType === 'external')
        throw new AppError('CONFLICT', 'Tài liệu này không soạn thảo bản mới được.');
      const pending = revisionsOf(tx, doc.id, ['draft', 'in_review', 'approved'])[0];
      if (pending)
        throw new AppError(
          'CONFLICT',
          `Tài liệu đang có lần ban hành ${pending.data.issueNo} chưa có hiệu lực; hãy hoàn tất hoặc hủy bản đó trước.`,
        );
      const draft = openDraft(tx, ctx.now(), todayOf(ctx), actor, doc, '');
      return { result: draft, audit: audit('documents.newRevision', draft, 'mở bản dự thảo mới') };
    });
    return detail(ctx, input.documentId);
  },
  'documents.saveDraft': (ctx, input) => {
    const actor = actorOf(ctx);
    const record = write(ctx, (tx) => {
      const draft = editableDraft(tx, ctx, input.revisionId, input.rev);
      const doc = loadRecord(tx, draft.data.documentId, 'document') as Doc;
      if (doc.data.procedureCode) {
        if (!input.steps || input.steps.length === 0)
          throw new AppError('INVALID_INPUT', 'Bảng các bước của quy trình không được để trống.');
        // The same check the catalog makes: within the legal time limit, desk first and last.
        versionBodyFor(tx, doc.data.procedureCode, input.steps, todayOf(ctx));
      } else if (input.steps !== null) {
        throw new AppError(
          'INVALID_INPUT',
          'Chỉ quy trình thủ tục hành chính mới có bảng các bước.',
        );
      }
      const steps = input.steps?.map((s, i) => ({ ...s, no: i + 1 })) ?? null;
      const next = updateRecord(
        tx,
        ctx.now(),
        actor,
        draft,
        { data: { changeSummary: input.changeSummary, sections: input.sections, steps } },
        'Cập nhật dự thảo',
      );
      return { result: next, audit: audit('documents.saveDraft', next, 'lưu dự thảo') };
    });
    return detail(ctx, record.parentId ?? '');
  },
  'documents.attachFile': async (ctx, input) => {
    const actor = actorOf(ctx);
    editableDraft(ctx.db as unknown as Tx, ctx, input.revisionId, input.rev);
    const { bytes, mime } = decodeRevisionFile(input.base64);
    // On disk before its row: a crash in between leaves an unused file, never a row without bytes.
    const sha256 = await storeRevisionFile(ctx.dataDir, bytes);
    const record = write(ctx, (tx) => {
      const draft = editableDraft(tx, ctx, input.revisionId, input.rev);
      const file = { name: input.fileName, mime, size: bytes.length };
      const next = updateRecord(
        tx,
        ctx.now(),
        actor,
        draft,
        { fileSha256: sha256, data: { file } },
        `Đính kèm tệp ${input.fileName}`,
      );
      return {
        result: next,
        audit: audit('documents.attachFile', next, `đính kèm ${input.fileName}`),
      };
    });
    return detail(ctx, record.parentId ?? '');
  },
  'documents.file': async (ctx, input) => {
    const { file, bytes } = await attachedFile(ctx, input.revisionId);
    return { fileName: file.name, mime: file.mime, base64: bytes.toString('base64') };
  },
  'documents.preview': async (ctx, input) => {
    const { file, bytes } = await attachedFile(ctx, input.revisionId);
    if (file.mime === 'application/pdf')
      throw new AppError('INVALID_INPUT', 'Tệp PDF không xem trước được; hãy tải tệp về để xem.');
    return { title: file.name, html: await docxToPreviewHtml(bytes, file.name) };
  },
  'documents.acknowledge': (ctx, input) => {
    const actor = actorOf(ctx);
    const now = ctx.now();
    const record = write(ctx, (tx) => {
      const rev = loadRecord(tx, input.revisionId, 'revision') as Rev;
      if (rev.state !== 'effective')
        throw new AppError('CONFLICT', 'Chỉ xác nhận đã đọc bản đang có hiệu lực.');
      const doc = loadRecord(tx, rev.data.documentId, 'document') as Doc;
      if (!actor.roles.some((r) => doc.data.concernedRoles.includes(r)))
        throw new AppError('FORBIDDEN', 'Tài liệu này không thuộc phạm vi vai trò của bạn.');
      const row = {
        id: newId(),
        revisionId: rev.id,
        documentId: doc.id,
        userId: actor.id ?? '',
        userName: actor.name,
        at: now,
      };
      const done = tx.insert(qmsAcknowledgements).values(row).onConflictDoNothing().run();
      if (done.changes === 0) throw new AppError('CONFLICT', 'Bạn đã xác nhận đọc bản này.');
      enqueue(tx, now, 'qms_acknowledgement', row.id, { ...row, updatedAt: now });
      return {
        result: rev,
        audit: audit(
          'documents.acknowledge',
          rev,
          `đã đọc và hiểu lần ban hành ${rev.data.issueNo}`,
        ),
      };
    });
    return detail(ctx, record.data.documentId);
  },
};

export type { RecordRow };
