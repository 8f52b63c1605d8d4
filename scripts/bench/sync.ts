// `npm run bench:sync [-- --ops 50000 --throttle-ops N --offices 100 --ingest-ops 2000
//   --pace 5000 --feed-rows 100000 --pull-cache-mib N --cut-during request|response
//   --skip-throttle --skip-cut --skip-ingest --skip-memory --qms-offices 3300 --qms-dossiers 1000
//   --skip-qms --seed 1 --out bench-results]`
// Benchmarks sync against the issue's targets, on PostgreSQL (ISOXA_TEST_PG_URL): draining an
// office's 30-day backlog over loopback and over a 256 kbit/s, 300 ms RTT line (and once more
// with a cut in the middle), 100 offices pushing at once, and the client's memory while it
// pulls a 100,000-entry catalog feed. Prints each figure with its target and PASS/MISS and
// writes bench-results/sync.{json,md}. Quick version: --ops 5000 --offices 20 --skip-throttle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_BATCH_BYTES } from '../../services/sync/push';
import { summarize } from './stats';
import { buildBacklog } from './sync-backlog';
import type { LineOptions } from './sync-proxy';
import {
  checkHeld,
  drainFigures,
  figure,
  kb,
  mb,
  MB,
  seconds,
  target,
  writeReport,
  type Figure,
} from './sync-report';
import { bundleClient, drain, ingest, pullMemory } from './sync-scenarios';
import { qmsDashboard } from './sync-qms';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '50000' },
    'throttle-ops': { type: 'string' },
    offices: { type: 'string', default: '100' },
    'ingest-ops': { type: 'string', default: '2000' },
    pace: { type: 'string', default: '5000' },
    'feed-rows': { type: 'string', default: '100000' },
    'pull-cache-mib': { type: 'string' },
    'cut-during': { type: 'string', default: 'request' },
    'skip-throttle': { type: 'boolean', default: false },
    'skip-cut': { type: 'boolean', default: false },
    'skip-ingest': { type: 'boolean', default: false },
    'skip-memory': { type: 'boolean', default: false },
    'qms-offices': { type: 'string', default: '3300' },
    'qms-dossiers': { type: 'string', default: '1000' },
    'skip-qms': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench-results' },
  },
});
const OPS = Number(values.ops);
const THROTTLE_OPS = Math.min(OPS, Number(values['throttle-ops'] ?? OPS));
const OFFICES = Number(values.offices);
const INGEST_OPS = Number(values['ingest-ops']);
const PACE = Number(values.pace);
const FEED_ROWS = Number(values['feed-rows']);
const CACHE_MIB = values['pull-cache-mib'] ? Number(values['pull-cache-mib']) : null;
const CUT_DURING = values['cut-during'] === 'response' ? 'response' : 'request';
/** 256 kbit/s each way, 150 ms each way (300 ms round trip). */
const LINE_BYTES_PER_S = 256_000 / 8;
const SLOW: LineOptions = { bytesPerSecond: LINE_BYTES_PER_S, oneWayDelayMs: 150 };
const LOOPBACK: LineOptions = { bytesPerSecond: null, oneWayDelayMs: 0 };

const log = (line: string) => console.log(line);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

