// drizzle-kit config for the provincial server's PostgreSQL schema (the office's SQLite one is
// drizzle.config.ts). Generate with: npx drizzle-kit generate --config server-drizzle.config.ts
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: [
    './server/database/schema/offices.ts',
    './server/database/schema/devices.ts',
    './server/database/schema/ops.ts',
    './server/database/schema/feed.ts',
    './server/database/schema/files.ts',
    './server/database/schema/releases.ts',
    './server/database/schema/audit.ts',
    './server/database/schema/escrow.ts',
    './server/database/schema/qms-status.ts',
    './server/database/schema/office-figures.ts',
  ],
  out: './server/database/migrations',
});
