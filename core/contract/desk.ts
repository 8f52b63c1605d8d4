// Operations of the one-stop desk around the dossiers (core/contract/dossiers.ts): catalog,
// calendar, desk settings, forms, dashboard, tracking book.
import { z } from 'zod';
import { yearOverridesSchema } from '../calendar/calendar-schema';
import { procedureVersionSchema } from '../catalog/schema';
import { op } from './define';
import { civilDate } from './qms';
import { id } from './schemas';

export const procedureSummary = z.object({
  id,
  code: z.string(),
  isoCode: z.string(),
  name: z.string(),
  field: z.string(),
  active: z.boolean(),
  versionId: z.string(),
  version: z.number(),
  timeLimitText: z.string(),
  cutoff: z.string().nullable(),
  stepCount: z.number(),
});

export const catalogOps = {
  'catalog.list': op({
    input: z.object({}).strict(),
    output: z.array(procedureSummary),
    access: 'catalog.read',
  }),
  'catalog.get': op({
    input: z.object({ id }).strict(),
    output: z.object({
      procedure: procedureSummary,
      versions: z.array(
        z.object({
          id: z.string(),
          version: z.number(),
          effectiveFrom: z.string(),
          body: procedureVersionSchema,
        }),
      ),
    }),
    access: 'catalog.read',
  }),
  'catalog.importExcel': op({
    input: z.object({ fileBase64: z.string().min(1).max(20_000_000) }).strict(),
    output: z.object({
      ok: z.boolean(),
      procedures: z.number(),
      errors: z.array(z.object({ sheet: z.string(), row: z.number(), message: z.string() })),
    }),
    access: 'catalog.manage',
  }),
  'catalog.exportExcel': op({
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'catalog.read',
  }),
  /** The empty import workbook, with its instructions sheet: what "Nhập từ Excel" reads. */
  'catalog.templateExcel': op({
    input: z.object({}).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'catalog.read',
  }),
};

const yearOverrides = yearOverridesSchema;

export const calendarOps = {
  'calendar.get': op({
    input: z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    output: z.object({
      year: z.number(),
      overrides: yearOverrides,
      source: z.string(),
      daysOff: z.array(z.object({ date: z.string(), name: z.string(), kind: z.string() })),
      workingDays: z.array(z.object({ date: z.string(), name: z.string() })),
      officeHours: z.object({
        workdays: z.array(z.number()),
        sessions: z.array(z.object({ start: z.string(), end: z.string() })),
      }),
    }),
    access: 'user',
  }),
  'calendar.update': op({
    input: z.object({ overrides: yearOverrides }).strict(),
    output: z.object({ done: z.literal(true) }),
    access: 'calendar.manage',
  }),
};

const deskSettingsView = z.object({
  codeFormat: z.string(),
  supplementRule: z.enum(['pause', 'restart']),
  collectPlace: z.string(),
  officeHours: z.object({
    workdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    sessions: z
      .array(z.object({ start: z.string(), end: z.string() }))
      .min(1)
      .max(4),
  }),
});

export const deskSettingsOps = {
  'desk.getSettings': op({
    input: z.object({}).strict(),
    output: deskSettingsView,
    access: 'user',
  }),
  'desk.updateSettings': op({
    input: deskSettingsView.strict(),
    output: deskSettingsView,
    access: 'office.manage',
  }),
  'desk.assignees': op({
    input: z
      .object({ role: z.enum(['desk_officer', 'specialist', 'leader', 'records_clerk']) })
      .strict(),
    output: z.array(z.object({ id: z.string(), fullName: z.string(), title: z.string() })),
    access: 'dossiers.read',
  }),
};

export const FORM_KIND_NAMES = [
  'receipt',
  'supplement',
  'refusal',
  'apology',
  'stop',
  'control_slip',
] as const;

export const reportOps = {
  'forms.render': op({
    input: z.object({ dossierId: id, kind: z.enum(FORM_KIND_NAMES) }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'dossiers.read',
  }),
  /** Electron: the form as a PDF file where the user chooses (path null: cancelled). */
  'forms.savePdf': op({
    input: z.object({ dossierId: id, kind: z.enum(FORM_KIND_NAMES) }).strict(),
    output: z.object({ path: z.string().nullable() }),
    access: 'dossiers.read',
  }),
  'book.savePdf': op({
    input: z.object({ from: civilDate, to: civilDate }).strict(),
    output: z.object({ path: z.string().nullable() }),
    access: 'reports.read',
  }),
  'book.get': op({
    input: z.object({ from: civilDate, to: civilDate }).strict(),
    output: z.object({ title: z.string(), html: z.string(), rows: z.number() }),
    access: 'reports.read',
  }),
  'book.exportExcel': op({
    input: z.object({ from: civilDate, to: civilDate }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'reports.read',
  }),
  'dashboard.get': op({
    input: z.object({}).strict(),
    output: z.object({
      today: z.string(),
      receivedToday: z.number(),
      dueToday: z.number(),
      overdue: z.number(),
      open: z.number(),
      month: z.object({ resolved: z.number(), onTime: z.number(), rate: z.number().nullable() }),
      year: z.object({ resolved: z.number(), onTime: z.number(), rate: z.number().nullable() }),
      byProcedure: z.array(
        z.object({
          procedureId: z.string(),
          name: z.string(),
          received: z.number(),
          resolved: z.number(),
          onTime: z.number(),
          late: z.number(),
          open: z.number(),
        }),
      ),
      byMonth: z.array(
        z.object({
          month: z.string(),
          received: z.number(),
          early: z.number(),
          onTime: z.number(),
          late: z.number(),
        }),
      ),
    }),
    access: 'dossiers.read',
  }),
};
