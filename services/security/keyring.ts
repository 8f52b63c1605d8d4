// The office's keys, in <dataDir>/keyring.json (0600). One random 256-bit data key encrypts
// the database (AEGIS-256 pages) and, through HKDF sub-keys, every stored file and backup. It is
// never written in the clear where a platform keystore exists: the platform's KeyProtector
// (Electron: safeStorage, i.e. DPAPI on Windows) wraps it, once per OS account that opened the
// office (the data folder is shared by the PC's Windows accounts and DPAPI is per account). An
// account without its wrap unlocks once with the office's recovery code, which adds its wrap.
// The device's private keys are sealed under the data key (device-secrets.ts). Browser mode
// and tests have no keystore: the key file's owner-only mode is all that guards it (README).
// A new PC restores a backup with the key wrapped under the recovery code (shown once, for the
// office safe) or the `escrow` (the key sealed to the province: services/sync/escrow.ts), both
// in every backup's header.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../../core/errors';
import { subKey } from './aead';
import { openDeviceSecret, sealDeviceSecret } from './device-secrets';
import { writeFileDurably } from './private-files';
import {
  keyIdOf,
  newRecoveryCode,
  recoveryWrap,
  unwrapWithRecoveryCode,
  wrapForRecovery,
} from './recovery-code';

export {
  keyIdOf,
  newRecoveryCode,
  normalizeRecoveryCode,
  unwrapWithRecoveryCode,
} from './recovery-code';

export const KEYRING_FILE = 'keyring.json';

/** Wraps secrets with what the platform offers; `unprotect` throws when it cannot. */
export interface KeyProtector {
  readonly kind: 'os' | 'file';
  /** The OS account the wraps are for (DOMAIN\\user); shown to the next account. */
  readonly account?: string;
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
/** What a backup's header carries so that the backup can be opened elsewhere. */
export const keyEnvelope = z.object({
  keyId: z.string().regex(/^[0-9a-f]{32}$/),
  recovery: recoveryWrap.nullable(),
  escrow: b64.nullable(),
});
export type KeyEnvelope = z.infer<typeof keyEnvelope>;

/** Version 1: one wrap (the account that set the office up); read, then rewritten as 2. */
const keyringFileV1 = z.object({
  format: z.literal('isoxa-keyring'),
  version: z.literal(1),
  protector: z.enum(['os', 'file']),
  keyId: z.string(),
  dataKey: b64,
  recovery: recoveryWrap.nullable(),
  escrow: b64.nullable(),
  device: z.object({ id: z.string(), key: b64 }).nullable(),
  legacyWorkPending: z.boolean().default(false),
});

const keyWrap = z.object({
  account: z.string().max(300),
  protector: z.enum(['os', 'file']),
  dataKey: b64,
  addedAt: z.number(),
});

const keyringFile = z.object({
  format: z.literal('isoxa-keyring'),
  version: z.literal(2),
  keyId: z.string(),
  /** The data key, wrapped once per OS account (a 'file' wrap is the key itself). */
  wraps: z.array(keyWrap).min(1).max(100),
  recovery: recoveryWrap.nullable(),
  escrow: b64.nullable(),
  /** The device's private keys sealed under the data key: Ed25519 (signs), and X25519 (what
   * the province sends back with personal data is sealed to it; absent before issue #11). */
  device: z.object({ id: z.string(), sealed: b64, box: b64.optional() }).nullable(),
  /** The province key `escrow` is sealed to (a new province key means a new escrow). */
  escrowTo: z.string().max(100).nullable().default(null),
  /** Old plaintext backups and files still to encrypt (an upgrade under way). */
  legacyWorkPending: z.boolean().default(false),
});
type KeyringFile = z.infer<typeof keyringFile>;

const accountOf = (protector: KeyProtector): string => protector.account ?? '';

export class Keyring {
  private state: KeyringFile;

  constructor(
    private readonly file: string,
    private readonly protector: KeyProtector,
    state: KeyringFile,
    readonly dataKey: Buffer,
  ) {
    this.state = state;
    if (keyIdOf(this.dataKey) !== state.keyId) throw new Error('keyring: data key mismatch');
  }

  get keyId(): string {
    return this.state.keyId;
  }

  get protectorKind(): 'os' | 'file' {
    return this.protector.kind;
  }

