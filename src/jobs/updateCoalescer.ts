// Turns a flood of "operation X changed" events into at most one flush per interval. A 10,000-item
// operation can report progress every few milliseconds; the panel only needs the latest state a
// few times a second. The flush reads the state itself, so whatever it posts is always current.
// No `vscode` import; the clock is injected so tests run without sleeping.

export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** What changed since the last flush: everything, or these operations. */
export interface PendingChanges {
  readonly all: boolean;
  readonly operationIds: ReadonlySet<string>;
}

/** 250 ms: at most four flushes a second, still feels live. */
export const DEFAULT_FLUSH_INTERVAL_MS = 250;

/** Item rows can be 10,000 long: once a second is plenty for a table a person reads. */
export const ROWS_FLUSH_INTERVAL_MS = 1000;

export class UpdateCoalescer {
  private all = false;
  private operationIds = new Set<string>();
  private timer: unknown;
  private lastFlush = Number.NEGATIVE_INFINITY;
  private disposed = false;

  constructor(
    private readonly onFlush: (changes: PendingChanges) => void,
    private readonly intervalMs = DEFAULT_FLUSH_INTERVAL_MS,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  /** Records a change (undefined = many operations) and schedules a flush if none is due. */
  mark(operationId?: string): void {
    if (this.disposed) {
      return;
    }
    if (operationId === undefined) {
      this.all = true;
    } else {
      this.operationIds.add(operationId);
    }
    if (this.timer === undefined) {
      // After a quiet spell the first change goes out on the next tick (so a synchronous burst
      // still makes one flush); otherwise it waits for the interval to end.
      const wait = Math.max(0, this.lastFlush + this.intervalMs - this.scheduler.now());
      this.timer = this.scheduler.setTimeout(() => this.flush(), wait);
    }
  }

  /** Flushes pending changes now (e.g. the webview just said it is ready). */
  flushNow(): void {
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
    }
    this.flush();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) {
      this.scheduler.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.all = false;
    this.operationIds = new Set();
  }

  private flush(): void {
    this.timer = undefined;
    if (this.disposed || (!this.all && this.operationIds.size === 0)) {
      return;
    }
    const changes: PendingChanges = { all: this.all, operationIds: this.operationIds };
    this.all = false;
    this.operationIds = new Set();
    this.lastFlush = this.scheduler.now();
    this.onFlush(changes);
  }
}