async function main(): Promise<void> {
  const startedAt = new Date();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-bench-sync-'));
  const figures: Figure[] = [];
  const notes: string[] = [];
  const details: Record<string, unknown> = {};
  try {
    log(`Building a ${OPS.toLocaleString('en-US')}-op backlog (history + outbox replay)...`);
    const template = path.join(work, 'template');
    const backlog = await buildBacklog(template, OPS, Number(values.seed));
    const days = (backlog.lastAt - backlog.firstAt) / 86_400_000;
    details.backlog = backlog;
    const bench = { work, template, client: await bundleClient(work) };
    const setup = [
      `Backlog: ${backlog.ops.toLocaleString('en-US')} ops (${Object.entries(backlog.byEntity)
        .map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`)
        .join(
          ', ',
        )}) from ${backlog.actions.toLocaleString('en-US')} desk actions on ${backlog.dossiers.toLocaleString('en-US')} dossiers over ${days.toFixed(1)} days; ${mb(backlog.rowBytes)} of row JSON; built in ${seconds(backlog.buildMs)}`,
      'Server: buildApp on a fresh PostgreSQL database per scenario (pool 20, production limits except enrollment rate), 127.0.0.1; office client in a child process (an esbuild bundle on plain node, as the desktop runs it)',
    ];

    log('Draining it over loopback...');
    const fast = await drain(bench, 'loopback', OPS, LOOPBACK);
    details.loopback = fast;
    figures.push(
      ...drainFigures('Backlog drain, loopback', fast, 'loopback through a counting proxy'),
    );
    figures.push(checkHeld('Backlog drain, loopback', fast));

    if (values['skip-throttle']) notes.push('Throttled drain and cut: skipped (--skip-throttle).');
    else {
      log(`Draining ${THROTTLE_OPS.toLocaleString('en-US')} ops over 256 kbit/s, 300 ms RTT...`);
      const slow = await drain(bench, 'throttled', THROTTLE_OPS, SLOW);
      details.throttled = slow;
      figures.push(
        ...drainFigures(
          'Backlog drain, 256 kbit/s 300 ms RTT',
          slow,
          'token bucket 32,000 B/s per direction, 150 ms each way',
        ),
      );
      const limitMs = (sum(slow.pushes) / LINE_BYTES_PER_S) * 1000;
      notes.push(
        THROTTLE_OPS < OPS
          ? `Throttled runs drain the oldest ${THROTTLE_OPS.toLocaleString('en-US')} ops of the backlog (--throttle-ops).`
          : `Throttled runs drain the whole backlog: ${mb(sum(slow.pushes))} of gzip pushes need ${seconds(limitMs)} at 32,000 B/s, so both runs fit in ~${Math.ceil((2.2 * limitMs) / 60_000)} min; --throttle-ops N drains only the oldest N ops.`,
      );
      const ratio = slow.ms / limitMs;
      figures.push(
        figure(
          'Throttled drain vs the line limit (gzip push bytes / bandwidth)',
          ratio,
          `${ratio.toFixed(2)}× (limit ${seconds(limitMs)})`,
          target('≤ 1.25×', ratio <= 1.25),
          `limit = ${mb(sum(slow.pushes))} of gzip push bodies at 32,000 B/s; all wire bytes (${mb(slow.up + slow.down)}) would take ${seconds(((slow.up + slow.down) / LINE_BYTES_PER_S) * 1000)}`,
        ),
      );
      figures.push(checkHeld('Backlog drain, throttled', slow));

      if (values['skip-cut']) notes.push('Cut run: skipped (--skip-cut).');
      else {
        log(`Once more, with the connection cut mid-${CUT_DURING} at 40% of the upload...`);
        const cut = await drain(bench, 'cut', THROTTLE_OPS, SLOW, {
          upBytes: Math.round(slow.up * 0.4),
          during: CUT_DURING,
        });
        details.cut = cut;
        const resent = cut.up - slow.up;
        const meanBatch = sum(slow.pushes) / Math.max(1, slow.pushes.length);
        figures.push(
          figure(
            'Bytes re-sent after a cut (extra upload vs the clean run)',
            resent,
            kb(resent),
            target(`≤ one batch (${kb(MAX_BATCH_BYTES)})`, resent <= MAX_BATCH_BYTES),
            `${(resent / meanBatch).toFixed(2)} of a mean batch (${kb(meanBatch)}); cut ${cut.cut ? `mid-${cut.cut.during} with ${kb(cut.cut.requestBytes)} of that request and ${kb(cut.cut.responseBytes)} of its answer across` : 'did not happen'}; ${cut.runs.length} syncs (${cut.runs.filter((r) => !r.ok).length} failed); wall ${seconds(cut.ms)}; ${mb(cut.down - slow.down)} extra download`,
          ),
        );
        figures.push(checkHeld('Backlog drain with a cut', cut));
      }
    }

    if (values['skip-ingest']) notes.push('Ingest: skipped (--skip-ingest).');
    else {
      log(`${OFFICES} offices pushing ${INGEST_OPS.toLocaleString('en-US')} ops each at once...`);
      const r = await ingest(bench, OFFICES, INGEST_OPS, PACE);
      // Latencies as summaries: the raw samples would swamp sync.json.
      const brief = (x: Record<string, unknown>) =>
        Array.isArray(x.latencies) ? { ...x, latencies: summarize(x.latencies as number[]) } : x;
      details.ingest = { saturated: brief(r.saturated), paced: brief(r.paced) };
      const sat = r.saturated as {
        ops: number;
        wallMs: number;
        latencies: number[];
        meanBatch: number;
        failures: object;
        applied: number;
      };
      const rate = sat.applied / (sat.wallMs / 1000);
      const s = summarize(sat.latencies);
      figures.push(
        figure(
          `Server ingest, ${OFFICES} offices pushing back to back`,
          rate,
          `${Math.round(rate).toLocaleString('en-US')} ops/s`,
          target('≥ 5,000 ops/s', rate >= 5000),
          `${sat.applied.toLocaleString('en-US')} ops applied in ${seconds(sat.wallMs)}; ${sat.meanBatch.toFixed(0)} ops per push; request latency p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms (a closed loop: ${OFFICES} requests always in flight); failures ${JSON.stringify(sat.failures)}`,
        ),
      );
      if (PACE > 0) {
        const paced = r.paced as typeof sat & { periodMs: number };
        const p = summarize(paced.latencies);
        const pacedRate = paced.applied / (paced.wallMs / 1000);
        figures.push(
          figure(
            `Push latency p95, ${OFFICES} offices at ${PACE.toLocaleString('en-US')} ops/s offered`,
            p.p95,
            `${p.p95.toFixed(0)} ms (p50 ${p.p50.toFixed(0)})`,
            target('≤ 250 ms', p.p95 <= 250),
            `${paced.meanBatch.toFixed(0)}-op pushes arriving as one Poisson stream of ${PACE.toLocaleString('en-US')} ops/s, dealt to the offices in turn (one every ${seconds(paced.periodMs)} per office on average); achieved ${Math.round(pacedRate).toLocaleString('en-US')} ops/s; max ${p.max.toFixed(0)} ms; failures ${JSON.stringify(paced.failures)}`,
          ),
        );
      }
    }

    if (values['skip-memory']) notes.push('Client memory: skipped (--skip-memory).');
    else {
      log(`Publishing a ${FEED_ROWS.toLocaleString('en-US')}-entry catalog feed and pulling it...`);
      const r = await pullMemory(bench, FEED_ROWS, CACHE_MIB);
      details.memory = r;
      const memory = r.memory as {
        peak: { heapUsed: number; heapTotal: number };
        peakRss: number;
        exact: boolean;
        samples: number;
      };
      const before = r.before as { rss: number };
      const peakRss = memory.peakRss;
      const runs = r.runs as { pulled: number }[];
      const pulled = sum(runs.map((x) => x.pulled));
      // A pull cut short (a refusal, a rate limit) would measure less work than asked.
      const complete = pulled >= FEED_ROWS;
      if (!complete)
        notes.push(
          `Pull INCOMPLETE: ${pulled} of ${FEED_ROWS} entries; errors: ${[...new Set(runs.map((x) => (x as { error?: string }).error).filter(Boolean))].join(' | ')}`,
        );
      const cache = Number(r.cacheSize);
      const cacheText = cache < 0 ? mb(-cache * 1024) : `${cache} pages`;
      const pullNote = `SQLite page cache up to ${cacheText} (${CACHE_MIB === null ? 'db/open.ts' : '--pull-cache-mib'}); ${pulled.toLocaleString('en-US')} entries (${String(r.procedures)} procedures in the office) in ${seconds(r.ms as number)}, ${mb(r.down)} down; feed ${mb(r.feedBytes)} in PostgreSQL, published in ${seconds(r.publishMs)}`;
      figures.push(
        figure(
          `Client peak RSS, pulling a ${FEED_ROWS.toLocaleString('en-US')}-entry catalog feed`,
          peakRss,
          mb(peakRss),
          target('≤ 200 MB', complete && peakRss <= 200 * MB),
          `${mb(before.rss)} before the pull; ${memory.exact ? 'kernel peak (VmHWM, reset at the start) and' : ''} ${memory.samples} samples; ${pullNote}`,
        ),
        figure(
          'Client peak JS heap during the pull',
          memory.peak.heapUsed,
          mb(memory.peak.heapUsed),
          target('≤ 200 MB', complete && memory.peak.heapUsed <= 200 * MB),
          `heap reserved (heapTotal) at most ${mb(memory.peak.heapTotal)}; young generation ${mb(Number(r.newSpace))} at the end (services/heap.ts)`,
        ),
      );
    }
    if (values['skip-qms']) notes.push('Province quality-system table: skipped (--skip-qms).');
    else {
      const n = Number(values['qms-offices']);
      log(`Province quality-system table at ${n.toLocaleString('en-US')} offices...`);
      const q = await qmsDashboard(n, Number(values['qms-dossiers']));
      details.qms = q;
      const warm = Math.max(...q.warmMs);
      figures.push(
        figure(
          `Province quality-system table, ${n.toLocaleString('en-US')} offices (kept figures)`,
          warm,
          `${warm.toFixed(0)} ms`,
          target('≤ 1 s', warm <= 1000),
          `worst of 5 reads with every office's figures kept; ${q.rows.toLocaleString('en-US')} entity rows; computing every office cold ${seconds(q.coldMs)}, after one office pushed ${q.oneStaleMs.toFixed(0)} ms; data built in ${seconds(q.buildMs)}`,
        ),
        figure(
          `Province quality-system table, read after all ${n.toLocaleString('en-US')} offices pushed`,
          q.afterAllPushedMs,
          `${q.afterAllPushedMs.toFixed(0)} ms`,
          target('≤ 1 s', q.afterAllPushedMs <= 1000),
          `each office's row computed again in the background after its push (server/province/qms-refresh.ts; all of them drained in ${seconds(q.refreshDrainMs)}, off the request path); without the refresh the same read computes every office: ${seconds(q.afterAllPushedNoRefreshMs)}`,
        ),
        figure(
          `Overview of offices' figures, ${n.toLocaleString('en-US')} offices (kept rows)`,
          q.officesKeptMs,
          `${q.officesKeptMs.toFixed(0)} ms`,
          target('kept ≤ the scan', q.officesKeptMs <= q.officesScanMs),
          `office_figures read with nothing pushed since (server/province/office-figures.ts); the former scan of every dossier, record and op ${q.officesScanMs.toFixed(0)} ms; computing every office's row cold ${q.officesKeptColdMs.toFixed(0)} ms`,
        ),
      );
    }
    writeReport({ startedAt, setup, figures, notes, details }, path.resolve(values.out));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
