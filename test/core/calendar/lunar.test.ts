import { describe, it, expect } from 'vitest';
import { addCivilDays, dayNumberOf, formatDayNumber } from '../../../core/calendar/civil-time';
import { lunarToSolar, solarToLunar } from '../../../core/calendar/lunar';

const tet = (year: number, tz?: number): string =>
  lunarToSolar({ day: 1, month: 1, year, leap: false }, tz);

describe('Vietnamese lunar calendar (UTC+7)', () => {
  // 2030 is not in the usual lists copied from Chinese sources: the new moon of 2 Feb 2030 is at
  // about 16:07 UTC, i.e. 23:07 in Vietnam but 00:07 on 3 Feb in China.
  const TET: Record<number, string> = {
    2020: '2020-01-25',
    2021: '2021-02-12',
    2022: '2022-02-01',
    2023: '2023-01-22',
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06',
    2028: '2028-01-26',
    2029: '2029-02-13',
    2030: '2030-02-02',
    2031: '2031-01-23',
    2032: '2032-02-11',
    2033: '2033-01-31',
    2034: '2034-02-19',
    2035: '2035-02-08',
  };

  it.each(Object.entries(TET))('Tết %s is %s', (year, date) => {
    expect(tet(Number(year))).toBe(date);
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year: Number(year), leap: false });
    const eve = solarToLunar(addCivilDays(date, -1));
    expect(eve).toMatchObject({ month: 12, year: Number(year) - 1, leap: false });
    expect([29, 30]).toContain(eve.day);
  });

  it('differs from the Chinese calendar (same rules at UTC+8) where the meridian matters', () => {
    expect(tet(1985)).toBe('1985-01-21');
    expect(tet(1985, 8)).toBe('1985-02-20');
    expect(tet(2007)).toBe('2007-02-17');
    expect(tet(2007, 8)).toBe('2007-02-18');
    expect(tet(2030, 8)).toBe('2030-02-03');
    expect(tet(2026, 8)).toBe('2026-02-17');
  });

  it('places Giỗ Tổ Hùng Vương (10/3 lunar)', () => {
    const gioTo = (year: number): string => lunarToSolar({ day: 10, month: 3, year, leap: false });
    expect(gioTo(2024)).toBe('2024-04-18');
    expect(gioTo(2025)).toBe('2025-04-07');
    expect(gioTo(2026)).toBe('2026-04-26');
    expect(gioTo(2023)).toBe('2023-04-29');
  });

  it('matches the published 2026 Tết announcement (27 Chạp to mùng 6)', () => {
    expect(solarToLunar('2026-02-14')).toEqual({ day: 27, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2026-02-16')).toEqual({ day: 29, month: 12, year: 2025, leap: false });
    expect(solarToLunar('2026-02-22')).toEqual({ day: 6, month: 1, year: 2026, leap: false });
  });

  it('handles leap months', () => {
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar('2023-03-21')).toMatchObject({ month: 2, year: 2023, leap: false });
    expect(solarToLunar('2020-05-23')).toEqual({ day: 1, month: 4, year: 2020, leap: true });
    expect(solarToLunar('2025-07-25')).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    expect(lunarToSolar({ day: 1, month: 2, year: 2023, leap: true })).toBe('2023-03-22');
    expect(lunarToSolar({ day: 1, month: 3, year: 2023, leap: false })).toBe('2023-04-20');
    expect(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true })).toBe('2025-07-25');
  });

  it('rejects lunar dates that do not exist, in Vietnamese', () => {
    expect(() => lunarToSolar({ day: 1, month: 3, year: 2023, leap: true })).toThrow(
      /không nhuận tháng đó/,
    );
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2026, leap: true })).toThrow(
      /không có tháng nhuận/,
    );
    // Tháng Chạp Ất Tỵ has 29 days: 16 Feb 2026 is its last day.
    expect(() => lunarToSolar({ day: 30, month: 12, year: 2025, leap: false })).toThrow(
      /chỉ có 29 ngày/,
    );
    expect(() => lunarToSolar({ day: 0, month: 1, year: 2026, leap: false })).toThrow(RangeError);
    expect(() => lunarToSolar({ day: 1, month: 13, year: 2026, leap: false })).toThrow(RangeError);
  });

  it('round-trips and advances one lunar day per solar day, 1980–2060', () => {
    let previous = solarToLunar('1979-12-31');
    let leapMonths = 0;
    for (let n = dayNumberOf('1980-01-01'); n <= dayNumberOf('2060-12-31'); n += 1) {
      const date = formatDayNumber(n);
      const lunar = solarToLunar(date);
      expect(lunarToSolar(lunar)).toBe(date);
      if (lunar.day === 1) {
        expect([29, 30]).toContain(previous.day);
        if (lunar.leap) {
          leapMonths += 1;
          expect(lunar.month).toBe(previous.month);
        } else {
          expect(lunar.month).toBe((previous.month % 12) + 1);
        }
        expect(lunar.year).toBe(
          lunar.month === 1 && !lunar.leap ? previous.year + 1 : previous.year,
        );
      } else {
        expect(lunar).toEqual({ ...previous, day: previous.day + 1 });
      }
      previous = lunar;
    }
    // Metonic cycle: 7 leap months every 19 years, so 29–30 in 81 years.
    expect(leapMonths).toBeGreaterThanOrEqual(29);
    expect(leapMonths).toBeLessThanOrEqual(30);
  });
});
