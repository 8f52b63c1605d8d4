import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: [
    './db/schema/office.ts',
    './db/schema/users.ts',
    './db/schema/audit.ts',
    './db/schema/catalog.ts',
    './db/schema/calendar.ts',
    './db/schema/dossiers.ts',
    './db/schema/attachments.ts',
    './db/schema/sync.ts',
    './db/schema/qms-records.ts',
    './db/schema/qms-acknowledgements.ts',
    './db/schema/audit-packs.ts',
  ],
  out: './db/migrations',
});