  /** The OS accounts that can open the office on this PC without the recovery code. */
  get accounts(): string[] {
    return this.state.wraps.map((w) => w.account);
  }

  get hasRecoveryCode(): boolean {
    return this.state.recovery !== null;
  }

  /** The key the database is encrypted with (db/open.ts). */
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

  /** The data key sealed to the province's key `to` (the caller seals: sync/escrow.ts). */
  setEscrow(sealed: string | null, to: string | null = null): void {
    if (sealed !== this.state.escrow || to !== this.state.escrowTo)
      this.save({ ...this.state, escrow: sealed, escrowTo: to });
  }

  get escrowTo(): string | null {
    return this.state.escrowTo;
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
    return device && device.id === deviceId ? openDeviceSecret(this.dataKey, device.sealed) : null;
  }

  setDeviceKey(deviceId: string, privateKey: string | null, boxKey?: string): void {
    const device = sealDevice(this.dataKey, deviceId, privateKey);
    const box = boxKey === undefined ? undefined : sealDeviceSecret(this.dataKey, boxKey, 'box');
    this.save({ ...this.state, device: device && box ? { ...device, box } : device });
  }

  /** The device's X25519 private key (PKCS#8 DER, base64) when it belongs to `deviceId`. */
  deviceBoxKey(deviceId: string): string | null {
    const device = this.state.device;
    if (!device?.box || device.id !== deviceId) return null;
    return openDeviceSecret(this.dataKey, device.box, 'box');
  }

  /** Gives a device enrolled before it had an X25519 key its key (kept like the Ed25519 one). */
  setDeviceBoxKey(deviceId: string, boxKey: string): void {
    const device = this.state.device;
    if (!device || device.id !== deviceId) return;
    const box = sealDeviceSecret(this.dataKey, boxKey, 'box');
    this.save({ ...this.state, device: { ...device, box } });
  }

