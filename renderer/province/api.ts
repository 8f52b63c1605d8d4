// The dashboard's typed client of the province admin API (same-origin JSON, session cookie).
// Every answer is checked against the schema the server uses, in core/sync/admin.ts.
import { z } from 'zod';
import type { YearOverrides } from '../../core/calendar/calendar-schema';
import type { ProcedureCatalog } from '../../core/catalog/schema';
import type { ClauseFile } from '../../core/qms/audit-checklist';
import type { publishRatingScalesRequest } from '../../core/qms/rating';
import type { publishSurveySetsRequest } from '../../core/qms/survey';
import type { FormTemplateBody } from '../../core/sync/form-template';
import type { PublishNoticeRequest } from '../../core/sync/notice';
import {
  adminLoginResponse,
  enrollmentCodeResponse,
  escrowResponse,
  feedHistoryResponse,
  formNotesListResponse,
  noticeListResponse,
  officeDetailResponse,
  officesResponse,
  publishedCalendarResponse,
  publishFeedResponse,
  publishFormNotesResponse,
  publishNoticeResponse,
  publishUpdateResponse,
  syncFileResult,
  updatesResponse,
  type CreateOfficeRequest,
  type EscrowReleaseRequest,
  type PublishUpdateRequest,
  type RolloutRequest,
} from '../../core/sync/admin';
import { qmsOverviewResponse } from '../../core/sync/admin-qms';
import { officeRecordResponse, officeRecordsResponse } from '../../core/sync/admin-qms-records';

export class ProvinceApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ProvinceApiError';
  }
}

const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.string()).optional(),
});

let onUnauthenticated: () => void = () => undefined;
/** The session provider hears about an expired session from any call. */
export const setUnauthenticatedHandler = (handler: () => void): void => {
  onUnauthenticated = handler;
};

const request = async <T>(
  schema: z.ZodType<T>,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> => {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body instanceof ArrayBuffer) {
    init.headers = { 'content-type': 'application/octet-stream' };
    init.body = body;
  } else if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch {
    throw new ProvinceApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng thử lại.');
  }
  const json: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = errorBody.safeParse(json);
    // The start-up check (/me) and a wrong password are not an expired session.
    if (response.status === 401 && !path.endsWith('/login') && !path.endsWith('/me')) {
      onUnauthenticated();
    }
    throw parsed.success
      ? new ProvinceApiError(
          response.status,
          parsed.data.code,
          parsed.data.message,
          parsed.data.details ?? [],
        )
      : new ProvinceApiError(response.status, 'HTTP', `Máy chủ trả lời lỗi ${response.status}.`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ProvinceApiError(
      response.status,
      'BAD_RESPONSE',
      'Máy chủ trả lời không đúng định dạng.',
    );
  }
  return parsed.data;
};

/** A binary download (a reply file): the bytes and the name the server gave them. */
const download = async (path: string): Promise<{ blob: Blob; fileName: string }> => {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin' });
  } catch {
    throw new ProvinceApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng thử lại.');
  }
  if (!response.ok) {
    const parsed = errorBody.safeParse(await response.json().catch(() => null));
    if (response.status === 401) onUnauthenticated();
    throw parsed.success
      ? new ProvinceApiError(response.status, parsed.data.code, parsed.data.message)
      : new ProvinceApiError(response.status, 'HTTP', `Máy chủ trả lời lỗi ${response.status}.`);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'phan-hoi.isoxa-reply';
  return { blob: await response.blob(), fileName };
};

export interface ReplyRange {
  readonly feedCursor?: number | null;
  readonly fromClientSeq?: number | null;
}

const ok = z.object({ ok: z.boolean() });
const revoked = z.object({ deviceId: z.string(), revokedAt: z.number() });
const publishCalendarResponse = publishFeedResponse.extend({ version: z.number() });

