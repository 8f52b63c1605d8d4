// Feedback and petitions (core/qms/feedback.ts) in services: received with a handling deadline
// in working days from the office calendar, optionally about a dossier (by its code), numbered
// PAKN-<year>-NNN; the register with search, filters and Excel; and the pre-filled
// nonconformity a feedback entry opens in one click.
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { addCivilDays, civilDateOf, instantOf } from '../../core/calendar/civil-time';
import { addWorkingDays } from '../../core/calendar/working-time';
import type { OpOutput, OpParsed } from '../../core/contract';
import { AppError } from '../../core/errors';
import { formatIsoDate } from '../../core/forms/format';
import type { QmsRecord } from '../../core/qms';
import {
  FEEDBACK_CHANNEL_LABELS,
  FEEDBACK_TYPE_LABELS,
  feedbackKind,
  type FeedbackData,
} from '../../core/qms/feedback';
import { fold } from '../../core/text/fold';
import { dossiers, qmsRecords, users } from '../../db/schema';
import { write, type Ctx } from '../context';
import { workCalendar } from '../desk/calendar';
import type { PartialHandlers } from '../handlers';
import { actorOf, insertRecord, loadRecord, todayOf, toRecord } from './records';
import { registerExcel } from './register-excel';
import { nextRecordCode } from './codes';
import { userNames } from './views';

const KIND = 'feedback';
type ListInput = OpParsed<'feedback.list'>;

/** The deadline: `days` working days after the day it came in (a day off counts from the next). */
export function feedbackDeadline(ctx: Ctx, receivedOn: string, days: number): string {
  return civilDateOf(addWorkingDays(instantOf(receivedOn, '08:00'), days, workCalendar(ctx)));
}

function createFeedback(ctx: Ctx, input: OpParsed<'feedback.create'>) {
  const actor = actorOf(ctx);
  if (input.receivedOn > todayOf(ctx))
    throw new AppError('INVALID_INPUT', 'Ngày tiếp nhận không được sau ngày hôm nay.');
  const owner = ctx.db.select().from(users).where(eq(users.id, input.ownerId)).get();
  if (!owner || owner.disabled)
    throw new AppError('INVALID_INPUT', 'Người được giao xử lý không tồn tại hoặc đã bị khóa.');
  let dossier: { id: string; code: string } | undefined;
  if (input.dossierCode !== '') {
    dossier = ctx.db
      .select({ id: dossiers.id, code: dossiers.code })
      .from(dossiers)
      .where(eq(dossiers.code, input.dossierCode))
      .get();
    if (!dossier)
      throw new AppError('INVALID_INPUT', `Không tìm thấy hồ sơ có mã ${input.dossierCode}.`);
  }
  const deadline = feedbackDeadline(ctx, input.receivedOn, input.handlingDays);
  const title = input.content.length > 120 ? `${input.content.slice(0, 117)}...` : input.content;
  return write(ctx, (tx) => {
    const record = insertRecord(tx, ctx.now(), actor, {
      kind: KIND,
      code: nextRecordCode(tx, KIND, 'PAKN', input.receivedOn.slice(0, 4)),
      title,
      ownerId: owner.id,
      dueDate: deadline,
      sourceKind: dossier ? 'dossier' : null,
      sourceId: dossier?.id ?? null,
      data: {
        type: input.type,
        channel: input.channel,
        receivedOn: input.receivedOn,
        senderName: input.senderName,
        senderContact: input.senderContact,
        content: input.content,
        deadline,
      },
    });
    return {
      result: { id: record.id, code: record.code, deadline },
      audit: {
        operation: 'qms.feedback.create',
        entity: 'qms_feedback',
        entityId: record.id,
        summary: `Tiếp nhận phản ánh, kiến nghị ${record.code}`,
      },
    };
  });
}

