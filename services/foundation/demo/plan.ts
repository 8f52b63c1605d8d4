// Who comes to the demo office's desk, when, for what, and how each dossier is meant to go:
// a few months of arrivals on working days in office hours over the seeded procedures, most
// returned early or on time, some late, some refused, stopped, sent back for a supplement or
// extended with an apology; and a handful placed so that today has dossiers due, overdue,
// waiting for a supplement and extended. Plans only: the handlers write everything.
import type { WorkCalendar } from '../../../core/calendar/calendar-data';
import {
  civilDateOf,
  dayNumberOfInstant,
  startOfDayNumber,
  weekdayOfDayNumber,
} from '../../../core/calendar/civil-time';
import type { ProcedureVersion } from '../../../core/catalog/schema';
import { PROCEDURE_MIX } from '../../../core/demo/desk-mix';
import { makePerson, type Person } from '../../../core/demo/people';
import { weighted, type Rng } from '../../../core/demo/rng';
import { appointment } from '../../desk/receive';

const MINUTE_MS = 60_000;

export interface DemoProcedure {
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly body: ProcedureVersion;
}

export interface DossierPlan {
  readonly procedure: DemoProcedure;
  readonly receiveAt: number;
  readonly person: Person;
  readonly channel: 'direct' | 'postal' | 'online';
  readonly fate: 'returned' | 'refused' | 'stopped';
  /** Share of each step's allotted hours its holder takes. */
  readonly pace: number;
  /** The specialist finishes after the appointment. */
  readonly late: boolean;
  /** The specialist asks for a supplement; the citizen brings it after this many working hours
   * (null: not yet). */
  readonly supplement: { readonly waitHours: number | null } | null;
  /** An apology with a new date, before the appointment passes. */
  readonly apology: boolean;
  /** The step (1-based) whose holder has not acted yet at the end of the history. */
  readonly holdAt: number | null;
  /** The citizen's answer on the return dialog (null: not asked). */
  readonly rating: 'satisfied' | 'unsatisfied' | null;
}

/** Relative volume by ISO weekday (Mondays are busy). */
const WEEKDAY_WEIGHT = [0, 1.25, 1.05, 1, 0.95, 0.9, 0.5, 0.4];

function arrivalTime(cal: WorkCalendar, day: number, end: number, rng: Rng): number | null {
  const base = startOfDayNumber(day);
  const windows = cal.sessions
    .map((s) => [base + s.startMs, Math.min(base + s.endMs - 10 * MINUTE_MS, end)] as const)
    .filter(([a, b]) => b > a);
  if (!windows.length) return null;
  const [a, b] = rng.pick(windows);
  return Math.floor(rng.range(a, b) / MINUTE_MS) * MINUTE_MS + rng.int(0, 59) * 1000;
}

function basePlan(procedure: DemoProcedure, receiveAt: number, person: Person, rng: Rng) {
  const roll = rng.next();
  return {
    procedure,
    receiveAt,
    person,
    channel:
      roll < 0.1 ? ('online' as const) : roll < 0.12 ? ('postal' as const) : ('direct' as const),
    fate: 'returned' as const,
    pace: rng.range(0.2, 0.85),
    late: false,
    supplement: null,
    apology: false,
    holdAt: null,
    rating: rng.chance(0.7)
      ? rng.chance(0.9)
        ? ('satisfied' as const)
        : ('unsatisfied' as const)
      : null,
  };
}

/** Arrivals from `start` to `end` with their fates, in receive order. */
export function arrivals(
  procedures: readonly DemoProcedure[],
  cal: WorkCalendar,
  start: number,
  end: number,
  rng: Rng,
  place: { commune: string; province: string },
): DossierPlan[] {
  const pick = weighted(procedures.map((p) => [p, PROCEDURE_MIX[p.code] ?? 1] as const));
  const residents = Array.from({ length: 400 }, () =>
    makePerson(rng, place.commune, place.province),
  );
  const plans: DossierPlan[] = [];
  const lastDay = dayNumberOfInstant(end);
  for (let day = dayNumberOfInstant(start) + 1; day <= lastDay; day++) {
    if (!cal.isWorkingDayNumber(day)) continue;
    const count = Math.round(rng.range(2.5, 6.5) * (WEEKDAY_WEIGHT[weekdayOfDayNumber(day)] ?? 1));
    for (let i = 0; i < count; i++) {
      const at = arrivalTime(cal, day, end, rng);
      if (at === null) continue;
      const procedure = pick(rng);
      const plan = basePlan(procedure, at, rng.pick(residents), rng);
      const steps = procedure.body.steps.length;
      // The last week's dossiers: some still with a holder, some results waiting to be collected.
      const holdAt = lastDay - day < 7 && rng.chance(0.3) ? rng.int(2, steps) : null;
      const r = rng.next();
      if (r < 0.015) plans.push({ ...plan, fate: 'refused', rating: null });
      else if (r < 0.025) plans.push({ ...plan, fate: 'stopped', rating: null, holdAt });
      else if (r < 0.085)
        plans.push({
          ...plan,
          late: true,
          apology: procedure.body.timeLimit.value > 0 && rng.chance(0.4),
        });
      else if (r < 0.13)
        plans.push({ ...plan, supplement: { waitHours: rng.range(4, 30) }, holdAt });
      else plans.push({ ...plan, holdAt });
    }
  }
  return plans.sort((a, b) => a.receiveAt - b.receiveAt);
}

