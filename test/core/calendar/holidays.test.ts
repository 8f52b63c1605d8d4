import { describe, it, expect } from 'vitest';
import { weekdayOf } from '../../../core/calendar/civil-time';
import {
  defaultHolidays,
  nationalDayCompanion,
  statutoryHolidays,
} from '../../../core/calendar/holidays';

describe('default public holidays (Bộ luật Lao động 2019, Điều 112)', () => {
  it('lists 2026 exactly, with 24 Nov and the Giỗ Tổ substitute', () => {
    expect(defaultHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Tết Dương lịch', kind: 'holiday' },
      { date: '2026-02-16', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-02-17', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-02-18', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-02-19', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-02-20', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2026-04-26', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
      { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', kind: 'substitute' },
      { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam', kind: 'holiday' },
      { date: '2026-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
      { date: '2026-09-02', name: 'Quốc khánh', kind: 'holiday' },
      { date: '2026-09-03', name: 'Quốc khánh', kind: 'holiday' },
      { date: '2026-11-24', name: 'Ngày Văn hóa Việt Nam', kind: 'holiday' },
    ]);
  });

  it('adds Ngày Văn hóa Việt Nam only from 2026', () => {
    expect(defaultHolidays(2025).some((h) => h.date === '2025-11-24')).toBe(false);
    expect(defaultHolidays(2027).find((h) => h.date === '2027-11-24')?.name).toBe(
      'Ngày Văn hóa Việt Nam',
    );
  });

  it('compensates Tết days on a weekend after the Tết block (2024: Tết on Saturday)', () => {
    const tet = defaultHolidays(2024).filter((h) => h.name.includes('Tết Nguyên đán'));
    expect(tet).toEqual([
      { date: '2024-02-09', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2024-02-10', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2024-02-11', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2024-02-12', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2024-02-13', name: 'Tết Nguyên đán', kind: 'holiday' },
      { date: '2024-02-14', name: 'Nghỉ bù Tết Nguyên đán', kind: 'substitute' },
      { date: '2024-02-15', name: 'Nghỉ bù Tết Nguyên đán', kind: 'substitute' },
    ]);
  });

  it('skips other holidays when placing a substitute (2023: 29 Apr Sat, 30 Apr Sun, 1 May Mon)', () => {
    const spring = defaultHolidays(2023).filter(
      (h) => h.date >= '2023-04-29' && h.date <= '2023-05-05',
    );
    expect(spring).toEqual([
      { date: '2023-04-29', name: 'Giỗ Tổ Hùng Vương', kind: 'holiday' },
      { date: '2023-04-30', name: 'Ngày Giải phóng miền Nam', kind: 'holiday' },
      { date: '2023-05-01', name: 'Ngày Quốc tế Lao động', kind: 'holiday' },
      { date: '2023-05-02', name: 'Nghỉ bù Giỗ Tổ Hùng Vương', kind: 'substitute' },
      { date: '2023-05-03', name: 'Nghỉ bù Ngày Giải phóng miền Nam', kind: 'substitute' },
    ]);
  });

  it('gives 1 Jan on a Saturday a Monday substitute (2022, 2028)', () => {
    for (const [year, date] of [
      [2022, '2022-01-03'],
      [2028, '2028-01-03'],
    ] as const) {
      expect(defaultHolidays(year)).toContainEqual({
        date,
        name: 'Nghỉ bù Tết Dương lịch',
        kind: 'substitute',
      });
    }
  });

  it('joins 2 Sep with the adjacent day the government chose in 2021–2025', () => {
    expect(nationalDayCompanion(2021)).toBe('2021-09-03'); // 2 Sep Thu
    expect(nationalDayCompanion(2022)).toBe('2022-09-01'); // Fri
    expect(nationalDayCompanion(2023)).toBe('2023-09-01'); // Sat
    expect(nationalDayCompanion(2024)).toBe('2024-09-03'); // Mon
    expect(nationalDayCompanion(2025)).toBe('2025-09-01'); // Tue
    expect(nationalDayCompanion(2029)).toBe('2029-09-03'); // Sun
    const y2023 = defaultHolidays(2023).filter((h) => h.date.startsWith('2023-09'));
    expect(y2023.map((h) => [h.date, h.kind])).toEqual([
      ['2023-09-01', 'holiday'],
      ['2023-09-02', 'holiday'],
      ['2023-09-04', 'substitute'],
    ]);
  });

  it('merges the names when two holidays fall on the same day (1947: Giỗ Tổ on 30 Apr)', () => {
    expect(statutoryHolidays(1947).find((h) => h.date === '1947-04-30')?.name).toBe(
      'Giỗ Tổ Hùng Vương; Ngày Giải phóng miền Nam',
    );
  });

  it('keeps every year 2000–2100 consistent', () => {
    for (let year = 2000; year <= 2100; year += 1) {
      const all = defaultHolidays(year);
      const holidays = all.filter((h) => h.kind === 'holiday');
      const substitutes = all.filter((h) => h.kind === 'substitute');
      expect(holidays).toHaveLength(year >= 2026 ? 12 : 11);
      const onWeekend = holidays.filter((h) => weekdayOf(h.date) >= 6);
      expect(substitutes).toHaveLength(onWeekend.length);
      for (const s of substitutes) expect(weekdayOf(s.date)).toBeLessThanOrEqual(5);
      expect(new Set(all.map((h) => h.date)).size).toBe(all.length);
      expect(all.every((h) => h.date.startsWith(`${year}-`))).toBe(true);
      expect([...all].map((h) => h.date)).toEqual(all.map((h) => h.date).sort());
    }
  });
});
