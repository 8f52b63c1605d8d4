// The province's model documents on the office: the newest version of each, and adopting one
// as a draft document of the office's own (a document and its first revision, in draft).
import { z } from 'zod';
import { sectionsSchema } from '../qms/revision';
import { op } from './define';
import { recordView } from './qms';

export const modelDocumentView = z.object({
  code: z.string(),
  version: z.number(),
  title: z.string(),
  note: z.string(),
  sections: sectionsSchema,
  publishedAt: z.number(),
  /** The office's document with this code, when it already has one. */
  documentId: z.string().nullable(),
});
export type ModelDocumentView = z.infer<typeof modelDocumentView>;

export const modelDocumentOps = {
  'models.list': op({
    input: z.object({}).strict(),
    output: z.array(modelDocumentView),
    access: 'user',
  }),
  'models.adopt': op({
    input: z.object({ code: z.string().trim().min(1, 'Chọn tài liệu mẫu').max(40) }).strict(),
    output: z.object({ document: recordView, revision: recordView }),
    access: 'user',
  }),
};
