// The office's keys, in <dataDir>/keyring.json (0600). One random 256-bit data key encrypts
// the database (SQLCipher) and, through HKDF sub-keys, every stored file and backup. It is
// never written in the clear where a platform keystore exists: the platform's KeyProtector
// (Electron: safeStorage, i.e. DPAPI on Windows) wraps it, and the device's Ed25519 private
// key beside it. Browser mode and tests have no keystore: the key file's owner-only mode is
// all that guards it (README, "Bảo vệ dữ liệu").
//
// Two more copies make a legitimate restore possible on a new PC: the key wrapped under a
// recovery code shown once to the office (printable, for the office safe), and the key
// sealed to the province's public key (the escrow). Both travel in every backup's header.
import { createHash, randomBytes, randomInt, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { open, seal, subKey } from './aead';
import { writeFileDurably } from './private-files';

export const KEYRING_FILE = 'keyring.json';

/** Wraps secrets with what the platform offers; `unprotect` throws when it cannot. */
export interface KeyProtector {
  readonly kind: 'os' | 'file';
  protect(secret: Buffer): Buffer;
  unprotect(blob: Buffer): Buffer;
}

/** No keystore (browser mode, tests): the secret sits in the owner-only key file. */
export const fileProtector: KeyProtector = {
  kind: 'file',
  protect: (secret) => Buffer.from(secret),
  unprotect: (blob) => Buffer.from(blob),
};

const b64 = z.string().max(20_000);
const recoveryWrap = z.object({ salt: b64, sealed: b64 });
/** What a backup's header carries so that the backup can be opened elsewhere. */
export const keyEnvelope = z.object({
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  recovery: recoveryWrap.nullable(),
  escrow: b64.nullable(),
});
export type KeyEnvelope = z.infer<typeof keyEnvelope>;

const keyringFile = z.object({
  format: z.literal('isoxa-keyring'),
  version: z.literal(1),
  protector: z.enum(['os', 'file']),
  keyId: z.string(),
  dataKey: b64,
  recovery: recoveryWrap.nullable(),
  escrow: b64.nullable(),
  device: z.object({ id: z.string(), key: b64 }).nullable(),
  /** Old plaintext backups and files still to encrypt (an upgrade under way). */
  legacyWorkPending: z.boolean().default(false),
});
type KeyringFile = z.infer<typeof keyringFile>;

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const RECOVERY_LENGTH = 24;
// scrypt at 2^15 × 8: a guess costs ~32 MiB and ~0.1 s; 120 random bits make guessing moot.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export function keyIdOf(dataKey: Uint8Array): string {
  return createHash('sha256').update('isoxa:key-id').update(dataKey).digest('hex').slice(0, 32);
}

/** 24 letters and digits without look-alikes, shown in groups of four. */
export function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < RECOVERY_LENGTH; i++) code += RECOVERY_ALPHABET[randomInt(32)];
  return code.match(/.{4}/g)?.join('-') ?? code;
}

export function normalizeRecoveryCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replaceAll('O', '0').replaceAll('I', '1');
}

function recoveryKey(code: string, salt: Buffer): Buffer {
  return scryptSync(normalizeRecoveryCode(code), salt, 32, SCRYPT);
}

function wrapForRecovery(dataKey: Buffer, code: string): z.infer<typeof recoveryWrap> {
  const salt = randomBytes(16);
  return {
    salt: salt.toString('base64'),
    sealed: seal(recoveryKey(code, salt), dataKey, Buffer.from('isoxa:recovery')).toString(
      'base64',
    ),
  };
}

/** The data key a backup was made with, from its header and the office's recovery code. */
export function unwrapWithRecoveryCode(envelope: KeyEnvelope, code: string): Buffer | null {
  if (!envelope.recovery) return null;
  const key = open(
    recoveryKey(code, Buffer.from(envelope.recovery.salt, 'base64')),
    Buffer.from(envelope.recovery.sealed, 'base64'),
    Buffer.from('isoxa:recovery'),
  );
  return key && keyIdOf(key) === envelope.keyId ? key : null;
}

export class Keyring {
  private state: KeyringFile;
  readonly dataKey: Buffer;

  constructor(
    private readonly file: string,
    private readonly protector: KeyProtector,
    state: KeyringFile,
  ) {
    this.state = state;
    this.dataKey = protector.unprotect(Buffer.from(state.dataKey, 'base64'));
    if (keyIdOf(this.dataKey) !== state.keyId) throw new Error('keyring: data key mismatch');
  }

  get keyId(): string {
    return this.state.keyId;
  }

