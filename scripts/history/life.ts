// One generated dossier's life, decided as the desk would have lived it: its procedure and
// applicant, code and book line, pace, fate (returned, refused, stopped, late, a supplement
// round, an apology with a new date), its steps and events, and where it stands at the end of
// the history (recent ones still open). Nothing is written here (write.ts does).
import type { WorkCalendar } from '../../core/calendar/calendar-data';
import { civilDateOf, DAY_MS } from '../../core/calendar/civil-time';
import {
  addWorkingHours,
  classifyStep,
  classifyTiming,
  endOfWorkingDay,
  nextWorkingDay,
  workingMsBetween,
} from '../../core/calendar/working-time';
import {
  APOLOGY_REASONS,
  REFUSE_REASONS,
  STOP_REASONS,
  SUPPLEMENT_REASONS,
} from '../../core/demo/desk-mix';
import type { Person } from '../../core/demo/people';
import { uuid7, type Rng } from '../../core/demo/rng';
import { formatCode, sequenceScope } from '../../core/desk/code-format';
import { movedByPause } from '../../core/desk/supplement';
import type { DossierStatus, Outcome } from '../../core/desk/types';
import { appointment } from '../../services/desk/receive';
import { versionOn, type Proc, type User } from './office';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface StepRec {
  readonly no: number;
  readonly name: string;
  readonly role: string;
  readonly assignee: User;
  readonly from: User | null;
  readonly startedAt: number;
  dueAt: number;
  finishedAt: number | null;
  outcome: Outcome | null;
}

export interface EventRec {
  readonly at: number;
  readonly user: User;
  readonly kind: string;
  readonly data: Record<string, unknown>;
  readonly audit?: { operation: string; summary: string };
  /** For hand-offs: index of the step handed on. */
  readonly from?: number;
}

/** What a dossier's life needs from the office. */
export interface DeskEnv {
  readonly rng: Rng;
  readonly now: number;
  readonly cal: WorkCalendar;
  readonly supplementRule: 'pause' | 'restart';
  readonly template: string;
  readonly agency: string;
  readonly userFor: (role: string) => User;
  readonly pickProc: (rng: Rng) => Proc;
  readonly pickPerson: () => Person;
  readonly nextCounter: (scope: string) => number;
}

export type Lived = ReturnType<typeof liveDossier>;

