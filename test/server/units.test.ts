// Pure parts of the protocol and the server's configuration.
import { describe, expect, it } from 'vitest';
import { checkOpRow, findUnstorable } from '../../core/sync/entities';
import type { Op } from '../../core/sync/protocol';
import { normalizeEnrollmentCode } from '../../core/sync/protocol';
import { decodeSyncFile, encodeSyncFile } from '../../core/sync/sync-file';
import { upgradeOp } from '../../core/sync/upgrade';
import { listenProblem, parseConfig } from '../../server/config';
import { makeShedder } from '../../server/http/context';
import { HttpError } from '../../server/http/errors';
import { vietnamMonthStart } from '../../server/province/summary';
import { hashEnrollmentCode, newEnrollmentCode } from '../../server/security/crypto';
import { hashPassword, verifyPassword } from '../../services/passwords';

const op = (patch: Partial<Op>): Op => ({
  opId: '01900000-0000-7000-8000-000000000000',
  deviceId: '01900000-0000-7000-8000-000000000001',
  clientSeq: 1,
  entity: 'dossier',
  entityId: 'd1',
  operation: 'upsert',
  row: {},
  schemaVersion: 2,
  clientTime: 0,
  ...patch,
});

describe('op formats', () => {
  it('upgrades schema 1 snake_case rows, keeping fields written by newer code', () => {
    const result = upgradeOp(
      op({ schemaVersion: 1, row: { id: 'd1', due_at: 5, dueAt: 9, applicant_name: 'A' } }),
    );
    expect(result).toEqual({
      ok: true,
      op: op({ schemaVersion: 2, row: { id: 'd1', dueAt: 9, applicantName: 'A' } }),
    });
    expect(upgradeOp(op({ schemaVersion: 0 }))).toEqual({ ok: false, tooOld: true });
    expect(upgradeOp(op({ schemaVersion: 3 }))).toEqual({ ok: false, tooOld: false });
  });

  it('checks rows against the entity registry', () => {
    const row = {
      id: 'd1',
      updatedAt: 1,
      code: 'C',
      status: 'processing',
      receivedAt: 1,
      dueAt: 2,
    };
    expect(checkOpRow(op({ row })).ok).toBe(true);
    expect(checkOpRow(op({ row: { ...row, outcome: 'sớm' } })).ok).toBe(false);
    expect(checkOpRow(op({ operation: 'delete', row: { id: 'd1', updatedAt: 3 } })).ok).toBe(true);
    expect(checkOpRow(op({ row: { ...row, note: 'a\u0000b' } }))).toMatchObject({ ok: false });
    expect(findUnstorable({ a: [{ b: 'ok' }, { 'c\u0000': 1 }] })).toBe('a[1].c\u0000');
  });

  it('frames a sync file and refuses a truncated or foreign one', () => {
    const payload = Uint8Array.from([0x1f, 0x8b, 1, 2, 3]);
    const header = {
      format: 'isoxa-sync' as const,
      version: 1 as const,
      deviceId: '01900000-0000-7000-8000-000000000001',
      officeAgencyCode: '000.00.12.H56',
      createdAt: 1,
      opCount: 0,
      payloadBytes: payload.length,
    };
    const bytes = encodeSyncFile({ header, signature: new Uint8Array(64).fill(7), payload });
    const parts = decodeSyncFile(bytes);
    expect(parts?.header).toEqual(header);
    expect([...(parts?.payload ?? [])]).toEqual([...payload]);
    expect(decodeSyncFile(bytes.subarray(0, bytes.length - 1))).toBeNull();
    expect(
      decodeSyncFile(new TextEncoder().encode('PK\u0003\u0004 not a sync file at all....')),
    ).toBeNull();
  });
});

describe('server configuration', () => {
  it('serves plain HTTP on loopback only, unless TLS or an explicit opt-in', () => {
    expect(listenProblem({ host: '127.0.0.1', tls: null, allowPlainHttp: false })).toBeNull();
    expect(listenProblem({ host: '::1', tls: null, allowPlainHttp: false })).toBeNull();
    expect(listenProblem({ host: '0.0.0.0', tls: null, allowPlainHttp: false })).toContain('TLS');
    expect(listenProblem({ host: '10.0.0.5', tls: null, allowPlainHttp: true })).toBeNull();
    const tls = { certPath: 'c.pem', keyPath: 'k.pem' };
    expect(listenProblem({ host: '0.0.0.0', tls, allowPlainHttp: false })).toBeNull();
    expect(parseConfig(['--host', '0.0.0.0'], { ISOXA_ALLOW_PLAIN_HTTP: '1' }).allowPlainHttp).toBe(
      true,
    );
  });

  it('starts zero-setup on PGlite with a demo, and on PostgreSQL without one', () => {
    const local = parseConfig([], {});
    expect(local).toMatchObject({ host: '127.0.0.1', databaseUrl: null, demo: true });
    expect(local.dataDir).toBe('.data/server-pglite');
    expect(parseConfig(['--memory'], {}).dataDir).toBeNull();
    const prod = parseConfig([], { DATABASE_URL: 'postgres://x@db/isoxa' });
    expect(prod).toMatchObject({ databaseUrl: 'postgres://x@db/isoxa', demo: false });
    expect(() => parseConfig(['--tls-cert', 'c.pem'], {})).toThrow(/khóa/);
  });

  it('sheds work beyond the in-flight limit', async () => {
    const shed = makeShedder(1);
    let release = () => {};
    const held = shed(() => new Promise<void>((resolve) => (release = resolve)));
    await expect(shed(() => Promise.resolve(1))).rejects.toBeInstanceOf(HttpError);
    release();
    await held;
    await expect(shed(() => Promise.resolve(2))).resolves.toBe(2);
  });
});

describe('secrets', () => {
  it('makes readable one-time codes that survive sloppy typing', () => {
    const code = newEnrollmentCode();
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(hashEnrollmentCode(` ${code.toLowerCase().replaceAll('-', ' ')} `)).toBe(
      hashEnrollmentCode(code),
    );
    expect(normalizeEnrollmentCode('ab cd-ef')).toBe('ABCDEF');
  });

  it('hashes passwords with scrypt', async () => {
    const stored = await hashPassword('demo1234');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('demo1234', stored)).toBe(true);
    expect(await verifyPassword('demo12345', stored)).toBe(false);
    expect(await verifyPassword('demo1234', null)).toBe(false);
  });

  it('counts the month in Vietnam time', () => {
    // 2026-03-31T18:00Z is already 1 April in Vietnam.
    expect(vietnamMonthStart(Date.UTC(2026, 2, 31, 18))).toBe(Date.UTC(2026, 2, 31, 17));
  });
});
