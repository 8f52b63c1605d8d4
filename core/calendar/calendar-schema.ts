// Schemas of the calendar data: office hours and each year's official announcements (days off,
// swapped working Saturdays), published by the province or edited in Settings. Messages are in
// Vietnamese because bad data from files and sync reaches an admin through them.
import { z } from 'zod';
import { AppError } from '../errors';
import { describePath, vietnameseZodError } from '../messages/labels';
import { isCivilDate, isClockTime, minutesOfClock } from './civil-time';

const civilDate = z
  .string({ error: 'Ngày phải là chuỗi dạng YYYY-MM-DD' })
  .refine(isCivilDate, 'Ngày không hợp lệ (cần dạng YYYY-MM-DD, ví dụ 2026-02-17)');

const clockTime = z
  .string({ error: 'Giờ phải là chuỗi dạng HH:MM' })
  .refine(isClockTime, 'Giờ không hợp lệ (cần dạng HH:MM, ví dụ 07:30)');

const dayName = z
  .string({ error: 'Tên ngày phải là chuỗi' })
  .trim()
  .min(1, 'Tên ngày không được để trống')
  .max(200, 'Tên ngày quá dài (tối đa 200 ký tự)');

export const namedDateSchema = z.object({ date: civilDate, name: dayName });

export const officialDayOffSchema = namedDateSchema.extend({
  kind: z
    .enum(['holiday', 'substitute'], {
      error: 'Loại ngày nghỉ phải là "holiday" hoặc "substitute"',
    })
    .default('holiday'),
});

const MIN_YEAR = 1900;
const MAX_YEAR = 2199;

export const yearOverridesSchema = z
  .object(
    {
      year: z
        .number({ error: 'Năm phải là số' })
        .int('Năm phải là số nguyên')
        .min(MIN_YEAR, `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`)
        .max(MAX_YEAR, `Năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`),
      daysOff: z
        .array(officialDayOffSchema, { error: 'Danh sách ngày nghỉ phải là một mảng' })
        .max(366, 'Quá nhiều ngày nghỉ trong một năm')
        .default([]),
      /** Days worked although normally off: the government's swapped Saturdays (làm bù). */
      workingDays: z
        .array(namedDateSchema, { error: 'Danh sách ngày làm bù phải là một mảng' })
        .max(366, 'Quá nhiều ngày làm bù trong một năm')
        .default([]),
      /** True: `daysOff` is the whole list; false: it is merged over the law's defaults. */
      replaceDefaults: z
        .boolean({ error: 'Thay thế lịch mặc định phải là true hoặc false' })
        .default(false),
    },
    { error: 'Lịch năm phải là một đối tượng' },
  )
  .superRefine((value, ctx) => {
    const seen = new Map<string, string>();
    const check = (list: 'daysOff' | 'workingDays', label: string): void => {
      value[list].forEach((entry, index) => {
        const path = [list, index, 'date'];
        if (!entry.date.startsWith(`${value.year}-`)) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `Ngày ${entry.date} không thuộc năm ${value.year}`,
          });
        }
        const previous = seen.get(entry.date);
        if (previous !== undefined) {
          const message =
            previous === label
              ? `Ngày ${entry.date} bị khai báo trùng`
              : `Ngày ${entry.date} không thể vừa là ngày nghỉ vừa là ngày làm bù`;
          ctx.addIssue({ code: 'custom', path, message });
        }
        seen.set(entry.date, label);
      });
    };
    check('daysOff', 'nghỉ');
    check('workingDays', 'làm bù');
  });

const sessionSchema = z.object({ start: clockTime, end: clockTime }).superRefine((s, ctx) => {
  if (
    isClockTime(s.start) &&
    isClockTime(s.end) &&
    minutesOfClock(s.end) <= minutesOfClock(s.start)
  ) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'Giờ kết thúc phải sau giờ bắt đầu' });
  }
});

export const officeHoursSchema = z
  .object(
    {
      /** ISO weekdays: 1 = Monday … 7 = Sunday. */
      workdays: z
        .array(
          z
            .number({ error: 'Ngày trong tuần phải là số' })
            .int('Ngày trong tuần phải là số nguyên từ 1 (thứ Hai) đến 7 (Chủ nhật)')
            .min(1, 'Ngày trong tuần phải từ 1 (thứ Hai) đến 7 (Chủ nhật)')
            .max(7, 'Ngày trong tuần phải từ 1 (thứ Hai) đến 7 (Chủ nhật)'),
          { error: 'Ngày làm việc trong tuần phải là một mảng' },
        )
        .min(1, 'Phải có ít nhất một ngày làm việc trong tuần')
        .refine((days) => new Set(days).size === days.length, 'Ngày làm việc trong tuần bị trùng'),
      sessions: z
        .array(sessionSchema, { error: 'Danh sách buổi làm việc phải là một mảng' })
        .min(1, 'Phải có ít nhất một buổi làm việc')
        .max(6, 'Tối đa 6 buổi làm việc trong ngày'),
    },
    { error: 'Giờ làm việc phải là một đối tượng' },
  )
  .superRefine((value, ctx) => {
    for (let i = 1; i < value.sessions.length; i += 1) {
      const prev = value.sessions[i - 1];
      const cur = value.sessions[i];
      if (!prev || !cur || !isClockTime(prev.end) || !isClockTime(cur.start)) continue;
      if (minutesOfClock(cur.start) < minutesOfClock(prev.end)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sessions', i, 'start'],
          message: 'Các buổi làm việc phải theo thứ tự và không chồng lên nhau',
        });
      }
    }
  });

export type NamedDate = z.output<typeof namedDateSchema>;
export type OfficialDayOff = z.output<typeof officialDayOffSchema>;
export type YearOverrides = z.output<typeof yearOverridesSchema>;
export type YearOverridesInput = z.input<typeof yearOverridesSchema>;
export type OfficeHours = z.output<typeof officeHoursSchema>;
export type OfficeHoursInput = z.input<typeof officeHoursSchema>;

/** Mon–Fri, 7:30–11:30 and 13:30–17:00: the common schedule of commune offices. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = {
  workdays: [1, 2, 3, 4, 5],
  sessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
};

export type CheckResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };

function check<S extends z.ZodType>(schema: S, input: unknown): CheckResult<z.output<S>> {
  const result = schema.safeParse(input, { error: vietnameseZodError });
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) =>
      issue.path.length > 0 ? `${describePath(issue.path)}: ${issue.message}` : issue.message,
    ),
  };
}

export function checkYearOverrides(input: unknown): CheckResult<YearOverrides> {
  return check(yearOverridesSchema, input);
}

export function checkOfficeHours(input: unknown): CheckResult<OfficeHours> {
  return check(officeHoursSchema, input);
}

function orThrow<T>(what: string, result: CheckResult<T>): T {
  if (result.ok) return result.value;
  throw new AppError(
    'INVALID_INPUT',
    `${what} không hợp lệ. ${result.errors[0] ?? ''}`,
    result.errors,
  );
}

/** Validated office hours, or an AppError('INVALID_INPUT') the UI can show as is. */
export function parseOfficeHours(input: unknown): OfficeHours {
  return orThrow('Giờ làm việc', checkOfficeHours(input));
}

/** Validated year overrides, or an AppError('INVALID_INPUT') the UI can show as is. */
export function parseYearOverrides(input: unknown): YearOverrides {
  const result = checkYearOverrides(input);
  const year =
    typeof input === 'object' && input !== null && 'year' in input ? ` ${String(input.year)}` : '';
  return orThrow(`Lịch năm${year}`, result);
}
