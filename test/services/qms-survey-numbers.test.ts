// Survey form numbers are unique in the office, not only on one PC: two PCs of one office type
// forms of the same survey offline, then sync; a third PC restored from the province holds
// every form once, with distinct numbers. The province numbers the office's PCs 1, 2, 3 at
// enrolment (and tells a PC enrolled before that on its next token); PC 1 counts 1, 2, 3…,
// PC n counts n-1, n-2… (core/qms/survey.ts formSeries).
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as schema from '../../db/schema';
import { syncEngineFor } from '../../services/sync/engine';
import { readDeviceNo } from '../../services/sync/state';
import type { DeskApp } from '../support/desk';
import { enrollDesk, provinceFixture } from '../sync/support/env';

const province = provinceFixture();

const deviceNo = (app: DeskApp) =>
  readDeviceNo(drizzle({ client: app.backend.database(), schema }));

async function freshPc(officeId: string): Promise<DeskApp> {
  const code = await province.h.admin.newCode(officeId);
  const { app } = await enrollDesk(province.h.url, code);
  province.track(app);
  await app.ok('admin')('sync.restore', {});
  return app;
}

describe('survey form numbers across the PCs of one office', () => {
  it('two PCs typing the same survey offline give no duplicate numbers', async () => {
    const a = await province.office();
    expect(deviceNo(a.app)).toBe(1);
    const created = await a.app.ok('thuky')('surveys.create', {
      title: 'Khảo sát sự hài lòng năm 2026',
      setKey: 'mot_cua_xa',
      from: '2026-01-01',
      to: '2026-12-31',
    });
    const survey = await a.app.ok('thuky')('qms.transition', {
      id: created.id,
      transition: 'open',
      rev: created.rev,
    });
    const enter = (app: DeskApp, overall: string) =>
      app.ok('motcua')('surveys.answer', { surveyId: survey.id, answers: { overall } });
    expect((await enter(a.app, 'satisfied')).number).toBe('1');
    expect((await a.engine.run()).ok).toBe(true);

    // PC 2 of the office, restored from the province: it has the survey and form 1.
    const b = await freshPc(a.officeId);
    expect(deviceNo(b)).toBe(2);
    const onB = await b.ok('motcua')('surveys.get', { id: survey.id });
    expect(onB.forms.map((f) => f.number)).toEqual(['1']);
    expect(onB.series).toBe(2);

    // Both offline, the same survey: each numbers in its own series.
    const fromA = [await enter(a.app, 'satisfied'), await enter(a.app, 'unsatisfied')];
    const fromB = [await enter(b, 'very_satisfied'), await enter(b, 'satisfied')];
    expect(fromA.map((f) => f.number)).toEqual(['2', '3']);
    expect(fromB.map((f) => f.number)).toEqual(['2-1', '2-2']);
    expect(fromB[0]).toMatchObject({ formNo: 1, series: 2 });
    const record = await b.ok('motcua')('qms.get', { id: fromB[0]?.id ?? '' });
    expect(record).toMatchObject({ code: 'KS-2026-001/2-1', title: 'Phiếu số 2-1' });

    expect((await a.engine.run()).ok).toBe(true);
    expect((await syncEngineFor(b.dataDir).run()).ok).toBe(true);

    // A third PC restored after both pushed: every form once, five distinct numbers.
    const c = await freshPc(a.officeId);
    expect(deviceNo(c)).toBe(3);
    const all = await c.ok('thuky')('surveys.get', { id: survey.id });
    const numbers = all.forms.map((f) => f.number);
    expect(numbers).toEqual(['1', '2', '3', '2-1', '2-2']);
    expect(new Set(all.forms.map((f) => f.id)).size).toBe(5);
    expect((await c.ok('thuky')('surveys.results', { id: survey.id })).forms).toBe(5);
    expect((await enter(c, 'satisfied')).number).toBe('3-1');
  });

  it('a PC enrolled before PCs were numbered learns its number on its next sync', async () => {
    const a = await province.office();
    const b = await freshPc(a.officeId);
    for (const app of [a.app, b])
      app.backend.database().prepare("DELETE FROM app_meta WHERE key = 'sync.deviceNo'").run();
    expect(deviceNo(b)).toBeNull();
    expect((await syncEngineFor(b.dataDir).run()).ok).toBe(true);
    expect((await a.engine.run()).ok).toBe(true);
    expect([deviceNo(a.app), deviceNo(b)]).toEqual([1, 2]);
  });
});