  get protectorKind(): 'os' | 'file' {
    return this.state.protector;
  }

  get hasRecoveryCode(): boolean {
    return this.state.recovery !== null;
  }

  /** The key SQLCipher opens the database with. */
  dbKey(): Buffer {
    return subKey(this.dataKey, 'database');
  }

  /** The key of the stored files (scans, attachments). */
  fileKey(): Buffer {
    return subKey(this.dataKey, 'files');
  }

  envelope(): KeyEnvelope {
    return { keyId: this.keyId, recovery: this.state.recovery, escrow: this.state.escrow };
  }

  /** A new recovery code (the old one stops working for backups made from now on). */
  newRecoveryCode(): string {
    const code = newRecoveryCode();
    this.save({ ...this.state, recovery: wrapForRecovery(this.dataKey, code) });
    return code;
  }

  setEscrow(sealed: string | null): void {
    if (sealed !== this.state.escrow) this.save({ ...this.state, escrow: sealed });
  }

  get legacyWorkPending(): boolean {
    return this.state.legacyWorkPending;
  }

  setLegacyWorkPending(pending: boolean): void {
    if (pending !== this.state.legacyWorkPending)
      this.save({ ...this.state, legacyWorkPending: pending });
  }

  get escrow(): string | null {
    return this.state.escrow;
  }

  /** The device's Ed25519 private key (PKCS#8 DER, base64) when it belongs to `deviceId`. */
  deviceKey(deviceId: string): string | null {
    const device = this.state.device;
    if (!device || device.id !== deviceId) return null;
    try {
      return this.protector.unprotect(Buffer.from(device.key, 'base64')).toString('utf8');
    } catch {
      return null;
    }
  }

  setDeviceKey(deviceId: string, privateKey: string | null): void {
    const device =
      privateKey === null
        ? null
        : {
            id: deviceId,
            key: this.protector.protect(Buffer.from(privateKey, 'utf8')).toString('base64'),
          };
    this.save({ ...this.state, device });
  }

  private save(next: KeyringFile): void {
    writeFileDurably(this.file, JSON.stringify(next, null, 2));
    this.state = next;
  }
}

export function keyringPath(dataDir: string): string {
  return path.join(dataDir, KEYRING_FILE);
}

export function keyringExists(dataDir: string): boolean {
  return fs.existsSync(keyringPath(dataDir));
}

const KEY_UNREADABLE =
  'Không mở được khóa dữ liệu của máy này (tệp khóa bị hỏng, hoặc dữ liệu được chép từ máy hay tài khoản Windows khác). ' +
  'Hãy cài ISO Xã vào một thư mục dữ liệu mới rồi khôi phục từ bản sao lưu bằng mã khôi phục, hoặc khôi phục từ máy chủ tỉnh.';

/** Reads the keyring; creates one with a fresh data key when `create` and none exists. */
export function openKeyring(dataDir: string, protector: KeyProtector, create: boolean): Keyring {
  const file = keyringPath(dataDir);
  let text: string | null = null;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    try {
      return new Keyring(file, protector, keyringFile.parse(JSON.parse(text)));
    } catch {
      throw new AppError('DATA_KEY_MISSING', KEY_UNREADABLE);
    }
  }
  if (!create) throw new AppError('DATA_KEY_MISSING');
  const dataKey = randomBytes(32);
  const state: KeyringFile = {
    format: 'isoxa-keyring',
    version: 1,
    protector: protector.kind,
    keyId: keyIdOf(dataKey),
    dataKey: protector.protect(dataKey).toString('base64'),
    recovery: null,
    escrow: null,
    device: null,
    legacyWorkPending: false,
  };
  writeFileDurably(file, JSON.stringify(state, null, 2));
  return new Keyring(file, protector, state);
}

// One keyring per data folder in this process, so the file helpers find theirs by folder.
const open_ = new Map<string, Keyring>();

export function registerKeyring(dataDir: string, keyring: Keyring): () => void {
  const key = path.resolve(dataDir);
  open_.set(key, keyring);
  return () => {
    if (open_.get(key) === keyring) open_.delete(key);
  };
}

/**
 * The keyring of a data folder: the one the running backend opened, else (a tool, a test
 * without a backend) read from the folder when it needs no keystore.
 */
export function keyringFor(dataDir: string): Keyring {
  const key = path.resolve(dataDir);
  const known = open_.get(key);
  if (known) return known;
  const keyring = openKeyring(dataDir, fileProtector, true);
  open_.set(key, keyring);
  return keyring;
}
