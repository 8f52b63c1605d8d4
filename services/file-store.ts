// The office's files (scanned documents, attachments) in the data folder, addressed by the
// sha256 of their plain content: <dataDir>/files/ab/<sha256>, each encrypted with AES-256-GCM
// under the office's file key and its own random nonce, the name bound in as associated data
// (a file put under another name fails to open). A file is written to a temporary name,
// flushed, read back, decrypted and hashed, and only then renamed into place, so a power cut
// never leaves a torn file under a real name; a read decrypts and hashes again, so a damaged
// file is reported instead of shown. Files stored before encryption (plain) are still read,
// and encrypted in place at the upgrade (encryptLegacyFiles).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors';
import { AEAD_OVERHEAD, open, seal } from './security/aead';
import { keyringFor } from './security/keyring';

export const FILES_FOLDER = 'files';
const MAGIC = Buffer.from('IXF1');
/** Bytes a stored file has beyond its plain content. */
export const STORED_OVERHEAD = MAGIC.length + AEAD_OVERHEAD;

/** The key of the files of a data folder (its keyring's file key). */
export function fileKeyOf(dataDir: string): Buffer {
  return keyringFor(dataDir).fileKey();
}

export function encryptFile(key: Uint8Array, sha256: string, plain: Uint8Array): Buffer {
  return Buffer.concat([MAGIC, seal(key, plain, Buffer.from(sha256))]);
}

/** The plain bytes of a stored (or backed-up) file, when they hash to `sha256`. */
export function decryptFile(key: Uint8Array, sha256: string, stored: Uint8Array): Buffer | null {
  const bytes = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    const plain = open(key, bytes.subarray(MAGIC.length), Buffer.from(sha256));
    if (plain && sha256Of(plain) === sha256) return plain;
  }
  // Stored before encryption: its own bytes must hash to its name.
  return sha256Of(bytes) === sha256 ? bytes : null;
}

/** A stored file's plain size from its size on disk. */
export function plainSize(storedSize: number): number {
  return Math.max(0, storedSize - STORED_OVERHEAD);
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function storedFilePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('INVALID_INPUT');
  return path.join(dataDir, FILES_FOLDER, sha256.slice(0, 2), sha256);
}

/** The file's bytes when present and intact; null when missing or damaged. */
export async function readStoredFile(dataDir: string, sha256: string): Promise<Buffer | null> {
  return readVerifiedFile(storedFilePath(dataDir, sha256), sha256, fileKeyOf(dataDir));
}

/** A file's plain bytes when present and hashing to `sha256` (also a backup's copy). */
export async function readVerifiedFile(
  file: string,
  sha256: string,
  key: Uint8Array,
): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return null;
  }
  return decryptFile(key, sha256, bytes);
}

/** Stores bytes under their sha256 (once: the same scan twice is one file); returns it. */
export async function storeFile(dataDir: string, bytes: Uint8Array): Promise<string> {
  const sha256 = sha256Of(bytes);
  if (await readStoredFile(dataDir, sha256)) return sha256;
  await writeVerified(dataDir, sha256, bytes).catch((error: unknown) => {
    console.error('[isoxa] could not store a file', error);
    throw new AppError('FILE_SAVE_FAILED');
  });
  return sha256;
}

/** Stores bytes that must hash to `sha256` (a file downloaded at restore). */
export async function storeExpectedFile(
  dataDir: string,
  sha256: string,
  bytes: Uint8Array,
): Promise<boolean> {
  if (sha256Of(bytes) !== sha256) return false;
  await writeVerified(dataDir, sha256, bytes);
  return true;
}

function writeVerified(dataDir: string, sha256: string, bytes: Uint8Array): Promise<void> {
  return writeVerifiedFile(storedFilePath(dataDir, sha256), sha256, bytes, fileKeyOf(dataDir));
}

/** Encrypts plain bytes to `target` through a flushed, re-read and checked temporary file. */
export async function writeVerifiedFile(
  target: string,
  sha256: string,
  bytes: Uint8Array,
  key: Uint8Array,
): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const tmp = `${target}.${process.pid}-${randomUUID()}.tmp`;
  try {
    const handle = await fs.open(tmp, 'wx', 0o600);
    try {
      await handle.writeFile(encryptFile(key, sha256, bytes));
      await handle.sync();
    } finally {
      await handle.close();
    }
    // What the disk holds, not what was meant to be written.
    if (!decryptFile(key, sha256, await fs.readFile(tmp))) throw new Error('file check failed');
    await fs.rename(tmp, target);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
}

/** Removes a stored file for good (a scan erased by a disposal decision); absent is fine. */
export async function removeStoredFile(dataDir: string, sha256: string): Promise<void> {
  await fs.rm(storedFilePath(dataDir, sha256), { force: true });
}

/**
 * Encrypts in place the files stored before encryption (the upgrade): each through a checked
 * temporary file and a rename, so a cut leaves every file either plain or encrypted, whole.
 */
export async function encryptLegacyFiles(dataDir: string): Promise<number> {
  const root = path.join(dataDir, FILES_FOLDER);
  const key = fileKeyOf(dataDir);
  let done = 0;
  const shards = await fs.readdir(root).catch(() => [] as string[]);
  for (const shard of shards) {
    const dir = path.join(root, shard);
    for (const name of await fs.readdir(dir).catch(() => [] as string[])) {
      const file = path.join(dir, name);
      if (name.endsWith('.tmp')) {
        await fs.rm(file, { force: true });
        continue;
      }
      if (!/^[0-9a-f]{64}$/.test(name)) continue;
      const bytes = await fs.readFile(file);
      if (bytes.subarray(0, MAGIC.length).equals(MAGIC) || sha256Of(bytes) !== name) continue;
      await writeVerifiedFile(file, name, bytes, key);
      done++;
    }
  }
  return done;
}
