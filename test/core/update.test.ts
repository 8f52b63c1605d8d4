// Pure parts of app updates: the staged rollout decision, semver ordering, which release a PC
// is offered, latest.yml as electron-updater itself parses it, the update report header and
// the USB manifest's frame.
import { createHash } from 'node:crypto';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { ReleaseRecord } from '../../core/update/release';
import { formatLatestYml, installerName, latestYmlOf, offerFor } from '../../core/update/release';
import { formatUpdateHeader, parseUpdateHeader } from '../../core/update/report';
import { inStage, stagingBucket } from '../../core/update/staging';
import {
  decodeUsbUpdate,
  encodeUsbUpdate,
  usbUpdateAllowed,
  type UsbUpdateHeader,
} from '../../core/update/usb-update';
import { compareVersions, isNewer, sortNewestFirst } from '../../core/update/versions';

const ids = (n: number, make: () => string) => Array.from({ length: n }, () => make());

const release = (version: string, over: Partial<ReleaseRecord> = {}): ReleaseRecord => ({
  version,
  file: installerName(version),
  size: 1000,
  sha512: createHash('sha512').update(version).digest('base64'),
  blockMap: true,
  notes: 'Sửa lỗi',
  releasedAt: Date.UTC(2026, 11, 1),
  stagingPercentage: 100,
  paused: false,
  withdrawnAt: null,
  ...over,
});

describe('staged rollout', () => {
  it.each([
    ['UUIDv7 (as the server issues)', uuidv7],
    ['UUIDv4', uuidv4],
  ])(
    '%s: 30 percent reaches about 30 percent of 1,000 ids, always the same ones',
    (_name, make) => {
      const devices = ids(1000, make);
      const at30 = devices.filter((d) => inStage(d, 30));
      expect(at30.length).toBeGreaterThan(250);
      expect(at30.length).toBeLessThan(350);
      // The same PCs every time it is asked, whatever the case or spacing of the id.
      expect(devices.filter((d) => inStage(` ${d.toUpperCase()} `, 30))).toEqual(at30);
      const at60 = devices.filter((d) => inStage(d, 60));
      expect(at60.length).toBeGreaterThan(550);
      expect(at60.length).toBeLessThan(650);
      // Raising to 60 % keeps every PC of the first 30 %.
      for (const d of at30) expect(at60).toContain(d);
    },
  );

  it('0 % reaches nobody, 100 % and no percentage everybody', () => {
    for (const d of ids(200, uuidv7)) {
      expect(inStage(d, 0)).toBe(false);
      expect(inStage(d, 100)).toBe(true);
      expect(inStage(d, null)).toBe(true);
      expect(stagingBucket(d)).toBeGreaterThanOrEqual(0);
      expect(stagingBucket(d)).toBeLessThan(100);
    }
  });
});

describe('versions (semver)', () => {
  it('orders versions as semver does, a pre-release before its release', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('1.2.0-beta.2', '1.2.0-beta.10')).toBe(-1);
    expect(compareVersions('1.2.0-beta.1', '1.2.0')).toBe(-1);
    expect(isNewer('0.1.1', '0.1.0')).toBe(true);
    expect(isNewer('0.1.0', '0.1.0')).toBe(false);
    expect(sortNewestFirst(['0.9.0', 'hỏng', '1.0.0', '0.10.0'])).toEqual([
      '1.0.0',
      '0.10.0',
      '0.9.0',
    ]);
  });
});

describe('which release a PC is offered', () => {
  const d = uuidv7();

  it('offers the newest live release whose rollout includes the PC', () => {
    const offer = offerFor([release('1.1.0'), release('1.2.0')], d);
    expect(offer?.release.version).toBe('1.2.0');
    expect(offer?.stagingPercentage).toBe(100);
  });

  it('never offers a withdrawn release; falls back to the one before', () => {
    const offer = offerFor([release('1.1.0'), release('1.2.0', { withdrawnAt: 1 })], d);
    expect(offer?.release.version).toBe('1.1.0');
    expect(offerFor([release('1.2.0', { withdrawnAt: 1 })], d)).toBeNull();
  });

  it('a paused release or one whose share leaves the PC out is said at 0 %', () => {
    expect(offerFor([release('1.2.0', { paused: true })], d)).toMatchObject({
      stagingPercentage: 0,
    });
    const out = ids(50, uuidv7).find((x) => !inStage(x, 20)) ?? '';
    const offer = offerFor([release('1.1.0'), release('1.2.0', { stagingPercentage: 20 })], out);
    expect(offer?.release.version).toBe('1.1.0');
    const alone = offerFor([release('1.2.0', { stagingPercentage: 20 })], out);
    expect(alone).toMatchObject({ stagingPercentage: 0 });
  });
});

describe('latest.yml', () => {
  it('parses with electron-updater’s own parser and carries the installer’s sha512', () => {
    const installer = Buffer.alloc(4096, 'ISO Xã ');
    const sha512 = createHash('sha512').update(installer).digest('base64');
    const r = release('1.2.0', { size: installer.length, sha512, stagingPercentage: 30 });
    const text = formatLatestYml(latestYmlOf({ release: r, stagingPercentage: 30 }));
    const info = parseUpdateInfo(text, 'latest.yml', new URL('https://tinh.example/v1/updates/'));
    expect(info.version).toBe('1.2.0');
    expect(info.stagingPercentage).toBe(30);
    expect(info.files).toEqual([{ url: 'ISO-Xa-Setup-1.2.0.exe', sha512, size: installer.length }]);
    expect(info.sha512).toBe(sha512);
    expect(info.path).toBe('ISO-Xa-Setup-1.2.0.exe');
    expect(new Date(info.releaseDate).getTime()).toBe(r.releasedAt);
    expect(info.releaseNotes).toBe('Sửa lỗi');
  });
});

describe('update report header', () => {
  it('carries Vietnamese error text and refuses anything malformed', () => {
    const report = {
      phase: 'failed' as const,
      version: '1.2.0',
      error: 'Mất kết nối máy chủ tỉnh',
    };
    expect(parseUpdateHeader(formatUpdateHeader(report))).toEqual(report);
    for (const bad of [undefined, '', 'a b', '!!!', 'e30', 'x'.repeat(2000)]) {
      expect(parseUpdateHeader(bad)).toBeNull();
    }
  });
});

describe('USB update manifest frame', () => {
  const header: UsbUpdateHeader = {
    format: 'isoxa-update',
    version: 1,
    appVersion: '1.2.0',
    file: 'ISO-Xa-Setup-1.2.0.exe',
    size: 10,
    sha512: release('x').sha512,
    createdAt: 1,
    payloadBytes: 3,
  };

  it('round-trips, and refuses a frame whose payload length is not the header’s', () => {
    const bytes = encodeUsbUpdate({
      header,
      signature: new Uint8Array(64),
      payload: Uint8Array.from([0x1f, 0x8b, 1]),
    });
    expect(decodeUsbUpdate(bytes)?.header).toEqual(header);
    expect(decodeUsbUpdate(bytes.subarray(0, bytes.length - 1))).toBeNull();
    expect(decodeUsbUpdate(new Uint8Array(100))).toBeNull();
  });

  it('allows only a newer version', () => {
    expect(usbUpdateAllowed('1.2.0', '1.1.9')).toBe(true);
    expect(usbUpdateAllowed('1.2.0', '1.2.0')).toBe(false);
    expect(usbUpdateAllowed('1.1.0', '1.2.0')).toBe(false);
  });
});
