// A lived-in demo office: the office is set up some months ago, then its desk and its quality
// system are lived through up to now, every change by the operation's own handler as the user
// who owns that step, at the instant it happened (services/foundation/demo/*). Seeded: the same
// `now` gives the same office.
import { eq } from 'drizzle-orm';
import type { WorkCalendar } from '../../../core/calendar/calendar-data';
import {
  civilDateOf,
  dayNumberOfInstant,
  formatDayNumber,
  instantOf,
} from '../../../core/calendar/civil-time';
import { createRng } from '../../../core/demo/rng';
import { office, procedures } from '../../../db/schema';
import type { Ctx } from '../../context';
import type { AppBackend } from '../../platform';
import { workCalendar } from '../../desk/calendar';
import { versionInForce } from '../../desk/catalog';
import { Agenda } from './agenda';
import { demoDesk } from './desk-as';
import { receive, type DossierLife } from './dossiers';
import { arrivals, placedForToday, type DemoProcedure } from './plan';
import { scheduleQualityYear, workingDays } from './quality';
import { scheduleManagement } from './management';
import { scheduleRisks } from './risks';

/** How far back the demo office's history goes (calendar days). */
export const DEMO_HISTORY_DAYS = 100;
const DEMO_SEED = 12;

/** The instant the demo office was set up: 07:00 on the day DEMO_HISTORY_DAYS before `now`. */
export function demoHistoryStart(now: number): number {
  return instantOf(formatDayNumber(dayNumberOfInstant(now) - DEMO_HISTORY_DAYS), '07:00');
}

function demoProcedures(ctx: Ctx, date: string): DemoProcedure[] {
  return ctx.db
    .select()
    .from(procedures)
    .where(eq(procedures.active, true))
    .all()
    .flatMap((p) => {
      const v = versionInForce(ctx.db, p.id, date);
      return v && v.body.steps.length >= 2
        ? [{ id: p.id, code: p.code, name: p.name, body: v.body }]
        : [];
    });
}

export interface DemoHistory {
  readonly dossiers: number;
  readonly ms: number;
}

/** Lives the set-up office (set up at `start`) through to `end`. */
export async function liveInDemoOffice(ctx: Ctx, start: number, end: number): Promise<DemoHistory> {
  const t0 = performance.now();
  const rng = createRng(DEMO_SEED);
  const desk = demoDesk(ctx, start);
  const agenda = new Agenda(desk, end);
  const cal: WorkCalendar = workCalendar(ctx);
  const row = ctx.db.select().from(office).get();
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const place = { commune: lower(row?.commune ?? 'xã'), province: lower(row?.province ?? 'tỉnh') };
  const procs = demoProcedures(ctx, civilDateOf(start));
  const byRole = new Map<string, string[]>();
  for (const [username, u] of desk.people)
    for (const role of u.roles)
      if (role !== 'admin') byRole.set(role, [...(byRole.get(role) ?? []), username]);
  const life: DossierLife = { desk, agenda, cal, rng, byRole };
  const plans = [
    ...arrivals(procs, cal, start, end, rng, place),
    ...placedForToday(procs, cal, end, rng, place),
  ];
  for (const plan of plans) receive(life, plan);
  scheduleQualityYear(ctx, desk, agenda, cal, start);
  scheduleRisks(desk, agenda, workingDays(cal, start, end));
  scheduleManagement(desk, agenda, workingDays(cal, start, end), start);
  // One transaction around the months: each operation's own transaction becomes a savepoint
  // in it, so the seeding does not wait for the disk at every commit, and an office is either
  // lived in whole or not at all. Nothing else runs meanwhile: no handler used here waits for
  // I/O, so the seeding never yields to the event loop between BEGIN and COMMIT.
  const sqlite = ctx.conn.sqlite;
  sqlite.exec('BEGIN');
  try {
    await agenda.run();
    sqlite.exec('COMMIT');
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  }
  return { dossiers: plans.length, ms: performance.now() - t0 };
}

/** `--demo` (browser mode, Electron): a PC with no office yet opens on the lived-in demo office. */
export async function setUpDemoIfNew(backend: AppBackend): Promise<void> {
  const status = await backend.call('cli', 'app.status', {});
  if (!status.ok || (status.value as { setUp: boolean }).setUp) return;
  const made = await backend.call('cli', 'setup.demo', { history: true });
  if (!made.ok) console.error(`Không tạo được cơ quan mẫu: ${made.error.message}`);
}
