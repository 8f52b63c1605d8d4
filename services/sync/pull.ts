// Pull: the province feed by cursor, page by page; each page is applied together with its
// cursor in one transaction, so a cut between pages loses nothing and repeats nothing.
//
// A bad entry (a body that fails the core schema) is kept in sync_feed with the error and the
// cursor moves past it: one broken publication must not stop every later one, and the
// province corrects it by publishing a new version, which arrives as a new entry.
import { and, eq, gt } from 'drizzle-orm';
import { yearOverridesSchema } from '../../core/calendar/calendar-schema';
import { procedureCatalogSchema, procedureSchema, type Procedure } from '../../core/catalog/schema';
import { appUpdateManifest } from '../../core/sync/app-update';
import { formTemplateBody, formTemplateKey } from '../../core/sync/form-template';
import { noticeBody } from '../../core/sync/notice';
import { AUDIT_CHECKLIST_KEY, clauseFile } from '../../core/qms/audit-checklist';
import { modelDocumentBody } from '../../core/qms/model-document';
import { REPORT_TEMPLATE_KEY, reportTemplate } from '../../core/qms/yearly-template';
import { ratingScaleBody } from '../../core/qms/rating';
import { surveySetBody } from '../../core/qms/survey';
import type { FeedEntry } from '../../core/sync/protocol';
import { LIMITS, pullResponse } from '../../core/sync/protocol';
import type { Db, Tx } from '../../db/open';
import { calendarYears, syncFeed } from '../../db/schema';
import { upsertCatalog } from '../desk/catalog';
import type { DeviceAuth, SyncHttp } from './http';
import { readState, updateState, type Identity } from './state';

type Applied = { readonly calendar: boolean };

