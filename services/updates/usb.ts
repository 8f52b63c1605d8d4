// Installing an update from a USB stick (core/update/usb-update.ts): the signed manifest must
// verify with the province key this PC learned at enrolment, name a newer version than the
// running one, and the installer next to it must have the manifest's size and sha512. Only
// then is a copy (checked again after copying) kept in <data>/updates and offered for
// install; any failure leaves nothing behind.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { AppError } from '../../core/errors';
import type { UsbUpdateEnvelope } from '../../core/update/usb-update';
import {
  decodeUsbUpdate,
  USB_UPDATE_MAX_BYTES,
  usbHeaderMatches,
  usbUpdateAllowed,
  usbUpdateEnvelope,
} from '../../core/update/usb-update';
import type { Db } from '../../db/open';
import { readServerKey, verifyServerSignature } from '../sync/state';
import { updatesFolder } from './installers';

const gunzipAsync = promisify(gunzip);

export const USB_MESSAGES = {
  notManifest:
    'Tệp đã chọn không phải tệp xác thực bản cập nhật của ISO Xã (đuôi .isoxa-update). Không có gì được cài.',
  noKey:
    'Máy này chưa có khóa xác thực của máy chủ tỉnh nên chưa kiểm tra được bản cập nhật. Hãy đồng bộ qua mạng một lần hoặc đăng ký máy với tỉnh. Không có gì được cài.',
  signature:
    'Chữ ký của tệp xác thực không đúng: tệp đã bị sửa hoặc không do máy chủ tỉnh của cơ quan cấp. Không có gì được cài.',
  downgrade: (v: string, running: string) =>
    `Bản cập nhật ${v} không mới hơn phiên bản đang dùng (${running}); không cài để tránh hạ cấp phần mềm.`,
  installerMissing: (file: string) =>
    `Không thấy bộ cài ${file} cạnh tệp xác thực. Hãy chép cả hai tệp vào cùng một thư mục. Không có gì được cài.`,
  installerMismatch: (file: string) =>
    `Bộ cài ${file} không khớp với tệp xác thực của tỉnh (kích thước hoặc mã SHA-512): tệp đã bị sửa hoặc chép lỗi. Không có gì được cài.`,
} as const;

const refuse = (message: string) => new AppError('INVALID_INPUT', message);

async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('base64');
}

async function readManifest(db: Db, file: string): Promise<UsbUpdateEnvelope> {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size > USB_UPDATE_MAX_BYTES) throw refuse(USB_MESSAGES.notManifest);
  const parts = decodeUsbUpdate(fs.readFileSync(file));
  if (!parts) throw refuse(USB_MESSAGES.notManifest);
  const key = readServerKey(db);
  if (!key) throw refuse(USB_MESSAGES.noKey);
  if (!verifyServerSignature(key, parts.payload, parts.signature)) {
    throw refuse(USB_MESSAGES.signature);
  }
  let envelope: UsbUpdateEnvelope;
  try {
    const json = await gunzipAsync(parts.payload, { maxOutputLength: 1024 * 1024 });
    envelope = usbUpdateEnvelope.parse(JSON.parse(json.toString('utf8')));
  } catch {
    throw refuse(USB_MESSAGES.notManifest);
  }
  if (!usbHeaderMatches(parts.header, envelope)) throw refuse(USB_MESSAGES.notManifest);
  return envelope;
}

export interface UsbImport {
  readonly version: string;
  readonly notes: string;
  /** The verified copy in <data>/updates. */
  readonly file: string;
}

/** Verifies the manifest and its installer; keeps a verified copy. Nothing is kept on failure. */
export async function importUsbUpdate(
  db: Db,
  dataDir: string,
  runningVersion: string,
  manifestPath: string,
): Promise<UsbImport> {
  const m = await readManifest(db, manifestPath);
  if (!usbUpdateAllowed(m.appVersion, runningVersion)) {
    throw refuse(USB_MESSAGES.downgrade(m.appVersion, runningVersion));
  }
  const source = path.join(path.dirname(manifestPath), m.file);
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw refuse(USB_MESSAGES.installerMissing(m.file));
  if (stat.size !== m.size || (await sha512Of(source)) !== m.sha512) {
    throw refuse(USB_MESSAGES.installerMismatch(m.file));
  }
  // The copy is what runs: it is checked again, so a stick pulled out (or a file swapped)
  // while copying is caught.
  const dir = updatesFolder(dataDir);
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, m.file);
  const part = `${target}.part`;
  try {
    fs.copyFileSync(source, part);
    if (fs.statSync(part).size !== m.size || (await sha512Of(part)) !== m.sha512) {
      throw refuse(USB_MESSAGES.installerMismatch(m.file));
    }
    fs.renameSync(part, target);
  } finally {
    fs.rmSync(part, { force: true });
  }
  return { version: m.appVersion, notes: m.notes, file: target };
}
