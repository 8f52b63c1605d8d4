// Pure parts of the USB round trip and the update feed: the sync and reply files' frames, the
// outbox report header, version order and installer names.
import { describe, expect, it } from 'vitest';
import { appUpdateManifest, compareVersions, updateFileName } from '../../core/sync/app-update';
import { formatOutboxHeader, outboxHeader } from '../../core/sync/protocol';
import { decodeReplyFile, encodeReplyFile } from '../../core/sync/reply-file';
import type { SyncEnvelope, SyncFileHeader } from '../../core/sync/sync-file';
import { carriedFilesOf, decodeSyncFile, encodeSyncFile } from '../../core/sync/sync-file';

const header = (payloadBytes: number) => ({
  format: 'isoxa-reply' as const,
  version: 1 as const,
  deviceId: '01900000-0000-7000-8000-000000000001',
  officeId: '01900000-0000-7000-8000-000000000002',
  officeAgencyCode: '000.00.12.H56',
  createdAt: 1,
  ackCount: 0,
  entryCount: 0,
  payloadBytes,
});

describe('reply file frame', () => {
  it('round-trips, and is not a sync file nor a truncated reply', () => {
    const payload = Uint8Array.from([0x1f, 0x8b, 9, 9]);
    const bytes = encodeReplyFile({
      header: header(payload.length),
      signature: new Uint8Array(64).fill(1),
      payload,
    });
    expect(decodeReplyFile(bytes)?.header).toEqual(header(payload.length));
    expect(decodeSyncFile(bytes)).toBeNull();
    expect(decodeReplyFile(bytes.subarray(0, bytes.length - 1))).toBeNull();
    const lying = encodeReplyFile({
      header: header(payload.length + 1),
      signature: new Uint8Array(64),
      payload,
    });
    expect(decodeReplyFile(lying)).toBeNull();
  });
});

describe('sync file frame', () => {
  const syncHeader = (extra: Partial<SyncFileHeader>): SyncFileHeader => ({
    format: 'isoxa-sync',
    version: 2,
    deviceId: '01900000-0000-7000-8000-000000000001',
    officeAgencyCode: '000.00.12.H56',
    createdAt: 1,
    opCount: 0,
    fileCount: 2,
    envelopeBytes: 4,
    payloadBytes: 9,
    ...extra,
  });
  const payload = Uint8Array.from([0x1f, 0x8b, 9, 9, 1, 2, 3, 4, 5]);
  const encode = (h: SyncFileHeader) =>
    encodeSyncFile({ header: h, signature: new Uint8Array(64), payload });

  it('cuts the scans after the envelope by the sizes it lists, and nothing else', () => {
    const parts = decodeSyncFile(encode(syncHeader({})));
    if (!parts) throw new Error('not decoded');
    const files = (sizes: number[]) =>
      ({ files: sizes.map((size) => ({ sha256: 'a'.repeat(64), size })) }) as SyncEnvelope;
    expect(carriedFilesOf(parts, files([2, 3]))?.map((f) => [...f.bytes])).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(carriedFilesOf(parts, files([2, 2]))).toBeNull();
    expect(carriedFilesOf(parts, files([2, 4]))).toBeNull();
  });

  it('refuses a header that does not fit its version', () => {
    expect(decodeSyncFile(encode(syncHeader({ envelopeBytes: undefined })))).toBeNull();
    expect(decodeSyncFile(encode(syncHeader({ envelopeBytes: 10 })))).toBeNull();
    expect(decodeSyncFile(encode(syncHeader({ version: 1 })))).toBeNull();
    const v1 = { ...syncHeader({ version: 1 }), fileCount: undefined, envelopeBytes: undefined };
    expect(decodeSyncFile(encode(v1))?.header.version).toBe(1);
  });
});

describe('outbox report', () => {
  it('formats and parses the header; anything else is refused', () => {
    const text = formatOutboxHeader({ pending: 12, rejected: 3 });
    expect(text).toBe('pending=12;rejected=3');
    expect(outboxHeader.parse(text)).toEqual({ pending: 12, rejected: 3 });
    for (const bad of ['pending=-1;rejected=0', 'pending=1', 'rejected=1;pending=1', '1,2']) {
      expect(outboxHeader.safeParse(bad).success).toBe(false);
    }
  });
});

describe('app updates', () => {
  it('orders versions, a pre-release before its release', () => {
    expect(compareVersions('1.10.0', '1.9.3')).toBe(1);
    expect(compareVersions('1.2.0', '1.2.0')).toBe(0);
    expect(compareVersions('1.2.0-beta.1', '1.2.0')).toBe(-1);
    expect(compareVersions('0.0.0-test', '0.1.0')).toBe(-1);
  });

  it('accepts installer names without separators only', () => {
    expect(updateFileName.safeParse('ISO-Xa-Setup-1.2.0.exe').success).toBe(true);
    for (const bad of ['../x.exe', 'a/b.exe', '.hidden', 'a..b', 'C:\\x.exe', '']) {
      expect(updateFileName.safeParse(bad).success).toBe(false);
    }
    const manifest = {
      version: '1.2.0',
      notes: '',
      file: 'a.exe',
      path: '/v1/updates/a.exe',
      size: 1,
      sha256: 'a'.repeat(64),
    };
    expect(appUpdateManifest.safeParse(manifest).success).toBe(true);
    expect(appUpdateManifest.safeParse({ ...manifest, path: 'https://x/a.exe' }).success).toBe(
      false,
    );
  });
});
