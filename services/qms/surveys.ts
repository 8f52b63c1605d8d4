// Satisfaction surveys (core/qms/survey.ts) in services: the question sets on offer (the
// province's newest versions, and the default shipped in resources/qms/survey-sets.json unless
// the province published one with its key), a survey made on one (its questions copied in, so
// a later version changes nothing), paper forms typed in while it is open and corrected, and
// the results per question with their Excel. Forms are 'survey_response' records under the
// survey: they sync and restore as every record does.
import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { OpParsed } from '../../core/contract';
import type { SurveyForm, SurveySetView } from '../../core/contract/surveys';
import { AppError } from '../../core/errors';
import type { Actor, QmsRecord } from '../../core/qms';
import {
  checkAnswers,
  formNumber,
  formSeries,
  surveyData,
  surveyKind,
  surveyResponseData,
  surveyResponseKind,
  surveyResults,
  surveySetBody,
  type SurveyData,
  type SurveyState,
} from '../../core/qms/survey';
import { formatIsoDate } from '../../core/forms/format';
import type { Db, Tx } from '../../db/open';
import { qmsRecords } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { readDeviceNo } from '../sync/state';
import { nextRecordCode } from './codes';
import { newestPublished } from './feed-bodies';
import { actorOf, insertRecord, loadRecord, todayOf, toRecord, updateRecord } from './records';
import { registerExcel } from './register-excel';
import { recordView } from './views';

const shippedSets = z.object({ sets: z.array(surveySetBody).min(1) });

function defaultSets(ctx: Pick<Ctx, 'cache' | 'resourcesDir'>) {
  const cached = ctx.cache.get('qms.surveySets') as z.output<typeof shippedSets> | undefined;
  if (cached) return cached.sets;
  const file = path.join(ctx.resourcesDir, 'qms', 'survey-sets.json');
  const parsed = shippedSets.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  ctx.cache.set('qms.surveySets', parsed);
  return parsed.sets;
}

/** The sets on offer, the province's first, then by title. */
export function surveySets(ctx: Pick<Ctx, 'db' | 'cache' | 'resourcesDir'>): SurveySetView[] {
  const published = newestPublished(ctx.db, 'survey_set', surveySetBody);
  const views: SurveySetView[] = [...published.values()].map((p) => ({
    key: p.body.key,
    version: p.version,
    title: p.body.title,
    intro: p.body.intro,
    questions: p.body.questions,
    fromProvince: true,
  }));
  // A key the province published (even withdrawn since) replaces the shipped one.
  const touched = newestPublished(ctx.db, 'survey_set', surveySetBody, true);
  for (const s of defaultSets(ctx))
    if (!touched.has(s.key)) views.push({ ...s, version: 0, fromProvince: false });
  return views.sort(
    (a, b) =>
      Number(b.fromProvince) - Number(a.fromProvince) || a.title.localeCompare(b.title, 'vi'),
  );
}

const surveyOf = (db: Db | Tx, id: string) => {
  const record = loadRecord(db, id, 'survey');
  return { record, data: surveyData.parse(record.data) };
};

function formsOf(db: Db | Tx, surveyId: string): SurveyForm[] {
  return db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.parentId, surveyId), eq(qmsRecords.kind, 'survey_response')))
    .all()
    .map((row) => formView(toRecord(row)))
    .sort(byNumber);
}

const byNumber = (a: SurveyForm, b: SurveyForm) => a.series - b.series || a.formNo - b.formNo;

function formView(r: QmsRecord): SurveyForm {
  const d = surveyResponseData.parse(r.data);
  return {
    id: r.id,
    formNo: d.formNo,
    number: formNumber(d),
    series: formSeries(d.deviceNo),
    state: r.state,
    rev: r.rev,
    answers: d.answers,
    voidReason: d.voidReason,
    voided: d.voided ? { name: d.voided.name, on: d.voided.on } : null,
  };
}

