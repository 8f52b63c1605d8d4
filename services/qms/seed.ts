// The documentation an office starts with (resources/qms/): external documents (laws, the
// standard), the quality policy and the model internal procedures, and one procedure document
// per catalog procedure, its step table the catalog's, its sections from the template. Each
// is in force from setup with revision 1. Ids are fixed per code, so every PC of an office
// seeds the same records and a restore overwrites them instead of doubling them.
import fs from 'node:fs';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ROLES } from '../../core/auth/roles';
import { addMonths } from '../../core/qms/document';
import { SYSTEM_ACTOR } from '../../core/qms';
import type { ProcedureVersion } from '../../core/catalog/schema';
import type { Tx } from '../../db/open';
import { office, procedureVersions, procedures } from '../../db/schema';
import { timeLimitText } from '../desk/catalog';
import { insertRecord, seedId } from './records';
import { seedRisks } from './risk-seed';

const seedFile = z.object({
  external: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      number: z.string(),
      issuer: z.string(),
      effectiveDate: z.string(),
      expiryDate: z.string().optional(),
      replacedBy: z.string().optional(),
    }),
  ),
  internal: z.array(
    z.object({
      code: z.string(),
      docType: z.enum(['policy', 'procedure', 'guideline', 'form']),
      title: z.string(),
      ownerRole: z.enum(ROLES),
      cites: z.array(z.string()),
      sections: z.record(z.string(), z.string()),
    }),
  ),
});
const template = z.record(z.string(), z.string());

/** Everyone who works with procedures reads them; the desk and specialists run them. */
const CONCERNED = ['leader', 'iso_coordinator', 'desk_officer', 'specialist', 'records_clerk'];

function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{(\w+)\}/g, (all, key: string) => values[key] ?? all);
}

function documentsText(v: Readonly<ProcedureVersion>): string {
  return v.documents.map((d) => `- ${d.name}${d.required ? '' : ' (nếu có)'}`).join('\n');
}

export function seedQms(tx: Tx, resourcesDir: string, now: number, today: string): void {
  // A database made with an older schema (tests of old backups) has no quality system yet.
  const hasTable = tx.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'qms_records'`,
  );
  if (!hasTable || hasTable.n === 0) return;
  const dir = path.join(resourcesDir, 'qms');
  const seeds = seedFile.parse(
    JSON.parse(fs.readFileSync(path.join(dir, 'documents.json'), 'utf8')),
  );
  const sections = template.parse(
    JSON.parse(fs.readFileSync(path.join(dir, 'procedure-template.json'), 'utf8')),
  );
  const officeName = tx.select({ name: office.name }).from(office).get()?.name ?? 'UBND xã';
  const idOf = (code: string) => seedId(`document:${code}`);
  const review = addMonths(today, 12);
  const inForce = (
    code: string,
    title: string,
    data: Record<string, unknown>,
    revision: Record<string, unknown> | null,
    effectiveDate: string,
  ) => {
    const docId = idOf(code);
    insertRecord(tx, now, SYSTEM_ACTOR, {
      queue: false,
      id: docId,
      kind: 'document',
      code,
      title,
      dueDate: revision ? review : null,
      data,
    });
    if (!revision) return;
    insertRecord(tx, now, SYSTEM_ACTOR, {
      queue: false,
      id: seedId(`revision:${code}:1`),
      kind: 'revision',
      state: 'effective',
      code,
      title,
      parentId: docId,
      data: {
        documentId: docId,
        issueNo: 1,
        changeSummary: 'Ban hành lần đầu',
        effectiveDate,
        seed: true,
        ...revision,
      },
    });
  };
  const byNumber = new Map(seeds.external.map((e) => [e.number, idOf(e.code)]));
  for (const e of seeds.external) {
    inForce(
      e.code,
      e.title,
      {
        docType: 'external',
        ownerRole: 'iso_coordinator',
        external: {
          number: e.number,
          issuer: e.issuer,
          effectiveDate: e.effectiveDate,
          expiryDate: e.expiryDate ?? null,
          replacedById: e.replacedBy ? idOf(e.replacedBy) : null,
        },
      },
      null,
      e.effectiveDate,
    );
  }
  for (const d of seeds.internal) {
    inForce(
      d.code,
      d.title,
      {
        docType: d.docType,
        ownerRole: d.ownerRole,
        concernedRoles: CONCERNED,
        cites: d.cites.map(idOf),
      },
      { sections: d.sections },
      today,
    );
  }
  for (const p of tx.select().from(procedures).all()) {
    const v = tx
      .select()
      .from(procedureVersions)
      .where(eq(procedureVersions.procedureId, p.id))
      .orderBy(desc(procedureVersions.version))
      .get();
    if (!v) continue;
    const legal = v.body.legalBasis;
    const values = {
      name: p.name,
      code: p.code,
      field: p.field,
      office: officeName,
      legalBasis: legal.join('\n'),
      documents: documentsText(v.body),
      timeLimit: timeLimitText(v.body),
    };
    const cites = [...byNumber]
      .filter(([n]) => legal.some((l) => l.includes(n)))
      .map(([, id]) => id);
    inForce(
      p.isoCode,
      `Quy trình ${p.name.charAt(0).toLowerCase()}${p.name.slice(1)}`,
      {
        docType: 'procedure',
        ownerRole: 'iso_coordinator',
        concernedRoles: CONCERNED,
        procedureCode: p.code,
        cites: [...cites, idOf('VB-07'), idOf('VB-09')],
      },
      {
        sections: Object.fromEntries(
          Object.entries(sections).map(([k, t]) => [k, fill(t, values)]),
        ),
        steps: v.body.steps,
        catalogVersion: v.version,
      },
      v.effectiveFrom > today ? v.effectiveFrom : today,
    );
  }
  seedRisks(tx, resourcesDir, now, today);
}
