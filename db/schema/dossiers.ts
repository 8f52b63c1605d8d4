// Dossiers (hồ sơ TTHC), their step hand-offs, and the timeline of events.
// Times are UTC epoch ms; the procedure version is pinned at receipt.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { DossierDocument, DossierStatus, Outcome } from '../../core/desk/types';
import { procedureVersions, procedures } from './catalog';
import { users } from './users';

export const dossiers = sqliteTable(
  'dossiers',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    /** Client-made key of the receive request: a double submit returns the same dossier. */
    requestKey: text('request_key').notNull(),
    procedureId: text('procedure_id')
      .notNull()
      .references(() => procedures.id),
    procedureVersionId: text('procedure_version_id')
      .notNull()
      .references(() => procedureVersions.id),
    formSet: text('form_set').notNull(),
    applicantName: text('applicant_name').notNull(),
    applicantNameFolded: text('applicant_name_folded').notNull(),
    applicantIdKind: text('applicant_id_kind').notNull(),
    applicantIdNumber: text('applicant_id_number').notNull(),
    applicantAddress: text('applicant_address').notNull(),
    applicantPhone: text('applicant_phone').notNull(),
    applicantEmail: text('applicant_email').notNull(),
    documents: text('documents', { mode: 'json' }).$type<DossierDocument[]>().notNull(),
    sets: integer('sets').notNull(),
    feeVnd: integer('fee_vnd'),
    channel: text('channel').notNull(),
    status: text('status').$type<DossierStatus>().notNull(),
    currentStep: integer('current_step').notNull(),
    receivedAt: integer('received_at').notNull(),
    receivedBy: text('received_by')
      .notNull()
      .references(() => users.id),
    /** The appointment now in force (moved by an extension or a supplement). */
    dueAt: integer('due_at').notNull(),
    /** The first appointment, kept for reporting. */
    originalDueAt: integer('original_due_at').notNull(),
    extended: integer('extended', { mode: 'boolean' }).notNull().default(false),
    pausedAt: integer('paused_at'),
    resolvedAt: integer('resolved_at'),
    returnedAt: integer('returned_at'),
    outcome: text('outcome').$type<Outcome>(),
    bookYear: integer('book_year').notNull(),
    bookLine: integer('book_line').notNull(),
    note: text('note').notNull().default(''),
    /** When a leader's disposal decision erased the applicant's personal data (records control). */
    disposedAt: integer('disposed_at'),
    /** That decision (a qms_records row of kind 'disposal'). */
    disposalId: text('disposal_id'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('dossiers_code_uq').on(t.code),
    uniqueIndex('dossiers_request_key_uq').on(t.requestKey),
    index('dossiers_status_due_idx').on(t.status, t.dueAt),
    index('dossiers_status_received_idx').on(t.status, t.receivedAt),
    index('dossiers_procedure_received_idx').on(t.procedureId, t.receivedAt),
    index('dossiers_id_number_idx').on(t.applicantIdNumber),
    // Covering indexes for the dashboard's per-procedure and per-month aggregates, and for
    // a list filtered by procedure and status. The first two also serve a date range alone
    // (migration 0007 dropped the single-column indexes they made redundant), and cover the
    // quality indicators' dossier facts of a window (services/qms/indicator-facts.ts).
    index('dossiers_received_proc_idx').on(
      t.receivedAt,
      t.procedureId,
      t.channel,
      t.outcome,
      t.resolvedAt,
      t.id,
    ),
    index('dossiers_resolved_proc_idx').on(
      t.resolvedAt,
      t.outcome,
      t.procedureId,
      t.channel,
      t.receivedAt,
      t.id,
    ),
    // Procedure first and covering channel, outcome and resolution too: the quality
    // indicators count a window's dossiers per procedure in one pass over it, grouped in
    // index order (services/qms/indicator-facts.ts, dossierCounts). Its entries change when the
    // status does, which is also when the outcome and resolution date are set.
    index('dossiers_proc_status_received_idx').on(
      t.procedureId,
      t.status,
      t.receivedAt,
      t.channel,
      t.outcome,
      t.resolvedAt,
    ),
  ],
);

export const dossierSteps = sqliteTable(
  'dossier_steps',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    stepNo: integer('step_no').notNull(),
    stepName: text('step_name').notNull(),
    role: text('role').notNull(),
    assigneeId: text('assignee_id').references(() => users.id),
    fromUserId: text('from_user_id').references(() => users.id),
    startedAt: integer('started_at').notNull(),
    dueAt: integer('due_at').notNull(),
    finishedAt: integer('finished_at'),
    outcome: text('outcome').$type<Outcome>(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index('dossier_steps_dossier_idx').on(t.dossierId, t.stepNo),
    // The open steps of an assignee (the 'mine' list, the inbox): every query by assignee asks
    // for finished_at IS NULL, so the index holds open steps only. A receive's reception step is
    // finished at once and a forward closes one: neither writes an entry that no query reads.
    index('dossier_steps_open_idx')
      .on(t.assigneeId)
      .where(sql`finished_at IS NULL`),
  ],
);

export const dossierEvents = sqliteTable(
  'dossier_events',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    at: integer('at').notNull(),
    userId: text('user_id').references(() => users.id),
    kind: text('kind').notNull(),
    /** Kind-specific fields: reason, missing items, new due time, signer... */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.dossierId, t.at)],
);
