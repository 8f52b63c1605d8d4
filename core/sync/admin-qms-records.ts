// GET /v1/admin/offices/:id/qms/records and …/records/:recordId: one office's quality-system
// records as it synced them to the province, read-only (the province drill-down). The list
// carries every kind the drill-down shows, with the bulky fields left out (an audit's
// checklist, a review's frozen inputs, a report's figures); one record comes whole, with its
// history. core/qms/office-records.ts arranges the list into the screen's sections.
import { z } from 'zod';

/** The kinds the province sees; ratings, complaints and surveys carry citizens' data and stay
 * in the office (the province gets their figures in the quality-system table). */
export const PROVINCE_RECORD_KINDS = [
  'document',
  'revision',
  'objective',
  'measurement',
  'nonconformity',
  'risk',
  'audit',
  'finding',
  'review',
  'announcement',
  'yearly_report',
] as const;

export const officeRecordView = z.object({
  id: z.string(),
  kind: z.string(),
  state: z.string(),
  code: z.string(),
  title: z.string(),
  parentId: z.string().nullable(),
  dueDate: z.string().nullable(),
  sourceKind: z.string().nullable(),
  sourceId: z.string().nullable(),
  updatedAt: z.number(),
  data: z.record(z.string(), z.unknown()),
});
export type OfficeRecordView = z.infer<typeof officeRecordView>;

export const officeRecordsResponse = z.object({
  office: z.object({ id: z.string(), agencyCode: z.string(), name: z.string() }),
  /** The province's today (civil date): what "overdue" is measured against. */
  asOf: z.string(),
  /** When the office last pushed (ms), or null. */
  lastSyncAt: z.number().nullable(),
  records: z.array(officeRecordView),
});
export type OfficeRecords = z.infer<typeof officeRecordsResponse>;

export const recordHistoryLine = z.object({
  at: z.number(),
  userName: z.string(),
  /** 'create' or the kind's transition name. */
  transition: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  comment: z.string(),
});
export type RecordHistoryLine = z.infer<typeof recordHistoryLine>;

export const officeRecordResponse = z.object({
  record: officeRecordView,
  history: z.array(recordHistoryLine),
});
export type OfficeRecord = z.infer<typeof officeRecordResponse>;

export const officeRecordParams = z.object({
  id: z.uuid(),
  recordId: z.string().min(1).max(200),
});
