// The quality-system figures (issues 8-10) on the generated office with its ten-year quality
// history, measured through the contract as the screens call it: the inbox of the busiest
// user, the document register and its search, approving a procedure revision (which makes the
// catalog procedure version), every objective's indicators for one year and for ten, the
// nonconformity register (and the risk register once risks exist), a rating taken on return,
// a management review's inputs assembled for its year, and an audit's dossier sample.
import { civilDateOf } from '../../core/calendar/civil-time';
import type { OpInput } from '../../core/contract';
import { DEMO_PASSWORD } from '../../services/foundation/setup';
import type { AppBackend } from '../../services/platform';
import { STAFF_PASSWORD } from '../history/quality';
import {
  caller,
  log,
  measure,
  measureCases,
  type Caller,
  type CaseTiming,
  type Figure,
  type Timing,
} from './figures';
import { summarize } from './stats';
import { approveFigure, ratingFigure, reviewFigure, sampleFigure } from './qms-figures-write';
import { yearlyFigure } from './qms-yearly';

/** A session of `username` (demo users and the generated staff). */
async function session(backend: AppBackend, username: string): Promise<Caller> {
  const call = caller(backend, `bench-qms:${username}`);
  const r = await backend.call(`bench-qms:${username}`, 'auth.login', {
    username,
    password: DEMO_PASSWORD,
  });
  if (!r.ok) await call('auth.login', { username, password: STAFF_PASSWORD });
  return call;
}

const ms = (target: number, what = 'p95') => ({ target, targetText: `${what} ≤ ${target} ms` });

/** The QMS figures `--only qms.<name>` can pick. */
export const QMS_FIGURES = [
  'inbox',
  'documents',
  'approve',
  'indicators',
  'nc',
  'risks',
  'rating',
  'review',
  'sample',
  'yearly',
] as const;
type QmsFigure = (typeof QMS_FIGURES)[number];

/** Measures the selected QMS figures, handing each to `record` as soon as it is measured. */
export async function qmsFigures(
  backend: AppBackend,
  t: Timing,
  record: (...f: Figure[]) => void,
  want: (figure: QmsFigure) => boolean,
): Promise<void> {
  const sqlite = backend.database();
  const as = new Map<string, Caller>();
  const user = async (name: string) => {
    const known = as.get(name);
    if (known) return known;
    const c = await session(backend, name);
    as.set(name, c);
    return c;
  };
  const thuky = await user('thuky');
  const today = civilDateOf(Date.now());
  const counts = Object.fromEntries(
    (
      sqlite.prepare('SELECT kind, count(*) AS n FROM qms_records GROUP BY kind').all() as {
        kind: string;
        n: number;
      }[]
    ).map((r) => [r.kind, r.n]),
  );
  log(`Quality records: ${JSON.stringify(counts)}`);

  if (want('inbox')) record(...(await inboxFigure(backend, user, t)));
  if (want('documents')) record(...(await documentFigure(thuky, t, counts['document'] ?? 0)));
  if (want('approve'))
    record(
      ...(await approveFigure(thuky, await user('phochutich'), await user('chutich'), t, today)),
    );
  if (want('indicators')) await indicatorFigures(thuky, t, today, record);
  if (want('nc')) record(...(await ncFigure(thuky, t, today, counts['nonconformity'] ?? 0)));
  if (want('risks')) record(...(await riskRegisterFigure(thuky, t, counts['risk'] ?? 0)));
  if (want('rating')) record(...(await ratingFigure(backend, user, t)));
  if (want('review')) record(...(await reviewFigure(thuky, t, today)));
  if (want('yearly')) record(...(await yearlyFigure(thuky, t, today)));
  if (want('sample'))
    record(...(await sampleFigure(thuky, await user('chutich'), await user('danhgia'), t, today)));
}

type User = (name: string) => Promise<Caller>;

/** The inbox of the user with the most lines (issues 8 and 9). */
async function inboxFigure(backend: AppBackend, user: User, t: Timing): Promise<Figure[]> {
  const sqlite = backend.database();
  log('Measuring qms.inbox for the busiest user...');
  const usernames = sqlite
    .prepare("SELECT username FROM users WHERE disabled = 0 AND roles NOT LIKE '%admin%'")
    .pluck()
    .all() as string[];
  let busiest = { name: 'thuky', total: -1 };
  for (const name of usernames) {
    const inbox = await (await user(name))('qms.inbox', {});
    if (inbox.total > busiest.total) busiest = { name, total: inbox.total };
  }
  const inboxOf = await user(busiest.name);
  const inbox = await measure(t, 3, () => inboxOf('qms.inbox', {}));
  return [
    {
      name: `Inbox of the busiest user (qms.inbox, ${busiest.name}: ${busiest.total} lines)`,
      unit: 'ms',
      summary: summarize(inbox),
      ...ms(20),
    },
  ];
}

