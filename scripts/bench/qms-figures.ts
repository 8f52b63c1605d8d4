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
  type Figure,
  type Timing,
} from './figures';
import { summarize } from './stats';
import { approveFigure, ratingFigure, reviewFigure, sampleFigure } from './qms-figures-write';

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

export async function qmsFigures(backend: AppBackend, t: Timing): Promise<Figure[]> {
  const figures: Figure[] = [];
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

  // -- inbox of the busiest user ------------------------------------------------------------
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
  figures.push({
    name: `Inbox of the busiest user (qms.inbox, ${busiest.name}: ${busiest.total} lines)`,
    unit: 'ms',
    summary: summarize(inbox),
    ...ms(20),
  });

  // -- document register and search ---------------------------------------------------------
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
  figures.push({
    name: `Document register / search (documents.list, ${counts['document'] ?? 0} documents)`,
    unit: 'ms',
    summary: summarize(docs.all),
    ...ms(20),
    note: `slowest: ${[...docs.perCase].sort((a, b) => b.summary.p95 - a.summary.p95)[0]?.label ?? ''}`,
  });

  figures.push(
    ...(await approveFigure(thuky, await user('phochutich'), await user('chutich'), t, today)),
  );
  figures.push(...(await indicatorFigures(thuky, t, today)));

  // -- nonconformity register (and risks, when the office has them) ------------------------
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
  const ncs = await measureCases(
    t,
    ncCases,
    t.iterations,
    async (c) => (await thuky('nonconformities.list', c.input)).total,
  );
  figures.push({
    name: `Nonconformity register (nonconformities.list, ${counts['nonconformity'] ?? 0} records)`,
    unit: 'ms',
    summary: summarize(ncs.all),
    ...ms(20),
    note: `slowest: ${[...ncs.perCase].sort((a, b) => b.summary.p95 - a.summary.p95)[0]?.label ?? ''}`,
  });
  figures.push(...(await riskRegisterFigure(thuky, t, counts['risk'] ?? 0)));

  figures.push(...(await ratingFigure(backend, user, t)));
  figures.push(...(await reviewFigure(thuky, t, today)));
  figures.push(
    ...(await sampleFigure(thuky, await user('chutich'), await user('danhgia'), t, today)),
  );
  return figures;
}

/** Every objective's indicator computed over one year, and over the ten years. */
async function indicatorFigures(thuky: Caller, t: Timing, today: string): Promise<Figure[]> {
  log('Measuring objectives.compute...');
  const year = Number(today.slice(0, 4)) - 1;
  const objectives = (await thuky('objectives.list', { year })).rows.filter(
    (o) => o.record.data['indicator'] !== 'manual',
  );
  const round = (from: string, to: string) => async () => {
    for (const o of objectives)
      await thuky('objectives.compute', { objectiveId: o.record.id, from, to });
  };
  const rounds = { ...t, iterations: Math.min(t.iterations, 40) };
  const one = await measure(rounds, 2, round(`${year}-01-01`, `${year}-12-31`));
  const ten = await measure(rounds, 1, round(`${year - 9}-01-01`, today));
  const n = objectives.length;
  return [
    {
      name: `Every objective's indicators, one year (${n} × objectives.compute)`,
      unit: 'ms',
      summary: summarize(one),
      ...ms(150),
    },
    {
      name: `Every objective's indicators, ten years (${n} × objectives.compute)`,
      unit: 'ms',
      summary: summarize(ten),
      ...ms(1000),
    },
  ];
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
      note: `slowest: ${[...run.perCase].sort((a, b) => b.summary.p95 - a.summary.p95)[0]?.label ?? ''}`,
    },
  ];
}
