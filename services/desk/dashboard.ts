// Dashboard figures: today's received and due, overdue and open, on-time rates this month
// and year, by procedure and by month. Each figure is one indexed aggregate query.
import {
  civilDateOf,
  dayNumberOf,
  sqliteCivilMonth,
  startOfDayNumber,
} from '../../core/calendar/civil-time';
import type { PartialHandlers } from '../handlers';

const DAY_MS = 86_400_000;

interface Counts {
  resolved: number;
  onTime: number;
}

function rate(c: Counts) {
  return { ...c, rate: c.resolved ? c.onTime / c.resolved : null };
}

export const dashboardHandlers: PartialHandlers = {
  'dashboard.get': (ctx) => {
    const sqlite = ctx.conn.sqlite;
    const now = ctx.now();
    const today = civilDateOf(now);
    const dayStart = startOfDayNumber(dayNumberOf(today));
    const monthStart = startOfDayNumber(dayNumberOf(`${today.slice(0, 7)}-01`));
    const yearStart = startOfDayNumber(dayNumberOf(`${today.slice(0, 4)}-01-01`));
    const count = (q: string, ...args: number[]) =>
      sqlite
        .prepare(q)
        .pluck()
        .get(...args) as number;
    const open = "status IN ('processing','ready','supplement')";
    const resolved = (from: number): Counts =>
      sqlite
        .prepare(
          "SELECT count(*) AS resolved, coalesce(sum(outcome IN ('early','on_time')),0) AS onTime FROM dossiers WHERE resolved_at >= ? AND outcome IS NOT NULL",
        )
        .get(from) as Counts;
    // One grouped pass per figure over the year's rows (covering indexes), not a
    // correlated count per procedure.
    type ProcFig = {
      procedureId: string;
      name: string;
      received: number;
      resolved: number;
      onTime: number;
      late: number;
      open: number;
    };
    const figs = new Map<string, ProcFig>();
    const fig = (id: string): ProcFig => {
      let f = figs.get(id);
      if (!f)
        figs.set(
          id,
          (f = {
            procedureId: id,
            name: '',
            received: 0,
            resolved: 0,
            onTime: 0,
            late: 0,
            open: 0,
          }),
        );
      return f;
    };
    for (const r of sqlite
      .prepare(
        'SELECT procedure_id AS p, count(*) AS n FROM dossiers WHERE received_at >= ? GROUP BY procedure_id',
      )
      .all(yearStart) as { p: string; n: number }[]) {
      fig(r.p).received = r.n;
    }
    for (const r of sqlite
      .prepare(
        'SELECT procedure_id AS p, outcome AS o, count(*) AS n FROM dossiers WHERE resolved_at >= ? AND outcome IS NOT NULL GROUP BY procedure_id, outcome',
      )
      .all(yearStart) as { p: string; o: string; n: number }[]) {
      const f = fig(r.p);
      f.resolved += r.n;
      if (r.o === 'late') f.late += r.n;
      else f.onTime += r.n;
    }
    for (const r of sqlite
      .prepare(
        `SELECT procedure_id AS p, count(*) AS n FROM dossiers WHERE ${open} GROUP BY procedure_id`,
      )
      .all() as { p: string; n: number }[]) {
      fig(r.p).open = r.n;
    }
    const names = new Map(
      (
        sqlite.prepare('SELECT id, name FROM procedures').all() as { id: string; name: string }[]
      ).map((p) => [p.id, p.name]),
    );
    const byProcedure = [...figs.values()].map((f) => ({
      ...f,
      name: names.get(f.procedureId) ?? '',
    }));
    const months = new Map<
      string,
      { month: string; received: number; early: number; onTime: number; late: number }
    >();
    const monthOf = sqliteCivilMonth;
    for (const r of sqlite
      .prepare(
        `SELECT ${monthOf('received_at')} AS m, count(*) AS n FROM dossiers WHERE received_at >= ? GROUP BY m`,
      )
      .all(yearStart) as { m: string; n: number }[]) {
      months.set(r.m, { month: r.m, received: r.n, early: 0, onTime: 0, late: 0 });
    }
    for (const r of sqlite
      .prepare(
        `SELECT ${monthOf('resolved_at')} AS m, outcome AS o, count(*) AS n FROM dossiers WHERE resolved_at >= ? AND outcome IS NOT NULL GROUP BY m, o`,
      )
      .all(yearStart) as { m: string; o: 'early' | 'on_time' | 'late'; n: number }[]) {
      const e = months.get(r.m) ?? { month: r.m, received: 0, early: 0, onTime: 0, late: 0 };
      if (r.o === 'early') e.early = r.n;
      else if (r.o === 'on_time') e.onTime = r.n;
      else e.late = r.n;
      months.set(r.m, e);
    }
    return {
      today,
      receivedToday: count(
        'SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at < ?',
        dayStart,
        dayStart + DAY_MS,
      ),
      dueToday: count(
        `SELECT count(*) FROM dossiers WHERE ${open} AND due_at >= ? AND due_at < ?`,
        dayStart,
        dayStart + DAY_MS,
      ),
      overdue: count(`SELECT count(*) FROM dossiers WHERE ${open} AND due_at < ?`, now),
      open: count(`SELECT count(*) FROM dossiers WHERE ${open}`),
      month: rate(resolved(monthStart)),
      year: rate(resolved(yearStart)),
      byProcedure: byProcedure
        .filter((p) => p.received + p.resolved + p.open > 0)
        .sort((a, b) => b.received - a.received),
      byMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    };
  },
};
