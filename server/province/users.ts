// Province users (Sở KH&CN staff) and their dashboard sessions.
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../database/connect';
import { adminSessions, provinceUsers } from '../database/schema/index';
import { hashPassword, verifyPassword } from '../security/passwords';
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

/** Returns the session secret (for the cookie) or null when the credentials are wrong. */
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
  if (!user || !ok) return null;
  const secret = randomSecret();
  await db.delete(adminSessions).where(lt(adminSessions.expiresAt, new Date(now)));
  await db.insert(adminSessions).values({
    tokenHash: sha256(secret),
    userId: user.id,
    createdAt: new Date(now),
    expiresAt: new Date(now + SESSION_TTL_MS),
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
