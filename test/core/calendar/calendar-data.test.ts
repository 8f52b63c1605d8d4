import { describe, it, expect } from 'vitest';
import data2026 from '../../../resources/calendar/2026.json';
import { AppError } from '../../../core/errors';
import {
  DEFAULT_OFFICE_HOURS,
  addCivilDays,
  buildCalendar,
  checkOfficeHours,
  checkYearOverrides,
  parseYearOverrides,
} from '../../../core/calendar';

const cal2026 = buildCalendar(DEFAULT_OFFICE_HOURS, [data2026], [2026]);

const errorsOf = (input: unknown): readonly string[] => {
  const result = checkYearOverrides(input);
  if (result.ok) throw new Error('expected the data to be rejected');
  return result.errors;
};

describe('resources/calendar/2026.json', () => {
  it('is valid data, merged over the law defaults', () => {
    const parsed = parseYearOverrides(data2026);
    expect(parsed.year).toBe(2026);
    expect(parsed.replaceDefaults).toBe(false);
    expect(cal2026.officialYears).toEqual([2026]);
  });

  it('gives civil servants Sat 14 – Sun 22 Feb 2026 off for Tết, back on Mon 23', () => {
    expect(cal2026.isWorkingDay('2026-02-13')).toBe(true);
    for (let d = '2026-02-14'; d <= '2026-02-22'; d = addCivilDays(d, 1)) {
      expect(cal2026.isWorkingDay(d), d).toBe(false);
    }
    expect(cal2026.isWorkingDay('2026-02-23')).toBe(true);
    expect(cal2026.dayOffOn('2026-02-17')).toMatchObject({ kind: 'holiday', source: 'official' });
    expect(cal2026.dayOffOn('2026-02-17')?.name).toContain('Tết Nguyên đán');
    expect(cal2026.dayOffOn('2026-02-14')).toBeUndefined(); // an ordinary Saturday
  });

  it('has Giỗ Tổ on Sun 26 Apr with substitute Mon 27 Apr, then 30 Apr and 1 May', () => {
    expect(cal2026.dayOffOn('2026-04-26')?.name).toBe('Giỗ Tổ Hùng Vương');
    expect(cal2026.dayOffOn('2026-04-27')).toEqual({
      date: '2026-04-27',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      kind: 'substitute',
      source: 'official',
    });
    expect(cal2026.isWorkingDay('2026-04-24')).toBe(true);
    expect(cal2026.isWorkingDay('2026-04-27')).toBe(false);
    expect(cal2026.isWorkingDay('2026-04-28')).toBe(true);
    expect(cal2026.isWorkingDay('2026-04-29')).toBe(true);
    expect(cal2026.isWorkingDay('2026-04-30')).toBe(false);
    expect(cal2026.isWorkingDay('2026-05-01')).toBe(false);
    expect(cal2026.isWorkingDay('2026-05-04')).toBe(true);
  });

  it('has 24 Nov 2026 (Tuesday) off as Ngày Văn hóa Việt Nam', () => {
    expect(cal2026.isWorkingDay('2026-11-23')).toBe(true);
    expect(cal2026.isWorkingDay('2026-11-24')).toBe(false);
    expect(cal2026.dayOffOn('2026-11-24')?.name).toBe('Ngày Văn hóa Việt Nam');
    expect(cal2026.isWorkingDay('2026-11-25')).toBe(true);
  });

  it('keeps law days the file does not mention (1 Jan, 2 Sep)', () => {
    expect(cal2026.dayOffOn('2026-01-01')).toMatchObject({ name: 'Tết Dương lịch', source: 'law' });
    expect(cal2026.isWorkingDay('2026-09-02')).toBe(false);
    const list = cal2026.daysOff(2026);
    expect(list.map((d) => d.date)).toEqual([...list.map((d) => d.date)].sort());
    expect(list.filter((d) => d.source === 'official')).toHaveLength(data2026.daysOff.length);
  });
});

