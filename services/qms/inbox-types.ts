// What an inbox source is: a name and the lines it has for one user now.
import { dayNumberOf, startOfDayNumber } from '../../core/calendar/civil-time';
import type { InboxItem } from '../../core/contract/qms';
import type { Actor } from '../../core/qms';
import type { Ctx } from '../context';

export interface InboxSource {
  readonly name: string;
  readonly collect: (ctx: Ctx, me: Actor, today: string, now: number) => InboxItem[];
}

/** The last instant of a civil date (a task due that day is overdue from the next). */
export const endOfDate = (date: string): number => startOfDayNumber(dayNumberOf(date) + 1) - 1;
