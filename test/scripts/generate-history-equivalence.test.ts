// The benchmark's generated history is what the desk would have written: a small generated
// office is replayed, action by action at the same instants by the same users, through the
// contract operations of an empty demo office, and the two offices are compared table by
// table, every column (ids mapped through codes, usernames and request keys). A column the
// desk starts writing that the generator forgets, a deadline or status it derives differently,
// a table the desk starts filling per dossier: each fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { OpInput, OpName, OpOutput } from '../../core/contract';
import { generateHistory } from '../../scripts/generate-history';
import { startDemoDesk, vn, type DeskApp } from '../support/desk';

const NOW = vn('2026-11-25', '15:00');

type Row = Record<string, unknown>;
let generated: DeskApp;
let replayed: DeskApp;
let empty: DeskApp;
const rows = (app: DeskApp, sql: string) => app.backend.database().prepare(sql).all() as Row[];

/** Ids of one office as names both offices share: usernames, procedure codes, request keys. */
function naming(app: DeskApp): Map<string, string> {
  const names = new Map<string, string>();
  for (const u of rows(app, 'SELECT id, username FROM users'))
    names.set(String(u['id']), `user:${String(u['username'])}`);
  for (const p of rows(app, 'SELECT id, code FROM procedures'))
    names.set(String(p['id']), `procedure:${String(p['code'])}`);
  for (const v of rows(
    app,
    'SELECT v.id, p.code, v.version FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id',
  ))
    names.set(String(v['id']), `version:${String(v['code'])}/${String(v['version'])}`);
  for (const d of rows(app, 'SELECT id, request_key FROM dossiers'))
    names.set(String(d['id']), `dossier:${String(d['request_key'])}`);
  for (const r of rows(app, "SELECT id, code FROM qms_records WHERE kind = 'rating'"))
    names.set(String(r['id']), `rating:${String(r['code'])}`);
  return names;
}

