// Conformity announcement (công bố HTQLCL phù hợp TCVN ISO 9001:2015; QMS.md record 9): the
// office's scope (the procedures it applies, the clauses it declares not applicable and why),
// frozen into a decision the chairman approves with its number and signing date. A new
// approval supersedes the one in force. When the live scope (the active catalog, or a draft's
// exclusions) differs from the announced one, a new announcement is due (scopeChanges).
import { z } from 'zod';
import { isCivilDate } from '../calendar/civil-time';
import { invalid, type RecordKind } from './kind';
import { signature } from './rules';

export const ANNOUNCEMENT_STATES = ['draft', 'approved', 'superseded', 'cancelled'] as const;
export type AnnouncementState = (typeof ANNOUNCEMENT_STATES)[number];

export const scopeProcedure = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  field: z.string(),
});
export type ScopeProcedure = z.infer<typeof scopeProcedure>;

export const exclusion = z.object({
  clause: z.string().regex(/^\d+(\.\d+)*$/, 'Điều khoản không hợp lệ'),
  title: z.string(),
  reason: z
    .string()
    .trim()
    .min(10, 'Phải nêu lý do không áp dụng điều khoản (ít nhất 10 ký tự)')
    .max(1000, 'Lý do quá dài (tối đa 1000 ký tự)'),
});
export type Exclusion = z.infer<typeof exclusion>;

export const scope = z.object({
  procedures: z.array(scopeProcedure).max(2000),
  notApplicable: z.array(exclusion).max(30),
});
export type Scope = z.infer<typeof scope>;

/**
 * Clauses an office may declare not applicable: requirements of support and operation (7, 8)
 * only; contexts, leadership, planning, evaluation and improvement (4, 5, 6, 9, 10) always
 * apply (TCVN ISO 9001:2015, 4.3).
 */
export function mayExclude(clause: string): boolean {
  return /^[78]\.\d+$/.test(clause);
}

const signatureSchema = z.object({ userId: z.string(), name: z.string(), on: z.string() });

export const announcementData = z.object({
  scope,
  /** What the ISO secretary says changed, for the decision's file (optional). */
  note: z.string().max(2000).default(''),
  /** The decision's number ('125/QĐ-UBND') and signing date, given at approval. */
  decisionNo: z.string().default(''),
  signedOn: z.string().nullable().default(null),
  /** The signer's title as printed: Chủ tịch, or Phó Chủ tịch signing "KT. Chủ tịch". */
  signerTitle: z.string().default(''),
  drafted: signatureSchema.nullable().default(null),
  approved: signatureSchema.nullable().default(null),
  /** The decision this one replaces (its number and date), printed in Điều 2. */
  replaces: z.object({ decisionNo: z.string(), signedOn: z.string() }).nullable().default(null),
  cancelReason: z.string().max(2000).default(''),
});
export type AnnouncementData = z.infer<typeof announcementData>;

const DECISION_NO = /^\d{1,5}\/QĐ-[A-ZĐ0-9-]{2,20}$/u;

const decisionNoOf = (fields: Readonly<Record<string, unknown>> | undefined): string => {
  const value = fields?.['decisionNo'];
  return typeof value === 'string' ? value.trim() : '';
};

