// Quality objectives in services: create one (numbered MT-<year>-NN, due for its first
// measurement), the year's list with every measurement and the verdict against the target,
// compute an indicator for a window on the data of today, and record a measurement: the value
// AND its window as a record of its own, so later data never changes it. A missed objective
// is the pre-filled source of a nonconformity.
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { addCivilDays } from '../../core/calendar/civil-time';
import type { OpOutput, OpParsed } from '../../core/contract';
import { AppError } from '../../core/errors';
import { formatDecimal, formatIsoDate } from '../../core/forms/format';
import type { QmsRecord } from '../../core/qms';
import {
  indicatorOf,
  INDICATOR_LABELS,
  meetsTarget,
  partsFor,
  type Measure,
} from '../../core/qms/indicators';
import {
  FREQUENCY_LABELS,
  measurementData,
  nextPeriodEnd,
  objectiveData,
  periodsOf,
  type MeasurementData,
  type ObjectiveData,
} from '../../core/qms/objective';
import { procedures, qmsRecords } from '../../db/schema';
import { write, type Ctx } from '../context';
import type { PartialHandlers } from '../handlers';
import { nextRecordCode } from './codes';
import { loadTally } from './indicator-facts';
import { actorOf, insertRecord, loadRecord, todayOf, toRecord, updateRecord } from './records';
import { recordViews } from './views';

const KIND = 'objective';

function scopeOf(ctx: Ctx, input: OpParsed<'objectives.create'>) {
  if (input.indicator !== 'on_time_rate') return { label: '' };
  if (input.procedureId) {
    const p = ctx.db
      .select({ name: procedures.name, code: procedures.code })
      .from(procedures)
      .where(eq(procedures.id, input.procedureId))
      .get();
    if (!p) throw new AppError('INVALID_INPUT', 'Không tìm thấy thủ tục hành chính đã chọn.');
    return { procedureId: input.procedureId, label: `Thủ tục ${p.name}` };
  }
  if (input.field) return { field: input.field, label: `Lĩnh vực ${input.field}` };
  return { label: '' };
}

function createObjective(ctx: Ctx, input: OpParsed<'objectives.create'>) {
  const actor = actorOf(ctx);
  const today = todayOf(ctx);
  const data = objectiveData.safeParse({
    year: input.year,
    statement: input.statement,
    indicator: input.indicator,
    scope: scopeOf(ctx, input),
    unit: input.indicator === 'manual' ? input.unit : '%',
    target: input.target,
    atMost: input.atMost,
    plan: input.plan,
    frequency: input.frequency,
  });
  if (!data.success)
    throw new AppError('INVALID_INPUT', data.error.issues[0]?.message ?? undefined);
  const start = today > `${input.year}-01-01` ? today : `${input.year}-01-01`;
  return write(ctx, (tx) => {
    const record = insertRecord(tx, ctx.now(), actor, {
      kind: KIND,
      code: nextRecordCode(tx, KIND, 'MT', String(input.year)),
      title: input.statement,
      ownerId: actor.id,
      dueDate: nextPeriodEnd(input.year, input.frequency, start),
      data: data.data,
    });
    return {
      result: { id: record.id, code: record.code },
      audit: {
        operation: 'qms.objective.create',
        entity: 'qms_objective',
        entityId: record.id,
        summary: `Tạo mục tiêu chất lượng ${record.code} ${record.title}`,
      },
    };
  });
}

function checkWindow(from: string, to: string) {
  if (to < from) throw new AppError('INVALID_INPUT', 'Đến ngày không được trước từ ngày.');
}

function computeFor(ctx: Ctx, o: QmsRecord<ObjectiveData>, from: string, to: string): Measure {
  const indicator = o.data.indicator;
  if (indicator === 'manual')
    throw new AppError('INVALID_INPUT', 'Chỉ số này được nhập tay, không tính tự động.');
  checkWindow(from, to);
  const scope = { field: o.data.scope.field, procedureId: o.data.scope.procedureId };
  const tally = loadTally(ctx, { from, to }, partsFor([indicator]));
  return indicatorOf(indicator, tally, todayOf(ctx), scope);
}

