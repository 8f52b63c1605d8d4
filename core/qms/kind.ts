// The shape every quality-system record kind follows: its states and its transitions as data
// (who may, what must be given, extra rules as pure predicates, what changes), checked here
// without I/O. services/qms/transition.ts applies whatever this allows, for every kind.
import type { z } from 'zod';
import type { Role } from '../auth/roles';
import type { QmsRecord } from './record';

/** Who acts: a logged-in user, or the app itself (a revision taking effect on its date). */
export interface Actor {
  readonly id: string | null;
  readonly name: string;
  readonly roles: readonly Role[];
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'Hệ thống', roles: [] };

/** What a user gives with a transition: a comment, a date, and kind-specific fields. */
export interface TransitionInput {
  readonly comment?: string | undefined;
  /** 'YYYY-MM-DD' civil date (an effective date, a due date). */
  readonly date?: string | undefined;
  readonly fields?: Readonly<Record<string, unknown>> | undefined;
}

export interface RuleContext<D> {
  readonly record: QmsRecord<D>;
  readonly actor: Actor;
  readonly input: TransitionInput;
  /** Today in Vietnam ('YYYY-MM-DD'). */
  readonly today: string;
}

export interface RuleFailure {
  readonly code: 'FORBIDDEN' | 'INVALID_INPUT' | 'CONFLICT';
  readonly message: string;
}
/** An extra rule: null when satisfied, else why not (Vietnamese, shown as is). */
export type Rule<D> = (c: RuleContext<D>) => RuleFailure | null;

export const forbid = (message: string): RuleFailure => ({ code: 'FORBIDDEN', message });
export const invalid = (message: string): RuleFailure => ({ code: 'INVALID_INPUT', message });

/** What a transition changes besides the state: data fields and the indexed columns. */
export interface Patch<D> {
  readonly data?: Partial<D>;
  readonly dueDate?: string | null;
  readonly ownerId?: string | null;
}

/** A transition's target meaning "the state it was in" (a periodic review, a reassignment). */
export const SAME_STATE = '=' as const;

export interface TransitionDef<S extends string, D> {
  /** Vietnamese verb for buttons and history ('gửi xem xét'). */
  readonly label: string;
  readonly from: readonly S[];
  /** The state it moves to, or SAME_STATE to stay in whichever of `from` the record is in. */
  readonly to: S | typeof SAME_STATE;
  /** Roles allowed; 'any' = any logged-in user (rules narrow it); 'system' = the app only. */
  readonly roles: readonly Role[] | 'any' | 'system';
  readonly requires?: readonly ('comment' | 'date')[];
  /** Kind-specific fields this transition takes, validated before the rules run. */
  readonly fields?: z.ZodType<Record<string, unknown>>;
  readonly rules?: readonly Rule<D>[];
  /** Pure: the record's changes (sign-off names and dates, a due date...). */
  readonly apply?: (c: RuleContext<D>) => Patch<D>;
}

/** A line of the inbox a kind declares: records in `state` wait on the users `who` selects. */
export interface InboxRule<S extends string, D> {
  readonly state: S;
  /** What the user has to do ('Xem xét tài liệu'). */
  readonly task: string;
  /** 'owner': the record's owner; roles: anyone with one of them (but see `when`). */
  readonly who: 'owner' | readonly Role[];
  /** Only records due within this many days (by dueDate); absent = whatever the due date. */
  readonly horizonDays?: number;
  /** Extra pure filter (not the drafter, not yet reviewed, its day has come...). `today` is
   * the civil date in Vietnam ('YYYY-MM-DD'). */
  readonly when?: (record: QmsRecord<D>, user: Actor, today: string) => boolean;
}

