// No technical English reaches a person: every field of every contract input (and of the
// province admin requests) has a Vietnamese label, and a rejected input is worded with those
// labels and Vietnamese checks, never with field keys, zod's English or type names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSION_LABELS, PERMISSIONS } from '../../../core/auth/roles';
import { contract, OP_NAMES } from '../../../core/contract';
import { fieldLabel } from '../../../core/messages/labels';
import * as admin from '../../../core/sync/admin';
import { startSetUpApp, type TestApp } from '../../support/backend';

interface ZodLike {
  readonly _zod: { readonly def: { readonly type: string } & Record<string, unknown> };
}

/** Every object key reachable in a schema, with where it was found. */
function fieldKeys(schema: ZodLike, where: string, out: Map<string, string>, seen = new Set()) {
  if (seen.has(schema)) return;
  seen.add(schema);
  const def = schema._zod.def as Record<string, unknown> & { type: string };
  const walk = (s: unknown) => fieldKeys(s as ZodLike, where, out, seen);
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def['shape'] as Record<string, unknown>)) {
        if (!out.has(key)) out.set(key, where);
        walk(value);
      }
      break;
    case 'array':
      walk(def['element']);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      walk(def['innerType']);
      break;
    case 'pipe':
      walk(def['in']);
      walk(def['out']);
      break;
    case 'union':
      for (const o of def['options'] as unknown[]) walk(o);
      break;
    case 'intersection':
      walk(def['left']);
      walk(def['right']);
      break;
    case 'record':
      walk(def['valueType']);
      break;
    case 'tuple':
      for (const i of def['items'] as unknown[]) walk(i);
      break;
    case 'lazy':
      walk((def['getter'] as () => unknown)());
      break;
    default:
  }
}

const isSchema = (v: unknown): v is ZodLike => typeof v === 'object' && v !== null && '_zod' in v;

describe('Vietnamese labels for every input field', () => {
  it('labels every field of every contract operation input', () => {
    const keys = new Map<string, string>();
    for (const name of OP_NAMES) fieldKeys(contract[name].input as unknown as ZodLike, name, keys);
    expect(keys.size).toBeGreaterThan(50);
    const missing = [...keys].filter(([key]) => !fieldLabel(key)).map(([k, w]) => `${k} (${w})`);
    expect(missing).toEqual([]);
  });

  it('labels every field of the province admin requests', () => {
    const keys = new Map<string, string>();
    for (const [name, value] of Object.entries(admin)) {
      if (isSchema(value) && /Request$|Params$|Query$/.test(name)) fieldKeys(value, name, keys);
    }
    expect(keys.size).toBeGreaterThan(20);
    const missing = [...keys].filter(([key]) => !fieldLabel(key)).map(([k, w]) => `${k} (${w})`);
    expect(missing).toEqual([]);
  });

  it('names every permission in Vietnamese', () => {
    for (const p of PERMISSIONS) {
      expect(PERMISSION_LABELS[p], p).toMatch(/[ạ-ỹà-ýđ]/);
      expect(PERMISSION_LABELS[p]).not.toContain(p);
    }
  });
});

// Field keys (camelCase or dotted paths), zod's English and its type names.
const TECHNICAL =
  /\b[a-z]+[A-Z]\w*\b|\b\w+\.\w+\b|Invalid|expected|Too (small|big)|Unrecognized|Required|\b(string|number|boolean|object|array|undefined|int|uuid)\b/;

describe('rejected input in Vietnamese', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startSetUpApp();
  });
  afterAll(() => app.close());

  it('words a bad new user with field labels, next to nothing technical', async () => {
    const r = await app.backend.call('admin', 'users.create', {
      fullName: '',
      username: 'A',
      title: 'Công chức',
      roles: [],
      password: 'x',
      extra: 1,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = [r.error.message, ...(r.error.details ?? [])].join(' | ');
    expect(text).toContain('Họ và tên');
    expect(text).toContain('Tên đăng nhập');
    expect(text).toContain('Vai trò');
    expect(text).toContain('Mật khẩu');
    expect(text).not.toMatch(TECHNICAL);
  });

  it('words a bad dossier with labels of nested fields', async () => {
    const r = await app.backend.call('admin', 'dossiers.receive', {
      applicant: { fullName: 5 },
      documents: [{ name: '', count: -1 }],
      sets: -3,
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = (r.error.details ?? []).join(' | ');
    expect(text).toContain('Người nộp hồ sơ › họ và tên');
    expect(text).toContain('Số bộ hồ sơ');
    expect(text).not.toMatch(TECHNICAL);
  });

  it.each(OP_NAMES)('%s refuses malformed input without technical words', async (name) => {
    for (const input of [null, 'chuỗi', { __bogus: 1 }]) {
      const r = await app.backend.call('admin', name, input);
      if (r.ok) continue;
      const text = [r.error.message, ...(r.error.details ?? [])].join(' | ');
      expect(text, `${name} ${JSON.stringify(input)}`).not.toMatch(TECHNICAL);
    }
  });
});
