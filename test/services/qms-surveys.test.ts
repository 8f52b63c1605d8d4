// Satisfaction surveys in services: a survey made by the ISO secretary on the default question
// set (its questions copied in), opened, paper forms typed in by the desk officer and numbered,
// one corrected, one voided; results counted per option and question over the forms in force;
// roles refused, bad answers refused in Vietnamese with nothing written, a closed survey takes
// no more forms; the Excel of the results.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpDatabase } from '../support/backend';
import {
  forwardAllSteps,
  procedureId,
  receiveInput,
  startDemoDesk,
  vn,
  type DeskApp,
} from '../support/desk';

let app: DeskApp;
afterEach(() => app.close());

async function openSurvey() {
  const sets = await app.ok('thuky')('surveys.sets', {});
  const set = sets.find((s) => s.key === 'mot_cua_xa');
  expect(set).toMatchObject({ version: 0, fromProvince: false });
  const survey = await app.ok('thuky')('surveys.create', {
    title: 'Khảo sát quý IV năm 2026',
    setKey: 'mot_cua_xa',
    from: '2026-10-01',
    to: '2026-12-31',
  });
  expect(survey).toMatchObject({ kind: 'survey', state: 'draft', code: 'KS-2026-001' });
  const opened = await app.ok('thuky')('qms.transition', {
    id: survey.id,
    transition: 'open',
    rev: survey.rev,
  });
  expect(opened.state).toBe('open');
  return { survey: opened, questions: set?.questions ?? [] };
}

