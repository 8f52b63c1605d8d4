// App updates end to end on the office side, with electron-updater's own NsisUpdater (on a
// Node adapter) against the real province server: a release at 50 % reaches the PC inside the
// staged half, which downloads it (sha512 checked) with progress, keeps the installer, tells
// the province; a PC outside sees nothing; a tampered installer is refused; a withdrawn
// release is no longer installed; installing takes a backup first; USB updates are verified.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { UpdatesResponse } from '../../core/sync/admin';
import { inStage } from '../../core/update/staging';
import { buildUsbUpdate } from '../../server/province/usb-update';
import { ephemeralSigner } from '../../server/security/signing-key';
import type { UpdateState } from '../../services/updates/app-updates';
import { appUpdatesFor } from '../../services/updates/app-updates';
import { createNodeUpdater } from '../../services/updates/node-updater';
import { USB_MESSAGES } from '../../services/updates/usb';
import { pglite } from '../server/support/backends';
import { startServer } from '../server/support/harness';
import { tempDir } from '../support/backend';
import { startDemoDesk, vn } from '../support/desk';
import { deviceIdOf, enrollDesk, FAST, provinceFixture } from '../sync/support/env';

const updatesDir = tempDir('isoxa-app-updates-');
const installer = randomBytes(400_000);
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');
const signer = ephemeralSigner();
const province = provinceFixture(async () => {
  fs.writeFileSync(path.join(updatesDir, 'ISO-Xa-Setup-1.2.0.exe'), installer);
  return startServer(pglite, {}, undefined, { updatesDir, signer });
});

const installs: { waiting: UpdateState; restart: boolean }[] = [];

async function officePc(appVersion = '1.1.0') {
  const app = await startDemoDesk(vn('2026-11-23', '15:30'), {
    platform: {
      kind: 'test',
      appVersion,
      updates: {
        create: (dataDir) =>
          createNodeUpdater({ appVersion, dir: path.join(dataDir, 'updater') }).updater,
        install: (waiting, restart) => installs.push({ waiting, restart }),
      },
    },
  });
  province.track(app);
  const n = Math.floor(Math.random() * 90) + 10;
  const { officeId, code } = await province.h.admin.createOffice(
    `000.00.${n}.H${Math.floor(Math.random() * 80) + 10}`,
    `UBND xã Cập Nhật ${n}`,
  );
  const { engine } = await enrollDesk(province.h.url, code, FAST, app);
  const updates = appUpdatesFor(app.dataDir);
  if (!updates) throw new Error('no updater');
  return { app, engine, updates, officeId, deviceId: deviceIdOf(app) };
}

/** One PC inside the 50 % and one outside (device ids are the server's; enrol until both). */
async function pcsAround(percent: number) {
  let inside: Awaited<ReturnType<typeof officePc>> | null = null;
  let outside: Awaited<ReturnType<typeof officePc>> | null = null;
  for (let i = 0; i < 16 && (!inside || !outside); i++) {
    const pc = await officePc();
    if (inStage(pc.deviceId, percent)) inside ??= pc;
    else outside ??= pc;
  }
  if (!inside || !outside) throw new Error('could not find PCs on both sides');
  return { inside, outside };
}

const dashboard = async () =>
  (await province.h.admin.call('GET', '/v1/admin/updates')).body as UpdatesResponse;