/** A table's rows with ids renamed, row ids dropped, JSON parsed, in a stable order. */
function table(app: DeskApp, sql: string, drop: readonly string[] = ['id']): Row[] {
  const names = naming(app);
  return rows(app, sql).map((r) =>
    Object.fromEntries(
      Object.entries(r)
        .filter(([k]) => !drop.includes(k))
        .map(([k, v]) => {
          if (typeof v !== 'string') return [k, v];
          if (names.has(v)) return [k, names.get(v)];
          return [k, /^[[{]/.test(v) ? (JSON.parse(v) as unknown) : v];
        }),
    ),
  );
}

interface Action {
  readonly at: number;
  readonly order: number;
  readonly run: () => Promise<void>;
}

/** Replays every generated event through the operations, in time order. */
async function replay(): Promise<void> {
  const db = (sql: string) => rows(generated, sql);
  const username = new Map(
    db('SELECT id, username FROM users').map((u) => [u['id'], u['username']]),
  );
  const codeOf = new Map(db('SELECT id, code FROM procedures').map((p) => [p['id'], p['code']]));
  const target = new Map(
    (await replayed.ok('motcua')('catalog.list', {})).map((p) => [p.code, p.id] as const),
  );
  const userId = (id: unknown) => replayed.users[String(username.get(id))] ?? '';
  const detail = new Map<unknown, OpOutput<'dossiers.get'>>();
  // The citizen's rating taken on the return dialog, as the generated office recorded it.
  const ratings = new Map(
    db("SELECT source_id, data FROM qms_records WHERE kind = 'rating'").map((r) => [
      r['source_id'],
      JSON.parse(String(r['data'])) as {
        level: string;
        criteria: Record<string, string>;
        comment: string;
      },
    ]),
  );
  const ratingOf = (dossierId: unknown) => {
    const r = ratings.get(dossierId);
    return r ? { level: r.level, criteria: r.criteria, comment: r.comment } : null;
  };
  const actions: Action[] = [];
  const dossiers = db('SELECT * FROM dossiers ORDER BY received_at');
  for (const [order, d] of dossiers.entries()) {
    const steps = db(
      `SELECT * FROM dossier_steps WHERE dossier_id = '${String(d['id'])}' ORDER BY step_no`,
    );
    const events = db(
      `SELECT * FROM dossier_events WHERE dossier_id = '${String(d['id'])}' AND kind != 'result_signed' ORDER BY at, rowid`,
    );
    let forwarded = 0;
    for (const e of events) {
      const data = JSON.parse(String(e['data'])) as Record<string, unknown>;
      const by = String(username.get(e['user_id']));
      const call =
        <N extends OpName>(
          name: N,
          input: (ref: { id: string; expectedStep: number }) => OpInput<N>,
        ) =>
        async () => {
          const current = detail.get(d['id']);
          const ref = {
            id: current?.dossier.id ?? '',
            expectedStep: current?.dossier.currentStep ?? 0,
          };
          detail.set(
            d['id'],
            (await replayed.ok(by)(name, input(ref))) as OpOutput<'dossiers.get'>,
          );
        };
      const kind = String(e['kind']);
      const next = forwarded++;
      const run =
        kind === 'received'
          ? call('dossiers.receive', () => ({
              requestKey: String(d['request_key']),
              procedureId: target.get(String(codeOf.get(d['procedure_id']))) ?? '',
              applicant: {
                fullName: String(d['applicant_name']),
                idKind: d['applicant_id_kind'] as 'cccd' | 'cmnd',
                idNumber: String(d['applicant_id_number']),
                address: String(d['applicant_address']),
                phone: String(d['applicant_phone']),
                email: String(d['applicant_email']),
              },
              documents: JSON.parse(
                String(d['documents']),
              ) as OpInput<'dossiers.receive'>['documents'],
              sets: Number(d['sets']),
              feeVnd: d['fee_vnd'] as number | null,
              channel: d['channel'] as 'direct',
              assigneeId: userId(steps[1]?.['assignee_id']),
              note: String(d['note']),
            }))
          : kind === 'forwarded'
            ? call('dossiers.forward', (ref) => ({
                ...ref,
                toUserId: userId(steps[next + 2]?.['assignee_id']),
                note: String(data['note']),
              }))
            : kind === 'supplement_requested'
              ? call('dossiers.requestSupplement', (ref) => ({
                  ...ref,
                  items: data['items'] as string[],
                  reason: String(data['reason']),
                }))
              : kind === 'supplement_received'
                ? call('dossiers.resumeSupplement', (ref) => ({
                    ...ref,
                    note: String(data['note']),
                  }))
                : kind === 'apology'
                  ? call('dossiers.apologize', (ref) => ({
                      ...ref,
                      newDueDate: civilDateOf(Number(data['dueAt'])),
                      reason: String(data['reason']),
                    }))
                  : kind === 'refused' || kind === 'stopped'
                    ? call(kind === 'refused' ? 'dossiers.refuse' : 'dossiers.stop', (ref) => ({
                        ...ref,
                        reason: String(data['reason']),
                      }))
                    : call('dossiers.return', (ref) => ({
                        ...ref,
                        note: String(data['note']),
                        rating: ratingOf(d['id']),
                      }));
      if (kind !== 'forwarded') forwarded = next;
      actions.push({ at: Number(e['at']), order, run });
    }
  }
  actions.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const a of actions) {
    replayed.clock.now = a.at;
    await a.run();
  }
}

beforeAll(async () => {
  generated = await startDemoDesk(NOW);
  generateHistory(generated.backend, { dossiers: 300, years: 0.2, seed: 5, now: NOW });
  empty = await startDemoDesk(NOW);
  replayed = await startDemoDesk(NOW);
  // The replay jumps days ahead between actions: no session may lapse meanwhile.
  replayed.backend.database().exec('UPDATE office SET session_timeout_minutes = 100000000');
  await replay();
  replayed.clock.now = NOW;
}, 300_000);
afterAll(() => {
  generated.close();
  replayed.close();
  empty.close();
});

describe('generate-history writes what the desk writes', () => {
  it('replays every generated dossier through the operations', () => {
    const count = (a: DeskApp) => rows(a, 'SELECT count(*) AS n FROM dossiers')[0]?.['n'];
    expect(count(generated)).toBe(300);
    expect(count(replayed)).toBe(300);
    // Dossiers of every shape were compared: supplements, apologies, refusals, stops, open ones.
    const kinds = rows(generated, 'SELECT DISTINCT kind FROM dossier_events').map((r) => r['kind']);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'supplement_requested',
        'supplement_received',
        'apology',
        'refused',
        'returned',
      ]),
    );
  });

  it('writes the same dossiers, column by column', () => {
    const sql = 'SELECT * FROM dossiers ORDER BY request_key';
    expect(table(generated, sql)).toEqual(table(replayed, sql));
  });

  it('writes the same steps and events', () => {
    const steps =
      'SELECT * FROM dossier_steps ORDER BY (SELECT request_key FROM dossiers d WHERE d.id = dossier_id), step_no';
    expect(table(generated, steps)).toEqual(table(replayed, steps));
    const events =
      'SELECT * FROM dossier_events ORDER BY (SELECT request_key FROM dossiers d WHERE d.id = dossier_id), at, kind';
    expect(table(generated, events)).toEqual(table(replayed, events));
  });

  it('writes the same ratings taken on return, with their history lines', () => {
    expect(
      rows(generated, "SELECT count(*) AS n FROM qms_records WHERE kind = 'rating'")[0]?.['n'],
    ).toBeGreaterThan(100);
    const records = "SELECT * FROM qms_records WHERE kind = 'rating' ORDER BY code";
    expect(table(generated, records)).toEqual(table(replayed, records));
    const history =
      "SELECT * FROM qms_history WHERE kind = 'rating' ORDER BY (SELECT code FROM qms_records r WHERE r.id = record_id)";
    expect(table(generated, history)).toEqual(table(replayed, history));
  });

  it('writes the same audit rows and counters', () => {
    // The same rows; only their place in the hash chain differs: the desk links them in time
    // order, the generator dossier by dossier (the chain is whole either way).
    const audit =
      "SELECT at, actor_id, actor_name, operation, entity, entity_id, summary FROM audit_log WHERE entity = 'dossier' ORDER BY (SELECT request_key FROM dossiers d WHERE d.id = entity_id), at, operation";
    expect(table(generated, audit, [])).toEqual(table(replayed, audit, []));
    const counters =
      "SELECT * FROM counters WHERE scope LIKE 'code:%' OR scope LIKE 'book:%' ORDER BY scope";
    expect(table(generated, counters, [])).toEqual(table(replayed, counters, []));
  });

  it('fills the same tables, but for the outbox a synced office has already pushed', () => {
    const grown = (a: DeskApp) => {
      const before = new Map(
        rows(empty, "SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => [
          t['name'],
          rows(empty, `SELECT count(*) AS n FROM "${String(t['name'])}"`)[0]?.['n'],
        ]),
      );
      return rows(a, "SELECT name FROM sqlite_master WHERE type = 'table'")
        .map((t) => String(t['name']))
        .filter((t) => rows(a, `SELECT count(*) AS n FROM "${t}"`)[0]?.['n'] !== before.get(t))
        .sort();
    };
    // The desk queues every change for the province; the push deletes what the province took.
    // A generated history stands for years already pushed, so its outbox is empty.
    expect(grown(replayed).filter((t) => t !== 'outbox')).toEqual(grown(generated));
  });
});
