// Rules for the scanned documents attached to a dossier: which files are taken (PDF, JPEG,
// PNG, recognised by their first bytes rather than by a name or a browser's guess), how large,
// and who may attach one.
import { FILE_LIMITS } from '../sync/files';
import { availableActions, type ActionState, type Actor } from './actions';

export const ATTACHMENT_MAX_BYTES = FILE_LIMITS.maxFileBytes;
export const ATTACHMENT_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIME_TYPES)[number];

const MAGIC: readonly { readonly mime: AttachmentMime; readonly bytes: readonly number[] }[] = [
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

/** The type of a file from its content, or null when it is not one the office keeps. */
export function sniffAttachmentType(bytes: Readonly<Uint8Array>): AttachmentMime | null {
  for (const m of MAGIC) {
    if (bytes.length >= m.bytes.length && m.bytes.every((b, i) => bytes[i] === b)) return m.mime;
  }
  return null;
}

/** A file name as shown and saved again: no folders, no control characters, kept short. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch >= ' ' && ch !== '\u007f')
    .join('')
    .trim();
  return (clean || 'tai-lieu').slice(0, 200);
}

/** Whoever may act on the dossier now, and the desk officer (who receives the papers and
 * hands out the result), at any time. */
export function mayAttach(state: Readonly<ActionState>, actor: Readonly<Actor>): boolean {
  return actor.roles.includes('desk_officer') || availableActions(state, actor).length > 0;
}
