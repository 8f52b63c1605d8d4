// The sync benchmark's measurements, each on a province (real server, fresh PostgreSQL
// database) of its own, with the office side in a child process: sync-client.ts, bundled.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { build } from 'esbuild';
import { procedureCatalogSchema } from '../../core/catalog/schema';
import { publishFeed } from '../../server/sync/feed';
import { copyOffice, emptyOutbox } from './sync-backlog';
import { startChild, type Result } from './sync-child';
import { startLineProxy, type CutReport, type LineOptions } from './sync-proxy';
import { agencyCodeOf, startProvince, type Province } from './sync-server';

/** Where a run works: its scratch folder, the backlog office, the bundled client. */
export interface Bench {
  readonly work: string;
  readonly template: string;
  readonly client: string;
}

/**
 * Bundles sync-client.ts with esbuild, as the desktop's main process is bundled: the office
 * process then runs on plain node, without tsx's loader and its transpiled sources (which
 * would count in the memory figure).
 */
export async function bundleClient(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'sync-client.cjs');
  await build({
    entryPoints: ['scripts/bench/sync-client.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3', 'better-sqlite3-multiple-ciphers', 'exceljs', 'esbuild'],
    logLevel: 'warning',
  });
  return outfile;
}

let officeNo = 0;
const newOffice = (p: Province) => p.office(agencyCodeOf(officeNo++), `UBND xã Đo ${officeNo}`);

async function count(p: Province, query: ReturnType<typeof sql>): Promise<number> {
  const result = await p.database.db.execute(query);
  return Number((result as { rows: { n: string }[] }).rows[0]?.n ?? 0);
}

export interface DrainResult {
  readonly ops: number;
  readonly ms: number;
  readonly up: number;
  readonly down: number;
  readonly connections: number;
  /** gzip bodies of the push requests, as the client built them. */
  readonly pushes: readonly number[];
  readonly runs: readonly { ok: boolean; ms: number; error?: string }[];
  /** Ops the server holds for the device, and how many distinct op ids among them. */
  readonly held: number;
  readonly heldDistinct: number;
  readonly cut: CutReport | null;
  readonly clientPeakRss: number;
}

/** One office drains `keepOps` ops of the template's backlog through the line. */
export async function drain(
  { work, template, client }: Bench,
  label: string,
  keepOps: number,
  line: LineOptions,
  cut: { upBytes: number; during: 'request' | 'response' } | null = null,
): Promise<DrainResult> {
  const province = await startProvince(label);
  const proxy = await startLineProxy(province.port, line);
  try {
    const dir = path.join(work, label);
    copyOffice(template, dir);
    const { code } = await newOffice(province);
    const child = startChild(client, 'drain', {
      'data-dir': dir,
      'enroll-url': province.url,
      'server-url': proxy.url,
      code,
      'keep-ops': keepOps,
    });
    const info = await child.ready;
    proxy.reset();
    let cutReport: CutReport | null = null;
    if (cut) void proxy.cutOnce(cut.upBytes, cut.during).then((c) => (cutReport = c));
    const r = await child.go();
    fs.rmSync(dir, { recursive: true, force: true });
    return {
      ops: info.pending ?? 0,
      ms: r.ms as number,
      up: proxy.bytes.up,
      down: proxy.bytes.down,
      connections: proxy.connections,
      pushes: r.pushes as number[],
      runs: r.runs as DrainResult['runs'],
      held: await count(province, sql`select count(*) as n from ops`),
      heldDistinct: await count(province, sql`select count(distinct op_id) as n from ops`),
      cut: cutReport,
      clientPeakRss: (r.memory as { peakRss: number }).peakRss,
    };
  } finally {
    await proxy.close();
    await province.close();
  }
}

/** `offices` offices push `opsPerOffice` ops each at once: closed loop, then paced. */
export async function ingest(
  { work, template, client }: Bench,
  offices: number,
  opsPerOffice: number,
  paceOpsPerSecond: number,
): Promise<{ saturated: Result; paced: Result }> {
  const province = await startProvince('ingest');
  try {
    const phase = async (pace: number) => {
      const codes = [];
      for (let i = 0; i < offices; i++) codes.push(await newOffice(province));
      const file = path.join(work, `codes-${pace}.json`);
      fs.writeFileSync(file, JSON.stringify(codes));
      const child = startChild(client, 'ingest', {
        'server-url': province.url,
        codes: file,
        template,
        ops: opsPerOffice,
        'pace-ops-per-s': pace,
      });
      await child.ready;
      return child.go();
    };
    const saturated = await phase(0);
    const paced = paceOpsPerSecond > 0 ? await phase(paceOpsPerSecond) : {};
    return { saturated, paced };
  } finally {
    await province.close();
  }
}

/** The seeded catalog's procedures, renumbered into `rows` distinct ones (9.000000 on). */
function catalogEntries(resources: string, from: number, n: number) {
  const file = path.join(resources, 'catalog', 'procedures.json');
  const base = procedureCatalogSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).procedures;
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const p = base[i % base.length];
    const code = `9.${String(i).padStart(6, '0')}`;
    return {
      kind: 'catalog' as const,
      key: code,
      version: 1,
      body: { ...p, code, name: `${p.name} (${code})` },
    };
  });
}

/** The province publishes a `rows`-entry catalog feed; a fresh office pulls all of it. */
export async function pullMemory(
  { work, template, client }: Bench,
  rows: number,
  cacheMib: number | null,
): Promise<Result & { publishMs: number; feedBytes: number; down: number }> {
  const province = await startProvince('feed');
  const proxy = await startLineProxy(province.port);
  try {
    const t0 = performance.now();
    for (let i = 0; i < rows; i += 5000) {
      const entries = catalogEntries(path.resolve('resources'), i, Math.min(5000, rows - i));
      await publishFeed(province.database.db, entries, province.userId, Date.now());
    }
    const publishMs = performance.now() - t0;
    const feedBytes = await count(province, sql`select sum(pg_column_size(body)) as n from feed`);
    const dir = path.join(work, 'pull');
    copyOffice(template, dir);
    emptyOutbox(dir); // an office that has sent everything: it only receives
    const { code } = await newOffice(province);
    const child = startChild(client, 'pull', {
      'data-dir': dir,
      'enroll-url': province.url,
      'server-url': proxy.url,
      code,
      ...(cacheMib === null ? {} : { 'cache-mib': cacheMib }),
    });
    await child.ready;
    proxy.reset();
    const r = await child.go();
    fs.rmSync(dir, { recursive: true, force: true });
    return { ...r, publishMs, feedBytes, down: proxy.bytes.down };
  } finally {
    await proxy.close();
    await province.close();
  }
}
