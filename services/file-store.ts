// The office's files (scanned documents) in the data folder, addressed by content:
// <dataDir>/files/ab/<sha256>. A file is written to a temporary name, flushed, read back and
// hashed, and only then renamed into place, so a power cut never leaves a torn file under a
// real name; a read hashes again, so a damaged file is reported instead of shown.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors';

export const FILES_FOLDER = 'files';

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function storedFilePath(dataDir: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new AppError('INVALID_INPUT');
  return path.join(dataDir, FILES_FOLDER, sha256.slice(0, 2), sha256);
}

/** The file's bytes when present and intact; null when missing or damaged. */
export async function readStoredFile(dataDir: string, sha256: string): Promise<Buffer | null> {
  return readVerifiedFile(storedFilePath(dataDir, sha256), sha256);
}

/** A file's bytes when present and hashing to `sha256` (also a backup's copy); null otherwise. */
export async function readVerifiedFile(file: string, sha256: string): Promise<Buffer | null> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch {
    return null;
  }
  return sha256Of(bytes) === sha256 ? bytes : null;
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
  return writeVerifiedFile(storedFilePath(dataDir, sha256), sha256, bytes);
}

/** Writes bytes to `target` through a flushed, re-read and hashed temporary file. */
export async function writeVerifiedFile(
  target: string,
  sha256: string,
  bytes: Uint8Array,
): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}-${randomUUID()}.tmp`;
  try {
    const handle = await fs.open(tmp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // What the disk holds, not what was meant to be written.
    if (sha256Of(await fs.readFile(tmp)) !== sha256) throw new Error('file check failed');
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