/** The document register and its search (issue 8). */
async function documentFigure(thuky: Caller, t: Timing, documents: number): Promise<Figure[]> {
  log('Measuring documents.list...');
  type DocList = OpInput<'documents.list'>;
  const docCases: { label: string; input: DocList }[] = [
    { label: 'register', input: {} },
    { label: 'with obsolete', input: { includeObsolete: true } },
    { label: 'forms', input: { docType: 'form' } },
    { label: 'procedures', input: { docType: 'procedure' } },
    { label: 'search "phieu kiem soat"', input: { query: 'phieu kiem soat' } },
    { label: 'search "ho tich"', input: { query: 'ho tich' } },
    { label: 'search "BM-01"', input: { query: 'BM-01' } },
    { label: 'search "khai sinh"', input: { query: 'khai sinh' } },
  ];
  const docs = await measureCases(
    t,
    docCases,
    t.iterations,
    async (c) => (await thuky('documents.list', c.input)).length,
  );
  return [
    {
      name: `Document register / search (documents.list, ${documents} documents)`,
      unit: 'ms',
      summary: summarize(docs.all),
      ...ms(20),
      note: slowest(docs.perCase),
    },
  ];
}

const slowest = (cases: readonly CaseTiming[]) =>
  `slowest: ${[...cases].sort((a, b) => b.summary.p95 - a.summary.p95)[0]?.label ?? ''}`;

/** The nonconformity register's pages (issue 9). */
async function ncFigure(thuky: Caller, t: Timing, today: string, ncs: number): Promise<Figure[]> {
  log('Measuring nonconformities.list...');
  type NcList = OpInput<'nonconformities.list'>;
  const year = Number(today.slice(0, 4));
  const ncCases: { label: string; input: NcList }[] = [
    { label: 'all', input: {} },
    { label: 'open', input: { state: 'open' } },
    { label: 'overdue', input: { state: 'overdue' } },
    { label: 'closed', input: { state: 'closed' } },
    { label: `year ${year}`, input: { year } },
    { label: `year ${year - 5}`, input: { year: year - 5 } },
    { label: 'search "qua han"', input: { query: 'qua han' } },
  ];
  const run = await measureCases(
    t,
    ncCases,
    t.iterations,
    async (c) => (await thuky('nonconformities.list', c.input)).total,
  );
  return [
    {
      name: `Nonconformity register (nonconformities.list, ${ncs} records)`,
      unit: 'ms',
      summary: summarize(run.all),
      ...ms(20),
      note: slowest(run.perCase),
    },
  ];
}

/** Every objective's indicator computed over one year, and over the ten years (each figure
 * recorded as soon as it is measured). */
async function indicatorFigures(
  thuky: Caller,
  t: Timing,
  today: string,
  record: (...f: Figure[]) => void,
): Promise<void> {
  log('Measuring objectives.computeAll...');
  const year = Number(today.slice(0, 4)) - 1;
  const windows = [
    { label: 'one year', from: `${year}-01-01`, to: `${year}-12-31`, target: 150 },
    { label: 'ten years', from: `${year - 9}-01-01`, to: today, target: 1000 },
  ];
  for (const w of windows) {
    let n = 0;
    const samples = await measure({ ...t, iterations: Math.min(t.iterations, 60) }, 2, async () => {
      n = (await thuky('objectives.computeAll', { year, from: w.from, to: w.to })).rows.length;
    });
    record({
      name: `Every objective's indicators, ${w.label} (objectives.computeAll, ${n} objectives)`,
      unit: 'ms',
      summary: summarize(samples),
      ...ms(w.target),
    });
  }
}

/** The risk register, pages 1-5 of its filters (issue 9 item 2). */
async function riskRegisterFigure(thuky: Caller, t: Timing, risks: number): Promise<Figure[]> {
  if (!risks) return [];
  log('Measuring risks.list...');
  type RiskList = OpInput<'risks.list'>;
  const filters: { label: string; input: RiskList }[] = [
    { label: 'live', input: {} },
    { label: 'all', input: { state: 'all' } },
    { label: 'due for review', input: { state: 'due' } },
    { label: 'high', input: { level: 'high' } },
    { label: 'search "ho so"', input: { query: 'ho so', state: 'all' } },
  ];
  const cases = filters.flatMap((f) =>
    [1, 2, 3, 4, 5].map((page) => ({ label: f.label, input: { ...f.input, page } })),
  );
  const run = await measureCases(
    t,
    cases,
    Math.max(t.iterations, cases.length),
    async (c) => (await thuky('risks.list', c.input)).total,
  );
  return [
    {
      name: `Risk register page (risks.list, ${risks} risks, pages 1-5)`,
      unit: 'ms',
      summary: summarize(run.all),
      ...ms(20),
      note: slowest(run.perCase),
    },
  ];
}
