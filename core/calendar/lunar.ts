// The Vietnamese lunisolar calendar, computed astronomically at UTC+7 following the method
// published by Hồ Ngọc Đức (new moons and solar longitude from Jean Meeus' formulas). Vietnam
// and China use the same rules at different meridians, so some years differ (Tết 1985, 2007).
import { dayNumberFromParts, dayNumberOf, formatDayNumber, partsFromDayNumber } from './civil-time';

export interface LunarDate {
  readonly day: number;
  readonly month: number;
  /** The Gregorian year in which this lunar year's Tết falls. */
  readonly year: number;
  /** True for the intercalary (nhuận) month that repeats `month`. */
  readonly leap: boolean;
}

/** Vietnam's meridian; China's calendar is the same computation at 8. */
export const VIETNAM_TIME_ZONE_HOURS = 7;

/** Julian Day Number of 1970-01-01 (our day number 0). */
const JDN_OF_DAY_ZERO = 2_440_588;
/** Julian Date of the mean new moon of 1900-01-01, lunation k = 0 in the formulas below. */
const NEW_MOON_EPOCH_JD = 2_415_021.076_998_695;
const SYNODIC_MONTH = 29.530_588_853;
const RAD = Math.PI / 180;

/** Julian Date (UT) of the k-th new moon after the 1900 epoch (Meeus, Astronomical Algorithms). */
function newMoonJd(k: number): number {
  const t = k / 1236.85; // Julian centuries from 1900
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
  jd += 0.000_33 * Math.sin((166.56 + 132.87 * t - 0.009_173 * t2) * RAD);
  const sunAnomaly = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
  const moonAnomaly = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
  const latitudeArg = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
  const m = sunAnomaly * RAD;
  const mp = moonAnomaly * RAD;
  const f = latitudeArg * RAD;
  const correction =
    (0.1734 - 0.000_393 * t) * Math.sin(m) +
    0.0021 * Math.sin(2 * m) -
    0.4068 * Math.sin(mp) +
    0.0161 * Math.sin(2 * mp) -
    0.0004 * Math.sin(3 * mp) +
    0.0104 * Math.sin(2 * f) -
    0.0051 * Math.sin(m + mp) -
    0.0074 * Math.sin(m - mp) +
    0.0004 * Math.sin(2 * f + m) -
    0.0004 * Math.sin(2 * f - m) -
    0.0006 * Math.sin(2 * f + mp) +
    0.001 * Math.sin(2 * f - mp) +
    0.0005 * Math.sin(2 * mp + m);
  // ΔT (TT − UT) in days; the formulas above give dynamical time.
  const deltaT =
    t < -11
      ? 0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
      : -0.000_278 + 0.000_265 * t + 0.000_262 * t2;
  return jd + correction - deltaT;
}

/** JDN of the local civil day on which the k-th new moon falls: that day is a month's day 1. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + tz / 24);
}

/** Apparent solar longitude in radians [0, 2π) at a Julian Date (Meeus, low precision). */
function sunLongitude(jd: number): number {
  const t = (jd - 2_451_545) / 36_525; // Julian centuries from J2000
  const t2 = t * t;
  const m = (357.5291 + 35_999.0503 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2) * RAD;
  const l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
  const center =
    (1.9146 - 0.004_817 * t - 0.000_014 * t2) * Math.sin(m) +
    (0.019_993 - 0.000_101 * t) * Math.sin(2 * m) +
    0.00029 * Math.sin(3 * m);
  const l = (l0 + center) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/**
 * Which 30° sector (0..11) the sun is in at the start of a local day. A month in which the
 * sector does not change contains no major solar term (trung khí) and is the leap month.
 */
function sunSector(jdn: number, tz: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - tz / 24) / Math.PI) * 6);
}

// Memoized because every conversion needs two or three of these and holiday lists ask for the
// same years again and again; the values are pure functions of (year, tz).
const month11Cache = new Map<string, number>();

