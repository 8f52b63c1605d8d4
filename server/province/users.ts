// Province users (Sở KH&CN staff) and their dashboard sessions.
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../database/connect';
import { adminSessions, provinceUsers } from '../database/schema/index';
// One password module for the office app and the province (lint allows this one import).
import { hashPassword, lockoutMs, verifyPassword } from '../../services/passwords';
import { randomSecret, sha256 } from '../security/crypto';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export const createProvinceUser = async (
  db: Db,
  input: { username: string; displayName: string; password: string },
  now: number,
) => {
  const id = uuidv7();
  await db.insert(provinceUsers).values({
    id,
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    createdAt: new Date(now),
  });
  return id;
};

export interface ProvinceUser {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

/** Returns the session secret (for the cookie) or null. Unknown user, wrong password, locked
 * or disabled account: the same null after the same work (one scrypt derivation). */
export const login = async (
  db: Db,
  username: string,
  password: string,
  now: number,
): Promise<{ user: ProvinceUser; secret: string } | null> => {
  const [user] = await db
    .select()
    .from(provinceUsers)
    .where(and(eq(provinceUsers.username, username), isNull(provinceUsers.disabledAt)));
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user) return null;
  // A lock holds even against the right password and is not extended while it lasts.
  if (user.lockedUntil && user.lockedUntil.getTime() > now) return null;
  if (!ok) {
    const failures = user.failedAttempts + 1;
    const lockMs = lockoutMs(failures);
    await db
      .update(provinceUsers)
      .set({ failedAttempts: failures, lockedUntil: lockMs > 0 ? new Date(now + lockMs) : null })
      .where(eq(provinceUsers.id, user.id));
    return null;
  }
  const secret = randomSecret();
  await db.transaction(async (tx) => {
    await tx
      .update(provinceUsers)
      .set({ failedAttempts: 0, lockedUntil: null })
      .where(eq(provinceUsers.id, user.id));
    await tx.delete(adminSessions).where(lt(adminSessions.expiresAt, new Date(now)));
    await tx.insert(adminSessions).values({
      tokenHash: sha256(secret),
      userId: user.id,
      createdAt: new Date(now),
      expiresAt: new Date(now + SESSION_TTL_MS),
    });
  });
  return { user: { id: user.id, username: user.username, displayName: user.displayName }, secret };
};

export const sessionUser = async (
  db: Db,
  secret: string,
  now: number,
): Promise<ProvinceUser | null> => {
  const [row] = await db
    .select({
      id: provinceUsers.id,
      username: provinceUsers.username,
      displayName: provinceUsers.displayName,
    })
    .from(adminSessions)
    .innerJoin(provinceUsers, eq(provinceUsers.id, adminSessions.userId))
    .where(
      and(
        eq(adminSessions.tokenHash, sha256(secret)),
        gt(adminSessions.expiresAt, new Date(now)),
        isNull(provinceUsers.disabledAt),
      ),
    );
  return row ?? null;
};

export const logout = async (db: Db, secret: string) => {
  await db.delete(adminSessions).where(eq(adminSessions.tokenHash, sha256(secret)));
};
