// The internal audit's lines in the inbox beyond what the kind declares: an approved or
// running audit waits on every member of its team ("Thực hiện đánh giá nội bộ"), due on the
// audit day, with how much of the checklist is left.
import { and, eq, inArray } from 'drizzle-orm';
import { checklistProgress } from '../../core/qms/audit-checklist';
import { teamOf, type AuditData } from '../../core/qms/audit';
import { qmsRecords } from '../../db/schema';
import { endOfDate, type InboxSource } from './inbox-types';

export const auditChecklistSource: InboxSource = {
  name: 'audit_checklist',
  collect: (ctx, me, _today, now) =>
    ctx.db
      .select()
      .from(qmsRecords)
      .where(
        and(eq(qmsRecords.kind, 'audit'), inArray(qmsRecords.state, ['approved', 'in_progress'])),
      )
      .all()
      .filter((r) => me.id !== null && teamOf(r.data as AuditData).includes(me.id))
      .map((r) => {
        const data = r.data as AuditData;
        const p = checklistProgress(data.checklist);
        const dueAt = data.date ? endOfDate(data.date) : null;
        return {
          source: 'audit_checklist',
          task: `Thực hiện đánh giá nội bộ (${p.answered}/${p.total} câu hỏi)`,
          id: r.id,
          code: r.code,
          title: data.area,
          dueAt,
          overdue: dueAt !== null && dueAt < now,
          link: `/qms/audits/${r.id}/checklist`,
        };
      }),
};
