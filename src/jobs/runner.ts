import { MAX_BULK_ITEMS, TERMINAL_JOB_STATES, isZendeskError } from '../zendesk';
import type { JobStatus, ZendeskClient } from '../zendesk';
import { BulkChunk, BulkOperation, ChunkState, TERMINAL_CHUNK_STATES } from './model';
import { applyJobResults, failChunk } from './results';

export interface JobTimings {
  /** First and shortest wait between status polls. */
  pollMinMs: number;
  /** Longest wait between polls; the wait grows by `pollFactor` while nothing finishes. */
  pollMaxMs: number;
  pollFactor: number;
  /** Wait after TooManyJobs (doubling up to the max) before trying to submit again. */
  backoffMinMs: number;
  backoffMaxMs: number;
  /** Polls in a row that may miss a job before asking for it alone and, on a 404, calling it lost. */
  missesBeforeLost: number;
  /** Attempts to submit one chunk whose submission failed on the way (network, 5xx). */
  submitAttempts: number;
}

export const DEFAULT_TIMINGS: JobTimings = {
  pollMinMs: 1_000, pollMaxMs: 10_000, pollFactor: 1.5, backoffMinMs: 2_000, backoffMaxMs: 30_000, missesBeforeLost: 5, submitAttempts: 3,
};

/** What a run measured; `npm run bench` reports these. */
export interface JobStats {
  jobsSubmitted: number;
  peakInFlight: number;
  statusPolls: number;
  tooManyJobsBackoffs: number;
}

export interface RunnerDeps {
  origin: string;
  client(): Promise<ZendeskClient>;
  /** This account's operations (the engine owns them). */
  operations(): BulkOperation[];
  /** The operation changed; `durable` asks for it to be persisted before the call resolves. */
  changed(operation: BulkOperation, durable: boolean): Promise<void>;
  maxInFlight(): number;
  timings: JobTimings;
  stats: JobStats;
  log(message: string): void;
  /** Called whenever a chunk is about to count as in flight, so tests can check the cap at every step. */
  observeInFlight?(count: number): void;
  /** The error says the account is signed out: wait for `kick()` rather than fail or retry. */
  isSignedOut(error: unknown): boolean;
}

const IN_FLIGHT: ReadonlySet<ChunkState> = new Set(['submitting', 'queued', 'working']);

/**
 * Runs the bulk jobs of one Zendesk account (Zendesk's job limit is per account): submits chunks
 * in order while fewer than `maxInFlight` jobs are queued or running, backs off on TooManyJobs,
 * and polls every tracked job with show_many, slowing from about 1 s to 10 s while nothing
 * finishes. Everything it learns is written onto the operations and reported through `changed`.
 * When the account is signed out it stops, marks its operations, and waits for the next `kick()`.
 */
export class AccountRunner {
  private pumping?: Promise<void>;
  private blockedUntil = 0;
  private backoffMs: number;
  private pumpTimer?: NodeJS.Timeout;
  private pollTimer?: NodeJS.Timeout;
  private pollDueAt = 0;
  private quietPolls = 0;
  /** One poll at a time: a slow one must not overlap the next (each would count the same misses). */
  private polling = false;
  private waitingForSignIn = false;
  private disposed = false;

  constructor(private readonly deps: RunnerDeps) {
    this.backoffMs = deps.timings.backoffMinMs;
  }

  /**
   * Something changed (new work, capacity freed, a reload, a sign-in): submit what fits and keep
   * polling. `pollNow`: the progress known is old (operations just resumed), so poll at once.
   */
  kick(pollNow = false): void {
    this.waitingForSignIn = false;
    void this.pump();
    this.schedulePoll(false, pollNow);
  }

  inFlight(): number {
    return this.chunks().filter(({ chunk }) => IN_FLIGHT.has(chunk.state)).length;
  }

  /** Stops timers; resolves once a submission already on the wire has been recorded. */
  async dispose(): Promise<void> {
    this.disposed = true;
    clearTimeout(this.pumpTimer);
    clearTimeout(this.pollTimer);
    await this.pumping;
  }

  // ── submitting ─────────────────────────────────────────────────────────────────────────

  private pump(): Promise<void> {
    if (!this.pumping && !this.disposed) {
      this.pumping = this.submitWhatFits().finally(() => {
        this.pumping = undefined;
      });
    }
    return this.pumping ?? Promise.resolve();
  }

  private async submitWhatFits(): Promise<void> {
    for (;;) {
      const wait = this.blockedUntil - Date.now();
      if (wait > 0) {
        clearTimeout(this.pumpTimer);
        this.pumpTimer = setTimeout(() => void this.pump(), wait);
        return;
      }
      const next = this.chunks().find(({ chunk }) => chunk.state === 'pending');
      if (!next || this.inFlight() >= this.deps.maxInFlight() || this.disposed || this.waitingForSignIn) {
        return; // a job finishing calls kick() again
      }
      await this.submit(next.operation, next.chunk);
    }
  }

