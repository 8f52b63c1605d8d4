// Enrollment and authentication of office PCs: one-time code → device key → challenge →
// short-lived token.
import { and, count, eq, gt, isNull, lt, lte, max, or } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import {
  authMessage,
  challengeRequest,
  enrollRequest,
  LIMITS,
  MIN_CLIENT_SCHEMA,
  SCHEMA_VERSION,
  tokenRequest,
} from '../../core/sync/protocol';
import type { EnrollResponse, TokenResponse } from '../../core/sync/protocol';
import {
  authChallenges,
  authTokens,
  devices,
  enrollmentCodes,
  offices,
  ops,
} from '../database/schema/index';
import type { ServerContext } from '../http/context';
import { clientVersion, versionHook } from '../http/device-auth';
import { HttpError, parseOr400 } from '../http/errors';
import { claimedSealKey, keepEscrow } from '../security/escrow';
import {
  hashEnrollmentCode,
  isBoxPublicKey,
  isUsablePublicKey,
  randomSecret,
  sha256,
  verifyEd25519,
} from '../security/crypto';

export const deviceRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  // A PC too old to sync still authenticates: its token only opens the updater feed, since
  // push, pull and restore answer it 426 (server/routes/sync.ts).
  app.addHook('preValidation', async (request, reply) => {
    if (request.url.startsWith('/v1/auth/')) clientVersion(request, true);
    else await versionHook(request, reply);
  });
  const credential = {
    rateLimit: { max: ctx.limits.credentialRateMax, timeWindow: 60_000, keyGenerator: ipKey },
  };

  app.post('/v1/enroll', { config: credential }, async (request): Promise<EnrollResponse> => {
    const body = parseOr400(enrollRequest, request.body);
    if (body.schemaVersion < MIN_CLIENT_SCHEMA) throw new HttpError(426, 'UPGRADE_REQUIRED');
    if (body.schemaVersion > SCHEMA_VERSION) throw new HttpError(409, 'SERVER_OUTDATED');
    if (!isUsablePublicKey(body.publicKey)) {
      throw new HttpError(400, 'INVALID_REQUEST', undefined, { details: ['publicKey'] });
    }
    if (body.sealPublicKey !== undefined && !isBoxPublicKey(body.sealPublicKey)) {
      throw new HttpError(400, 'INVALID_REQUEST', undefined, { details: ['sealPublicKey'] });
    }
    const now = new Date(ctx.now());
    const deviceId = uuidv7();
    const codeHash = hashEnrollmentCode(body.code);
    return ctx.db.transaction(async (tx) => {
      // One statement claims the code, so two PCs racing with the same code cannot both win.
      const [claimed] = await tx
        .update(enrollmentCodes)
        .set({ usedAt: now, usedByDevice: deviceId })
        .where(
          and(
            eq(enrollmentCodes.codeHash, codeHash),
            isNull(enrollmentCodes.usedAt),
            gt(enrollmentCodes.expiresAt, now),
          ),
        )
        .returning({ officeId: enrollmentCodes.officeId });
      if (!claimed) {
        const [known] = await tx
          .select({ usedAt: enrollmentCodes.usedAt })
          .from(enrollmentCodes)
          .where(eq(enrollmentCodes.codeHash, codeHash));
        throw new HttpError(
          403,
          known && known.usedAt === null ? 'ENROLL_CODE_EXPIRED' : 'ENROLL_CODE_INVALID',
        );
      }
      // The office row locked: the office's enrolments take their numbers one at a time.
      const [office] = await tx
        .select()
        .from(offices)
        .where(eq(offices.id, claimed.officeId))
        .for('update');
      if (!office) throw new Error('enrollment code without office');
      // A code for another office: refused, and the claim rolled back (the code stays usable).
      if (body.expectedAgencyCode !== undefined && body.expectedAgencyCode !== office.agencyCode) {
        throw new HttpError(
          409,
          'OFFICE_MISMATCH',
          `Mã đăng ký này được cấp cho ${office.name} (${office.agencyCode}), không phải đơn vị của máy này (${body.expectedAgencyCode}).`,
          { details: [office.name, office.agencyCode] },
        );
      }
      const enrolledAt = await nextEnrolmentTime(tx, office.id, now);
      const inserted = await tx
        .insert(devices)
        .values({
          id: deviceId,
          officeId: claimed.officeId,
          name: body.deviceName,
          publicKey: body.publicKey,
          sealPublicKey: body.sealPublicKey ?? null,
          enrolledAt,
          appVersion: body.appVersion,
          schemaVersion: body.schemaVersion,
        })
        .onConflictDoNothing()
        .returning({ id: devices.id });
      // Throwing rolls the claim back: the code stays usable with a fresh key.
      if (inserted.length === 0) throw new HttpError(409, 'KEY_ALREADY_ENROLLED');
      request.log.info({ deviceId, officeId: office.id }, 'device enrolled');
      return {
        deviceId,
        officeId: office.id,
        agencyCode: office.agencyCode,
        officeName: office.name,
        serverTime: now.getTime(),
        serverPublicKey: ctx.signer.publicKey,
        serverSealKey: ctx.sealer.publicKey,
        deviceNo: await deviceNumber(tx, { id: deviceId, officeId: office.id, enrolledAt }),
      };
    });
  });

  app.post('/v1/auth/challenge', { config: credential }, async (request) => {
    const body = parseOr400(challengeRequest, request.body);
    const now = ctx.now();
    const [device] = await ctx.db.select().from(devices).where(eq(devices.id, body.deviceId));
    if (!device) throw new HttpError(401, 'UNAUTHENTICATED');
    if (device.revokedAt !== null) throw new HttpError(403, 'DEVICE_REVOKED');
    await ctx.db
      .delete(authChallenges)
      .where(
        and(eq(authChallenges.deviceId, device.id), lt(authChallenges.expiresAt, new Date(now))),
      );
    const nonce = randomSecret();
    const expiresAt = now + LIMITS.challengeTtlMs;
    await ctx.db
      .insert(authChallenges)
      .values({ nonceHash: sha256(nonce), deviceId: device.id, expiresAt: new Date(expiresAt) });
    return { nonce, expiresAt };
  });

  app.post('/v1/auth/token', { config: credential }, async (request): Promise<TokenResponse> => {
    const version = clientVersion(request);
    const body = parseOr400(tokenRequest, request.body);
    const now = ctx.now();
    // Consumed whatever happens next: a nonce is good for one attempt only.
    const [challenge] = await ctx.db
      .delete(authChallenges)
      .where(
        and(
          eq(authChallenges.nonceHash, sha256(body.nonce)),
          eq(authChallenges.deviceId, body.deviceId),
        ),
      )
      .returning({ expiresAt: authChallenges.expiresAt });
    if (!challenge || challenge.expiresAt.getTime() <= now) {
      throw new HttpError(401, 'UNAUTHENTICATED');
    }
    const [device] = await ctx.db.select().from(devices).where(eq(devices.id, body.deviceId));
    if (!device) throw new HttpError(401, 'UNAUTHENTICATED');
    if (device.revokedAt !== null) throw new HttpError(403, 'DEVICE_REVOKED');
    const message = authMessage(device.id, body.nonce);
    if (!verifyEd25519(device.publicKey, message, body.signature)) {
      request.log.warn({ deviceId: device.id }, 'bad device signature');
      throw new HttpError(401, 'UNAUTHENTICATED');
    }
    const sealPublicKey = claimedSealKey(device, body);
    const token = randomSecret();
    const expiresAt = now + LIMITS.tokenTtlMs;
    await ctx.db.transaction(async (tx) => {
      // An escrow sealed to a key this province no longer holds is not kept; the answer names
      // the current key and the PC reseals its escrow to it (services/sync/escrow.ts).
      if (body.escrow && !(await keepEscrow(tx, ctx.sealer, device, body.escrow, now)))
        request.log.warn({ deviceId: device.id }, 'escrow sealed to another province key');
      await tx
        .delete(authTokens)
        .where(and(eq(authTokens.deviceId, device.id), lt(authTokens.expiresAt, new Date(now))));
      await tx.insert(authTokens).values({
        tokenHash: sha256(token),
        deviceId: device.id,
        officeId: device.officeId,
        createdAt: new Date(now),
        expiresAt: new Date(expiresAt),
      });
      await tx
        .update(devices)
        .set({ lastSeenAt: new Date(now), ...version, ...(sealPublicKey ? { sealPublicKey } : {}) })
        .where(eq(devices.id, device.id));
    });
    const [seq] = await ctx.db
      .select({ last: max(ops.clientSeq) })
      .from(ops)
      .where(eq(ops.deviceId, device.id));
    return {
      token,
      expiresAt,
      expiresInMs: LIMITS.tokenTtlMs,
      lastClientSeq: Number(seq?.last ?? 0),
      serverTime: now,
      serverPublicKey: ctx.signer.publicKey,
      serverSealKey: ctx.sealer.publicKey,
      sealKeyKnown: (sealPublicKey ?? device.sealPublicKey) !== null,
      deviceNo: await deviceNumber(ctx.db, device),
    };
  });
};

