// The desk figures: receiving a dossier, name search and filtered list pages, measured on an
// open backend through the contract, as the desk calls them. With several sides (copies of the
// office with and without encryption), every sample is taken on each side in turn.
import { v7 as uuidv7 } from 'uuid';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { OpInput } from '../../core/contract';
import { makePerson } from '../../core/demo/people';
import { createRng } from '../../core/demo/rng';
import type { AppBackend } from '../../services/platform';
import {
  log,
  measureCasesInterleaved,
  measureInterleaved,
  type Caller,
  type CaseTiming,
  type Figure,
  type Timing,
} from './figures';
import { summarize } from './stats';

export interface DeskFigures {
  readonly figures: Figure[];
  readonly searchCases: CaseTiming[];
  readonly listCases: CaseTiming[];
}

/** One office measured: its backend, the desk official's session, the figures' name suffix. */
export interface DeskSide {
  readonly backend: AppBackend;
  readonly desk: Caller;
  readonly suffix: string;
}

/** Receive, search and list figures on each side, interleaved sample by sample. */
export async function deskFigures(
  sides: readonly DeskSide[],
  t: Timing,
  seed: number,
): Promise<DeskFigures[]> {
  // -- receive ------------------------------------------------------------------------
  log(`Measuring dossiers.receive${sides.map((s) => s.suffix).join(' / ')}...`);
  const receivers = await Promise.all(sides.map((s) => receiver(s, seed)));
  const receiveSamples = await measureInterleaved(t, t.warmup, receivers, (r, i) => r.run(i));
  const pages = await Promise.all(sides.map((s, k) => walPagesPerReceive(s, receivers[k])));
  const figures: Figure[][] = sides.map((side, k) => [
    {
      name: `Receive a dossier (dossiers.receive)${side.suffix}`,
      unit: 'ms',
      summary: summarize(receiveSamples[k].wall),
      cpu: summarize(receiveSamples[k].cpu),
      target: 5,
      targetText: 'p95 ≤ 5 ms',
      ...(receivers[k].failures()
        ? { note: `${receivers[k].failures()} failed: ${receivers[k].firstFailure()}` }
        : {}),
    },
    {
      name: `${RECEIVE_PAGES}${side.suffix}`,
      unit: 'pages',
      value: pages[k].reduce((a, b) => a + b, 0) / pages[k].length,
      target: null,
      targetText: 'report',
      note: `${pages[k].length} receives: ${pages[k].join(', ')}`,
    },
  ]);
  // -- search by name -----------------------------------------------------------------
  log('Measuring name search...');
  const queries = [
    'nguyen van duc',
    'tran thi',
    'le minh h',
    'Nguyễn Thị Thu Hà',
    'pham van',
    'hoang',
    'nguyen',
    'nguyen thi h',
    'vu quoc',
    'bui thi lan',
    'do dinh',
    'trieu',
    'kieu van',
    'au thi',
    'ly thi ngoc',
    'quach',
    'dinh van tien',
    'khong minh',
  ];
  const search = await measureCasesInterleaved(
    t,
    queries.map((q) => ({ label: q })),
    t.iterations,
    sides,
    async (side, c) => (await side.desk('dossiers.list', { query: c.label })).total,
  );
  sides.forEach((side, k) =>
    figures[k].push({
      name: `Search by folded name (dossiers.list query)${side.suffix}`,
      unit: 'ms',
      summary: summarize(search[k].all),
      cpu: summarize(search[k].cpu),
      target: 20,
      targetText: 'p95 ≤ 20 ms',
    }),
  );

  // -- filtered list pages ------------------------------------------------------------
  log('Measuring filtered list pages...');
  const byCode = await procedures(sides[0].desk);
  const pid = (code: string) => byCode.get(code)?.id;
  const today = civilDateOf(Date.now());
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const oldYear = Number(today.slice(0, 4)) - 6;
  type ListInput = OpInput<'dossiers.list'>;
  const filters: { label: string; input: ListInput }[] = [
    { label: 'all, newest first', input: {} },
    { label: 'open', input: { status: 'open' } },
    { label: 'open by due', input: { status: 'open', sort: 'due_asc' } },
    { label: 'overdue', input: { status: 'overdue' } },
    { label: 'processing', input: { status: 'processing' } },
    { label: 'ready', input: { status: 'ready' } },
    { label: 'supplement', input: { status: 'supplement' } },
    { label: 'returned', input: { status: 'returned' } },
    { label: 'refused', input: { status: 'refused' } },
    { label: 'mine (open steps)', input: { mine: true } },
    { label: 'procedure: birth', input: { procedureId: pid('1.001193') } },
    {
      label: 'procedure: copies, returned',
      input: { procedureId: pid('2.000815'), status: 'returned' },
    },
    {
      label: 'procedure: building permit, oldest first',
      input: { procedureId: pid('1.013225'), sort: 'received_asc' },
    },
    { label: 'this month', input: { from: `${today.slice(0, 8)}01`, to: today } },
    {
      label: `March ${oldYear}`,
      input: { from: `${oldYear}-03-01`, to: `${oldYear}-03-31` },
    },
    {
      label: 'last 12 months, returned',
      input: { status: 'returned', from: yearAgo, to: today },
    },
    {
      label: `year ${oldYear}, birth, returned`,
      input: {
        procedureId: pid('1.001193'),
        status: 'returned',
        from: `${oldYear}-01-01`,
        to: `${oldYear}-12-31`,
      },
    },
  ];
  const listCasesInput = filters.flatMap((f) =>
    [1, 2, 3, 4, 5].map((page) => ({ label: f.label, input: { ...f.input, page } })),
  );
  const list = await measureCasesInterleaved(
    t,
    listCasesInput,
    Math.max(t.iterations, listCasesInput.length),
    sides,
    async (side, c) => (await side.desk('dossiers.list', c.input)).total,
  );
  return sides.map((side, k) => ({
    figures: [
      ...figures[k],
      {
        name: `Filtered list page (status/procedure/dates, pages 1-5)${side.suffix}`,
        unit: 'ms',
        summary: summarize(list[k].all),
        cpu: summarize(list[k].cpu),
        target: 20,
        targetText: 'p95 ≤ 20 ms',
      },
    ],
    searchCases: search[k].perCase,
    listCases: list[k].perCase,
  }));
}

