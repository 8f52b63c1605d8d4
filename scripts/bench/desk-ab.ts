// A/B of the desk operations on two copies of one office in the same process, interleaved op
// by op (which copy goes first alternates), with CPU time per operation (process.cpuUsage):
// encrypted vs plain, or a change vs none. A single wall-clock run on a loaded machine, or two
// runs one after the other (one warmer than the other), says little; this says what costs what.
//   npx tsx scripts/bench/desk-ab.ts --a /tmp/x/enc --b /tmp/x/plain [--b-plain] [--rounds 200]
// --a / --b: office data folders (copies: they are written to). --b-plain: B is unencrypted.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openBackend } from '../../services/app';
import type { AppBackend } from '../../services/platform';
import { receiver } from './desk-figures';
import { deskSession, sample, type Caller } from './figures';
import { ms, summarize } from './stats';

const { values } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string' },
    'a-plain': { type: 'boolean', default: false },
    'b-plain': { type: 'boolean', default: false },
    // SQL run on a side right after it opens (e.g. to put back a setting the change alters).
    'a-sql': { type: 'string', default: '' },
    'b-sql': { type: 'string', default: '' },
    rounds: { type: 'string', default: '200' },
    only: { type: 'string', default: 'receive,search,list' },
  },
});

interface Side {
  readonly label: string;
  readonly backend: AppBackend;
  readonly desk: Caller;
  readonly receive: (i: number) => Promise<unknown>;
  readonly failures: () => number;
  readonly wall: Map<string, number[]>;
  readonly cpu: Map<string, number[]>;
  readonly frames: number[];
}

const QUERIES = ['nguyen van duc', 'tran thi', 'le minh h', 'pham van', 'hoang', 'nguyen thi h'];
const LISTS = [
  {},
  { status: 'open' },
  { status: 'overdue' },
  { status: 'returned' },
  { status: 'refused' },
  { mine: true },
] as const;

async function side(label: string, dir: string, plain: boolean, sql: string): Promise<Side> {
  const backend = await openBackend({
    dataDir: dir,
    plainDatabase: plain,
    platform: { kind: 'test', appVersion: 'bench' },
    backupDelayMs: 24 * 3600_000,
  });
  if (sql) backend.database().exec(sql);
  const desk = await deskSession(backend);
  const r = await receiver({ backend, desk, suffix: label }, 1);
  return {
    label,
    backend,
    desk,
    receive: r.run,
    failures: r.failures,
    wall: new Map(),
    cpu: new Map(),
    frames: [],
  };
}

async function timedOp(s: Side, name: string, run: () => Promise<unknown>): Promise<void> {
  const { wall, cpu } = await sample(run);
  const push = (m: Map<string, number[]>, v: number) => m.set(name, [...(m.get(name) ?? []), v]);
  push(s.wall, wall);
  push(s.cpu, cpu);
}

/** WAL frames one receive writes: checkpoint first (the next write restarts the WAL). */
async function framesOfReceive(s: Side, i: number): Promise<number> {
  const sqlite = s.backend.database();
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await s.receive(i);
  const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
  return row?.log ?? NaN;
}

async function main(): Promise<void> {
  if (!values.a || !values.b) throw new Error('--a and --b are required');
  const rounds = Number(values.rounds);
  const only = new Set(values.only.split(','));
  const a = await side('A', values.a, values['a-plain'], values['a-sql']);
  const b = await side('B', values.b, values['b-plain'], values['b-sql']);
  const sides = [a, b];
  const load0 = os.loadavg();
  try {
    for (const s of sides) {
      for (let i = 0; i < 20; i++) await s.receive(i); // warm-up
      for (let i = 0; i < 5; i++) s.frames.push(await framesOfReceive(s, i));
      for (const q of QUERIES) await s.desk('dossiers.list', { query: q });
      for (const l of LISTS) await s.desk('dossiers.list', l);
    }
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 ? [b, a] : [a, b];
      for (const s of order) {
        if (only.has('receive')) await timedOp(s, 'receive', () => s.receive(r));
      }
      for (const s of order) {
        const q = QUERIES[r % QUERIES.length];
        if (only.has('search'))
          await timedOp(s, 'search', () => s.desk('dossiers.list', { query: q }));
      }
      for (const s of order) {
        const l = LISTS[r % LISTS.length];
        if (only.has('list'))
          await timedOp(s, 'list', () => s.desk('dossiers.list', { ...l, page: 1 + (r % 5) }));
      }
    }
  } finally {
    for (const s of sides) s.backend.close();
  }
  console.log(
    `load ${load0.map((l) => l.toFixed(2)).join(' ')} → ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  for (const s of sides)
    console.log(
      `${s.label}: WAL frames per receive ${s.frames.join(', ')}; ${s.failures()} receives failed`,
    );
  for (const name of ['receive', 'search', 'list']) {
    const w = sides.map((s) => summarize(s.wall.get(name) ?? []));
    const c = sides.map((s) => summarize(s.cpu.get(name) ?? []));
    if (!w[0].n) continue;
    const pct = (x: number, y: number) => `${(((x - y) / y) * 100).toFixed(0)} %`;
    console.log(
      `${name}: wall p50 ${ms(w[0].p50)} / ${ms(w[1].p50)}  p95 ${ms(w[0].p95)} / ${ms(w[1].p95)} (A vs B ${pct(w[0].p95, w[1].p95)});` +
        ` cpu mean ${ms(c[0].mean)} / ${ms(c[1].mean)} (${pct(c[0].mean, c[1].mean)}) p95 ${ms(c[0].p95)} / ${ms(c[1].p95)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
