// What encryption costs: the desk figures on a decrypted copy of the office and on the same
// copy encrypted again, interleaved sample by sample in one process; the floor (a bare 6-row
// synchronous=FULL WAL transaction on the same disk); and the comparisons: receive p95 / floor
// p95 (target 3x) and the encryption cost per desk figure (target 15 %).
//
// Why a re-encrypted copy and not the office itself: decrypting rewrites the whole file (the
// page layout changes with the bytes the cipher reserves per page for its nonce and tag, so SQLite3 Multiple Ciphers
// rebuilds it like VACUUM): its indexes come out packed full and defragmented, which alone made
// receive 9 % and list pages 8 % cheaper in CPU than on the office as generated. Encrypting that
// copy again rebuilds it the same way, so the two sides differ only by the encryption. They are
// measured together (warm-up, JIT, page cache, machine load and order the same for both).
import path from 'node:path';
import { Database, openSqlite, rekey, WAL_AUTOCHECKPOINT_PAGES } from '../../db/open';
import { openBackend } from '../../services/app';
import { DB_FILE_NAME } from '../../services/backup';
import { keyringFor } from '../../services/security/keyring';
import { deskFigures, RECEIVE_PAGES } from './desk-figures';
import { deskSession, log, type Figure, type Timing } from './figures';
import { ms, summarize } from './stats';
import { copyOffice } from './sync-backlog';

export const PLAIN = ' — without encryption';
export const ENCRYPTED = ' — with encryption (same layout)';
const RECEIVE = 'Receive a dossier (dossiers.receive)';
const COMPARED = [
  ['receive', RECEIVE],
  ['search', 'Search by folded name (dossiers.list query)'],
  ['list', 'Filtered list page (status/procedure/dates, pages 1-5)'],
] as const;

