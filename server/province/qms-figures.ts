// The quality-system figures of each office, read from the qms_record and qms_acknowledgement
// snapshots it pushed: revisions in force, drafts, documents overdue for their periodic review,
// and revisions in force for concerned roles that nobody has acknowledged yet (the server does
// not hold the office's user list, so the exact outstanding count per person stays in the app).
import { sql } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import type { OfficeSummary } from '../../core/sync/admin';
import type { Db } from '../database/connect';

export type QmsFigures = OfficeSummary['qms'];
export const NO_QMS: QmsFigures = { inForce: 0, drafts: 0, reviewsOverdue: 0, unacknowledged: 0 };

/** Every office's figures (or one office's), keyed by office id. */
export const qmsFigures = async (
  db: Db,
  now: number,
  officeId?: string,
): Promise<Map<string, QmsFigures>> => {
  const today = civilDateOf(now);
  const only = officeId === undefined ? sql`true` : sql`r.office_id = ${officeId}::uuid`;
  const result = await db.execute(sql`
    select r.office_id::text as office_id,
      count(*) filter (where r.row ->> 'kind' = 'revision' and r.row ->> 'state' = 'effective')::int as in_force,
      count(*) filter (where r.row ->> 'kind' = 'revision' and r.row ->> 'state' in ('draft', 'in_review'))::int as drafts,
      count(*) filter (where r.row ->> 'kind' = 'document' and r.row ->> 'state' = 'active'
        and r.row -> 'data' ->> 'docType' <> 'external' and r.row ->> 'dueDate' < ${today})::int as reviews_overdue,
      count(*) filter (where r.row ->> 'kind' = 'revision' and r.row ->> 'state' = 'effective'
        and exists (select 1 from entities d where d.office_id = r.office_id and d.entity = 'qms_record'
          and d.entity_id = r.row ->> 'parentId'
          and jsonb_array_length(coalesce(d.row -> 'data' -> 'concernedRoles', '[]'::jsonb)) > 0)
        and not exists (select 1 from entities a where a.office_id = r.office_id
          and a.entity = 'qms_acknowledgement' and a.row ->> 'revisionId' = r.entity_id))::int as unacknowledged
    from entities r
    where r.entity = 'qms_record' and not r.deleted and ${only}
    group by r.office_id`);
  const rows = (result as { rows: Record<string, unknown>[] }).rows;
  return new Map(
    rows.map((r) => [
      String(r.office_id),
      {
        inForce: Number(r.in_force),
        drafts: Number(r.drafts),
        reviewsOverdue: Number(r.reviews_overdue),
        unacknowledged: Number(r.unacknowledged),
      },
    ]),
  );
};
