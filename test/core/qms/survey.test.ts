// Surveys and published scales in core: the shipped question set is valid (digits 1-9 reach
// every option); a question set or a rating scale from the province is checked whole; a
// survey's life (open, close, reopen with a reason) by the managers only; a form's answers
// checked against its questions; the results counted per option with blanks and the satisfied
// share of a satisfaction question.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTransition } from '../../../core/qms';
import { ratingScaleBody } from '../../../core/qms/rating';
import {
  checkAnswers,
  surveyData,
  surveyKind,
  surveyResponseData,
  surveyResponseKind,
  surveyResults,
  surveySetBody,
  type SurveyQuestion,
} from '../../../core/qms/survey';
import { actor, record, TODAY } from './support';

const iso = actor('u-iso', 'iso_coordinator');
const desk = actor('u-desk', 'desk_officer');
const leader = actor('u-ct', 'leader');

const shipped = JSON.parse(fs.readFileSync('resources/qms/survey-sets.json', 'utf8')) as {
  sets: unknown[];
};

const QUESTIONS: SurveyQuestion[] = [
  {
    key: 'gender',
    text: 'Giới tính',
    options: [
      { key: 'male', label: 'Nam', satisfied: null },
      { key: 'female', label: 'Nữ', satisfied: null },
    ],
  },
  {
    key: 'overall',
    text: 'Hài lòng chung',
    options: [
      { key: 'no', label: 'Không hài lòng', satisfied: false },
      { key: 'ok', label: 'Bình thường', satisfied: false },
      { key: 'yes', label: 'Hài lòng', satisfied: true },
    ],
  },
];

describe('question sets and scales from the province', () => {
  it('ships a valid default set for a commune one-stop desk', () => {
    const set = surveySetBody.parse(shipped.sets[0]);
    expect(set.key).toBe('mot_cua_xa');
    expect(set.questions.length).toBeGreaterThanOrEqual(8);
    expect(set.questions.every((q) => q.options.length >= 2 && q.options.length <= 9)).toBe(true);
    expect(set.questions.find((q) => q.key === 'overall')?.options.map((o) => o.label)).toEqual([
      'Rất không hài lòng',
      'Không hài lòng',
      'Bình thường',
      'Hài lòng',
      'Rất hài lòng',
    ]);
  });

  it('refuses a set with duplicate keys, too many options or no question', () => {
    const base = { key: 'bo', title: 'Bộ', questions: QUESTIONS };
    expect(surveySetBody.safeParse(base).success).toBe(true);
    const fails = (body: unknown) => {
      const r = surveySetBody.safeParse(body);
      return r.success ? null : r.error.issues[0]?.message;
    };
    expect(fails({ ...base, questions: [] })).toBe('Bộ câu hỏi cần ít nhất một câu hỏi');
    expect(fails({ ...base, questions: [QUESTIONS[0], QUESTIONS[0]] })).toBe(
      'Trùng mã câu hỏi trong bộ câu hỏi',
    );
    const ten = Array.from({ length: 10 }, (_, i) => ({ key: `o${i}`, label: `Lựa chọn ${i}` }));
    expect(fails({ ...base, questions: [{ key: 'q', text: 'Câu', options: ten }] })).toBe(
      'Mỗi câu hỏi có tối đa 9 lựa chọn',
    );
    const twice = [
      { key: 'a', label: 'A' },
      { key: 'a', label: 'B' },
    ];
    expect(fails({ ...base, questions: [{ key: 'q', text: 'Câu', options: twice }] })).toBe(
      'Trùng mã lựa chọn trong một câu hỏi',
    );
  });

  it('refuses a rating scale where every level, or none, counts as satisfied', () => {
    const scale = {
      id: 'ba_muc',
      name: 'Ba mức',
      levels: [
        { key: 'yes', label: 'Hài lòng', satisfied: true },
        { key: 'no', label: 'Không hài lòng', satisfied: false },
      ],
    };
    expect(ratingScaleBody.parse(scale)).toMatchObject({ criteria: [], withdrawn: false });
    const all = ratingScaleBody.safeParse({
      ...scale,
      levels: scale.levels.map((l) => ({ ...l, satisfied: true })),
    });
    expect(all.success ? null : all.error.issues[0]?.message).toBe(
      'Thang đánh giá phải có mức hài lòng và mức không hài lòng',
    );
    const twice = ratingScaleBody.safeParse({
      ...scale,
      levels: [scale.levels[0], scale.levels[0]],
    });
    expect(twice.success ? null : twice.error.issues.map((i) => i.message)).toContain(
      'Trùng mã mức đánh giá',
    );
  });
});

