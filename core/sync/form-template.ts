// Form notes the province publishes (a 'form_template' feed entry): lines printed under a form
// of a form set, e.g. where citizens look a dossier up online and the hotline for feedback on
// the receipt. The legal layout of each form is fixed by its circular (core/forms); what a
// province adds is these notes. Key: '<form set>/<form kind>'; publishing an empty list
// removes the notes at the next version.
import { z } from 'zod';
import { FORM_KINDS, FORM_SETS } from '../forms/registry';
import type { FormKind, FormSetId } from '../forms/registry';
import { safeText } from './protocol';

const FORM_SET_IDS = FORM_SETS.map((s) => s.id) as [FormSetId, ...FormSetId[]];
export const MAX_FORM_NOTES = 10;

const noteLine = safeText(0, 500)
  .transform((s) => s.trim())
  .pipe(
    z.string().min(1, 'Dòng ghi chú trống').max(500, 'Dòng ghi chú quá dài (tối đa 500 ký tự)'),
  );

export const formTemplateBody = z
  .object({
    formSet: z.enum(FORM_SET_IDS, 'Bộ biểu mẫu không hợp lệ'),
    kind: z.enum(FORM_KINDS, 'Mẫu không hợp lệ'),
    notes: z.array(noteLine).max(MAX_FORM_NOTES, `Tối đa ${MAX_FORM_NOTES} dòng ghi chú`),
  })
  .strict();
export type FormTemplateBody = z.infer<typeof formTemplateBody>;

export const formTemplateKey = (formSet: FormSetId, kind: FormKind) => `${formSet}/${kind}`;
