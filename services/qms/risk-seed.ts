// The typical risks and opportunities a commune starts with (resources/qms/risks.json): per
// seeded catalog procedure and per internal process, seeded into the register at setup as
// identified and not yet assessed by the office (data.seed), for the ISO secretary to take
// on. Ids are fixed per procedure and line, so every PC of an office seeds the same records and
// a restore overwrites them instead of doubling them. Also the processes a risk may be about.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { addCivilDays } from '../../core/calendar/civil-time';
import { SYSTEM_ACTOR } from '../../core/qms';
import { RISK_TYPES } from '../../core/qms/risk';
import type { Db, Tx } from '../../db/open';
import { procedures } from '../../db/schema';
import type { Ctx } from '../context';
import { nextRecordCode } from './codes';
import { insertRecord, seedId } from './records';

const point = z.number().int().min(1).max(5);
const line = z.object({
  title: z.string().min(1),
  cause: z.string().default(''),
  consequence: z.string().default(''),
  benefit: z.string().default(''),
  likelihood: point,
  impact: point,
});

export const riskSeedSchema = z.object({
  schemaVersion: z.literal(1),
  internalProcesses: z.array(z.string().min(1)).min(1),
  procedures: z.array(z.object({ procedureCode: z.string(), risks: z.array(line).min(1) })),
  internal: z.array(line.extend({ type: z.enum(RISK_TYPES), processName: z.string().min(1) })),
});
export type RiskSeed = z.infer<typeof riskSeedSchema>;

export function readRiskSeed(resourcesDir: string): RiskSeed {
  const file = path.join(resourcesDir, 'qms', 'risks.json');
  return riskSeedSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function riskSeed(ctx: Pick<Ctx, 'cache' | 'resourcesDir'>): RiskSeed {
  const cached = ctx.cache.get('qms.riskSeed') as RiskSeed | undefined;
  if (cached) return cached;
  const seed = readRiskSeed(ctx.resourcesDir);
  ctx.cache.set('qms.riskSeed', seed);
  return seed;
}

/** The next RR-<year>-NNN (risks) or CH-<year>-NNN (opportunities). */
export const nextRiskCode = (tx: Tx, type: string, year: string): string =>
  nextRecordCode(tx, 'risk', type === 'opportunity' ? 'CH' : 'RR', year);

/** Every process a risk may be about: the catalog's procedures, then the internal ones. */
export function riskProcesses(ctx: Pick<Ctx, 'cache' | 'resourcesDir'> & { db: Db }) {
  const catalog = ctx.db
    .select({ code: procedures.code, name: procedures.name })
    .from(procedures)
    .all()
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
    .map((p) => ({ type: 'procedure' as const, ...p }));
  const internal = riskSeed(ctx).internalProcesses.map((name) => ({
    type: 'internal' as const,
    code: '',
    name,
  }));
  return [...catalog, ...internal];
}

/** Seeds the typical risks of every catalog procedure the office has, and the internal ones. */
export function seedRisks(tx: Tx, resourcesDir: string, now: number, today: string): void {
  const seed = readRiskSeed(resourcesDir);
  const year = today.slice(0, 4);
  const reviewOn = addCivilDays(today, 90);
  const names = new Map(
    tx
      .select({ code: procedures.code, name: procedures.name })
      .from(procedures)
      .all()
      .map((p) => [p.code, p.name] as const),
  );
  const add = (
    id: string,
    type: string,
    process: { processType: string; processCode: string; processName: string },
    l: z.infer<typeof line>,
  ) =>
    insertRecord(tx, now, SYSTEM_ACTOR, {
      queue: false,
      id: seedId(id),
      kind: 'risk',
      code: nextRiskCode(tx, type, year),
      title: l.title,
      dueDate: reviewOn,
      data: {
        type,
        ...process,
        description: l.title,
        cause: l.cause,
        consequence: l.consequence,
        benefit: l.benefit,
        likelihood: l.likelihood,
        impact: l.impact,
        identifiedOn: today,
        reviewOn,
        seed: true,
      },
    });
  for (const p of seed.procedures) {
    const name = names.get(p.procedureCode);
    if (name === undefined) continue;
    p.risks.forEach((l, i) =>
      add(
        `risk:${p.procedureCode}:${i + 1}`,
        'risk',
        { processType: 'procedure', processCode: p.procedureCode, processName: name },
        l,
      ),
    );
  }
  seed.internal.forEach((l, i) =>
    add(
      `risk:internal:${i + 1}`,
      l.type,
      { processType: 'internal', processCode: '', processName: l.processName },
      l,
    ),
  );
}
