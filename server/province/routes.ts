// The dashboard's own endpoints, on top of the admin API in server/routes/admin.ts: an
// office's drill-down, a device's reply file, the feed's history, publishing the catalog, a
// year's calendar, an app update, notices and form notes at the next version of each key.
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  idParams,
  publishCalendarRequest,
  publishCatalogRequest,
  publishFormNotesRequest,
  publishNoticeRequest,
  publishUpdateRequest,
  releaseParams,
  replyFileQuery,
  rolloutRequest,
  yearParams,
} from '../../core/sync/admin';
import { issueTexts, vietnameseZodError } from '../../core/messages/labels';
import type { ServerContext } from '../http/context';
import { requireAdmin, sameOriginHook } from '../http/admin-auth';
import { HttpError, parseOr400 } from '../http/errors';
import { officeDetail } from './detail';
import { officeRecord, officeRecords } from './office-records';
import { officeRecordParams } from '../../core/sync/admin-qms-records';
import { qmsExcel } from './qms-excel';
import { qmsOverview } from './qms-overview';
import { buildReplyFile } from '../sync/reply-file';
import { feedHistory, publishCalendar, publishCatalog, publishedCalendar } from './publish';
import { currentFormNotes, publishFormNotes } from './form-notes';
import { listNotices, publishNotice } from './notices';
import {
  publishAuditChecklist,
  publishModelDocuments,
  publishRatingScales,
  publishSurveySets,
} from './model-documents';
import { clauseFile } from '../../core/qms/audit-checklist';
import { publishModelDocumentsRequest } from '../../core/qms/model-document';
import { publishRatingScalesRequest } from '../../core/qms/rating';
import { publishSurveySetsRequest } from '../../core/qms/survey';
import { buildUsbUpdate } from './usb-update';
import { yearlyReportRoutes } from './yearly-report-routes';
import { changeRollout, listUpdates, publishRelease, statUpdate, withdrawRelease } from './updates';
import { updateFileName } from '../../core/update/release';

/** Like parseOr400, but with the schema's own Vietnamese messages: a province user fixes a
 * catalog file, a calendar or a notice from them. */
const parseForPeople = <T>(schema: z.ZodType<T>, value: unknown, what: string): T => {
  const parsed = schema.safeParse(value, { error: vietnameseZodError });
  if (parsed.success) return parsed.data;
  const details = issueTexts(parsed.error, 10);
  throw new HttpError(400, 'INVALID_REQUEST', `${what} không hợp lệ.`, { details });
};

