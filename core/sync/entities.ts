// The registry of entities offices may push, each with the required fields of its row.
// Rows stay open records (unknown fields are kept), so a new kind of record — the quality
// system's — joins by adding an entry here, without a new protocol version.
import { z } from 'zod';
import { REJECT_REASONS } from './errors';
import { FILE_LIMITS, sha256Hex } from './files';
import type { Op } from './protocol';
import { safeText } from './protocol';

const ms = z.int().min(0).max(8.64e15);
const optionalMs = ms.nullable().optional();
const base = { id: safeText(1, 200), updatedAt: ms };

export const ENTITY_ROWS = {
  dossier: z.looseObject({
    ...base,
    code: safeText(1, 100),
    status: safeText(1, 40),
    receivedAt: ms,
    dueAt: ms,
    returnedAt: optionalMs,
    resolvedAt: optionalMs,
    outcome: z.enum(['early', 'on_time', 'late']).nullable().optional(),
    procedureCode: safeText(1, 100).optional(),
    procedureName: safeText(0, 1000).optional(),
    applicantName: safeText(0, 300).optional(),
  }),
  dossier_step: z.looseObject({
    ...base,
    dossierId: safeText(1, 200),
    stepNo: z.int().min(0).max(1000),
    dueAt: optionalMs,
    finishedAt: optionalMs,
  }),
  dossier_event: z.looseObject({
    ...base,
    dossierId: safeText(1, 200),
    kind: safeText(1, 60),
    at: ms,
  }),
  /** A scanned document of a dossier; its bytes travel apart (core/sync/files.ts). */
  attachment: z.looseObject({
    ...base,
    dossierId: safeText(1, 200),
    sha256: sha256Hex,
    size: z.int().min(1).max(FILE_LIMITS.maxFileBytes),
    mimeType: safeText(1, 100),
    fileName: safeText(1, 255),
    addedAt: ms,
  }),
  /** A quality-system record of any kind (core/qms); its kind's fields ride in `data`. */
  qms_record: z.looseObject({
    ...base,
    kind: safeText(1, 60),
    state: safeText(1, 60),
    data: z.looseObject({}),
    fileSha256: sha256Hex.nullable().optional(),
  }),
  /** One line of a quality-system record's history (who, when, from → to, comment). */
  qms_history: z.looseObject({
    ...base,
    recordId: safeText(1, 200),
    kind: safeText(1, 60),
    at: ms,
    toState: safeText(1, 60),
  }),
  /** "Đã đọc và hiểu": a user acknowledged a revision of a document. */
  qms_acknowledgement: z.looseObject({
    ...base,
    revisionId: safeText(1, 200),
    userId: safeText(1, 200),
    at: ms,
  }),
  /** A catalog procedure version the office made by approving its procedure document. */
  procedure_version: z.looseObject({
    ...base,
    procedureCode: safeText(1, 100),
    version: z.int().min(1).max(100_000),
    effectiveFrom: safeText(10, 10),
    body: z.looseObject({}),
  }),
  /** One row of the office's audit trail, with its place in the hash chain (core/audit/chain):
   * the province checks that the rows it receives continue the chain it holds. */
  audit_row: z.looseObject({
    ...base,
    seq: z.int().min(1).max(Number.MAX_SAFE_INTEGER),
    at: ms,
    actorId: safeText(0, 200).nullable(),
    actorName: safeText(0, 300).nullable(),
    operation: safeText(1, 200),
    entity: safeText(1, 200),
    entityId: safeText(0, 300).nullable(),
    summary: safeText(0, 20_000),
    prevHash: sha256Hex,
    hash: sha256Hex,
  }),
  /** An official of the office: name, title, roles, whether disabled. Never a password hash. */
  user: z.looseObject({
    ...base,
    username: safeText(1, 100),
    fullName: safeText(1, 300),
    roles: z.array(safeText(1, 60)).max(50),
    disabled: z.boolean(),
  }),
  /** The office's settings (one row): address, session and backup settings, desk rules. */
  office_settings: z.looseObject({
    ...base,
    sessionTimeoutMinutes: z.int().min(1).max(100_000),
    backupKeep: z.int().min(1).max(100_000),
    desk: z.looseObject({}).nullable(),
  }),
  /** A year's calendar as the office edited it (days off, working Saturdays). */
  calendar_year: z.looseObject({
    ...base,
    year: z.int().min(1900).max(2199),
    data: z.looseObject({}),
  }),
} as const;

export type EntityName = keyof typeof ENTITY_ROWS;
export const ENTITY_NAMES = Object.keys(ENTITY_ROWS) as EntityName[];
export const isEntityName = (name: string): name is EntityName =>
  Object.prototype.hasOwnProperty.call(ENTITY_ROWS, name);

/** Entities whose rows are never deleted: the audit trail. */
const APPEND_ONLY: ReadonlySet<EntityName> = new Set(['audit_row']);

/** What a delete carries: enough to find the row and to order it. */
const tombstone = z.looseObject(base);

const MAX_DEPTH = 32;
/** PostgreSQL's jsonb refuses NUL in strings and keys; deep nesting is a parser hazard.
 * Returns the path of the first offending value, or null. */
export const findUnstorable = (value: unknown, path = '', depth = 0): string | null => {
  if (depth > MAX_DEPTH) return path || '(gốc)';
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(gốc)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findUnstorable(value[i], `${path}[${i}]`, depth + 1);
      if (bad !== null) return bad;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return at;
      const bad = findUnstorable(child, at, depth + 1);
      if (bad !== null) return bad;
    }
  }
  return null;
};

export type RowCheck =
  | { readonly ok: true; readonly entity: EntityName; readonly row: Record<string, unknown> }
  | { readonly ok: false; readonly reason: string };

/** Checks an (already upgraded) op's entity and row; the reason is Vietnamese, shown as is. */
export const checkOpRow = (o: Readonly<Op>): RowCheck => {
  if (!isEntityName(o.entity)) return { ok: false, reason: REJECT_REASONS.unknownEntity(o.entity) };
  if (o.operation === 'delete' && APPEND_ONLY.has(o.entity))
    return { ok: false, reason: REJECT_REASONS.appendOnly };
  const schema = o.operation === 'delete' ? tombstone : ENTITY_ROWS[o.entity];
  const parsed = schema.safeParse(o.row);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(gốc)'))];
    return { ok: false, reason: REJECT_REASONS.invalidRow(fields.slice(0, 5).join(', ')) };
  }
  if (parsed.data.id !== o.entityId) return { ok: false, reason: REJECT_REASONS.idMismatch };
  const bad = findUnstorable(o.row);
  if (bad !== null) return { ok: false, reason: REJECT_REASONS.invalidRow(bad) };
  return { ok: true, entity: o.entity, row: o.row };
};
