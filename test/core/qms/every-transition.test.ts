// Every transition of every record kind, read from the kinds themselves: refused from each
// state it does not start from, refused to every role it does not list (and to the app, or to
// users when only the app may), refused without each field it requires, each time with a
// Vietnamese reason; and allowed, for the roles it lists, past those three checks. The kinds'
// own tests (action, document, revision, records-control, nonconformity, audit, satisfaction,
// review-inputs) cover each transition's extra rules and its patch.
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../../core/auth/roles';
import {
  checkTransition,
  QMS_KINDS,
  SAME_STATE,
  SYSTEM_ACTOR,
  type Actor,
  type TransitionDef,
} from '../../../core/qms';
import { actor, record, TODAY } from './support';

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const FULL_INPUT = { comment: 'Lý do', date: TODAY };

type AnyDef = TransitionDef<string, Record<string, unknown>>;
const cases = Object.values(QMS_KINDS).flatMap((kind) =>
  Object.entries(kind.transitions as Record<string, AnyDef>).map(
    ([name, t]) => [kind.kind, name, t, kind.states as readonly string[]] as const,
  ),
);

/** Someone the transition lets through its role check. */
function allowed(t: AnyDef): Actor {
  if (t.roles === 'system') return SYSTEM_ACTOR;
  return actor('u-allowed', ...(t.roles === 'any' ? ['desk_officer' as Role] : t.roles));
}

const run = (kind: string, name: string, state: string, who: Actor, input: object) =>
  checkTransition(QMS_KINDS[kind as 'action'] as never, name, {
    record: record(kind, state, {}, { ownerId: who.id }),
    actor: who,
    input,
    today: TODAY,
  });

describe('every transition of every kind', () => {
  it('covers every kind the app knows', () => {
    expect(cases.length).toBeGreaterThan(40);
    expect(new Set(cases.map(([k]) => k))).toEqual(new Set(Object.keys(QMS_KINDS)));
  });

  it.each(cases)(
    '%s.%s is refused from a state it does not start from',
    (kind, name, t, states) => {
      for (const state of states.filter((s) => !t.from.includes(s))) {
        const r = run(kind, name, state, allowed(t), FULL_INPUT);
        expect(r.ok).toBe(false);
        expect(!r.ok && r.failure.code).toBe('CONFLICT');
        expect(!r.ok && r.failure.message).toMatch(VIETNAMESE);
      }
    },
  );

  it.each(cases)('%s.%s is refused to roles it does not list', (kind, name, t) => {
    const from = t.from[0];
    const refusedRoles =
      t.roles === 'system'
        ? [...ROLES]
        : t.roles === 'any'
          ? []
          : ROLES.filter((r) => !t.roles.includes(r));
    for (const role of refusedRoles) {
      const r = run(kind, name, from, actor('u-other', role), FULL_INPUT);
      expect(!r.ok && r.failure).toMatchObject({ code: 'FORBIDDEN' });
      expect(!r.ok && r.failure.message).toMatch(VIETNAMESE);
    }
    // Users' moves are never the app's, and the app's never a user's.
    if (t.roles !== 'system') {
      const r = run(kind, name, from, SYSTEM_ACTOR, FULL_INPUT);
      expect(!r.ok && r.failure.code).toBe('FORBIDDEN');
    }
  });

  it.each(cases)('%s.%s is refused without each field it requires', (kind, name, t) => {
    for (const field of t.requires ?? []) {
      for (const blank of [undefined, '', '   ']) {
        const r = run(kind, name, t.from[0], allowed(t), {
          ...FULL_INPUT,
          [field]: blank,
        });
        expect(!r.ok && r.failure).toMatchObject({ code: 'INVALID_INPUT' });
        expect(!r.ok && r.failure.message).toMatch(/^Phải nhập/);
      }
    }
  });

  it.each(cases)(
    '%s.%s lets a listed role through from each state it starts from',
    (kind, name, t) => {
      // The transition's own fields and rules (tested in the kind's file) set aside: what is
      // left is the mechanism's state, role and required-field checks, which must let it pass.
      const bare = {
        ...QMS_KINDS[kind as 'action'],
        transitions: { [name]: { ...t, fields: undefined, rules: undefined, apply: undefined } },
      };
      for (const state of t.from) {
        const who = allowed(t);
        const r = checkTransition(bare as never, name, {
          record: record(kind, state, {}, { ownerId: who.id }),
          actor: who,
          input: FULL_INPUT,
          today: TODAY,
        });
        // SAME_STATE: the record stays in whichever state it was in.
        expect(r).toEqual({ ok: true, to: t.to === SAME_STATE ? state : t.to, patch: {} });
      }
    },
  );
});
