// Operations of the quality system's record mechanism: any transition of any kind, a record's
// history, the "Việc cần làm" inbox, and the shared action kind. Role checks are the kinds'
// own (core/qms), applied in services; the contract only asks for a logged-in user.
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import { op } from './define';
import { id } from './schemas';

export const civilDate = z.string().refine(isCivilDate, 'Ngày không hợp lệ');
const comment = z.string().trim().max(4000, 'Ý kiến quá dài (tối đa 4000 ký tự)');

export const recordView = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  code: z.string(),
  title: z.string(),
  parentId: z.string().nullable(),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  dueDate: z.string().nullable(),
  sourceKind: z.string().nullable(),
  sourceId: z.string().nullable(),
  fileSha256: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  rev: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** What the caller may do now: transition name, label, what it asks for. */
  transitions: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      requires: z.array(z.enum(['comment', 'date'])),
    }),
  ),
});
export type RecordView = z.infer<typeof recordView>;

export const historyLineView = z.object({
  at: z.number(),
  userName: z.string(),
  transition: z.string(),
  label: z.string(),
  fromState: z.string().nullable(),
  fromLabel: z.string().nullable(),
  toState: z.string(),
  toLabel: z.string(),
  comment: z.string(),
});

export const inboxItem = z.object({
  /** Which inbox source produced it ('dossier_step', 'revision', 'acknowledgement'...). */
  source: z.string(),
  task: z.string(),
  id: z.string(),
  code: z.string(),
  title: z.string(),
  /** Due instant (end of the due day for civil dates); null when nothing is due. */
  dueAt: z.number().nullable(),
  overdue: z.boolean(),
  /** The screen that opens it (hash route). */
  link: z.string(),
});
export type InboxItem = z.infer<typeof inboxItem>;

export const actionView = recordView;

export const qmsOps = {
  'qms.transition': op({
    input: z
      .object({
        id,
        transition: z.string().regex(/^[a-z_]{1,40}$/, 'Thao tác không hợp lệ'),
        rev: z.number().int().min(1),
        comment: comment.optional(),
        date: civilDate.optional(),
        fields: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    output: recordView,
    access: 'user',
  }),
  'qms.get': op({
    input: z.object({ id }).strict(),
    output: recordView,
    access: 'user',
  }),
  'qms.history': op({
    input: z.object({ id }).strict(),
    output: z.array(historyLineView),
    access: 'user',
  }),
  'qms.inbox': op({
    input: z.object({}).strict(),
    output: z.object({ items: z.array(inboxItem), overdue: z.number(), total: z.number() }),
    access: 'user',
  }),
  'actions.create': op({
    input: z
      .object({
        title: z.string().trim().min(1, 'Phải nhập tên hành động').max(300),
        description: z.string().trim().min(1, 'Phải mô tả hành động').max(4000),
        ownerId: id,
        dueDate: civilDate,
        sourceKind: z.string().max(60).nullable().default(null),
        sourceId: z.string().max(200).nullable().default(null),
      })
      .strict(),
    output: recordView,
    access: 'user',
  }),
  'actions.list': op({
    input: z
      .object({
        mine: z.boolean().default(false),
        open: z.boolean().default(false),
        sourceKind: z.string().max(60).optional(),
        sourceId: z.string().max(200).optional(),
      })
      .strict(),
    output: z.array(recordView),
    access: 'user',
  }),
};
