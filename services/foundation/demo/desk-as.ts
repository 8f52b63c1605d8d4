// The demo office is lived in through the contract: every dossier move and quality-system
// record is made by the handler of its operation, as the user who owns that step, at a past
// instant of a clock the seeding moves forward. Input goes through the operation's schema and
// the caller's permission is checked, as the dispatcher does; only the session is skipped.
import { hasPermission } from '../../../core/auth/roles';
import { contract, type OpInput, type OpName, type OpOutput } from '../../../core/contract';
import { AppError } from '../../../core/errors';
import { users } from '../../../db/schema';
import type { Ctx, CurrentUser } from '../../context';
import { flowHandlers } from '../../desk/flow';
import { receiveHandlers } from '../../desk/receive';
import { mergeHandlers, type PartialHandlers } from '../../handlers';
import { announcementHandlers } from '../../qms/announcements';
import { auditWorkHandlers } from '../../qms/audit-work';
import { auditHandlers } from '../../qms/audits';
import { documentHandlers } from '../../qms/documents';
import { feedbackHandlers } from '../../qms/feedback';
import { qmsHandlers } from '../../qms/handlers';
import { nonconformityHandlers } from '../../qms/nonconformity';
import { objectiveHandlers } from '../../qms/objectives';
import { ratingHandlers } from '../../qms/ratings';
import { reviewHandlers } from '../../qms/reviews';
import { riskHandlers } from '../../qms/risks';
import { surveyHandlers } from '../../qms/surveys';
import { yearlyReportHandlers } from '../../qms/yearly-reports';

/** The operations a lived-in office is made with. */
const HANDLERS: PartialHandlers = mergeHandlers(
  receiveHandlers,
  flowHandlers,
  qmsHandlers,
  documentHandlers,
  nonconformityHandlers,
  feedbackHandlers,
  ratingHandlers,
  auditHandlers,
  auditWorkHandlers,
  riskHandlers,
  announcementHandlers,
  objectiveHandlers,
  reviewHandlers,
  yearlyReportHandlers,
  surveyHandlers,
);

export type Caller = <N extends OpName>(name: N, input: OpInput<N>) => Promise<OpOutput<N>>;

export interface DemoDesk {
  /** The instant the next call happens at (ctx.now() of the handler). */
  at: number;
  /** The office's users by username. */
  readonly people: ReadonlyMap<string, CurrentUser>;
  /** Calls operations as this user, at `at`. */
  as(username: string): Caller;
  /** The user's id. */
  id(username: string): string;
}

export function demoDesk(ctx: Ctx, start: number): DemoDesk {
  const people = new Map<string, CurrentUser>(
    ctx.db
      .select({
        id: users.id,
        username: users.username,
        fullName: users.fullName,
        roles: users.roles,
      })
      .from(users)
      .all()
      .map((u) => [u.username, u]),
  );
  const desk: DemoDesk = {
    at: start,
    people,
    id: (username) => {
      const user = people.get(username);
      if (!user) throw new Error(`Demo office has no user ${username}`);
      return user.id;
    },
    as: (username) => {
      const user = people.get(username);
      if (!user) throw new Error(`Demo office has no user ${username}`);
      const caller = async (name: OpName, input: unknown): Promise<unknown> => {
        const def = contract[name];
        const handler = HANDLERS[name] as ((c: Ctx, i: unknown) => unknown) | undefined;
        if (!handler) throw new Error(`The demo seeding does not use ${name}`);
        if (
          def.access !== 'public' &&
          def.access !== 'user' &&
          !hasPermission(user.roles, def.access)
        )
          throw new AppError('FORBIDDEN');
        const at = desk.at;
        return await handler({ ...ctx, user, now: () => at }, def.input.parse(input));
      };
      return caller as Caller;
    },
  };
  return desk;
}
