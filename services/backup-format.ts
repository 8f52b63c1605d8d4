// The backup file: a short header, then the database exactly as it is encrypted on disk. The
// header names the data key (its id) and carries the copy of that key a new PC can use: wrapped
// under the office's recovery code. Its `escrow` field (the key sealed to the province) stays
// null until that is built. Nothing in it reveals the key without the recovery code.
//
//   ISOXA-BACKUP-1\n  u32 header length (big-endian)  header JSON  database bytes
import fs from 'node:fs';
import { z } from 'zod';
import type { FileKind } from './chosen-file';
import { keyEnvelope, type KeyEnvelope } from './security/keyring';

const MAGIC = Buffer.from('ISOXA-BACKUP-1\n');
const MAX_HEADER = 64 * 1024;

/** A backup saved to a chosen place (services/chosen-file.ts). */
export const BACKUP_FILE_KIND: FileKind = {
  extension: '.sqlite',
  magic: MAGIC,
  name: 'tệp sao lưu ISO Xã',
};

const backupHeader = z.object({
  format: z.literal('isoxa-backup'),
  version: z.literal(1),
  createdAt: z.number().int(),
  key: keyEnvelope,
});
export type BackupHeader = z.infer<typeof backupHeader>;

export interface ReadHeader {
  readonly header: BackupHeader;
  /** Where the database bytes start. */
  readonly offset: number;
}

/**
 * The header of a backup file; null for a file that is not one (a plain SQLite database from
 * before encryption, or anything else: the caller's checks decide); throws when damaged.
 */
export function readBackupHeader(file: string): ReadHeader | null {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length + 4);
    if (fs.readSync(fd, head, 0, head.length, 0) < head.length) return null;
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const length = head.readUInt32BE(MAGIC.length);
    if (length > MAX_HEADER) throw new Error('backup header too large');
    const json = Buffer.alloc(length);
    if (fs.readSync(fd, json, 0, length, head.length) < length) throw new Error('truncated');
    const header = backupHeader.parse(JSON.parse(json.toString('utf8')));
    return { header, offset: head.length + length };
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes header + the database file `dbFile` to `dest` (owner-only, flushed). */
export function writeBackupFile(
  dbFile: string,
  dest: string,
  key: KeyEnvelope,
  createdAt: number,
): void {
  const header: BackupHeader = { format: 'isoxa-backup', version: 1, createdAt, key };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const to = fs.openSync(dest, 'w', 0o600);
  try {
    fs.writeSync(to, Buffer.concat([MAGIC, length, json]));
    copyInto(dbFile, 0, to);
    fs.fsyncSync(to);
  } finally {
    fs.closeSync(to);
  }
}

/** Copies the database bytes of a backup (from `offset`) to `dest`. */
export function extractDatabase(file: string, offset: number, dest: string): void {
  const to = fs.openSync(dest, 'w', 0o600);
  try {
    copyInto(file, offset, to);
  } finally {
    fs.closeSync(to);
  }
}

function copyInto(file: string, offset: number, to: number): void {
  const from = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(1024 * 1024);
    for (let at = offset; ;) {
      const n = fs.readSync(from, chunk, 0, chunk.length, at);
      if (n === 0) break;
      fs.writeSync(to, chunk, 0, n);
      at += n;
    }
  } finally {
    fs.closeSync(from);
  }
}
