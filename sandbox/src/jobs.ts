// Background jobs (API-NOTES §1.4, §3.3, §5): at most `maxJobs` queued+working at once, a fixed
// pool of workers taking queued jobs in order, each applying its items one per `msPerItem`.
// Every timer is unref'd and cleared on close so a test process never hangs on the sandbox.
// unverified: `results` stays null until the job ends; jobs are kept for the sandbox's lifetime
// (live keeps them about a day, API-NOTES §1.4).
import { randomBytes } from 'node:crypto';
import { jobTimestamp } from './ids';

export type JobState = 'queued' | 'working' | 'completed' | 'failed' | 'killed';
export type JobResult = Record<string, unknown>;

export interface Job<Item = unknown> {
  id: string;
  jobType: string;
  status: JobState;
  progress: number | null;
  total: number | null;
  message: string | null;
  results: JobResult[] | null;
  createdMs: number;
  completedMs: number | null;
  seq: number;
  items: Item[];
  /** Results so far; exposed as `results` only once the job ends (null while working). */
  partial?: JobResult[];
  /** Set by failNext: end in this state after `failAfter` items. */
  failAs?: 'failed' | 'killed';
  failAfter?: number;
}

export interface JobQueueOptions {
  maxJobs: number;
  workers: number;
  msPerItem: number;
}

export class JobQueue<Item> {
  private readonly jobs = new Map<string, Job<Item>>();
  private readonly queue: Array<Job<Item>> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private working = 0;
  private seq = 0;
  private closed = false;
  private pendingFailures: Array<{ as: 'failed' | 'killed'; afterItems?: number }> = [];

  constructor(
    private readonly options: JobQueueOptions,
    private readonly apply: (item: Item, index: number) => JobResult,
  ) {}

  /** Jobs queued or working (what the TooManyJobs limit counts). */
  get activeCount(): number {
    return this.queue.length + this.working;
  }

  get(id: string): Job<Item> | undefined {
    return this.jobs.get(id);
  }

  all(): Array<Job<Item>> {
    return [...this.jobs.values()];
  }

  /** Makes the next `n` submitted jobs end as `as` (after `afterItems` items, default half). */
  failNext(n: number, as: 'failed' | 'killed', afterItems?: number): void {
    for (let i = 0; i < n; i++) this.pendingFailures.push({ as, afterItems });
  }

  /** Changes how long each item takes from the next step on (a test slows jobs down to act mid-run). */
  setPace(msPerItem: number): void {
    this.options.msPerItem = msPerItem;
  }

  /** Queues a job, or returns undefined when the job limit is reached. */
  submit(jobType: string, items: Item[]): Job<Item> | undefined {
    if (this.activeCount >= this.options.maxJobs) return undefined;
    const job: Job<Item> = {
      id: randomBytes(16).toString('hex'),
      jobType,
      status: 'queued',
      progress: null,
      total: null,
      message: null,
      results: null,
      createdMs: Date.now(),
      completedMs: null,
      seq: this.seq++,
      items,
    };
    const failure = this.pendingFailures.shift();
    if (failure) {
      job.failAs = failure.as;
      job.failAfter = Math.min(items.length, failure.afterItems ?? Math.floor(items.length / 2));
    }
    this.jobs.set(job.id, job);
    this.queue.push(job);
    // Start on a later tick so the creating request still reports "queued".
    this.later(0, () => this.dispatch());
    return job;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private dispatch(): void {
    while (!this.closed && this.working < this.options.workers && this.queue.length > 0) {
      const job = this.queue.shift() as Job<Item>;
      this.working++;
      job.status = 'working';
      job.progress = 0;
      job.total = job.items.length;
      this.later(this.options.msPerItem, () => this.step(job));
    }
  }

  private step(job: Job<Item>): void {
    const done = job.progress ?? 0;
    if (job.failAs && done >= (job.failAfter ?? 0)) return this.finish(job, job.failAs);
    const results = (job.partial ??= []);
    results.push(this.apply(job.items[done], done));
    job.progress = done + 1;
    if (job.progress >= job.items.length) return this.finish(job, 'completed');
    this.later(this.options.msPerItem, () => this.step(job));
  }

  private finish(job: Job<Item>, state: 'completed' | 'failed' | 'killed'): void {
    const now = Date.now();
    job.status = state;
    job.completedMs = now;
    job.results = job.partial ?? [];
    // unverified: the wording of failed/killed messages; "Completed at …" is from the spec.
    job.message = state === 'completed' ? `Completed at ${jobTimestamp(now)}`
      : state === 'failed' ? `Failed at ${jobTimestamp(now)}: the job raised an error` : `Killed at ${jobTimestamp(now)}`;
    this.working--;
    this.dispatch();
  }

  private later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.closed) fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}
