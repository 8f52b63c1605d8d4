// Public API of the working-time calendar: civil dates in Vietnam time, the lunar calendar,
// default holidays, the calendar as data, and deadline arithmetic.
export {
  DAY_MS,
  VN_OFFSET_MS,
  addCivilDays,
  civilDateOf,
  instantOf,
  isCivilDate,
  isClockTime,
  weekdayOf,
} from './civil-time';
export type { Weekday } from './civil-time';
export { VIETNAM_TIME_ZONE_HOURS, lunarToSolar, solarToLunar } from './lunar';
export type { LunarDate } from './lunar';
export {
  CULTURE_DAY_FROM_YEAR,
  HOLIDAY_NAMES,
  defaultHolidays,
  defaultTetDays,
  nationalDayCompanion,
  statutoryHolidays,
  substituteName,
} from './holidays';
export type { DayOff, DayOffKind } from './holidays';
export {
  DEFAULT_OFFICE_HOURS,
  checkOfficeHours,
  checkYearOverrides,
  namedDateSchema,
  officeHoursSchema,
  officialDayOffSchema,
  parseOfficeHours,
  parseYearOverrides,
  yearOverridesSchema,
} from './calendar-schema';
export type {
  CheckResult,
  NamedDate,
  OfficeHours,
  OfficeHoursInput,
  OfficialDayOff,
  YearOverrides,
  YearOverridesInput,
} from './calendar-schema';
export { buildCalendar } from './calendar-data';
export type { ResolvedDayOff, WorkCalendar, WorkingSession } from './calendar-data';
export {
  addWorkingDays,
  addWorkingHours,
  classifyReturn,
  classifyStep,
  classifyTiming,
  endOfWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  workingMsBetween,
} from './working-time';
export type { AddWorkingDaysOptions, ReturnTiming } from './working-time';