/** JDN of day 1 of lunar month 11 (the month holding the winter solstice) of a Gregorian year. */
function month11Start(year: number, tz: number): number {
  const key = `${year}@${tz}`;
  const cached = month11Cache.get(key);
  if (cached !== undefined) return cached;
  const dec31 = dayNumberFromParts(year, 12, 31) + JDN_OF_DAY_ZERO;
  const k = Math.floor((dec31 - 2_415_021) / SYNODIC_MONTH);
  let start = newMoonDay(k, tz);
  // Sector 9 starts at 270°, the winter solstice: a new moon after it begins month 12.
  if (sunSector(start, tz) >= 9) start = newMoonDay(k - 1, tz);
  month11Cache.set(key, start);
  return start;
}

/** How many months after month 11 (starting at `a11`) the leap month comes. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i, tz), tz);
  let previous: number;
  do {
    previous = sector;
    i += 1;
    sector = sunSector(newMoonDay(k + i, tz), tz);
  } while (sector !== previous && i < 14);
  return i - 1;
}

/** Lunar date of a civil date ('YYYY-MM-DD'). */
export function solarToLunar(date: string, tz: number = VIETNAM_TIME_ZONE_HOURS): LunarDate {
  const dayNumber = dayNumberOf(date);
  const jdn = dayNumber + JDN_OF_DAY_ZERO;
  const { year } = partsFromDayNumber(dayNumber);
  // The mean lunation is only an estimate: the true new moon can be most of a day away from
  // it (e.g. 5 June 2054), so step until new moon k starts on or before the day and k+1 after it.
  let k = Math.floor((jdn - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  while (newMoonDay(k, tz) > jdn) k -= 1;
  while (newMoonDay(k + 1, tz) <= jdn) k += 1;
  const monthStart = newMoonDay(k, tz);

  // Locate the month between the two surrounding month-11 starts.
  let a11 = month11Start(year, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = month11Start(year - 1, tz);
  } else {
    lunarYear = year + 1;
    b11 = month11Start(year + 1, tz);
  }
  const diff = Math.floor((monthStart - a11) / 29); // whole months since month 11
  let month = diff + 11;
  let leap = false;
  // 13 new moons between two month-11 starts: one of them is a leap month.
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  // Months 11 and 12 right after a11 still belong to the previous lunar year.
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day: jdn - monthStart + 1, month, year: lunarYear, leap };
}

function invalidLunar(lunar: Readonly<LunarDate>, why: string): RangeError {
  const leap = lunar.leap ? ' nhuận' : '';
  return new RangeError(
    `Ngày âm lịch ${lunar.day}/${lunar.month}${leap}/${lunar.year} không tồn tại: ${why}`,
  );
}

/** Civil date ('YYYY-MM-DD') of a lunar date; throws a RangeError if that lunar date does not exist. */
export function lunarToSolar(
  lunar: Readonly<LunarDate>,
  tz: number = VIETNAM_TIME_ZONE_HOURS,
): string {
  const { day, month, year, leap } = lunar;
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw invalidLunar(lunar, 'tháng phải từ 1 đến 12');
  }
  if (!Number.isInteger(day) || day < 1 || day > 30) {
    throw invalidLunar(lunar, 'ngày phải từ 1 đến 30');
  }
  if (!Number.isInteger(year)) throw invalidLunar(lunar, 'năm không hợp lệ');
  const [a11, b11] =
    month < 11
      ? [month11Start(year - 1, tz), month11Start(year, tz)]
      : [month11Start(year, tz), month11Start(year + 1, tz)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH_JD) / SYNODIC_MONTH);
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    // The leap month repeats the month before it: offset 1 after month 11 is a leap month 11.
    const leapMonth = ((leapOffset + 10 - 1) % 12) + 1;
    if (leap && month !== leapMonth) throw invalidLunar(lunar, 'năm này không nhuận tháng đó');
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw invalidLunar(lunar, 'năm này không có tháng nhuận');
  }
  const start = newMoonDay(k + offset, tz);
  const length = newMoonDay(k + offset + 1, tz) - start;
  if (day > length) throw invalidLunar(lunar, `tháng này chỉ có ${length} ngày`);
  return formatDayNumber(start + day - 1 - JDN_OF_DAY_ZERO);
}
