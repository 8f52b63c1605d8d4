// Differential app updates (issue #13 item 4): between two builds differing by 0.5 %, the office
// PC fetches only the changed blocks. First electron-updater's own downloader against a range
// server (the bench's measurement, small), then the whole path an office PC takes: its
// NsisUpdater asks the province route for both blockmaps (the running version's one was never
// published: the server makes it) and the changed ranges, and ends with the new installer.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeInstallerPair } from '../../scripts/bench/installer-pair';
import { measureDifferential, sha512Of } from '../../scripts/bench/update-measure';
import { ephemeralSigner } from '../../server/security/signing-key';
import { appUpdatesFor } from '../../services/updates/app-updates';
import { createNodeUpdater, UPDATER_CACHE_DIR } from '../../services/updates/node-updater';
import type { NodeUpdateHttp } from '../../services/updates/node-updater';
import { pglite } from '../server/support/backends';
import { startServer } from '../server/support/harness';
import { tempDir } from '../support/backend';
import { startDemoDesk, vn } from '../support/desk';
import { enrollDesk, FAST, provinceFixture } from '../sync/support/env';

const SIZE = 3 * 1024 * 1024;
const feed = tempDir('isoxa-diff-feed-');
const oldFile = path.join(feed, 'ISO-Xa-Setup-1.1.0.exe');
const newFile = path.join(feed, 'ISO-Xa-Setup-1.2.0.exe');
const pair = makeInstallerPair(oldFile, newFile, SIZE, 42, 0.005);

describe('differential download between two builds', () => {
  it('fetches only the changed blocks, every change among them, and assembles the new build', async () => {
    expect(pair.changedBytes / pair.newSize).toBeLessThanOrEqual(0.01);
    const work = tempDir('isoxa-diff-pc-');
    const r = await measureDifferential(oldFile, newFile, work);
    expect(r.identical).toBe(true);
    expect(r.totalBytes).toBeLessThan(r.installerBytes * 0.1);
    expect(r.planBytes).toBeGreaterThanOrEqual(pair.changedBytes);
    // Each changed region (the version string, the rewrites, the insertion) is downloaded.
    for (const c of pair.changes) {
      const covered = r.downloads.some((d) => d.start <= c.offset && c.offset + c.length <= d.end);
      expect(covered, `${c.kind} at ${c.offset}`).toBe(true);
    }
    // What follows the insertion is shifted, yet copied from the old file, not downloaded.
    const insert = pair.changes.find((c) => c.kind === 'insert');
    const after = (insert?.offset ?? 0) + (insert?.length ?? 0) + 64 * 1024;
    expect(r.downloads.some((d) => d.start <= after && after < d.end)).toBe(false);
  }, 60_000);

  it('the same build downloads no block at all', async () => {
    const same = path.join(feed, 'ISO-Xa-Setup-1.1.1.exe');
    fs.copyFileSync(oldFile, same);
    const r = await measureDifferential(oldFile, same, tempDir('isoxa-diff-pc-'));
    expect(r).toMatchObject({ identical: true, planBytes: 0, blockBytesServed: 0 });
  }, 60_000);
});

const province = provinceFixture(() =>
  startServer(pglite, {}, undefined, { updatesDir: feed, signer: ephemeralSigner() }),
);

describe('an office PC updating from the province', () => {
  it('downloads a 0.5 % change as its changed blocks through the province route', async () => {
    for (const f of [oldFile, newFile]) fs.rmSync(`${f}.blockmap`, { force: true });
    let http: NodeUpdateHttp | null = null;
    const app = province.track(
      await startDemoDesk(vn('2026-11-23', '15:30'), {
        platform: {
          kind: 'test',
          appVersion: '1.1.0',
          updates: {
            create: (dataDir) => {
              const made = createNodeUpdater({
                appVersion: '1.1.0',
                dir: path.join(dataDir, 'updater'),
              });
              http = made.http;
              return made.updater;
            },
          },
        },
      }),
    );
    // The NSIS installer leaves a copy of itself in the updater's cache: the old file.
    const cache = path.join(app.dataDir, 'updater', UPDATER_CACHE_DIR);
    fs.mkdirSync(cache, { recursive: true });
    fs.copyFileSync(oldFile, path.join(cache, 'installer.exe'));
    const { code } = await province.h.admin.createOffice('000.00.31.H42', 'UBND xã Vi Sai');
    const { engine } = await enrollDesk(province.h.url, code, FAST, app);
    // Only 1.2.0 is published; 1.1.0 sits in the folder as the province's earlier installer.
    const published = await province.h.admin.call('POST', '/v1/admin/updates', {
      body: {
        file: path.basename(newFile),
        version: '1.2.0',
        notes: 'Bản vá nhỏ',
        stagingPercentage: 100,
      },
    });
    expect(published.status).toBe(201);
    const updates = appUpdatesFor(app.dataDir);
    if (!updates || !http) throw new Error('no updater');
    const client: NodeUpdateHttp = http;
    client.received = 0;
    expect((await engine.run()).ok).toBe(true);
    await updates.settled();
    expect(updates.state()).toMatchObject({ phase: 'downloaded', version: '1.2.0' });
    const kept = path.join(app.dataDir, 'updates', 'ISO-Xa-Setup-1.2.0.exe');
    expect(sha512Of(kept)).toBe(sha512Of(newFile));
    // The running version's blockmap was made by the server when the PC asked for it.
    expect(fs.existsSync(`${oldFile}.blockmap`)).toBe(true);
    expect(client.received).toBeGreaterThan(0);
    expect(client.received).toBeLessThan(pair.newSize * 0.1);
  }, 120_000);
});
