// The office ↔ province sync protocol: versions, headers and the wire schemas of every
// device endpoint. Pure zod, shared by the desktop's sync client and the provincial server.
import { z } from 'zod';

/** Version of the HTTP protocol itself (paths, auth, envelopes). */
export const PROTOCOL_VERSION = 1;
/** Current format of op rows. Bumped when an entity's row shape changes; see upgrade.ts. */
export const SCHEMA_VERSION = 2;
/** Oldest op format the server still upgrades; older clients get 426 UPGRADE_REQUIRED. */
export const MIN_CLIENT_SCHEMA = 1;

export const HEADERS = {
  device: 'x-isoxa-device',
  appVersion: 'x-isoxa-app-version',
  schemaVersion: 'x-isoxa-schema-version',
  /** On every response: the accepted op schema range, "min-max". */
  schemaRange: 'x-isoxa-schema-range',
  /** On push and pull: the device's outbox, "pending=N;rejected=M" (see outboxHeader). */
  outbox: 'x-isoxa-outbox',
} as const;

export const LIMITS = {
  maxOpsPerPush: 500,
  /** Bytes on the wire (gzip or not) of one request. */
  maxBodyBytes: 1024 * 1024,
  /** Bytes of JSON after inflating a gzip body: bounds a compression bomb. */
  maxInflatedBytes: 8 * 1024 * 1024,
  defaultPageSize: 200,
  maxPageSize: 1000,
  tokenTtlMs: 15 * 60 * 1000,
  challengeTtlMs: 2 * 60 * 1000,
  enrollmentCodeTtlMs: 7 * 24 * 60 * 60 * 1000,
} as const;

/** Text that can go into a PostgreSQL text or jsonb value (no NUL, which both refuse). */
export const safeText = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !s.includes('\u0000'), 'Không được chứa ký tự NUL');

