// What the province publishes for the offices' quality systems, one feed entry per key at the
// next version of that key each time: model documents ('model_document', keyed by code),
// rating scales ('rating_scale', by id), survey question sets ('survey_set', by key) and the
// internal audit checklist by ISO 9001:2015 clause ('audit_checklist', one key).
import type { z } from 'zod';
import { AUDIT_CHECKLIST_KEY, type ClauseFile } from '../../core/qms/audit-checklist';
import type { publishModelDocumentsRequest } from '../../core/qms/model-document';
import type { publishRatingScalesRequest } from '../../core/qms/rating';
import type { publishSurveySetsRequest } from '../../core/qms/survey';
import type { FeedKind } from '../../core/sync/protocol';
import type { Db } from '../database/connect';
import { publishFeed } from '../sync/feed';
import { nextVersions } from './publish';

/** Publishes each body under its key; a key given twice is refused (nothing published). */
async function publishKeyed(
  db: Db,
  kind: FeedKind,
  items: readonly { readonly key: string; readonly body: object }[],
  userId: string,
  now: number,
) {
  const keys = items.map((i) => i.key);
  if (new Set(keys).size !== keys.length) return { duplicate: true as const };
  const next = await nextVersions(db, kind, keys);
  const published = await publishFeed(
    db,
    items.map((i) => ({ kind, key: i.key, version: next(i.key), body: i.body })),
    userId,
    now,
  );
  return { duplicate: false as const, published };
}

export const publishModelDocuments = (
  db: Db,
  input: Readonly<z.output<typeof publishModelDocumentsRequest>>,
  userId: string,
  now: number,
) =>
  publishKeyed(
    db,
    'model_document',
    input.documents.map((d) => ({ key: d.code, body: d })),
    userId,
    now,
  );

export const publishRatingScales = (
  db: Db,
  input: Readonly<z.output<typeof publishRatingScalesRequest>>,
  userId: string,
  now: number,
) =>
  publishKeyed(
    db,
    'rating_scale',
    input.scales.map((s) => ({ key: s.id, body: s })),
    userId,
    now,
  );

export const publishSurveySets = (
  db: Db,
  input: Readonly<z.output<typeof publishSurveySetsRequest>>,
  userId: string,
  now: number,
) =>
  publishKeyed(
    db,
    'survey_set',
    input.sets.map((s) => ({ key: s.key, body: s })),
    userId,
    now,
  );

/** The checklist new internal audits are seeded from (the offices' own edits stay per audit). */
export const publishAuditChecklist = (
  db: Db,
  checklist: Readonly<ClauseFile>,
  userId: string,
  now: number,
) =>
  publishKeyed(db, 'audit_checklist', [{ key: AUDIT_CHECKLIST_KEY, body: checklist }], userId, now);