/** The working day `back` working days before `day` (0: the day itself or the one before). */
function workingDayBack(cal: WorkCalendar, day: number, back: number): number {
  let d = day;
  let left = back;
  while (!cal.isWorkingDayNumber(d) || left > 0) {
    if (cal.isWorkingDayNumber(d)) left--;
    d--;
  }
  return d;
}

/**
 * Dossiers placed against `end`: due today and overdue (open at the specialist or the leader),
 * one waiting for the citizen's supplement, one extended with an apology and still open.
 */
export function placedForToday(
  procedures: readonly DemoProcedure[],
  cal: WorkCalendar,
  end: number,
  rng: Rng,
  place: { commune: string; province: string },
): DossierPlan[] {
  const multiDay = procedures.filter((p) => p.body.timeLimit.value >= 2);
  const today = civilDateOf(end);
  const endDay = dayNumberOfInstant(end);
  const person = () => makePerson(rng, place.commune, place.province);
  const morning = (day: number) =>
    startOfDayNumber(day) + (cal.sessions[0]?.startMs ?? 0) + rng.int(20, 150) * MINUTE_MS;
  const plans: DossierPlan[] = [];
  const receivedOn = (p: DemoProcedure, dueDay: number): number | null => {
    // The morning whose appointment falls on dueDay, if any.
    for (let back = 1; back <= 30; back++) {
      const at = morning(workingDayBack(cal, endDay, back));
      if (at >= end) continue;
      const due = appointment(p.body, at, cal);
      if (dayNumberOfInstant(due) === dueDay) return at;
      if (dayNumberOfInstant(due) < dueDay) return null;
    }
    return null;
  };
  const add = (p: DemoProcedure, dueDay: number, over: Partial<DossierPlan>) => {
    const at = receivedOn(p, dueDay);
    if (at !== null) plans.push({ ...basePlan(p, at, person(), rng), pace: 0.5, ...over });
  };
  for (const [i, p] of multiDay.slice(0, 4).entries()) {
    // Two due today (if today is a working day), two overdue.
    if (i < 2 && cal.isWorkingDay(today)) add(p, endDay, { holdAt: i === 0 ? 2 : 3 });
    else add(p, workingDayBack(cal, endDay, i), { holdAt: 2 });
  }
  // Received twenty minutes ago, a same-day one: the specialist's step is due later today.
  const justNow = end - 20 * MINUTE_MS;
  const inHours = cal.sessions.some(
    (s) =>
      justNow >= startOfDayNumber(endDay) + s.startMs &&
      justNow < startOfDayNumber(endDay) + s.endMs,
  );
  const quick = procedures
    .filter((p) => p.body.timeLimit.value === 0)
    .sort((a, b) => (a.body.steps[1]?.hours ?? 0) - (b.body.steps[1]?.hours ?? 0))[0];
  if (quick && inHours && cal.isWorkingDay(today))
    plans.push({ ...basePlan(quick, justNow, person(), rng), holdAt: 2 });
  const [first, second] = multiDay;
  if (first) {
    const at = morning(workingDayBack(cal, endDay, 2));
    if (at < end)
      plans.push({
        ...basePlan(first, at, person(), rng),
        pace: 0.3,
        supplement: { waitHours: null },
      });
  }
  if (second) {
    const at = morning(workingDayBack(cal, endDay, 2));
    if (at < end)
      plans.push({ ...basePlan(second, at, person(), rng), pace: 0.4, apology: true, holdAt: 3 });
  }
  return plans;
}
