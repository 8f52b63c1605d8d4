// `npm run bench [-- --dossiers 200000] [--reuse DIR] [--iterations 200] [--budget-s 60] [--skip-startup]`
// Benchmarks the office backend on a realistic history (scripts/generate-history.ts): receive,
// name search, filtered list pages, dashboard, database size, backend open and start-up to the
// login screen in browser mode. Prints a table and writes bench-results/latest.{json,md}.
// Figures are reported against their targets (PASS/MISS); a miss never fails the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { v7 as uuidv7 } from 'uuid';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { OpInput, OpName, OpOutput } from '../../core/contract';
import type { Result } from '../../core/errors';
import { openBackend } from '../../services/app';
import { DB_FILE_NAME } from '../../services/backup';
import { Database, openSqlite, readJournal, rekey } from '../../db/open';
import { keyringFor } from '../../services/security/keyring';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import type { AppBackend } from '../../services/platform';
import { databaseBytes, generateOffice, HISTORY_VERSION } from '../generate-history';
import { makePerson } from '../../core/demo/people';
import { createRng } from '../../core/demo/rng';
import { copyOffice } from './sync-backlog';
import {
  bundledLauncher,
  launchBrowser,
  measureStartup,
  rendererBuilt,
  type StartupRun,
} from './startup';
import { markdownTable, median, ms, summarize, textTable, timed, type Summary } from './stats';

const root = process.cwd();
const { values } = parseArgs({
  options: {
    dossiers: { type: 'string', default: '200000' },
    years: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    reuse: { type: 'string' },
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'startup-runs': { type: 'string', default: '5' },
    'skip-startup': { type: 'boolean', default: false },
    'budget-s': { type: 'string', default: '60' },
    out: { type: 'string', default: 'bench-results' },
  },
  allowPositionals: true,
});
const DOSSIERS = Number(values.dossiers);
const YEARS = Number(values.years);
const SEED = Number(values.seed);
const ITERATIONS = Number(values.iterations);
const WARMUP = Number(values.warmup);
const STARTUP_RUNS = Number(values['startup-runs']);
const CACHE_MAX_AGE_MS = 7 * 86_400_000;
/** A figure stops early after this long (slow operations), with at least MIN_SAMPLES samples. */
const BUDGET_MS = Number(values['budget-s']) * 1000;
const MIN_SAMPLES = 30;

interface Figure {
  readonly name: string;
  readonly unit: 'ms' | 'MB' | '%' | 'x';
  readonly summary?: Summary;
  /** For single-value figures (size, medians of few runs). */
  readonly value?: number;
  /** Compared with p95 (or value). */
  readonly target: number | null;
  readonly targetText: string;
  readonly note?: string;
}

interface CaseTiming {
  readonly label: string;
  readonly summary: Summary;
  readonly rows?: number;
}

const log = (line: string) => console.log(line);

// ---------------------------------------------------------------------------------------
// The office to measure: generated, cached, or given

interface Stamp {
  historyVersion: number;
  dossiers: number;
  years: number;
  seed: number;
  migrations: string[];
}

function stampOf(): Stamp {
  return {
    historyVersion: HISTORY_VERSION,
    dossiers: DOSSIERS,
    years: YEARS,
    seed: SEED,
    migrations: readJournal(path.join(root, 'db/migrations')).map((e) => e.tag),
  };
}

