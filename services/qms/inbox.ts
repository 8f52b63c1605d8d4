// "Việc cần làm": what waits on the user across the app, as a list of sources. Each source
// returns its lines for one user; the inbox merges them, overdue first, then by due time.
// Record kinds need no source of their own: the kindSource reads every kind's declared inbox
// rules (core/qms). A new source (audit checklists...) is one more entry in INBOX_SOURCES.
import { announcementDueSource } from './announcements';
import { yearlyReportDueSource } from './yearly-reports';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { addCivilDays } from '../../core/calendar/civil-time';
import type { InboxItem } from '../../core/contract/qms';
import { OPEN_STATUSES } from '../../core/desk/types';
import { QMS_KIND_NAMES, kindOf, type Actor } from '../../core/qms';
import { dossierSteps, dossiers, procedures, qmsRecords } from '../../db/schema';
import type { Ctx } from '../context';
import { prepared } from '../prepared';
import { auditChecklistSource } from './audit-inbox';
import { acknowledgementSource, needsReviewSource } from './document-inbox';
import { endOfDate, type InboxSource } from './inbox-types';
import { toRecord } from './records';

const dossierStepQuery = (ctx: Ctx) =>
  prepared(ctx.db, 'inbox.dossierSteps', (db) =>
    db
      .select({
        dossierId: dossiers.id,
        code: dossiers.code,
        applicant: dossiers.applicantName,
        procedure: procedures.name,
        stepName: dossierSteps.stepName,
        dueAt: dossierSteps.dueAt,
        status: dossiers.status,
      })
      .from(dossierSteps)
      .innerJoin(dossiers, eq(dossiers.id, dossierSteps.dossierId))
      .innerJoin(procedures, eq(procedures.id, dossiers.procedureId))
      .where(
        and(eq(dossierSteps.assigneeId, sql.placeholder('me')), isNull(dossierSteps.finishedAt)),
      )
      .prepare(),
  );

/** Dossier steps this user holds (the desk's hand-offs). */
const dossierSource: InboxSource = {
  name: 'dossier_step',
  collect: (ctx, me, _today, now) =>
    dossierStepQuery(ctx)
      .all({ me: me.id })
      .filter((r) => OPEN_STATUSES.includes(r.status))
      .map((r) => ({
        source: 'dossier_step',
        task: `Xử lý hồ sơ: ${r.stepName}`,
        id: r.dossierId,
        code: r.code,
        title: `${r.procedure} — ${r.applicant}`,
        dueAt: r.dueAt,
        overdue: r.dueAt < now,
        link: `/dossiers/${r.dossierId}`,
      })),
};

/** Every record kind's declared inbox rules (core/qms kind.inbox). */
const kindSource: InboxSource = {
  name: 'records',
  collect: (ctx, me, today, now) => {
    const items: InboxItem[] = [];
    for (const name of QMS_KIND_NAMES) {
      const kind = kindOf(name);
      for (const rule of kind?.inbox ?? []) {
        if (!kind) continue;
        if (rule.who !== 'owner' && !me.roles.some((r) => rule.who.includes(r))) continue;
        const conditions = [eq(qmsRecords.kind, kind.kind), eq(qmsRecords.state, rule.state)];
        if (rule.who === 'owner') conditions.push(eq(qmsRecords.ownerId, me.id ?? ''));
        if (rule.horizonDays !== undefined)
          conditions.push(lte(qmsRecords.dueDate, addCivilDays(today, rule.horizonDays)));
        const rows = ctx.db
          .select()
          .from(qmsRecords)
          .where(and(...conditions))
          .all();
        for (const row of rows) {
          const record = toRecord(row);
          if (rule.when && !rule.when(record, me, today)) continue;
          const dueAt = record.dueDate ? endOfDate(record.dueDate) : null;
          items.push({
            source: kind.kind,
            task: rule.task,
            id: record.id,
            code: record.code,
            title: record.title,
            dueAt,
            overdue: dueAt !== null && dueAt < now,
            link: kind.link(record),
          });
        }
      }
    }
    return items;
  },
};

/** Every source of waiting work; a module with a new kind of it adds its source here. */
export const INBOX_SOURCES: readonly InboxSource[] = [
  dossierSource,
  kindSource,
  acknowledgementSource,
  needsReviewSource,
  auditChecklistSource,
  announcementDueSource,
  yearlyReportDueSource,
];

export function sortInbox(items: InboxItem[]): InboxItem[] {
  return items.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueAt ?? Number.MAX_SAFE_INTEGER) - (b.dueAt ?? Number.MAX_SAFE_INTEGER) ||
      a.title.localeCompare(b.title, 'vi'),
  );
}

export function inboxOf(ctx: Ctx, me: Actor, today: string, now: number) {
  const items = sortInbox(INBOX_SOURCES.flatMap((s) => s.collect(ctx, me, today, now)));
  return { items, overdue: items.filter((i) => i.overdue).length, total: items.length };
}
