// How one USB export is cut into sync files of at most SYNC_FILE_LIMITS.maxFileBytes: ops in
// client_seq order, each part closed before the op that would overflow it. A part carries the
// scans its own ops refer to (a scan two parts need travels in both), so every part applies on
// its own, in any order. Sizes are bounded from above (the ops' JSON before gzip), so a part
// never turns out larger than planned.
import { fileRefOf, FILE_LIMITS } from '../../core/sync/files';
import type { Op } from '../../core/sync/protocol';
import { SYNC_FILE_LIMITS } from '../../core/sync/sync-file';

export interface PlannedPart {
  readonly ops: readonly Op[];
  /** sha256 of the scans to carry, in order of first reference. */
  readonly files: readonly string[];
}

/** The frame's prefix, signature and largest header, the envelope's other fields, and gzip's
 * worst case on what it cannot compress. */
const FIXED_BYTES = 64 * 1024;
/** One entry of the envelope's file list. */
const FILE_ENTRY_BYTES = 120;

const opBytes = (o: Readonly<Op>): number => Buffer.byteLength(JSON.stringify(o)) + 1;

/**
 * Cuts `ops` into parts of at most `maxBytes`. `sizes` holds the size of every scan present on
 * this PC; an op whose scan is not there goes without it (the province defers it). A part
 * always takes at least one op, so one op whose scan alone overflows still has its part.
 */
export function planParts(
  ops: readonly Op[],
  sizes: ReadonlyMap<string, number>,
  maxBytes: number = SYNC_FILE_LIMITS.maxFileBytes,
): PlannedPart[] {
  const parts: PlannedPart[] = [];
  let current: { ops: Op[]; files: Set<string>; bytes: number } | null = null;
  for (const o of ops) {
    const sha256 = fileRefOf(o.entity, o.operation, o.row);
    const size = sha256 === null ? undefined : sizes.get(sha256);
    const costIn = (part: { files: Set<string> }) =>
      sha256 !== null && size !== undefined && !part.files.has(sha256)
        ? opBytes(o) + Math.min(size, FILE_LIMITS.maxFileBytes) + FILE_ENTRY_BYTES
        : opBytes(o);
    const overflows =
      current !== null &&
      (current.bytes + costIn(current) > maxBytes ||
        current.files.size >= SYNC_FILE_LIMITS.maxFiles);
    if (current === null || overflows) {
      if (current) parts.push({ ops: current.ops, files: [...current.files] });
      current = { ops: [], files: new Set(), bytes: FIXED_BYTES };
    }
    current.bytes += costIn(current);
    current.ops.push(o);
    if (sha256 !== null && size !== undefined) current.files.add(sha256);
  }
  parts.push({ ops: current?.ops ?? [], files: [...(current?.files ?? [])] });
  return parts;
}
