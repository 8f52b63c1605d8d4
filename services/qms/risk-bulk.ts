// A large risk register for the bench office (scripts/history calls it): `count` risks and
// opportunities over the office's procedures and internal processes, identified across
// `years` years before `now`, in every state, a treated one with its shared actions and its
// residual score. Written through insertRecord (the rows, history lines the app writes), in one
// transaction, reproducible from `seed`. Nothing is queued for sync (a generated office).
import { addCivilDays, civilDateOf } from '../../core/calendar/civil-time';
import { createRng, type Rng } from '../../core/demo/rng';
import { SYSTEM_ACTOR } from '../../core/qms';
import type { RiskState } from '../../core/qms/risk';
import type { Db, Tx } from '../../db/open';
import { procedures, users } from '../../db/schema';
import { nextRecordCode } from './codes';
import { insertRecord } from './records';
import { readRiskSeed } from './risk-seed';

export interface RiskBulkOptions {
  /** How many risks and opportunities (the bench asks for ≥ 2,000). */
  readonly count: number;
  /** Identified over this many years up to `now`. */
  readonly years: number;
  readonly now: number;
  readonly seed?: number;
}

export interface RiskBulkStats {
  readonly risks: number;
  readonly actions: number;
}

const STATES: readonly [RiskState, number][] = [
  ['monitored', 0.45],
  ['closed', 0.25],
  ['treating', 0.15],
  ['identified', 0.1],
  ['cancelled', 0.05],
];

function pickState(rng: Rng): RiskState {
  let x = rng.next();
  for (const [state, p] of STATES) if ((x -= p) < 0) return state;
  return 'monitored';
}

/** Writes the register; returns how many risks and actions it wrote. */
export function generateRiskRegister(
  db: Db,
  resourcesDir: string,
  options: RiskBulkOptions,
): RiskBulkStats {
  const rng = createRng(options.seed ?? 2026_06);
  const seed = readRiskSeed(resourcesDir);
  const today = civilDateOf(options.now);
  const days = Math.max(1, Math.round(options.years * 365));
  return db.transaction((tx: Tx) => {
    const names = new Map(
      tx
        .select({ code: procedures.code, name: procedures.name })
        .from(procedures)
        .all()
        .map((p) => [p.code, p.name] as const),
    );
    const lines = [
      ...seed.procedures.flatMap((p) =>
        names.has(p.procedureCode)
          ? p.risks.map((l) => ({
              ...l,
              type: 'risk' as const,
              processType: 'procedure',
              processCode: p.procedureCode,
              processName: names.get(p.procedureCode) ?? '',
            }))
          : [],
      ),
      ...seed.internal.map((l) => ({ ...l, processType: 'internal', processCode: '' })),
    ];
    const people = tx
      .select({ id: users.id, disabled: users.disabled })
      .from(users)
      .all()
      .filter((u) => !u.disabled)
      .map((u) => u.id);
    let actions = 0;
    for (let n = 0; n < options.count; n++) {
      const l = rng.pick(lines);
      const identifiedOn = addCivilDays(today, -rng.int(0, days));
      const state = pickState(rng);
      const treated = state === 'monitored' || state === 'closed' ? rng.chance(0.7) : false;
      const likelihood = Math.min(5, Math.max(1, l.likelihood + rng.int(-1, 1)));
      const impact = Math.min(5, Math.max(1, l.impact + rng.int(-1, 0)));
      const reviewOn = addCivilDays(identifiedOn, rng.int(60, 400));
      const live = state !== 'closed' && state !== 'cancelled';
      const owner = rng.pick(people);
      const record = insertRecord(tx, options.now, SYSTEM_ACTOR, {
        queue: false,
        kind: 'risk',
        state,
        code: nextRecordCode(
          tx,
          'risk',
          l.type === 'opportunity' ? 'CH' : 'RR',
          identifiedOn.slice(0, 4),
        ),
        title: l.title,
        ownerId: owner,
        dueDate: live ? reviewOn : null,
        data: {
          type: l.type,
          processType: l.processType,
          processCode: l.processCode,
          processName: l.processName,
          description: l.title,
          cause: l.cause,
          consequence: l.consequence,
          benefit: l.benefit,
          likelihood,
          impact,
          identifiedOn,
          reviewOn,
          treatment: state === 'identified' ? null : l.type === 'opportunity' ? 'pursue' : 'reduce',
          ...(treated
            ? {
                residualLikelihood: Math.max(1, likelihood - rng.int(1, 3)),
                residualImpact: impact,
              }
            : {}),
        },
      });
      if (state === 'identified' || state === 'cancelled') continue;
      const due = addCivilDays(identifiedOn, rng.int(15, 90));
      insertRecord(tx, options.now, SYSTEM_ACTOR, {
        queue: false,
        kind: 'action',
        state: state === 'treating' ? 'open' : 'verified',
        title: `Xử lý: ${l.title}`.slice(0, 300),
        ownerId: rng.pick(people),
        dueDate: state === 'treating' ? due : null,
        sourceKind: 'risk',
        sourceId: record.id,
        data: { description: `Biện pháp xử lý ${record.code}` },
      });
      actions++;
    }
    return { risks: options.count, actions };
  });
}
