import { describe, it, expect } from 'vitest';
import {
  addCivilDays,
  civilDateOf,
  dayNumberOf,
  formatDayNumber,
  instantOf,
  isCivilDate,
  isClockTime,
  minutesOfClock,
  weekdayOf,
} from '../../../core/calendar/civil-time';

describe('civil dates in Vietnam time (UTC+7)', () => {
  it('maps instants to the Vietnamese civil date, switching at 17:00 UTC', () => {
    expect(civilDateOf(Date.UTC(2026, 1, 16, 16, 59, 59, 999))).toBe('2026-02-16');
    expect(civilDateOf(Date.UTC(2026, 1, 16, 17, 0, 0, 0))).toBe('2026-02-17');
    expect(civilDateOf(Date.UTC(2025, 11, 31, 17, 0))).toBe('2026-01-01');
    expect(civilDateOf(Date.UTC(1969, 11, 31, 17, 0))).toBe('1970-01-01');
    expect(civilDateOf(Date.UTC(1969, 11, 31, 16, 59))).toBe('1969-12-31');
  });

  it('builds instants from a civil date and clock time', () => {
    expect(instantOf('2026-02-17', '07:30')).toBe(Date.UTC(2026, 1, 17, 0, 30));
    expect(instantOf('2026-02-17', '00:00')).toBe(Date.UTC(2026, 1, 16, 17, 0));
    expect(instantOf('2026-02-17', '23:59')).toBe(Date.UTC(2026, 1, 17, 16, 59));
    expect(civilDateOf(instantOf('2026-02-17', '23:59'))).toBe('2026-02-17');
  });

  it('does not depend on the machine time zone', () => {
    const saved = process.env['TZ'];
    const results: string[] = [];
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati']) {
        process.env['TZ'] = tz;
        const at = instantOf('2026-03-29', '01:30');
        results.push(`${at} ${civilDateOf(at)} ${weekdayOf('2026-03-29')}`);
      }
    } finally {
      if (saved === undefined) delete process.env['TZ'];
      else process.env['TZ'] = saved;
    }
    expect(new Set(results).size).toBe(1);
    expect(results[0]).toBe(`${Date.UTC(2026, 2, 28, 18, 30)} 2026-03-29 7`);
  });

  it('gives ISO weekdays (1 = Monday … 7 = Sunday)', () => {
    expect(weekdayOf('1970-01-01')).toBe(4);
    expect(weekdayOf('2000-02-29')).toBe(2);
    expect(weekdayOf('2026-02-14')).toBe(6);
    expect(weekdayOf('2026-02-22')).toBe(7);
    expect(weekdayOf('2026-02-16')).toBe(1);
    expect(weekdayOf('1969-12-31')).toBe(3);
  });

  it('adds days across month, leap-day and year boundaries', () => {
    expect(addCivilDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCivilDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addCivilDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addCivilDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addCivilDays('2026-02-17', 365)).toBe('2027-02-17');
    expect(addCivilDays('2026-02-17', 0)).toBe('2026-02-17');
  });

  it('validates dates and clock times', () => {
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2026-02-29')).toBe(false);
    expect(isCivilDate('1900-02-29')).toBe(false);
    expect(isCivilDate('2000-02-29')).toBe(true);
    expect(isCivilDate('2026-02-30')).toBe(false);
    expect(isCivilDate('2026-13-01')).toBe(false);
    expect(isCivilDate('2026-2-3')).toBe(false);
    expect(isCivilDate('2026-02-03T00:00')).toBe(false);
    expect(isClockTime('07:30')).toBe(true);
    expect(isClockTime('23:59')).toBe(true);
    expect(isClockTime('24:00')).toBe(false);
    expect(isClockTime('7:30')).toBe(false);
    expect(isClockTime('07:60')).toBe(false);
    expect(minutesOfClock('13:30')).toBe(810);
    expect(() => instantOf('2026-02-30', '07:30')).toThrow(/Ngày không hợp lệ/);
    expect(() => instantOf('2026-02-17', '25:00')).toThrow(/Giờ không hợp lệ/);
  });

  it('agrees with Date.UTC for every day from 1900 to 2200', () => {
    const first = dayNumberOf('1900-01-01');
    const last = dayNumberOf('2200-12-31');
    const mismatches: string[] = [];
    for (let n = first; n <= last; n += 1) {
      const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
      if (formatDayNumber(n) !== iso || dayNumberOf(iso) !== n) mismatches.push(iso);
    }
    expect(mismatches).toEqual([]);
    expect(last - first + 1).toBe(109_938);
  });
});