const ipKey = (request: { ip: string }) => `ip:${request.ip}`;

type Db = ServerContext['db'];
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A new device's enrolment instant: after every other device of the office (by a millisecond
 * if the clock says otherwise), so the order of enrolment never changes once a device is in. */
async function nextEnrolmentTime(tx: Tx, officeId: string, now: Date): Promise<Date> {
  const [last] = await tx
    .select({ at: max(devices.enrolledAt) })
    .from(devices)
    .where(eq(devices.officeId, officeId));
  return last?.at && last.at >= now ? new Date(last.at.getTime() + 1) : now;
}

/** The device's number in its office (1, 2, 3… in the order of enrolment, revoked ones kept):
 * the office's PCs put it in the numbers they give offline (survey forms), so two PCs of one
 * office never give the same number. Devices are never deleted, so it never changes. */
async function deviceNumber(
  db: Db | Tx,
  device: { readonly id: string; readonly officeId: string; readonly enrolledAt: Date },
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(devices)
    .where(
      and(
        eq(devices.officeId, device.officeId),
        or(
          lt(devices.enrolledAt, device.enrolledAt),
          and(eq(devices.enrolledAt, device.enrolledAt), lte(devices.id, device.id)),
        ),
      ),
    );
  return Math.max(1, Number(row?.n ?? 1));
}