describe('a survey and its forms', () => {
  const survey = (state: string) =>
    record(
      'survey',
      state,
      surveyData.parse({
        from: '2026-01-01',
        to: '2026-03-31',
        setKey: 'bo',
        setVersion: 1,
        setTitle: 'Bộ',
        questions: QUESTIONS,
      }),
    );
  const ctx = (state: string, who: typeof iso, comment?: string) => ({
    record: survey(state),
    actor: who,
    input: comment === undefined ? {} : { comment },
    today: TODAY,
  });

  it('is opened, closed and reopened with a reason by the managers only', () => {
    expect(checkTransition(surveyKind, 'open', ctx('draft', iso))).toMatchObject({
      ok: true,
      to: 'open',
      patch: { data: { opened: { userId: 'u-iso', on: TODAY } } },
    });
    const byDesk = checkTransition(surveyKind, 'open', ctx('draft', desk));
    expect(!byDesk.ok && byDesk.failure.code).toBe('FORBIDDEN');
    expect(checkTransition(surveyKind, 'close', ctx('open', leader))).toMatchObject({
      ok: true,
      to: 'closed',
    });
    const closeDraft = checkTransition(surveyKind, 'close', ctx('draft', iso));
    expect(closeDraft.ok).toBe(false);
    const noReason = checkTransition(surveyKind, 'reopen', ctx('closed', iso));
    expect(!noReason.ok && noReason.failure.code).toBe('INVALID_INPUT');
    expect(
      checkTransition(surveyKind, 'reopen', ctx('closed', iso, 'Còn phiếu chưa nhập')),
    ).toMatchObject({ ok: true, to: 'open', patch: { data: { closed: null } } });
  });

  it('refuses a period ending before it starts', () => {
    const r = surveyData.safeParse({ ...survey('draft').data, to: '2025-12-31' });
    expect(r.success ? null : r.error.issues[0]?.message).toBe(
      'Ngày kết thúc khảo sát không được trước ngày bắt đầu.',
    );
  });

  it('voids a form typed by mistake with a reason, by a manager', () => {
    const form = record(
      'survey_response',
      'recorded',
      surveyResponseData.parse({ surveyId: 's', formNo: 3, answers: { gender: 'male' } }),
    );
    const c = (who: typeof iso, comment?: string) => ({
      record: form,
      actor: who,
      input: comment === undefined ? {} : { comment },
      today: TODAY,
    });
    expect(checkTransition(surveyResponseKind, 'void', c(iso, 'Trùng phiếu'))).toMatchObject({
      ok: true,
      to: 'void',
      patch: { data: { voidReason: 'Trùng phiếu' } },
    });
    const byDesk = checkTransition(surveyResponseKind, 'void', c(desk, 'x'));
    expect(!byDesk.ok && byDesk.failure.code).toBe('FORBIDDEN');
    const noReason = checkTransition(surveyResponseKind, 'void', c(iso));
    expect(!noReason.ok && noReason.failure.code).toBe('INVALID_INPUT');
  });

  it('checks the answers against the questions', () => {
    expect(checkAnswers(QUESTIONS, { gender: 'male', overall: 'yes' })).toBeNull();
    expect(checkAnswers(QUESTIONS, { overall: 'ok' })).toBeNull();
    expect(checkAnswers(QUESTIONS, {})).toBe('Phiếu chưa có câu trả lời nào.');
    expect(checkAnswers(QUESTIONS, { overall: 'male' })).toBe(
      'Câu 2: câu trả lời không có trong các lựa chọn của câu hỏi.',
    );
    expect(checkAnswers(QUESTIONS, { age: 'male' })).toBe(
      'Câu hỏi không có trong bộ câu hỏi của cuộc khảo sát.',
    );
  });

  it('counts the results per option, with blanks and the satisfied share', () => {
    const results = surveyResults(QUESTIONS, [
      { gender: 'male', overall: 'yes' },
      { gender: 'female', overall: 'no' },
      { gender: 'female', overall: 'yes' },
      { overall: 'ok' },
    ]);
    expect(results[0]).toMatchObject({
      no: 1,
      answered: 3,
      blank: 1,
      satisfiedPercent: null,
      options: [
        { key: 'male', count: 1, percent: 33.3 },
        { key: 'female', count: 2, percent: 66.7 },
      ],
    });
    expect(results[1]).toMatchObject({
      no: 2,
      answered: 4,
      blank: 0,
      satisfiedPercent: 50,
      options: [
        { key: 'no', count: 1, percent: 25 },
        { key: 'ok', count: 1, percent: 25 },
        { key: 'yes', count: 2, percent: 50 },
      ],
    });
    // No forms: nothing to measure, not 0 %.
    expect(surveyResults(QUESTIONS, [])[1]).toMatchObject({
      answered: 0,
      blank: 0,
      satisfiedPercent: null,
      options: [{ count: 0, percent: null }, { percent: null }, { percent: null }],
    });
  });
});
