// The yearly reports offices sent (qms_record rows of kind 'yearly_report' they pushed, by sync
// or by the USB file): per office, whether the report of year Y was received (state 'sent'),
// and one office's report as it sent it. A report still in draft, in review or approved at
// the office reached the province too (every qms_record syncs) but is not "received".
import { sql } from 'drizzle-orm';
import { REPORT_TEMPLATE_KEY, type ReportTemplate } from '../../core/qms/yearly-template';
import type { Db } from '../database/connect';
import { publishFeed } from '../sync/feed';
import { nextVersions } from './publish';

export interface YearlyReportStatus {
  readonly officeId: string;
  readonly agencyCode: string;
  readonly name: string;
  /** The office's report of the year as last synced: its state there, or null (none yet). */
  readonly state: string | null;
  /** True once the office sent it (state 'sent'). */
  readonly received: boolean;
  /** The day the office sent it ('YYYY-MM-DD'), or null. */
  readonly sentOn: string | null;
  readonly reportId: string | null;
}

/** Every office with its report of `year`: received or not. Offices by agency code. */
export const yearlyReportStatus = async (db: Db, year: number): Promise<YearlyReportStatus[]> => {
  const result = await db.execute(sql`
    select o.id::text as office_id, o.agency_code, o.name,
      r.entity_id as report_id, r.row ->> 'state' as state,
      r.row -> 'data' -> 'sent' ->> 'on' as sent_on
    from offices o
    left join entities r on r.office_id = o.id and r.entity = 'qms_record' and not r.deleted
      and r.row ->> 'kind' = 'yearly_report' and (r.row -> 'data' ->> 'year')::int = ${year}
    order by o.agency_code`);
  const rows = (result as { rows: Record<string, unknown>[] }).rows;
  return rows.map((r) => ({
    officeId: String(r.office_id),
    agencyCode: String(r.agency_code),
    name: String(r.name),
    state: typeof r.state === 'string' ? r.state : null,
    received: r.state === 'sent',
    sentOn: typeof r.sent_on === 'string' ? r.sent_on : null,
    reportId: typeof r.report_id === 'string' ? r.report_id : null,
  }));
};

/** One office's report of `year` as it synced (the record's row: figures, texts, template),
 * or null when it has none. */
export const officeYearlyReport = async (
  db: Db,
  officeId: string,
  year: number,
): Promise<Record<string, unknown> | null> => {
  const result = await db.execute(sql`
    select r.row from entities r
    where r.office_id = ${officeId}::uuid and r.entity = 'qms_record' and not r.deleted
      and r.row ->> 'kind' = 'yearly_report' and (r.row -> 'data' ->> 'year')::int = ${year}
    limit 1`);
  const row = (result as { rows: { row: Record<string, unknown> }[] }).rows[0];
  return row ? row.row : null;
};

/** The province publishes the yearly report's template: the next version of its one key. */
export const publishReportTemplate = async (
  db: Db,
  template: Readonly<ReportTemplate>,
  userId: string,
  now: number,
) => {
  const next = await nextVersions(db, 'report_template', [REPORT_TEMPLATE_KEY]);
  const version = next(REPORT_TEMPLATE_KEY);
  await publishFeed(
    db,
    [{ kind: 'report_template', key: REPORT_TEMPLATE_KEY, version, body: template }],
    userId,
    now,
  );
  return { key: REPORT_TEMPLATE_KEY, version };
};
