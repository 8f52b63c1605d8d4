// Resolves office hours, the law's default holidays and each year's official overrides into a
// WorkCalendar that answers "is this a working day?" from precomputed sets, since deadline
// computations ask it for every day they walk over.
import { AppError } from '../errors';
import {
  MINUTE_MS,
  dayNumberOf,
  minutesOfClock,
  partsFromDayNumber,
  weekdayOfDayNumber,
} from './civil-time';
import type { NamedDate, OfficeHours, OfficeHoursInput, YearOverrides } from './calendar-schema';
import { parseOfficeHours, parseYearOverrides } from './calendar-schema';
import type { DayOff } from './holidays';
import { defaultHolidays } from './holidays';

export interface ResolvedDayOff extends DayOff {
  /** 'law': computed default; 'official': from the year's published overrides. */
  readonly source: 'law' | 'official';
}

/** A working session as milliseconds after 00:00 Vietnam time. */
export interface WorkingSession {
  readonly startMs: number;
  readonly endMs: number;
}

export interface WorkCalendar {
  readonly officeHours: OfficeHours;
  /** Sorted, non-overlapping. */
  readonly sessions: readonly WorkingSession[];
  /** Start of the first session, ms after midnight. */
  readonly openMs: number;
  /** End of the last session, ms after midnight: the time a day-based deadline falls due. */
  readonly closeMs: number;
  /** Years that have official overrides. */
  readonly officialYears: readonly number[];
  isWorkingDay(date: string): boolean;
  /** Same as isWorkingDay for a day number (days since 1970-01-01), for hot loops. */
  isWorkingDayNumber(dayNumber: number): boolean;
  /** The day off on a date, or undefined (also undefined for ordinary weekends). */
  dayOffOn(date: string): ResolvedDayOff | undefined;
  /** Days off of a year other than weekly rest days, sorted by date. */
  daysOff(year: number): readonly ResolvedDayOff[];
  /** Days worked although normally off (làm bù) in a year, sorted by date. */
  workingDayOverrides(year: number): readonly NamedDate[];
}

interface ResolvedYear {
  readonly off: ReadonlyMap<number, ResolvedDayOff>;
  readonly work: ReadonlyMap<number, NamedDate>;
  readonly offList: readonly ResolvedDayOff[];
  readonly workList: readonly NamedDate[];
}

const byDate = (a: { readonly date: string }, b: { readonly date: string }): number =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0;

function resolveYear(year: number, overrides: YearOverrides | undefined): ResolvedYear {
  const off = new Map<number, ResolvedDayOff>();
  const work = new Map<number, NamedDate>();
  if (!overrides?.replaceDefaults) {
    for (const day of defaultHolidays(year))
      off.set(dayNumberOf(day.date), { ...day, source: 'law' });
  }
  if (overrides) {
    for (const day of overrides.daysOff) {
      off.set(dayNumberOf(day.date), { ...day, source: 'official' });
    }
    // A working-day override also cancels a default holiday on that date: that is how an
    // announcement moves a law day the defaults guessed differently.
    for (const day of overrides.workingDays) {
      const n = dayNumberOf(day.date);
      off.delete(n);
      work.set(n, day);
    }
  }
  return {
    off,
    work,
    offList: [...off.values()].sort(byDate),
    workList: [...work.values()].sort(byDate),
  };
}

/**
 * Builds a calendar. `yearOverrides` are validated here because they arrive as data (files,
 * sync, Settings); bad data throws AppError('INVALID_INPUT') with Vietnamese messages. Years
 * in `years` are resolved up front; any other year is resolved on first use.
 */
export function buildCalendar(
  officeHours: Readonly<OfficeHoursInput>,
  yearOverrides: readonly unknown[] = [],
  years: readonly number[] = [],
): WorkCalendar {
  const hours = parseOfficeHours(officeHours);
  const overridesByYear = new Map<number, YearOverrides>();
  for (const input of yearOverrides) {
    const parsed = parseYearOverrides(input);
    if (overridesByYear.has(parsed.year)) {
      throw new AppError('INVALID_INPUT', `Lịch năm ${parsed.year} được khai báo nhiều lần.`);
    }
    overridesByYear.set(parsed.year, parsed);
  }

  const sessions = hours.sessions.map((s) => ({
    startMs: minutesOfClock(s.start) * MINUTE_MS,
    endMs: minutesOfClock(s.end) * MINUTE_MS,
  }));
  const workdays = new Set<number>(hours.workdays);
  const resolved = new Map<number, ResolvedYear>();
  const yearData = (year: number): ResolvedYear => {
    let data = resolved.get(year);
    if (!data) {
      data = resolveYear(year, overridesByYear.get(year));
      resolved.set(year, data);
    }
    return data;
  };
  for (const year of years) yearData(year);

  const isWorkingDayNumber = (dayNumber: number): boolean => {
    const data = yearData(partsFromDayNumber(dayNumber).year);
    if (data.work.has(dayNumber)) return true;
    if (data.off.has(dayNumber)) return false;
    return workdays.has(weekdayOfDayNumber(dayNumber));
  };

  const first = sessions[0];
  const last = sessions[sessions.length - 1];
  if (!first || !last) throw new AppError('INVALID_INPUT', 'Phải có ít nhất một buổi làm việc');

  return {
    officeHours: hours,
    sessions,
    openMs: first.startMs,
    closeMs: last.endMs,
    officialYears: [...overridesByYear.keys()].sort((a, b) => a - b),
    isWorkingDay: (date) => isWorkingDayNumber(dayNumberOf(date)),
    isWorkingDayNumber,
    dayOffOn: (date) => {
      const n = dayNumberOf(date);
      return yearData(partsFromDayNumber(n).year).off.get(n);
    },
    daysOff: (year) => yearData(year).offList,
    workingDayOverrides: (year) => yearData(year).workList,
  };
}
