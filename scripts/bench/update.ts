// `npm run bench:update [-- --size-mb 80 --change 0.5 --seed 20261205 --out bench-results]`
// The differential-download figure of app updates (issue #13 item 4): two installer-sized files
// built like an NSIS installer (scripts/bench/installer-pair.ts), the second differing by
// --change % of its bytes (a version string, two packed files rewritten, one grown, which shifts
// what follows); electron-builder's blockmaps for both; electron-updater's differential
// downloader updating the first into the second from a local server that answers ranges with
// the province route's code. Target: ≤ 10 % of the installer downloaded for a change ≤ 1 %.
// Writes bench-results/update.{json,md}. Quick run: --size-mb 8. Two real builds (two runs of
// npm run dist, say 1.2.0 and 1.2.1): --old release/ISO-Xa-Setup-1.2.0.exe --new <the other>.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeInstallerPair } from './installer-pair';
import { figure, kb, mb, target, writeReport } from './sync-report';
import { measureDifferential } from './update-measure';

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '80' },
    change: { type: 'string', default: '0.5' },
    seed: { type: 'string', default: '20261205' },
    old: { type: 'string' },
    new: { type: 'string' },
    out: { type: 'string', default: 'bench-results' },
  },
});
const SIZE = Math.round(Number(values['size-mb']) * 1024 * 1024);
const CHANGE = Number(values.change) / 100;
const SEED = Number(values.seed);
if (!(SIZE >= 1024 * 1024) || !(CHANGE > 0 && CHANGE <= 0.05) || !Number.isInteger(SEED)) {
  console.error('--size-mb ≥ 1, 0 < --change ≤ 5 (percent), --seed an integer');
  process.exit(2);
}

const startedAt = new Date();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'isoxa-bench-update-'));
try {
  const feed = path.join(work, 'feed');
  const pc = path.join(work, 'pc');
  fs.mkdirSync(feed);
  fs.mkdirSync(pc);
  const oldFile = path.join(feed, 'ISO-Xa-Setup-1.1.0.exe');
  const newFile = path.join(feed, 'ISO-Xa-Setup-1.2.0.exe');
  let t = Date.now();
  const real = values.old && values.new ? { old: values.old, new: values.new } : null;
  if (real) {
    fs.copyFileSync(real.old, oldFile);
    fs.copyFileSync(real.new, newFile);
  }
  const pair = real
    ? {
        oldSize: fs.statSync(oldFile).size,
        newSize: fs.statSync(newFile).size,
        changes: [],
        changedBytes: Number.NaN,
      }
    : makeInstallerPair(oldFile, newFile, SIZE, SEED, CHANGE);
  const built = Date.now() - t;
  t = Date.now();
  const r = await measureDifferential(oldFile, newFile, pc);
  const took = Date.now() - t;
  const changePct = (pair.changedBytes / pair.newSize) * 100;
  const pct = (n: number) => `${((n / r.installerBytes) * 100).toFixed(2)} %`;
  const figures = [
    figure(
      'Installer size (full download)',
      r.installerBytes,
      `${mb(r.installerBytes)} (${r.installerBytes.toLocaleString('en')} B)`,
    ),
    real
      ? figure('Change between the two builds', null, 'real builds: not known')
      : figure(
          'Change between the two builds',
          changePct,
          `${kb(pair.changedBytes)} = ${changePct.toFixed(2)} %`,
          target('≤ 1 %', changePct <= 1),
        ),
    figure(
      'Differential download: bytes served (blocks + blockmaps)',
      r.percent,
      `${mb(r.totalBytes)} = ${r.percent.toFixed(2)} % of ${mb(r.installerBytes)}`,
      target('≤ 10 %', r.percent <= 10),
    ),
    figure(
      'Changed blocks the plan downloads',
      r.planBytes,
      `${kb(r.planBytes)} = ${pct(r.planBytes)} in ${r.downloadRanges} range(s)`,
    ),
    figure('Blockmaps fetched first (new + old)', r.blockMapBytes, kb(r.blockMapBytes)),
    figure(
      'Assembled installer equals the new build (sha512)',
      r.identical ? 1 : 0,
      r.identical ? 'yes' : 'NO',
      target('yes', r.identical),
    ),
  ];
  writeReport(
    {
      name: 'update',
      title: 'ISO Xã app update benchmark (differential download)',
      startedAt,
      setup: [
        ...(real
          ? [`Real builds: ${real.old} → ${real.new} (${mb(pair.oldSize)} → ${mb(pair.newSize)})`]
          : [
              `Installers: ${mb(pair.oldSize)} → ${mb(pair.newSize)}, seed ${SEED}, built in ${(built / 1000).toFixed(1)} s: a 160 KB stub and non-solid incompressible packed files, as electron-builder's NSIS package with differentialPackage: store-asar (electron-builder.yml)`,
              `Change: ${pair.changes.map((c) => `${c.kind} ${c.length < 1024 ? `${c.length} B` : kb(c.length)} at ${mb(c.offset)}`).join('; ')}`,
            ]),
        "Blockmaps: electron-builder's own generator (app-builder-lib buildBlockMap, gzip, as `npm run dist` writes them)",
        "Download: electron-updater's GenericDifferentialDownloader (plan: computeOperations) against a local server answering ranges with server/http/ranges.ts, every byte counted",
        `Measured in ${(took / 1000).toFixed(1)} s`,
      ],
      figures,
      notes: [
        `The office PC downloads ${pct(r.totalBytes)} of the installer instead of 100 % (${mb(r.totalBytes)} instead of ${mb(r.installerBytes)}).`,
      ],
      details: { pair, result: { ...r, downloads: r.downloads.slice(0, 50) } },
    },
    values.out,
  );
  console.log(
    `\nDifferential update: ${mb(r.totalBytes)} downloaded of a ${mb(r.installerBytes)} installer = ${r.percent.toFixed(2)} % (${real ? 'real builds' : `change ${changePct.toFixed(2)} %`}, target ≤ 10 %)`,
  );
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