export const provinceRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.addHook('onRequest', sameOriginHook);
  const big = { bodyBytes: ctx.limits.adminBodyBytes };
  yearlyReportRoutes(app, ctx);

  app.get('/v1/admin/offices/:id', async (request) => {
    await requireAdmin(ctx, request);
    const { id } = parseOr400(idParams, request.params);
    return officeDetail(ctx.db, id, ctx.now());
  });

  // One office's quality-system records as synced, read-only (the drill-down from the table).
  app.get('/v1/admin/offices/:id/qms/records', async (request) => {
    await requireAdmin(ctx, request);
    const { id } = parseOr400(idParams, request.params);
    return ctx.shed(() => officeRecords(ctx.db, id, ctx.now()));
  });

  app.get('/v1/admin/offices/:id/qms/records/:recordId', async (request) => {
    await requireAdmin(ctx, request);
    const { id, recordId } = parseOr400(officeRecordParams, request.params);
    return officeRecord(ctx.db, id, recordId);
  });

  // Every office's quality system for the year, ranked (and the same table as Excel).
  app.get('/v1/admin/qms', async (request) => {
    await requireAdmin(ctx, request);
    return ctx.shed(() => qmsOverview(ctx.db, ctx.now()));
  });

  app.get('/v1/admin/qms/export', async (request, reply) => {
    await requireAdmin(ctx, request);
    const overview = await ctx.shed(() => qmsOverview(ctx.db, ctx.now()));
    const bytes = await qmsExcel(overview);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="htqlcl-cac-xa-${overview.year}_${overview.asOf}.xlsx"`,
      )
      .header('cache-control', 'no-store')
      .send(bytes);
  });

  app.get('/v1/admin/feed', async (request) => {
    await requireAdmin(ctx, request);
    return { entries: await feedHistory(ctx.db) };
  });

  app.post('/v1/admin/feed/catalog', { config: big }, async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const catalog = parseForPeople(publishCatalogRequest, request.body, 'Danh mục thủ tục');
    const published = await publishCatalog(ctx.db, catalog, user.id, ctx.now());
    request.log.info({ count: published.length, by: user.username }, 'catalog published');
    reply.status(201);
    return { published };
  });

  app.get('/v1/admin/feed/calendar/:year', async (request) => {
    await requireAdmin(ctx, request);
    const { year } = parseOr400(yearParams, request.params);
    return publishedCalendar(ctx.db, year);
  });

  // The reply to a device's USB sync file: a signed file the office imports on its PC.
  app.get('/v1/admin/devices/:id/reply-file', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const { id } = parseOr400(idParams, request.params);
    const range = parseOr400(replyFileQuery, request.query);
    const file = await ctx.shed(() => buildReplyFile(ctx.db, ctx, id, range, ctx.now()));
    request.log.info({ deviceId: id, bytes: file.bytes.length, by: user.username }, 'reply file');
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(file.bytes));
  });

  app.get('/v1/admin/updates', async (request) => {
    await requireAdmin(ctx, request);
    return listUpdates(ctx.db, ctx.updatesDir);
  });

  app.post('/v1/admin/updates', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const input = parseForPeople(publishUpdateRequest, request.body, 'Bản cập nhật');
    const release = await publishRelease(ctx.db, ctx.updatesDir, input, user.id, ctx.now());
    request.log.info(
      { version: release.version, percent: release.stagingPercentage, by: user.username },
      'app release published',
    );
    reply.status(201);
    return { release };
  });

  app.post('/v1/admin/updates/:version/rollout', async (request) => {
    const user = await requireAdmin(ctx, request);
    const { version } = parseOr400(releaseParams, request.params);
    const input = parseForPeople(rolloutRequest, request.body, 'Tỷ lệ triển khai');
    const release = await changeRollout(ctx.db, version, input, ctx.now());
    request.log.info({ version, ...input, by: user.username }, 'app release rollout changed');
    return { release };
  });

  app.post('/v1/admin/updates/:version/withdraw', async (request) => {
    const user = await requireAdmin(ctx, request);
    const { version } = parseOr400(releaseParams, request.params);
    const release = await withdrawRelease(ctx.db, version, ctx.now());
    request.log.info({ version, by: user.username }, 'app release withdrawn');
    return { release };
  });

  // For an office without network: the signed manifest and the installer, to copy on a stick.
  app.get('/v1/admin/updates/:version/usb', async (request, reply) => {
    await requireAdmin(ctx, request);
    const { version } = parseOr400(releaseParams, request.params);
    const file = await buildUsbUpdate(ctx.db, ctx.signer, version, ctx.now());
    return reply
      .type('application/octet-stream')
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(file.bytes));
  });

  app.get('/v1/admin/update-files/:file', async (request, reply) => {
    await requireAdmin(ctx, request);
    const { file: name } = parseOr400(z.object({ file: updateFileName }), request.params);
    const { file, size } = await statUpdate(ctx.updatesDir, name);
    return reply
      .type('application/octet-stream')
      .header('content-length', String(size))
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(createReadStream(file));
  });

  app.post('/v1/admin/feed/calendar', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const year = parseForPeople(publishCalendarRequest, request.body, 'Lịch năm');
    const result = await publishCalendar(ctx.db, year, user.id, ctx.now());
    request.log.info({ year: year.year, by: user.username }, 'calendar published');
    reply.status(201);
    return result;
  });

  app.post('/v1/admin/feed/notice', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const input = parseForPeople(publishNoticeRequest, request.body, 'Thông báo');
    const result = await publishNotice(ctx.db, input, user.id, ctx.now());
    request.log.info(
      { key: result.key, version: result.version, withdrawn: input.withdrawn, by: user.username },
      'notice published',
    );
    reply.status(201);
    return result;
  });

  app.get('/v1/admin/notices', async (request) => {
    await requireAdmin(ctx, request);
    return { notices: await listNotices(ctx.db) };
  });

  app.post('/v1/admin/feed/form-notes', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const input = parseForPeople(publishFormNotesRequest, request.body, 'Ghi chú biểu mẫu');
    const result = await publishFormNotes(ctx.db, input, user.id, ctx.now());
    request.log.info(
      { key: result.key, version: result.version, lines: input.notes.length, by: user.username },
      'form notes published',
    );
    reply.status(201);
    return result;
  });

  // Quality-system publications: each a list of bodies keyed in the list, a key twice refused.
  type Publish = (body: unknown, userId: string) => ReturnType<typeof publishSurveySets>;
  const qmsFeeds: readonly (readonly [string, string, Publish])[] = [
    [
      'model-documents',
      'mã tài liệu',
      (body, userId) =>
        publishModelDocuments(
          ctx.db,
          parseForPeople(publishModelDocumentsRequest, body, 'Tài liệu mẫu'),
          userId,
          ctx.now(),
        ),
    ],
    [
      'rating-scales',
      'mã thang đánh giá',
      (body, userId) =>
        publishRatingScales(
          ctx.db,
          parseForPeople(publishRatingScalesRequest, body, 'Thang đánh giá'),
          userId,
          ctx.now(),
        ),
    ],
    [
      'survey-sets',
      'mã bộ câu hỏi',
      (body, userId) =>
        publishSurveySets(
          ctx.db,
          parseForPeople(publishSurveySetsRequest, body, 'Bộ câu hỏi khảo sát'),
          userId,
          ctx.now(),
        ),
    ],
    [
      'audit-checklist',
      'điều khoản',
      (body, userId) =>
        publishAuditChecklist(
          ctx.db,
          parseForPeople(clauseFile, body, 'Danh mục kiểm tra đánh giá nội bộ'),
          userId,
          ctx.now(),
        ),
    ],
  ];
  for (const [path, key, publish] of qmsFeeds) {
    app.post(`/v1/admin/feed/${path}`, { config: big }, async (request, reply) => {
      const user = await requireAdmin(ctx, request);
      const result = await publish(request.body, user.id);
      if (result.duplicate)
        throw new HttpError(400, 'INVALID_REQUEST', `Dữ liệu không hợp lệ: trùng ${key}.`);
      request.log.info({ count: result.published.length, by: user.username }, path);
      reply.status(201);
      return { published: result.published };
    });
  }

  app.get('/v1/admin/form-notes', async (request) => {
    await requireAdmin(ctx, request);
    return { forms: await currentFormNotes(ctx.db) };
  });
};
