// The demo office's timeline: everything that happens is a task at an instant, run in time
// order (ties in the order they were added) with the seeding clock set to that instant, so
// codes, book lines, deadlines and the audit chain come out as a real office's would.
import type { DemoDesk } from './desk-as';

interface Task {
  readonly at: number;
  readonly seq: number;
  readonly run: () => Promise<void>;
}

export class Agenda {
  private readonly tasks: Task[] = [];
  private seq = 0;

  constructor(
    private readonly desk: DemoDesk,
    /** Nothing happens after this instant (now). */
    readonly end: number,
  ) {}

  /** Adds a task at `at`; one after the end never runs. Never earlier than the clock. */
  add(at: number, run: () => Promise<void>): void {
    const task = { at: Math.max(at, this.desk.at), seq: this.seq++, run };
    if (task.at > this.end) return;
    let lo = 0;
    let hi = this.tasks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const t = this.tasks[mid];
      if (t.at < task.at || (t.at === task.at && t.seq < task.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.tasks.splice(lo, 0, task);
  }

  /** Runs every task in time order, including those added while running. */
  async run(): Promise<void> {
    for (let task = this.tasks.shift(); task; task = this.tasks.shift()) {
      this.desk.at = task.at;
      await task.run();
    }
  }
}
