// Edge hardening shared by every route: socket timeouts, the rate-limit key (a device only
// once its bearer token is verified, otherwise the client's address), and the shape limits
// of a parsed JSON body (depth, node count), so no route sees a body the push path would
// refuse.
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../database/connect';
import { authTokens } from '../database/schema/index';
import { sha256 } from '../security/crypto';
import { HttpError } from './errors';

export interface Timeouts {
  /** Whole request (headers and body) must arrive within this. */
  readonly requestTimeoutMs: number;
  /** Headers must arrive within this. */
  readonly headersTimeoutMs: number;
  /** A socket with no traffic is closed after this. */
  readonly idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  readonly keepAliveTimeoutMs: number;
}

/** Node's options for those timeouts; the checking interval is tightened so a short
 * requestTimeout is enforced promptly (Node checks every 30 s by default). */
export const serverTimeoutOptions = (t: Readonly<Timeouts>) => ({
  requestTimeout: t.requestTimeoutMs,
  connectionTimeout: t.idleTimeoutMs,
  keepAliveTimeout: t.keepAliveTimeoutMs,
  http: {
    headersTimeout: Math.min(t.headersTimeoutMs, t.requestTimeoutMs),
    requestTimeout: t.requestTimeoutMs,
    connectionsCheckingInterval: Math.max(250, Math.min(5000, t.headersTimeoutMs / 2)),
  },
});

const BEARER = /^Bearer ([A-Za-z0-9_-]{43})$/;
const CACHE_MAX = 10_000;

/** The rate-limit key: `device:<id>` for a bearer token the database knows (cached until it
 * expires), else `ip:<address>`. A header the client merely claims never makes a new bucket. */
export const makeRateKey = (db: Db, now: () => number) => {
  const known = new Map<string, { deviceId: string; expiresAt: number }>();
  return async (request: FastifyRequest): Promise<string> => {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token) return `ip:${request.ip}`;
    const hash = sha256(token);
    const cached = known.get(hash);
    if (cached && cached.expiresAt > now()) return `device:${cached.deviceId}`;
    const [row] = await db
      .select({ deviceId: authTokens.deviceId, expiresAt: authTokens.expiresAt })
      .from(authTokens)
      .where(and(eq(authTokens.tokenHash, hash), gt(authTokens.expiresAt, new Date(now()))))
      .limit(1);
    if (!row) return `ip:${request.ip}`;
    if (known.size >= CACHE_MAX) known.clear();
    known.set(hash, { deviceId: row.deviceId, expiresAt: row.expiresAt.getTime() });
    return `device:${row.deviceId}`;
  };
};

/** Most JSON nodes a body may hold (a full push batch of 500 rows is far below). */
export const MAX_BODY_NODES = 200_000;
/** Deepest nesting a body may have: a pushed row may be 32 deep (core/sync/entities.ts) and
 * sits 3 levels down, so such a row is still refused on its own, with a reason, not the batch. */
export const MAX_BODY_DEPTH = 40;

/** 'deep', 'large' or null, walking without recursion so no input can overflow the stack. */
export const bodyShapeProblem = (value: unknown): 'deep' | 'large' | null => {
  let count = 0;
  const stack: Array<readonly [unknown, number]> = [[value, 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [next, depth] = item;
    if (++count > MAX_BODY_NODES) return 'large';
    if (next === null || typeof next !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH) return 'deep';
    // One at a time: spreading a million-element array would overflow the call stack.
    for (const child of Array.isArray(next) ? next : Object.values(next))
      stack.push([child, depth + 1]);
  }
  return null;
};

/** preValidation hook: a parsed JSON body deeper or larger than the push path allows is bad
 * input on every route (400/413), never a 500 further down. Buffers (sync files) pass. */
export const bodyShapeHook = (
  request: FastifyRequest,
  _reply: FastifyReply,
  done: (error?: Error) => void,
): void => {
  const body = request.body;
  if (body === null || typeof body !== 'object' || Buffer.isBuffer(body)) return done();
  const problem = bodyShapeProblem(body);
  if (problem === 'large') return done(new HttpError(413, 'PAYLOAD_TOO_LARGE'));
  if (problem === 'deep') return done(new HttpError(400, 'INVALID_REQUEST'));
  done();
};
