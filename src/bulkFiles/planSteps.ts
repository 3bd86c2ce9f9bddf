// Small helpers the planners share: a progress counter whose total can grow as lookups reveal
// more work, a loop running a few requests at a time, and loops over many rows that let the
// extension host breathe.

export interface PlanOptions {
  signal?: AbortSignal;
  /** Requests done out of those planned so far (the total grows when a listing turns out longer). */
  onProgress?: (done: number, total: number) => void;
}

export class PlanProgress {
  private done = 0;
  private total = 0;

  constructor(private readonly report?: (done: number, total: number) => void) {}

  expect(steps: number): void {
    this.total += steps;
    this.report?.(this.done, this.total);
  }

  step(): void {
    this.done++;
    this.total = Math.max(this.total, this.done);
    this.report?.(this.done, this.total);
  }
}

/**
 * A few requests in flight rather than one: Zendesk answers each in a few hundred ms, and the
 * client's pacer still slows everything down when the rate-limit headers say so.
 */
export const CONCURRENT_LOOKUPS = 4;

/** Runs `task` for every item, at most `limit` at once; the first failure (or abort) stops the rest. */
export async function forEachLimited<T>(items: readonly T[], task: (item: T) => Promise<void>, signal?: AbortSignal, limit = CONCURRENT_LOOKUPS): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < items.length) {
      signal?.throwIfAborted();
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Rows handled between two turns of the event loop: planning 100,000 rows never holds the host for long. */
const ROWS_PER_TURN = 2_000;

/** `action` for every item, with a turn of the event loop after every ROWS_PER_TURN items. */
export async function eachYielding<T>(items: Iterable<T>, action: (item: T) => void): Promise<void> {
  let count = 0;
  for (const item of items) {
    action(item);
    if (++count % ROWS_PER_TURN === 0) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

export async function filterYielding<T>(items: Iterable<T>, keep: (item: T) => boolean): Promise<T[]> {
  const kept: T[] = [];
  await eachYielding(items, (item) => {
    if (keep(item)) kept.push(item);
  });
  return kept;
}