describe('surveys', () => {
  it('takes paper forms, corrects and voids them, and counts the results', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    const { survey, questions } = await openSurvey();
    expect(questions.map((q) => q.key)).toContain('overall');
    const enter = (answers: Record<string, string>) =>
      app.ok('motcua')('surveys.answer', { surveyId: survey.id, answers });
    const f1 = await enter({ gender: 'female', overall: 'very_satisfied', attitude: 'satisfied' });
    const f2 = await enter({ gender: 'male', overall: 'unsatisfied' });
    const f3 = await enter({ gender: 'male', overall: 'satisfied', attitude: 'neutral' });
    const f4 = await enter({ gender: 'female' });
    expect([f1.formNo, f2.formNo, f3.formNo, f4.formNo]).toEqual([1, 2, 3, 4]);

    // Form 2 was typed wrong: corrected to "satisfied"; form 4 entered twice: voided.
    const fixed = await app.ok('motcua')('surveys.correct', {
      id: f2.id,
      rev: f2.rev,
      answers: { gender: 'male', overall: 'satisfied', attitude: 'unsatisfied' },
    });
    expect(fixed).toMatchObject({ formNo: 2, rev: f2.rev + 1 });
    const stale = await app.as('motcua')('surveys.correct', {
      id: f2.id,
      rev: f2.rev,
      answers: { gender: 'female' },
    });
    expect(stale.ok || stale.error.code).toBe('CONFLICT');
    const deskVoid = await app.as('motcua')('qms.transition', {
      id: f4.id,
      transition: 'void',
      rev: f4.rev,
      comment: 'Nhập trùng phiếu số 1',
    });
    expect(deskVoid.ok || deskVoid.error.code).toBe('FORBIDDEN');
    await app.ok('thuky')('qms.transition', {
      id: f4.id,
      transition: 'void',
      rev: f4.rev,
      comment: 'Nhập trùng phiếu số 1',
    });

    const results = await app.ok('thuky')('surveys.results', { id: survey.id });
    expect(results.forms).toBe(3);
    const q = (key: string) => results.questions.find((r) => r.key === key);
    const count = (key: string, option: string) =>
      q(key)?.options.find((o) => o.key === option)?.count;
    expect(count('gender', 'male')).toBe(2);
    expect(count('gender', 'female')).toBe(1);
    expect(count('overall', 'very_satisfied')).toBe(1);
    expect(count('overall', 'satisfied')).toBe(2);
    expect(count('overall', 'unsatisfied')).toBe(0);
    expect(q('overall')).toMatchObject({ answered: 3, blank: 0, satisfiedPercent: 100 });
    // attitude: satisfied, unsatisfied (corrected form 2), neutral; one in three satisfied.
    expect(q('attitude')).toMatchObject({ answered: 3, blank: 0, satisfiedPercent: 33.3 });
    expect(q('access')).toMatchObject({ answered: 0, blank: 3, satisfiedPercent: null });
    expect(q('gender')?.satisfiedPercent).toBeNull();
    expect(q('gender')?.options.find((o) => o.key === 'male')?.percent).toBe(66.7);

    const detail = await app.ok('motcua')('surveys.get', { id: survey.id });
    expect(detail.forms.map((f) => [f.formNo, f.state])).toEqual([
      [1, 'recorded'],
      [2, 'recorded'],
      [3, 'recorded'],
      [4, 'void'],
    ]);
    // The voided form keeps why, who and when; the others carry no void.
    expect(detail.forms[3]).toMatchObject({
      voidReason: 'Nhập trùng phiếu số 1',
      voided: { name: 'Lê Minh Chất', on: '2026-11-23' },
    });
    expect(detail.forms[0]).toMatchObject({ voidReason: '', voided: null });
    const list = await app.ok('motcua')('surveys.list', {});
    expect(list).toEqual([
      expect.objectContaining({ id: survey.id, forms: 3, stateLabel: 'Đang nhập phiếu' }),
    ]);

    const file = await app.ok('thuky')('surveys.exportExcel', { id: survey.id });
    expect(file.fileName).toMatch(/^ket-qua-khao-sat-ks-2026-001_2026-11-23\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const rows = book.worksheets[0]?.getSheetValues().filter(Boolean) as unknown[][];
    const overallSatisfied = rows.find(
      (r) => String(r[2]).startsWith('Nhìn chung') && r[3] === 'Hài lòng',
    );
    expect(overallSatisfied?.slice(4, 6)).toEqual([2, 66.7]);

    // Closed: no more forms, no corrections.
    const closed = await app.ok('thuky')('qms.transition', {
      id: survey.id,
      transition: 'close',
      rev: survey.rev,
    });
    expect(closed.state).toBe('closed');
    const late = await app.as('motcua')('surveys.answer', {
      surveyId: survey.id,
      answers: { gender: 'male' },
    });
    expect(late.ok || late.error.message).toBe(
      'Cuộc khảo sát đã kết thúc, không nhập hay sửa phiếu được nữa.',
    );
  });

  it('refuses bad input and wrong roles in Vietnamese, writing nothing', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    const desk = await app.as('motcua')('surveys.create', {
      title: 'Khảo sát',
      setKey: 'mot_cua_xa',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(desk.ok || desk.error.message).toBe(
      'Vai trò của bạn không được tạo khảo sát sự hài lòng.',
    );
    const backwards = await app.as('thuky')('surveys.create', {
      title: 'Khảo sát',
      setKey: 'mot_cua_xa',
      from: '2026-12-01',
      to: '2026-10-31',
    });
    expect(backwards.ok || backwards.error.message).toBe(
      'Ngày kết thúc khảo sát không được trước ngày bắt đầu.',
    );
    const unknownSet = await app.as('thuky')('surveys.create', {
      title: 'Khảo sát',
      setKey: 'khong_co',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(unknownSet.ok || unknownSet.error.message).toBe('Không tìm thấy bộ câu hỏi đã chọn.');

    const survey = await app.ok('thuky')('surveys.create', {
      title: 'Khảo sát',
      setKey: 'mot_cua_xa',
      from: '2026-10-01',
      to: '2026-12-31',
    });
    const draft = await app.as('motcua')('surveys.answer', {
      surveyId: survey.id,
      answers: { gender: 'male' },
    });
    expect(draft.ok || draft.error.message).toBe('Cuộc khảo sát chưa mở nhập phiếu.');
    await app.ok('thuky')('qms.transition', { id: survey.id, transition: 'open', rev: 1 });

    const before = dumpDatabase(app.backend);
    const cases: [string, Record<string, string>, string][] = [
      ['motcua', { overall: 'tuyet_voi' }, 'câu trả lời không có trong các lựa chọn của câu hỏi'],
      ['motcua', { gender: 'satisfied' }, 'Câu 1: câu trả lời không có trong các lựa chọn'],
      ['motcua', { cau_la: 'male' }, 'Câu hỏi không có trong bộ câu hỏi của cuộc khảo sát.'],
      ['motcua', {}, 'Phiếu chưa có câu trả lời nào.'],
      ['tuphap', { gender: 'male' }, 'Vai trò của bạn không được nhập phiếu khảo sát.'],
    ];
    for (const [user, answers, message] of cases) {
      const r = await app.as(user)('surveys.answer', { surveyId: survey.id, answers });
      expect(r.ok || r.error.message).toContain(message);
    }
    expect(dumpDatabase(app.backend)).toBe(before);
  });
});

describe("the desk dashboard's satisfaction figures", () => {
  it('count the ratings and the QĐ 766 ratio of the month and the year', async () => {
    app = await startDemoDesk(vn('2026-11-23', '08:00'));
    const empty = await app.ok('motcua')('ratings.figures', {});
    expect(empty.month).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-23',
      satisfaction: { value: null, denominator: 0 },
    });
    const pid = await procedureId(app, '1.001193');
    for (const level of ['satisfied', 'unsatisfied', null]) {
      const d = await app.ok('motcua')(
        'dossiers.receive',
        receiveInput(pid, app.users['tuphap'] ?? ''),
      );
      const ready = await forwardAllSteps(app, d, 5);
      await app.ok('motcua')('dossiers.return', {
        id: ready.dossier.id,
        expectedStep: ready.dossier.currentStep,
        ...(level ? { rating: { level, criteria: {}, comment: '' } } : {}),
      });
    }
    const figures = await app.ok('motcua')('ratings.figures', {});
    // Two rated, one satisfied; three resolved on time, one rated unsatisfied: 2/3.
    expect(figures.month.satisfaction).toEqual({ value: 50, numerator: 1, denominator: 2 });
    expect(figures.month.qd766).toEqual({ value: 66.7, numerator: 2, denominator: 3 });
    expect(figures.year).toMatchObject({ from: '2026-01-01', qd766: { denominator: 3 } });
  });
});
