// The action (hành động): one kind shared by every source that needs follow-up work —
// corrective actions of a nonconformity, risk treatments, objective plans, review decisions,
// audit follow-ups. Owner, due date, result, verification by someone else; never deleted.
import { z } from 'zod';
import type { RecordKind } from './kind';
import { dateNotPast, notOwner, ownerOr, signature } from './rules';

export const ACTION_STATES = ['open', 'done', 'verified', 'cancelled'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });

export const actionData = z.object({
  description: z.string().trim().min(1, 'Phải mô tả hành động').max(4000),
  /** What was done, written by the owner when completing. */
  result: z.string().max(4000).default(''),
  completed: signatureSchema.nullable().default(null),
  /** The check of effectiveness, by someone other than the owner. */
  verification: z.string().max(4000).default(''),
  verified: signatureSchema.nullable().default(null),
});
export type ActionData = z.infer<typeof actionData>;

const MANAGERS = ['leader', 'iso_coordinator'] as const;

export const actionKind: RecordKind<ActionState, ActionData> = {
  kind: 'action',
  label: 'Hành động',
  states: ACTION_STATES,
  stateLabels: {
    open: 'Đang thực hiện',
    done: 'Đã thực hiện, chờ kiểm tra',
    verified: 'Đã kiểm tra hiệu lực',
    cancelled: 'Đã hủy',
  },
  initial: 'open',
  createRoles: ['leader', 'iso_coordinator', 'internal_auditor'],
  data: actionData,
  transitions: {
    complete: {
      label: 'báo cáo đã thực hiện',
      from: ['open'],
      to: 'done',
      roles: 'any',
      requires: ['comment'],
      rules: [ownerOr(MANAGERS, 'Chỉ người được giao mới báo cáo kết quả hành động này.')],
      apply: (c) => ({ data: { result: c.input.comment ?? '', completed: signature(c) } }),
    },
    verify: {
      label: 'xác nhận hiệu lực',
      from: ['done'],
      to: 'verified',
      roles: MANAGERS,
      requires: ['comment'],
      rules: [notOwner('Người thực hiện hành động không tự kiểm tra hiệu lực của hành động đó.')],
      apply: (c) => ({
        data: { verification: c.input.comment ?? '', verified: signature(c) },
        dueDate: null,
      }),
    },
    reopen: {
      label: 'yêu cầu thực hiện lại',
      from: ['done'],
      to: 'open',
      roles: MANAGERS,
      requires: ['comment'],
      rules: [notOwner('Người thực hiện hành động không tự kiểm tra hiệu lực của hành động đó.')],
      apply: (c) => ({ data: { verification: c.input.comment ?? '', completed: null } }),
    },
    reschedule: {
      label: 'gia hạn',
      from: ['open'],
      to: 'open',
      roles: MANAGERS,
      requires: ['date', 'comment'],
      rules: [dateNotPast('Hạn mới')],
      apply: (c) => ({ dueDate: c.input.date ?? null }),
    },
    cancel: {
      label: 'hủy',
      from: ['open', 'done'],
      to: 'cancelled',
      roles: MANAGERS,
      requires: ['comment'],
      apply: () => ({ dueDate: null }),
    },
  },
  inbox: [
    { state: 'open', task: 'Thực hiện hành động', who: 'owner' },
    {
      state: 'done',
      task: 'Kiểm tra hiệu lực hành động',
      who: MANAGERS,
      when: (r, user) => r.ownerId !== user.id,
    },
  ],
  link: (r) => `/qms/actions/${r.id}`,
};
