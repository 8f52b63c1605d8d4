// Quality-system records of every kind (core/qms): the columns all kinds share, indexed for
// lists, search and the inbox, plus the kind's own fields as validated JSON; and the one
// history table every transition of every kind writes to. Records are never deleted.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const qmsRecords = sqliteTable(
  'qms_records',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    state: text('state').notNull(),
    code: text('code').notNull().default(''),
    title: text('title').notNull().default(''),
    /** Code and title folded (no diacritics, đ → d, lower case) for search. */
    searchText: text('search_text').notNull().default(''),
    parentId: text('parent_id'),
    ownerId: text('owner_id'),
    dueDate: text('due_date'),
    sourceKind: text('source_kind'),
    sourceId: text('source_id'),
    fileSha256: text('file_sha256'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    rev: integer('rev').notNull().default(1),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('qms_records_kind_state_due_idx').on(t.kind, t.state, t.dueDate),
    index('qms_records_kind_code_idx').on(t.kind, t.code),
    index('qms_records_parent_idx').on(t.parentId, t.kind),
    index('qms_records_owner_idx').on(t.ownerId, t.kind, t.state),
    index('qms_records_source_idx').on(t.sourceKind, t.sourceId),
    // The quality indicators' facts of a window (services/qms/indicator-facts.ts): ratings by
    // the day their dossier was returned (covering), feedback and nonconformities by deadline.
    // The queries must use the same expressions (->>, which has no comma for drizzle-kit to split).
    index('qms_records_returned_idx').on(
      t.kind,
      t.state,
      sql`${t.data} ->> '$.returnedOn'`,
      sql`${t.data} ->> '$.satisfied'`,
      t.sourceId,
    ),
    index('qms_records_deadline_idx').on(t.kind, sql`${t.data} ->> '$.deadline'`),
    // The risk register (services/qms/risk-register.ts), risks only: its filters, order and
    // heat-map fields, so its count, heat maps and page order read no row. Same expressions
    // in the queries, and kind = 'risk' as a literal there.
    index('qms_records_risk_register_idx')
      .on(
        t.kind,
        t.state,
        t.createdAt,
        t.code,
        sql`${t.data} ->> '$.type'`,
        sql`${t.data} ->> '$.likelihood'`,
        sql`${t.data} ->> '$.impact'`,
        sql`${t.data} ->> '$.residualLikelihood'`,
        sql`${t.data} ->> '$.residualImpact'`,
        t.dueDate,
        t.searchText,
        sql`${t.data} ->> '$.processName'`,
      )
      .where(sql`${t.kind} = 'risk'`),
  ],
);

export const qmsHistory = sqliteTable(
  'qms_history',
  {
    id: text('id').primaryKey(),
    recordId: text('record_id').notNull(),
    kind: text('kind').notNull(),
    at: integer('at').notNull(),
    /** Null when the app itself moved the record (a revision taking effect on its date). */
    userId: text('user_id'),
    userName: text('user_name').notNull(),
    /** 'create', or the transition's name. */
    transition: text('transition').notNull(),
    fromState: text('from_state'),
    toState: text('to_state').notNull(),
    comment: text('comment').notNull().default(''),
  },
  (t) => [index('qms_history_record_idx').on(t.recordId, t.at)],
);
