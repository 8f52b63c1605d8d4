// The history generator writes what the desk would have written: consistent dossiers, steps,
// events and counters, a name index in step, and an office that keeps working afterwards.
import { validate as isUuid, version as uuidVersion } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { civilDateOf } from '../../core/calendar/civil-time';
import { fold } from '../../core/text/fold';
import { ftsQuery } from '../../services/desk/query';
import { generateHistory, type HistoryStats } from '../../scripts/generate-history';
import { procedureId, receiveInput, startDemoDesk, vn, type DeskApp } from '../support/desk';
import { sqlOf } from '../support/sql';

const NOW = vn('2026-11-23', '15:30');
const DOSSIERS = 2000;
const OPTIONS = { dossiers: DOSSIERS, years: 2, seed: 7, now: NOW, batchSize: 500 };

let app: DeskApp;
let stats: HistoryStats;
let ftsTriggerSql: string;
let codeTriggerSql: string;
const { all, one } = sqlOf(() => app);

beforeAll(async () => {
  app = await startDemoDesk(NOW);
  ftsTriggerSql = one<string>("SELECT sql FROM sqlite_master WHERE name = 'dossiers_fts_ai'");
  codeTriggerSql = one<string>("SELECT sql FROM sqlite_master WHERE name = 'dossiers_code_fts_ai'");
  stats = generateHistory(app.backend, OPTIONS);
}, 60_000);
afterAll(() => app.close());

