// Form notes the province publishes: lines printed under a form of a form set (core/sync/
// form-template.ts), one 'form_template' entry keyed '<form set>/<form kind>'; publishing
// again is the next version of that key, and an empty list removes the notes.
import { desc, eq } from 'drizzle-orm';
import type { FormNotesView } from '../../core/sync/admin';
import { FORM_SETS, formFor, formSetById } from '../../core/forms/registry';
import type { FormTemplateBody } from '../../core/sync/form-template';
import { formTemplateBody, formTemplateKey } from '../../core/sync/form-template';
import type { Db } from '../database/connect';
import { feed } from '../database/schema/index';
import { HttpError } from '../http/errors';
import { publishFeed } from '../sync/feed';
import { nextVersions } from './publish';

export const publishFormNotes = async (
  db: Db,
  input: Readonly<FormTemplateBody>,
  userId: string,
  now: number,
): Promise<{ key: string; version: number }> => {
  const set = formSetById(input.formSet);
  if (!formFor(set, input.kind)) {
    // TT 01/2018 has no stop notice: offices would never print these notes.
    throw new HttpError(400, 'INVALID_REQUEST', 'Ghi chú biểu mẫu không hợp lệ.', {
      details: [`kind: ${set.legalBasis} không có mẫu này`],
    });
  }
  const key = formTemplateKey(input.formSet, input.kind);
  const version = (await nextVersions(db, 'form_template', [key]))(key);
  const body: FormTemplateBody = {
    formSet: input.formSet,
    kind: input.kind,
    notes: [...input.notes],
  };
  await publishFeed(db, [{ kind: 'form_template', key, version, body }], userId, now);
  return { key, version };
};

/** Every form of every set with its notes: the newest version of its key that offices would
 * apply (a valid body under the matching key), as services/desk/form-notes.ts prints them. */
export const currentFormNotes = async (db: Db): Promise<FormNotesView[]> => {
  const rows = await db
    .select({
      key: feed.key,
      version: feed.version,
      body: feed.body,
      publishedAt: feed.publishedAt,
    })
    .from(feed)
    .where(eq(feed.kind, 'form_template'))
    .orderBy(desc(feed.version));
  const newest = new Map<string, { notes: string[]; version: number; publishedAt: number }>();
  for (const r of rows) {
    if (newest.has(r.key)) continue;
    const parsed = formTemplateBody.safeParse(r.body);
    if (!parsed.success || formTemplateKey(parsed.data.formSet, parsed.data.kind) !== r.key) {
      continue;
    }
    newest.set(r.key, {
      notes: parsed.data.notes,
      version: r.version,
      publishedAt: r.publishedAt.getTime(),
    });
  }
  return FORM_SETS.flatMap((set) =>
    set.forms.map((f) => {
      const current = newest.get(formTemplateKey(set.id, f.kind));
      return {
        formSet: set.id,
        kind: f.kind,
        label: f.label,
        title: f.title,
        notes: current?.notes ?? [],
        version: current?.version ?? null,
        publishedAt: current?.publishedAt ?? null,
      };
    }),
  );
};
