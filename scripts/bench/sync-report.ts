// The sync benchmark's report: each figure with its target and PASS/MISS (a miss never fails
// the run), printed as a table and written to bench-results/sync.{json,md} (the update
// benchmark writes update.{json,md} the same way).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { markdownTable, textTable } from './stats';
import type { DrainResult } from './sync-scenarios';

export interface Figure {
  readonly name: string;
  readonly value: number | null;
  /** How the value is shown, with its unit. */
  readonly text: string;
  readonly targetText: string;
  /** null: reported, no target. */
  readonly pass: boolean | null;
  readonly note?: string;
}

export const MB = 1024 * 1024;
export const mb = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 2 : 1)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

export const figure = (
  name: string,
  value: number | null,
  text: string,
  target: { text: string; pass: boolean | null } = { text: 'report', pass: null },
  note?: string,
): Figure => ({
  name,
  value,
  text,
  targetText: target.text,
  pass: value === null ? null : target.pass,
  ...(note ? { note } : {}),
});

export const target = (text: string, pass: boolean) => ({ text, pass });
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Wall time and bytes of one backlog drain. */
export function drainFigures(label: string, r: DrainResult, line: string): Figure[] {
  const body = sum(r.pushes);
  return [
    figure(
      `${label}: wall time (${r.ops.toLocaleString('en-US')} ops)`,
      r.ms,
      seconds(r.ms),
      undefined,
      `${Math.round(r.ops / (r.ms / 1000)).toLocaleString('en-US')} ops/s; ${r.pushes.length} pushes of ${kb(body / Math.max(1, r.pushes.length))} gzip on average (largest ${kb(Math.max(0, ...r.pushes))}); ${r.connections} connection(s); ${line}; client peak RSS ${mb(r.clientPeakRss)}`,
    ),
    figure(
      `${label}: bytes on the wire (up + down)`,
      r.up + r.down,
      `${mb(r.up)} + ${mb(r.down)}`,
      undefined,
      `${(r.up / r.ops).toFixed(0)} B/op up (push bodies ${mb(body)}), ${(r.down / r.ops).toFixed(0)} B/op down`,
    ),
  ];
}

export function checkHeld(label: string, r: DrainResult): Figure {
  const ok = r.held === r.ops && r.heldDistinct === r.ops;
  return figure(
    `${label}: server holds every op once`,
    r.heldDistinct,
    `${r.heldDistinct.toLocaleString('en-US')} / ${r.ops.toLocaleString('en-US')}`,
    target('all, none twice', ok),
    ok ? undefined : `${r.held} rows, ${r.heldDistinct} distinct`,
  );
}

const verdict = (f: Figure) => (f.pass === null ? '' : f.pass ? 'PASS' : 'MISS');

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
  };
}

export interface Report {
  readonly startedAt: Date;
  readonly setup: readonly string[];
  readonly figures: readonly Figure[];
  readonly notes: readonly string[];
  readonly details: Record<string, unknown>;
  /** The files' base name and the heading (default: sync, the sync benchmark). */
  readonly name?: string;
  readonly title?: string;
}

export function writeReport(report: Readonly<Report>, outDir: string): void {
  const rows = [
    ['Figure', 'value', 'target', 'result'],
    ...report.figures.map((f) => [f.name, f.text, f.targetText, verdict(f)]),
  ];
  const notes = [
    ...report.figures.filter((f) => f.note).map((f) => `${f.name}: ${f.note}`),
    ...report.notes,
  ];
  const m = machine();
  console.log('');
  console.log(textTable(rows));
  for (const n of notes) console.log(`  - ${n}`);

  fs.mkdirSync(outDir, { recursive: true });
  const json = {
    date: report.startedAt.toISOString(),
    machine: m,
    setup: report.setup,
    figures: report.figures.map((f) => ({ ...f, result: verdict(f) || null })),
    notes,
    details: report.details,
  };
  const name = report.name ?? 'sync';
  fs.writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  const md = [
    `# ${report.title ?? 'ISO Xã sync benchmark'}`,
    '',
    `- Date: ${report.startedAt.toISOString()}`,
    `- Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB RAM, ${m.platform}, Node ${m.node}`,
    `- Load average after: ${m.loadAverage.join(' ')}`,
    ...report.setup.map((s) => `- ${s}`),
    '',
    markdownTable(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  fs.writeFileSync(path.join(outDir, `${name}.md`), md);
  console.log(
    `\nWrote ${path.relative(process.cwd(), path.join(outDir, `${name}.json`))} and ${name}.md`,
  );
}
