// The two files of a visiting audit, on the signed frame of the USB files (core/sync/frame.ts):
// - the pack (.isoxa-audit): gzip JSON sealed with AES-256-GCM under a random pack key, that key
//   wrapped under a passphrase shown once at export (scrypt, the recovery code's wrapping), and
//   the payload signed with an Ed25519 key made for the pack;
// - the results (.isoxa-audit-result): gzip JSON sealed under the same pack key (only the home
//   office and whoever holds the passphrase open it) and signed with an Ed25519 key made on the
//   visiting PC at import, which the home office pins at the first results it applies.
// The header travels in clear (what the file is, for which audit and office) and is bound to the
// payload as the cipher's associated data: changing either fails the open. No new crypto: AEAD,
// HKDF sub-keys and the passphrase wrap are services/security's; Ed25519 is node:crypto's.
import { createPrivateKey, randomBytes, sign } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { z } from 'zod';
import { AppError } from '../../core/errors';
import {
  PACK_MAGIC,
  PACK_VERSION,
  packContent,
  packHeader,
  RESULTS_MAGIC,
  resultsContent,
  resultsHeader,
  type PackContent,
  type PackHeader,
  type ResultsContent,
  type ResultsHeader,
} from '../../core/qms/audit-pack';
import { decodeFrame, encodeFrame, type FrameParts } from '../../core/sync/frame';
import { open, seal, subKey } from '../security/aead';
import { keyIdOf, unwrapWithRecoveryCode, wrapForRecovery } from '../security/recovery-code';
import { generateDeviceKey, verifyServerSignature } from '../sync/state';

export { newRecoveryCode as newPassphrase } from '../security/recovery-code';

export const newPackKey = (): Buffer => randomBytes(32);
export const newSigningKey = generateDeviceKey;

const signWith = (privateKey: string, bytes: Uint8Array): Uint8Array =>
  sign(
    null,
    bytes,
    createPrivateKey({ key: Buffer.from(privateKey, 'base64'), format: 'der', type: 'pkcs8' }),
  );

const aad = (header: unknown) => Buffer.from(JSON.stringify(header), 'utf8');

function sealed(key: Buffer, purpose: string, header: unknown, content: unknown): Buffer {
  return seal(subKey(key, purpose), gzipSync(JSON.stringify(content)), aad(header));
}

function opened<T>(
  key: Buffer,
  purpose: string,
  frame: FrameParts,
  schema: z.ZodType<T>,
): T | null {
  const plain = open(subKey(key, purpose), frame.payload, aad(frame.header));
  if (!plain) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(gunzipSync(plain).toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const tampered = () => new AppError('AUDIT_FILE_TAMPERED');

/** What a file is, by its magic, for a clearer refusal. */
function wrongKind(bytes: Uint8Array, wanted: 'pack' | 'results'): AppError {
  const magic = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (wanted === 'pack' && magic === RESULTS_MAGIC)
    return new AppError(
      'AUDIT_FILE_INVALID',
      'Đây là tệp kết quả đánh giá, không phải gói đánh giá: hãy nhập nó ở cơ quan được đánh giá (nút "Nhập kết quả" của cuộc đánh giá). Không có gì được ghi.',
    );
  if (wanted === 'results' && magic === PACK_MAGIC)
    return new AppError(
      'AUDIT_FILE_INVALID',
      'Đây là gói đánh giá, không phải tệp kết quả: gói được nhập ở máy của đánh giá viên (Nhập gói đánh giá). Không có gì được ghi.',
    );
  return new AppError(
    'AUDIT_FILE_INVALID',
    wanted === 'pack'
      ? 'Tệp không phải gói đánh giá ISO Xã (.isoxa-audit) hoặc đã bị hỏng; không có gì được ghi.'
      : 'Tệp không phải tệp kết quả đánh giá ISO Xã (.isoxa-audit-result) hoặc đã bị hỏng; không có gì được ghi.',
  );
}

export function encodePack(
  content: PackContent,
  packKey: Buffer,
  passphrase: string,
  signPrivate: string,
  office: { agencyCode: string; name: string },
): Uint8Array {
  const header: PackHeader = {
    format: 'isoxa-audit-pack',
    version: PACK_VERSION,
    packId: content.packId,
    auditCode: content.audit.code,
    officeAgencyCode: office.agencyCode,
    officeName: office.name,
    createdAt: content.createdAt,
    wrap: wrapForRecovery(packKey, passphrase),
    keyId: keyIdOf(packKey),
    signerKey: content.signerKey,
  };
  const payload = sealed(packKey, 'audit-pack', header, content);
  return encodeFrame(PACK_MAGIC, PACK_VERSION, header, signWith(signPrivate, payload), payload);
}

/** The pack's header, content and key; a Vietnamese AppError for anything else. */
export function decodePack(
  bytes: Uint8Array,
  passphrase: string,
): { header: PackHeader; content: PackContent; packKey: Buffer } {
  const frame = decodeFrame(PACK_MAGIC, PACK_VERSION, bytes);
  const header = frame ? packHeader.safeParse(frame.header) : null;
  if (!frame || !header?.success) throw wrongKind(bytes, 'pack');
  const h = header.data;
  if (!verifyServerSignature(h.signerKey, frame.payload, frame.signature)) throw tampered();
  const packKey = unwrapWithRecoveryCode({ keyId: h.keyId, recovery: h.wrap }, passphrase);
  if (!packKey) throw new AppError('AUDIT_FILE_PASSPHRASE');
  const content = opened(packKey, 'audit-pack', frame, packContent);
  if (!content || content.packId !== h.packId || content.signerKey !== h.signerKey)
    throw tampered();
  return { header: h, content, packKey };
}

export function encodeResults(
  content: ResultsContent,
  auditCode: string,
  packKey: Buffer,
  signer: { privateKey: string; publicKey: string },
): Uint8Array {
  const header: ResultsHeader = {
    format: 'isoxa-audit-results',
    version: PACK_VERSION,
    packId: content.packId,
    auditCode,
    homeAgencyCode: content.homeAgencyCode,
    seq: content.seq,
    createdAt: content.createdAt,
    signerKey: signer.publicKey,
  };
  const payload = sealed(packKey, 'audit-results', header, content);
  return encodeFrame(
    RESULTS_MAGIC,
    PACK_VERSION,
    header,
    signWith(signer.privateKey, payload),
    payload,
  );
}

/** A results file's header (read before the pack key is known) and its frame. */
export function readResultsHeader(bytes: Uint8Array): { header: ResultsHeader; frame: FrameParts } {
  const frame = decodeFrame(RESULTS_MAGIC, PACK_VERSION, bytes);
  const header = frame ? resultsHeader.safeParse(frame.header) : null;
  if (!frame || !header?.success) throw wrongKind(bytes, 'results');
  return { header: header.data, frame };
}

/** The results, checked: signed by the key in its header, sealed under the pack key. */
export function openResults(
  header: ResultsHeader,
  frame: FrameParts,
  packKey: Buffer,
): ResultsContent {
  if (!verifyServerSignature(header.signerKey, frame.payload, frame.signature)) throw tampered();
  const content = opened(packKey, 'audit-results', frame, resultsContent);
  if (
    !content ||
    content.packId !== header.packId ||
    content.seq !== header.seq ||
    content.homeAgencyCode !== header.homeAgencyCode
  )
    throw tampered();
  return content;
}
