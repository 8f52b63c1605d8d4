// Audit packs for a visiting auditor (services/qms/audit-pack*.ts), kept on this PC only (never
// synced: the keys are this PC's, the visiting work is another office's audit).
// - side 'home': a pack this office exported for one of its audits: the pack's key (which opens
//   the results file), the Ed25519 key that signed it, the results signer pinned at the first
//   import and the last results number applied (a replayed or older file changes nothing).
// - side 'visiting': another office's pack imported here: its content (read-only plan, checklist,
//   sample), the visiting auditor's work on it, the key that signs the results exported, and the
//   last results number exported.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const auditPacks = sqliteTable(
  'audit_packs',
  {
    /** The pack's id, the same on both PCs. */
    id: text('id').primaryKey(),
    side: text('side', { enum: ['home', 'visiting'] }).notNull(),
    /** The audit's id at the home office. */
    auditId: text('audit_id').notNull(),
    auditCode: text('audit_code').notNull(),
    homeAgencyCode: text('home_agency_code').notNull(),
    homeOfficeName: text('home_office_name').notNull(),
    /** The pack's 32-byte key, base64 (the database is encrypted at rest). */
    packKey: text('pack_key').notNull(),
    /** This side's Ed25519 private key (PKCS#8 DER base64) and its public key (base64url). */
    signPrivate: text('sign_private').notNull(),
    signPublic: text('sign_public').notNull(),
    /** The other side's public key: home, the results signer (pinned at the first import);
     * visiting, the pack's signer. */
    peerPublic: text('peer_public'),
    /** Home: the last results number applied; visiting: the last one exported. */
    seq: integer('seq').notNull().default(0),
    /** Visiting: the pack's content (JSON); home: null. */
    content: text('content', { mode: 'json' }),
    /** Visiting: the auditor's answers and findings (JSON); home: null. */
    work: text('work', { mode: 'json' }),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('audit_packs_audit_idx').on(t.auditId, t.side, t.createdAt)],
);
