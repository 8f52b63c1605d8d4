// One office's quality-system records as it synced them (the province's read-only
// drill-down): the list of every kind the province sees, without the bulky fields, and one
// record whole with its history. Both read the office's own rows through the entities
// primary key's (office_id, entity) prefix; a record of another office, or of a kind the
// province does not see, is not found.
import { max, eq, sql } from 'drizzle-orm';
import { civilDateOf } from '../../core/calendar/civil-time';
import {
  PROVINCE_RECORD_KINDS,
  type OfficeRecord,
  type OfficeRecords,
  type OfficeRecordView,
  type RecordHistoryLine,
} from '../../core/sync/admin-qms-records';
import type { Db } from '../database/connect';
import { devices, offices } from '../database/schema/index';
import { HttpError } from '../http/errors';
import { rowsOf } from './qms-status';

const KINDS = sql.raw(PROVINCE_RECORD_KINDS.map((k) => `'${k}'`).join(', '));

/** Fields only a record's own page needs: checklists, samples, frozen inputs, full texts. */
const LIST_DATA = sql.raw(`case r.row ->> 'kind'
  when 'audit' then (r.row -> 'data') - array['checklist', 'sample', 'documentIds']
  when 'review' then (r.row -> 'data') - array['inputs', 'decidedActions', 'notes']
  when 'yearly_report' then (r.row -> 'data') - array['template', 'figures', 'texts']
  when 'revision' then (r.row -> 'data') - array['sections', 'steps']
  when 'announcement' then (r.row -> 'data') - array['scope']
    || jsonb_build_object('procedures', jsonb_array_length(coalesce(r.row -> 'data' -> 'scope' -> 'procedures', '[]'::jsonb)))
  else r.row -> 'data' end`);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

const view = (id: string, row: Record<string, unknown>, data: unknown): OfficeRecordView => ({
  id,
  kind: str(row.kind),
  state: str(row.state),
  code: str(row.code),
  title: str(row.title),
  parentId: strOrNull(row.parentId),
  dueDate: strOrNull(row.dueDate),
  sourceKind: strOrNull(row.sourceKind),
  sourceId: strOrNull(row.sourceId),
  updatedAt: typeof row.updatedAt === 'number' ? row.updatedAt : 0,
  data: obj(data),
});

const officeOr404 = async (db: Db, officeId: string) => {
  const [office] = await db
    .select({ id: offices.id, agencyCode: offices.agencyCode, name: offices.name })
    .from(offices)
    .where(eq(offices.id, officeId));
  if (!office) throw new HttpError(404, 'NOT_FOUND', 'Không có đơn vị này trên máy chủ tỉnh.');
  return office;
};

export async function officeRecords(db: Db, officeId: string, now: number): Promise<OfficeRecords> {
  const office = await officeOr404(db, officeId);
  const [seen] = await db
    .select({ at: max(devices.lastSeenAt) })
    .from(devices)
    .where(eq(devices.officeId, officeId));
  const rows = rowsOf(
    await db.execute(sql`
      select r.entity_id as id, r.row - 'data' as row, ${LIST_DATA} as data
      from entities r
      where r.office_id = ${officeId}::uuid and r.entity = 'qms_record' and not r.deleted
        and r.row ->> 'kind' in (${KINDS})`),
  );
  return {
    office,
    asOf: civilDateOf(now),
    lastSyncAt: seen?.at?.getTime() ?? null,
    records: rows.map((r) => view(String(r.id), obj(r.row), r.data)),
  };
}

export async function officeRecord(
  db: Db,
  officeId: string,
  recordId: string,
): Promise<OfficeRecord> {
  await officeOr404(db, officeId);
  const [found] = rowsOf(
    await db.execute(sql`
      select r.row from entities r
      where r.office_id = ${officeId}::uuid and r.entity = 'qms_record'
        and r.entity_id = ${recordId} and not r.deleted and r.row ->> 'kind' in (${KINDS})`),
  );
  if (!found) throw new HttpError(404, 'NOT_FOUND', 'Không có hồ sơ này của đơn vị.');
  const row = obj(found.row);
  const history = rowsOf(
    await db.execute(sql`
      select h.row from entities h
      where h.office_id = ${officeId}::uuid and h.entity = 'qms_history' and not h.deleted
        and h.row ->> 'recordId' = ${recordId}`),
  )
    .map((h): RecordHistoryLine => {
      const line = obj(h.row);
      return {
        at: typeof line.at === 'number' ? line.at : 0,
        userName: str(line.userName),
        transition: str(line.transition),
        fromState: strOrNull(line.fromState),
        toState: str(line.toState),
        comment: str(line.comment),
      };
    })
    .sort((a, b) => a.at - b.at);
  return { record: view(recordId, row, row.data), history };
}
