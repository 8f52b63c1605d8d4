// Default public holidays of a year as the law lays them down (Bộ luật Lao động 2019, Điều 112),
// used until the year's official announcement arrives as data (see calendar-data.ts).
import { dayNumberFromParts, dayNumberOf, formatDayNumber, weekdayOfDayNumber } from './civil-time';
import { lunarToSolar } from './lunar';

export type DayOffKind = 'holiday' | 'substitute';

export interface DayOff {
  readonly date: string;
  readonly name: string;
  readonly kind: DayOffKind;
}

export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Giải phóng miền Nam',
  labour: 'Ngày Quốc tế Lao động',
  national: 'Quốc khánh',
  culture: 'Ngày Văn hóa Việt Nam',
} as const;

/** First year in which 24 Nov (Ngày Văn hóa Việt Nam) is a day off. */
export const CULTURE_DAY_FROM_YEAR = 2026;

export const substituteName = (holidayName: string): string => `Nghỉ bù ${holidayName}`;

/** Saturday and Sunday are the civil servants' weekly rest days that trigger nghỉ bù. */
const isWeekend = (dayNumber: number): boolean => weekdayOfDayNumber(dayNumber) >= 6;

/**
 * The day joined to 2 Sep (the law says only "one adjacent day, before or after"). Rule: take
 * a neighbour that is a weekday; if both are, take the one that bridges to a weekend (1 Sep on
 * a Monday, 3 Sep on a Friday), else 3 Sep. This reproduces the government's choices of
 * 2021–2025: 2 Sep on Thu → 3 Sep, Fri → 1 Sep, Sat → 1 Sep, Mon → 3 Sep, Tue → 1 Sep.
 */
export function nationalDayCompanion(year: number): string {
  const before = dayNumberFromParts(year, 9, 1);
  const after = before + 2;
  const pick = (): number => {
    if (isWeekend(before)) return after;
    if (isWeekend(after)) return before;
    if (weekdayOfDayNumber(before) === 1) return before;
    return after;
  };
  return formatDayNumber(pick());
}

/**
 * The Tết days when the government has not (yet) fixed them: the last day of the lunar year
 * and lunar 1/1 to 4/1, the split most announcements use.
 */
export function defaultTetDays(year: number): string[] {
  const newYear = dayNumberOf(lunarToSolar({ day: 1, month: 1, year, leap: false }));
  return [-1, 0, 1, 2, 3].map((offset) => formatDayNumber(newYear + offset));
}

/** The statutory holidays of a year, without substitute days. */
export function statutoryHolidays(year: number): DayOff[] {
  const entries: [string, string][] = [
    [formatDayNumber(dayNumberFromParts(year, 1, 1)), HOLIDAY_NAMES.newYear],
    ...defaultTetDays(year).map((date): [string, string] => [date, HOLIDAY_NAMES.tet]),
    [lunarToSolar({ day: 10, month: 3, year, leap: false }), HOLIDAY_NAMES.hungKings],
    [formatDayNumber(dayNumberFromParts(year, 4, 30)), HOLIDAY_NAMES.reunification],
    [formatDayNumber(dayNumberFromParts(year, 5, 1)), HOLIDAY_NAMES.labour],
    [formatDayNumber(dayNumberFromParts(year, 9, 2)), HOLIDAY_NAMES.national],
    [nationalDayCompanion(year), HOLIDAY_NAMES.national],
  ];
  if (year >= CULTURE_DAY_FROM_YEAR) {
    entries.push([formatDayNumber(dayNumberFromParts(year, 11, 24)), HOLIDAY_NAMES.culture]);
  }
  // Giỗ Tổ can land on 30 Apr (last in 1947): then one day off carries both names, since the
  // law grants no extra day when two holidays coincide.
  const byDate = new Map<string, string>();
  for (const [date, name] of entries) {
    const existing = byDate.get(date);
    byDate.set(date, existing === undefined ? name : `${existing}; ${name}`);
  }
  return [...byDate]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, name]) => ({ date, name, kind: 'holiday' }));
}

/**
 * The year's default days off: statutory holidays plus a substitute (nghỉ bù, Điều 112
 * khoản 3) for each one on a Saturday or Sunday, on the next day that is neither weekend nor
 * already off. Tết days on a weekend are compensated the same way, after the Tết block.
 */
export function defaultHolidays(year: number): DayOff[] {
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((h) => dayNumberOf(h.date)));
  const substitutes: DayOff[] = [];
  for (const holiday of holidays) {
    const day = dayNumberOf(holiday.date);
    if (!isWeekend(day)) continue;
    let candidate = day + 1;
    while (isWeekend(candidate) || taken.has(candidate)) candidate += 1;
    taken.add(candidate);
    substitutes.push({
      date: formatDayNumber(candidate),
      name: substituteName(holiday.name),
      kind: 'substitute',
    });
  }
  return [...holidays, ...substitutes].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}
