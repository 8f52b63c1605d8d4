// The device side of the wire protocol: version headers on every request, gzip bodies, every
// answer checked with the shared schema, and every failure turned into a SyncFailure whose
// message is plain Vietnamese. Tokens come from a signed challenge and live in memory only;
// their lifetime is measured on this PC's monotonic clock, never its wall clock.
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { z } from 'zod';
import { syncError } from '../../core/sync/errors';
import {
  challengeResponse,
  HEADERS,
  SCHEMA_VERSION,
  tokenResponse,
  type TokenResponse,
} from '../../core/sync/protocol';
import type { Identity } from './state';
import { sealKeyRegistration, signChallenge } from './state';

const gzipAsync = promisify(gzip);

export type FailureKind =
  | 'network'
  | 'timeout'
  | 'unauthenticated'
  | 'revoked'
  | 'upgrade'
  | 'busy'
  | 'tooLarge'
  | 'refused'
  | 'server'
  | 'protocol';

export class SyncFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly status: number | null = null,
    readonly code: string | null = null,
    readonly retryAfterMs: number | null = null,
    /** The server's details of a refusal (e.g. OFFICE_MISMATCH: the code's office name, code). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export const MESSAGES = {
  network: (host: string) =>
    `Không kết nối được máy chủ tỉnh (${host}). Kiểm tra kết nối mạng; phần mềm sẽ tự thử lại.`,
  timeout: (host: string) =>
    `Máy chủ tỉnh (${host}) không trả lời kịp. Phần mềm sẽ tự thử lại sau.`,
  server: 'Máy chủ tỉnh gặp lỗi. Phần mềm sẽ tự thử lại sau.',
  protocol:
    'Máy chủ tỉnh trả lời không đúng định dạng. Kiểm tra lại địa chỉ máy chủ hoặc liên hệ Sở.',
  upgrade: 'Cần cập nhật phần mềm: phiên bản ISO Xã trên máy này đã quá cũ để đồng bộ.',
} as const;

export interface HttpOptions {
  readonly baseUrl: string;
  readonly appVersion: string;
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
  /** Headers added to every authenticated request (the outbox report). */
  readonly deviceHeaders?: () => Record<string, string>;
}

interface RequestOptions {
  readonly body?: unknown;
  /** Already gzip-compressed JSON. */
  readonly gzipped?: Uint8Array;
  /** Raw bytes (a file chunk), sent as application/octet-stream. */
  readonly binary?: Uint8Array;
  readonly auth?: { readonly token: string; readonly deviceId: string };
}

export async function gzipText(text: string): Promise<Uint8Array> {
  return gzipAsync(Buffer.from(text));
}

/** App versions travel in a header that allows [0-9A-Za-z.+-] only. */
function headerVersion(v: string): string {
  const clean = v.replace(/[^0-9A-Za-z.+-]/g, '').slice(0, 32);
  return clean || '0.0.0';
}

export class SyncHttp {
  private readonly host: string;
  constructor(private readonly options: HttpOptions) {
    this.host = new URL(options.baseUrl).host;
  }