export const announcementKind: RecordKind<AnnouncementState, AnnouncementData> = {
  kind: 'announcement',
  label: 'Quyết định công bố HTQLCL',
  states: ANNOUNCEMENT_STATES,
  stateLabels: {
    draft: 'Dự thảo',
    approved: 'Đang có hiệu lực',
    superseded: 'Đã được thay thế',
    cancelled: 'Đã hủy',
  },
  initial: 'draft',
  createRoles: ['iso_coordinator', 'leader'],
  data: announcementData,
  transitions: {
    /** The chairman signs: the number and the date go on the decision; the previous one in
     * force is superseded (services' effect). */
    approve: {
      label: 'ký ban hành quyết định công bố',
      from: ['draft'],
      to: 'approved',
      roles: ['leader'],
      requires: ['date'],
      fields: z.object({
        decisionNo: z.string().trim().regex(DECISION_NO, 'Số quyết định phải có dạng 125/QĐ-UBND'),
      }),
      rules: [
        (c) =>
          !isCivilDate(c.input.date ?? '')
            ? invalid('Ngày ký không hợp lệ.')
            : (c.input.date ?? '') > c.today
              ? invalid('Ngày ký không được sau hôm nay.')
              : null,
        (c) =>
          c.record.data.scope.procedures.length === 0
            ? invalid('Phạm vi công bố chưa có thủ tục nào: kiểm tra danh mục thủ tục.')
            : null,
      ],
      apply: (c) => ({
        data: {
          decisionNo: decisionNoOf(c.input.fields),
          signedOn: c.input.date ?? c.today,
          approved: signature(c),
        },
        dueDate: null,
      }),
    },
    cancel: {
      label: 'hủy dự thảo',
      from: ['draft'],
      to: 'cancelled',
      roles: ['iso_coordinator', 'leader'],
      requires: ['comment'],
      apply: (c) => ({ data: { cancelReason: c.input.comment ?? '' }, dueDate: null }),
    },
    /** The app, when a newer decision is approved. */
    supersede: { label: 'thay thế', from: ['approved'], to: 'superseded', roles: 'system' },
  },
  acceptsActions: [],
  inbox: [
    {
      state: 'draft',
      task: 'Ký quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2015',
      who: ['leader'],
    },
  ],
  link: () => '/qms/announcement',
};

export interface ScopeChanges {
  readonly added: readonly ScopeProcedure[];
  readonly removed: readonly ScopeProcedure[];
  /** Clauses newly declared not applicable, and those applicable again. */
  readonly excluded: readonly string[];
  readonly included: readonly string[];
  /** Clauses still excluded, for another reason. */
  readonly reasonChanged: readonly string[];
}

/** What differs between the announced scope and `current`. Pure. */
export function scopeChanges(announced: Readonly<Scope>, current: Readonly<Scope>): ScopeChanges {
  const codes = (s: Readonly<Scope>) => new Set(s.procedures.map((p) => p.code));
  const was = codes(announced);
  const now = codes(current);
  const reasons = new Map(announced.notApplicable.map((e) => [e.clause, e.reason.trim()]));
  const nowExcluded = new Set(current.notApplicable.map((e) => e.clause));
  return {
    added: current.procedures.filter((p) => !was.has(p.code)),
    removed: announced.procedures.filter((p) => !now.has(p.code)),
    excluded: current.notApplicable.filter((e) => !reasons.has(e.clause)).map((e) => e.clause),
    included: announced.notApplicable
      .filter((e) => !nowExcluded.has(e.clause))
      .map((e) => e.clause),
    reasonChanged: current.notApplicable
      .filter((e) => reasons.has(e.clause) && reasons.get(e.clause) !== e.reason.trim())
      .map((e) => e.clause),
  };
}

export function hasChanges(c: Readonly<ScopeChanges>): boolean {
  return (
    c.added.length + c.removed.length + c.excluded.length + c.included.length > 0 ||
    c.reasonChanged.length > 0
  );
}

/** The changes in Vietnamese, one line each, as the screen and the inbox say them. */
export function describeChanges(c: Readonly<ScopeChanges>): string[] {
  const list = (ps: readonly ScopeProcedure[]) => ps.map((p) => `${p.code} ${p.name}`).join('; ');
  return [
    ...(c.added.length ? [`Thêm ${c.added.length} thủ tục: ${list(c.added)}`] : []),
    ...(c.removed.length ? [`Bỏ ${c.removed.length} thủ tục: ${list(c.removed)}`] : []),
    ...(c.excluded.length ? [`Điều khoản mới không áp dụng: ${c.excluded.join(', ')}`] : []),
    ...(c.included.length ? [`Điều khoản áp dụng trở lại: ${c.included.join(', ')}`] : []),
    ...(c.reasonChanged.length
      ? [`Đổi lý do không áp dụng điều khoản: ${c.reasonChanged.join(', ')}`]
      : []),
  ];
}
