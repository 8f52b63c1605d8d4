// The quality history's timeline: tasks at instants, run in time order (ties in the order they
// were added), a binary heap since tens of thousands wait at once. A task is never scheduled
// before the clock, and one after the end of the history never runs.

interface Task {
  readonly at: number;
  readonly seq: number;
  readonly run: () => Promise<void>;
}

const less = (a: Task, b: Task) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export class Timeline {
  private readonly heap: Task[] = [];
  private seq = 0;

  constructor(
    /** The instant the current task runs at. */
    private readonly clock: { at: number },
    /** Nothing happens after this instant. */
    private readonly end: number,
  ) {}

  add(at: number, run: () => Promise<void>): void {
    const task = { at: Math.max(at, this.clock.at), seq: this.seq++, run };
    if (task.at > this.end) return;
    const heap = this.heap;
    heap.push(task);
    for (let i = heap.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!less(heap[i], heap[p])) break;
      [heap[i], heap[p]] = [heap[p], heap[i]];
      i = p;
    }
  }

  /** The next task in time order (the clock set to its instant), or undefined when done. */
  next(): Task | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length && last) {
      heap[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && less(heap[l], heap[m])) m = l;
        if (r < heap.length && less(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
    if (top) this.clock.at = top.at;
    return top;
  }
}
