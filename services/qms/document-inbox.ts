// Document control's lines in the inbox beyond what the kinds declare: revisions in force the
// user must acknowledge ("đã đọc và hiểu"), and, for the ISO secretary and the document's
// owner role, procedures citing a law that expired or was replaced ("cần rà soát").
import { and, eq, sql } from 'drizzle-orm';
import { addCivilDays } from '../../core/calendar/civil-time';
import type { Role } from '../../core/auth/roles';
import { externalLapsed } from '../../core/qms/document';
import { qmsAcknowledgements, qmsRecords } from '../../db/schema';
import { prepared } from '../prepared';
import { documentsWhere, externalsOf, flagsOf } from './documents-read';
import { endOfDate, type InboxSource } from './inbox-types';

/** Days after a revision takes effect within which its readers should acknowledge it. */
export const ACKNOWLEDGE_DAYS = 7;

const queries = (db: Parameters<typeof prepared>[0]) =>
  prepared(db, 'inbox.acknowledgements', (d) => ({
    effective: d
      .select({
        id: qmsRecords.id,
        documentId: qmsRecords.parentId,
        code: qmsRecords.code,
        title: qmsRecords.title,
        issueNo: sql<number>`json_extract(${qmsRecords.data}, '$.issueNo')`,
        effectiveDate: sql<string | null>`json_extract(${qmsRecords.data}, '$.effectiveDate')`,
      })
      .from(qmsRecords)
      .where(
        and(
          eq(qmsRecords.kind, 'revision'),
          eq(qmsRecords.state, 'effective'),
          // Seeded revisions were never distributed: nothing to acknowledge.
          sql`coalesce(json_extract(${qmsRecords.data}, '$.seed'), 0) = 0`,
        ),
      )
      .prepare(),
    concerned: d
      .select({
        id: qmsRecords.id,
        roles: sql<string>`json_extract(${qmsRecords.data}, '$.concernedRoles')`,
      })
      .from(qmsRecords)
      .where(and(eq(qmsRecords.kind, 'document'), eq(qmsRecords.state, 'active')))
      .prepare(),
    acked: d
      .select({ revisionId: qmsAcknowledgements.revisionId })
      .from(qmsAcknowledgements)
      .where(eq(qmsAcknowledgements.userId, sql.placeholder('me')))
      .prepare(),
  }));

export const acknowledgementSource: InboxSource = {
  name: 'acknowledgement',
  collect: (ctx, me, _today, now) => {
    const q = queries(ctx.db);
    const mine = new Set<Role>(me.roles);
    const concerned = new Set(
      q.concerned
        .all()
        .filter((d) => (JSON.parse(d.roles || '[]') as Role[]).some((r) => mine.has(r)))
        .map((d) => d.id),
    );
    if (concerned.size === 0) return [];
    const acked = new Set(q.acked.all({ me: me.id }).map((a) => a.revisionId));
    return q.effective
      .all()
      .filter((r) => r.documentId !== null && concerned.has(r.documentId) && !acked.has(r.id))
      .map((r) => {
        const dueAt = r.effectiveDate
          ? endOfDate(addCivilDays(r.effectiveDate, ACKNOWLEDGE_DAYS))
          : null;
        return {
          source: 'acknowledgement',
          task: `Đọc và xác nhận tài liệu (lần ban hành ${r.issueNo})`,
          id: r.id,
          code: r.code,
          title: r.title,
          dueAt,
          overdue: dueAt !== null && dueAt < now,
          link: `/qms/documents/${r.documentId ?? ''}`,
        };
      });
  },
};

export const needsReviewSource: InboxSource = {
  name: 'needs_review',
  collect: (ctx, me, today) => {
    const secretary = me.roles.includes('iso_coordinator');
    const externals = externalsOf(ctx.db);
    // Usually no cited law has lapsed: nothing to flag, and no procedure needs reading.
    if (![...externals.values()].some((e) => externalLapsed(e.data.external, today))) return [];
    return documentsWhere(
      ctx.db,
      sql`${qmsRecords.state} = 'active' and json_array_length(${qmsRecords.data}, '$.cites') > 0`,
    )
      .filter((d) => secretary || me.roles.includes(d.data.ownerRole))
      .flatMap((d) => {
        const flags = flagsOf(d, externals, today);
        return flags.length === 0
          ? []
          : [
              {
                source: 'needs_review',
                task: `Cần rà soát: ${flags.join('; ')}`,
                id: d.id,
                code: d.code,
                title: d.title,
                dueAt: null,
                overdue: false,
                link: `/qms/documents/${d.id}`,
              },
            ];
      });
  },
};
