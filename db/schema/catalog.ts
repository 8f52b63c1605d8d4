// The procedure catalog: procedures and their versions. A version's body (documents, fees,
// time limit, ISO step table) is kept as validated JSON (core/catalog/schema); dossiers
// point at the exact version they were received under.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ProcedureVersion } from '../../core/catalog/schema';

export const procedures = sqliteTable(
  'procedures',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    isoCode: text('iso_code').notNull(),
    name: text('name').notNull(),
    field: text('field').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    source: text('source', { enum: ['seed', 'import', 'province'] }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('procedures_code_uq').on(t.code)],
);

export const procedureVersions = sqliteTable(
  'procedure_versions',
  {
    id: text('id').primaryKey(),
    procedureId: text('procedure_id')
      .notNull()
      .references(() => procedures.id),
    version: integer('version').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    body: text('body', { mode: 'json' }).$type<ProcedureVersion>().notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('procedure_versions_uq').on(t.procedureId, t.version),
    index('procedure_versions_effective_idx').on(t.procedureId, t.effectiveFrom),
  ],
);
