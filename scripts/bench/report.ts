// The bench's report: the figures table (text to the console, markdown and JSON into
// bench-results/latest.*), the slowest search and list cases and the largest tables.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HISTORY_VERSION } from '../generate-history';
import { HARD_CAP_BUDGETS, log, verdict, type CaseTiming, type Figure } from './figures';
import type { SourceOffice } from './office';
import type { StartupRun } from './startup';
import { markdownTable, ms, textTable } from './stats';

export interface Found {
  searchCases: CaseTiming[];
  listCases: CaseTiming[];
  tableSizes: { name: string; mb: number }[];
  sqliteVersion: string;
  dossierCount: number;
}

export interface ReportInput {
  readonly root: string;
  readonly out: string;
  readonly startedAt: Date;
  readonly loadBefore: number[];
  readonly source: SourceOffice;
  readonly years: number;
  readonly seed: number;
  readonly iterations: number;
  readonly budgetMs: number;
  readonly minSamples: number;
  readonly figures: readonly Figure[];
  readonly found: Found;
  readonly startupRuns: readonly StartupRun[];
  readonly bundledRuns: readonly StartupRun[];
  /** What --only selected ('' for everything). */
  readonly only?: string;
  /** Written after each figure while the run goes on: no console table, marked as partial. */
  readonly inProgress?: boolean;
}

/** One figure as a console line, as soon as it is measured. */
export function logFigure(f: Figure): void {
  const v = f.value ?? f.summary?.p95;
  const shown =
    v === undefined
      ? '–'
      : `${f.unit === 'ms' || f.value === undefined ? ms(v) : v.toFixed(1)} ${f.unit}`;
  const what =
    f.value === undefined && f.summary
      ? `p95 ${shown} (p50 ${ms(f.summary.p50)}, n ${f.summary.n})`
      : shown;
  log(`  → ${f.name}: ${what}; ${f.targetText} ${verdict(f)}`.trimEnd());
}

export function writeReport(r: ReportInput): void {
  const { root, startedAt, loadBefore, source, figures, found, startupRuns, bundledRuns } = r;
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
  const fmt = (f: Figure, v: number | undefined) =>
    v === undefined
      ? '–'
      : f.unit === 'MB'
        ? v.toFixed(0)
        : f.unit === '%' || f.unit === 'x' || f.unit === 'pages'
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

  if (!r.inProgress) {
    log('');
    log(textTable(rows));
    for (const f of figures) if (f.note) log(`  ${f.name}: ${f.note}`);
    log('\nSlowest searches:');
    log(textTable(caseRows(found.searchCases)));
    log('\nSlowest list filters:');
    log(textTable(caseRows(found.listCases)));
  }

  const outDir = path.resolve(root, r.out);
  fs.mkdirSync(outDir, { recursive: true });
  // A partial rerun (--only) keeps the full run's latest.* and writes its own files.
  const base = r.only ? `only-${r.only.replace(/[^a-z0-9.]+/gi, '_')}` : 'latest';
  const result = {
    date: startedAt.toISOString(),
    machine,
    office: {
      origin: source.origin,
      dossiers: found.dossierCount,
      years: r.years,
      seed: r.seed,
      historyVersion: HISTORY_VERSION,
    },
    iterations: r.iterations,
    only: r.only || null,
    complete: !r.inProgress,
    figures: figures.map((f) => ({ ...f, result: verdict(f) || null })),
    searchCases: found.searchCases,
    listCases: found.listCases,
    startupRuns,
    bundledStartupRuns: bundledRuns,
    tableSizesMb: found.tableSizes,
  };
  fs.writeFileSync(path.join(outDir, `${base}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const md = [
    '# ISO Xã benchmark',
    '',
    ...(r.inProgress
      ? [
          `**Partial: the run is in progress or was interrupted; ${figures.length} figures so far.**`,
          '',
        ]
      : []),
    ...(r.only ? [`- Only: ${r.only}`] : []),
    `- Date: ${startedAt.toISOString()}`,
    `- Machine: ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB RAM, ${machine.platform}`,
    `- Node ${machine.node}, SQLite ${machine.sqlite}`,
    `- Load average before/after: ${machine.loadAverage.before.join(' ')} / ${machine.loadAverage.after.join(' ')}`,
    `- Office: ${found.dossierCount.toLocaleString('en-US')} dossiers over ${r.years} years (seed ${r.seed}, history v${HISTORY_VERSION}; ${source.origin})`,
    `- Up to ${r.iterations} iterations per figure after a warm-up (a figure stops after ${r.budgetMs / 1000} s with at least ${r.minSamples} samples, and after ${(r.budgetMs * HARD_CAP_BUDGETS) / 1000} s whatever its n); synchronous=FULL, WAL, exclusive locking as in the app`,
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
  fs.writeFileSync(path.join(outDir, `${base}.md`), md);
  if (!r.inProgress) log(`\nWrote ${path.relative(root, path.join(outDir, base))}.json and .md`);
}
