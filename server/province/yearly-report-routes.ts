// The province's endpoints for the yearly reports: which offices sent their report of a year
// (the dashboard's "received / not received" column), one office's report, and publishing
// the report template through the feed.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { issueTexts, vietnameseZodError } from '../../core/messages/labels';
import { reportTemplate } from '../../core/qms/yearly-template';
import { idParams, yearParams } from '../../core/sync/admin';
import { requireAdmin } from '../http/admin-auth';
import type { ServerContext } from '../http/context';
import { HttpError, parseOr400 } from '../http/errors';
import { officeYearlyReport, publishReportTemplate, yearlyReportStatus } from './yearly-reports';

const officeYearParams = z.object({ ...idParams.shape, ...yearParams.shape });

export const yearlyReportRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  app.get('/v1/admin/yearly-reports/:year', async (request) => {
    await requireAdmin(ctx, request);
    const { year } = parseOr400(yearParams, request.params);
    const offices = await yearlyReportStatus(ctx.db, year);
    return { year, received: offices.filter((o) => o.received).length, offices };
  });

  app.get('/v1/admin/offices/:id/yearly-reports/:year', async (request) => {
    await requireAdmin(ctx, request);
    const { id, year } = parseOr400(officeYearParams, request.params);
    const report = await officeYearlyReport(ctx.db, id, year);
    if (!report)
      throw new HttpError(
        404,
        'NOT_FOUND',
        `Đơn vị chưa có báo cáo năm ${year} trên máy chủ tỉnh.`,
      );
    return { report };
  });

  app.post('/v1/admin/feed/report-template', async (request, reply) => {
    const user = await requireAdmin(ctx, request);
    const parsed = reportTemplate.safeParse(request.body, { error: vietnameseZodError });
    if (!parsed.success)
      throw new HttpError(400, 'INVALID_REQUEST', 'Mẫu báo cáo năm không hợp lệ.', {
        details: issueTexts(parsed.error, 10),
      });
    const result = await publishReportTemplate(ctx.db, parsed.data, user.id, ctx.now());
    request.log.info({ version: result.version, by: user.username }, 'report template');
    reply.status(201);
    return result;
  });
};
