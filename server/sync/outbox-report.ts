// The outbox a device reports (x-isoxa-outbox on push and pull, the counts inside a USB sync
// file), kept on its device row for the dashboard's "Chờ gửi" and "Bị từ chối". A report that
// arrives with ops counts the server's answers to them: what the device holds once it has
// recorded those answers, so a file the province has just applied no longer shows as waiting.
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { REJECT_REASONS } from '../../core/sync/errors';
import type { OpResult, OutboxCounts } from '../../core/sync/protocol';
import { HEADERS, outboxHeader } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { devices } from '../database/schema/index';
import { HttpError } from '../http/errors';

/** The request's report, or null when it carries none (apps before this header). */
export const readOutboxHeader = (request: FastifyRequest): OutboxCounts | null => {
  const raw = request.headers[HEADERS.outbox];
  if (raw === undefined) return null;
  const parsed = outboxHeader.safeParse(raw);
  if (!parsed.success) {
    throw new HttpError(400, 'INVALID_REQUEST', undefined, { details: [HEADERS.outbox] });
  }
  return parsed.data;
};

/** The queue after the device records these answers: applied, duplicate and rejected ops
 * leave "pending"; rejected ones join "rejected", except a reused sequence number, which the
 * device sends again under a new one, and a deferred op, which it sends again as it is. */
export const afterAnswers = (
  counts: Readonly<OutboxCounts>,
  results: readonly OpResult[],
): OutboxCounts => {
  let settled = 0;
  let rejected = 0;
  for (const r of results) {
    if (r.status === 'applied' || r.status === 'duplicate') settled++;
    else if (r.status === 'rejected' && r.reason !== REJECT_REASONS.seqReused) {
      settled++;
      rejected++;
    }
  }
  return {
    pending: Math.max(0, counts.pending - settled),
    rejected: counts.rejected + rejected,
  };
};

export const recordOutbox = async (
  db: Db,
  deviceId: string,
  counts: Readonly<OutboxCounts>,
  now: number,
): Promise<void> => {
  await db
    .update(devices)
    .set({
      pendingOps: counts.pending,
      rejectedOps: counts.rejected,
      pendingReportedAt: new Date(now),
    })
    .where(eq(devices.id, deviceId));
};