export function feedbackRows(ctx: Ctx, input: ListInput) {
  const today = todayOf(ctx);
  const conditions = [eq(qmsRecords.kind, KIND)];
  if (input.query) conditions.push(like(qmsRecords.searchText, `%${fold(input.query)}%`));
  if (input.state === 'open' || input.state === 'overdue')
    conditions.push(eq(qmsRecords.state, 'received'));
  if (input.state === 'overdue') conditions.push(sql`${qmsRecords.dueDate} < ${today}`);
  if (input.state === 'answered' || input.state === 'cancelled')
    conditions.push(eq(qmsRecords.state, input.state === 'answered' ? 'answered' : 'cancelled'));
  if (input.year !== null) conditions.push(like(qmsRecords.code, `PAKN-${input.year}-%`));
  const records = ctx.db
    .select()
    .from(qmsRecords)
    .where(and(...conditions))
    .orderBy(sql`${qmsRecords.createdAt} DESC`)
    .limit(2000)
    .all()
    .map((r) => toRecord(r) as QmsRecord<FeedbackData>);
  const dossierIds = records.flatMap((r) =>
    r.sourceKind === 'dossier' && r.sourceId ? [r.sourceId] : [],
  );
  const codes = new Map(
    dossierIds.length
      ? ctx.db
          .select({ id: dossiers.id, code: dossiers.code })
          .from(dossiers)
          .where(inArray(dossiers.id, dossierIds))
          .all()
          .map((d) => [d.id, d.code] as const)
      : [],
  );
  const names = userNames(
    ctx.db,
    records.map((r) => r.ownerId),
  );
  return records.map((r) => ({
    id: r.id,
    code: r.code,
    state: r.state,
    stateLabel: feedbackKind.stateLabels[r.state as 'received'] ?? r.state,
    type: r.data.type,
    typeLabel: FEEDBACK_TYPE_LABELS[r.data.type],
    channelLabel: FEEDBACK_CHANNEL_LABELS[r.data.channel],
    receivedOn: r.data.receivedOn,
    senderName: r.data.senderName,
    content: r.data.content,
    dossierId: r.sourceKind === 'dossier' ? r.sourceId : null,
    dossierCode: r.sourceId ? (codes.get(r.sourceId) ?? null) : null,
    deadline: r.data.deadline,
    answeredOn: r.data.answeredOn,
    onTime: r.data.onTime,
    ownerName: r.ownerId ? (names.get(r.ownerId) ?? null) : null,
    overdue: r.state === 'received' && r.data.deadline < today,
  }));
}

const COLUMNS = [
  { header: 'STT', width: 5 },
  { header: 'Số', width: 15 },
  { header: 'Ngày tiếp nhận', width: 12 },
  { header: 'Loại', width: 10 },
  { header: 'Hình thức', width: 16 },
  { header: 'Người phản ánh', width: 20 },
  { header: 'Nội dung', width: 45 },
  { header: 'Hồ sơ liên quan', width: 22 },
  { header: 'Người xử lý', width: 20 },
  { header: 'Hạn xử lý', width: 12 },
  { header: 'Ngày trả lời', width: 12 },
  { header: 'Kết quả', width: 14 },
];

/** A feedback entry as the draft of the nonconformity it reveals (source 'complaint'). */
export function draftFromFeedback(ctx: Ctx, id: string): OpOutput<'nonconformities.draft'> {
  const f = loadRecord(ctx.db, id, KIND) as QmsRecord<FeedbackData>;
  const today = todayOf(ctx);
  return {
    source: 'complaint',
    sourceKind: 'feedback',
    sourceId: f.id,
    sourceLabel: `${FEEDBACK_TYPE_LABELS[f.data.type]} ${f.code}`,
    title: `${FEEDBACK_TYPE_LABELS[f.data.type]} ${f.code}: ${f.title}`.slice(0, 300),
    description:
      `${FEEDBACK_TYPE_LABELS[f.data.type]} ${f.code} tiếp nhận ngày ${formatIsoDate(f.data.receivedOn)} ` +
      `(${FEEDBACK_CHANNEL_LABELS[f.data.channel].toLowerCase()}): ${f.data.content}`.slice(
        0,
        4000,
      ),
    detectedOn: today,
    deadline: addCivilDays(today, 30),
  };
}

export const feedbackHandlers: PartialHandlers = {
  'feedback.create': (ctx, input) => createFeedback(ctx, input),
  'feedback.list': (ctx, input) => {
    const rows = feedbackRows(ctx, input);
    return { rows, total: rows.length };
  },
  'feedback.exportExcel': (ctx, input) => {
    const rows = feedbackRows(ctx, input);
    return registerExcel(ctx, {
      file: 'so-theo-doi-phan-anh-kien-nghi',
      sheet: 'Phản ánh, kiến nghị',
      title: 'SỔ THEO DÕI TIẾP NHẬN, XỬ LÝ PHẢN ÁNH, KIẾN NGHỊ',
      columns: COLUMNS,
      rows: rows.map((r, i) => [
        i + 1,
        r.code,
        formatIsoDate(r.receivedOn),
        r.typeLabel,
        r.channelLabel,
        r.senderName,
        r.content,
        r.dossierCode ?? '',
        r.ownerName ?? '',
        formatIsoDate(r.deadline),
        r.answeredOn ? formatIsoDate(r.answeredOn) : '',
        r.state === 'cancelled'
          ? 'Đã hủy'
          : r.onTime === null
            ? r.overdue
              ? 'Quá hạn, chưa trả lời'
              : 'Đang xử lý'
            : r.onTime
              ? 'Đúng hạn'
              : 'Trễ hạn',
      ]),
      red: (i) => (rows[i]?.overdue || rows[i]?.onTime === false ? [10] : []),
    });
  },
};