  private async submit(operation: BulkOperation, chunk: BulkChunk): Promise<void> {
    const items = chunk.items.map((index) => operation.items[index]);
    chunk.state = 'submitting';
    chunk.submittedAt = Date.now();
    chunk.attempts = (chunk.attempts ?? 0) + 1;
    items.forEach((item) => { item.outcome = 'submitted'; item.detail = undefined; });
    this.deps.observeInFlight?.(this.inFlight());
    this.deps.stats.peakInFlight = Math.max(this.deps.stats.peakInFlight, this.inFlight());
    // Saved with the next batch, not before the request: if a reload comes first, the chunk is
    // simply sent again, and the repeat's duplicates read as success (see results.ts).
    await this.deps.changed(operation, false);
    try {
      const client = await this.deps.client();
      await this.markWaiting(false); // signed in (again)
      const job = operation.kind === 'add'
        ? await client.createManyOrganizationMemberships(items.map((item) => ({
          userId: item.userId, organizationId: item.organizationId, ...(item.makeDefault ? { default: true } : {}),
        })))
        : await client.deleteManyOrganizationMemberships(items.map((item) => item.membershipId as number));
      this.deps.stats.jobsSubmitted++;
      this.backoffMs = this.deps.timings.backoffMinMs;
      chunk.jobId = job.id;
      this.deps.log(`${operation.kind === 'add' ? 'create_many' : 'destroy_many'} chunk ${chunk.index + 1}/${operation.chunks.length} of "${operation.title}" → job ${job.id}`);
      this.absorb(operation, chunk, job);
      this.quietPolls = 0;
      await this.deps.changed(operation, true); // the job id, kept before anything else happens
      this.schedulePoll(true);
    } catch (error) {
      await this.submissionFailed(operation, chunk, error);
    }
  }

  private async submissionFailed(operation: BulkOperation, chunk: BulkChunk, error: unknown): Promise<void> {
    if (this.deps.isSignedOut(error)) {
      chunk.attempts = (chunk.attempts ?? 1) - 1;
      this.requeue(operation, chunk);
      await this.waitForSignIn(error);
      return;
    }
    const tooManyJobs = isZendeskError(error) && error.code === 'TooManyJobs';
    // The HTTP layer already waited out a few 429s; one that gets here is waited out again, uncounted.
    const rateLimited = isZendeskError(error) && error.status === 429 && !tooManyJobs;
    const transient = isZendeskError(error) && (error.status === 0 || error.status >= 500);
    if (tooManyJobs || rateLimited || (transient && (chunk.attempts ?? 0) < this.deps.timings.submitAttempts)) {
      if (tooManyJobs || rateLimited) {
        chunk.attempts = (chunk.attempts ?? 1) - 1; // waiting for room or for the rate limit is not a failed attempt
      }
      if (tooManyJobs) {
        this.deps.stats.tooManyJobsBackoffs++;
      }
      const retryAfterMs = rateLimited && error.retryAfter !== undefined ? Math.ceil(error.retryAfter * 1000) : undefined;
      const waitMs = retryAfterMs ?? this.backoffMs;
      this.deps.log(`chunk ${chunk.index + 1} of "${operation.title}" not submitted (${error instanceof Error ? error.message : String(error)}); retrying in ${waitMs} ms`);
      this.requeue(operation, chunk);
      this.blockedUntil = Date.now() + waitMs;
      if (retryAfterMs === undefined) {
        this.backoffMs = Math.min(this.backoffMs * 2, this.deps.timings.backoffMaxMs);
      }
      await this.deps.changed(operation, true);
      return;
    }
    chunk.state = 'failed';
    chunk.finishedAt = Date.now();
    chunk.message = error instanceof Error ? error.message : String(error);
    failChunk(operation, chunk, chunk.message);
    this.finishIfDone(operation);
    await this.deps.changed(operation, true);
  }

  private requeue(operation: BulkOperation, chunk: BulkChunk): void {
    chunk.state = 'pending';
    chunk.jobId = undefined;
    chunk.items.forEach((index) => { operation.items[index].outcome = 'pending'; });
  }

  // ── polling ────────────────────────────────────────────────────────────────────────────

