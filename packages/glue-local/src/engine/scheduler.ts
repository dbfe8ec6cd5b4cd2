/**
 * The virtual clock and the task queue every simulated duration runs on.
 *
 * Virtual time runs `timeScale` times faster than real time and can also be moved forward by
 * hand (`advance`). A task runs with the clock pinned to its own due time, so the timestamps
 * it writes are exact whatever the real timer's jitter; ties run in the order they were
 * scheduled. Callers drain due tasks (`runDue`) before reading or changing state, so an API
 * call never sees the past and the future mixed.
 */

export interface ScheduledTask {
  readonly at: number;
  readonly seq: number;
  cancelled: boolean;
  readonly run: () => void;
}

/** Min-heap on (at, seq). */
class TaskHeap {
  private readonly items: ScheduledTask[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): ScheduledTask | undefined {
    return this.items[0];
  }

  push(task: ScheduledTask): void {
    const items = this.items;
    items.push(task);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as ScheduledTask, items[parent] as ScheduledTask)) break;
      [items[i], items[parent]] = [items[parent] as ScheduledTask, items[i] as ScheduledTask];
      i = parent;
    }
  }

  pop(): ScheduledTask | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && before(items[l] as ScheduledTask, items[m] as ScheduledTask)) m = l;
        if (r < items.length && before(items[r] as ScheduledTask, items[m] as ScheduledTask)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m] as ScheduledTask, items[i] as ScheduledTask];
        i = m;
      }
    }
    return top;
  }
}

const before = (a: ScheduledTask, b: ScheduledTask) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export interface SchedulerOptions {
  timeScale: number;
  /** Virtual time at creation (default: the wall clock). */
  startAt?: number;
  /** Called after every batch of tasks, e.g. to wake `idle()` waiters. */
  onSettled?: () => void;
}

export class Scheduler {
  private readonly heap = new TaskHeap();
  private readonly timeScale: number;
  private readonly startVirtual: number;
  private readonly startReal = performance.now();
  private offset = 0;
  private pinned: number | undefined;
  private last = 0;
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private armedAt: number | undefined;
  private running = false;
  private stopped = false;
  private readonly onSettled: (() => void) | undefined;

  constructor(options: SchedulerOptions) {
    this.timeScale = options.timeScale;
    this.startVirtual = options.startAt ?? Date.now();
    this.onSettled = options.onSettled;
  }

  /** Virtual now, in epoch milliseconds (never goes backwards). */
  now(): number {
    if (this.pinned !== undefined) return this.pinned;
    const computed = this.startVirtual + (performance.now() - this.startReal) * this.timeScale + this.offset;
    this.last = Math.max(this.last, Math.floor(computed));
    return this.last;
  }

  /** Runs `fn` at virtual time `at` (or as soon as possible when `at` has passed). */
  at(at: number, run: () => void): ScheduledTask {
    const task: ScheduledTask = { at, seq: this.seq++, cancelled: false, run };
    this.heap.push(task);
    this.arm();
    return task;
  }

  /** Runs `fn` `delayMs` virtual milliseconds from now. */
  after(delayMs: number, run: () => void): ScheduledTask {
    return this.at(this.now() + Math.max(0, delayMs), run);
  }

  cancel(task: ScheduledTask | undefined): void {
    if (task) task.cancelled = true;
  }

  /** Runs every task due by now, in order. Returns how many ran. */
  runDue(): number {
    return this.runUntil(this.now());
  }

  /** Moves virtual time forward by `ms`, running what falls due on the way. */
  advance(ms: number): void {
    if (ms < 0) throw new Error("advance() needs a non-negative number of milliseconds");
    const target = this.now() + ms;
    this.runUntil(target);
    this.offset += target - this.now();
    this.disarm(); // the clock jumped: the real timer's delay is stale
    this.arm();
  }

  /** Jumps straight to the next pending task and runs it; false when there is none. */
  runNext(): boolean {
    const next = this.nextTask();
    if (!next) return false;
    const gap = next.at - this.now();
    if (gap > 0) {
      this.offset += gap;
      this.disarm();
    }
    this.runUntil(Math.max(next.at, this.now()));
    return true;
  }

  /** Virtual time of the next pending task, if any. */
  nextDue(): number | undefined {
    return this.nextTask()?.at;
  }

  /** Cancels the real timer; tasks stay queued but never run by themselves again. */
  stop(): void {
    this.stopped = true;
    this.disarm();
  }

  /**
   * Runs `fn` with the clock pinned at one instant (after running what is due), so that every
   * timestamp written by one API call is the same.
   */
  pinnedAt<T>(fn: () => T): T {
    if (this.pinned !== undefined) return fn();
    this.runDue();
    this.pinned = this.now();
    try {
      return fn();
    } finally {
      this.pinned = undefined;
    }
  }

  private nextTask(): ScheduledTask | undefined {
    let top = this.heap.peek();
    while (top?.cancelled) {
      this.heap.pop();
      top = this.heap.peek();
    }
    return top;
  }

  private runUntil(limit: number): number {
    if (this.running) return 0; // a task that calls back into the engine must not recurse
    this.running = true;
    let count = 0;
    try {
      for (let task = this.nextTask(); task && task.at <= limit; task = this.nextTask()) {
        this.heap.pop();
        // Pinned to its own due time even when the timer fired late: callers drain due tasks
        // before acting, so nothing observed a later time before this task ran.
        const previousPin = this.pinned;
        this.pinned = task.at;
        this.last = Math.max(this.last, task.at);
        try {
          task.run();
        } finally {
          this.pinned = previousPin;
        }
        count++;
      }
    } finally {
      this.running = false;
    }
    if (count > 0) this.onSettled?.();
    this.arm();
    return count;
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Keeps exactly one real timer, for the earliest pending task. */
  private arm(): void {
    if (this.stopped || this.running) return;
    const next = this.nextTask();
    if (this.timer && next?.at === this.armedAt) return; // already waiting for that task
    this.disarm();
    if (!next) return;
    this.armedAt = next.at;
    const realDelay = Math.min(Math.max(0, (next.at - this.now()) / this.timeScale), 2_147_483_647);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runDue();
    }, realDelay);
    this.timer.unref();
  }
}
