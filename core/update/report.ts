// What a PC tells the province about its updates, with every push and pull (and inside a USB
// sync file's header would be a later step): the phase of its updater, the version it is
// fetching or has fetched, and the last error in plain words. Sent as one header, base64url
// of JSON, because an error message is Vietnamese text that a raw header cannot carry.
import { z } from 'zod';
import { appVersionNumber } from './release';

export const UPDATE_HEADER = 'x-isoxa-update';

export const UPDATE_PHASES = [
  'idle',
  'checking',
  'downloading',
  'downloaded',
  'installing',
  'failed',
] as const;
export type UpdatePhase = (typeof UPDATE_PHASES)[number];

export const updateReport = z.object({
  phase: z.enum(UPDATE_PHASES),
  /** The version being fetched, fetched, or that failed; null when idle. */
  version: appVersionNumber.nullable(),
  error: z.string().max(300).nullable(),
});
export type UpdateReport = z.infer<typeof updateReport>;

const toBase64url = (text: string): string => {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64url = (value: string): string => {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (c) => c.charCodeAt(0)),
  );
};

export const formatUpdateHeader = (r: Readonly<UpdateReport>): string =>
  toBase64url(JSON.stringify({ ...r, error: r.error?.slice(0, 300) ?? null }));

/** The report, or null for anything malformed (a bad report never fails a sync). */
export const parseUpdateHeader = (value: unknown): UpdateReport | null => {
  if (typeof value !== 'string' || value.length > 1200 || !/^[A-Za-z0-9_-]+$/.test(value))
    return null;
  try {
    const parsed = updateReport.safeParse(JSON.parse(fromBase64url(value)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};
