// Rating scales and survey question sets published by the province ('rating_scale' and
// 'survey_set' feed entries): an office pulls them; ratings are then taken on the published
// scale and keep its id and version (a later version or a withdrawal changes no rating taken);
// a survey made on a published set keeps the questions of its version; a bad publication is
// refused with Vietnamese reasons, and a bad feed entry is kept with its error and not used;
// the forms typed in reach the province as records.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { forwardAllSteps, procedureId, receiveInput, type DeskApp } from '../support/desk';
import { provinceFixture } from '../sync/support/env';

const province = provinceFixture();
const admin = () => province.h.admin;

const FIVE = {
  id: 'nam_muc',
  name: 'Thang 5 mức của tỉnh',
  levels: [
    { key: 'very_bad', label: 'Rất không hài lòng', satisfied: false },
    { key: 'bad', label: 'Không hài lòng', satisfied: false },
    { key: 'normal', label: 'Bình thường', satisfied: false },
    { key: 'good', label: 'Hài lòng', satisfied: true },
    { key: 'very_good', label: 'Rất hài lòng', satisfied: true },
  ],
  criteria: [{ key: 'attitude', label: 'Thái độ phục vụ' }],
};

const SET = {
  key: 'khao_sat_tinh',
  title: 'Phiếu khảo sát của tỉnh',
  questions: [
    {
      key: 'overall',
      text: 'Mức độ hài lòng chung',
      options: [
        { key: 'yes', label: 'Hài lòng', satisfied: true },
        { key: 'no', label: 'Không hài lòng', satisfied: false },
      ],
    },
  ],
};

async function returnedDossier(app: DeskApp) {
  const pid = await procedureId(app, '1.001193');
  const d = await app.ok('motcua')(
    'dossiers.receive',
    receiveInput(pid, app.users['tuphap'] ?? ''),
  );
  const ready = await forwardAllSteps(app, d, 5);
  await app.ok('motcua')('dossiers.return', {
    id: ready.dossier.id,
    expectedStep: ready.dossier.currentStep,
    rating: { level: 'good', criteria: { attitude: 'very_good' }, comment: '' },
  });
  return ready.dossier.id;
}