function issuesText(error: { issues: readonly { path: PropertyKey[]; message: string }[] }) {
  return error.issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function parseCatalog(
  body: unknown,
): { ok: true; list: Procedure[] } | { ok: false; error: string } {
  const isCatalog = typeof body === 'object' && body !== null && 'procedures' in body;
  const parsed = isCatalog
    ? procedureCatalogSchema.safeParse(body)
    : procedureSchema
        .array()
        .min(1)
        .safeParse(Array.isArray(body) ? body : [body]);
  if (!parsed.success) return { ok: false, error: issuesText(parsed.error) };
  return { ok: true, list: 'procedures' in parsed.data ? parsed.data.procedures : parsed.data };
}

/** True when a higher version of the same kind and key was already received. */
function superseded(tx: Tx, e: Readonly<FeedEntry>): boolean {
  return (
    tx
      .select({ seq: syncFeed.serverSeq })
      .from(syncFeed)
      .where(
        and(eq(syncFeed.kind, e.kind), eq(syncFeed.key, e.key), gt(syncFeed.version, e.version)),
      )
      .get() !== undefined
  );
}

/** Applies one entry inside the page's transaction; returns the error text, or null. */
function applyEntry(tx: Tx, e: Readonly<FeedEntry>, now: number, applied: { calendar: boolean }) {
  switch (e.kind) {
    case 'catalog': {
      const parsed = parseCatalog(e.body);
      if (!parsed.ok) return `Danh mục thủ tục không hợp lệ: ${parsed.error}`;
      if (!superseded(tx, e)) upsertCatalog(tx, parsed.list, 'province', now);
      return null;
    }
    case 'calendar': {
      const parsed = yearOverridesSchema.safeParse(e.body);
      if (!parsed.success) return `Lịch làm việc không hợp lệ: ${issuesText(parsed.error)}`;
      if (superseded(tx, e)) return null;
      const data = parsed.data;
      tx.insert(calendarYears)
        .values({ year: data.year, data, source: 'province', updatedAt: now })
        .onConflictDoUpdate({
          target: calendarYears.year,
          set: { data, source: 'province', updatedAt: now },
        })
        .run();
      applied.calendar = true;
      return null;
    }
    case 'app_update': {
      const parsed = appUpdateManifest.safeParse(e.body);
      return parsed.success ? null : `Bản cập nhật không hợp lệ: ${issuesText(parsed.error)}`;
    }
    case 'notice': {
      const parsed = noticeBody.safeParse(e.body);
      return parsed.success ? null : `Thông báo không hợp lệ: ${issuesText(parsed.error)}`;
    }
    case 'form_template': {
      const parsed = formTemplateBody.safeParse(e.body);
      if (!parsed.success) return `Ghi chú biểu mẫu không hợp lệ: ${issuesText(parsed.error)}`;
      const key = formTemplateKey(parsed.data.formSet, parsed.data.kind);
      return key === e.key ? null : `Ghi chú biểu mẫu không hợp lệ: khóa ${e.key} khác ${key}`;
    }
    case 'model_document': {
      const parsed = modelDocumentBody.safeParse(e.body);
      if (!parsed.success) return `Tài liệu mẫu không hợp lệ: ${issuesText(parsed.error)}`;
      return parsed.data.code === e.key
        ? null
        : `Tài liệu mẫu không hợp lệ: khóa ${e.key} khác ${parsed.data.code}`;
    }
    case 'report_template': {
      const parsed = reportTemplate.safeParse(e.body);
      if (!parsed.success) return `Mẫu báo cáo năm không hợp lệ: ${issuesText(parsed.error)}`;
      return e.key === REPORT_TEMPLATE_KEY
        ? null
        : `Mẫu báo cáo năm không hợp lệ: khóa ${e.key} khác ${REPORT_TEMPLATE_KEY}`;
    }
    case 'rating_scale': {
      const parsed = ratingScaleBody.safeParse(e.body);
      if (!parsed.success) return `Thang đánh giá không hợp lệ: ${issuesText(parsed.error)}`;
      return parsed.data.id === e.key
        ? null
        : `Thang đánh giá không hợp lệ: khóa ${e.key} khác ${parsed.data.id}`;
    }
    case 'survey_set': {
      const parsed = surveySetBody.safeParse(e.body);
      if (!parsed.success) return `Bộ câu hỏi khảo sát không hợp lệ: ${issuesText(parsed.error)}`;
      return parsed.data.key === e.key
        ? null
        : `Bộ câu hỏi khảo sát không hợp lệ: khóa ${e.key} khác ${parsed.data.key}`;
    }
    case 'audit_checklist': {
      const parsed = clauseFile.safeParse(e.body);
      if (!parsed.success)
        return `Danh mục kiểm tra đánh giá nội bộ không hợp lệ: ${issuesText(parsed.error)}`;
      return e.key === AUDIT_CHECKLIST_KEY
        ? null
        : `Danh mục kiểm tra đánh giá nội bộ không hợp lệ: khóa ${e.key} khác ${AUDIT_CHECKLIST_KEY}`;
    }
    default: {
      const never: never = e.kind;
      return `Loại dữ liệu không được hỗ trợ: ${String(never)}`;
    }
  }
}

/** Applies entries inside the caller's transaction; each is kept in sync_feed (with its error
 * when it was invalid). A pull page and a province reply file both come through here. */
export function applyEntries(tx: Tx, entries: readonly FeedEntry[], now: number): Applied {
  const applied = { calendar: false };
  for (const e of entries) {
    const error = applyEntry(tx, e, now, applied);
    tx.insert(syncFeed)
      .values({
        serverSeq: e.serverSeq,
        kind: e.kind,
        key: e.key,
        version: e.version,
        body: e.body ?? null,
        publishedAt: e.publishedAt,
        error,
      })
      .onConflictDoNothing()
      .run();
  }
  return applied;
}

/** Applies a page of entries and its cursor in one transaction. */
export function applyPage(
  db: Db,
  entries: readonly FeedEntry[],
  nextCursor: number,
  now: number,
): Applied {
  return db.transaction((tx) => {
    const applied = applyEntries(tx, entries, now);
    updateState(tx, { pullCursor: nextCursor });
    return applied;
  });
}

export interface PullDeps {
  readonly db: () => Db;
  readonly http: SyncHttp;
  readonly auth: DeviceAuth;
  readonly identity: Identity;
  readonly now: () => number;
  readonly onCalendarChanged: () => void;
  readonly onProgress: (done: number) => void;
  readonly pageSize?: number;
}

/** Pulls until the feed has nothing more; returns how many entries were received. */
export async function pullAll(deps: Readonly<PullDeps>): Promise<number> {
  let received = 0;
  for (;;) {
    const cursor = readState(deps.db())?.pullCursor ?? 0;
    const limit = deps.pageSize ?? LIMITS.defaultPageSize;
    const page = await deps.auth.with(deps.http, deps.identity, (auth) =>
      deps.http.request('GET', `/v1/pull?cursor=${cursor}&limit=${limit}`, pullResponse, { auth }),
    );
    const fresh = page.entries.filter((e) => e.serverSeq > cursor);
    const next = Math.max(cursor, page.nextCursor);
    const applied = applyPage(deps.db(), fresh, next, deps.now());
    if (applied.calendar) deps.onCalendarChanged();
    received += fresh.length;
    deps.onProgress(received);
    if (!page.more || next === cursor) return received;
  }
}
