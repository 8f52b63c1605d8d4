// Files (scanned documents) in the sync protocol: content-addressed by sha256, uploaded apart
// from the ops in chunks that resume from what the server holds, and verified by the server
// before any op that refers to them is applied. Each office only ever sees its own files.
import { z } from 'zod';

export const FILE_LIMITS = {
  /** Largest file an office may upload (an attachment's own limit). */
  maxFileBytes: 20 * 1024 * 1024,
  /** Largest chunk the server takes in one PUT (after inflating a gzip body). */
  maxChunkBytes: 1024 * 1024,
  /** What the desktop sends per PUT: a cut costs at most this much again. */
  chunkBytes: 512 * 1024,
} as const;

/** Lower-case hex sha256, the address of a file. */
export const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'Mã sha256 không hợp lệ');

/** Entities whose rows point at a file, and the field holding its sha256. An upsert of such a
 * row waits (client) or is deferred (server) until the office's copy of the file is verified. */
export const FILE_FIELDS: Readonly<Record<string, string>> = {
  attachment: 'sha256',
  qms_record: 'fileSha256',
};

/** The sha256 an op's row refers to, or null when it refers to none. */
export const fileRefOf = (
  entity: string,
  operation: string,
  row: Readonly<Record<string, unknown>>,
): string | null => {
  const field = Object.prototype.hasOwnProperty.call(FILE_FIELDS, entity)
    ? FILE_FIELDS[entity]
    : undefined;
  if (!field || operation !== 'upsert') return null;
  // A row whose file a disposal decision erased refers to no file any more.
  if (row.erasedAt !== undefined && row.erasedAt !== null) return null;
  const parsed = sha256Hex.safeParse(row[field]);
  return parsed.success ? parsed.data : null;
};

/** GET /v1/files/:sha256 (and each PUT's answer): how much of the file the server holds. An
 * unknown file is { size: null, received: 0, verified: false }, whoever else may hold it. */
export const fileStatus = z.object({
  sha256: sha256Hex,
  size: z.int().min(0).max(FILE_LIMITS.maxFileBytes).nullable(),
  received: z.int().min(0).max(FILE_LIMITS.maxFileBytes),
  verified: z.boolean(),
});
export type FileStatus = z.infer<typeof fileStatus>;

export const fileParams = z.object({ sha256: sha256Hex });

const decimal = (max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/)
    .transform(Number)
    .pipe(z.int().min(0).max(max));

/** PUT /v1/files/:sha256?offset=&size= with the chunk as application/octet-stream. */
export const chunkQuery = z.object({
  offset: decimal(FILE_LIMITS.maxFileBytes),
  size: decimal(FILE_LIMITS.maxFileBytes).pipe(z.int().min(1)),
});

/** Headers of the status answer, so a HEAD request tells as much as the GET body. */
export const FILE_HEADERS = {
  size: 'x-isoxa-file-size',
  received: 'x-isoxa-file-received',
  verified: 'x-isoxa-file-verified',
} as const;
