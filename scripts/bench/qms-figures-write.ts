// The quality-system figures that change the office (on the bench's copy): approving a
// procedure revision, returning a dossier with its rating, and the ones that need a record
// made first: a management review's inputs, an audit's dossier sample. Each sample's
// preparation (drafting, receiving, handing on) is not timed.
import { addCivilDays } from '../../core/calendar/civil-time';
import type { OpInput } from '../../core/contract';
import type { AppBackend } from '../../services/platform';
import {
  log,
  measure,
  measurePrepared,
  sampling,
  type Caller,
  type Figure,
  type Timing,
} from './figures';
import { summarize, timed } from './stats';

const ms = (target: number, what = 'p95') => ({ target, targetText: `${what} ≤ ${target} ms` });

/** Approving a procedure revision: each sample a fresh revision of a seeded procedure
 * document, drafted, submitted and reviewed beforehand (not timed). */
export async function approveFigure(
  thuky: Caller,
  reviewer: Caller,
  leader: Caller,
  t: Timing,
  today: string,
): Promise<Figure[]> {
  log('Measuring a procedure revision approval (qms.transition approve)...');
  const docs = (await thuky('documents.list', { docType: 'procedure' })).filter(
    (d) => d.procedureCode !== null,
  );
  const samples: number[] = [];
  let versions = 0;
  const s = sampling(t);
  for (const doc of docs) {
    if (!s.more(samples.length, Math.max(t.iterations / 4, 40))) break;
    const opened = await thuky('documents.newRevision', { documentId: doc.id });
    const draft = opened.revisions.find((r) => r.state === 'draft');
    if (!draft) continue;
    const saved = await thuky('documents.saveDraft', {
      revisionId: draft.id,
      rev: draft.rev,
      changeSummary: 'Rà soát thời gian từng bước',
      sections: draft.data['sections'] as OpInput<'documents.saveDraft'>['sections'],
      steps: draft.data['steps'] as OpInput<'documents.saveDraft'>['steps'],
    });
    const after = saved.revisions.find((r) => r.id === draft.id);
    const submitted = await thuky('qms.transition', {
      id: draft.id,
      transition: 'submit',
      rev: after?.rev ?? 0,
    });
    const reviewed = await reviewer('qms.transition', {
      id: draft.id,
      transition: 'review',
      rev: submitted.rev,
    });
    const [ms, approved] = await timed(() =>
      leader('qms.transition', {
        id: draft.id,
        transition: 'approve',
        rev: reviewed.rev,
        date: addCivilDays(today, 7),
      }),
    );
    samples.push(ms);
    if (approved.data['catalogVersion'] !== null) versions++;
  }
  return [
    {
      name: 'Approve a procedure revision → catalog version (qms.transition approve)',
      unit: 'ms',
      summary: summarize(samples),
      ...ms(10),
      note: `${samples.length} revisions approved, ${versions} catalog versions made`,
    },
  ];
}

/** Returning a dossier with the citizen's rating: each sample a dossier received and handed
 * on to its last step beforehand (not timed). */
