// The province's notes for a form (the newest valid 'form_template' entry of its key), printed
// at the end of the form; none until the province publishes some.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FormKind, FormSetId } from '../../core/forms/registry';
import { formTemplateBody, formTemplateKey } from '../../core/sync/form-template';
import type { Db } from '../../db/open';
import { syncFeed } from '../../db/schema';

export function formNotes(db: Db, formSet: FormSetId, kind: FormKind): string[] {
  const row = db
    .select({ body: syncFeed.body })
    .from(syncFeed)
    .where(
      and(
        eq(syncFeed.kind, 'form_template'),
        eq(syncFeed.key, formTemplateKey(formSet, kind)),
        isNull(syncFeed.error),
      ),
    )
    .orderBy(desc(syncFeed.version))
    .limit(1)
    .get();
  const parsed = row ? formTemplateBody.safeParse(row.body) : null;
  return parsed?.success ? parsed.data.notes : [];
}
