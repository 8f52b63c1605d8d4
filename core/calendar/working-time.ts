// Deadlines and elapsed working time over a WorkCalendar: the appointment printed on a receipt,
// each step's allotted time, and whether a result came back early, on time or late.
import type { WorkCalendar } from './calendar-data';
import {
  MINUTE_MS,
  dayNumberOf,
  dayNumberOfInstant,
  formatDayNumber,
  minutesOfClock,
  startOfDayNumber,
} from './civil-time';

const HOUR_MS = 60 * MINUTE_MS;

/** Ten years without a working day can only be broken data; fail instead of looping. */
const MAX_IDLE_DAYS = 3660;

function noWorkingDay(): Error {
  return new RangeError('Lịch làm việc không có ngày làm việc nào trong 10 năm tới');
}

function nextWorkingDayNumber(dayNumber: number, cal: WorkCalendar): number {
  for (let n = dayNumber + 1; n <= dayNumber + MAX_IDLE_DAYS; n += 1) {
    if (cal.isWorkingDayNumber(n)) return n;
  }
  throw noWorkingDay();
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: string, cal: WorkCalendar): string {
  return formatDayNumber(nextWorkingDayNumber(dayNumberOf(date), cal));
}

/** Instant at which working hours end on a date (the time a day-based deadline falls due). */
export function endOfWorkingDay(date: string, cal: WorkCalendar): number {
  return startOfDayNumber(dayNumberOf(date)) + cal.closeMs;
}

export interface AddWorkingDaysOptions {
  /** 'HH:MM': received at or after it, the dossier counts as received the next working day. */
  readonly cutoff?: string;
}

/**
 * Due instant of a time limit of `days` working days: the end of working hours on the
 * `days`-th working day after the receipt day (`days` = 0: the receipt day itself). A dossier
 * received on a day off, after closing, or at/after the cut-off counts as received at the
 * opening of the next working day.
 */
export function addWorkingDays(
  receivedAt: number,
  days: number,
  cal: WorkCalendar,
  options: Readonly<AddWorkingDaysOptions> = {},
): number {
  if (!Number.isInteger(days) || days < 0) {
    throw new RangeError(`Số ngày làm việc phải là số nguyên không âm (nhận được ${days})`);
  }
  if (!Number.isFinite(receivedAt)) throw new RangeError('Thời điểm tiếp nhận không hợp lệ');
  const cutoffMs =
    options.cutoff === undefined ? undefined : minutesOfClock(options.cutoff) * MINUTE_MS;
  const day = dayNumberOfInstant(receivedAt);
  const msOfDay = receivedAt - startOfDayNumber(day);
  const countsToday =
    cal.isWorkingDayNumber(day) &&
    msOfDay < cal.closeMs &&
    (cutoffMs === undefined || msOfDay < cutoffMs);
  let due = countsToday ? day : nextWorkingDayNumber(day, cal);
  for (let i = 0; i < days; i += 1) due = nextWorkingDayNumber(due, cal);
  return startOfDayNumber(due) + cal.closeMs;
}

/**
 * The instant `hours` working hours after `from`, walking through the sessions: time before
 * opening, lunch breaks, nights and days off do not count. A result that lands exactly on the
 * end of a session stays there (11:30, not 13:30).
 */
export function addWorkingHours(from: number, hours: number, cal: WorkCalendar): number {
  if (!Number.isFinite(hours) || hours < 0) {
    throw new RangeError(`Số giờ làm việc phải là số không âm (nhận được ${hours})`);
  }
  if (!Number.isFinite(from)) throw new RangeError('Thời điểm bắt đầu không hợp lệ');
  let remaining = Math.round(hours * HOUR_MS);
  if (remaining === 0) return from;
  let day = dayNumberOfInstant(from);
  let msOfDay = from - startOfDayNumber(day);
  let idleDays = 0;
  for (;;) {
    if (cal.isWorkingDayNumber(day)) {
      idleDays = 0;
      for (const session of cal.sessions) {
        if (msOfDay >= session.endMs) continue;
        const start = Math.max(msOfDay, session.startMs);
        const available = session.endMs - start;
        if (remaining <= available) return startOfDayNumber(day) + start + remaining;
        remaining -= available;
        msOfDay = session.endMs;
      }
    } else if (++idleDays > MAX_IDLE_DAYS) {
      throw noWorkingDay();
    }
    day += 1;
    msOfDay = 0;
  }
}

/** Working milliseconds in [a, b); 0 when b ≤ a. */
export function workingMsBetween(a: number, b: number, cal: WorkCalendar): number {
  if (!(b > a)) return 0;
  let total = 0;
  const lastDay = dayNumberOfInstant(b);
  for (let day = dayNumberOfInstant(a); day <= lastDay; day += 1) {
    if (!cal.isWorkingDayNumber(day)) continue;
    const base = startOfDayNumber(day);
    for (const session of cal.sessions) {
      const lo = Math.max(a, base + session.startMs);
      const hi = Math.min(b, base + session.endMs);
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

/**
 * Working days d with from < d ≤ to (negative when `to` is before `from`): how many working
 * days a deadline lies after its start, or how many working days a result was late.
 */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  const a = dayNumberOf(from);
  const b = dayNumberOf(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day += 1) if (cal.isWorkingDayNumber(day)) count += 1;
  return sign * count;
}

export type ReturnTiming = 'early' | 'on_time' | 'late';

/**
 * Trước hạn / đúng hạn / quá hạn against a limit counted in days: late after the due instant,
 * on time on the due day itself, early on any earlier day.
 */
export function classifyReturn(returnedAt: number, dueAt: number): ReturnTiming {
  if (returnedAt > dueAt) return 'late';
  return dayNumberOfInstant(returnedAt) === dayNumberOfInstant(dueAt) ? 'on_time' : 'early';
}

/**
 * Early / on time / late against a limit in the unit it was given in. Days: on time on the due
 * day (classifyReturn). Working hours (every ISO step, some procedures): on time within the
 * limit's last working hour, early with more than one working hour of it left, late after
 * the due instant. A step due at 16:00 and done at 9:00 the same day is early, not on time.
 */
export function classifyTiming(
  doneAt: number,
  dueAt: number,
  unit: 'working_days' | 'working_hours',
  cal: WorkCalendar,
): ReturnTiming {
  if (unit === 'working_days') return classifyReturn(doneAt, dueAt);
  if (doneAt > dueAt) return 'late';
  return workingMsBetween(doneAt, dueAt, cal) > HOUR_MS ? 'early' : 'on_time';
}

/** A step's result: its allotted time is always in working hours. */
export function classifyStep(doneAt: number, dueAt: number, cal: WorkCalendar): ReturnTiming {
  return classifyTiming(doneAt, dueAt, 'working_hours', cal);
}