describe('buildCalendar', () => {
  it('counts a swapped working Saturday (làm bù) as a working day', () => {
    const cal = buildCalendar(DEFAULT_OFFICE_HOURS, [
      { year: 2025, workingDays: [{ date: '2025-02-15', name: 'Làm bù ngày 27/01/2025' }] },
    ]);
    expect(cal.isWorkingDay('2025-02-15')).toBe(true);
    expect(cal.isWorkingDay('2025-02-22')).toBe(false);
    expect(cal.workingDayOverrides(2025)).toEqual([
      { date: '2025-02-15', name: 'Làm bù ngày 27/01/2025' },
    ]);
  });

  it('lets a working-day override cancel a default holiday and an official day off add one', () => {
    const cal = buildCalendar(DEFAULT_OFFICE_HOURS, [
      {
        year: 2025,
        daysOff: [{ date: '2025-01-27', name: 'Tết Nguyên đán (hoán đổi)' }],
        workingDays: [{ date: '2025-02-03', name: 'Làm việc bình thường' }],
      },
    ]);
    expect(buildCalendar(DEFAULT_OFFICE_HOURS).isWorkingDay('2025-01-27')).toBe(true);
    expect(cal.isWorkingDay('2025-01-27')).toBe(false);
    expect(cal.dayOffOn('2025-01-27')?.kind).toBe('holiday');
    // The defaults compensate Tết mùng 4 (Sat 1 Feb 2025) on Mon 3 Feb; the override cancels it.
    expect(buildCalendar(DEFAULT_OFFICE_HOURS).isWorkingDay('2025-02-03')).toBe(false);
    expect(cal.isWorkingDay('2025-02-03')).toBe(true);
  });

  it('uses only the listed days off when replaceDefaults is true', () => {
    const cal = buildCalendar(DEFAULT_OFFICE_HOURS, [
      { year: 2027, replaceDefaults: true, daysOff: [{ date: '2027-02-05', name: 'Tết' }] },
    ]);
    expect(cal.daysOff(2027)).toEqual([
      { date: '2027-02-05', name: 'Tết', kind: 'holiday', source: 'official' },
    ]);
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
    expect(cal.isWorkingDay('2027-02-05')).toBe(false);
  });

  it('computes years without overrides from the law', () => {
    const cal = buildCalendar(DEFAULT_OFFICE_HOURS);
    expect(cal.isWorkingDay('2031-01-23')).toBe(false); // Tết 2031
    expect(cal.daysOff(2031).every((d) => d.source === 'law')).toBe(true);
  });

  it('follows the office hours: a Saturday office works Saturdays but not holidays', () => {
    const cal = buildCalendar({ ...DEFAULT_OFFICE_HOURS, workdays: [1, 2, 3, 4, 5, 6] });
    expect(cal.isWorkingDay('2026-03-14')).toBe(true);
    expect(cal.isWorkingDay('2026-03-15')).toBe(false);
    expect(cal.isWorkingDay('2026-02-21')).toBe(true);
    expect(cal.isWorkingDay('2026-02-20')).toBe(false);
    expect(cal.openMs).toBe(7.5 * 3_600_000);
    expect(cal.closeMs).toBe(17 * 3_600_000);
  });

  it('rejects the same year twice and bad data with AppError INVALID_INPUT', () => {
    const twice = (): unknown =>
      buildCalendar(DEFAULT_OFFICE_HOURS, [{ year: 2026 }, { year: 2026 }]);
    expect(twice).toThrow(AppError);
    expect(twice).toThrow('Lịch năm 2026 được khai báo nhiều lần.');
    try {
      buildCalendar(DEFAULT_OFFICE_HOURS, [
        { year: 2026, daysOff: [{ date: '2026-02-30', name: 'Tết' }] },
      ]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      const e = error as AppError;
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(
        'Lịch năm 2026 không hợp lệ. Ngày nghỉ thứ 1 › ngày: Ngày không hợp lệ (cần dạng YYYY-MM-DD, ví dụ 2026-02-17)',
      );
    }
  });
});

describe('validation messages (Vietnamese)', () => {
  it('rejects dates outside the year, duplicates and a day both off and worked', () => {
    expect(
      errorsOf({
        year: 2026,
        daysOff: [
          { date: '2025-12-31', name: 'Sai năm' },
          { date: '2026-04-30', name: 'A' },
          { date: '2026-04-30', name: 'B' },
        ],
        workingDays: [{ date: '2026-04-30', name: 'C' }],
      }),
    ).toEqual([
      'Ngày nghỉ thứ 1 › ngày: Ngày 2025-12-31 không thuộc năm 2026',
      'Ngày nghỉ thứ 3 › ngày: Ngày 2026-04-30 bị khai báo trùng',
      'Ngày làm bù thứ 1 › ngày: Ngày 2026-04-30 không thể vừa là ngày nghỉ vừa là ngày làm bù',
    ]);
  });

  it('rejects wrong types and empty names', () => {
    expect(errorsOf({ year: '2026' })).toEqual(['Năm: Năm phải là số']);
    expect(errorsOf({ year: 2026.5 })).toEqual(['Năm: Năm phải là số nguyên']);
    expect(errorsOf({ year: 2026, daysOff: [{ date: '2026-01-01', name: '  ' }] })).toEqual([
      'Ngày nghỉ thứ 1 › tên: Tên ngày không được để trống',
    ]);
    expect(errorsOf({ year: 2026, replaceDefaults: 'yes' })).toEqual([
      'Thay thế lịch mặc định: Thay thế lịch mặc định phải là true hoặc false',
    ]);
    expect(errorsOf(null)).toEqual(['Lịch năm phải là một đối tượng']);
    expect(
      errorsOf({ year: 2026, daysOff: [{ date: '2026-01-01', name: 'x', kind: 'bridge' }] }),
    ).toEqual(['Ngày nghỉ thứ 1 › loại: Loại ngày nghỉ phải là "holiday" hoặc "substitute"']);
  });

  it('words messages it did not customise in Vietnamese too', () => {
    const errors = errorsOf({ year: 2026, daysOff: [42] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^Ngày nghỉ thứ 1: /);
    expect(errors[0]).not.toMatch(/expected|invalid/i);
  });

  it('checks office hours', () => {
    expect(checkOfficeHours(DEFAULT_OFFICE_HOURS)).toEqual({
      ok: true,
      value: DEFAULT_OFFICE_HOURS,
    });
    const bad = checkOfficeHours({
      workdays: [1, 1, 8],
      sessions: [
        { start: '13:30', end: '11:30' },
        { start: '7:30', end: '11:30' },
      ],
    });
    expect(bad).toEqual({
      ok: false,
      errors: [
        'Ngày làm việc trong tuần thứ 3: Ngày trong tuần phải từ 1 (thứ Hai) đến 7 (Chủ nhật)',
        'Ngày làm việc trong tuần: Ngày làm việc trong tuần bị trùng',
        'Buổi làm việc thứ 1 › giờ kết thúc: Giờ kết thúc phải sau giờ bắt đầu',
        'Buổi làm việc thứ 2 › giờ bắt đầu: Giờ không hợp lệ (cần dạng HH:MM, ví dụ 07:30)',
      ],
    });
    expect(
      checkOfficeHours({
        workdays: [1],
        sessions: [
          { start: '07:30', end: '11:30' },
          { start: '11:00', end: '17:00' },
        ],
      }),
    ).toEqual({
      ok: false,
      errors: [
        'Buổi làm việc thứ 2 › giờ bắt đầu: Các buổi làm việc phải theo thứ tự và không chồng lên nhau',
      ],
    });
    expect(checkOfficeHours({ workdays: [], sessions: [] })).toEqual({
      ok: false,
      errors: [
        'Ngày làm việc trong tuần: Phải có ít nhất một ngày làm việc trong tuần',
        'Buổi làm việc: Phải có ít nhất một buổi làm việc',
      ],
    });
    expect(() => buildCalendar({ workdays: [1], sessions: [] })).toThrow(
      'Giờ làm việc không hợp lệ. Buổi làm việc: Phải có ít nhất một buổi làm việc',
    );
  });
});
