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
import { Database, openSqlite, rekey } from '../../db/open';
import { openBackend } from '../../services/app';
import { DB_FILE_NAME } from '../../services/backup';
import { keyringFor } from '../../services/security/keyring';
import { deskFigures } from './desk-figures';
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

/** The floor: what a bare 6-row transaction costs on this disk (WAL, synchronous=FULL). */
export function measureFloor(dir: string, t: Timing): number[] {
  const sqlite = new Database(path.join(dir, 'floor.sqlite'));
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b INTEGER NOT NULL)');
    const insert = sqlite.prepare('INSERT INTO t (a, b) VALUES (?, ?)');
    const six = sqlite.transaction(() => {
      for (let i = 0; i < 6; i++) insert.run('x'.repeat(200), i);
    });
    for (let i = 0; i < t.warmup; i++) six();
    const samples: number[] = [];
    for (let i = 0; i < t.iterations; i++) {
      const t0 = performance.now();
      six();
      samples.push(performance.now() - t0);
    }
    return samples;
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

/** The floor, receive p95 / floor p95 and the encryption cost of each desk figure. */
export function comparisonFigures(figures: readonly Figure[], dir: string, t: Timing): Figure[] {
  log('Measuring the floor (a bare 6-row synchronous=FULL transaction on the same disk)...');
  const floor = summarize(measureFloor(dir, t));
  const find = (name: string) => figures.find((f) => f.name === name);
  const p95Of = (name: string) => find(name)?.summary?.p95 ?? NaN;
  const cpuOf = (name: string) => find(name)?.cpu?.mean ?? NaN;
  const pct = (a: number, b: number) => (a / b - 1) * 100;
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
