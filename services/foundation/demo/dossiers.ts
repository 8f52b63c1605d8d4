// A planned dossier lived through the desk's operations: received by the desk officer,
// handed on step by step by whoever holds each step, asked for a supplement and resumed,
// apologized for with a new date, refused, stopped, returned with the citizen's rating. Each
// move is scheduled on the agenda at the instant its holder acts; what is after the end of the
// history has not happened yet, so recent dossiers stay open where they are.
import type { WorkCalendar } from '../../../core/calendar/calendar-data';
import { civilDateOf } from '../../../core/calendar/civil-time';
import {
  addWorkingHours,
  nextWorkingDay,
  workingMsBetween,
} from '../../../core/calendar/working-time';
import type { OpOutput } from '../../../core/contract';
import { computeFee } from '../../../core/catalog/fees';
import {
  APOLOGY_REASONS,
  documentList,
  REFUSE_REASONS,
  STOP_REASONS,
  SUPPLEMENT_REASONS,
} from '../../../core/demo/desk-mix';
import { uuid7, type Rng } from '../../../core/demo/rng';
import type { Agenda } from './agenda';
import type { DemoDesk } from './desk-as';
import type { DossierPlan } from './plan';

type Detail = OpOutput<'dossiers.get'>;
const HOUR_MS = 3_600_000;

export interface DossierLife {
  readonly desk: DemoDesk;
  readonly agenda: Agenda;
  readonly cal: WorkCalendar;
  readonly rng: Rng;
  /** Usernames by role, for the hand-offs. */
  readonly byRole: ReadonlyMap<string, readonly string[]>;
}

/** The holder of a step, by the name the detail shows (demo users' names are unique). */
function usernameOf(life: DossierLife, fullName: string | null): string {
  for (const [name, u] of life.desk.people) if (u.fullName === fullName) return name;
  throw new Error(`No demo user ${fullName ?? '(none)'}`);
}

function someone(life: DossierLife, role: string): string {
  const names = life.byRole.get(role);
  if (!names?.length) throw new Error(`No demo user with role ${role}`);
  return life.rng.pick(names);
}

const ref = (d: Detail) => ({ id: d.dossier.id, expectedStep: d.dossier.currentStep });

/** Schedules the dossier's reception; everything after follows from each answer. */
export function receive(life: DossierLife, plan: DossierPlan): void {
  const { desk, agenda, rng } = life;
  const body = plan.procedure.body;
  const documents = documentList(body, rng.chance(0.3)).map((d) => ({
    ...d,
    count: Math.max(1, d.count),
  }));
  const second = body.steps[1];
  if (!second) return;
  agenda.add(plan.receiveAt, async () => {
    const d = await desk.as(someone(life, 'desk_officer'))('dossiers.receive', {
      requestKey: uuid7(plan.receiveAt, rng),
      procedureId: plan.procedure.id,
      applicant: {
        fullName: plan.person.name,
        idKind: 'cccd',
        idNumber: plan.person.cccd,
        address: plan.person.address,
        phone: plan.person.phone,
        email: plan.person.email,
      },
      documents,
      sets: rng.chance(0.05) ? 2 : 1,
      feeVnd: computeFee(body, { pages: rng.int(1, 8), copies: rng.int(1, 3) }).totalVnd,
      channel: plan.channel,
      assigneeId: desk.id(someone(life, second.role)),
      note: '',
    });
    next(life, plan, d);
  });
}

/** Schedules what the holder of the open step does next. */
function next(life: DossierLife, plan: DossierPlan, d: Detail): void {
  const { desk, agenda, cal, rng } = life;
  const { dossier } = d;
  const open = d.steps.find((s) => s.finishedAt === null);
  if (!open || (dossier.status !== 'processing' && dossier.status !== 'ready')) return;
  const k = dossier.currentStep;
  if (plan.holdAt === k) return;
  const holder = usernameOf(life, open.assigneeName);
  const hours = d.plan[k - 1]?.hours ?? 1;
  const later = (share: number) => addWorkingHours(open.startedAt, hours * share, cal);
  const then = (r: Promise<Detail>) => r.then((after) => next(life, plan, after));

  if (k === 2 && plan.supplement && !d.events.some((e) => e.kind === 'supplement_requested')) {
    const supplement = plan.supplement;
    agenda.add(later(plan.pace * 0.4), async () => {
      const names = plan.procedure.body.documents.map((x) => x.name);
      const asked = await desk.as(holder)('dossiers.requestSupplement', {
        ...ref(d),
        items: [rng.pick(names.length ? names : ['Giấy tờ tùy thân'])],
        reason: rng.pick(SUPPLEMENT_REASONS),
      });
      if (supplement.waitHours === null) return;
      agenda.add(addWorkingHours(desk.at, supplement.waitHours, cal), () =>
        then(
          desk.as(someone(life, 'desk_officer'))('dossiers.resumeSupplement', {
            ...ref(asked),
            note: 'Công dân đã nộp bổ sung',
          }),
        ),
      );
    });
    return;
  }
  if (k === 2 && plan.apology && !dossier.extended) {
    const half = workingMsBetween(desk.at, dossier.dueAt, cal) / HOUR_MS / 2;
    const date = nextWorkingDay(nextWorkingDay(civilDateOf(dossier.dueAt), cal), cal);
    agenda.add(addWorkingHours(desk.at, half, cal), () =>
      then(
        desk.as(holder)('dossiers.apologize', {
          ...ref(d),
          newDueDate: date,
          reason: rng.pick(APOLOGY_REASONS),
        }),
      ),
    );
    return;
  }
  let at = later(plan.pace);
  if (k === 2 && plan.late)
    at = addWorkingHours(Math.max(at, dossier.originalDueAt), rng.range(0.5, 6), cal);
  if (k === 2 && plan.fate === 'refused') {
    agenda.add(at, () =>
      then(desk.as(holder)('dossiers.refuse', { ...ref(d), reason: rng.pick(REFUSE_REASONS) })),
    );
  } else if (open.role === 'leader' && plan.fate === 'stopped') {
    agenda.add(at, () =>
      then(desk.as(holder)('dossiers.stop', { ...ref(d), reason: rng.pick(STOP_REASONS) })),
    );
  } else if (dossier.status === 'ready') {
    agenda.add(at, () =>
      then(
        desk.as(someone(life, 'desk_officer'))('dossiers.return', {
          ...ref(d),
          note: '',
          rating: plan.rating && { level: plan.rating, criteria: {}, comment: '' },
        }),
      ),
    );
  } else if (d.nextStep) {
    const to = someone(life, d.nextStep.role);
    agenda.add(at, () =>
      then(desk.as(holder)('dossiers.forward', { ...ref(d), toUserId: desk.id(to), note: '' })),
    );
  }
}