describe('rating scales and survey sets from the province', () => {
  it('are pulled, used, versioned and withdrawn', async () => {
    const o = await province.office();
    expect(await o.app.ok('motcua')('ratings.scale', {})).toMatchObject({
      id: 'default',
      version: 0,
    });
    const published = await admin().call('POST', '/v1/admin/feed/rating-scales', {
      body: { scales: [FIVE] },
    });
    expect(published.status).toBe(201);
    const sets = await admin().call('POST', '/v1/admin/feed/survey-sets', {
      body: { sets: [SET] },
    });
    expect(sets.status).toBe(201);
    expect((await o.engine.run()).ok).toBe(true);

    expect(await o.app.ok('motcua')('ratings.scale', {})).toMatchObject({
      id: 'nam_muc',
      version: 1,
      levels: FIVE.levels,
    });
    const dossierId = await returnedDossier(o.app);
    const rating = await o.app.ok('thuky')('ratings.ofDossier', { dossierId });
    expect(rating?.data).toMatchObject({
      scaleId: 'nam_muc',
      scaleVersion: 1,
      level: 'good',
      satisfied: true,
    });

    // Version 2 calls "normal" satisfied; the rating taken on version 1 keeps its version.
    const v2 = {
      ...FIVE,
      levels: FIVE.levels.map((l) => (l.key === 'normal' ? { ...l, satisfied: true } : l)),
    };
    await admin().call('POST', '/v1/admin/feed/rating-scales', { body: { scales: [v2] } });
    const offered = await o.app.ok('thuky')('surveys.sets', {});
    expect(offered.map((s) => [s.key, s.version, s.fromProvince])).toEqual([
      ['khao_sat_tinh', 1, true],
      ['mot_cua_xa', 0, false],
    ]);
    const survey = await o.app.ok('thuky')('surveys.create', {
      title: 'Khảo sát theo phiếu của tỉnh',
      setKey: 'khao_sat_tinh',
      from: '2026-01-01',
      to: '2026-12-31',
    });
    expect(survey.data).toMatchObject({ setKey: 'khao_sat_tinh', setVersion: 1 });
    await admin().call('POST', '/v1/admin/feed/survey-sets', {
      body: { sets: [{ ...SET, questions: [{ ...SET.questions[0], text: 'Câu mới' }] }] },
    });
    expect((await o.engine.run()).ok).toBe(true);
    expect(await o.app.ok('motcua')('ratings.scale', {})).toMatchObject({ version: 2 });
    const again = await o.app.ok('thuky')('surveys.get', { id: survey.id });
    expect(again.survey.data['questions']).toEqual([
      expect.objectContaining({ text: 'Mức độ hài lòng chung' }),
    ]);
    expect(
      (await o.app.ok('thuky')('surveys.sets', {})).find((s) => s.key === 'khao_sat_tinh')?.version,
    ).toBe(2);
    expect(
      (await o.app.ok('thuky')('ratings.ofDossier', { dossierId }))?.data['scaleVersion'],
    ).toBe(1);

    // A form typed in reaches the province as a record under the survey.
    await o.app.ok('thuky')('qms.transition', { id: survey.id, transition: 'open', rev: 1 });
    const form = await o.app.ok('motcua')('surveys.answer', {
      surveyId: survey.id,
      answers: { overall: 'yes' },
    });
    expect((await o.engine.run()).ok).toBe(true);
    const at = await province.h.database.db.execute(
      sql`select row from entities where entity = 'qms_record' and entity_id = ${form.id}`,
    );
    const rows = (at as { rows: { row: Record<string, unknown> }[] }).rows;
    expect(rows[0]?.row).toMatchObject({
      kind: 'survey_response',
      parentId: survey.id,
      data: { formNo: 1, answers: { overall: 'yes' } },
    });

    // Withdrawn: back to the default scale; a withdrawn set is no longer offered, nor the
    // shipped set it replaced.
    await admin().call('POST', '/v1/admin/feed/rating-scales', {
      body: { scales: [{ ...v2, withdrawn: true }] },
    });
    await admin().call('POST', '/v1/admin/feed/survey-sets', {
      body: { sets: [{ ...SET, key: 'mot_cua_xa', withdrawn: true }] },
    });
    expect((await o.engine.run()).ok).toBe(true);
    expect(await o.app.ok('motcua')('ratings.scale', {})).toMatchObject({ id: 'default' });
    expect((await o.app.ok('thuky')('surveys.sets', {})).map((s) => s.key)).toEqual([
      'khao_sat_tinh',
    ]);
  });

  it('refuses bad publications in Vietnamese and keeps bad feed entries unused', async () => {
    const cases: [string, unknown, string][] = [
      ['rating-scales', { scales: [] }, 'Chọn ít nhất một thang đánh giá'],
      [
        'rating-scales',
        { scales: [{ ...FIVE, levels: FIVE.levels.map((l) => ({ ...l, satisfied: true })) }] },
        'Thang đánh giá phải có mức hài lòng và mức không hài lòng',
      ],
      ['rating-scales', { scales: [{ ...FIVE, id: 'Năm mức' }] }, 'Mã thang đánh giá'],
      ['rating-scales', { scales: [FIVE, FIVE] }, 'trùng mã thang đánh giá'],
      ['survey-sets', { sets: [{ ...SET, questions: [] }] }, 'Bộ câu hỏi cần ít nhất một câu hỏi'],
      [
        'survey-sets',
        {
          sets: [
            {
              ...SET,
              questions: [{ ...SET.questions[0], options: [SET.questions[0]?.options[0]] }],
            },
          ],
        },
        'Mỗi câu hỏi cần ít nhất 2 lựa chọn',
      ],
      ['survey-sets', { sets: [SET, SET] }, 'trùng mã bộ câu hỏi'],
    ];
    for (const [path, body, message] of cases) {
      const reply = await admin().call('POST', `/v1/admin/feed/${path}`, { body });
      expect(reply.status).toBe(400);
      expect(JSON.stringify(reply.body)).toContain(message);
    }
    // The raw feed takes any body; the office keeps a bad one with its error and ignores it.
    const raw = await admin().call('POST', '/v1/admin/feed', {
      body: {
        entries: [
          { kind: 'rating_scale', key: 'hong', version: 1, body: { id: 'hong', levels: [] } },
          { kind: 'survey_set', key: 'khac', version: 1, body: SET },
        ],
      },
    });
    expect(raw.status).toBe(201);
    const o = await province.office();
    expect((await o.engine.run()).ok).toBe(true);
    const errors = o.app.backend
      .database()
      .prepare(`SELECT kind, error FROM sync_feed WHERE key IN ('hong', 'khac') ORDER BY kind`)
      .all() as { kind: string; error: string | null }[];
    expect(errors[0]?.error).toContain('Thang đánh giá không hợp lệ');
    expect(errors.slice(1)).toEqual([
      {
        kind: 'survey_set',
        error: 'Bộ câu hỏi khảo sát không hợp lệ: khóa khac khác khao_sat_tinh',
      },
    ]);
    expect((await o.app.ok('motcua')('ratings.scale', {})).id).not.toBe('hong');
    expect((await o.app.ok('thuky')('surveys.sets', {})).map((s) => s.key)).not.toContain('khac');
  });
});
