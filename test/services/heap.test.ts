// services/heap.ts: once the backend has started, V8's young generation stays at its size.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function run(mode: 'hold' | 'free'): { before: number; after: number } {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.resolve('test/services/support/heap-child.ts'), mode],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`heap child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { before: number; after: number };
}

describe('holdYoungGeneration', () => {
  it('keeps the young generation from growing under allocation churn', () => {
    const held = run('hold');
    expect(held.after).toBeLessThanOrEqual(held.before);
  });

  it('is what stops the growth: without it the same churn grows the young generation', () => {
    const free = run('free');
    expect(free.after).toBeGreaterThan(free.before);
  });
});
