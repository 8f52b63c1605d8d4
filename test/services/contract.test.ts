// Every contract operation rejects malformed input with INVALID_INPUT and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, OP_NAMES } from '../../core/contract';
import { defineContract, op } from '../../core/contract/define';
import { HANDLERS } from '../../services/app';
import { mergeHandlers } from '../../services/handlers';
import { dumpDatabase, startSetUpApp, type TestApp } from '../support/backend';
import { z } from 'zod';

const MALFORMED: readonly unknown[] = [
  null,
  42,
  'chuỗi',
  [],
  { __bogus: 1 },
  { id: { $ne: null } },
];

describe('the contract', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startSetUpApp();
  });
  afterAll(() => app.close());

  it('has a handler for every operation and no handler without an operation', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...OP_NAMES].sort());
  });

  it('names every operation area.verb', () => {
    for (const name of OP_NAMES) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
  });

  it.each(OP_NAMES)('%s rejects malformed input and writes nothing', async (name) => {
    const before = dumpDatabase(app.backend);
    for (const input of MALFORMED) {
      const result = await app.backend.call('admin', name, input);
      expect(result.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('INVALID_INPUT');
        expect(result.error.message).toBe('Dữ liệu nhập không hợp lệ.');
      }
    }
    expect(dumpDatabase(app.backend)).toBe(before);
  });

  it('rejects unknown operation names', async () => {
    for (const name of [
      'users.drop',
      '__proto__',
      'constructor',
      'toString',
      '',
      'a'.repeat(5000),
    ]) {
      const result = await app.backend.call('admin', name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    }
  });

  it('refuses a duplicate operation or handler name', () => {
    const a = { 'x.y': op({ input: z.object({}), output: z.object({}), access: 'public' }) };
    expect(() => defineContract(a, a)).toThrow(/Duplicate/);
    expect(() =>
      mergeHandlers(
        { 'auth.logout': () => ({ done: true }) },
        { 'auth.logout': () => ({ done: true }) },
      ),
    ).toThrow(/twice/);
  });

  it('checks access before running a handler', async () => {
    const forbidden = OP_NAMES.filter((n) => contract[n].access !== 'public');
    for (const name of forbidden) {
      const r = await app.backend.call('nobody', name, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['NOT_AUTHENTICATED', 'INVALID_INPUT']).toContain(r.error.code);
    }
  });
});
