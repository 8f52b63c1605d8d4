// The server's half of the USB round trip and the dashboard's queue figures: its signing key
// (handed out at enrolment and on every token, kept in a file across restarts), the reply file
// it builds for a device, and the outbox a device reports — on PGlite, and on PostgreSQL when
// a URL is configured.
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sealContext } from '../../core/sync/sealing';
import { generateBoxKey, openSealed } from '../../services/security/sealed-box';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJECT_REASONS } from '../../core/sync/errors';
import { decodeReplyFile, replyEnvelope } from '../../core/sync/reply-file';
import { parseConfig } from '../../server/config';
import { verifyEd25519 } from '../../server/security/crypto';
import { loadOrCreateSigner } from '../../server/security/signing-key';
import { afterAnswers } from '../../server/sync/outbox-report';
import { tempDir } from '../support/backend';
import { BACKENDS } from './support/backends';
import { dossierRow, send } from './support/client';
import type { Harness } from './support/harness';
import { startServer } from './support/harness';

describe('server signing key, updates directory, queue after answers', () => {
  it('keeps the key next to the data; memory gets none; the env names both', () => {
    expect(parseConfig([], {}).signingKeyFile).toBe(path.join('.data', 'server-signing-key.pem'));
    expect(parseConfig(['--memory'], {}).signingKeyFile).toBeNull();
    const env = parseConfig([], { ISOXA_SERVER_KEY_FILE: '/etc/isoxa/key.pem', UPDATES_DIR: 'u' });
    expect(env.signingKeyFile).toBe('/etc/isoxa/key.pem');
    expect(env.updatesDir).toBe(path.resolve('u'));
    expect(parseConfig([], {}).updatesDir).toBeNull();
  });

  it('creates the key file once (owner only) and signs with the same key after a restart', () => {
    const file = path.join(tempDir('isoxa-key-'), 'sub', 'server-signing-key.pem');
    const first = loadOrCreateSigner(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = loadOrCreateSigner(file);
    expect(again.publicKey).toBe(first.publicKey);
    const message = Uint8Array.from([0x1f, 0x8b, 1]);
    const signature = Buffer.from(again.sign(message)).toString('base64url');
    expect(verifyEd25519(first.publicKey, message, signature)).toBe(true);
  });

  it('counts the answers: settled ops leave the queue, a reused number or deferred op stays', () => {
    const results = [
      { opId: 'a', status: 'applied' as const },
      { opId: 'b', status: 'duplicate' as const },
      { opId: 'c', status: 'rejected' as const, reason: 'Sai' },
      { opId: 'd', status: 'rejected' as const, reason: REJECT_REASONS.seqReused },
      { opId: 'e', status: 'deferred' as const },
    ];
    expect(afterAnswers({ pending: 10, rejected: 2 }, results)).toEqual({
      pending: 7,
      rejected: 3,
    });
    expect(afterAnswers({ pending: 1, rejected: 0 }, results).pending).toBe(0);
  });
});

for (const backend of BACKENDS) {
  describe.skipIf(backend.skip !== null)(`reply files on ${backend.name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startServer(backend);
    }, 30_000);
    afterAll(async () => h?.close());

    const download = async (deviceId: string, query = '', cookie = h.admin.cookie) => {
      const response = await fetch(`${h.url}/v1/admin/devices/${deviceId}/reply-file${query}`, {
        headers: { cookie },
      });
      return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
    };

    it('signs the reply with the key it hands out; acks and feed as the server holds them', async () => {
      const { officeId, device } = await h.office('000.00.61.H56');
      const token = await device.authenticate();
      const key = token.body.serverPublicKey as string;
      expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const feed = await h.admin.call('POST', '/v1/admin/feed', {
        body: { kind: 'notice', key: `tb-${officeId}`, version: 1, body: { title: 'Họp' } },
      });
      const seq = (feed.body.published as { serverSeq: number }[])[0]?.serverSeq ?? 0;
      const ops = [
        device.op('dossier', dossierRow(uuidv7())),
        device.op('dossier', dossierRow(uuidv7())),
        device.op('dossier', { id: 'hỏng', updatedAt: 1 }),
      ];
      const pushed = await send(h.url, 'POST', '/v1/push', {
        headers: { ...device.authHeaders(), 'x-isoxa-outbox': 'pending=5;rejected=0' },
        body: { ops },
      });
      expect(pushed.status).toBe(200);
      const office = await h.admin.call('GET', `/v1/admin/offices/${officeId}`);
      expect((office.body.office as { outbox: unknown }).outbox).toMatchObject({
        pending: 2,
        rejected: 1,
      });

      const reply = await download(device.deviceId, `?feedCursor=${seq - 1}&fromClientSeq=2`);
      expect(reply.status).toBe(200);
      const parts = decodeReplyFile(reply.bytes);
      if (!parts) throw new Error('not a reply file');
      const signature = Buffer.from(parts.signature).toString('base64url');
      expect(verifyEd25519(key, parts.payload, signature)).toBe(true);
      // Sealed to the device's X25519 key (version 2): only that device opens it.
      expect(parts.header.version).toBe(2);
      const context = sealContext.replyFile(device.deviceId, officeId);
      expect(openSealed(generateBoxKey().privateKey, parts.payload, context)).toBeNull();
      const gz = openSealed(device.box.privateKey, parts.payload, context);
      if (!gz) throw new Error('reply not sealed to the device');
      const envelope = replyEnvelope.parse(JSON.parse(gunzipSync(gz).toString()));
      expect(envelope).toMatchObject({
        deviceId: device.deviceId,
        officeId,
        serverSealKey: token.body.serverSealKey,
      });
      expect(envelope.acks.map((a) => [a.opId, a.status])).toEqual([
        [ops[1]?.opId, 'applied'],
        [ops[2]?.opId, 'rejected'],
      ]);
      expect(envelope.acks[1]?.reason).toContain('Dữ liệu không hợp lệ');
      expect(envelope.feed.after).toBe(seq - 1);
      expect(envelope.feed.entries.map((e) => e.serverSeq)).toEqual([seq]);
      expect(envelope.feed.to).toBe(seq);
      // Without a range: every op of the device and the whole feed.
      const whole = decodeReplyFile((await download(device.deviceId)).bytes);
      expect(whole?.header).toMatchObject({ ackCount: 3, entryCount: seq });
    });

    it('answers 404 for an unknown device, 403 for a revoked one, 401 without a session', async () => {
      const { device } = await h.office('000.00.62.H56');
      expect((await download(uuidv7())).status).toBe(404);
      expect((await download(device.deviceId, '', '')).status).toBe(401);
      expect((await download(device.deviceId, '?feedCursor=-1')).status).toBe(400);
      await h.admin.call('POST', `/v1/admin/devices/${device.deviceId}/revoke`);
      expect((await download(device.deviceId)).status).toBe(403);
    });

    it('serves no installer when no updates directory is configured', async () => {
      const { device } = await h.office('000.00.63.H56');
      const reply = await send(h.url, 'GET', '/v1/updates/ISO-Xa-Setup.exe', {
        headers: device.authHeaders(),
      });
      expect(reply.status).toBe(404);
      const listed = await h.admin.call('GET', '/v1/admin/updates');
      expect(listed.body).toMatchObject({ configured: false, files: [] });
    });
  });
}
