// Reading one dossier: its row, pinned procedure version, steps, events, and the detail view
// with the actions the current user may take.
import { asc, eq, sql } from 'drizzle-orm';
import type { DossierDetail } from '../../core/contract/dossiers';
import { availableActions, type ActionState } from '../../core/desk/actions';
import { AppError } from '../../core/errors';
import type { Db, Tx } from '../../db/open';
import {
  dossierEvents,
  dossierSteps,
  dossiers,
  procedureVersions,
  procedures,
  users,
} from '../../db/schema';
import type { Ctx, CurrentUser } from '../context';
import { prepared } from '../prepared';

export type DossierRow = typeof dossiers.$inferSelect;
export type StepRow = typeof dossierSteps.$inferSelect;

export interface LoadedDossier {
  readonly row: DossierRow;
  readonly procedure: typeof procedures.$inferSelect;
  readonly version: typeof procedureVersions.$inferSelect;
  readonly steps: StepRow[];
  /** The open step (the current one), if any. */
  readonly open: StepRow | undefined;
}

/** The reads of loadDossier, prepared once per connection. */
const loadQueries = (db: Db) =>
  prepared(db, 'desk.loadDossier', (d) => ({
    row: d
      .select()
      .from(dossiers)
      .where(eq(dossiers.id, sql.placeholder('id')))
      .prepare(),
    procedure: d
      .select()
      .from(procedures)
      .where(eq(procedures.id, sql.placeholder('id')))
      .prepare(),
    version: d
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.id, sql.placeholder('id')))
      .prepare(),
    steps: d
      .select()
      .from(dossierSteps)
      .where(eq(dossierSteps.dossierId, sql.placeholder('id')))
      .orderBy(asc(dossierSteps.stepNo), asc(dossierSteps.startedAt))
      .prepare(),
  }));

/** One dossier with what its views need; inside a write, it reads that transaction's rows. */
export function loadDossier(db: Db, id: string): LoadedDossier {
  const q = loadQueries(db);
  const row = q.row.get({ id });
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
  const procedure = q.procedure.get({ id: row.procedureId });
  const version = q.version.get({ id: row.procedureVersionId });
  if (!procedure || !version) throw new AppError('NOT_FOUND');
  const steps = q.steps.all({ id });
  const open = steps.find((s) => s.finishedAt === null);
  return { row, procedure, version, steps, open };
}

export function actionState(d: LoadedDossier, now: number): ActionState {
  const plan = d.version.body.steps;
  return {
    status: d.row.status,
    stepRole: d.open?.role ?? '',
    assigneeId: d.open?.assigneeId ?? null,
    isLastStep: d.row.currentStep >= plan.length,
    extended: d.row.extended,
    dueAt: d.row.dueAt,
    now,
  };
}

const viewQueries = (db: Db | Tx) =>
  prepared(db, 'desk.detailView', (d) => ({
    names: d.select({ id: users.id, fullName: users.fullName }).from(users).prepare(),
    events: d
      .select()
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, sql.placeholder('id')))
      .orderBy(asc(dossierEvents.at), asc(dossierEvents.id))
      .prepare(),
  }));

function userNames(db: Db | Tx): Map<string, string> {
  return new Map(
    viewQueries(db)
      .names.all()
      .map((u) => [u.id, u.fullName]),
  );
}

export function isOverdue(row: Pick<DossierRow, 'status' | 'dueAt'>, now: number): boolean {
  return (
    (row.status === 'processing' || row.status === 'ready' || row.status === 'supplement') &&
    row.dueAt < now
  );
}

export function detailView(
  ctx: Pick<Ctx, 'now'> & { db: Db | Tx },
  d: LoadedDossier,
  user: CurrentUser,
): DossierDetail {
  const names = userNames(ctx.db);
  const name = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const plan = d.version.body.steps;
  const now = ctx.now();
  const current = plan[d.row.currentStep - 1];
  const next = plan[d.row.currentStep];
  const events = viewQueries(ctx.db).events.all({ id: d.row.id });
  return {
    dossier: {
      id: d.row.id,
      code: d.row.code,
      procedureName: d.procedure.name,
      procedureCode: d.procedure.code,
      applicantName: d.row.applicantName,
      applicantIdNumber: d.row.applicantIdNumber,
      applicantIdKind: d.row.applicantIdKind,
      applicantAddress: d.row.applicantAddress,
      applicantPhone: d.row.applicantPhone,
      applicantEmail: d.row.applicantEmail,
      documents: d.row.documents,
      sets: d.row.sets,
      feeVnd: d.row.feeVnd,
      channel: d.row.channel,
      status: d.row.status,
      receivedAt: d.row.receivedAt,
      dueAt: d.row.dueAt,
      originalDueAt: d.row.originalDueAt,
      extended: d.row.extended,
      returnedAt: d.row.returnedAt,
      outcome: d.row.outcome ?? null,
      overdue: isOverdue(d.row, now),
      formSet: d.row.formSet,
      bookYear: d.row.bookYear,
      bookLine: d.row.bookLine,
      receivedByName: name(d.row.receivedBy) ?? '',
      currentStep: d.row.currentStep,
      currentStepName: current?.name ?? '',
      assigneeName: name(d.open?.assigneeId ?? null),
      note: d.row.note,
    },
    steps: d.steps.map((s) => ({
      stepNo: s.stepNo,
      stepName: s.stepName,
      role: s.role,
      assigneeName: name(s.assigneeId),
      fromName: name(s.fromUserId),
      startedAt: s.startedAt,
      dueAt: s.dueAt,
      finishedAt: s.finishedAt,
      outcome: s.outcome ?? null,
      note: s.note,
    })),
    plan: plan.map((p) => ({
      no: p.no,
      name: p.name,
      role: p.role,
      hours: p.hours,
      output: p.output,
    })),
    events: events.map((e) => ({ at: e.at, kind: e.kind, userName: name(e.userId), data: e.data })),
    actions: availableActions(actionState(d, now), user),
    nextStep:
      next && (d.row.status === 'processing' || d.row.status === 'supplement')
        ? { no: next.no, name: next.name, role: next.role }
        : null,
  };
}
