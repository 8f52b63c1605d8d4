// Words people never see: internal names of settings, files and the sync protocol, and
// permission keys shown when a label is missing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = [
  /Thao tác nhận/,
  /lược đồ/i,
  /ISOXA_[A-Z_]+/,
  /resources\/catalog/,
  /procedures\.json/,
  /PERMISSION_LABELS\[[^\]]+\] \?\? p\b/,
];

describe('screens speak the users’ language', () => {
  it('shows no internal names on the desk or the province dashboard', () => {
    const found: string[] = [];
    for (const f of fs.readdirSync('renderer', { recursive: true, encoding: 'utf8' })) {
      if (!/\.tsx?$/.test(f)) continue;
      const text = fs.readFileSync(path.join('renderer', f), 'utf8');
      for (const re of FORBIDDEN) if (re.test(text)) found.push(`${f}: ${re.source}`);
    }
    expect(found).toEqual([]);
  });
});
