// Reads of document control: the register (search folds diacritics), one document with its
// revisions, the "cần rà soát" flags of procedures citing a lapsed law, acknowledgements.
import { and, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { DocumentDetail, DocumentRow } from '../../core/contract/qms-documents';
import { formatIsoDate } from '../../core/forms/format';
import { type Actor, type QmsRecord } from '../../core/qms';
import {
  DOC_TYPES,
  documentKind,
  externalLapsed,
  type DocType,
  type DocumentData,
} from '../../core/qms/document';
import { revisionKind, type RevisionData } from '../../core/qms/revision';
import { fold } from '../../core/text/fold';
import type { Db, Tx } from '../../db/open';
import { qmsAcknowledgements, qmsRecords, users } from '../../db/schema';
import type { Ctx } from '../context';
import { procedureTimeLimitHours } from './document-catalog';
import { loadRecord, toRecord } from './records';
import { recordView, recordViews } from './views';

/** Revision states that are not history yet. */
export const LIVE_REVISION_STATES = ['draft', 'in_review', 'approved', 'effective'] as const;
const MANAGERS = ['leader', 'iso_coordinator'];

export const isManager = (actor: Actor): boolean => actor.roles.some((r) => MANAGERS.includes(r));

type Doc = QmsRecord<DocumentData>;

/** Why a document needs review: each cited external document that lapsed. */
export function flagsOf(doc: Doc, externals: ReadonlyMap<string, Doc>, today: string): string[] {
  if (doc.state !== 'active') return [];
  const out: string[] = [];
  for (const citedId of doc.data.cites) {
    const ext = externals.get(citedId);
    if (!ext || !externalLapsed(ext.data.external, today)) continue;
    const facts = ext.data.external;
    const by = facts?.replacedById ? externals.get(facts.replacedById) : undefined;
    out.push(
      by
        ? `Văn bản ${ext.data.external?.number ?? ext.code} đã được thay thế bởi ${by.data.external?.number ?? by.code}`
        : `Văn bản ${ext.data.external?.number ?? ext.code} hết hiệu lực từ ${formatIsoDate(facts?.expiryDate ?? today)}`,
    );
  }
  return out;
}

interface RevisionBrief {
  readonly id: string;
  readonly parentId: string | null;
  readonly state: string;
  readonly issueNo: number;
  readonly effectiveDate: string | null;
}

function liveRevisions(db: Db | Tx, parentIds?: readonly string[]): RevisionBrief[] {
  const conditions = [
    eq(qmsRecords.kind, 'revision'),
    inArray(qmsRecords.state, [...LIVE_REVISION_STATES]),
  ];
  if (parentIds) conditions.push(inArray(qmsRecords.parentId, [...parentIds]));
  return db
    .select({
      id: qmsRecords.id,
      parentId: qmsRecords.parentId,
      state: qmsRecords.state,
      issueNo: sql<number>`json_extract(${qmsRecords.data}, '$.issueNo')`,
      effectiveDate: sql<string | null>`json_extract(${qmsRecords.data}, '$.effectiveDate')`,
    })
    .from(qmsRecords)
    .where(and(...conditions))
    .all();
}

export function documentsOf(db: Db | Tx, ids?: readonly string[]): Doc[] {
  const conditions = [eq(qmsRecords.kind, 'document')];
  if (ids) conditions.push(inArray(qmsRecords.id, [...ids]));
  return db
    .select()
    .from(qmsRecords)
    .where(and(...conditions))
    .all()
    .map((r) => toRecord(r) as Doc);
}

/** Documents whose row matches `where` (filtered in SQL, so only those rows are parsed). */
export function documentsWhere(db: Db | Tx, where: SQL): Doc[] {
  return db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, 'document'), where))
    .all()
    .map((r) => toRecord(r) as Doc);
}

export function externalsOf(db: Db | Tx): Map<string, Doc> {
  return new Map(
    documentsWhere(db, sql`json_extract(${qmsRecords.data}, '$.docType') = 'external'`).map((d) => [
      d.id,
      d,
    ]),
  );
}

function rowOf(
  doc: Doc,
  revisions: readonly RevisionBrief[],
  externals: ReadonlyMap<string, Doc>,
  today: string,
): DocumentRow {
  const inForce = revisions.find((r) => r.state === 'effective') ?? null;
  const pending = revisions.find((r) => r.state !== 'effective') ?? null;
  return {
    id: doc.id,
    code: doc.code,
    title: doc.title,
    docType: doc.data.docType,
    state: doc.state,
    stateLabel: documentKind.stateLabels[doc.state as 'active'] ?? doc.state,
    ownerRole: doc.data.ownerRole,
    procedureCode: doc.data.procedureCode,
    inForce: inForce
      ? { id: inForce.id, issueNo: inForce.issueNo, effectiveDate: inForce.effectiveDate }
      : null,
    pending: pending
      ? {
          id: pending.id,
          issueNo: pending.issueNo,
          state: pending.state,
          stateLabel: revisionKind.stateLabels[pending.state as 'draft'] ?? pending.state,
        }
      : null,
    nextReview: doc.dueDate,
    reviewOverdue: doc.state === 'active' && doc.dueDate !== null && doc.dueDate < today,
    flags: flagsOf(doc, externals, today),
    external: doc.data.external,
  };
}