export interface RecordKind<S extends string = string, D = Record<string, unknown>> {
  /** Stored in qms_records.kind and in history rows: never rename. */
  readonly kind: string;
  /** Vietnamese name of the kind ('Hành động'). */
  readonly label: string;
  readonly states: readonly S[];
  readonly stateLabels: Readonly<Record<S, string>>;
  readonly initial: S;
  /** Roles that may create a record of this kind ('any' = any logged-in user). */
  readonly createRoles: readonly Role[] | 'any';
  /** The record's own fields (qms_records.data), checked at creation and after each patch. */
  readonly data: z.ZodType<D>;
  readonly transitions: Readonly<Record<string, TransitionDef<S, D>>>;
  readonly inbox?: readonly InboxRule<S, D>[];
  /** States in which follow-up actions (sourceKind = this kind) may be added; absent = any. */
  readonly acceptsActions?: readonly S[];
  /** The screen that opens a record of this kind, for inbox lines and links. */
  readonly link: (record: QmsRecord<D>) => string;
}

export type Check<S extends string, D> =
  | { readonly ok: true; readonly to: S; readonly patch: Patch<D> }
  | { readonly ok: false; readonly failure: RuleFailure };

const REQUIRED_LABEL = { comment: 'ý kiến / lý do', date: 'ngày' } as const;

function roleAllowed(roles: TransitionDef<string, unknown>['roles'], actor: Actor): boolean {
  if (roles === 'system') return actor.id === null;
  if (actor.id === null) return false;
  if (roles === 'any') return true;
  return actor.roles.some((r) => roles.includes(r));
}

/** Whether `actor` may apply `name` to `record` now, and what it changes. Pure. */
export function checkTransition<S extends string, D>(
  kind: RecordKind<S, D>,
  name: string,
  c: RuleContext<D>,
): Check<S, D> {
  const t = Object.prototype.hasOwnProperty.call(kind.transitions, name)
    ? kind.transitions[name]
    : undefined;
  if (!t) return { ok: false, failure: invalid('Thao tác không có với loại hồ sơ này.') };
  if (!t.from.includes(c.record.state as S)) {
    const state = kind.stateLabels[c.record.state as S] ?? c.record.state;
    return {
      ok: false,
      failure: {
        code: 'CONFLICT',
        message: `Không thể ${t.label} khi ${kind.label.toLowerCase()} đang ở trạng thái "${state}".`,
      },
    };
  }
  if (!roleAllowed(t.roles, c.actor)) {
    return { ok: false, failure: forbid(`Vai trò của bạn không được ${t.label}.`) };
  }
  for (const field of t.requires ?? []) {
    const value = c.input[field];
    if (typeof value !== 'string' || value.trim() === '')
      return { ok: false, failure: invalid(`Phải nhập ${REQUIRED_LABEL[field]} để ${t.label}.`) };
  }
  if (t.fields) {
    const parsed = t.fields.safeParse(c.input.fields ?? {});
    if (!parsed.success)
      return {
        ok: false,
        failure: invalid(parsed.error.issues[0]?.message ?? 'Dữ liệu nhập không hợp lệ.'),
      };
  }
  for (const rule of t.rules ?? []) {
    const failure = rule(c);
    if (failure) return { ok: false, failure };
  }
  const to = t.to === SAME_STATE ? (c.record.state as S) : t.to;
  return { ok: true, to, patch: t.apply ? t.apply(c) : {} };
}

/** The transitions `actor` could apply now (for the screen's buttons). */
export function availableTransitions<S extends string, D>(
  kind: RecordKind<S, D>,
  c: Omit<RuleContext<D>, 'input'>,
): string[] {
  return Object.entries(kind.transitions)
    .filter(([, t]) => t.from.includes(c.record.state as S) && roleAllowed(t.roles, c.actor))
    .filter(([, t]) =>
      // Rules that depend on what the user will type are checked when they submit.
      (t.rules ?? []).every((rule) => {
        const f = rule({ ...c, input: { comment: 'x', date: c.today } });
        return f === null || f.code === 'INVALID_INPUT';
      }),
    )
    .map(([name]) => name);
}

export function mayCreate(kind: RecordKind<string, unknown>, actor: Actor): boolean {
  if (actor.id === null) return true;
  return kind.createRoles === 'any' || actor.roles.some((r) => kind.createRoles.includes(r));
}