export function liveDossier(env: DeskEnv, receivedAt: number, date: string) {
  const {
    rng,
    now,
    cal,
    supplementRule,
    template,
    agency,
    userFor,
    pickProc,
    pickPerson,
    nextCounter,
  } = env;
  const proc = pickProc(rng);
  const v = versionOn(proc, date);
  const body = v.body;
  const plan = body.steps;
  const n = plan.length;
  const person = pickPerson();
  const year = Number(date.slice(0, 4));
  const id = uuid7(receivedAt, rng);
  const code = formatCode(template, {
    agency,
    date,
    seq: nextCounter(sequenceScope(template, date)),
  });
  const bookLine = nextCounter(`book:${year}`);
  const at = (x: number) => addWorkingHours(receivedAt, x / HOUR_MS, cal);
  const due0 = appointment(body, receivedAt, cal);
  const budget = workingMsBetween(receivedAt, due0, cal);
  const ageDays = (now - receivedAt) / DAY_MS;

  // Fate and pace.
  const r = rng.next();
  let fate: 'returned' | 'refused' | 'stopped' =
    r < 0.01 ? 'refused' : r < 0.014 && n > 2 ? 'stopped' : 'returned';
  const late = fate === 'returned' && rng.chance(proc.lateRate);
  const active = late
    ? budget + Math.max(15 * MINUTE_MS, rng.exp(6 * HOUR_MS))
    : budget * (v.sameDay ? rng.range(0.3, 0.97) : rng.range(0.12, 0.95));
  const weights = plan.map((s, i) => (i === 0 ? 0 : s.hours * rng.range(0.5, 1.5)));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const fin: number[] = [];
  let cum = 0;
  for (let i = 0; i < n; i++) {
    cum += weights[i] ?? 0;
    fin.push(i === 0 ? 0 : (active * cum) / weightSum);
  }
  // A supplement round during the specialist's step (the clock pauses or restarts).
  const supp =
    fate === 'returned' && rng.chance(v.sameDay ? 0.01 : 0.06)
      ? {
          s: (fin[1] ?? 0) * rng.range(0.2, 0.8),
          p: Math.min(
            15 * 7.5 * HOUR_MS,
            Math.max(2 * HOUR_MS, Math.round(rng.exp(16 * HOUR_MS) / MINUTE_MS) * MINUTE_MS),
          ),
        }
      : null;
  const act = (x: number) => (supp && x > supp.s ? at(x + supp.p) : at(x));
  const resumeAt = supp ? at(supp.s + supp.p) : 0;
  const dueMoved = supp
    ? supplementRule === 'pause'
      ? movedByPause(due0, supp.p / HOUR_MS, body.timeLimit.unit === 'working_days', cal)
      : appointment(body, resumeAt, cal)
    : due0;

  // Steps along the whole path.
  const receiver = userFor('desk_officer');
  const steps: StepRec[] = [];
  for (let i = 0; i < n; i++) {
    const s = plan[i];
    const prev = steps[i - 1];
    const assignee = i === 0 ? receiver : userFor(s.role);
    const startedAt = prev ? (prev.finishedAt as number) : receivedAt;
    let dueAt = addWorkingHours(startedAt, s.hours, cal);
    if (i === 1 && supp)
      dueAt =
        supplementRule === 'pause'
          ? addWorkingHours(dueAt, supp.p / HOUR_MS, cal)
          : addWorkingHours(resumeAt, s.hours, cal);
    const finishedAt = i === 0 ? receivedAt : act(fin[i] ?? 0);
    steps.push({
      no: s.no,
      name: s.name,
      role: s.role,
      assignee,
      from: prev?.assignee ?? null,
      startedAt,
      dueAt,
      finishedAt,
      outcome: classifyStep(finishedAt, dueAt, cal),
    });
  }
  const step = (i: number) => steps[i];
  const events: EventRec[] = [
    {
      at: receivedAt,
      user: receiver,
      kind: 'received',
      data: { dueAt: due0, to: step(1).assignee.fullName },
      audit: {
        operation: 'dossiers.receive',
        summary: `Tiếp nhận hồ sơ ${code}: ${proc.name}`,
      },
    },
  ];
  if (supp) {
    const items = [rng.pick(v.docNames.length ? v.docNames : ['Giấy tờ tùy thân'])];
    events.push(
      {
        at: at(supp.s),
        user: step(1).assignee,
        kind: 'supplement_requested',
        data: { items, reason: rng.pick(SUPPLEMENT_REASONS) },
        audit: {
          operation: 'dossiers.requestSupplement',
          summary: `${code}: yêu cầu bổ sung ${items.length} thành phần`,
        },
      },
      {
        at: resumeAt,
        user: receiver,
        kind: 'supplement_received',
        data: { rule: supplementRule, dueAt: dueMoved, note: '' },
        audit: {
          operation: 'dossiers.resumeSupplement',
          summary: `${code}: nhận hồ sơ bổ sung, hẹn trả mới ${civilDateOf(dueMoved)}`,
        },
      },
    );
  }
  for (let i = 1; i < n - 1; i++) {
    const from = step(i);
    const to = step(i + 1);
    const t = from.finishedAt as number;
    events.push({
      at: t,
      from: i,
      user: from.assignee,
      kind: 'forwarded',
      data: { fromStep: from.name, toStep: to.name, to: to.assignee.fullName, note: '' },
      audit: {
        operation: 'dossiers.forward',
        summary: `${code}: chuyển "${to.name}" cho ${to.assignee.fullName}`,
      },
    });
    if (from.role === 'leader')
      events.push({ at: t, from: i, user: from.assignee, kind: 'result_signed', data: {} });
  }
  const returnedAt = step(n - 1).finishedAt as number;
  const outcome = classifyTiming(returnedAt, dueMoved, body.timeLimit.unit, cal);
  events.push({
    at: returnedAt,
    user: step(n - 1).assignee,
    kind: 'returned',
    data: { outcome, note: '' },
    audit: { operation: 'dossiers.return', summary: `${code}: trả kết quả` },
  });
  // A late dossier often got an apology and a new date before its appointment passed.
  let dueAt = dueMoved;
  let extended = false;
  if (late && !supp && rng.chance(0.5)) {
    const x = Math.max(MINUTE_MS, budget - rng.range(0.5, 3) * HOUR_MS);
    const t = at(x);
    const holder = steps.find((s, i) => i > 0 && (s.finishedAt as number) >= t) ?? step(1);
    const returnDay = civilDateOf(returnedAt);
    const after = nextWorkingDay(civilDateOf(due0), cal);
    const newDate = returnDay > after ? returnDay : after;
    const newDue = endOfWorkingDay(newDate, cal);
    events.push({
      at: t,
      user: holder.assignee,
      kind: 'apology',
      data: { reason: rng.pick(APOLOGY_REASONS), previousDueAt: due0, dueAt: newDue },
      audit: {
        operation: 'dossiers.apologize',
        summary: `${code}: xin lỗi và gia hạn đến ${newDate}`,
      },
    });
    dueAt = newDue;
    extended = true;
  }

  // Where the dossier stands now.
  let status: DossierStatus = 'returned';
  let currentStep = n;
  let resolvedAt: number | null = returnedAt;
  let returned: number | null = returnedAt;
  let finalOutcome: Outcome | null = outcome;
  let pausedAt: number | null = null;
  let keepSteps = n;
  let keepEvents = events;
  let originalDueAt = dueMoved;

  // Recent dossiers are partly still open; mostly those whose appointment is still ahead.
  const pOpen =
    ageDays < 14 ? (0.8 * Math.exp(-ageDays / 5) + 0.05) * (dueMoved > now ? 1 : 0.12) : 0;
  const forcedOpen = fate === 'returned' && returnedAt <= now && rng.chance(pOpen);
  if (fate !== 'returned') {
    // Refused at the specialist's step, or stopped by the leader at a middle step.
    const k = fate === 'refused' ? 1 : rng.int(1, n - 2);
    const s = step(k);
    const t = at((fin[k - 1] ?? 0) + ((fin[k] ?? 0) - (fin[k - 1] ?? 0)) * rng.range(0.3, 0.9));
    if (t > now) {
      fate = 'returned'; // not decided yet: it is still open (handled below)
    } else {
      s.finishedAt = t;
      s.outcome = classifyStep(t, s.dueAt, cal);
      keepSteps = k + 1;
      const by = fate === 'refused' ? s.assignee : userFor('leader');
      keepEvents = events.filter(
        (e) => e.kind === 'received' || (e.from !== undefined && e.from < k),
      );
      keepEvents.push({
        at: t,
        user: by,
        kind: fate,
        data: { reason: rng.pick(fate === 'refused' ? REFUSE_REASONS : STOP_REASONS) },
        audit: {
          operation: `dossiers.${fate === 'refused' ? 'refuse' : 'stop'}`,
          summary: `${code}: ${fate === 'refused' ? 'từ chối giải quyết' : 'dừng giải quyết'}`,
        },
      });
      status = fate;
      currentStep = k + 1;
      resolvedAt = t;
      returned = null;
      finalOutcome = null;
      dueAt = due0;
      originalDueAt = due0;
      extended = false;
    }
  }
  if (fate === 'returned' && (returnedAt > now || forcedOpen)) {
    let k = steps.findIndex((s, i) => i > 0 && (s.finishedAt as number) > now);
    if (k < 0) k = rng.chance(0.5) ? n - 1 : rng.int(1, n - 2);
    const open = step(k);
    open.finishedAt = null;
    open.outcome = null;
    keepSteps = k + 1;
    currentStep = k + 1;
    status = k === n - 1 ? 'ready' : 'processing';
    resolvedAt = null;
    returned = null;
    finalOutcome = null;
    // Hand-offs out of the open step (and the return) have not happened.
    keepEvents = events.filter(
      (e) => e.at <= now && e.kind !== 'returned' && (e.from === undefined || e.from < k),
    );
    if (supp && resumeAt > now) {
      // The supplement is still ahead or awaited: the clock has not moved yet.
      dueAt = due0;
      originalDueAt = due0;
      open.dueAt = addWorkingHours(open.startedAt, plan[k]?.hours ?? 0, cal);
      if (at(supp.s) <= now) {
        status = 'supplement';
        pausedAt = at(supp.s);
      }
    } else if (!supp && k === 1 && !v.sameDay && rng.chance(0.2)) {
      const t = Math.floor(rng.range(open.startedAt, now));
      if (t > open.startedAt) {
        status = 'supplement';
        pausedAt = t;
        const items = [rng.pick(v.docNames.length ? v.docNames : ['Giấy tờ tùy thân'])];
        keepEvents.push({
          at: t,
          user: open.assignee,
          kind: 'supplement_requested',
          data: { items, reason: rng.pick(SUPPLEMENT_REASONS) },
          audit: {
            operation: 'dossiers.requestSupplement',
            summary: `${code}: yêu cầu bổ sung ${items.length} thành phần`,
          },
        });
      }
    }
    if (!keepEvents.some((e) => e.kind === 'apology')) {
      dueAt = originalDueAt;
      extended = false;
    }
  }

  return {
    id,
    code,
    bookLine,
    year,
    date,
    receivedAt,
    proc,
    v,
    body,
    person,
    receiver,
    steps,
    keepSteps,
    keepEvents,
    status,
    currentStep,
    resolvedAt,
    returned,
    finalOutcome,
    pausedAt,
    dueAt,
    originalDueAt,
    extended,
  };
}