async function sourceOffice(): Promise<{
  dir: string;
  origin: string;
  generatedMs?: number;
  generatedCached?: boolean;
}> {
  if (values.reuse) {
    const dir = path.resolve(values.reuse);
    if (!fs.existsSync(path.join(dir, DB_FILE_NAME)))
      throw new Error(`--reuse ${dir}: no ${DB_FILE_NAME} there`);
    return { dir, origin: `reused ${dir}` };
  }
  const label = DOSSIERS % 1000 === 0 ? `${DOSSIERS / 1000}k` : String(DOSSIERS);
  const dir = path.join(root, '.data', `bench-${label}`);
  const stampFile = path.join(dir, 'bench-stamp.json');
  const want = stampOf();
  if (fs.existsSync(stampFile)) {
    const have = JSON.parse(fs.readFileSync(stampFile, 'utf8')) as Stamp & {
      generatedAt: number;
      generatedMs?: number;
    };
    const { generatedAt, generatedMs, ...stamp } = have;
    const age = Date.now() - generatedAt;
    const same = JSON.stringify(stamp) === JSON.stringify(want);
    if (same && age < CACHE_MAX_AGE_MS && fs.existsSync(path.join(dir, DB_FILE_NAME))) {
      return {
        dir,
        origin: `cached ${path.relative(root, dir)} (generated ${new Date(generatedAt).toISOString()})`,
        ...(generatedMs === undefined ? {} : { generatedMs, generatedCached: true }),
      };
    }
  }
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  log(
    `Generating a ${DOSSIERS.toLocaleString('en-US')}-dossier office (${YEARS} years, seed ${SEED})...`,
  );
  const t0 = performance.now();
  const stats = await generateOffice(tmp, {
    dossiers: DOSSIERS,
    years: YEARS,
    seed: SEED,
    onProgress: (done, total) => {
      if (done === total || done % 50_000 < 5_100)
        log(
          `  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
        );
    },
  });
  fs.writeFileSync(
    path.join(tmp, 'bench-stamp.json'),
    JSON.stringify({ ...want, generatedAt: Date.now(), generatedMs: stats.ms }, null, 2),
  );
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
  return { dir, origin: `generated into ${path.relative(root, dir)}`, generatedMs: stats.ms };
}

/** A plain (unencrypted) copy of an office, for the figures without encryption. */
function decryptedCopy(from: string, to: string): void {
  copyOffice(from, to);
  const sqlite = openSqlite(path.join(to, DB_FILE_NAME), keyringFor(from).dbKey());
  try {
    // Rekeying needs a rollback journal; the backend puts WAL back when it opens the copy.
    sqlite.pragma('journal_mode = DELETE');
    rekey(sqlite, null);
  } finally {
    sqlite.close();
  }
}

/** The floor: what a bare 6-row transaction costs on this disk (WAL, synchronous=FULL). */
function measureFloor(dir: string): number[] {
  const sqlite = new Database(path.join(dir, 'floor.sqlite'));
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
    const six = sqlite.transaction(() => {
      for (let i = 0; i < 6; i++) insert.run('x'.repeat(200), i);
    });
    for (let i = 0; i < WARMUP; i++) six();
    const samples: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      six();
      samples.push(performance.now() - t0);
    }
    return samples;
  } finally {
    sqlite.close();
  }
}

const officeFields = (o: OpOutput<'office.get'>) => ({
  name: o.name,
  agencyCode: o.agencyCode,
  province: o.province,
  commune: o.commune,
  address: o.address,
  backupKeep: o.backupKeep,
});

// ---------------------------------------------------------------------------------------
// Calls

function caller(backend: AppBackend, key: string) {
  return async <N extends OpName>(name: N, input: OpInput<N>): Promise<OpOutput<N>> => {
    const r = (await backend.call(key, name, input)) as Result<OpOutput<N>>;
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
}

async function measure(
  iterations: number,
  warmup: number,
  run: (i: number) => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run(i);
  const samples: number[] = [];
  const deadline = performance.now() + BUDGET_MS;
  for (let i = 0; i < iterations; i++) {
    if (i >= MIN_SAMPLES && performance.now() > deadline) break;
    const [t] = await timed(() => run(i));
    samples.push(t);
  }
  return samples;
}

/** Measures rotating cases; returns all samples and per-case summaries. */
async function measureCases<C extends { label: string }>(
  cases: readonly C[],
  iterations: number,
  run: (c: C) => Promise<number | undefined>,
): Promise<{ all: number[]; perCase: CaseTiming[] }> {
  for (const c of cases) await run(c); // warm-up: one round
  const byCase = new Map<string, { samples: number[]; rows?: number }>();
  const all: number[] = [];
  const deadline = performance.now() + BUDGET_MS;
  for (let i = 0; i < Math.max(iterations, cases.length); i++) {
    if (i >= Math.max(MIN_SAMPLES, cases.length) && performance.now() > deadline) break;
    const c = cases[i % cases.length];
    const t0 = performance.now();
    const rows = await run(c);
    const t = performance.now() - t0;
    all.push(t);
    const entry = byCase.get(c.label) ?? { samples: [] };
    entry.samples.push(t);
    if (rows !== undefined) entry.rows = rows;
    byCase.set(c.label, entry);
  }
  const perCase = [...byCase].map(([label, e]) => ({
    label,
    summary: summarize(e.samples),
    ...(e.rows === undefined ? {} : { rows: e.rows }),
  }));
  return { all, perCase };
}

// ---------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const source = await sourceOffice();
  const sizeMb = databaseBytes(source.dir) / 1024 / 1024;
  log(`Office: ${source.origin}, ${sizeMb.toFixed(0)} MB`);

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-bench-'));
  const workDir = path.join(work, 'office');
  copyOffice(source.dir, workDir);
  const figures: Figure[] = [];
  const startupRuns: StartupRun[] = [];
  const bundledRuns: StartupRun[] = [];
  let startupNote: string | undefined;
  // Filled in as the measurements run.
  const found = {
    searchCases: [] as CaseTiming[],
    listCases: [] as CaseTiming[],
    tableSizes: [] as { name: string; mb: number }[],
    sqliteVersion: '',
    dossierCount: 0,
  };

  /** Receive, search and list figures on an open backend (with encryption, then without). */
  const deskFigures = async (
    backend: AppBackend,
    desk: ReturnType<typeof caller>,
    suffix: string,
  ): Promise<Figure[]> => {
    const figures: Figure[] = [];
    // -- receive ------------------------------------------------------------------------
    log('Measuring dossiers.receive...');
    const catalog = await desk('catalog.list', {});
    const byCode = new Map(catalog.map((p) => [p.code, p]));
    const mix = ['1.001193', '2.000815', '2.000815', '2.000884', '1.004873', '1.013225']
      .map((code) => byCode.get(code))
      .filter((p) => p !== undefined);
    const receiveProcs = mix.length ? mix : catalog.slice(0, 3);
    const assignee = new Map<string, string>();
    for (const p of receiveProcs) {
      const preview = await desk('dossiers.preview', { procedureId: p.id });
      const role = (preview.nextRole ?? 'specialist') as OpInput<'desk.assignees'>['role'];
      const people = await desk('desk.assignees', { role });
      if (!people[0]) throw new Error(`no assignee with role ${role}`);
      assignee.set(p.id, people[0].id);
    }
    const rng = createRng(SEED + 1000);
    let failures = 0;
    let firstFailure = '';
    const receiveSamples = await measure(ITERATIONS, WARMUP, async (i) => {
      const p = receiveProcs[i % receiveProcs.length];
      const person = makePerson(rng, 'xã Tân Lập', 'tỉnh Phú Thọ');
      const r = await backend.call('bench', 'dossiers.receive', {
        requestKey: uuidv7(),
        procedureId: p.id,
        applicant: {
          fullName: person.name,
          idKind: 'cccd',
          idNumber: person.cccd,
          address: person.address,
          phone: person.phone,
          email: '',
        },
        documents: [{ name: 'Tờ khai (theo mẫu)', kind: 'original', count: 1 }],
        sets: 1,
        feeVnd: 0,
        channel: 'direct',
        assigneeId: assignee.get(p.id),
        note: '',
      });
      if (!r.ok) {
        failures++;
        firstFailure ||= `${r.error.code} ${r.error.message}`;
      }
    });
    figures.push({
      name: `Receive a dossier (dossiers.receive)${suffix}`,
      unit: 'ms',
      summary: summarize(receiveSamples),
      target: 5,
      targetText: 'p95 ≤ 5 ms',
      ...(failures ? { note: `${failures} failed: ${firstFailure}` } : {}),
    });

    // -- search by name -----------------------------------------------------------------
    log('Measuring name search...');
    const queries = [
      'nguyen van duc',
      'tran thi',
      'le minh h',
      'Nguyễn Thị Thu Hà',
      'pham van',
      'hoang',
      'nguyen',
      'nguyen thi h',
      'vu quoc',
      'bui thi lan',
      'do dinh',
      'trieu',
      'kieu van',
      'au thi',
      'ly thi ngoc',
      'quach',
      'dinh van tien',
      'khong minh',
    ];
    const search = await measureCases(
      queries.map((q) => ({ label: q })),
      ITERATIONS,
      async (c) => (await desk('dossiers.list', { query: c.label })).total,
    );
    if (!suffix) found.searchCases = search.perCase;
    figures.push({
      name: `Search by folded name (dossiers.list query)${suffix}`,
      unit: 'ms',
      summary: summarize(search.all),
      target: 20,
      targetText: 'p95 ≤ 20 ms',
    });

    // -- filtered list pages ------------------------------------------------------------
    log('Measuring filtered list pages...');
    const pid = (code: string) => byCode.get(code)?.id;
    const today = civilDateOf(Date.now());
    const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
    const oldYear = Number(today.slice(0, 4)) - 6;
    type ListInput = OpInput<'dossiers.list'>;
    const filters: { label: string; input: ListInput }[] = [
      { label: 'all, newest first', input: {} },
      { label: 'open', input: { status: 'open' } },
      { label: 'open by due', input: { status: 'open', sort: 'due_asc' } },
      { label: 'overdue', input: { status: 'overdue' } },
      { label: 'processing', input: { status: 'processing' } },
      { label: 'ready', input: { status: 'ready' } },
      { label: 'supplement', input: { status: 'supplement' } },
      { label: 'returned', input: { status: 'returned' } },
      { label: 'refused', input: { status: 'refused' } },
      { label: 'mine (open steps)', input: { mine: true } },
      { label: 'procedure: birth', input: { procedureId: pid('1.001193') } },
      {
        label: 'procedure: copies, returned',
        input: { procedureId: pid('2.000815'), status: 'returned' },
      },
      {
        label: 'procedure: building permit, oldest first',
        input: { procedureId: pid('1.013225'), sort: 'received_asc' },
      },
      { label: 'this month', input: { from: `${today.slice(0, 8)}01`, to: today } },
      {
        label: `March ${oldYear}`,
        input: { from: `${oldYear}-03-01`, to: `${oldYear}-03-31` },
      },
      {
        label: 'last 12 months, returned',
        input: { status: 'returned', from: yearAgo, to: today },
      },
      {
        label: `year ${oldYear}, birth, returned`,
        input: {
          procedureId: pid('1.001193'),
          status: 'returned',
          from: `${oldYear}-01-01`,
          to: `${oldYear}-12-31`,
        },
      },
    ];
    const listCasesInput = filters.flatMap((f) =>
      [1, 2, 3, 4, 5].map((page) => ({ label: f.label, input: { ...f.input, page } })),
    );
    const list = await measureCases(
      listCasesInput,
      Math.max(ITERATIONS, listCasesInput.length),
      async (c) => (await desk('dossiers.list', c.input)).total,
    );
    if (!suffix) found.listCases = list.perCase;
    figures.push({
      name: `Filtered list page (status/procedure/dates, pages 1-5)${suffix}`,
      unit: 'ms',
      summary: summarize(list.all),
      target: 20,
      targetText: 'p95 ≤ 20 ms',
    });

    return figures;
  };

  try {
    const open = () =>
      openBackend({
        dataDir: workDir,
        platform: { kind: 'test', appVersion: 'bench' },
        backupDelayMs: 24 * 3600_000,
      });
    const backend = await open();
    try {
      const sqlite = backend.database();
      found.sqliteVersion = sqlite.prepare('SELECT sqlite_version()').pluck().get() as string;
      found.dossierCount = sqlite.prepare('SELECT count(*) FROM dossiers').pluck().get() as number;
      // The daily automatic backup counts as done, so it does not run inside start-up runs.
      sqlite
        .prepare(
          "INSERT INTO app_meta (key, value) VALUES ('last_auto_backup_day', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .run(civilDateOf(Date.now()));

      const admin = caller(backend, 'bench-admin');
      await admin('auth.login', { username: 'admin', password: DEMO_PASSWORD });
      const office = await admin('office.get', {});
      await admin('office.update', {
        name: office.name,
        agencyCode: office.agencyCode,
        province: office.province,
        commune: office.commune,
        address: office.address,
        sessionTimeoutMinutes: 240,
        backupKeep: office.backupKeep,
      });
      const desk = caller(backend, 'bench');
      await desk('auth.login', { username: 'motcua', password: DEMO_PASSWORD });

      figures.push(...(await deskFigures(backend, desk, '')));

      // -- dashboard ------------------------------------------------------------------------
      log('Measuring dashboard.get...');
      const dash = await measure(ITERATIONS, 3, () => desk('dashboard.get', {}));
      figures.push({
        name: 'Dashboard figures (dashboard.get)',
        unit: 'ms',
        summary: summarize(dash),
        target: 100,
        targetText: 'p95 ≤ 100 ms',
      });

      found.tableSizes = (
        sqlite
          .prepare(
            'SELECT name, sum(pgsize) / 1048576.0 AS mb FROM dbstat GROUP BY name ORDER BY mb DESC LIMIT 12',
          )
          .all() as { name: string; mb: number }[]
      ).map((r) => ({ name: r.name, mb: r.mb }));
    } finally {
      backend.close();
    }

    // -- the same desk figures without encryption, and the floor ------------------------------
    log('Measuring the same without encryption (a decrypted copy of the office)...');
    const plainDir = path.join(work, 'plain');
    decryptedCopy(source.dir, plainDir);
    const plain = await openBackend({
      dataDir: plainDir,
      plainDatabase: true,
      platform: { kind: 'test', appVersion: 'bench' },
      backupDelayMs: 24 * 3600_000,
    });
    let plainFigures: Figure[];
    try {
      const plainAdmin = caller(plain, 'bench-admin');
      await plainAdmin('auth.login', { username: 'admin', password: DEMO_PASSWORD });
      const office = await plainAdmin('office.get', {});
      await plainAdmin('office.update', { ...officeFields(office), sessionTimeoutMinutes: 240 });
      const plainDesk = caller(plain, 'bench');
      await plainDesk('auth.login', { username: 'motcua', password: DEMO_PASSWORD });
      plainFigures = await deskFigures(plain, plainDesk, ' — without encryption');
    } finally {
      plain.close();
    }
    figures.push(...plainFigures);
    log('Measuring the floor (a bare 6-row synchronous=FULL transaction on the same disk)...');
    const floor = summarize(measureFloor(work));
    figures.push({
      name: 'Floor: bare 6-row transaction, WAL, synchronous=FULL',
      unit: 'ms',
      summary: floor,
      target: null,
      targetText: 'report',
    });
    const p95Of = (name: string) => figures.find((f) => f.name === name)?.summary?.p95 ?? NaN;
    const receiveEnc = p95Of('Receive a dossier (dossiers.receive)');
    figures.push({
      name: 'Receive p95 / floor p95',
      unit: 'x',
      value: receiveEnc / floor.p95,
      target: 3,
      targetText: '≤ 3×',
    });
    for (const [label, name] of [
      ['receive', 'Receive a dossier (dossiers.receive)'],
      ['search', 'Search by folded name (dossiers.list query)'],
      ['list', 'Filtered list page (status/procedure/dates, pages 1-5)'],
    ] as const)
      figures.push({
        name: `Encryption cost on ${label} p95`,
        unit: '%',
        value: (p95Of(name) / p95Of(`${name} — without encryption`) - 1) * 100,
        target: 15,
        targetText: '≤ 15 %',
      });

    figures.push({
      name: `Database size (${(found.dossierCount / 1000).toFixed(0)}k dossiers)`,
      unit: 'MB',
      value: sizeMb,
      target: null,
      targetText: 'report',
      note: `${((sizeMb * 1024) / Math.max(1, found.dossierCount)).toFixed(1)} KB per dossier`,
    });

    // -- backend open -----------------------------------------------------------------------
    log('Measuring backend open...');
    const opens: number[] = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      const [t, b] = await timed(open);
      b.close();
      opens.push(t);
    }
    figures.push({
      name: 'Backend open (openBackend on the office)',
      unit: 'ms',
      value: median(opens),
      summary: summarize(opens),
      target: null,
      targetText: 'report (part of start-up)',
      note: `median of ${opens.length}`,
    });

    // -- start-up to the login screen -------------------------------------------------------
    if (values['skip-startup']) startupNote = 'skipped (--skip-startup)';
    else if (!rendererBuilt(root))
      startupNote = 'skipped: renderer not built (npm run build:renderer)';
    else {
      log('Measuring start-up to the login screen (browser mode + Chromium)...');
      const browser = await launchBrowser();
      try {
        for (let i = 0; i < STARTUP_RUNS; i++) {
          const run = await measureStartup(browser, root, workDir);
          log(
            `  tsx run ${i + 1}: ${ms(run.totalMs)} ms (to URL ${ms(run.toUrlMs)}, page ${ms(run.pageMs)})`,
          );
          startupRuns.push(run);
        }
        // The same, from an esbuild bundle (no tsx): what a packaged main process pays.
        const bundled = await bundledLauncher(root);
        for (let i = 0; i < STARTUP_RUNS; i++) {
          const run = await measureStartup(browser, root, workDir, bundled);
          log(
            `  bundle run ${i + 1}: ${ms(run.totalMs)} ms (to URL ${ms(run.toUrlMs)}, page ${ms(run.pageMs)})`,
          );
          bundledRuns.push(run);
        }
      } catch (error) {
        startupNote = `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
      } finally {
        await browser.close();
      }
    }
    const startupFigure = (name: string, runs: readonly StartupRun[], target: number | null) => {
      if (!runs.length) {
        figures.push({
          name,
          unit: 'ms',
          target,
          targetText: target === null ? 'report' : `median ≤ ${target} ms`,
          note: startupNote ?? 'not measured',
        });
        return;
      }
      figures.push({
        name,
        unit: 'ms',
        value: median(runs.map((r) => r.totalMs)),
        summary: summarize(runs.map((r) => r.totalMs)),
        target,
        targetText: target === null ? 'report' : `median ≤ ${target} ms`,
        note: `runs ${runs.map((r) => ms(r.totalMs)).join(', ')} ms; median to URL ${ms(median(runs.map((r) => r.toUrlMs)))} ms + page ${ms(median(runs.map((r) => r.pageMs)))} ms`,
      });
    };
    // What a user starts (`npm start` without Electron, `npm run browser`) is the bundle;
    // running the TypeScript sources through tsx is a developer's path, reported for reference.
    startupFigure('Start-up to login (npm start bundle → "Đăng nhập")', bundledRuns, 1000);
    startupFigure('Start-up to login via tsx sources (dev only; info)', startupRuns, null);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  if (source.generatedMs !== undefined) {
    figures.push({
      name: `History generation (${(DOSSIERS / 1000).toFixed(0)}k dossiers${source.generatedCached ? ', when the cache was built' : ''})`,
      unit: 'ms',
      value: source.generatedMs,
      target: 180_000,
      targetText: '< 3 min',
    });
  }

  // -- report -------------------------------------------------------------------------------
  const cpus = os.cpus();
  const machine = {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite: found.sqliteVersion,
    loadAverage: {
      before: loadBefore.map((l) => +l.toFixed(2)),
      after: os.loadavg().map((l) => +l.toFixed(2)),
    },
  };
  const verdict = (f: Figure): string => {
    if (f.target === null) return '';
    const v = f.value ?? f.summary?.p95;
    if (v === undefined || !Number.isFinite(v)) return 'n/a';
    return v <= f.target ? 'PASS' : 'MISS';
  };
  const fmt = (f: Figure, v: number | undefined) =>
    v === undefined
      ? '–'
      : f.unit === 'MB'
        ? v.toFixed(0)
        : f.unit === '%' || f.unit === 'x'
          ? v.toFixed(1)
          : ms(v);
  const rows = [
    ['Figure', 'n', 'p50', 'p95', 'max', 'value', 'target', 'result'],
    ...figures.map((f) => [
      f.name,
      f.summary ? String(f.summary.n) : '',
      f.value === undefined ? fmt(f, f.summary?.p50) : '',
      f.value === undefined ? fmt(f, f.summary?.p95) : '',
      f.value === undefined ? fmt(f, f.summary?.max) : '',
      f.value === undefined ? '' : `${fmt(f, f.value)} ${f.unit}`,
      f.targetText,
      verdict(f),
    ]),
  ];
  const slow = (cases: CaseTiming[]) =>
    [...cases].sort((a, b) => b.summary.p95 - a.summary.p95).slice(0, 6);
  const caseRows = (cases: CaseTiming[]) => [
    ['Case', 'rows matched', 'p50 ms', 'p95 ms', 'max ms', 'n'],
    ...slow(cases).map((c) => [
      c.label,
      c.rows === undefined ? '' : String(c.rows),
      ms(c.summary.p50),
      ms(c.summary.p95),
      ms(c.summary.max),
      String(c.summary.n),
    ]),
  ];

  log('');
  log(textTable(rows));
  for (const f of figures) if (f.note) log(`  ${f.name}: ${f.note}`);
  log('\nSlowest searches:');
  log(textTable(caseRows(found.searchCases)));
  log('\nSlowest list filters:');
  log(textTable(caseRows(found.listCases)));

  const outDir = path.resolve(root, values.out);
  fs.mkdirSync(outDir, { recursive: true });
  const result = {
    date: startedAt.toISOString(),
    machine,
    office: {
      origin: source.origin,
      dossiers: found.dossierCount,
      years: YEARS,
      seed: SEED,
      historyVersion: HISTORY_VERSION,
    },
    iterations: ITERATIONS,
    figures: figures.map((f) => ({ ...f, result: verdict(f) || null })),
    searchCases: found.searchCases,
    listCases: found.listCases,
    startupRuns,
    bundledStartupRuns: bundledRuns,
    tableSizesMb: found.tableSizes,
  };
  fs.writeFileSync(path.join(outDir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    '# ISO Xã benchmark',
    '',
    `- Date: ${startedAt.toISOString()}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB RAM, ${machine.platform}`,
    `- Node ${machine.node}, SQLite ${machine.sqlite}`,
    `- Load average before/after: ${machine.loadAverage.before.join(' ')} / ${machine.loadAverage.after.join(' ')}`,
    `- Office: ${found.dossierCount.toLocaleString('en-US')} dossiers over ${YEARS} years (seed ${SEED}, history v${HISTORY_VERSION}; ${source.origin})`,
    `- Up to ${ITERATIONS} iterations per figure after a warm-up (a figure stops after ${BUDGET_MS / 1000} s with at least ${MIN_SAMPLES} samples); synchronous=FULL, WAL, exclusive locking as in the app`,
    '',
    markdownTable(rows),
    '',
    ...figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`),
    '',
    '## Slowest name searches',
    '',
    markdownTable(caseRows(found.searchCases)),
    '',
    '## Slowest list filters (pages 1-5 together)',
    '',
    markdownTable(caseRows(found.listCases)),
    '',
    '## Largest tables and indexes',
    '',
    markdownTable([
      ['Table / index', 'MB'],
      ...found.tableSizes.map((t) => [t.name, t.mb.toFixed(1)]),
    ]),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(outDir, 'latest.md'), md);
  log(`\nWrote ${path.relative(root, path.join(outDir, 'latest.json'))} and latest.md`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
