// The bench's risk register generator (services/qms/risk-bulk.ts) on a small office: the
// register it writes is one the app reads (every state, codes per year, actions linked).
import path from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { generateRiskRegister } from '../../services/qms/risk-bulk';
import { startDemoDesk, vn, type DeskApp } from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

describe('bulk risk register for the bench office', () => {
  it('writes risks in every state over the years, with their actions, read by the register', async () => {
    app = await startDemoDesk();
    const before = await app.ok('thuky')('risks.list', { state: 'all' });
    const db = drizzle({ client: app.backend.database(), schema });
    const stats = generateRiskRegister(db, path.resolve('resources'), {
      count: 300,
      years: 3,
      now: vn('2026-11-23', '15:00'),
      seed: 7,
    });
    expect(stats.risks).toBe(300);
    const all = await app.ok('thuky')('risks.list', { state: 'all', pageSize: 500 });
    expect(all.total).toBe(before.total + 300);
    expect(all.rows).toHaveLength(all.total);
    const page2 = await app.ok('thuky')('risks.list', { state: 'all', page: 2, pageSize: 50 });
    expect(page2.total).toBe(all.total);
    expect(page2.rows.map((r) => r.id)).toEqual(all.rows.slice(50, 100).map((r) => r.id));
    const states = new Set(all.rows.map((r) => r.state));
    expect([...states].sort()).toEqual([
      'cancelled',
      'closed',
      'identified',
      'monitored',
      'treating',
    ]);
    const years = new Set(all.rows.map((r) => r.code.slice(3, 7)));
    expect(years.size).toBeGreaterThanOrEqual(3);
    expect(new Set(all.rows.map((r) => r.code)).size).toBe(all.total);
    const withActions = all.rows.filter((r) => r.actionsTotal > 0).length;
    expect(withActions).toBe(stats.actions);
    expect(all.rows.some((r) => r.residualScore !== null)).toBe(true);
  });
});
