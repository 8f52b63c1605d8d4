// The province's judgement of each audit row an office sends (core/audit/continuity.ts), and the
// entity check that refuses deleting one.
import { describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../../core/audit/chain';
import { describeProvinceBreak, judgeRow } from '../../../core/audit/continuity';
import { checkOpRow } from '../../../core/sync/entities';

const h = (c: string) => c.repeat(64);
const sent = (seq: number, prevHash: string, hash: string, recomputed = hash, id = `r${seq}`) => ({
  seq,
  id,
  prevHash,
  hash,
  recomputed,
});

describe('judgeRow', () => {
  const head = { seq: 5, rowId: 'r5', hash: h('5') };

  it('keeps the first row of an office and the row after the head', () => {
    expect(judgeRow(null, null, sent(1, GENESIS_HASH, h('1')))).toEqual({
      keep: true,
      broken: null,
    });
    expect(judgeRow(head, null, sent(6, h('5'), h('6')))).toEqual({ keep: true, broken: null });
  });

  it('names a row that does not follow the head (a rebuilt log) and goes on from it', () => {
    expect(judgeRow(head, null, sent(6, h('x'), h('6')))).toEqual({
      keep: true,
      broken: 'unlinked',
    });
    expect(judgeRow(null, null, sent(1, h('x'), h('1')))).toEqual({
      keep: true,
      broken: 'unlinked',
    });
  });

  it('names missing rows, and a row whose hash does not cover its content', () => {
    expect(judgeRow(head, null, sent(9, h('8'), h('9')))).toEqual({
      keep: true,
      broken: 'missing',
    });
    expect(judgeRow(null, null, sent(3, GENESIS_HASH, h('3')))).toEqual({
      keep: true,
      broken: 'missing',
    });
    expect(judgeRow(head, null, sent(6, h('5'), h('6'), h('e')))).toEqual({
      keep: true,
      broken: 'edited',
    });
  });

  it('takes a held row sent again unchanged, never a different one in its place', () => {
    const held = { seq: 3, rowId: 'r3', hash: h('3') };
    expect(judgeRow(head, held, sent(3, h('2'), h('3')))).toEqual({ keep: false, broken: null });
    expect(judgeRow(head, held, sent(3, h('2'), h('d')))).toEqual({
      keep: false,
      broken: 'rewritten',
    });
    expect(judgeRow(head, held, sent(3, h('2'), h('3'), h('3'), 'other'))).toEqual({
      keep: false,
      broken: 'rewritten',
    });
    // A row before the head the province never had (a fresh PC starting over).
    expect(judgeRow(head, null, sent(2, h('1'), h('2')))).toEqual({
      keep: false,
      broken: 'rewritten',
    });
  });

  it('words each break in Vietnamese with the row numbers', () => {
    expect(describeProvinceBreak('missing', 9, 5)).toBe(
      'Thiếu dòng số 6 đến 8: tỉnh nhận dòng số 9 khi mới giữ đến dòng số 5.',
    );
    expect(describeProvinceBreak('missing', 7, 5)).toContain('Thiếu dòng số 6:');
    expect(describeProvinceBreak('unlinked', 1201, 1200)).toContain(
      'Dòng số 1.201 không nối tiếp dòng số 1.200',
    );
    expect(describeProvinceBreak('edited', 6, 5)).toContain('Nội dung dòng số 6');
    expect(describeProvinceBreak('rewritten', 3, 5)).toContain('đã bị viết lại');
  });
});

describe('audit_row entity', () => {
  const row = {
    id: 'a1',
    updatedAt: 1,
    seq: 1,
    at: 1,
    actorId: null,
    actorName: null,
    operation: 'office.update',
    entity: 'office',
    entityId: null,
    summary: 'Cập nhật',
    prevHash: GENESIS_HASH,
    hash: h('a'),
  };
  const op = (operation: 'upsert' | 'delete', r: Record<string, unknown>) => ({
    opId: '0193a0a0-0000-7000-8000-000000000001',
    deviceId: '0193a0a0-0000-7000-8000-000000000002',
    clientSeq: 1,
    entity: 'audit_row',
    entityId: 'a1',
    operation,
    row: r,
    schemaVersion: 1,
    clientTime: 1,
  });

  it('is taken with its chain fields, and can never be deleted', () => {
    expect(checkOpRow(op('upsert', row)).ok).toBe(true);
    const noHash: Record<string, unknown> = { ...row };
    delete noHash.hash;
    expect(checkOpRow(op('upsert', noHash))).toMatchObject({ ok: false });
    expect(checkOpRow(op('delete', { id: 'a1', updatedAt: 2 }))).toEqual({
      ok: false,
      reason: 'Dòng nhật ký hệ thống không được xóa.',
    });
  });
});
