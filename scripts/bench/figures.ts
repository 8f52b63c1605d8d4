// The bench's figures and how they are taken: a Figure is compared with its target (PASS /
// MISS); measure() and measureCases() time operations with a warm-up, an iteration count and
// a time budget per figure.
import type { OpInput, OpName, OpOutput } from '../../core/contract';
import type { Result } from '../../core/errors';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import type { AppBackend } from '../../services/platform';
import { summarize, timed, type Summary } from './stats';

export interface Figure {
  readonly name: string;
  readonly unit: 'ms' | 'MB' | '%' | 'x' | 'pages';
  readonly summary?: Summary;
  /** For single-value figures (size, medians of few runs). */
  readonly value?: number;
  /** Compared with p95 (or value). */
  readonly target: number | null;
  readonly targetText: string;
  readonly note?: string;
  /** CPU time of this process per sample (process.cpuUsage), when measured. */
  readonly cpu?: Summary;
}

export interface CaseTiming {
  readonly label: string;
  readonly summary: Summary;
  readonly rows?: number;
}

export interface Timing {
  readonly iterations: number;
  readonly warmup: number;
  /** A figure stops early after this long (slow operations), with at least MIN_SAMPLES. */
  readonly budgetMs: number;
}

export const MIN_SAMPLES = 10;
/** Past this many budgets a figure stops even short of MIN_SAMPLES (its n says so). */
export const HARD_CAP_BUDGETS = 3;

/** When a figure's sampling stops: enough samples after the budget, or the hard cap. */
export function sampling(t: Timing, minSamples = MIN_SAMPLES) {
  const start = performance.now();
  return {
    /** Whether to take sample number `n` (0-based). */
    more(n: number, wanted: number): boolean {
      if (n >= wanted) return false;
      const elapsed = performance.now() - start;
      if (n >= minSamples && elapsed > t.budgetMs) return false;
      return !(n >= 1 && elapsed > t.budgetMs * HARD_CAP_BUDGETS);
    },
  };
}

/** A warm-up of `count` runs that gives up after a quarter of the budget. */
async function warmUp(t: Timing, count: number, run: (i: number) => Promise<unknown>) {
  const deadline = performance.now() + t.budgetMs / 4;
  for (let i = 0; i < count && (i === 0 || performance.now() < deadline); i++) await run(i);
}

/** Which parts of the bench to run: `--only desk,qms` or single QMS figures (`qms.inbox`). */
export type Selected = (part: string, figure?: string) => boolean;

export function selector(only: string | undefined): Selected {
  const wanted = new Set(
    (only ?? '')
      .split(',')
      .map((w) => w.trim())
      .filter(Boolean),
  );
  if (!wanted.size) return () => true;
  return (part, figure) =>
    wanted.has(part) ||
    (figure === undefined
      ? [...wanted].some((w) => w.startsWith(`${part}.`))
      : wanted.has(`${part}.${figure}`));
}

export const log = (line: string) => console.log(line);

export type Caller = <N extends OpName>(name: N, input: OpInput<N>) => Promise<OpOutput<N>>;

