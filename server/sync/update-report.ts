// What a device says about its own version and updater on push and pull (x-isoxa-app-version,
// x-isoxa-update), kept on its device row for the dashboard's per-release counts. A malformed
// update report is ignored: it never fails a sync.
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { clientHeaders, HEADERS } from '../../core/sync/protocol';
import { parseUpdateHeader, UPDATE_HEADER } from '../../core/update/report';
import type { Db } from '../database/connect';
import { devices } from '../database/schema/index';

export const recordDeviceVersion = async (
  db: Db,
  deviceId: string,
  request: FastifyRequest,
  now: number,
): Promise<void> => {
  const headers = clientHeaders.safeParse(request.headers);
  const report = parseUpdateHeader(request.headers[UPDATE_HEADER]);
  if (!headers.success && !report) return;
  await db
    .update(devices)
    .set({
      ...(headers.success ? { appVersion: headers.data[HEADERS.appVersion] } : {}),
      ...(report
        ? {
            updatePhase: report.phase,
            updateVersion: report.version,
            updateError: report.error,
            updateReportedAt: new Date(now),
          }
        : {}),
    })
    .where(eq(devices.id, deviceId));
};