/** A plain (unencrypted) copy of an office, for the figures without encryption. */
export function decryptedCopy(from: string, to: string): void {
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

/** A bare database beside the office: WAL, synchronous=FULL, checkpoints as the app's. */
function bareDatabase(file: string) {
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // Checkpoints as often as the app's commits do (db/open.ts), not SQLite's default 1,000.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
  return sqlite;
}

/** Wall time of each of t.iterations runs of `run`, after t.warmup untimed ones. */
function timeRuns(t: Timing, run: () => void): number[] {
  for (let i = 0; i < t.warmup; i++) run();
  const samples: number[] = [];
  for (let i = 0; i < t.iterations; i++) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** The floor: what a bare 6-row transaction costs on this disk (WAL, synchronous=FULL). */
export function measureFloor(dir: string, t: Timing): number[] {
  const sqlite = bareDatabase(path.join(dir, 'floor.sqlite'));
  try {
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
    const six = sqlite.transaction(() => {
      for (let i = 0; i < 6; i++) insert.run('x'.repeat(200), i);
    });
    return timeRuns(t, six);
  } finally {
    sqlite.close();
  }
}

/** Rows 4 KB apart and more: updating one changes one leaf page and nothing else. */
const PAGE_FLOOR_STRIDE = 64;
const PAGE_FLOOR_ROWS = 50_000;

/**
 * A bare transaction that changes `pages` existing pages of one table and nothing else (rows
 * of 180 bytes updated in place, PAGE_FLOOR_STRIDE rows apart): what writing as many pages as
 * a receive does costs on this disk, without any application or index work. Also returns the
 * WAL frames one such transaction wrote (a check that it wrote `pages`).
 */
export function measurePageFloor(
  dir: string,
  t: Timing,
  pages: number,
): { samples: number[]; frames: number } {
  const sqlite = bareDatabase(path.join(dir, 'page-floor.sqlite'));
  try {
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO t (a) VALUES (?)');
    sqlite.transaction(() => {
      for (let i = 0; i < PAGE_FLOOR_ROWS; i++) insert.run('a'.repeat(180));
    })();
    const update = sqlite.prepare('UPDATE t SET a = ? WHERE id = ?');
    const span = pages * PAGE_FLOOR_STRIDE;
    let round = 0;
    const write = sqlite.transaction(() => {
      const start = 1 + ((round * 7919) % (PAGE_FLOOR_ROWS - span));
      const text = String.fromCharCode(98 + (round % 20)).repeat(180);
      for (let j = 0; j < pages; j++) update.run(text, start + j * PAGE_FLOOR_STRIDE);
      round++;
    });
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    write();
    const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    return { samples: timeRuns(t, write), frames: row?.log ?? NaN };
  } finally {
    sqlite.close();
  }
}

/** A copy of a plain office copy encrypted again with the office's key (same layout). */
export function reencryptedCopy(from: string, to: string): void {
  copyOffice(from, to);
  const sqlite = openSqlite(path.join(to, DB_FILE_NAME), null);
  try {
    sqlite.pragma('journal_mode = DELETE');
    rekey(sqlite, keyringFor(to).dbKey());
  } finally {
    sqlite.close();
  }
}

/**
 * The desk figures without and with encryption: a decrypted copy of the office at `sourceDir`
 * and the same copy encrypted again, made under `workDir`, measured interleaved.
 */
export async function plainDeskFigures(
  sourceDir: string,
  workDir: string,
  t: Timing,
  seed: number,
): Promise<Figure[]> {
  log('Measuring the same without and with encryption (a decrypted copy, encrypted again)...');
  const plainDir = path.join(workDir, 'plain');
  const encryptedDir = path.join(workDir, 'reencrypted');
  decryptedCopy(sourceDir, plainDir);
  reencryptedCopy(plainDir, encryptedDir);
  const open = (dataDir: string, plainDatabase: boolean) =>
    openBackend({
      dataDir,
      plainDatabase,
      platform: { kind: 'test', appVersion: 'bench' },
      backupDelayMs: 24 * 3600_000,
    });
  const plain = await open(plainDir, true);
  try {
    const encrypted = await open(encryptedDir, false);
    try {
      const sides = [
        { backend: encrypted, desk: await deskSession(encrypted), suffix: ENCRYPTED },
        { backend: plain, desk: await deskSession(plain), suffix: PLAIN },
      ];
      return (await deskFigures(sides, t, seed)).flatMap((d) => d.figures);
    } finally {
      encrypted.close();
    }
  } finally {
    plain.close();
  }
}

/**
 * The same bare transaction writing as many pages as a receive (the figure RECEIVE_PAGES):
 * how much of a receive is the number of pages it changes, and how much the work around them.
 */
function pageFloorFigures(dir: string, t: Timing, pages: number): Figure[] {
  log(`Measuring a bare transaction changing ${pages} pages (a receive's count)...`);
  const { samples, frames } = measurePageFloor(dir, t, pages);
  return [
    {
      name: `Bare transaction changing ${pages} pages (as many as a receive), synchronous=FULL`,
      unit: 'ms',
      summary: summarize(samples),
      target: null,
      targetText: 'report',
      note: `one such transaction wrote ${frames} WAL frames`,
    },
    {
      name: `Receive p95 / that transaction's p95`,
      unit: 'x',
      target: null,
      targetText: 'report',
    },
  ];
}

/** The floor, receive p95 / floor p95 and the encryption cost of each desk figure. */
export function comparisonFigures(figures: readonly Figure[], dir: string, t: Timing): Figure[] {
  log('Measuring the floor (a bare 6-row synchronous=FULL transaction on the same disk)...');
  const floor = summarize(measureFloor(dir, t));
  const find = (name: string) => figures.find((f) => f.name === name);
  const p95Of = (name: string) => find(name)?.summary?.p95 ?? NaN;
  const cpuOf = (name: string) => find(name)?.cpu?.mean ?? NaN;
  const pct = (a: number, b: number) => (a / b - 1) * 100;
  const receivePages = Math.round(find(RECEIVE_PAGES)?.value ?? NaN);
  const pageFloor = Number.isFinite(receivePages) ? pageFloorFigures(dir, t, receivePages) : [];
  return [
    {
      name: 'Floor: bare 6-row transaction, WAL, synchronous=FULL',
      unit: 'ms',
      summary: floor,
      target: null,
      targetText: 'report',
    },
    {
      name: 'Receive p95 / floor p95',
      unit: 'x',
      value: p95Of(RECEIVE) / floor.p95,
      target: 3,
      targetText: '≤ 3×',
    },
    ...pageFloor.map((f) =>
      f.summary
        ? f
        : { ...f, value: p95Of(RECEIVE) / (pageFloor[0]?.summary?.p95 ?? NaN), target: null },
    ),
    ...COMPARED.map(([label, name]): Figure => ({
      name: `Encryption cost on ${label} p95`,
      unit: '%',
      value: pct(p95Of(`${name}${ENCRYPTED}`), p95Of(`${name}${PLAIN}`)),
      target: 15,
      targetText: '≤ 15 %',
      // On a loaded machine the wall clock mostly measures the other processes; CPU time does not.
      note: `CPU time per operation, mean: ${ms(cpuOf(`${name}${ENCRYPTED}`))} vs ${ms(cpuOf(`${name}${PLAIN}`))} ms (${pct(cpuOf(`${name}${ENCRYPTED}`), cpuOf(`${name}${PLAIN}`)).toFixed(1)} %)`,
    })),
  ];
}
