// The statements of a receive, prepared once per connection (services/prepared.ts): building
// their SQL with drizzle on every call cost more than running them. The inserts name every
// column the receive writes; the others keep their SQL defaults.
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../db/open';
import { dossierEvents, dossierSteps, dossiers, office, procedures, users } from '../../db/schema';
import { prepared } from '../prepared';

const p = sql.placeholder;

export const receiveQueries = (db: Db | Tx) =>
  prepared(db, 'desk.receive', (d) => ({
    byRequestKey: d
      .select({ id: dossiers.id, by: dossiers.receivedBy })
      .from(dossiers)
      .where(eq(dossiers.requestKey, p('requestKey')))
      .prepare(),
    procedure: d
      .select()
      .from(procedures)
      .where(eq(procedures.id, p('id')))
      .prepare(),
    activeUser: d
      .select()
      .from(users)
      .where(and(eq(users.id, p('id')), eq(users.disabled, false)))
      .prepare(),
    agencyCode: d.select({ code: office.agencyCode }).from(office).prepare(),
    codeTaken: d
      .select({ id: dossiers.id })
      .from(dossiers)
      .where(eq(dossiers.code, p('code')))
      .prepare(),
    insertDossier: d
      .insert(dossiers)
      .values({
        id: p('id'),
        code: p('code'),
        requestKey: p('requestKey'),
        procedureId: p('procedureId'),
        procedureVersionId: p('procedureVersionId'),
        formSet: p('formSet'),
        applicantName: p('applicantName'),
        applicantNameFolded: p('applicantNameFolded'),
        applicantIdKind: p('applicantIdKind'),
        applicantIdNumber: p('applicantIdNumber'),
        applicantAddress: p('applicantAddress'),
        applicantPhone: p('applicantPhone'),
        applicantEmail: p('applicantEmail'),
        documents: p('documents'),
        sets: p('sets'),
        feeVnd: p('feeVnd'),
        channel: p('channel'),
        status: p('status'),
        currentStep: p('currentStep'),
        receivedAt: p('receivedAt'),
        receivedBy: p('receivedBy'),
        dueAt: p('dueAt'),
        originalDueAt: p('originalDueAt'),
        bookYear: p('bookYear'),
        bookLine: p('bookLine'),
        note: p('note'),
        updatedAt: p('updatedAt'),
      })
      .prepare(),
    insertStep: d
      .insert(dossierSteps)
      .values({
        id: p('id'),
        dossierId: p('dossierId'),
        stepNo: p('stepNo'),
        stepName: p('stepName'),
        role: p('role'),
        assigneeId: p('assigneeId'),
        fromUserId: p('fromUserId'),
        startedAt: p('startedAt'),
        dueAt: p('dueAt'),
        finishedAt: p('finishedAt'),
        outcome: p('outcome'),
      })
      .prepare(),
    insertEvent: d
      .insert(dossierEvents)
      .values({
        id: p('id'),
        dossierId: p('dossierId'),
        at: p('at'),
        userId: p('userId'),
        kind: p('kind'),
        data: p('data'),
      })
      .prepare(),
  }));
