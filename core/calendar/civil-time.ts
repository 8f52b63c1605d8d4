// Civil dates ('YYYY-MM-DD') and clock times ('HH:MM') in Vietnam time, with instants in epoch ms.
// Vietnam is fixed UTC+7 with no DST, so plain arithmetic is exact and the machine's time zone
// (which may be anything on an office PC) never leaks in through Date's local methods.

export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days-from-civil): integer
 * day numbers make day loops and Set lookups cheap in the deadline hot path.
 */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // months counted from March, so the leap day ends the year
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** Inverse of {@link dayNumberFromParts}. */
export function partsFromDayNumber(dayNumber: number): CivilParts {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatDayNumber(dayNumber: number): string {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Day number of a civil date, or undefined when the text is not a real calendar date. */
export function tryDayNumberOf(date: string): number | undefined {
  const m = DATE_RE.exec(date);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const n = dayNumberFromParts(year, month, day);
  // Round-trip rejects 2026-02-30 and friends.
  const back = partsFromDayNumber(n);
  return back.month === month && back.day === day ? n : undefined;
}

export function isCivilDate(date: string): boolean {
  return tryDayNumberOf(date) !== undefined;
}

export function dayNumberOf(date: string): number {
  const n = tryDayNumberOf(date);
  if (n === undefined) throw new RangeError(`Ngày không hợp lệ: "${date}" (cần dạng YYYY-MM-DD)`);
  return n;
}

export function isClockTime(time: string): boolean {
  return TIME_RE.test(time);
}

/** Minutes after midnight of an 'HH:MM' clock time. */
export function minutesOfClock(time: string): number {
  const m = TIME_RE.exec(time);
  if (!m) throw new RangeError(`Giờ không hợp lệ: "${time}" (cần dạng HH:MM)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** VN day number containing an instant. */
export function dayNumberOfInstant(instantMs: number): number {
  return Math.floor((instantMs + VN_OFFSET_MS) / DAY_MS);
}

/** Instant of 00:00 Vietnam time on a day number. */
export function startOfDayNumber(dayNumber: number): number {
  return dayNumber * DAY_MS - VN_OFFSET_MS;
}

/** Vietnam civil date of an instant. */
export function civilDateOf(instantMs: number): string {
  return formatDayNumber(dayNumberOfInstant(instantMs));
}

/** Instant of a Vietnam civil date and clock time. */
export function instantOf(date: string, time: string): number {
  return startOfDayNumber(dayNumberOf(date)) + minutesOfClock(time) * MINUTE_MS;
}

export function weekdayOfDayNumber(dayNumber: number): Weekday {
  // Day 0 (1970-01-01) was a Thursday.
  return (((((dayNumber + 3) % 7) + 7) % 7) + 1) as Weekday;
}

export function weekdayOf(date: string): Weekday {
  return weekdayOfDayNumber(dayNumberOf(date));
}

export function addCivilDays(date: string, days: number): string {
  return formatDayNumber(dayNumberOf(date) + days);
}

/** 'YYYY-MM' of the Vietnam month containing an instant. */
export function civilMonthOf(instantMs: number): string {
  return civilDateOf(instantMs).slice(0, 7);
}

/** Instant of 00:00 Vietnam time on the first day of the month `back` months before the one
 * containing `instantMs` (0: that month itself). */
export function startOfCivilMonth(instantMs: number, back = 0): number {
  const { year, month } = partsFromDayNumber(dayNumberOfInstant(instantMs));
  const index = year * 12 + (month - 1) - back;
  const y = Math.floor(index / 12);
  return startOfDayNumber(dayNumberFromParts(y, index - y * 12 + 1, 1));
}

/** Instant of 00:00 Vietnam time on 1 January of the year containing `instantMs`. */
export function startOfCivilYear(instantMs: number): number {
  const { year } = partsFromDayNumber(dayNumberOfInstant(instantMs));
  return startOfDayNumber(dayNumberFromParts(year, 1, 1));
}

export interface ClockParts extends CivilParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** Date and wall-clock time in Vietnam of an instant. */
export function vietnamClockOf(instantMs: number): ClockParts {
  if (!Number.isFinite(instantMs)) throw new RangeError('Thời điểm không hợp lệ');
  const dayNumber = dayNumberOfInstant(instantMs);
  const secondOfDay = Math.floor((instantMs - startOfDayNumber(dayNumber)) / 1000);
  return {
    ...partsFromDayNumber(dayNumber),
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor(secondOfDay / 60) % 60,
    second: secondOfDay % 60,
  };
}

/** 'yyyymmdd-HHMMss' in Vietnam time, for file names officials read. */
export function vietnamStamp(instantMs: number): string {
  const c = vietnamClockOf(instantMs);
  return `${pad(c.year, 4)}${pad(c.month, 2)}${pad(c.day, 2)}-${pad(c.hour, 2)}${pad(c.minute, 2)}${pad(c.second, 2)}`;
}

/** The instant shifted so its UTC fields read Vietnam wall-clock time (Excel cells, which have
 * no time zone). Never use the result as an instant. */
export function vietnamWallClockDate(instantMs: number): Date {
  return new Date(instantMs + VN_OFFSET_MS);
}

/** SQLite expression: 'YYYY-MM' in Vietnam time of an epoch-ms column or expression. */
export function sqliteCivilMonth(msExpr: string): string {
  return `strftime('%Y-%m', (${msExpr} + ${VN_OFFSET_MS}) / 1000, 'unixepoch')`;
}