export interface ListFilter {
  readonly query: string;
  readonly docType?: DocType | undefined;
  readonly includeObsolete: boolean;
}

export function listDocuments(ctx: Ctx, filter: ListFilter, today: string): DocumentRow[] {
  const conditions = [eq(qmsRecords.kind, 'document')];
  const q = fold(filter.query);
  if (q) conditions.push(like(qmsRecords.searchText, `%${q.replace(/[%_]/g, '')}%`));
  if (!filter.includeObsolete) conditions.push(eq(qmsRecords.state, 'active'));
  const docs = ctx.db
    .select()
    .from(qmsRecords)
    .where(and(...conditions))
    .all()
    .map((r) => toRecord(r) as Doc)
    .filter((d) => !filter.docType || d.data.docType === filter.docType);
  const byParent = new Map<string, RevisionBrief[]>();
  for (const r of liveRevisions(ctx.db)) {
    if (r.parentId) byParent.set(r.parentId, [...(byParent.get(r.parentId) ?? []), r]);
  }
  const externals = externalsOf(ctx.db);
  const order = (t: DocType) => DOC_TYPES.indexOf(t);
  return docs
    .map((d) => rowOf(d, byParent.get(d.id) ?? [], externals, today))
    .sort(
      (a, b) =>
        order(a.docType) - order(b.docType) ||
        a.code.localeCompare(b.code, 'vi', { numeric: true }),
    );
}

/** Who acknowledged a revision, and who of the concerned roles still has to. */
export function acknowledgementsOf(db: Db | Tx, revisionId: string, doc: Doc) {
  const done = db
    .select({
      userId: qmsAcknowledgements.userId,
      name: qmsAcknowledgements.userName,
      at: qmsAcknowledgements.at,
    })
    .from(qmsAcknowledgements)
    .where(eq(qmsAcknowledgements.revisionId, revisionId))
    .all()
    .sort((a, b) => a.at - b.at);
  const doneIds = new Set(done.map((d) => d.userId));
  const concerned = new Set<string>(doc.data.concernedRoles);
  const outstanding = db
    .select({ userId: users.id, name: users.fullName, roles: users.roles })
    .from(users)
    .where(eq(users.disabled, false))
    .all()
    .filter((u) => !doneIds.has(u.userId) && u.roles.some((r) => concerned.has(r)))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return { revisionId, done, outstanding };
}

export function documentDetail(ctx: Ctx, id: string, actor: Actor, today: string): DocumentDetail {
  const doc = loadRecord(ctx.db, id, 'document') as Doc;
  const all = ctx.db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.parentId, doc.id), eq(qmsRecords.kind, 'revision')))
    .all()
    .map((r) => toRecord(r) as QmsRecord<RevisionData>)
    .sort((a, b) => b.data.issueNo - a.data.issueNo || b.createdAt - a.createdAt);
  // Only revisions in force (or once in force) are shown to those who do not manage documents.
  const shown = isManager(actor)
    ? all
    : all.filter((r) => ['effective', 'superseded', 'obsolete'].includes(r.state));
  const briefs = all.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    state: r.state,
    issueNo: r.data.issueNo,
    effectiveDate: r.data.effectiveDate,
  }));
  const externals = externalsOf(ctx.db);
  const inForce = all.find((r) => r.state === 'effective');
  const acks = inForce && !inForce.data.seed ? acknowledgementsOf(ctx.db, inForce.id, doc) : null;
  const citedBy =
    doc.data.docType === 'external'
      ? documentsOf(ctx.db)
          .filter((d) => d.data.cites.includes(doc.id))
          .map((d) => ({ id: d.id, code: d.code, title: d.title }))
      : [];
  const ref = (d: Doc) => ({
    id: d.id,
    code: d.code,
    title: d.title,
    number: d.data.external?.number ?? d.code,
  });
  const cited = doc.data.cites.flatMap((c) => {
    const ext = externals.get(c);
    return ext ? [{ ...ref(ext), lapsed: externalLapsed(ext.data.external, today) }] : [];
  });
  const replacer = doc.data.external?.replacedById
    ? externals.get(doc.data.external.replacedById)
    : undefined;
  return {
    document: recordView(ctx.db, doc, actor, today),
    row: rowOf(
      doc,
      briefs.filter((b) => LIVE_REVISION_STATES.includes(b.state as 'draft')),
      externals,
      today,
    ),
    revisions: recordViews(ctx.db, shown, actor, today),
    acknowledgements: acks,
    mustAcknowledge: acks?.outstanding.some((o) => o.userId === actor.id) ?? false,
    citedBy,
    cited,
    replacedBy: replacer ? ref(replacer) : null,
    timeLimitHours: doc.data.procedureCode
      ? procedureTimeLimitHours(ctx.db, doc.data.procedureCode)
      : null,
  };
}