  /** This OS account's wrap of the data key, added (or renewed) beside the others'. */
  addOwnWrap(now: number): void {
    const account = accountOf(this.protector);
    const wraps = this.state.wraps.filter(
      (w) => !(w.account === account && w.protector === this.protector.kind),
    );
    wraps.push(wrapFor(this.protector, this.dataKey, now));
    this.save({ ...this.state, wraps });
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
  'Không mở được khóa dữ liệu của máy này (tệp khóa bị hỏng, hoặc dữ liệu được chép từ máy khác). ' +
  'Hãy cài ISO Xã vào một thư mục dữ liệu mới rồi khôi phục từ bản sao lưu bằng mã khôi phục, hoặc khôi phục từ máy chủ tỉnh.';

function wrapFor(protector: KeyProtector, dataKey: Buffer, now: number) {
  return {
    account: accountOf(protector),
    protector: protector.kind,
    dataKey: protector.protect(dataKey).toString('base64'),
    addedAt: now,
  };
}

function sealDevice(dataKey: Buffer, id: string, privateKey: string | null) {
  return privateKey === null ? null : { id, sealed: sealDeviceSecret(dataKey, privateKey) };
}

/** The data key from the first wrap this account can open (a 'file' wrap anyone can). */
function unwrapOwn(state: KeyringFile, protector: KeyProtector): Buffer | null {
  for (const w of state.wraps) {
    if (w.protector !== 'file' && w.protector !== protector.kind) continue;
    try {
      const blob = Buffer.from(w.dataKey, 'base64');
      const key = w.protector === 'file' ? blob : protector.unprotect(blob);
      if (keyIdOf(key) === state.keyId) return key;
    } catch {
      // another account's DPAPI blob: not ours
    }
  }
  return null;
}

/** Version 1 (one wrap, device key wrapped by the OS) read by the account that wrote it. */
function upgradeV1(v1: z.infer<typeof keyringFileV1>, protector: KeyProtector, now: number) {
  const dataKey = protector.unprotect(Buffer.from(v1.dataKey, 'base64'));
  const device = v1.device
    ? sealDevice(
        dataKey,
        v1.device.id,
        protector.unprotect(Buffer.from(v1.device.key, 'base64')).toString('utf8'),
      )
    : null;
  const state: KeyringFile = {
    format: 'isoxa-keyring',
    version: 2,
    keyId: v1.keyId,
    wraps: [wrapFor(protector, dataKey, now)],
    recovery: v1.recovery,
    escrow: v1.escrow,
    escrowTo: null,
    device,
    legacyWorkPending: v1.legacyWorkPending,
  };
  return { state, dataKey };
}

/** The keyring file's state, upgraded from version 1 (and saved so) when needed. */
function readState(file: string, text: string, protector: KeyProtector) {
  const json = JSON.parse(text) as unknown;
  const v1 = keyringFileV1.safeParse(json);
  if (!v1.success) return { state: keyringFile.parse(json), upgraded: null };
  const upgraded = upgradeV1(v1.data, protector, Date.now());
  writeFileDurably(file, JSON.stringify(upgraded.state, null, 2));
  return { state: upgraded.state, upgraded: upgraded.dataKey };
}

/** A write of the keyring cut by a kill leaves its temporary file (writeFileDurably): gone. */
function removeStaleTemporaries(dataDir: string): void {
  const stale = /^keyring\.json\.\d+\.tmp$/;
  for (const name of fs.existsSync(dataDir) ? fs.readdirSync(dataDir) : []) {
    if (stale.test(name)) fs.rmSync(path.join(dataDir, name), { force: true });
  }
}

/** This OS account has no wrap: the accounts that have one, for the message. */
export class KeyringOtherAccount extends AppError {
  constructor(readonly accounts: readonly string[]) {
    super(
      'DATA_KEY_OTHER_ACCOUNT',
      `Dữ liệu của cơ quan trên máy này đang được mở bằng tài khoản Windows khác (${accounts.join(', ') || 'không rõ'}). ` +
        'Lần đầu dùng ISO Xã ở tài khoản này, hãy nhập mã khôi phục của cơ quan (bản in cất khi thiết lập); từ lần sau tài khoản này mở được như bình thường.',
    );
  }
}

/** Reads the keyring; creates one with a fresh data key when `create` and none exists. */
export function openKeyring(dataDir: string, protector: KeyProtector, create: boolean): Keyring {
  const file = keyringPath(dataDir);
  removeStaleTemporaries(dataDir);
  let text: string | null = null;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text !== null) {
    let read: ReturnType<typeof readState>;
    try {
      read = readState(file, text, protector);
    } catch {
      throw new AppError('DATA_KEY_MISSING', KEY_UNREADABLE);
    }
    const dataKey = read.upgraded ?? unwrapOwn(read.state, protector);
    if (!dataKey) throw new KeyringOtherAccount(read.state.wraps.map((w) => w.account));
    return new Keyring(file, protector, read.state, dataKey);
  }
  if (!create) throw new AppError('DATA_KEY_MISSING');
  const dataKey = randomBytes(32);
  const state: KeyringFile = {
    format: 'isoxa-keyring',
    version: 2,
    keyId: keyIdOf(dataKey),
    wraps: [wrapFor(protector, dataKey, Date.now())],
    recovery: null,
    escrow: null,
    escrowTo: null,
    device: null,
    legacyWorkPending: false,
  };
  writeFileDurably(file, JSON.stringify(state, null, 2));
  return new Keyring(file, protector, state, dataKey);
}

/**
 * A Windows account opening the PC's office for the first time: the office's recovery code
 * opens the data key, and this account's own wrap is added, so the code is needed only once.
 */
export function unlockWithRecoveryCode(
  dataDir: string,
  protector: KeyProtector,
  code: string,
  now: number,
): Keyring {
  const file = keyringPath(dataDir);
  let state: KeyringFile;
  try {
    state = keyringFile.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    throw new AppError('DATA_KEY_MISSING', KEY_UNREADABLE);
  }
  if (!state.recovery) throw new AppError('RECOVERY_CODE_NONE');
  const dataKey = unwrapWithRecoveryCode(state, code);
  if (!dataKey) throw new AppError('RECOVERY_CODE_WRONG', RECOVERY_CODE_WRONG_HERE);
  const keyring = new Keyring(file, protector, state, dataKey);
  keyring.addOwnWrap(now);
  return keyring;
}

const RECOVERY_CODE_WRONG_HERE =
  'Mã khôi phục không đúng với dữ liệu của cơ quan trên máy này. Kiểm tra lại từng ký tự (24 ký tự, dạng XXXX-XXXX-…).';

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