describe('generate-history', () => {
  it('writes the requested number of dossiers over the requested years, none after now', () => {
    expect(stats.dossiers).toBe(DOSSIERS);
    expect(one<number>('SELECT count(*) FROM dossiers')).toBe(DOSSIERS);
    expect(one<number>('SELECT count(*) FROM dossier_steps')).toBe(stats.steps);
    expect(one<number>('SELECT count(*) FROM dossier_events')).toBe(stats.events);
    const first = one<number>('SELECT min(received_at) FROM dossiers');
    expect(NOW - first).toBeGreaterThan(700 * 86_400_000);
    expect(NOW - first).toBeLessThanOrEqual(731 * 86_400_000);
    for (const [table, column] of [
      ['dossiers', 'received_at'],
      ['dossiers', 'updated_at'],
      ['dossiers', 'resolved_at'],
      ['dossier_steps', 'started_at'],
      ['dossier_steps', 'finished_at'],
      ['dossier_events', 'at'],
      ['audit_log', 'at'],
    ] as const)
      expect(one<number>(`SELECT count(*) FROM ${table} WHERE ${column} > ?`, NOW)).toBe(0);
  });

  it('receives in office hours on working days', () => {
    const times = all<{ at: number }>('SELECT received_at AS at FROM dossiers');
    for (const { at } of times) {
      const minutes = Math.floor(((at + 7 * 3_600_000) % 86_400_000) / 60_000);
      expect(minutes).toBeGreaterThanOrEqual(7 * 60 + 30);
      expect(minutes).toBeLessThan(17 * 60);
      const weekday = new Date(at + 7 * 3_600_000).getUTCDay();
      expect([0, 6]).not.toContain(weekday);
    }
  });

  it('leaves the database consistent: foreign keys, integrity, the name index and its trigger', () => {
    expect(all('PRAGMA foreign_key_check')).toEqual([]);
    expect(one<string>('PRAGMA integrity_check')).toBe('ok');
    app.backend
      .database()
      .exec("INSERT INTO dossiers_fts(dossiers_fts, rank) VALUES('integrity-check', 1)");
    expect(one<string>("SELECT sql FROM sqlite_master WHERE name = 'dossiers_fts_ai'")).toBe(
      ftsTriggerSql,
    );
    // The code index too: every dossier found by the middle of its code.
    app.backend
      .database()
      .exec("INSERT INTO dossiers_code_fts(dossiers_code_fts, rank) VALUES('integrity-check', 1)");
    expect(one<string>("SELECT sql FROM sqlite_master WHERE name = 'dossiers_code_fts_ai'")).toBe(
      codeTriggerSql,
    );
    const last = all<{ rowid: number; code: string }>(
      'SELECT rowid, code FROM dossiers ORDER BY rowid DESC LIMIT 1',
    )[0];
    const middle = `"${last?.code.slice(10) ?? ''}"`;
    expect(
      all<{ rowid: number }>(
        'SELECT rowid FROM dossiers_code_fts WHERE dossiers_code_fts MATCH ?',
        middle,
      ).map((r) => r.rowid),
    ).toContain(last?.rowid);
    expect(one<number>('PRAGMA foreign_keys')).toBe(1);
    expect(one<number>('PRAGMA synchronous')).toBe(2);
  });

  it('gives every returned dossier the full step table of its version, all steps closed', () => {
    const wrong = one<number>(
      `SELECT count(*) FROM dossiers d JOIN procedure_versions v ON v.id = d.procedure_version_id
       WHERE d.status = 'returned' AND (
         (SELECT count(*) FROM dossier_steps s WHERE s.dossier_id = d.id) != json_array_length(v.body, '$.steps')
         OR EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id AND s.finished_at IS NULL)
         OR d.current_step != json_array_length(v.body, '$.steps')
         OR d.outcome IS NULL OR d.returned_at IS NULL)`,
    );
    expect(wrong).toBe(0);
    // Open dossiers have exactly one open step, the current one.
    const badOpen = one<number>(
      `SELECT count(*) FROM dossiers d WHERE d.status IN ('processing','ready','supplement') AND (
         (SELECT count(*) FROM dossier_steps s WHERE s.dossier_id = d.id AND s.finished_at IS NULL) != 1
         OR NOT EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id AND s.finished_at IS NULL AND s.step_no = d.current_step)
         OR d.resolved_at IS NOT NULL OR d.outcome IS NOT NULL)`,
    );
    expect(badOpen).toBe(0);
    // Every dossier has its 'received' event; every returned one its 'returned' event.
    expect(
      one<number>(
        "SELECT count(*) FROM dossiers d WHERE NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.kind = 'received')",
      ),
    ).toBe(0);
    expect(
      one<number>(
        "SELECT count(*) FROM dossiers d WHERE d.status = 'returned' AND NOT EXISTS (SELECT 1 FROM dossier_events e WHERE e.dossier_id = d.id AND e.kind = 'returned' AND e.at = d.returned_at)",
      ),
    ).toBe(0);
  });

  it('has a realistic status and outcome mix', () => {
    const by = stats.byStatus;
    expect((by['returned'] ?? 0) / DOSSIERS).toBeGreaterThan(0.9);
    expect(by['refused'] ?? 0).toBeGreaterThan(0);
    const open = (by['processing'] ?? 0) + (by['ready'] ?? 0) + (by['supplement'] ?? 0);
    expect(open).toBeGreaterThan(0);
    // Only recent dossiers are still open.
    expect(
      one<number>(
        "SELECT count(*) FROM dossiers WHERE status IN ('processing','ready','supplement') AND received_at < ?",
        NOW - 40 * 86_400_000,
      ),
    ).toBe(0);
    const late = (stats.byOutcome['late'] ?? 0) / (by['returned'] ?? 1);
    expect(late).toBeGreaterThan(0.03);
    expect(late).toBeLessThan(0.12);
    // Birth registration and certifications lead the procedure mix.
    const top = all<{ code: string }>(
      'SELECT p.code FROM dossiers d JOIN procedures p ON p.id = d.procedure_id GROUP BY p.code ORDER BY count(*) DESC LIMIT 3',
    ).map((r) => r.code);
    expect(top).toContain('2.000815');
    expect(top).toContain('1.001193');
  });

  it('writes unique codes in the default format with per-day sequences, and book lines per year', () => {
    const rows = all<{ code: string; at: number; year: number; line: number }>(
      'SELECT code, received_at AS at, book_year AS year, book_line AS line FROM dossiers ORDER BY received_at',
    );
    expect(new Set(rows.map((r) => r.code)).size).toBe(rows.length);
    const perDay = new Map<string, number[]>();
    for (const r of rows) {
      const m = /^000\.00\.12\.H56-(\d{6})-(\d{4})$/.exec(r.code);
      expect(m, r.code).not.toBeNull();
      const date = civilDateOf(r.at);
      expect(m?.[1]).toBe(date.slice(2).replaceAll('-', ''));
      perDay.set(date, [...(perDay.get(date) ?? []), Number(m?.[2])]);
    }
    for (const seqs of perDay.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const perYear = new Map<number, number[]>();
    for (const r of rows) perYear.set(r.year, [...(perYear.get(r.year) ?? []), r.line]);
    for (const [year, lines] of perYear) {
      expect(lines, String(year)).toEqual(lines.map((_, i) => i + 1));
      expect(one<number>('SELECT last FROM counters WHERE scope = ?', `book:${year}`)).toBe(
        lines.length,
      );
    }
    for (const [date, seqs] of perDay)
      expect(
        one<number>(
          'SELECT last FROM counters WHERE scope = ?',
          `code:${date.replaceAll('-', '')}`,
        ),
      ).toBeGreaterThanOrEqual(Math.max(...seqs));
  });

  it('writes valid UUIDv7 ids, Vietnamese names with their folded form, valid ID numbers', () => {
    const rows = all<{ id: string; name: string; folded: string; kind: string; num: string }>(
      'SELECT id, applicant_name AS name, applicant_name_folded AS folded, applicant_id_kind AS kind, applicant_id_number AS num FROM dossiers',
    );
    for (const r of rows.slice(0, 200)) {
      expect(isUuid(r.id) && uuidVersion(r.id)).toBe(7);
      expect(r.folded).toBe(fold(r.name));
      if (r.kind === 'cccd') expect(r.num).toMatch(/^(0\d\d)[0-3]\d{8}$/);
      else expect(r.num).toMatch(/^\d{9}$/);
    }
    expect(
      rows.some((r) =>
        /[ăâđêôơưạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ]/i.test(r.name),
      ),
    ).toBe(true);
  });

  it('extends the audit hash chain: the check finds the generated log whole', async () => {
    expect(stats.auditRows).toBeGreaterThan(DOSSIERS);
    const check = await app.ok('admin')('audit.verify', { fresh: true });
    expect(check).toMatchObject({ ok: true, broken: null });
    expect(check.checked).toBe(one<number>('SELECT count(*) FROM audit_log'));
  });

  it('is reproducible: the same seed gives the same history', async () => {
    const other = await startDemoDesk(NOW);
    try {
      generateHistory(other.backend, OPTIONS);
      const content = (a: DeskApp) =>
        a.backend
          .database()
          .prepare(
            'SELECT id, code, applicant_name, applicant_id_number, status, received_at, due_at, outcome FROM dossiers ORDER BY code',
          )
          .all();
      expect(content(other)).toEqual(content(app));
    } finally {
      other.close();
    }
  }, 60_000);

  it('finds a generated applicant by folded name, through FTS and dossiers.list', async () => {
    const row = all<{ rowid: number; name: string; id: string }>(
      "SELECT rowid, applicant_name AS name, id FROM dossiers WHERE applicant_name LIKE 'Tr%' ORDER BY received_at DESC LIMIT 1",
    )[0];
    expect(row).toBeDefined();
    if (!row) return;
    const match = ftsQuery(fold(row.name)) ?? '';
    const hits = all<{ rowid: number }>(
      'SELECT rowid FROM dossiers_fts WHERE dossiers_fts MATCH ?',
      match,
    ).map((r) => r.rowid);
    expect(hits).toContain(row.rowid);
    const list = await app.ok('motcua')('dossiers.list', { query: fold(row.name), pageSize: 100 });
    expect(list.total).toBeGreaterThan(0);
    expect(list.rows.map((r) => r.id)).toContain(row.id);
  });

  it('keeps working: a real receive gets the next code, list and dashboard answer', async () => {
    const today = civilDateOf(NOW).replaceAll('-', '');
    const before =
      one<number | undefined>('SELECT last FROM counters WHERE scope = ?', `code:${today}`) ?? 0;
    const pid = await procedureId(app, '1.001193');
    const d = await app.ok('motcua')(
      'dossiers.receive',
      receiveInput(pid, app.users['tuphap'] ?? ''),
    );
    expect(d.dossier.code).toBe(
      `000.00.12.H56-${today.slice(2)}-${String(before + 1).padStart(4, '0')}`,
    );
    expect(one<number>('SELECT count(*) FROM dossiers WHERE code = ?', d.dossier.code)).toBe(1);

    const list = await app.ok('motcua')('dossiers.list', {});
    expect(list.total).toBe(DOSSIERS + 1);
    expect(list.rows[0]?.id).toBe(d.dossier.id);
    const open = await app.ok('motcua')('dossiers.list', { status: 'open', sort: 'due_asc' });
    expect(open.total).toBeGreaterThan(0);

    const dash = await app.ok('motcua')('dashboard.get', {});
    expect(dash.receivedToday).toBeGreaterThanOrEqual(1);
    expect(dash.year.resolved).toBeGreaterThan(0);
    expect(dash.year.rate).toBeGreaterThan(0.8);
    expect(dash.byMonth.length).toBeGreaterThanOrEqual(10);
    expect(dash.byProcedure.length).toBeGreaterThan(5);
  });
});
