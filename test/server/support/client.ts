// A small real client over HTTP: an office PC with an Ed25519 key (node:crypto), and a
// province user with a session cookie. Tests drive the listening server only through these.
import type { KeyObject } from 'node:crypto';
import { generateKeyPairSync, sign } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import type { Op } from '../../../core/sync/protocol';
import { authMessage, HEADERS, SCHEMA_VERSION } from '../../../core/sync/protocol';
import { sealContext } from '../../../core/sync/sealing';
import { encodeSyncFile } from '../../../core/sync/sync-file';
import { generateBoxKey, openSealed, type BoxKeyPair } from '../../../services/security/sealed-box';

export interface Reply<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface SendOptions {
  readonly body?: unknown;
  readonly raw?: Uint8Array | string;
  readonly headers?: Record<string, string>;
  readonly gzip?: boolean;
}

export const send = async <T = Record<string, unknown>>(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Reply<T>> => {
  const headers: Record<string, string> = { ...options.headers };
  let payload: Uint8Array | string | undefined = options.raw;
  if (options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (options.gzip && payload !== undefined) {
    payload = gzipSync(payload);
    headers['content-encoding'] = 'gzip';
  }
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    ...(payload !== undefined ? { body: payload } : {}),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the assertion message
  }
  return { status: response.status, body: body as T, headers: response.headers };
};

export interface DeviceOptions {
  readonly appVersion?: string;
  readonly schemaVersion?: number;
  /** How far this PC's clock is off; only ever lands in clientTime. */
  readonly clockOffsetMs?: number;
}

export class TestDevice {
  readonly privateKey: KeyObject;
  readonly publicKeyB64: string;
  /** The X25519 key the province seals restore pages and scans to. */
  readonly box: BoxKeyPair = generateBoxKey();
  deviceId = '';
  officeId = '';
  token = '';
  seq = 0;

  constructor(
    readonly baseUrl: string,
    readonly options: DeviceOptions = {},
  ) {
    const keys = generateKeyPairSync('ed25519');
    this.privateKey = keys.privateKey;
    this.publicKeyB64 = keys.publicKey.export({ format: 'jwk' }).x as string;
  }

  now(): number {
    return Date.now() + (this.options.clockOffsetMs ?? 0);
  }

  versionHeaders(): Record<string, string> {
    return {
      [HEADERS.appVersion]: this.options.appVersion ?? '0.2.0',
      [HEADERS.schemaVersion]: String(this.options.schemaVersion ?? SCHEMA_VERSION),
    };
  }

  authHeaders(): Record<string, string> {
    return {
      ...this.versionHeaders(),
      authorization: `Bearer ${this.token}`,
      [HEADERS.device]: this.deviceId,
    };
  }

  async enroll(code: string): Promise<Reply> {
    const reply = await send(this.baseUrl, 'POST', '/v1/enroll', {
      headers: this.versionHeaders(),
      body: {
        code,
        publicKey: this.publicKeyB64,
        sealPublicKey: this.box.publicKey,
        deviceName: 'Máy một cửa',
        appVersion: this.options.appVersion ?? '0.2.0',
        schemaVersion: this.options.schemaVersion ?? SCHEMA_VERSION,
      },
    });
    if (reply.status === 200) {
      this.deviceId = reply.body.deviceId as string;
      this.officeId = reply.body.officeId as string;
    }
    return reply;
  }

  signNonce(nonce: string): string {
    return sign(null, Buffer.from(authMessage(this.deviceId, nonce)), this.privateKey).toString(
      'base64url',
    );
  }

  async authenticate(): Promise<Reply> {
    const challenge = await send(this.baseUrl, 'POST', '/v1/auth/challenge', {
      headers: this.versionHeaders(),
      body: { deviceId: this.deviceId },
    });
    if (challenge.status !== 200) return challenge;
    const nonce = challenge.body.nonce as string;
    const reply = await send(this.baseUrl, 'POST', '/v1/auth/token', {
      headers: this.versionHeaders(),
      body: { deviceId: this.deviceId, nonce, signature: this.signNonce(nonce) },
    });
    if (reply.status === 200) this.token = reply.body.token as string;
    return reply;
  }

  op(entity: string, row: Record<string, unknown>, operation: Op['operation'] = 'upsert'): Op {
    return {
      opId: uuidv7(),
      deviceId: this.deviceId,
      clientSeq: ++this.seq,
      entity,
      entityId: String(row.id),
      operation,
      row,
      schemaVersion: this.options.schemaVersion ?? SCHEMA_VERSION,
      clientTime: this.now(),
    };
  }

  push(ops: readonly Op[], gzip = false) {
    return send(this.baseUrl, 'POST', '/v1/push', {
      headers: this.authHeaders(),
      body: { ops },
      gzip,
    });
  }

  pull(cursor: number, limit = 200) {
    return send(this.baseUrl, 'GET', `/v1/pull?cursor=${cursor}&limit=${limit}`, {
      headers: this.authHeaders(),
    });
  }

  /** The restore page as the server sends it: sealed to this device. */
  restoreSealed(cursor: number, limit = 200) {
    return send(this.baseUrl, 'GET', `/v1/restore?cursor=${cursor}&limit=${limit}`, {
      headers: this.authHeaders(),
    });
  }

  /** The restore page opened with this device's X25519 key. */
  async restore(cursor: number, limit = 200): Promise<Reply> {
    const reply = await this.restoreSealed(cursor, limit);
    if (reply.status !== 200) return reply;
    const plain = openSealed(
      this.box.privateKey,
      Buffer.from(String(reply.body.sealed), 'base64'),
      sealContext.restorePage(this.deviceId, cursor),
    );
    if (!plain) throw new Error('restore page not sealed to this device');
    return {
      ...reply,
      body: JSON.parse(gunzipSync(plain).toString('utf8')) as Record<string, unknown>,
    };
  }

  /** A restored scan's bytes, opened with this device's key (null: not sealed to it). */
  openFile(sealed: Uint8Array, sha256: string): Buffer | null {
    return openSealed(this.box.privateKey, sealed, sealContext.restoreFile(this.deviceId, sha256));
  }
}

export class TestAdmin {
  cookie = '';
  constructor(readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<Reply> {
    const reply = await send(this.baseUrl, 'POST', '/v1/admin/login', {
      body: { username, password },
    });
    const setCookie = reply.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0];
    return reply;
  }

  call(method: string, path: string, options: SendOptions = {}) {
    return send(this.baseUrl, method, path, {
      ...options,
      headers: { cookie: this.cookie, ...options.headers },
    });
  }

  async createOffice(agencyCode: string, name: string) {
    const reply = await this.call('POST', '/v1/admin/offices', { body: { agencyCode, name } });
    if (reply.status !== 201) throw new Error(`createOffice: ${JSON.stringify(reply.body)}`);
    return reply.body as { officeId: string; code: string; expiresAt: number };
  }

  async newCode(officeId: string) {
    const reply = await this.call('POST', `/v1/admin/offices/${officeId}/enrollment-code`);
    if (reply.status !== 200) throw new Error(`newCode: ${JSON.stringify(reply.body)}`);
    return reply.body.code as string;
  }
}

/** A dossier row in the current (schema 2) format. */
export const dossierRow = (id: string, patch: Record<string, unknown> = {}) => ({
  id,
  code: `000.00.12.H56-251120-${id.slice(-4)}`,
  procedureCode: '1.001193',
  status: 'processing',
  applicantName: 'Nguyễn Văn An',
  receivedAt: 1_763_600_000_000,
  dueAt: 1_763_700_000_000,
  returnedAt: null,
  outcome: null,
  updatedAt: 1_763_600_000_000,
  ...patch,
});

/** Builds a USB sync file as the desktop will: envelope → gzip → Ed25519 over the gzip bytes
 * and, with scans (version 2), over the scans appended after it. `files` may lie about a
 * scan's sha256, to test the server's check. */
export const buildSyncFile = (
  signer: TestDevice,
  claims: { deviceId: string; agencyCode: string },
  ops: readonly Op[],
  files: readonly { sha256: string; bytes: Uint8Array }[] = [],
): Uint8Array => {
  const version = files.length > 0 ? 2 : 1;
  const listed = files.map((f) => ({ sha256: f.sha256, size: f.bytes.length }));
  const envelope = {
    format: 'isoxa-sync',
    version,
    deviceId: claims.deviceId,
    officeAgencyCode: claims.agencyCode,
    createdAt: signer.now(),
    ops,
    ...(version === 2 ? { files: listed } : {}),
  };
  const gz = gzipSync(JSON.stringify(envelope));
  const payload = Buffer.concat([gz, ...files.map((f) => f.bytes)]);
  return encodeSyncFile({
    header: {
      format: 'isoxa-sync',
      version,
      deviceId: claims.deviceId,
      officeAgencyCode: claims.agencyCode,
      createdAt: envelope.createdAt,
      opCount: ops.length,
      ...(version === 2 ? { fileCount: files.length, envelopeBytes: gz.length } : {}),
      payloadBytes: payload.length,
    },
    signature: sign(null, payload, signer.privateKey),
    payload,
  });
};
