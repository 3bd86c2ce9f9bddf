// Background jobs (API-NOTES §1.4, §3.3, §5, §13): at most `maxJobs` queued+working at once, a
// fixed pool of workers taking queued jobs in order, each applying its items one per `msPerItem`.
// As recorded (§13): ids are "V3-" + 32 hex digits; queued → total set, progress/message/results
// null; working → progress and a "Creating … #n" message; completed → "Completed at …".
// Every timer is unref'd and cleared on close so a test process never hangs on the sandbox.
// unverified: `results` stays null until the job ends (so recorded); jobs are kept for the
// sandbox's lifetime (live keeps them about a day, API-NOTES §1.4).
import { randomBytes } from 'node:crypto';
import { jobTimestamp } from './ids';

export type JobState = 'queued' | 'working' | 'completed' | 'failed' | 'killed';
export type JobResult = Record<string, unknown>;

export interface Job<Item = unknown> {
  id: string;
  /** Internal only: recorded job statuses carry no job_type (API-NOTES §13). */
  jobType: string;
  /** The working message after n items, e.g. "Creating organization membership #31". */
  progressText: (n: number) => string;
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
  /** 'shuffled' reorders a finished job's results (a fixed shuffle per job). */
  resultOrder: 'request' | 'shuffled';
  /** Leave out the result of every Nth item (0 = none). */
  dropEvery: number;
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

  /** The most jobs ever queued or working at once (what a client's cap on jobs in flight is checked against). */
  peakActive = 0;

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
  submit(jobType: string, items: Item[], progressText: (n: number) => string): Job<Item> | undefined {
    if (this.activeCount >= this.options.maxJobs) return undefined;
    const job: Job<Item> = {
      id: `V3-${randomBytes(16).toString('hex')}`,
      jobType,
      progressText,
      status: 'queued',
      progress: null,
      // A number even while queued, as in all 72 recorded queued bulk answers (API-NOTES §13).
      total: items.length,
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
    this.peakActive = Math.max(this.peakActive, this.activeCount);
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
      this.later(this.options.msPerItem, () => this.step(job));
    }
  }

  private step(job: Job<Item>): void {
    const done = job.progress ?? 0;
    if (job.failAs && done >= (job.failAfter ?? 0)) return this.finish(job, job.failAs);
    const results = (job.partial ??= []);
    results.push(this.apply(job.items[done], done));
    job.progress = done + 1;
    job.message = job.progressText(job.progress);
    if (job.progress >= job.items.length) return this.finish(job, 'completed');
    this.later(this.options.msPerItem, () => this.step(job));
  }

  private finish(job: Job<Item>, state: 'completed' | 'failed' | 'killed'): void {
    const now = Date.now();
    job.status = state;
    job.completedMs = now;
    job.results = this.arrange(job, job.partial ?? []);
    // unverified: the wording of failed/killed messages; "Completed at …" is from the spec.
    job.message = state === 'completed' ? `Completed at ${jobTimestamp(now)}`
      : state === 'failed' ? `Failed at ${jobTimestamp(now)}: the job raised an error` : `Killed at ${jobTimestamp(now)}`;
    this.working--;
    this.dispatch();
  }

  /** The results as reported: every Nth left out, then shuffled, as the options ask. */
  private arrange(job: Job<Item>, results: JobResult[]): JobResult[] {
    const { dropEvery, resultOrder } = this.options;
    const kept = dropEvery > 0 ? results.filter((_, position) => (position + 1) % dropEvery !== 0) : [...results];
    if (resultOrder === 'shuffled') {
      const random = seededRandom(job.seq + 1);
      for (let i = kept.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [kept[i], kept[j]] = [kept[j], kept[i]];
      }
    }
    return kept;
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

/** mulberry32: a small deterministic generator, so a shuffled job always reads the same. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
