// The hot queries use their indexes: every SQL statement run by a list page, a search, the
// dashboard and a receive is captured and EXPLAINed; none may scan a dossier table without one.
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpInput, OpName } from '../../core/contract';
import type { Ctx } from '../../services/context';
import { loadTally } from '../../services/qms/indicator-facts';
import { procedureId, receiveInput, startDemoDesk, type DeskApp } from '../support/desk';

let app: DeskApp;
let pid = '';
/** Every statement compiled since start-up, including the ones prepared once per connection
 * (services/prepared.ts), which plansOf would not see again after the first use. */
const everPrepared = new Set<string>();
/** The statements the first receives prepared: a receive prepares its queries once per
 * connection, so later receives compile nothing plansOf could see. */
const receiveStatements = new Set<string>();
let recording: Set<string> | null = null;
beforeAll(async () => {
  app = await startDemoDesk();
  const sqlite = app.backend.database();
  const compile = sqlite.prepare.bind(sqlite);
  sqlite.prepare = (source: string) => {
    everPrepared.add(source);
    recording?.add(source);
    return compile(source);
  };
  pid = await procedureId(app, '1.001193');
  recording = receiveStatements;
  for (let i = 0; i < 3; i++)
    await app.ok('motcua')('dossiers.receive', receiveInput(pid, app.users['tuphap']));
  recording = null;
});
afterAll(() => app.close());

/** The query plan of every statement `run` prepares. */
async function plansWhile(run: () => unknown): Promise<Map<string, string>> {
  const sqlite = app.backend.database() as Database.Database & {
    prepare: Database.Database['prepare'];
  };
  const seen = new Set<string>();
  const original = sqlite.prepare.bind(sqlite);
  sqlite.prepare = (source: string) => {
    seen.add(source);
    return original(source);
  };
  try {
    await run();
  } finally {
    sqlite.prepare = original;
  }
  return explain(sqlite, seen);
}

/** Runs an operation and returns the query plan of every statement it prepared. */
const plansOf = <N extends OpName>(name: N, input: OpInput<N>) =>
  plansWhile(() => app.ok('motcua')(name, input));

