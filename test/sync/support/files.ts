// USB round-trip helpers: export an office's sync file, upload it as the province, download
// the reply file (binary, so not through the JSON test client), and import it on the office.
import fs from 'node:fs';
import path from 'node:path';
import type { SyncFileResult } from '../../../core/sync/admin';
import type { Harness } from '../../server/support/harness';
import { tempDir } from '../../support/backend';
import type { DeskApp } from '../../support/desk';

export async function exportFile(app: DeskApp): Promise<Buffer> {
  const target = path.join(tempDir('isoxa-usb-'), 'dong-bo.isoxa-sync');
  await app.ok('admin')('sync.exportFile', { path: target });
  return fs.readFileSync(target);
}

export async function uploadFile(h: Harness, bytes: Uint8Array): Promise<SyncFileResult> {
  const reply = await h.admin.call('POST', '/v1/admin/sync-files', {
    raw: bytes,
    headers: { 'content-type': 'application/octet-stream' },
  });
  if (reply.status !== 200) throw new Error(`upload: ${JSON.stringify(reply.body)}`);
  return reply.body as unknown as SyncFileResult;
}

export async function downloadReply(
  h: Harness,
  deviceId: string,
  range: { feedCursor?: number | null; fromClientSeq?: number | null } = {},
): Promise<{ status: number; bytes: Buffer; fileName: string | null }> {
  const query = new URLSearchParams();
  if (range.feedCursor != null) query.set('feedCursor', String(range.feedCursor));
  if (range.fromClientSeq != null) query.set('fromClientSeq', String(range.fromClientSeq));
  const response = await fetch(
    `${h.url}/v1/admin/devices/${deviceId}/reply-file?${query.toString()}`,
    {
      headers: { cookie: h.admin.cookie },
    },
  );
  const disposition = response.headers.get('content-disposition') ?? '';
  return {
    status: response.status,
    bytes: Buffer.from(await response.arrayBuffer()),
    fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? null,
  };
}

export const importReply = (app: DeskApp, bytes: Uint8Array, user = 'admin') =>
  app.as(user)('sync.importReply', {
    base64: Buffer.from(bytes).toString('base64'),
    fileName: 'phan-hoi.isoxa-reply',
  });

/** The office's sync-relevant tables, for "changes nothing" assertions. */
export function syncTables(app: DeskApp): string {
  const db = app.backend.database();
  return JSON.stringify(
    [
      'outbox',
      'sync_state',
      'sync_feed',
      'calendar_years',
      'procedures',
      'counters',
      'app_meta',
      // The audit trail's counter is left out: importing a file is audited even when it
      // changes nothing else.
    ].map((t) =>
      db
        .prepare(
          t === 'counters'
            ? `SELECT * FROM counters WHERE scope <> 'audit_log' ORDER BY scope`
            : `SELECT * FROM ${t} ORDER BY rowid`,
        )
        .all(),
    ),
  );
}
