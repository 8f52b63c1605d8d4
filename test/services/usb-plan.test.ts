// How an export is cut into sync files: within the size, in op order, each part with the scans
// its own ops refer to, and never a part without an op.
import { describe, expect, it } from 'vitest';
import type { Op } from '../../core/sync/protocol';
import { planParts } from '../../services/sync/usb-plan';

const MB = 1024 * 1024;
let seq = 0;
const op = (entity: string, row: Record<string, unknown>): Op => ({
  opId: `00000000-0000-7000-8000-${String(++seq).padStart(12, '0')}`,
  deviceId: '00000000-0000-7000-8000-000000000000',
  clientSeq: seq,
  entity,
  entityId: String(seq),
  operation: 'upsert',
  row,
  schemaVersion: 2,
  clientTime: 0,
});
const sha = (c: string) => c.repeat(64);
const dossier = () => op('dossier', { id: 'x' });
const attachment = (c: string) => op('attachment', { id: 'a', sha256: sha(c) });

describe('planParts', () => {
  it('keeps a small export whole and an empty one as one part', () => {
    const ops = [dossier(), attachment('a'), dossier()];
    expect(planParts(ops, new Map([[sha('a'), MB]]), 64 * MB)).toEqual([
      { ops, files: [sha('a')] },
    ]);
    expect(planParts([], new Map(), 64 * MB)).toEqual([{ ops: [], files: [] }]);
  });

  it('cuts before the op that would overflow; a scan two parts need travels in both', () => {
    const ops = [attachment('a'), dossier(), attachment('b'), attachment('a'), attachment('a')];
    const sizes = new Map([
      [sha('a'), 3 * MB],
      [sha('b'), 3 * MB],
    ]);
    const parts = planParts(ops, sizes, 5 * MB);
    expect(parts.map((p) => [p.ops.map((o) => o.clientSeq), p.files])).toEqual([
      [[ops[0]?.clientSeq, ops[1]?.clientSeq], [sha('a')]],
      [[ops[2]?.clientSeq], [sha('b')]],
      [[ops[3]?.clientSeq, ops[4]?.clientSeq], [sha('a')]],
    ]);
  });

  it('gives an op whose scan alone overflows a part of its own; a missing scan weighs nothing', () => {
    const ops = [dossier(), attachment('c'), attachment('d'), dossier()];
    const parts = planParts(ops, new Map([[sha('c'), 9 * MB]]), 4 * MB);
    expect(parts.map((p) => [p.ops.length, p.files])).toEqual([
      [1, []],
      [1, [sha('c')]],
      [2, []],
    ]);
  });
});
