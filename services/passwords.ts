// The one password module of the office app and the provincial server: scrypt hashing (off the
// event loop), verification that does the same work whether or not the user exists, the
// progressive lockout rule, and the password policy (zxcvbn-ts's common-password dictionary).
// Format: scrypt$N$r$p$salt$hash; salt and hash base64 (base64url, as the server once wrote,
// decodes the same), the key length read from the stored hash so older hashes still verify.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { AppError } from '../core/errors';
import { fold } from '../core/text/fold';

const N = 16384;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

let derivations = 0;
/** How many scrypt derivations ran: tests compare the work a login does, not its wall time. */
export const passwordWork = (): number => derivations;

function derive(password: string, salt: Buffer, keyLength: number, cost: number[]) {
  const [n, r, p] = cost as [number, number, number];
  derivations++;
  return new Promise<Buffer>((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      keyLength,
      { N: n, r, p, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, KEY_LENGTH, [N, R, P]);
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Verified against when there is no user (or no usable hash): the same cost as a real one. */
const DUMMY = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

interface Parsed {
  readonly cost: number[];
  readonly salt: Buffer;
  readonly hash: Buffer;
}

function parse(stored: string | null): Parsed | null {
  const [kind, ...rest] = (stored ?? '').split('$');
  if (kind !== 'scrypt' || rest.length !== 5) return null;
  const cost = rest.slice(0, 3).map(Number);
  const [n = 0, r = 0, p = 0] = cost;
  const sane = Number.isInteger(n) && n >= 2 && n <= 2 ** 20 && (n & (n - 1)) === 0;
  if (!sane || !(r >= 1 && r <= 32 && p >= 1 && p <= 16)) return null;
  const salt = Buffer.from(rest[3] ?? '', 'base64');
  const hash = Buffer.from(rest[4] ?? '', 'base64');
  return salt.length > 0 && hash.length > 0 ? { cost, salt, hash } : null;
}

const DUMMY_PARSED = parse(DUMMY) as Parsed;

/** True only when stored is a hash of password. A missing or malformed hash still costs one
 * full derivation (against a dummy), so the answer's timing says nothing about the user. */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = parse(stored);
  const { cost, salt, hash } = parsed ?? DUMMY_PARSED;
  const key = await derive(password, salt, hash.length, cost);
  return parsed !== null && timingSafeEqual(key, hash);
}

/** Failures allowed before the first lock. */
export const MAX_FAILED_ATTEMPTS = 5;
/** The longest a lock lasts: an attacker can delay the admin, never lock them out for good. */
export const LOCKOUT_MS = 15 * 60_000;
const FIRST_LOCK_MS = 60_000;

/** Progressive lockout: none below MAX_FAILED_ATTEMPTS failures in a row, then 1, 2, 4, 8 and
 * at most 15 minutes for each further failure. */
export function lockoutMs(failures: number): number {
  if (failures < MAX_FAILED_ATTEMPTS) return 0;
  return Math.min(LOCKOUT_MS, FIRST_LOCK_MS * 2 ** (failures - MAX_FAILED_ATTEMPTS));
}

let zxcvbn: Promise<ZxcvbnFactory> | null = null;
/** zxcvbn-ts and its dictionaries (~0.5 MB of code, unpacked on load) are loaded the first time
 * a password is chosen, not at start-up: logging in never needs them. */
const estimator = () =>
  (zxcvbn ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) =>
      new core.ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  ));

/** The Vietnamese reason a new password is refused, or null. `personal` holds the user's own
 * words (username, name) that a password must not be built from. */
export async function passwordProblem(
  password: string,
  personal: readonly string[] = [],
): Promise<string | null> {
  if (password.length < 8) return 'Mật khẩu phải có ít nhất 8 ký tự.';
  // Names are typed without diacritics in passwords: "Mật Khẩu Yếu" must catch "mat-khau-yeu".
  const words = personal.flatMap((p) => {
    const folded = fold(p);
    return [p, folded, folded.replace(/\s+/g, ''), ...folded.split(/\s+/)];
  });
  const result = (await estimator()).check(
    password,
    words.filter((w) => w.length >= 3),
  );
  if (result.score < 2)
    return 'Mật khẩu quá dễ đoán (nằm trong danh sách mật khẩu phổ biến hoặc ghép từ tên, ngày tháng, dãy phím). Hãy dùng cụm từ dài hơn, ít gặp hơn.';
  return null;
}

/** Throws WEAK_PASSWORD with the reason when a chosen password breaks the policy. */
export async function requireGoodPassword(
  password: string,
  personal: readonly string[] = [],
): Promise<void> {
  const problem = await passwordProblem(password, personal);
  if (problem) throw new AppError('WEAK_PASSWORD', problem);
}