describe('network updates through electron-updater', () => {
  it('the staged half downloads with progress and reports it; the other half sees nothing', async () => {
    const published = await province.h.admin.call('POST', '/v1/admin/updates', {
      body: {
        file: 'ISO-Xa-Setup-1.2.0.exe',
        version: '1.2.0',
        notes: 'Sửa lỗi in sổ theo dõi',
        stagingPercentage: 50,
      },
    });
    expect(published.status).toBe(201);
    const { inside, outside } = await pcsAround(50);
    const progress: number[] = [];
    // The updater is made at the first check (electron-updater is not loaded at start-up).
    (await inside.updates['loadUpdater']()).on('download-progress', (p: { percent: number }) =>
      progress.push(p.percent),
    );
    for (const pc of [inside, outside]) {
      expect((await pc.engine.run()).ok).toBe(true);
      await pc.updates.settled();
    }
    const status = await inside.app.ok('motcua')('sync.status', {});
    expect(status.update).toMatchObject({
      available: true,
      phase: 'downloaded',
      version: '1.2.0',
      notes: 'Sửa lỗi in sổ theo dõi',
      percent: 100,
      source: 'network',
      canInstall: true,
      error: null,
    });
    // electron-updater rate-limits its progress events: on loopback a small download may end
    // before the first one. The browser e2e (behind a slow line) sees the progress on screen.
    expect(progress.every((p) => p >= 0 && p <= 100)).toBe(true);
    const kept = path.join(inside.app.dataDir, 'updates', 'ISO-Xa-Setup-1.2.0.exe');
    expect(sha512(fs.readFileSync(kept))).toBe(sha512(installer));
    const other = await outside.app.ok('motcua')('sync.status', {});
    expect(other.update).toMatchObject({ phase: 'idle', version: null });
    expect(fs.existsSync(path.join(outside.app.dataDir, 'updates'))).toBe(false);

    // The next sync tells the province; the dashboard counts it. Its check offers the same
    // version again: the download stays ready to install.
    await inside.engine.run();
    await inside.updates.settled();
    expect((await inside.app.ok('motcua')('sync.status', {})).update.phase).toBe('downloaded');
    const counted = (await dashboard()).releases.find((r) => r.version === '1.2.0');
    expect(counted).toMatchObject({ downloaded: 1, failed: 0 });

    // "Cài đặt và khởi động lại": admins only, a backup first, then the shell installs.
    const denied = await inside.app.as('motcua')('sync.installUpdate', {});
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const backupsDir = path.join(inside.app.dataDir, 'backups');
    const before = fs.existsSync(backupsDir) ? fs.readdirSync(backupsDir).length : 0;
    expect(await inside.app.ok('admin')('sync.installUpdate', {})).toEqual({ version: '1.2.0' });
    const backups = fs.readdirSync(backupsDir);
    expect(backups.length).toBe(before + 1);
    expect(backups.some((b) => b.startsWith('pre-migrate-'))).toBe(true);
    await vi.waitFor(() => expect(installs.at(-1)?.waiting.version).toBe('1.2.0'));
    expect(installs.at(-1)?.restart).toBe(true);
  }, 120_000);

  it('a withdrawn release found at the next check is not installed at quit', async () => {
    const pc = await officePc();
    await province.h.admin.call('POST', '/v1/admin/updates/1.2.0/rollout', {
      body: { stagingPercentage: 100 },
    });
    await pc.engine.run();
    await pc.updates.settled();
    expect(pc.updates.state().phase).toBe('downloaded');
    await province.h.admin.call('POST', '/v1/admin/updates/1.2.0/withdraw');
    await pc.updates.check();
    await pc.updates.settled();
    expect(pc.updates.state()).toMatchObject({ phase: 'idle', version: null });
    expect(await pc.app.backend.prepareUpdateInstall()).toBeNull();
    const r = await pc.app.as('admin')('sync.installUpdate', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  }, 120_000);

  it('an installer changed on the server after publishing fails its sha512 and is reported', async () => {
    const file = path.join(updatesDir, 'ISO-Xa-Setup-1.3.0.exe');
    fs.writeFileSync(file, installer);
    await province.h.admin.call('POST', '/v1/admin/updates', {
      body: {
        file: 'ISO-Xa-Setup-1.3.0.exe',
        version: '1.3.0',
        notes: 'x',
        stagingPercentage: 100,
      },
    });
    const tampered = Buffer.from(installer);
    tampered[1234] = (tampered[1234] ?? 0) ^ 0xff;
    fs.writeFileSync(file, tampered);
    fs.rmSync(`${file}.blockmap`, { force: true });
    const pc = await officePc();
    await pc.engine.run();
    await pc.updates.settled();
    expect(pc.updates.state()).toMatchObject({ phase: 'failed' });
    expect(pc.updates.state().error).toContain('SHA-512');
    expect(fs.existsSync(path.join(pc.app.dataDir, 'updates', 'ISO-Xa-Setup-1.3.0.exe'))).toBe(
      false,
    );
    await pc.engine.run();
    const r = (await dashboard()).releases.find((x) => x.version === '1.3.0');
    expect(r?.failed).toBeGreaterThanOrEqual(1);
    expect(r?.errors[0]?.message).toContain('SHA-512');
    await province.h.admin.call('POST', '/v1/admin/updates/1.3.0/withdraw');
  }, 120_000);
});

describe('USB updates', () => {
  const usbDir = tempDir('isoxa-usb-');
  const putOnStick = async (version: string, key = signer) => {
    const file = await buildUsbUpdate(province.h.database.db, key, version, Date.now());
    const manifest = path.join(usbDir, file.fileName);
    fs.writeFileSync(manifest, file.bytes);
    fs.copyFileSync(
      path.join(updatesDir, 'ISO-Xa-Setup-1.2.0.exe'),
      path.join(usbDir, 'ISO-Xa-Setup-1.2.0.exe'),
    );
    return manifest;
  };

  it('accepts the province’s signed file; refuses a flipped byte, a foreign key, a downgrade', async () => {
    await province.h.admin.call('POST', '/v1/admin/updates', {
      body: { file: 'ISO-Xa-Setup-1.2.0.exe', version: '1.2.5', notes: 'Bản cho USB' },
    });
    const pc = await officePc();
    const importUpdate = (p: string) => pc.app.as('admin')('sync.importUpdate', { path: p });
    const nothingKept = () =>
      !fs.existsSync(path.join(pc.app.dataDir, 'updates')) ||
      fs.readdirSync(path.join(pc.app.dataDir, 'updates')).length === 0;

    // One flipped byte in the installer.
    const manifest = await putOnStick('1.2.5');
    const stickInstaller = path.join(usbDir, 'ISO-Xa-Setup-1.2.0.exe');
    const bytes = fs.readFileSync(stickInstaller);
    bytes[5000] = (bytes[5000] ?? 0) ^ 1;
    fs.writeFileSync(stickInstaller, bytes);
    const flipped = await importUpdate(manifest);
    expect(flipped).toMatchObject({ ok: false });
    expect(!flipped.ok && flipped.error.message).toBe(
      USB_MESSAGES.installerMismatch('ISO-Xa-Setup-1.2.0.exe'),
    );
    expect(nothingKept()).toBe(true);

    // One flipped byte in the manifest's signed payload.
    await putOnStick('1.2.5');
    const m = fs.readFileSync(manifest);
    m[m.length - 3] = (m[m.length - 3] ?? 0) ^ 1;
    fs.writeFileSync(manifest, m);
    const badSig = await importUpdate(manifest);
    expect(!badSig.ok && badSig.error.message).toBe(USB_MESSAGES.signature);

    // Signed by another province's server.
    const foreign = await importUpdate(await putOnStick('1.2.5', ephemeralSigner()));
    expect(!foreign.ok && foreign.error.message).toBe(USB_MESSAGES.signature);
    expect(nothingKept()).toBe(true);
    expect(pc.updates.state().phase).not.toBe('downloaded');

    // The real thing.
    const ok = await pc.app.ok('admin')('sync.importUpdate', { path: await putOnStick('1.2.5') });
    expect(ok.version).toBe('1.2.5');
    expect(sha512(fs.readFileSync(ok.file ?? ''))).toBe(sha512(installer));
    const status = await pc.app.ok('motcua')('sync.status', {});
    expect(status.update).toMatchObject({ phase: 'downloaded', version: '1.2.5', source: 'usb' });

    // A PC already on a newer version refuses it: no downgrade from a stick.
    const newer = await officePc('1.3.0');
    const down = await newer.app.as('admin')('sync.importUpdate', {
      path: await putOnStick('1.2.5'),
    });
    expect(!down.ok && down.error.message).toBe(USB_MESSAGES.downgrade('1.2.5', '1.3.0'));
    expect(fs.existsSync(path.join(newer.app.dataDir, 'updates'))).toBe(false);
  }, 120_000);
});