export async function ratingFigure(
  backend: AppBackend,
  user: (name: string) => Promise<Caller>,
  t: Timing,
): Promise<Figure[]> {
  log('Measuring dossiers.return with a rating...');
  const desk = await user('motcua');
  const roleUser: Record<string, string> = {
    desk_officer: 'motcua',
    specialist: 'tuphap',
    leader: 'chutich',
    records_clerk: 'vanthu',
  };
  const ids = new Map<string, string>();
  for (const name of Object.values(roleUser)) {
    await user(name);
    ids.set(
      name,
      backend
        .database()
        .prepare('SELECT id FROM users WHERE username = ?')
        .pluck()
        .get(name) as string,
    );
  }
  const birth = (await desk('catalog.list', {})).find((p) => p.code === '1.001193');
  if (!birth) return [];
  const prepare = async () => {
    let d = await desk('dossiers.receive', {
      requestKey: crypto.randomUUID(),
      procedureId: birth.id,
      applicant: {
        fullName: 'Nguyễn Văn Thử',
        idKind: 'cccd',
        idNumber: '001203004005',
        address: 'xã Tân Lập',
        phone: '',
        email: '',
      },
      documents: [{ name: 'Tờ khai (theo mẫu)', kind: 'original', count: 1 }],
      sets: 1,
      feeVnd: 0,
      channel: 'direct',
      assigneeId: ids.get('tuphap') ?? '',
      note: '',
    });
    while (d.nextStep) {
      const holder = await user(roleUser[d.steps.at(-1)?.role ?? ''] ?? 'motcua');
      d = await holder('dossiers.forward', {
        id: d.dossier.id,
        expectedStep: d.dossier.currentStep,
        toUserId: ids.get(roleUser[d.nextStep.role] ?? '') ?? '',
        note: '',
      });
    }
    return d;
  };
  let rated = 0;
  const samples = await measurePrepared(t, 5, prepare, async (ready) => {
    const r = await desk('dossiers.return', {
      id: ready.dossier.id,
      expectedStep: ready.dossier.currentStep,
      note: '',
      rating: {
        level: rated++ % 12 === 0 ? 'unsatisfied' : 'satisfied',
        criteria: {},
        comment: '',
      },
    });
    return r;
  });
  return [
    {
      name: 'Return a dossier with its rating (dossiers.return + rating)',
      unit: 'ms',
      summary: summarize(samples),
      ...ms(5),
      note: 'synchronous=FULL as in the app, like receive',
    },
  ];
}

/** A management review's inputs assembled for its year (reviews.get on a planned review
 * assembles every 9.3.2 input live from the office's data). */
export async function reviewFigure(thuky: Caller, t: Timing, today: string): Promise<Figure[]> {
  log('Measuring reviews.get (inputs assembled)...');
  const year = Number(today.slice(0, 4));
  let planned = (await thuky('reviews.list', { year })).find((r) => r.state === 'planned');
  if (!planned) {
    const people = await thuky('reviews.options', {});
    const chair = people.people.find((p) => p.leader);
    const made = await thuky('reviews.plan', {
      date: addCivilDays(today, 10),
      chairId: chair?.id ?? null,
      secretaryId: null,
      participantIds: [],
      guests: '',
    });
    planned = (await thuky('reviews.list', { year })).find((r) => r.id === made.id);
  }
  if (!planned) return [];
  const id = planned.id;
  const samples = await measure({ ...t, iterations: Math.min(t.iterations, 60) }, 2, () =>
    thuky('reviews.get', { id }),
  );
  return [
    {
      name: `Management review inputs for a year (reviews.get, ${planned.periodFrom} → ${planned.periodTo})`,
      unit: 'ms',
      summary: summarize(samples),
      ...ms(300),
    },
  ];
}

/** An audit's random sample of dossiers of its procedure over six months. */
export async function sampleFigure(
  thuky: Caller,
  leader: Caller,
  auditor: Caller,
  t: Timing,
  today: string,
): Promise<Figure[]> {
  log('Measuring audits.drawSample...');
  const options = await thuky('audits.options', {});
  const doc = options.documents.find((d) => d.title.includes('khai sinh'));
  const lead = options.people.find((p) =>
    p.roleLabels.some((l) => l.toLowerCase().includes('đánh giá viên')),
  );
  const auditee = options.people.find((p) => p.roleLabels.some((l) => l.includes('Một cửa')));
  if (!doc || !lead) return [];
  const date = addCivilDays(today, 14);
  const made = await thuky('audits.create', {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    area: 'Lĩnh vực hộ tịch',
    scope: 'Đăng ký khai sinh',
    criteria: 'TCVN ISO 9001:2015',
    date,
    leadAuditorId: lead.id,
    auditorIds: [],
    auditeeIds: auditee ? [auditee.id] : [],
    documentIds: [doc.id],
  });
  const approved = await leader('qms.transition', { id: made.id, transition: 'approve', rev: 1 });
  let rev = approved.rev;
  const from = addCivilDays(today, -182);
  const samples = await measure(t, 3, async () => {
    const detail = await auditor('audits.drawSample', {
      id: made.id,
      rev,
      size: 20,
      from,
      to: today,
    });
    rev = detail.record.rev;
  });
  return [
    {
      name: 'Draw an audit dossier sample (audits.drawSample, 20 of six months)',
      unit: 'ms',
      summary: summarize(samples),
      ...ms(50),
    },
  ];
}