function mayEnter(actor: Actor): void {
  const roles = surveyResponseKind.createRoles;
  if (roles !== 'any' && !actor.roles.some((r) => roles.includes(r)))
    throw new AppError('FORBIDDEN', 'Vai trò của bạn không được nhập phiếu khảo sát.');
}

/** The survey is open and the form's answers fit its questions; else a Vietnamese error. */
function checkForm(survey: QmsRecord, data: SurveyData, answers: Record<string, string>) {
  if (survey.state !== 'open')
    throw new AppError(
      'CONFLICT',
      survey.state === 'draft'
        ? 'Cuộc khảo sát chưa mở nhập phiếu.'
        : 'Cuộc khảo sát đã kết thúc, không nhập hay sửa phiếu được nữa.',
    );
  const problem = checkAnswers(data.questions, answers);
  if (problem) throw new AppError('INVALID_INPUT', problem);
}

function createSurvey(ctx: Ctx, input: OpParsed<'surveys.create'>) {
  const actor = actorOf(ctx);
  if (input.to < input.from)
    throw new AppError('INVALID_INPUT', 'Ngày kết thúc khảo sát không được trước ngày bắt đầu.');
  const set = surveySets(ctx).find((s) => s.key === input.setKey);
  if (!set) throw new AppError('INVALID_INPUT', 'Không tìm thấy bộ câu hỏi đã chọn.');
  return write(ctx, (tx) => {
    const record = insertRecord(tx, ctx.now(), actor, {
      kind: 'survey',
      code: nextRecordCode(tx, 'survey', 'KS', input.from.slice(0, 4)),
      title: input.title,
      data: {
        from: input.from,
        to: input.to,
        setKey: set.key,
        setVersion: set.version,
        setTitle: set.title,
        questions: set.questions,
      },
    });
    return {
      result: record,
      audit: {
        operation: 'qms.survey.create',
        entity: 'qms_survey',
        entityId: record.id,
        summary: `Tạo cuộc khảo sát ${record.code} ${record.title}`,
      },
    };
  });
}

function answer(ctx: Ctx, input: OpParsed<'surveys.answer'>): SurveyForm {
  const actor = actorOf(ctx);
  mayEnter(actor);
  return write(ctx, (tx) => {
    const { record: survey, data } = surveyOf(tx, input.surveyId);
    checkForm(survey, data, input.answers);
    // The next number of this PC's series: unique in the office without asking anyone.
    const deviceNo = readDeviceNo(tx);
    const series = formSeries(deviceNo);
    const formNo =
      formsOf(tx, survey.id)
        .filter((f) => f.series === series)
        .reduce((n, f) => Math.max(n, f.formNo), 0) + 1;
    const number = formNumber({ formNo, deviceNo });
    const record = insertRecord(tx, ctx.now(), actor, {
      kind: 'survey_response',
      code: `${survey.code}/${number}`,
      title: `Phiếu số ${number}`,
      parentId: survey.id,
      data: { surveyId: survey.id, formNo, deviceNo, answers: input.answers },
    });
    return {
      result: formView(record),
      audit: {
        operation: 'qms.survey_response.create',
        entity: 'qms_survey_response',
        entityId: record.id,
        summary: `Nhập phiếu khảo sát số ${number} của ${survey.code}`,
      },
    };
  });
}

function correct(ctx: Ctx, input: OpParsed<'surveys.correct'>): SurveyForm {
  const actor = actorOf(ctx);
  mayEnter(actor);
  return write(ctx, (tx) => {
    const form = loadRecord(tx, input.id, 'survey_response');
    if (form.rev !== input.rev)
      throw new AppError('CONFLICT', 'Phiếu đã được người khác sửa. Vui lòng tải lại.');
    if (form.state !== 'recorded')
      throw new AppError('CONFLICT', 'Phiếu đã bị hủy, không sửa được.');
    const { record: survey, data } = surveyOf(tx, form.parentId ?? '');
    checkForm(survey, data, input.answers);
    const next = updateRecord(
      tx,
      ctx.now(),
      actor,
      form,
      { data: { answers: input.answers } },
      'Sửa phiếu nhập nhầm',
    );
    const number = formNumber(surveyResponseData.parse(next.data));
    return {
      result: formView(next),
      audit: {
        operation: 'qms.survey_response.edit',
        entity: 'qms_survey_response',
        entityId: next.id,
        summary: `Sửa phiếu khảo sát số ${number} của ${survey.code}`,
      },
    };
  });
}

