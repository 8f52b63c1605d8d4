// Model documents from the province ('model_document' feed entries kept by the pull): the
// newest version of each that is not withdrawn, and adopting one: the office's own document
// (same code and title) with its first revision as a draft owned by whoever adopted it, in one
// transaction, ready for the usual review and approval.
import { and, eq, inArray } from 'drizzle-orm';
import type { ModelDocumentView } from '../../core/contract/model-documents';
import { AppError } from '../../core/errors';
import { modelDocumentBody } from '../../core/qms/model-document';
import type { Db } from '../../db/open';
import { qmsRecords } from '../../db/schema';
import { write } from '../context';
import type { PartialHandlers } from '../handlers';
import { newestPublished } from './feed-bodies';
import { actorOf, insertRecord, todayOf } from './records';
import { recordView } from './views';

const models = (db: Db) => newestPublished(db, 'model_document', modelDocumentBody);

function documentsByCode(db: Db, codes: readonly string[]): Map<string, string> {
  if (codes.length === 0) return new Map();
  const rows = db
    .select({ id: qmsRecords.id, code: qmsRecords.code })
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.kind, 'document'),
        eq(qmsRecords.state, 'active'),
        inArray(qmsRecords.code, [...codes]),
      ),
    )
    .all();
  return new Map(rows.map((r) => [r.code, r.id]));
}

export const modelDocumentHandlers: PartialHandlers = {
  'models.list': (ctx) => {
    actorOf(ctx);
    const all = models(ctx.db);
    const adopted = documentsByCode(ctx.db, [...all.keys()]);
    return [...all.values()]
      .map((m): ModelDocumentView => ({
        code: m.body.code,
        version: m.version,
        title: m.body.title,
        note: m.body.note,
        sections: m.body.sections,
        publishedAt: m.publishedAt,
        documentId: adopted.get(m.body.code) ?? null,
      }))
      .sort((a, b) => a.code.localeCompare(b.code, 'vi'));
  },
  'models.adopt': (ctx, input) => {
    const actor = actorOf(ctx);
    const model = models(ctx.db).get(input.code);
    if (!model)
      throw new AppError('NOT_FOUND', 'Không tìm thấy tài liệu mẫu này (có thể tỉnh đã thu hồi).');
    const m = model.body;
    const made = write(ctx, (tx) => {
      if (documentsByCode(ctx.db, [m.code]).size > 0)
        throw new AppError(
          'CONFLICT',
          `Cơ quan đã có tài liệu mã ${m.code}; hãy soạn bản sửa đổi của tài liệu đó.`,
        );
      const now = ctx.now();
      const comment = `Nhận từ tài liệu mẫu của tỉnh (phiên bản ${model.version})`;
      const document = insertRecord(
        tx,
        now,
        actor,
        {
          kind: 'document',
          code: m.code,
          title: m.title,
          ownerId: actor.id,
          data: {
            docType: 'procedure',
            ownerRole: m.ownerRole,
            concernedRoles: m.concernedRoles,
          },
        },
        comment,
      );
      const revision = insertRecord(
        tx,
        now,
        actor,
        {
          kind: 'revision',
          code: m.code,
          title: m.title,
          parentId: document.id,
          ownerId: actor.id,
          data: {
            documentId: document.id,
            issueNo: 1,
            changeSummary: `Ban hành lần đầu, theo tài liệu mẫu của tỉnh (phiên bản ${model.version})`,
            sections: m.sections,
          },
        },
        comment,
      );
      return {
        result: { document, revision },
        audit: {
          operation: 'qms.document.adopt_model',
          entity: 'qms_document',
          entityId: document.id,
          summary: `Nhận tài liệu mẫu ${m.code} ${m.title} làm dự thảo của cơ quan`,
        },
      };
    });
    const today = todayOf(ctx);
    return {
      document: recordView(ctx.db, made.document, actor, today),
      revision: recordView(ctx.db, made.revision, actor, today),
    };
  },
};
