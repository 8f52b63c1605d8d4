// The signed manifest that goes on a USB stick next to a release's installer, for an office
// without network (core/update/usb-update.ts): signed with the server's key, which every
// office learned at enrolment.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { UsbUpdateEnvelope } from '../../core/update/usb-update';
import { encodeUsbUpdate, usbUpdateFileName } from '../../core/update/usb-update';
import type { Db } from '../database/connect';
import type { ServerSigner } from '../security/signing-key';
import { HttpError } from '../http/errors';
import { allReleases } from './updates';

const gzipAsync = promisify(gzip);

export const buildUsbUpdate = async (
  db: Db,
  signer: ServerSigner,
  version: string,
  now: number,
): Promise<{ fileName: string; bytes: Uint8Array }> => {
  const release = (await allReleases(db)).find((r) => r.version === version);
  if (!release) throw new HttpError(404, 'NOT_FOUND', `Chưa công bố phiên bản ${version}.`);
  if (release.withdrawnAt !== null) {
    throw new HttpError(409, 'CONFLICT', `Phiên bản ${version} đã bị thu hồi.`);
  }
  const envelope: UsbUpdateEnvelope = {
    format: 'isoxa-update',
    version: 1,
    appVersion: release.version,
    file: release.file,
    size: release.size,
    sha512: release.sha512,
    createdAt: now,
    notes: release.notes.slice(0, 5000),
  };
  const payload = await gzipAsync(Buffer.from(JSON.stringify(envelope)));
  const bytes = encodeUsbUpdate({
    header: {
      format: envelope.format,
      version: envelope.version,
      appVersion: envelope.appVersion,
      file: envelope.file,
      size: envelope.size,
      sha512: envelope.sha512,
      createdAt: envelope.createdAt,
      payloadBytes: payload.length,
    },
    signature: signer.sign(payload),
    payload,
  });
  return { fileName: usbUpdateFileName(release.file), bytes };
};