function results(db: Db, id: string) {
  const { record, data } = surveyOf(db, id);
  const forms = formsOf(db, id).filter((f) => f.state === 'recorded');
  return {
    survey: record,
    forms: forms.length,
    questions: surveyResults(
      data.questions,
      forms.map((f) => f.answers),
    ),
  };
}

function listSurveys(db: Db) {
  const counts = new Map<string, number>();
  for (const row of db
    .select({ parentId: qmsRecords.parentId })
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, 'survey_response'), eq(qmsRecords.state, 'recorded')))
    .all())
    counts.set(row.parentId ?? '', (counts.get(row.parentId ?? '') ?? 0) + 1);
  return db
    .select()
    .from(qmsRecords)
    .where(eq(qmsRecords.kind, 'survey'))
    .all()
    .map((row) => {
      const r = toRecord(row);
      const d = surveyData.parse(r.data);
      return {
        id: r.id,
        code: r.code,
        title: r.title,
        state: r.state,
        stateLabel: surveyKind.stateLabels[r.state as SurveyState],
        from: d.from,
        to: d.to,
        setTitle: d.setTitle,
        forms: counts.get(r.id) ?? 0,
      };
    })
    .sort((a, b) => b.from.localeCompare(a.from) || b.code.localeCompare(a.code));
}

export const surveyHandlers: PartialHandlers = {
  'surveys.sets': (ctx) => {
    actorOf(ctx);
    return surveySets(ctx);
  },
  'surveys.list': (ctx) => {
    actorOf(ctx);
    return listSurveys(ctx.db);
  },
  'surveys.create': (ctx, input) =>
    recordView(ctx.db, createSurvey(ctx, input), actorOf(ctx), todayOf(ctx)),
  'surveys.get': (ctx, input) => {
    const actor = actorOf(ctx);
    const { record } = surveyOf(ctx.db, input.id);
    return {
      survey: recordView(ctx.db, record, actor, todayOf(ctx)),
      forms: formsOf(ctx.db, record.id),
      series: formSeries(readDeviceNo(ctx.db)),
    };
  },
  'surveys.answer': (ctx, input) => answer(ctx, input),
  'surveys.correct': (ctx, input) => correct(ctx, input),
  'surveys.results': (ctx, input) => {
    actorOf(ctx);
    const r = results(ctx.db, input.id);
    return { forms: r.forms, questions: r.questions };
  },
  'surveys.exportExcel': (ctx, input) => {
    actorOf(ctx);
    const r = results(ctx.db, input.id);
    const d = surveyData.parse(r.survey.data);
    return registerExcel(ctx, {
      file: `ket-qua-khao-sat-${r.survey.code.toLowerCase()}`,
      sheet: 'Kết quả khảo sát',
      title: `KẾT QUẢ KHẢO SÁT: ${r.survey.title.toUpperCase()} (${formatIsoDate(d.from)} - ${formatIsoDate(d.to)}; ${r.forms} phiếu)`,
      columns: [
        { header: 'Câu', width: 6 },
        { header: 'Câu hỏi', width: 60 },
        { header: 'Lựa chọn', width: 30 },
        { header: 'Số phiếu', width: 12 },
        { header: 'Tỷ lệ (%)', width: 12 },
      ],
      rows: r.questions.flatMap((q) => [
        ...q.options.map((o) => [q.no, q.text, o.label, o.count, o.percent ?? ''] as const),
        [q.no, q.text, 'Để trống', q.blank, ''] as const,
        ...(q.satisfiedPercent === null
          ? []
          : [[q.no, q.text, 'Tỷ lệ hài lòng', '', q.satisfiedPercent] as const]),
      ]),
    });
  },
};
