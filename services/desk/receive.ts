// Receiving a dossier: appointment in working time, code and tracking-book line from
// never-reused counters, the first hand-off, all in one transaction. A repeated request key
// returns the dossier already received (a double submit makes exactly one dossier).
import type { WorkCalendar } from '../../core/calendar/calendar-data';
import { civilDateOf } from '../../core/calendar/civil-time';
import { addWorkingDays, addWorkingHours, classifyStep } from '../../core/calendar/working-time';
import type { ProcedureVersion } from '../../core/catalog/schema';
import { formatCode, sequenceScope } from '../../core/desk/code-format';
import { checkIdNumber } from '../../core/desk/identity';
import { AppError } from '../../core/errors';
import { formSetForReceivedAt } from '../../core/forms/registry';
import { fold } from '../../core/text/fold';
import type { Tx } from '../../db/open';
import { newId, requireUser, write, type Ctx } from '../context';
import { nextCounter } from '../counters';
import { enqueueDossierChange } from '../sync/outbox';
import type { PartialHandlers } from '../handlers';
import { versionInForce } from './catalog';
import { getDeskSettings, workCalendar } from './calendar';
import { detailView, loadDossier } from './dossier-view';
import { receiveQueries } from './receive-queries';

/** The appointment for a procedure version received at `at`. */
export function appointment(v: Readonly<ProcedureVersion>, at: number, cal: WorkCalendar): number {
  if (v.timeLimit.unit === 'working_hours') return addWorkingHours(at, v.timeLimit.value, cal);
  return addWorkingDays(at, v.timeLimit.value, cal, v.cutoff ? { cutoff: v.cutoff } : {});
}

function planFor(ctx: Ctx, procedureId: string, at: number) {
  const procedure = receiveQueries(ctx.db).procedure.get({ id: procedureId });
  if (!procedure || !procedure.active)
    throw new AppError('NOT_FOUND', 'Thủ tục không tồn tại hoặc đã ngừng áp dụng.');
  const version = versionInForce(ctx.db, procedureId, civilDateOf(at));
  if (!version)
    throw new AppError(
      'NOT_FOUND',
      `Thủ tục ${procedure.name} chưa có hiệu lực vào ngày tiếp nhận.`,
    );
  const formSet = formSetForReceivedAt(at);
  if (!formSet)
    throw new AppError('INVALID_INPUT', 'Không có bộ biểu mẫu áp dụng cho ngày tiếp nhận.');
  const cal = workCalendar(ctx);
  return { procedure, version, formSet, cal, dueAt: appointment(version.body, at, cal) };
}

function newCode(tx: Tx, template: string, agency: string, date: string): string {
  const taken = receiveQueries(tx).codeTaken;
  for (;;) {
    const code = formatCode(template, {
      agency,
      date,
      seq: nextCounter(tx, sequenceScope(template, date)),
    });
    if (!taken.get({ code })) return code;
  }
}

export const receiveHandlers: PartialHandlers = {
  'dossiers.preview': (ctx, input) => {
    const at = input.at ?? ctx.now();
    const p = planFor(ctx, input.procedureId, at);
    return {
      receivedAt: at,
      dueAt: p.dueAt,
      formSet: p.formSet.id,
      nextRole: p.version.body.steps[1]?.role ?? null,
    };
  },
  'dossiers.receive': (ctx, input) => {
    const user = requireUser(ctx);
    const q = receiveQueries(ctx.db);
    const existing = q.byRequestKey.get({ requestKey: input.requestKey });
    if (existing) {
      if (existing.by !== user.id) throw new AppError('CONFLICT');
      return detailView(ctx, loadDossier(ctx.db, existing.id), user);
    }
    const idProblem = checkIdNumber(input.applicant.idKind, input.applicant.idNumber);
    if (idProblem) throw new AppError('INVALID_INPUT', idProblem);
    const now = ctx.now();
    const p = planFor(ctx, input.procedureId, now);
    const plan = p.version.body.steps;
    const [first, second] = plan;
    if (!first || !second)
      throw new AppError('INVALID_INPUT', 'Quy trình của thủ tục phải có ít nhất hai bước.');
    const assignee = q.activeUser.get({ id: input.assigneeId });
    if (!assignee || !assignee.roles.includes(second.role)) {
      throw new AppError(
        'INVALID_INPUT',
        `Người nhận bước "${second.name}" phải có vai trò phụ trách bước này.`,
      );
    }
    const settings = getDeskSettings(ctx);
    const agency = q.agencyCode.get()?.code ?? '';
    const date = civilDateOf(now);
    // The reception step is done at the counter, now: its result is judged like any other step.
    const firstDueAt = addWorkingHours(now, first.hours, p.cal);
    const id = write(ctx, (tx) => {
      const id = newId();
      const code = newCode(tx, settings.codeFormat, agency, date);
      const year = Number(date.slice(0, 4));
      q.insertDossier.run({
        id,
        code,
        requestKey: input.requestKey,
        procedureId: p.procedure.id,
        procedureVersionId: p.version.id,
        formSet: p.formSet.id,
        applicantName: input.applicant.fullName,
        applicantNameFolded: fold(input.applicant.fullName),
        applicantIdKind: input.applicant.idKind,
        applicantIdNumber: input.applicant.idNumber,
        applicantAddress: input.applicant.address,
        applicantPhone: input.applicant.phone,
        applicantEmail: input.applicant.email,
        documents: input.documents,
        sets: input.sets,
        feeVnd: input.feeVnd,
        channel: input.channel,
        status: 'processing',
        currentStep: 2,
        receivedAt: now,
        receivedBy: user.id,
        dueAt: p.dueAt,
        originalDueAt: p.dueAt,
        bookYear: year,
        bookLine: nextCounter(tx, `book:${year}`),
        note: input.note,
        updatedAt: now,
      });
      q.insertStep.run({
        id: newId(),
        dossierId: id,
        stepNo: first.no,
        stepName: first.name,
        role: first.role,
        assigneeId: user.id,
        fromUserId: null,
        startedAt: now,
        dueAt: firstDueAt,
        finishedAt: now,
        outcome: classifyStep(now, firstDueAt, p.cal),
      });
      q.insertStep.run({
        id: newId(),
        dossierId: id,
        stepNo: second.no,
        stepName: second.name,
        role: second.role,
        assigneeId: assignee.id,
        fromUserId: user.id,
        startedAt: now,
        dueAt: addWorkingHours(now, second.hours, p.cal),
        finishedAt: null,
        outcome: null,
      });
      q.insertEvent.run({
        id: newId(),
        dossierId: id,
        at: now,
        userId: user.id,
        kind: 'received',
        data: { dueAt: p.dueAt, to: assignee.fullName },
      });
      enqueueDossierChange(tx, ctx.db, id, now);
      return {
        result: id,
        audit: {
          operation: 'dossiers.receive',
          entity: 'dossier',
          entityId: id,
          summary: `Tiếp nhận hồ sơ ${code}: ${p.procedure.name}`,
        },
      };
    });
    return detailView(ctx, loadDossier(ctx.db, id), user);
  },
};
