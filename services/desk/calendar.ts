// The office's working-time calendar: office hours + each year's overrides from the
// database, built once and cached until the calendar or settings change.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { buildCalendar, type WorkCalendar } from '../../core/calendar/calendar-data';
import {
  DEFAULT_OFFICE_HOURS,
  parseYearOverrides,
  type OfficeHours,
} from '../../core/calendar/calendar-schema';
import { weekdayOf } from '../../core/calendar/civil-time';
import { DEFAULT_CODE_FORMAT } from '../../core/desk/code-format';
import { checkCodeFormat } from '../../core/desk/code-format';
import { AppError } from '../../core/errors';
import type { Tx } from '../../db/open';
import { calendarYears, deskSettings, users } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { prepared } from '../prepared';

const CALENDAR_KEY = 'calendar';

export function seedDesk(tx: Tx, resourcesDir: string, now: number): void {
  tx.insert(deskSettings)
    .values({
      id: 1,
      officeHours: DEFAULT_OFFICE_HOURS,
      codeFormat: DEFAULT_CODE_FORMAT,
      supplementRule: 'pause',
      collectPlace: 'Bộ phận Một cửa',
      updatedAt: now,
    })
    .onConflictDoNothing()
    .run();
  const dir = path.join(resourcesDir, 'calendar');
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!/^\d{4}\.json$/.test(file)) continue;
    const overrides = parseYearOverrides(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    tx.insert(calendarYears)
      .values({ year: overrides.year, data: overrides, source: 'seed', updatedAt: now })
      .onConflictDoNothing()
      .run();
  }
}

export function getDeskSettings(ctx: Pick<Ctx, 'db'>) {
  const row = prepared(ctx.db, 'desk.settings', (d) =>
    d.select().from(deskSettings).where(eq(deskSettings.id, 1)).prepare(),
  ).get();
  if (!row) throw new AppError('NOT_SET_UP');
  return row;
}

/** The calendar for deadline computations, cached per connection. */
export function workCalendar(ctx: Pick<Ctx, 'db' | 'cache'>): WorkCalendar {
  const cached = ctx.cache.get(CALENDAR_KEY) as WorkCalendar | undefined;
  if (cached) return cached;
  const settings = getDeskSettings(ctx);
  const years = ctx.db.select().from(calendarYears).all();
  const cal = buildCalendar(
    settings.officeHours as OfficeHours,
    years.map((y) => y.data),
  );
  ctx.cache.set(CALENDAR_KEY, cal);
  return cal;
}

function settingsView(row: ReturnType<typeof getDeskSettings>) {
  return {
    codeFormat: row.codeFormat,
    supplementRule: row.supplementRule,
    collectPlace: row.collectPlace,
    officeHours: row.officeHours as OfficeHours,
  };
}

export const calendarHandlers: PartialHandlers = {
  'calendar.get': (ctx, input) => {
    const cal = workCalendar(ctx);
    const row = ctx.db.select().from(calendarYears).where(eq(calendarYears.year, input.year)).get();
    return {
      year: input.year,
      overrides: row
        ? parseYearOverrides(row.data)
        : { year: input.year, daysOff: [], workingDays: [], replaceDefaults: false },
      source: row?.source ?? 'law',
      daysOff: cal.daysOff(input.year).map((d) => ({ date: d.date, name: d.name, kind: d.kind })),
      workingDays: cal.workingDayOverrides(input.year).map((d) => ({ date: d.date, name: d.name })),
      officeHours: cal.officeHours,
    };
  },
  'calendar.update': (ctx, input) => {
    const o = input.overrides;
    for (const d of o.workingDays) {
      if (weekdayOf(d.date) < 6)
        throw new AppError(
          'INVALID_INPUT',
          `Ngày làm bù ${d.date} không phải thứ Bảy hoặc Chủ nhật.`,
        );
    }
    for (const d of [...o.daysOff, ...o.workingDays]) {
      if (!d.date.startsWith(`${o.year}-`))
        throw new AppError('INVALID_INPUT', `Ngày ${d.date} không thuộc năm ${o.year}.`);
    }
    write(ctx, (tx) => {
      tx.insert(calendarYears)
        .values({ year: o.year, data: o, source: 'office', updatedAt: ctx.now() })
        .onConflictDoUpdate({
          target: calendarYears.year,
          set: { data: o, source: 'office', updatedAt: ctx.now() },
        })
        .run();
      return {
        result: undefined,
        audit: {
          operation: 'calendar.update',
          entity: 'calendar',
          entityId: String(o.year),
          summary: `Cập nhật lịch làm việc năm ${o.year}: ${o.daysOff.length} ngày nghỉ, ${o.workingDays.length} ngày làm bù`,
        },
      };
    });
    ctx.cache.delete(CALENDAR_KEY);
    return { done: true as const };
  },
  'desk.getSettings': (ctx) => settingsView(getDeskSettings(ctx)),
  'desk.updateSettings': (ctx, input) => {
    const problem = checkCodeFormat(input.codeFormat);
    if (problem) throw new AppError('INVALID_INPUT', problem);
    buildCalendar(input.officeHours); // validates sessions (order, overlap) with Vietnamese messages
    const row = write(ctx, (tx) => ({
      result: tx
        .update(deskSettings)
        .set({ ...input, updatedAt: ctx.now() })
        .where(eq(deskSettings.id, 1))
        .returning()
        .get(),
      audit: {
        operation: 'desk.updateSettings',
        entity: 'desk_settings',
        summary: `Cập nhật cấu hình một cửa (mẫu mã hồ sơ ${input.codeFormat})`,
      },
    }));
    ctx.cache.delete(CALENDAR_KEY);
    return settingsView(row);
  },
  'desk.assignees': (ctx, input) =>
    ctx.db
      .select({ id: users.id, fullName: users.fullName, title: users.title, roles: users.roles })
      .from(users)
      .where(eq(users.disabled, false))
      .all()
      .filter((u) => u.roles.includes(input.role))
      .map(({ id, fullName, title }) => ({ id, fullName, title }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi')),
};
