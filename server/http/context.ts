// What every route module receives: the database, the clock, the limits, and the in-flight
// counter that sheds load before the database queue grows without bound.
import { SYNC_FILE_LIMITS } from '../../core/sync/sync-file';
import type { Db } from '../database/connect';
import type { QmsRefresher } from '../province/qms-refresh';
import type { ServerSealer } from '../security/seal-key';
import type { ServerSigner } from '../security/signing-key';
import { HttpError } from './errors';
import type { Timeouts } from './hardening';

export interface Limits extends Timeouts {
  readonly bodyBytes: number;
  readonly inflatedBytes: number;
  /** Province uploads: feed batches, catalogs, calendars. */
  readonly adminBodyBytes: number;
  /** A USB sync file the province uploads (its ops and the scans they refer to). */
  readonly syncFileBytes: number;
  /** Requests per device (or per IP before auth) per minute. */
  readonly rateMax: number;
  /** Unauthenticated credential routes (enroll, challenge, token, admin login) per IP per minute. */
  readonly credentialRateMax: number;
  /** Database-bound requests (push, pull, restore, file upload) served at once; more get 503. */
  readonly maxInflight: number;
  /** Under-pressure thresholds; 0 disables a check. */
  readonly maxEventLoopDelayMs: number;
  readonly maxHeapUsedBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 1024 * 1024,
  inflatedBytes: 8 * 1024 * 1024,
  adminBodyBytes: 32 * 1024 * 1024,
  // Twice what the desktop writes in one file, so that cap can grow without a server change.
  syncFileBytes: 2 * SYNC_FILE_LIMITS.maxFileBytes,
  rateMax: 600,
  credentialRateMax: 20,
  maxInflight: 256,
  maxEventLoopDelayMs: 1000,
  maxHeapUsedBytes: 0,
  // A USB sync file of up to syncFileBytes over a slow commune line: minutes, not forever.
  requestTimeoutMs: 5 * 60_000,
  headersTimeoutMs: 20_000,
  idleTimeoutMs: 60_000,
  keepAliveTimeoutMs: 10_000,
};

export const RETRY_AFTER_SECONDS = 5;

export interface ServerContext {
  readonly db: Db;
  readonly now: () => number;
  readonly limits: Limits;
  /** Run database-bound work, or refuse with 503 + Retry-After when too much is in flight. */
  readonly shed: <T>(work: () => Promise<T>) => Promise<T>;
  /** Marks the admin cookie Secure when served over TLS. */
  readonly secureCookies: boolean;
  /** Signs the reply files offices import without network. */
  readonly signer: ServerSigner;
  /** Opens what offices sealed to the province (sync files, escrows). */
  readonly sealer: ServerSealer;
  /** Installers offered to offices; null when the server has none configured. */
  readonly updatesDir: string | null;
  /** Computes an office's quality-system row again after it pushed (off the request path). */
  readonly qmsRefresh: QmsRefresher;
}

export const makeShedder = (max: number) => {
  let inflight = 0;
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (inflight >= max) {
      throw new HttpError(503, 'BUSY', undefined, { retryAfter: RETRY_AFTER_SECONDS });
    }
    inflight++;
    try {
      return await work();
    } finally {
      inflight--;
    }
  };
};
