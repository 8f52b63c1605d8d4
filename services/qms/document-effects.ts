// What document-control transitions do beyond the record itself: approval makes the catalog
// procedure version; taking effect supersedes the revision before it and sets the next
// periodic review; withdrawal ends every revision; "revise" opens a draft. Revisions take
// effect on their date: promoteDue applies that whenever the register or the inbox is read.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { addMonths, type DocumentData } from '../../core/qms/document';
import type { RevisionData } from '../../core/qms/revision';
import { SYSTEM_ACTOR, type Actor, type QmsRecord } from '../../core/qms';
import type { Tx } from '../../db/open';
import { qmsRecords } from '../../db/schema';
import { write, type Ctx } from '../context';
import { catalogSteps, createProcedureVersion } from './document-catalog';
import {
  applyTransition,
  insertRecord,
  loadRecord,
  todayOf,
  toRecord,
  updateRecord,
  type Effect,
} from './records';

type Doc = QmsRecord<DocumentData>;
type Rev = QmsRecord<RevisionData>;

export function revisionsOf(tx: Tx, documentId: string, states?: readonly string[]): Rev[] {
  const conditions = [eq(qmsRecords.parentId, documentId), eq(qmsRecords.kind, 'revision')];
  if (states) conditions.push(inArray(qmsRecords.state, [...states]));
  return tx
    .select()
    .from(qmsRecords)
    .where(and(...conditions))
    .all()
    .map((r) => toRecord(r) as Rev);
}

/** Opens the next draft of a document, starting from the revision in force. */
export function openDraft(
  tx: Tx,
  now: number,
  today: string,
  actor: Actor,
  doc: Doc,
  changeSummary: string,
): Rev {
  const all = revisionsOf(tx, doc.id);
  const issueNo =
    (tx
      .select({ n: sql<number | null>`max(json_extract(${qmsRecords.data}, '$.issueNo'))` })
      .from(qmsRecords)
      .where(and(eq(qmsRecords.parentId, doc.id), eq(qmsRecords.kind, 'revision')))
      .get()?.n ?? 0) + 1;
  const base = all.find((r) => r.state === 'effective');
  const steps =
    base?.data.steps ??
    (doc.data.procedureCode ? catalogSteps(tx, doc.data.procedureCode, today) : null);
  return insertRecord(tx, now, actor, {
    kind: 'revision',
    code: doc.code,
    title: doc.title,
    parentId: doc.id,
    ownerId: actor.id,
    data: {
      documentId: doc.id,
      issueNo,
      changeSummary,
      sections: base?.data.sections ?? {},
      steps,
    },
  }) as Rev;
}

const approve: Effect = ({ tx, now, after }) => {
  const rev = after as Rev;
  const doc = loadRecord(tx, rev.data.documentId, 'document') as Doc;
  if (!doc.data.procedureCode || !rev.data.steps || !rev.data.effectiveDate) return;
  const version = createProcedureVersion(
    tx,
    now,
    doc.data.procedureCode,
    rev.data.steps,
    rev.data.effectiveDate,
  );
  return { catalogVersion: version };
};

const takeEffect: Effect = ({ tx, ctx, now, after }) => {
  const rev = after as Rev;
  for (const old of revisionsOf(tx, rev.data.documentId, ['effective'])) {
    if (old.id !== rev.id) applyTransition(tx, ctx, SYSTEM_ACTOR, old, 'supersede', {});
  }
  const doc = loadRecord(tx, rev.data.documentId, 'document') as Doc;
  const from = rev.data.effectiveDate ?? todayOf(ctx);
  updateRecord(
    tx,
    now,
    SYSTEM_ACTOR,
    doc,
    { dueDate: addMonths(from, doc.data.reviewMonths) },
    `Lần ban hành ${rev.data.issueNo} có hiệu lực; rà soát định kỳ tiếp theo sau ${doc.data.reviewMonths} tháng`,
  );
};

const withdraw: Effect = ({ tx, ctx, actor, after, input }) => {
  for (const rev of revisionsOf(tx, after.id, ['draft', 'in_review', 'approved', 'effective'])) {
    if (rev.state === 'draft' || rev.state === 'in_review')
      applyTransition(tx, ctx, actor, rev, 'cancel', { comment: input.comment });
    else applyTransition(tx, ctx, SYSTEM_ACTOR, rev, 'make_obsolete', {});
  }
};

const revise: Effect = ({ tx, now, today, actor, after, input }) => {
  const pending = revisionsOf(tx, after.id, ['draft', 'in_review', 'approved']);
  if (pending.length === 0)
    openDraft(tx, now, today, actor, after as Doc, input.comment?.trim() ?? '');
};

export const DOCUMENT_EFFECTS: Readonly<Record<string, Effect>> = {
  'revision.approve': approve,
  'revision.take_effect': takeEffect,
  'document.withdraw': withdraw,
  'document.review_revise': revise,
};

/** Moves every approved revision whose effective date has come into force (one transaction
 * each). Cheap when there is none: one indexed lookup. */
export function promoteDue(ctx: Ctx): number {
  const today = todayOf(ctx);
  const due = ctx.db
    .select({ id: qmsRecords.id })
    .from(qmsRecords)
    .where(
      and(
        eq(qmsRecords.kind, 'revision'),
        eq(qmsRecords.state, 'approved'),
        lte(qmsRecords.dueDate, today),
      ),
    )
    .all();
  for (const { id } of due) {
    write(ctx, (tx) => {
      // better-sqlite3 runs this synchronously right after the lookup: still 'approved'.
      const rev = loadRecord(tx, id, 'revision') as Rev;
      applyTransition(tx, ctx, SYSTEM_ACTOR, rev, 'take_effect', {}, takeEffect);
      return {
        result: undefined,
        audit: {
          operation: 'qms.revision.take_effect',
          entity: 'qms_revision',
          entityId: rev.id,
          summary: `${rev.code} lần ban hành ${rev.data.issueNo} có hiệu lực từ ${rev.data.effectiveDate ?? today} (tự động)`,
        },
      };
    });
  }
  return due.length;
}