export const provinceApi = {
  login: (username: string, password: string) =>
    request(adminLoginResponse, 'POST', '/v1/admin/login', { username, password }),
  logout: () => request(ok, 'POST', '/v1/admin/logout'),
  me: () => request(adminLoginResponse, 'GET', '/v1/admin/me'),
  offices: () => request(officesResponse, 'GET', '/v1/admin/offices'),
  /** Every office's quality system for the year, ranked; and the same table as Excel. */
  qms: () => request(qmsOverviewResponse, 'GET', '/v1/admin/qms'),
  qmsExportUrl: '/v1/admin/qms/export',
  /** One office's quality-system records as synced (read-only), and one record whole. */
  officeRecords: (officeId: string) =>
    request(
      officeRecordsResponse,
      'GET',
      `/v1/admin/offices/${encodeURIComponent(officeId)}/qms/records`,
    ),
  officeRecord: (officeId: string, recordId: string) =>
    request(
      officeRecordResponse,
      'GET',
      `/v1/admin/offices/${encodeURIComponent(officeId)}/qms/records/${encodeURIComponent(recordId)}`,
    ),
  office: (id: string) =>
    request(officeDetailResponse, 'GET', `/v1/admin/offices/${encodeURIComponent(id)}`),
  createOffice: (input: CreateOfficeRequest) =>
    request(enrollmentCodeResponse, 'POST', '/v1/admin/offices', input),
  newCode: (officeId: string) =>
    request(
      enrollmentCodeResponse,
      'POST',
      `/v1/admin/offices/${encodeURIComponent(officeId)}/enrollment-code`,
    ),
  escrow: (officeId: string) =>
    request(escrowResponse, 'GET', `/v1/admin/offices/${encodeURIComponent(officeId)}/escrow`),
  releaseEscrow: (officeId: string, input: EscrowReleaseRequest) =>
    request(
      z.object({ id: z.string() }),
      'POST',
      `/v1/admin/offices/${encodeURIComponent(officeId)}/escrow/release`,
      input,
    ),
  revokeDevice: (deviceId: string) =>
    request(revoked, 'POST', `/v1/admin/devices/${encodeURIComponent(deviceId)}/revoke`),
  feed: () => request(feedHistoryResponse, 'GET', '/v1/admin/feed'),
  publishCatalog: (catalog: ProcedureCatalog) =>
    request(publishFeedResponse, 'POST', '/v1/admin/feed/catalog', catalog),
  calendar: (year: number) =>
    request(publishedCalendarResponse, 'GET', `/v1/admin/feed/calendar/${year}`),
  publishRatingScales: (body: z.input<typeof publishRatingScalesRequest>) =>
    request(publishFeedResponse, 'POST', '/v1/admin/feed/rating-scales', body),
  publishSurveySets: (body: z.input<typeof publishSurveySetsRequest>) =>
    request(publishFeedResponse, 'POST', '/v1/admin/feed/survey-sets', body),
  publishAuditChecklist: (body: ClauseFile) =>
    request(publishFeedResponse, 'POST', '/v1/admin/feed/audit-checklist', body),
  publishCalendar: (year: YearOverrides) =>
    request(publishCalendarResponse, 'POST', '/v1/admin/feed/calendar', year),
  uploadSyncFile: (bytes: ArrayBuffer) =>
    request(syncFileResult, 'POST', '/v1/admin/sync-files', bytes),
  /** The signed reply file for a device; without a range, the whole feed and its newest acks. */
  replyFile: (deviceId: string, range: ReplyRange = {}) => {
    const query = new URLSearchParams();
    if (range.feedCursor != null) query.set('feedCursor', String(range.feedCursor));
    if (range.fromClientSeq != null) query.set('fromClientSeq', String(range.fromClientSeq));
    const q = query.toString();
    return download(
      `/v1/admin/devices/${encodeURIComponent(deviceId)}/reply-file${q ? `?${q}` : ''}`,
    );
  },
  updates: () => request(updatesResponse, 'GET', '/v1/admin/updates'),
  publishUpdate: (input: PublishUpdateRequest) =>
    request(publishUpdateResponse, 'POST', '/v1/admin/updates', input),
  /** Raise or lower a release's share of PCs, pause or resume it. */
  rollout: (version: string, input: RolloutRequest) =>
    request(
      publishUpdateResponse,
      'POST',
      `/v1/admin/updates/${encodeURIComponent(version)}/rollout`,
      input,
    ),
  withdraw: (version: string) =>
    request(
      publishUpdateResponse,
      'POST',
      `/v1/admin/updates/${encodeURIComponent(version)}/withdraw`,
    ),
  /** Links (same-origin cookie) to the signed USB manifest and the installer. */
  usbManifestUrl: (version: string) => `/v1/admin/updates/${encodeURIComponent(version)}/usb`,
  updateFileUrl: (file: string) => `/v1/admin/update-files/${encodeURIComponent(file)}`,
  /** A new notice, or (with its key) the next version of one: a correction or a withdrawal. */
  publishNotice: (input: PublishNoticeRequest) =>
    request(publishNoticeResponse, 'POST', '/v1/admin/feed/notice', input),
  listNotices: () => request(noticeListResponse, 'GET', '/v1/admin/notices'),
  /** A form's notes at the next version of its key; an empty list removes them. */
  publishFormNotes: (body: FormTemplateBody) =>
    request(publishFormNotesResponse, 'POST', '/v1/admin/feed/form-notes', body),
  listFormNotes: () => request(formNotesListResponse, 'GET', '/v1/admin/form-notes'),
};

export function errorText(error: unknown): string {
  if (error instanceof ProvinceApiError) {
    return error.details.length > 0
      ? `${error.message} ${error.details.join('; ')}`
      : error.message;
  }
  return 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.';
}
