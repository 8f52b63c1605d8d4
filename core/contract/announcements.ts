// Operations of the conformity announcement (core/qms/announcement.ts): the overview (the
// decision in force, the draft, the earlier ones, the live scope and what changed since the
// announcement), drafting one from the live scope with the clauses declared not applicable,
// editing the draft, and the decision printed and as .docx. Approve and cancel go through
// qms.transition (approve takes the signing date and { decisionNo }).
import { z } from 'zod';
import { op } from './define';
import { recordView } from './qms';
import { id } from './schemas';

const exclusionInput = z
  .object({
    clause: z.string().trim().min(1).max(10),
    reason: z.string().trim().max(1000, 'Lý do quá dài (tối đa 1000 ký tự)'),
  })
  .strict();

const draftFields = {
  notApplicable: z.array(exclusionInput).max(30),
  note: z.string().trim().max(2000, 'Ghi chú quá dài (tối đa 2000 ký tự)').default(''),
};

const scopeView = z.object({
  procedures: z.array(z.object({ code: z.string(), name: z.string(), field: z.string() })),
  notApplicable: z.array(z.object({ clause: z.string(), title: z.string(), reason: z.string() })),
});

export const announcementOps = {
  'announcements.overview': op({
    input: z.object({}).strict(),
    output: z.object({
      inForce: recordView.nullable(),
      draft: recordView.nullable(),
      /** Superseded and cancelled ones, newest first. */
      earlier: z.array(recordView),
      /** The scope as the office's data says it now (the draft's exclusions if a draft exists). */
      current: scopeView,
      /** A new announcement is due: none yet, or the scope changed since the one in force. */
      due: z.boolean(),
      /** What changed since the one in force, in Vietnamese, one line each. */
      changes: z.array(z.string()),
      /** The clauses an office may declare not applicable, for the draft's editor. */
      excludable: z.array(z.object({ clause: z.string(), title: z.string() })),
      /** No draft yet, one is due, and the caller may draft. */
      mayDraft: z.boolean(),
      /** Today in Vietnam: the latest signing date. */
      today: z.string(),
    }),
    access: 'user',
  }),
  'announcements.draft': op({
    input: z.object(draftFields).strict(),
    output: recordView,
    access: 'user',
  }),
  /** The draft's exclusions and note, and its procedures taken again from the catalog. */
  'announcements.update': op({
    input: z.object({ id, rev: z.number().int().min(1), ...draftFields }).strict(),
    output: recordView,
    access: 'user',
  }),
  'announcements.print': op({
    input: z.object({ id }).strict(),
    output: z.object({ title: z.string(), html: z.string() }),
    access: 'user',
  }),
  'announcements.exportDocx': op({
    input: z.object({ id }).strict(),
    output: z.object({ fileName: z.string(), base64: z.string() }),
    access: 'user',
  }),
};
