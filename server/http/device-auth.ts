// Device requests: the version headers every one carries, and bearer-token authentication
// scoped to the token's device and office. The office always comes from the device record,
// never from anything the request says.
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  clientHeaders,
  HEADERS,
  MIN_CLIENT_SCHEMA,
  SCHEMA_VERSION,
} from '../../core/sync/protocol';
import { authTokens, devices } from '../database/schema/index';
import { sha256 } from '../security/crypto';
import type { ServerContext } from './context';
import { HttpError } from './errors';

export interface ClientVersion {
  readonly appVersion: string;
  readonly schemaVersion: number;
}

const RANGE = { minClientSchema: MIN_CLIENT_SCHEMA, schemaVersion: SCHEMA_VERSION };

/** Checks the version headers; a client below the accepted range is told to update (unless
 * allowOld: authentication, so that an old PC can still fetch the update that fixes it). */
export const clientVersion = (request: FastifyRequest, allowOld = false): ClientVersion => {
  const parsed = clientHeaders.safeParse(request.headers);
  if (!parsed.success) {
    throw new HttpError(400, 'INVALID_REQUEST', 'Thiếu hoặc sai thông tin phiên bản phần mềm.', {
      details: [HEADERS.appVersion, HEADERS.schemaVersion],
    });
  }
  const schemaVersion = parsed.data[HEADERS.schemaVersion];
  if (schemaVersion < MIN_CLIENT_SCHEMA && !allowOld)
    throw new HttpError(426, 'UPGRADE_REQUIRED', undefined, RANGE);
  if (schemaVersion > SCHEMA_VERSION) throw new HttpError(409, 'SERVER_OUTDATED', undefined, RANGE);
  return { appVersion: parsed.data[HEADERS.appVersion], schemaVersion };
};

/** preValidation hook for device routes: before auth, so an old client hears "update" even
 * when its token has expired; after the rate limit (onRequest), which must see everything. */
export const versionHook = async (request: FastifyRequest, _reply: FastifyReply) => {
  clientVersion(request);
};

export interface AuthedDevice {
  readonly deviceId: string;
  readonly officeId: string;
  /** The device's X25519 key (what the province sends back with personal data is sealed to
   * it); null for a device enrolled before it had one. */
  readonly sealPublicKey: string | null;
}

/** graceMs: how long after its expiry a token is still good here (installer downloads, which
 * electron-updater makes with the headers it was given at the start, over a slow line). */
export const authenticateDevice = async (
  ctx: ServerContext,
  request: FastifyRequest,
  graceMs = 0,
): Promise<AuthedDevice> => {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header) : null;
  const claimed = request.headers[HEADERS.device];
  if (!match?.[1] || typeof claimed !== 'string') throw new HttpError(401, 'UNAUTHENTICATED');
  const [row] = await ctx.db
    .select({
      deviceId: authTokens.deviceId,
      officeId: authTokens.officeId,
      revokedAt: devices.revokedAt,
      deviceOffice: devices.officeId,
      sealPublicKey: devices.sealPublicKey,
    })
    .from(authTokens)
    .innerJoin(devices, eq(devices.id, authTokens.deviceId))
    .where(
      and(
        eq(authTokens.tokenHash, sha256(match[1])),
        gt(authTokens.expiresAt, new Date(ctx.now() - graceMs)),
      ),
    )
    .limit(1);
  // A token presented for another device than its own is as good as no token.
  if (!row || row.deviceId !== claimed) throw new HttpError(401, 'UNAUTHENTICATED');
  if (row.revokedAt !== null) throw new HttpError(403, 'DEVICE_REVOKED');
  if (row.deviceOffice !== row.officeId) throw new HttpError(401, 'UNAUTHENTICATED');
  return { deviceId: row.deviceId, officeId: row.officeId, sealPublicKey: row.sealPublicKey };
};