  private schedulePoll(soon: boolean, now = false): void {
    if (this.disposed || this.polling || this.waitingForSignIn || !this.chunks().some(({ chunk }) => isTracked(chunk))) {
      return; // a poll under way schedules the next when it ends
    }
    const { pollMinMs, pollMaxMs, pollFactor } = this.deps.timings;
    const delay = now ? 0 : soon ? pollMinMs : Math.min(pollMaxMs, pollMinMs * pollFactor ** this.quietPolls);
    const dueAt = Date.now() + delay;
    if (this.pollTimer && this.pollDueAt <= dueAt) {
      return;
    }
    clearTimeout(this.pollTimer);
    this.pollDueAt = dueAt;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.poll();
    }, delay);
  }

  private async poll(): Promise<void> {
    if (this.polling || this.disposed) {
      return;
    }
    this.polling = true;
    const tracked = this.chunks().filter(({ chunk }) => isTracked(chunk));
    let finished = false;
    try {
      const client = await this.deps.client();
      await this.markWaiting(false); // signed in (again)
      for (let start = 0; start < tracked.length && !this.disposed; start += MAX_BULK_ITEMS) {
        const batch = tracked.slice(start, start + MAX_BULK_ITEMS);
        this.deps.stats.statusPolls++;
        const jobs = await client.showManyJobStatuses(batch.map(({ chunk }) => chunk.jobId as string));
        const byId = new Map(jobs.map((job) => [job.id, job]));
        for (const { operation, chunk } of batch) {
          const job = byId.get(chunk.jobId as string) ?? await this.whenMissing(client, operation, chunk);
          if (job) {
            chunk.misses = 0;
            this.absorb(operation, chunk, job);
          }
          finished ||= TERMINAL_CHUNK_STATES.has(chunk.state);
          await this.deps.changed(operation, TERMINAL_CHUNK_STATES.has(chunk.state));
        }
      }
    } catch (error) {
      if (this.deps.isSignedOut(error)) {
        this.polling = false;
        await this.waitForSignIn(error);
        return;
      }
      this.deps.log(`polling job statuses failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.polling = false;
    this.quietPolls = finished ? 0 : this.quietPolls + 1;
    if (finished) {
      void this.pump();
    }
    this.schedulePoll(false);
  }

  /** Stops sending and polling until the next `kick()`, and says so on every operation of the account. */
  private async waitForSignIn(error: unknown): Promise<void> {
    if (!this.waitingForSignIn) {
      this.deps.log(`${this.deps.origin}: ${error instanceof Error ? error.message : String(error)}; bulk operations wait for a sign-in`);
    }
    this.waitingForSignIn = true;
    clearTimeout(this.pumpTimer);
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    await this.markWaiting(true);
  }

  private async markWaiting(waiting: boolean): Promise<void> {
    for (const operation of this.deps.operations().filter((candidate) => candidate.state === 'running' && (candidate.waitingForSignIn ?? false) !== waiting)) {
      operation.waitingForSignIn = waiting || undefined;
      await this.deps.changed(operation, true);
    }
  }

  /** show_many left the job out: Zendesk sometimes briefly loses one under load. */
  private async whenMissing(client: ZendeskClient, operation: BulkOperation, chunk: BulkChunk): Promise<JobStatus | undefined> {
    chunk.misses = (chunk.misses ?? 0) + 1;
    if (chunk.misses < this.deps.timings.missesBeforeLost) {
      return undefined;
    }
    try {
      return await client.showJobStatus(chunk.jobId as string);
    } catch (error) {
      if (isZendeskError(error) && error.status === 404) {
        chunk.state = 'lost';
        chunk.finishedAt = Date.now();
        failChunk(operation, chunk, `Zendesk no longer reports job ${chunk.jobId}; whether these items were applied is unknown. Retry them to be sure.`);
        this.finishIfDone(operation);
      }
      return undefined;
    }
  }

  /** Takes in a job status: progress, and on a terminal state the per-item results. */
  private absorb(operation: BulkOperation, chunk: BulkChunk, job: JobStatus): void {
    chunk.progress = job.progress;
    chunk.total = job.total;
    chunk.message = job.message ?? undefined;
    if (TERMINAL_JOB_STATES.has(job.status)) {
      chunk.state = job.status as ChunkState;
      chunk.finishedAt = Date.now();
      applyJobResults(operation, chunk, job);
      this.finishIfDone(operation);
    } else {
      chunk.state = job.status === 'working' ? 'working' : 'queued';
    }
  }

  private finishIfDone(operation: BulkOperation): void {
    if (operation.state === 'running' && operation.chunks.every((chunk) => TERMINAL_CHUNK_STATES.has(chunk.state))) {
      operation.state = operation.chunks.some((chunk) => chunk.state === 'cancelled') ? 'cancelled' : 'completed';
      operation.finishedAt = Date.now();
    }
  }

  private chunks(): Array<{ operation: BulkOperation; chunk: BulkChunk }> {
    return this.deps.operations()
      .filter((operation) => operation.state === 'running')
      .flatMap((operation) => operation.chunks.map((chunk) => ({ operation, chunk })));
  }
}

function isTracked(chunk: BulkChunk): boolean {
  return chunk.jobId !== undefined && (chunk.state === 'queued' || chunk.state === 'working');
}

/** Splits item indexes into Zendesk-sized chunks. */
export function chunkIndexes(count: number, size: number = MAX_BULK_ITEMS): number[][] {
  const chunks: number[][] = [];
  for (let start = 0; start < count; start += size) {
    chunks.push(Array.from({ length: Math.min(size, count - start) }, (_, offset) => start + offset));
  }
  return chunks;
}