/** Every computed objective of `year` over one window: each part of the facts read once. */
function computeAll(ctx: Ctx, input: OpParsed<'objectives.computeAll'>) {
  checkWindow(input.from, input.to);
  const w = { from: input.from, to: input.to };
  const computed = yearObjectives(ctx, input.year).flatMap((o) => {
    const indicator = o.data.indicator;
    return indicator === 'manual' ? [] : [{ o, indicator }];
  });
  const tally = loadTally(ctx, w, partsFor(computed.map((c) => c.indicator)));
  const today = todayOf(ctx);
  return {
    rows: computed.map(({ o, indicator }) => ({
      objectiveId: o.id,
      ...indicatorOf(indicator, tally, today, {
        field: o.data.scope.field,
        procedureId: o.data.scope.procedureId,
      }),
    })),
  };
}

const loadObjective = (ctx: Ctx, id: string) =>
  loadRecord(ctx.db, id, KIND) as QmsRecord<ObjectiveData>;

function measurementRow(m: QmsRecord<MeasurementData>, o: ObjectiveData) {
  return {
    id: m.id,
    label: m.data.label,
    from: m.data.from,
    to: m.data.to,
    value: m.data.value,
    numerator: m.data.numerator,
    denominator: m.data.denominator,
    measuredOn: m.data.measuredOn,
    met: meetsTarget(m.data.value, o.target, o.atMost),
  };
}

function recordMeasurement(ctx: Ctx, input: OpParsed<'objectives.measure'>) {
  const actor = actorOf(ctx);
  const today = todayOf(ctx);
  const o = loadObjective(ctx, input.objectiveId);
  if (o.state !== 'active')
    throw new AppError('CONFLICT', 'Mục tiêu đã kết luận hoặc đã hủy, không đo lường thêm.');
  if (input.from > today) throw new AppError('INVALID_INPUT', 'Kỳ đo lường chưa bắt đầu.');
  if (input.to > today)
    throw new AppError('INVALID_INPUT', 'Kỳ đo lường chưa kết thúc: chỉ đo đến hết ngày hôm nay.');
  let m: Measure;
  if (o.data.indicator === 'manual') {
    if (input.value === null) throw new AppError('INVALID_INPUT', 'Phải nhập kết quả đo lường.');
    if (o.data.unit === '%' && (input.value < 0 || input.value > 100))
      throw new AppError('INVALID_INPUT', 'Kết quả tính theo phần trăm phải từ 0 đến 100 %.');
    m = { value: input.value, numerator: 0, denominator: 0 };
  } else {
    if (input.value !== null)
      throw new AppError('INVALID_INPUT', 'Chỉ số này được tính tự động, không nhập tay.');
    m = computeFor(ctx, o, input.from, input.to);
  }
  const manual = o.data.indicator === 'manual';
  return write(ctx, (tx) => {
    const now = ctx.now();
    const record = insertRecord(tx, now, actor, {
      kind: 'measurement',
      title: `${o.code} ${input.label}`,
      parentId: o.id,
      data: {
        indicator: o.data.indicator,
        label: input.label,
        from: input.from,
        to: input.to,
        value: m.value,
        numerator: manual ? null : m.numerator,
        denominator: manual ? null : m.denominator,
        measuredOn: today,
        note: input.note,
      },
    }) as QmsRecord<MeasurementData>;
    const shown =
      m.value === null
        ? 'chưa có dữ liệu'
        : `${m.value}${o.data.unit === '%' ? ' %' : ` ${o.data.unit}`}`;
    updateRecord(
      tx,
      now,
      actor,
      o,
      {
        dueDate: nextPeriodEnd(o.data.year, o.data.frequency, addCivilDays(input.to, 1)),
        data: { lastValue: m.value, lastWindow: { from: input.from, to: input.to } },
      },
      `Kết quả đo lường ${input.label}: ${shown}`,
    );
    return {
      result: measurementRow(record, o.data),
      audit: {
        operation: 'qms.measurement.create',
        entity: 'qms_measurement',
        entityId: record.id,
        summary: `Đo lường mục tiêu ${o.code} ${input.label}: ${shown}`,
      },
    };
  });
}

