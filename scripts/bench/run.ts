// `npm run bench [-- --dossiers 200000] [--reuse DIR] [--iterations 200] [--budget-s 20] [--skip-startup]
//   [--only desk,dashboard,qms,plain,open,startup | qms.inbox,qms.indicators,...]`
// Benchmarks the office backend on a realistic history (scripts/generate-history.ts): receive,
// name search, filtered list pages, dashboard, database size, backend open and start-up to the
// login screen in browser mode; the quality-system figures (scripts/bench/qms-figures.ts). Prints a table and writes bench-results/latest.{json,md}
// (rewritten after every figure, so an interrupted run keeps what it measured; an --only run
// writes only-<parts>.* instead). Figures are reported against their targets (PASS/MISS); a
// miss never fails the run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { civilDateOf } from '../../core/calendar/civil-time';
import { openBackend } from '../../services/app';
import { databaseBytes } from '../generate-history';
import { deskFigures } from './desk-figures';
import { comparisonFigures, plainDeskFigures } from './encryption';
import {
  deskSession,
  log,
  measure,
  MIN_SAMPLES,
  selector,
  type Figure,
  type Timing,
} from './figures';
import { sourceOffice } from './office';
import { QMS_FIGURES, qmsFigures } from './qms-figures';
import { logFigure, writeReport, type Found } from './report';
import { copyOffice } from './sync-backlog';
import {
  bundledLauncher,
  launchBrowser,
  measureStartup,
  rendererBuilt,
  type StartupRun,
} from './startup';
import { median, ms, summarize, timed } from './stats';

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
    'budget-s': { type: 'string', default: '20' },
    only: { type: 'string' },
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
/** A figure stops early after this long (slow operations), with at least MIN_SAMPLES samples. */
const BUDGET_MS = Number(values['budget-s']) * 1000;
const TIMING: Timing = { iterations: ITERATIONS, warmup: WARMUP, budgetMs: BUDGET_MS };
const ONLY = values.only ?? '';
const want = selector(ONLY);
const PARTS = ['desk', 'dashboard', 'qms', 'plain', 'open', 'startup'];
for (const w of ONLY.split(',').filter(Boolean)) {
  const [part, figure] = w.split('.');
  if (
    !PARTS.includes(part ?? '') ||
    (figure !== undefined && !(part === 'qms' && QMS_FIGURES.includes(figure as 'inbox')))
  ) {
    console.error(
      `--only ${w}: unknown; parts are ${PARTS.join(', ')}, QMS figures ${QMS_FIGURES.map((f) => `qms.${f}`).join(', ')}`,
    );
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const source = await sourceOffice({
    root,
    dossiers: DOSSIERS,
    years: YEARS,
    seed: SEED,
    reuse: values.reuse,
  });
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
  const found: Found = {
    searchCases: [],
    listCases: [],
    tableSizes: [],
    sqliteVersion: '',
    dossierCount: 0,
  };

  const report = (inProgress: boolean) =>
    writeReport({
      root,
      out: values.out,
      startedAt,
      loadBefore,
      source,
      years: YEARS,
      seed: SEED,
      iterations: ITERATIONS,
      budgetMs: BUDGET_MS,
      minSamples: MIN_SAMPLES,
      figures,
      found,
      startupRuns,
      bundledRuns,
      only: ONLY,
      inProgress,
    });
  /** A figure is logged and written to the results as soon as it is measured. */
  const record = (...measured: Figure[]) => {
    for (const f of measured) {
      figures.push(f);
      logFigure(f);
    }
    report(true);
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

      const desk = await deskSession(backend);

      if (want('desk')) {
        const [desked] = await deskFigures([{ backend, desk, suffix: '' }], TIMING, SEED);
        found.searchCases = desked.searchCases;
        found.listCases = desked.listCases;
        record(...desked.figures);
      }

      // -- dashboard ------------------------------------------------------------------------
      if (want('dashboard')) {
        log('Measuring dashboard.get...');
        const dash = await measure(TIMING, 3, () => desk('dashboard.get', {}));
        record({
          name: 'Dashboard figures (dashboard.get)',
          unit: 'ms',
          summary: summarize(dash),
          target: 100,
          targetText: 'p95 ≤ 100 ms',
        });
      }

      // -- the quality system (issues 8-10) --------------------------------------------------
      if (want('qms')) await qmsFigures(backend, TIMING, record, (f) => want('qms', f));

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
    if (want('plain')) record(...(await plainDeskFigures(source.dir, work, TIMING, SEED)));
    // The floor (and the comparisons with it) whenever receive or a rating was measured.
    if (want('desk') || want('plain') || want('qms', 'rating'))
      record(
        ...comparisonFigures(figures, work, TIMING).filter(
          (f) => f.value === undefined || Number.isFinite(f.value),
        ),
      );

    record({
      name: `Database size (${(found.dossierCount / 1000).toFixed(0)}k dossiers)`,
      unit: 'MB',
      value: sizeMb,
      target: null,
      targetText: 'report',
      note: `${((sizeMb * 1024) / Math.max(1, found.dossierCount)).toFixed(1)} KB per dossier`,
    });

    // -- backend open -----------------------------------------------------------------------
    if (want('open')) {
      log('Measuring backend open...');
      const opens: number[] = [];
      for (let i = 0; i < STARTUP_RUNS; i++) {
        const [t, b] = await timed(open);
        b.close();
        opens.push(t);
      }
      record({
        name: 'Backend open (openBackend on the office)',
        unit: 'ms',
        value: median(opens),
        summary: summarize(opens),
        target: null,
        targetText: 'report (part of start-up)',
        note: `median of ${opens.length}`,
      });
    }

    // -- start-up to the login screen -------------------------------------------------------
    if (!want('startup')) startupNote = 'skipped (--only)';
    else if (values['skip-startup']) startupNote = 'skipped (--skip-startup)';
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
      if (!want('startup')) return;
      if (!runs.length) {
        record({
          name,
          unit: 'ms',
          target,
          targetText: target === null ? 'report' : `median ≤ ${target} ms`,
          note: startupNote ?? 'not measured',
        });
        return;
      }
      record({
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
    record({
      name: `History generation (${(DOSSIERS / 1000).toFixed(0)}k dossiers${source.generatedCached ? ', when the cache was built' : ''})`,
      unit: 'ms',
      value: source.generatedMs,
      target: 180_000,
      targetText: '< 3 min',
    });
  }
  report(false);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
