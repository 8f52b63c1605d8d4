// The desk and the province dashboard load their screens with one hook
// (renderer/src/components/use-load.ts): a second copy would drift (it already had: no
// loading flag, no setData).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('one useLoad hook', () => {
  it('is defined once under renderer/', () => {
    const defining = fs
      .readdirSync('renderer', { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .filter((f) =>
        /export function useLoad\b/.test(fs.readFileSync(path.join('renderer', f), 'utf8')),
      );
    expect(defining).toEqual([path.join('src', 'components', 'use-load.ts')]);
  });
});