export function caller(backend: AppBackend, key: string): Caller {
  return async <N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> => {
    const r = (await backend.call(key, name, input)) as Result<OpOutput<N>>;
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
}

/** The desk official's session on a demo-history office (sessions last the whole run). */
export async function deskSession(backend: AppBackend): Promise<Caller> {
  const admin = caller(backend, 'bench-admin');
  await admin('auth.login', { username: 'admin', password: DEMO_PASSWORD });
  const o = await admin('office.get', {});
  await admin('office.update', {
    name: o.name,
    agencyCode: o.agencyCode,
    province: o.province,
    commune: o.commune,
    address: o.address,
    backupKeep: o.backupKeep,
    sessionTimeoutMinutes: 240,
  });
  const desk = caller(backend, 'bench');
  await desk('auth.login', { username: 'motcua', password: DEMO_PASSWORD });
  return desk;
}

export async function measure(
  t: Timing,
  warmup: number,
  run: (i: number) => Promise<unknown>,
): Promise<number[]> {
  const [samples] = await measureInterleaved(t, warmup, [null], (_side, i) => run(i));
  return samples?.wall ?? [];
}

/** Wall-clock and CPU milliseconds per sample of one side. */
export interface Sampled {
  readonly wall: number[];
  readonly cpu: number[];
}

/** Runs `run`, returning its wall-clock and CPU time (user + system) in milliseconds. */
export async function sample(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

/**
 * measure() on several sides at once (the office with and without encryption), sample by
 * sample: sample i runs on every side, the side that goes first alternating, so each side sees
 * the same warm-up, JIT and cache warmth, machine load and order. Measuring one side after the
 * other compares a cold first run with a warm second one. The budget is per side.
 */
export async function measureInterleaved<S>(
  t: Timing,
  warmup: number,
  sides: readonly S[],
  run: (side: S, i: number) => Promise<unknown>,
): Promise<Sampled[]> {
  const inTurn = (i: number) => (i % 2 ? [...sides.keys()].reverse() : [...sides.keys()]);
  await warmUp({ ...t, budgetMs: t.budgetMs * sides.length }, warmup, async (i) => {
    for (const k of inTurn(i)) await run(sides[k], i);
  });
  const samples: Sampled[] = sides.map(() => ({ wall: [], cpu: [] }));
  const s = sampling({ ...t, budgetMs: t.budgetMs * sides.length });
  for (let i = 0; s.more(i, t.iterations); i++) {
    for (const k of inTurn(i)) {
      const { wall, cpu } = await sample(() => run(sides[k], i));
      samples[k].wall.push(wall);
      samples[k].cpu.push(cpu);
    }
  }
  return samples;
}

/** Like measure(), timing only `run` on what an untimed `prepare` made for it. */
export async function measurePrepared<P>(
  t: Timing,
  warmup: number,
  prepare: (i: number) => Promise<P>,
  run: (prepared: P) => Promise<unknown>,
): Promise<number[]> {
  await warmUp(t, warmup, async (i) => run(await prepare(i)));
  const samples: number[] = [];
  const s = sampling(t);
  for (let i = 0; s.more(i, t.iterations); i++) {
    const prepared = await prepare(warmup + i);
    const [ms] = await timed(() => run(prepared));
    samples.push(ms);
  }
  return samples;
}

/** Measures rotating cases; returns all samples and per-case summaries. */
export async function measureCases<C extends { label: string }>(
  t: Timing,
  cases: readonly C[],
  iterations: number,
  run: (c: C) => Promise<number | undefined>,
): Promise<CasesTiming> {
  const [one] = await measureCasesInterleaved(t, cases, iterations, [null], (_side, c) => run(c));
  return one;
}

export interface CasesTiming {
  readonly all: number[];
  /** CPU time per sample, in the order of `all`. */
  readonly cpu: number[];
  readonly perCase: CaseTiming[];
}

/** measureCases() on several sides, interleaved case by case as in measureInterleaved(). */
export async function measureCasesInterleaved<S, C extends { label: string }>(
  t: Timing,
  cases: readonly C[],
  iterations: number,
  sides: readonly S[],
  run: (side: S, c: C) => Promise<number | undefined>,
): Promise<CasesTiming[]> {
  const inTurn = (i: number) => (i % 2 ? [...sides.keys()].reverse() : [...sides.keys()]);
  for (const [i, c] of cases.entries()) for (const k of inTurn(i)) await run(sides[k], c); // warm-up: one round
  const bySide = sides.map(() => ({
    all: [] as number[],
    cpu: [] as number[],
    byCase: new Map<string, { samples: number[]; rows?: number }>(),
  }));
  const s = sampling(
    { ...t, budgetMs: t.budgetMs * sides.length },
    Math.max(MIN_SAMPLES, cases.length),
  );
  for (let i = 0; s.more(i, Math.max(iterations, cases.length)); i++) {
    const c = cases[i % cases.length];
    for (const k of inTurn(i)) {
      let rows: number | undefined;
      const { wall: ms, cpu } = await sample(async () => {
        rows = await run(sides[k], c);
      });
      const { all, byCase } = bySide[k];
      all.push(ms);
      bySide[k].cpu.push(cpu);
      const entry = byCase.get(c.label) ?? { samples: [] };
      entry.samples.push(ms);
      if (rows !== undefined) entry.rows = rows;
      byCase.set(c.label, entry);
    }
  }
  return bySide.map(({ all, cpu, byCase }) => ({
    all,
    cpu,
    perCase: [...byCase].map(([label, e]) => ({
      label,
      summary: summarize(e.samples),
      ...(e.rows === undefined ? {} : { rows: e.rows }),
    })),
  }));
}

/** PASS / MISS against the target ('' for figures only reported). */
export function verdict(f: Figure): string {
  if (f.target === null) return '';
  const v = f.value ?? f.summary?.p95;
  if (v === undefined || !Number.isFinite(v)) return 'n/a';
  return v <= f.target ? 'PASS' : 'MISS';
}