async function procedures(desk: Caller) {
  const catalog = await desk('catalog.list', {});
  return new Map(catalog.map((p) => [p.code, p]));
}

/** Receives on one side: a mix of procedures, each handed to an official of its next role. */
export const RECEIVE_PAGES = 'Pages one receive writes (WAL frames)';
const PAGE_COUNT_RECEIVES = 5;

/**
 * WAL frames each of a few receives writes (one frame per page changed): the WAL is
 * checkpointed first, so the next commit starts it again. After the timed samples.
 */
async function walPagesPerReceive(
  side: DeskSide,
  r: Awaited<ReturnType<typeof receiver>>,
): Promise<number[]> {
  const sqlite = side.backend.database();
  const pages: number[] = [];
  for (let i = 0; i < PAGE_COUNT_RECEIVES; i++) {
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    await r.run(1_000_000 + i);
    const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
    pages.push(row?.log ?? NaN);
  }
  return pages;
}

export async function receiver(side: DeskSide, seed: number) {
  const { backend, desk } = side;
  const byCode = await procedures(desk);
  const mix = ['1.001193', '2.000815', '2.000815', '2.000884', '1.004873', '1.013225']
    .map((code) => byCode.get(code))
    .filter((p) => p !== undefined);
  const receiveProcs = mix.length ? mix : [...byCode.values()].slice(0, 3);
  const assignee = new Map<string, string>();
  for (const p of receiveProcs) {
    const preview = await desk('dossiers.preview', { procedureId: p.id });
    const role = (preview.nextRole ?? 'specialist') as OpInput<'desk.assignees'>['role'];
    const people = await desk('desk.assignees', { role });
    if (!people[0]) throw new Error(`no assignee with role ${role}`);
    assignee.set(p.id, people[0].id);
  }
  // The same applicants on every side (the same seed).
  const rng = createRng(seed + 1000);
  let failures = 0;
  let firstFailure = '';
  const run = async (i: number) => {
    const p = receiveProcs[i % receiveProcs.length];
    const person = makePerson(rng, 'xã Tân Lập', 'tỉnh Phú Thọ');
    const r = await backend.call('bench', 'dossiers.receive', {
      requestKey: uuidv7(),
      procedureId: p.id,
      applicant: {
        fullName: person.name,
        idKind: 'cccd',
        idNumber: person.cccd,
        address: person.address,
        phone: person.phone,
        email: '',
      },
      documents: [{ name: 'Tờ khai (theo mẫu)', kind: 'original', count: 1 }],
      sets: 1,
      feeVnd: 0,
      channel: 'direct',
      assigneeId: assignee.get(p.id),
      note: '',
    });
    if (!r.ok) {
      failures++;
      firstFailure ||= `${r.error.code} ${r.error.message}`;
    }
  };
  return { run, failures: () => failures, firstFailure: () => firstFailure };
}
