// Rules several kinds share, as pure predicates over a transition's context.
import { isCivilDate } from '../calendar/civil-time';
import { forbid, invalid, type Rule, type RuleContext } from './kind';
import type { Signature } from './record';

/** The actor signs as `who` is not the same person as the one who signed `stage`. */
export const notSigner =
  <D>(stage: (d: D) => Signature | null | undefined, message: string): Rule<D> =>
  (c) => {
    const signed = stage(c.record.data);
    return signed && c.actor.id !== null && signed.userId === c.actor.id ? forbid(message) : null;
  };

/** The actor is not the record's owner (whoever verifies an action did not carry it out). */
export const notOwner =
  <D>(message: string): Rule<D> =>
  (c) =>
    c.record.ownerId !== null && c.record.ownerId === c.actor.id ? forbid(message) : null;

/** Only the record's owner (or a role that may stand in) may do this. */
export const ownerOr =
  <D>(roles: readonly string[], message: string): Rule<D> =>
  (c) =>
    c.record.ownerId === c.actor.id || c.actor.roles.some((r) => roles.includes(r))
      ? null
      : forbid(message);

/** The date given is a real date, today or later. */
export const dateNotPast =
  <D>(what: string): Rule<D> =>
  (c) => {
    const date = c.input.date ?? '';
    if (!isCivilDate(date)) return invalid(`${what} không hợp lệ.`);
    return date < c.today ? invalid(`${what} không được ở trong quá khứ.`) : null;
  };

export function signature(c: RuleContext<unknown>): Signature {
  return { userId: c.actor.id ?? '', name: c.actor.name, on: c.today };
}
