// Vietnam time has one home: core/calendar/civil-time.ts. Its month/year/clock helpers are
// exact at the UTC+7 day boundary, and no other module recomputes the offset inline.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  civilMonthOf,
  startOfCivilMonth,
  startOfCivilYear,
  vietnamClockOf,
  vietnamStamp,
} from '../../../core/calendar/civil-time';

describe('Vietnam months, years and wall clock', () => {
  it('switches month and year at 17:00 UTC, not at UTC midnight', () => {
    const newYearVn = Date.UTC(2025, 11, 31, 17, 0); // 00:00 on 01/01/2026 in Hà Nội
    expect(civilMonthOf(newYearVn - 1)).toBe('2025-12');
    expect(civilMonthOf(newYearVn)).toBe('2026-01');
    expect(startOfCivilYear(newYearVn + 5)).toBe(newYearVn);
    expect(startOfCivilYear(newYearVn - 1)).toBe(Date.UTC(2024, 11, 31, 17, 0));
    expect(startOfCivilMonth(Date.UTC(2026, 2, 15))).toBe(Date.UTC(2026, 1, 28, 17, 0));
  });

  it('goes back across years and forward a month', () => {
    const mid = Date.UTC(2026, 1, 10, 3, 0);
    expect(civilMonthOf(startOfCivilMonth(mid, 2))).toBe('2025-12');
    expect(civilMonthOf(startOfCivilMonth(mid, 14))).toBe('2024-12');
    expect(civilMonthOf(startOfCivilMonth(mid, -11))).toBe('2027-01');
  });

  it('reads the wall clock and stamps file names in Vietnam time', () => {
    const t = Date.UTC(2026, 11, 4, 18, 5, 9); // 01:05:09 on 05/12/2026 in Vietnam
    expect(vietnamClockOf(t)).toEqual({
      year: 2026,
      month: 12,
      day: 5,
      hour: 1,
      minute: 5,
      second: 9,
    });
    expect(vietnamStamp(t)).toBe('20261205-010509');
    expect(() => vietnamClockOf(Number.NaN)).toThrow(RangeError);
  });
});

describe('one civil-time module', () => {
  const roots = ['core', 'services', 'server', 'renderer', 'scripts', 'db', 'electron'];
  const files = roots.flatMap((r) =>
    fs
      .readdirSync(r, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .map((f) => path.join(r, f)),
  );
  // 7 hours written as milliseconds, in the spellings the code base used.
  const inline = /7 \* 3_?600_?000|7 \* 60 \* 60 \* 1000|25_?200_?000/;

  it('leaves the UTC+7 offset to core/calendar/civil-time.ts', () => {
    const offenders = files.filter(
      (f) =>
        f !== path.join('core', 'calendar', 'civil-time.ts') &&
        inline.test(fs.readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