  get appVersion(): string {
    return headerVersion(this.options.appVersion);
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: z.ZodType<T>,
    options: RequestOptions = {},
  ): Promise<T> {
    const headers: Record<string, string> = {
      [HEADERS.appVersion]: this.appVersion,
      [HEADERS.schemaVersion]: String(SCHEMA_VERSION),
      // fetch inflates the answer; the province gzips push, pull and restore answers.
      'accept-encoding': 'gzip',
    };
    let body: Uint8Array | string | undefined;
    if (options.gzipped) {
      body = options.gzipped;
      headers['content-type'] = 'application/json';
      headers['content-encoding'] = 'gzip';
    } else if (options.binary) {
      body = options.binary;
      headers['content-type'] = 'application/octet-stream';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (options.auth) {
      headers.authorization = `Bearer ${options.auth.token}`;
      headers[HEADERS.device] = options.auth.deviceId;
      Object.assign(headers, this.options.deviceHeaders?.());
    }
    const url = new URL(path, this.options.baseUrl).toString();
    let response: Response;
    let text: string;
    try {
      const doFetch = this.options.fetch ?? fetch;
      response = await doFetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      const name = (error as { name?: string } | null)?.name;
      if (name === 'TimeoutError') throw new SyncFailure('timeout', MESSAGES.timeout(this.host));
      throw new SyncFailure('network', MESSAGES.network(this.host));
    }
    let json: unknown = undefined;
    try {
      json = JSON.parse(text);
    } catch {
      // handled below: a 2xx must be JSON; an error without JSON gets a generic message
    }
    if (response.status >= 200 && response.status < 300) {
      const parsed = schema.safeParse(json);
      if (!parsed.success) throw new SyncFailure('protocol', MESSAGES.protocol, response.status);
      return parsed.data;
    }
    throw this.failure(response, json);
  }

  /** An authenticated GET of raw bytes (a file), refused beyond maxBytes; failures as above. */
  async bytes(
    path: string,
    auth: { readonly token: string; readonly deviceId: string },
    maxBytes: number,
  ): Promise<Uint8Array> {
    const headers: Record<string, string> = {
      [HEADERS.appVersion]: this.appVersion,
      [HEADERS.schemaVersion]: String(SCHEMA_VERSION),
      authorization: `Bearer ${auth.token}`,
      [HEADERS.device]: auth.deviceId,
      ...this.options.deviceHeaders?.(),
    };
    let response: Response;
    let bytes: Uint8Array;
    try {
      response = await (this.options.fetch ?? fetch)(new URL(path, this.options.baseUrl), {
        headers,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'error',
      });
      if (Number(response.headers.get('content-length')) > maxBytes) {
        await response.body?.cancel();
        throw new SyncFailure('protocol', MESSAGES.protocol, response.status);
      }
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      if (error instanceof SyncFailure) throw error;
      const name = (error as { name?: string } | null)?.name;
      if (name === 'TimeoutError') throw new SyncFailure('timeout', MESSAGES.timeout(this.host));
      throw new SyncFailure('network', MESSAGES.network(this.host));
    }
    if (response.status >= 200 && response.status < 300) {
      if (bytes.length > maxBytes) throw new SyncFailure('protocol', MESSAGES.protocol);
      return bytes;
    }
    let json: unknown = undefined;
    try {
      json = JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      // an error without JSON gets a generic message
    }
    throw this.failure(response, json);
  }

  private failure(response: Response, json: unknown): SyncFailure {
    const status = response.status;
    const parsed = syncError.safeParse(json);
    const code = parsed.success ? parsed.data.code : null;
    const message = parsed.success ? parsed.data.message : null;
    const retryHeader = Number(response.headers.get('retry-after'));
    const retryAfterMs =
      Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader * 1000 : null;
    if (status === 426) return new SyncFailure('upgrade', MESSAGES.upgrade, status, code);
    if (status === 401)
      return new SyncFailure('unauthenticated', message ?? MESSAGES.protocol, status, code);
    if (status === 403 && code === 'DEVICE_REVOKED')
      return new SyncFailure('revoked', message ?? MESSAGES.protocol, status, code);
    if (status === 413)
      return new SyncFailure('tooLarge', message ?? MESSAGES.server, status, code);
    if (status === 429 || status === 503)
      return new SyncFailure('busy', message ?? MESSAGES.server, status, code, retryAfterMs);
    if (status >= 500) return new SyncFailure('server', MESSAGES.server, status, code);
    // Any other 4xx: the server refused this request as such; a person must look.
    if (message) {
      const details = parsed.success ? (parsed.data.details ?? []) : [];
      return new SyncFailure('refused', message, status, code, null, details);
    }
    // Not the ISO Xã server at all (a captive portal, a wrong address): no JSON error body.
    return new SyncFailure('protocol', MESSAGES.protocol, status, code);
  }
}

interface CachedToken {
  readonly token: string;
  readonly deviceId: string;
  /** performance.now() after which the token is not used any more. */
  readonly validUntil: number;
}

/** Keeps a device token in memory until shortly before it expires; refreshes on 401. */
export class DeviceAuth {
  private cached: CachedToken | null = null;
  /** The highest client_seq the server holds for this device, from the last token. */
  lastClientSeq = 0;
  /** The server's signing key, from the last token (servers before reply files send none). */
  serverPublicKey: string | null = null;
  /** The province's X25519 key, from the last token (servers before sealing send none). */
  serverSealKey: string | null = null;
  /** This device's number in its office, from the last token (older servers send none). */
  deviceNo: number | null = null;

  clear(): void {
    this.cached = null;
  }

  async token(http: SyncHttp, id: Identity): Promise<string> {
    const c = this.cached;
    if (c && c.deviceId === id.deviceId && performance.now() < c.validUntil) return c.token;
    const challenge = await http.request('POST', '/v1/auth/challenge', challengeResponse, {
      body: { deviceId: id.deviceId },
    });
    const started = performance.now();
    const reply: TokenResponse = await http.request('POST', '/v1/auth/token', tokenResponse, {
      body: {
        deviceId: id.deviceId,
        nonce: challenge.nonce,
        signature: signChallenge(id, challenge.nonce),
        // This PC's X25519 key, signed: a device enrolled before it had one registers it.
        ...sealKeyRegistration(id),
        ...(id.escrow ? { escrow: id.escrow } : {}),
      },
    });
    // A minute's margin (or a tenth of a short lifetime) so a token never expires in flight.
    const margin = Math.min(60_000, reply.expiresInMs / 10);
    this.cached = {
      token: reply.token,
      deviceId: id.deviceId,
      validUntil: started + reply.expiresInMs - margin,
    };
    this.lastClientSeq = reply.lastClientSeq;
    this.serverPublicKey = reply.serverPublicKey ?? null;
    this.serverSealKey = reply.serverSealKey ?? null;
    this.deviceNo = reply.deviceNo ?? null;
    return reply.token;
  }

  /** Runs an authenticated request; on 401 gets a fresh token and tries once more. */
  async with<T>(
    http: SyncHttp,
    id: Identity,
    fn: (auth: { token: string; deviceId: string }) => Promise<T>,
  ): Promise<T> {
    const first = await this.token(http, id);
    try {
      return await fn({ token: first, deviceId: id.deviceId });
    } catch (error) {
      if (!(error instanceof SyncFailure) || error.kind !== 'unauthenticated') throw error;
      this.clear();
      const second = await this.token(http, id);
      return fn({ token: second, deviceId: id.deviceId });
    }
  }
}