function explain(sqlite: Database.Database, sources: Iterable<string>): Map<string, string> {
  const plans = new Map<string, string>();
  for (const source of sources) {
    if (!/^\s*(SELECT|select|WITH)/.test(source)) continue;
    const named = [...source.matchAll(/@(\w+)/g)].map((m): [string, number] => [m[1] ?? '', 1]);
    const params: unknown[] = named.length
      ? [Object.fromEntries(named)]
      : (source.match(/\?/g) ?? []).map(() => 1);
    const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${source}`).all(...params) as {
      detail: string;
    }[];
    plans.set(source, rows.map((r) => r.detail).join('\n'));
  }
  return plans;
}

function expectIndexed(plans: Map<string, string>) {
  expect(plans.size).toBeGreaterThan(0);
  for (const [source, plan] of plans) {
    if (!/dossier/.test(source)) continue;
    expect(plan, `${source}\n${plan}`).not.toMatch(
      /SCAN (dossiers|dossier_steps|dossier_events)(?! USING)(\s|$)/m,
    );
  }
}

describe('query plans', () => {
  it('name search goes through the FTS index', async () => {
    const plans = await plansOf('dossiers.list', { query: 'nguyen van duc' });
    expectIndexed(plans);
    expect([...plans.values()].join('\n')).toMatch(/VIRTUAL TABLE INDEX/);
  });

  it('code and ID-number searches use their indexes', async () => {
    const byId = [...(await plansOf('dossiers.list', { query: '001099012345' })).values()].join(
      '\n',
    );
    expect(byId).toMatch(/dossiers_id_number_idx/);
    for (const query of ['000.00.12.H56-2611', '0002', 'H56-261204', '025190']) {
      const plans = await plansOf('dossiers.list', { query });
      expectIndexed(plans);
      // Any part of a code: the trigram index, never a scan of every code.
      expect([...plans.values()].join('\n'), query).toMatch(/VIRTUAL TABLE INDEX/);
    }
    const byIdStart = [...(await plansOf('dossiers.list', { query: '025190' })).values()].join(
      '\n',
    );
    expect(byIdStart).toMatch(/dossiers_id_number_idx/);
  });

  it('filtered list pages use indexes', async () => {
    expectIndexed(await plansOf('dossiers.list', { status: 'overdue' }));
    expectIndexed(await plansOf('dossiers.list', { status: 'open', sort: 'due_asc' }));
    expectIndexed(await plansOf('dossiers.list', { procedureId: pid, page: 2 }));
    expectIndexed(await plansOf('dossiers.list', { from: '2026-11-01', to: '2026-11-30' }));
    expectIndexed(await plansOf('dossiers.list', { mine: true }));
    const overdue = [...(await plansOf('dossiers.list', { status: 'overdue' })).values()].join(
      '\n',
    );
    expect(overdue).toMatch(/dossiers_status_due_idx/);
  });

  it("an assignee's open steps come from the partial index of open steps", async () => {
    // dossier_steps_open_idx holds only steps with finished_at IS NULL (migration 0018): both
    // queries by assignee must still be able to use it, or they would scan every step.
    const mine = [...(await plansOf('dossiers.list', { mine: true })).values()].join('\n');
    expect(mine).toMatch(/dossier_steps USING (COVERING )?INDEX dossier_steps_open_idx/);
    const inbox = await plansWhile(() => app.ok('tuphap')('qms.inbox', {}));
    const stepsOf = explain(app.backend.database(), everPrepared);
    const open = [...stepsOf].find(([q]) =>
      /from "dossier_steps" inner join "dossiers".*"dossier_steps"."assignee_id" = \?/.test(q),
    );
    expect(open?.[1], open?.[0]).toMatch(/dossier_steps USING INDEX dossier_steps_open_idx/);
    expectIndexed(inbox);
    // The index holds the open steps only: the reception step a receive closes at once is
    // not in it, the step handed on is.
    const sqlite = app.backend.database();
    const inIndex = sqlite
      .prepare(
        'SELECT count(*) FROM dossier_steps INDEXED BY dossier_steps_open_idx WHERE finished_at IS NULL',
      )
      .pluck()
      .get();
    const openSteps = sqlite
      .prepare('SELECT count(*) FROM dossier_steps WHERE finished_at IS NULL')
      .pluck()
      .get();
    expect(inIndex).toBe(openSteps);
    expect(openSteps).toBeGreaterThan(0);
    const ddl = sqlite
      .prepare("SELECT sql FROM sqlite_master WHERE name = 'dossier_steps_open_idx'")
      .pluck()
      .get();
    expect(ddl).toMatch(/WHERE finished_at IS NULL/);
  });

  it('the dashboard figures use indexes', async () => {
    expectIndexed(await plansOf('dashboard.get', {}));
  });

  it('statements prepared once per connection use indexes too', async () => {
    await plansOf('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    const plans = explain(app.backend.database(), everPrepared);
    // loadDossier and the outbox's reads are among them.
    expect(
      [...plans.keys()].some((q) =>
        /from "dossier_steps" where "dossier_steps"."dossier_id" = \?/.test(q),
      ),
    ).toBe(true);
    expectIndexed(plans);
  });

  it('a receive and a detail view use indexes', async () => {
    const again = await plansOf('dossiers.receive', receiveInput(pid, app.users['tuphap']));
    expectIndexed(new Map([...explain(app.backend.database(), receiveStatements), ...again]));
    const list = await app.ok('motcua')('dossiers.list', {});
    // The detail view's queries are the receive's answer too: prepared by the first receive.
    const detail = await plansOf('dossiers.get', { id: list.rows[0].id });
    expectIndexed(new Map([...explain(app.backend.database(), receiveStatements), ...detail]));
  });

  it("the quality indicators' tally reads dossiers through covering indexes, sorting nothing", async () => {
    const sqlite = app.backend.database();
    const window = { from: '2017-01-01', to: '2026-11-30' };
    const all = await plansWhile(() =>
      loadTally({ conn: { sqlite } } as Pick<Ctx, 'conn'>, window),
    );
    const plans = [...all].filter(([source]) => /FROM dossiers/.test(source));
    expect(plans).toHaveLength(2);
    for (const [source, plan] of plans) {
      expect(plan, `${source}\n${plan}`).toMatch(/(SCAN|SEARCH) d(ossiers)? USING COVERING INDEX/);
      expect(plan, `${source}\n${plan}`).not.toMatch(/TEMP B-TREE/);
    }
  });
});
