// Offices as the province manages them: creation, enrollment codes, device revocation.
import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { EnrollmentCodeResponse } from '../../core/sync/admin';
import { LIMITS } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { authChallenges, devices, enrollmentCodes, offices } from '../database/schema/index';
import { HttpError } from '../http/errors';
import { hashEnrollmentCode, newEnrollmentCode } from '../security/crypto';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A new code replaces the office's unused ones: only the code last handed out works. */
const issueCode = async (
  tx: Tx,
  officeId: string,
  createdBy: string | null,
  now: number,
): Promise<EnrollmentCodeResponse> => {
  await tx
    .delete(enrollmentCodes)
    .where(and(eq(enrollmentCodes.officeId, officeId), isNull(enrollmentCodes.usedAt)));
  const code = newEnrollmentCode();
  const expiresAt = now + LIMITS.enrollmentCodeTtlMs;
  await tx.insert(enrollmentCodes).values({
    codeHash: hashEnrollmentCode(code),
    officeId,
    createdBy,
    createdAt: new Date(now),
    expiresAt: new Date(expiresAt),
  });
  return { officeId, code, expiresAt };
};

export const createOffice = async (
  db: Db,
  input: { agencyCode: string; name: string },
  createdBy: string | null,
  now: number,
): Promise<EnrollmentCodeResponse> =>
  db.transaction(async (tx) => {
    const id = uuidv7();
    const inserted = await tx
      .insert(offices)
      .values({ id, agencyCode: input.agencyCode, name: input.name, createdAt: new Date(now) })
      .onConflictDoNothing()
      .returning({ id: offices.id });
    if (inserted.length === 0) {
      throw new HttpError(409, 'CONFLICT', 'Mã định danh cơ quan này đã có trên máy chủ.');
    }
    return issueCode(tx, id, createdBy, now);
  });

export const issueEnrollmentCode = async (
  db: Db,
  officeId: string,
  createdBy: string | null,
  now: number,
): Promise<EnrollmentCodeResponse> =>
  db.transaction(async (tx) => {
    const [office] = await tx.select().from(offices).where(eq(offices.id, officeId));
    if (!office) throw new HttpError(404, 'NOT_FOUND');
    return issueCode(tx, officeId, createdBy, now);
  });

/** Takes effect on the device's next request. Its live tokens are kept on purpose: they are
 * refused with DEVICE_REVOKED, so the PC tells its users why instead of retrying auth. */
export const revokeDevice = async (db: Db, deviceId: string, now: number) =>
  db.transaction(async (tx) => {
    const [device] = await tx.select().from(devices).where(eq(devices.id, deviceId));
    if (!device) throw new HttpError(404, 'NOT_FOUND');
    const revokedAt = device.revokedAt ?? new Date(now);
    await tx.update(devices).set({ revokedAt }).where(eq(devices.id, deviceId));
    await tx.delete(authChallenges).where(eq(authChallenges.deviceId, deviceId));
    return { deviceId, revokedAt: revokedAt.getTime() };
  });