/** The year's objectives, in code order, not the cancelled ones. */
const yearObjectives = (ctx: Ctx, year: number) =>
  ctx.db
    .select()
    .from(qmsRecords)
    .where(and(eq(qmsRecords.kind, KIND), like(qmsRecords.code, `MT-${year}-%`)))
    .orderBy(asc(qmsRecords.code))
    .all()
    .map((r) => toRecord(r) as QmsRecord<ObjectiveData>)
    .filter((o) => o.data.year === year && o.state !== 'cancelled');

function listObjectives(ctx: Ctx, year: number): OpOutput<'objectives.list'> {
  const actor = actorOf(ctx);
  const today = todayOf(ctx);
  const objectives = yearObjectives(ctx, year);
  const ids = objectives.map((o) => o.id);
  const measurements = ids.length
    ? ctx.db
        .select()
        .from(qmsRecords)
        .where(
          and(
            eq(qmsRecords.kind, 'measurement'),
            eq(qmsRecords.state, 'recorded'),
            inArray(qmsRecords.parentId, ids),
          ),
        )
        .orderBy(asc(qmsRecords.createdAt))
        .all()
        .map((r) => toRecord(r) as QmsRecord<MeasurementData>)
    : [];
  const views = recordViews(ctx.db, objectives, actor, today);
  const rows = objectives.map((o, i) => ({
    record: views[i],
    indicatorLabel: INDICATOR_LABELS[o.data.indicator],
    scopeLabel: o.data.scope.label,
    frequencyLabel: FREQUENCY_LABELS[o.data.frequency],
    met: meetsTarget(o.data.lastValue, o.data.target, o.data.atMost),
    measurements: measurements
      .filter((m) => m.parentId === o.id)
      .map((m) => measurementRow({ ...m, data: measurementData.parse(m.data) }, o.data))
      .sort((a, b) => a.to.localeCompare(b.to) || a.measuredOn.localeCompare(b.measuredOn)),
    periods: periodsOf(o.data.year, o.data.frequency),
  }));
  const verdict = (r: (typeof rows)[number]) =>
    r.record.state === 'met' ? true : r.record.state === 'missed' ? false : null;
  return {
    rows,
    met: rows.filter((r) => verdict(r) === true).length,
    missed: rows.filter((r) => verdict(r) === false).length,
    pending: rows.filter((r) => verdict(r) === null).length,
  };
}

/** A missed objective as the draft of the nonconformity it opens (source 'missed_objective'). */
export function draftFromObjective(ctx: Ctx, id: string): OpOutput<'nonconformities.draft'> {
  const o = loadObjective(ctx, id);
  if (o.state !== 'missed')
    throw new AppError('INVALID_INPUT', `Mục tiêu ${o.code} chưa được kết luận "không đạt".`);
  const today = todayOf(ctx);
  const unit = o.data.unit === '%' ? ' %' : ` ${o.data.unit}`;
  const window = o.data.lastWindow;
  return {
    source: 'missed_objective',
    sourceKind: 'objective',
    sourceId: o.id,
    sourceLabel: `Mục tiêu ${o.code}`,
    title: `Mục tiêu chất lượng ${o.code} năm ${o.data.year} không đạt`.slice(0, 300),
    description:
      `Mục tiêu "${o.data.statement}" (${INDICATOR_LABELS[o.data.indicator].toLowerCase()}` +
      `${o.data.scope.label ? `, ${o.data.scope.label.toLowerCase()}` : ''}): chỉ tiêu ` +
      `${o.data.atMost ? 'không quá' : 'đạt ít nhất'} ${formatDecimal(o.data.target)}${unit}, kết quả ` +
      `${o.data.lastValue === null ? '—' : formatDecimal(o.data.lastValue)}${unit}` +
      (window ? ` (từ ${formatIsoDate(window.from)} đến ${formatIsoDate(window.to)}).` : '.'),
    detectedOn: today,
    deadline: addCivilDays(today, 30),
  };
}

export const objectiveHandlers: PartialHandlers = {
  'objectives.create': (ctx, input) => createObjective(ctx, input),
  'objectives.list': (ctx, input) => listObjectives(ctx, input.year),
  'objectives.compute': (ctx, input) =>
    computeFor(ctx, loadObjective(ctx, input.objectiveId), input.from, input.to),
  'objectives.computeAll': (ctx, input) => computeAll(ctx, input),
  'objectives.measure': (ctx, input) => recordMeasurement(ctx, input),
};