const base64url = (bytes: number) =>
  z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`));
/** Ed25519 raw public key (32 bytes), base64url without padding: the JWK `x` value. */
export const publicKeyB64 = base64url(32);
/** Ed25519 signature (64 bytes), base64url without padding. */
export const signatureB64 = base64url(64);
export const deviceId = z.uuid();
export const appVersion = z.string().regex(/^[0-9A-Za-z.+-]{1,32}$/);
const seq = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const schemaVersion = z.int().min(0).max(1000);

/** Headers every device request carries (enroll, auth, push, pull, restore). */
export const clientHeaders = z.object({
  [HEADERS.appVersion]: appVersion,
  [HEADERS.schemaVersion]: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number),
});

/** What a device holds in its outbox: waiting to be sent, and refused by the server. */
export const outboxCounts = z.object({
  pending: z.int().min(0).max(1e9),
  rejected: z.int().min(0).max(1e9),
});
export type OutboxCounts = z.infer<typeof outboxCounts>;
export const formatOutboxHeader = (c: Readonly<OutboxCounts>): string =>
  `pending=${c.pending};rejected=${c.rejected}`;
export const outboxHeader = z
  .string()
  .regex(/^pending=\d{1,9};rejected=\d{1,9}$/)
  .transform((s) => {
    const [pending, rejected] = s.split(';').map((part) => Number(part.split('=')[1]));
    return { pending: pending ?? 0, rejected: rejected ?? 0 };
  });

// Enrollment: the province gives an office a one-time code; the PC registers its public key.
/** Codes are shown as XXXX-XXXX-XXXX; typing is forgiving (case, spaces, dashes). */
export const ENROLLMENT_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const normalizeEnrollmentCode = (code: string): string =>
  code.toUpperCase().replace(/[\s-]/g, '');
/** An agency code as the office PC states it (QCVN 102:2016, e.g. 000.00.12.H56). */
const claimedAgencyCode = safeText(1, 64);
export const enrollRequest = z.object({
  code: z.string().max(64),
  /** The office this PC belongs to: the server refuses a code issued for another office
   * (OFFICE_MISMATCH, code left unused). Absent from older clients. */
  expectedAgencyCode: claimedAgencyCode.optional(),
  publicKey: publicKeyB64,
  /** The device's X25519 key: what the province sends back with personal data (restore,
   * reply files, a released escrow) is sealed to it. Absent from older clients. */
  sealPublicKey: publicKeyB64.optional(),
  deviceName: safeText(1, 100),
  appVersion,
  schemaVersion,
});
export type EnrollRequest = z.infer<typeof enrollRequest>;
export const enrollResponse = z.object({
  deviceId,
  officeId: z.uuid(),
  agencyCode: z.string(),
  officeName: z.string(),
  serverTime: z.number(),
  /** The server's own Ed25519 key: the office checks the province's reply files with it. */
  serverPublicKey: publicKeyB64.optional(),
  /** The province's X25519 key: the office seals its USB sync files and escrow to it. */
  serverSealKey: publicKeyB64.optional(),
  /** The device's number in its office (1, 2, 3… by enrolment): numbers the PC gives offline
   * (survey forms) carry it, so two PCs of one office never collide. Absent from older servers. */
  deviceNo: z.number().int().min(1).max(9999).optional(),
});
export type EnrollResponse = z.infer<typeof enrollResponse>;

// Auth: challenge → signature → short-lived bearer token. Nothing here reads the client's
// clock, so a PC whose clock is a day off authenticates like any other.
export const challengeRequest = z.object({ deviceId });
export const challengeResponse = z.object({ nonce: z.string(), expiresAt: z.number() });
export const tokenRequest = z.object({
  deviceId,
  nonce: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  signature: signatureB64,
  /** A device enrolled before it had an X25519 key registers one, signed (sealKeyClaim). */
  sealPublicKey: publicKeyB64.optional(),
  sealKeySignature: signatureB64.optional(),
  /** The office's data key sealed to the province (escrow), and the key's id. */
  escrow: z
    .object({ keyId: z.string().regex(/^[0-9a-f]{32}$/), sealed: z.string().max(400) })
    .optional(),
});
export type TokenRequest = z.infer<typeof tokenRequest>;
export const tokenResponse = z.object({
  token: z.string(),
  /** Server time; a client should use expiresInMs, since its own clock may be off. */
  expiresAt: z.number(),
  expiresInMs: z.number(),
  /** Highest client_seq the server holds for this device: after restoring a backup, a client
   * fast-forwards its counter past it instead of reusing sequence numbers. */
  lastClientSeq: z.number(),
  serverTime: z.number(),
  /** As at enrolment: lets PCs enrolled before the server signed anything learn its key. */
  serverPublicKey: publicKeyB64.optional(),
  serverSealKey: publicKeyB64.optional(),
  /** Whether the province holds this device's X25519 key (else the device sends it). */
  sealKeyKnown: z.boolean().optional(),
  /** As at enrolment: lets PCs enrolled before devices were numbered learn their number. */
  deviceNo: z.number().int().min(1).max(9999).optional(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;
/** The exact bytes a device signs to get a token: domain-separated, bound to the device. */
export const authMessage = (id: string, nonce: string): string => `isoxa-auth-v1\n${id}\n${nonce}`;

// Push: office-owned changes, one op per change, taken from the outbox.
export const OPERATIONS = ['upsert', 'delete'] as const;
/** The envelope is checked strictly (a bad envelope fails the whole request with 400); the row
 * is checked per op against the entity registry (a bad row is one 'rejected' result). */
export const op = z.object({
  opId: z.uuid({ version: 'v7' }),
  deviceId,
  clientSeq: seq.min(1),
  entity: safeText(1, 64),
  entityId: safeText(1, 200),
  operation: z.enum(OPERATIONS),
  row: z.record(z.string(), z.unknown()),
  schemaVersion,
  /** Stored for the record; never used to order anything. */
  clientTime: z.int().min(0).max(8.64e15),
});
export type Op = z.infer<typeof op>;
export const pushRequest = z.object({
  ops: z.array(op).min(1).max(LIMITS.maxOpsPerPush),
  /** The office the PC's own data belongs to; ops are rejected when it is not the device's. */
  officeAgencyCode: claimedAgencyCode.optional(),
});
export type PushRequest = z.infer<typeof pushRequest>;
/** 'deferred': not applied and not recorded, to be sent again later (the op's file is not
 * verified yet); only ops of entities with a file (core/sync/files.ts) ever get it. */
export const OP_STATUSES = ['applied', 'duplicate', 'rejected', 'deferred'] as const;
export type OpStatus = (typeof OP_STATUSES)[number];
export const opResult = z.object({
  opId: z.string(),
  status: z.enum(OP_STATUSES),
  reason: z.string().optional(),
  serverSeq: z.number().optional(),
});
export type OpResult = z.infer<typeof opResult>;
export const pushResponse = z.object({ results: z.array(opResult), serverTime: z.number() });
export type PushResponse = z.infer<typeof pushResponse>;

// Pull and restore: read by cursor (server_seq), page by page.
export const pageQuery = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number)
    .default(0),
  limit: z
    .string()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .pipe(z.int().min(1).max(LIMITS.maxPageSize))
    .default(LIMITS.defaultPageSize),
});
export const FEED_KINDS = [
  'catalog',
  'calendar',
  'form_template',
  'notice',
  'app_update',
  'model_document',
  'report_template',
  'rating_scale',
  'survey_set',
  'audit_checklist',
] as const;
export type FeedKind = (typeof FEED_KINDS)[number];
export const feedEntry = z.object({
  serverSeq: z.number(),
  kind: z.enum(FEED_KINDS),
  key: z.string(),
  version: z.number(),
  body: z.unknown(),
  publishedAt: z.number(),
});
export type FeedEntry = z.infer<typeof feedEntry>;
export const pullResponse = z.object({
  entries: z.array(feedEntry),
  nextCursor: z.number(),
  more: z.boolean(),
  serverTime: z.number(),
});
export type PullResponse = z.infer<typeof pullResponse>;
export const restoreRow = z.object({
  serverSeq: z.number(),
  entity: z.string(),
  entityId: z.string(),
  row: z.record(z.string(), z.unknown()),
});
export type RestoreRow = z.infer<typeof restoreRow>;
export const restoreResponse = z.object({
  rows: z.array(restoreRow),
  nextCursor: z.number(),
  more: z.boolean(),
  serverTime: z.number(),
});
export type RestoreResponse = z.infer<typeof restoreResponse>;
/** What /v1/restore answers: the page (restoreResponse, gzip of its JSON) sealed to the device
 * (core/sync/sealing.ts restorePage), base64. */
export const sealedRestoreResponse = z.object({ sealed: z.string(), serverTime: z.number() });
export type SealedRestoreResponse = z.infer<typeof sealedRestoreResponse>;

export const versionResponse = z.object({
  protocolVersion: z.number(),
  schemaVersion: z.number(),
  minClientSchema: z.number(),
  serverTime: z.number(),
});
