// The appointment after a supplement round under the 'pause' rule: moved by the working time
// the dossier waited for the citizen. A day-based appointment stays at the end of a working
// day: the pause moves it to the end of the day the paused working time reaches. The desk
// (services/desk/flow.ts) and the generated history (scripts/history) both use this.
import type { WorkCalendar } from '../calendar/calendar-data';
import { civilDateOf } from '../calendar/civil-time';
import { addWorkingHours, endOfWorkingDay } from '../calendar/working-time';

export function movedByPause(
  dueAt: number,
  pausedHours: number,
  byDays: boolean,
  cal: WorkCalendar,
): number {
  if (pausedHours === 0) return dueAt;
  const moved = addWorkingHours(dueAt, pausedHours, cal);
  return byDays ? endOfWorkingDay(civilDateOf(moved - 1), cal) : moved;
}
