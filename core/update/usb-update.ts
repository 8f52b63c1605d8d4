// An app update on a USB stick, for an office without network: the installer as the province
// published it, and next to it a small manifest signed by the provincial server's Ed25519 key
// (the key the office learned at enrolment). The manifest is core/sync/frame.ts with magic
// "ISOXAUPD": a readable header, the signature over the payload, and the payload (gzip of the
// JSON envelope below). The PC checks the signature, that the header repeats the envelope,
// that the version is newer than its own, and the installer's size and sha512, before keeping
// anything. Gzip and Ed25519 live with the caller (Node): this module only frames and parses.
import { z } from 'zod';
import { decodeFrame, encodeFrame } from '../sync/frame';
import { appVersionNumber, sha512Base64, updateFileName } from './release';
import { compareVersions } from './versions';

export const USB_UPDATE_MAGIC = 'ISOXAUPD';
export const USB_UPDATE_VERSION = 1;
export const USB_UPDATE_EXTENSION = '.isoxa-update';
/** A manifest is a few hundred bytes; anything bigger is not one. */
export const USB_UPDATE_MAX_BYTES = 64 * 1024;

const identity = {
  format: z.literal('isoxa-update'),
  version: z.literal(USB_UPDATE_VERSION),
  appVersion: appVersionNumber,
  /** The installer's name, expected next to the manifest. */
  file: updateFileName,
  size: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
  sha512: sha512Base64,
  /** Server clock. */
  createdAt: z.int().min(0),
};

export const usbUpdateHeader = z.object({ ...identity, payloadBytes: z.int().min(1) });
export type UsbUpdateHeader = z.infer<typeof usbUpdateHeader>;
export const usbUpdateEnvelope = z.object({ ...identity, notes: z.string().max(5000) });
export type UsbUpdateEnvelope = z.infer<typeof usbUpdateEnvelope>;

export interface UsbUpdateParts {
  readonly header: UsbUpdateHeader;
  readonly signature: Uint8Array;
  readonly payload: Uint8Array;
}

export const encodeUsbUpdate = (parts: Readonly<UsbUpdateParts>): Uint8Array =>
  encodeFrame(USB_UPDATE_MAGIC, USB_UPDATE_VERSION, parts.header, parts.signature, parts.payload);

/** Parses the frame; null for anything that is not a well-formed update manifest. */
export const decodeUsbUpdate = (bytes: Uint8Array): UsbUpdateParts | null => {
  if (bytes.length > USB_UPDATE_MAX_BYTES) return null;
  const frame = decodeFrame(USB_UPDATE_MAGIC, USB_UPDATE_VERSION, bytes);
  const header = frame ? usbUpdateHeader.safeParse(frame.header) : null;
  if (!frame || !header?.success) return null;
  if (frame.payload.length !== header.data.payloadBytes) return null;
  return { header: header.data, signature: frame.signature, payload: frame.payload };
};

/** The header must repeat what the signed envelope says. */
export const usbHeaderMatches = (
  h: Readonly<UsbUpdateHeader>,
  e: Readonly<UsbUpdateEnvelope>,
): boolean =>
  h.appVersion === e.appVersion &&
  h.file === e.file &&
  h.size === e.size &&
  h.sha512 === e.sha512 &&
  h.createdAt === e.createdAt;

/** Only a newer version installs from a stick: an old signed file cannot roll a PC back. */
export const usbUpdateAllowed = (manifestVersion: string, runningVersion: string): boolean =>
  compareVersions(manifestVersion, runningVersion) > 0;

export const usbUpdateFileName = (installer: string): string => installer + USB_UPDATE_EXTENSION;
