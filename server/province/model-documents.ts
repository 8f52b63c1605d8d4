// Model documents the province publishes (the framework model's internal procedures): one
// 'model_document' feed entry per code, the next version of that code each time.
import type { z } from 'zod';
import type { publishModelDocumentsRequest } from '../../core/qms/model-document';
import type { Db } from '../database/connect';
import { publishFeed } from '../sync/feed';
import { nextVersions } from './publish';

export const publishModelDocuments = async (
  db: Db,
  input: Readonly<z.output<typeof publishModelDocumentsRequest>>,
  userId: string,
  now: number,
) => {
  const codes = input.documents.map((d) => d.code);
  if (new Set(codes).size !== codes.length) return { duplicate: true as const };
  const next = await nextVersions(db, 'model_document', codes);
  const published = await publishFeed(
    db,
    input.documents.map((d) => ({
      kind: 'model_document',
      key: d.code,
      version: next(d.code),
      body: d,
    })),
    userId,
    now,
  );
  return { duplicate: false as const, published };
};
