import { isZendeskError, mayHaveApplied } from '../zendesk';
import type { ZendeskClient } from '../zendesk';
import { AccountHold } from './accountHold';
import { type BulkChunk, type BulkOperation, chunkJobKind } from './model';
import { IN_FLIGHT, RunnerDeps, finishIfDone, isTracked, markSubmitting, messageOf, requeue } from './runnerParts';
import { PollContext, pollJobs, absorb } from './polling';
import { PollSchedule } from './pollSchedule';
import { reconcileUncertain } from './reconcile';
import { callChunkReady, runCallChunk } from './callChunks';
import { failChunk, sentItems } from './results';
import { WaitCeiling, waitKindOf } from './waitCeiling';

/**
 * Runs the bulk jobs of one Zendesk account (Zendesk's job limit is per account): submits chunks
 * in order while the account's budget has room (all that fit at once), backs off on TooManyJobs, polls every
 * tracked job with show_many when the first is due (pollSchedule.ts), and reconciles chunks
 * whose submission's answer was lost (reconcile.ts). Waiting out rate limits and outages stops at
 * the ceiling: the account's operations pause until `resume()`. When the account is signed out it
 * stops, marks its operations, and waits for the next `kick()`.
 */
export class AccountRunner {
  private pumping?: Promise<void>;
  private blockedUntil = 0;
  private backoffMs: number;
  private pumpTimer?: NodeJS.Timeout;
  private pollTimer?: NodeJS.Timeout;
  private pollDueAt = 0;
  private readonly schedule: PollSchedule;
  /** One poll at a time: a slow one must not overlap the next (each would count the same misses). */
  private polling = false;
  private readonly hold: AccountHold;
  private readonly ceiling: WaitCeiling;
  private disposed = false;

  constructor(private readonly deps: RunnerDeps) {
    this.backoffMs = deps.timings.backoffMinMs;
    this.schedule = new PollSchedule(deps.timings, Date.now);
    this.ceiling = new WaitCeiling(deps.timings.waitCeilingMs, deps.now);
    this.hold = new AccountHold({
      origin: deps.origin, operations: () => deps.operations(), changed: (operation, durable) => deps.changed(operation, durable), log: (message) => deps.log(message),
      stopTimers: () => { clearTimeout(this.pumpTimer); clearTimeout(this.pollTimer); this.pollTimer = undefined; },
    });
  }

  /**
   * Something changed (new work, capacity freed, a reload, a sign-in): submit what fits and keep
   * polling. `pollNow`: the progress known is old (operations just resumed), so poll at once.
   */
  kick(pollNow = false): void {
    this.hold.waitingForSignIn = false;
    this.hold.adoptStoredPause();
    if (this.hold.paused) {
      void this.hold.markPaused(); // an operation started while paused waits with the others
      return;
    }
    void this.pump();
    this.schedulePoll(pollNow);
  }

  /** The user resumes paused work: wait for Zendesk afresh. */
  resume(): void {
    this.ceiling.clear();
    this.blockedUntil = 0;
    void this.hold.unpause().then(() => this.kick(true));
  }

  /** Renews this window's entry in the account's job budget (or removes it when there is no work). */
  publishBudget(): Promise<void> {
    return this.deps.publish(this.inFlight(), this.chunks().some(({ chunk }) => chunk.state === 'pending')).catch(() => undefined);
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
        return this.pumpLater(wait);
      }
      const room = this.deps.maxInFlight() - this.inFlight();
      const ready = this.chunks().filter(({ operation, chunk }) => chunk.state === 'pending' && callChunkReady(operation, chunk));
      if (room <= 0 || ready.length === 0 || this.disposed || this.hold.held) {
        return; // a job finishing calls kick() again
      }
      const allowance = await this.deps.allowance(this.inFlight());
      if (allowance <= 0) {
        return this.pumpLater(this.deps.timings.budgetRetryMs); // other windows hold the account's budget
      }
      const burst = ready.filter(({ chunk }) => chunk.state === 'pending').slice(0, Math.min(room, allowance));
      if (burst.length === 0 || this.disposed || this.hold.held) return;
      await this.submitBurst(burst);
    }
  }

  private pumpLater(ms: number): void {
    clearTimeout(this.pumpTimer);
    this.pumpTimer = setTimeout(() => void this.pump(), ms);
  }

  /**
   * Sends the chunks that fit at once, each its own request, with one durable save before (every
   * chunk `submitting`) and one after (their job ids): a window that stops in between leaves
   * `submitting` behind, which whoever resumes it reconciles instead of sending it again blindly.
   */
  private async submitBurst(burst: ReadonlyArray<{ operation: BulkOperation; chunk: BulkChunk }>): Promise<void> {
    for (const { operation, chunk } of burst) {
      markSubmitting(operation, chunk);
      this.deps.observeInFlight?.(this.inFlight());
      this.deps.stats.peakInFlight = Math.max(this.deps.stats.peakInFlight, this.inFlight());
    }
    const operations = [...new Set(burst.map(({ operation }) => operation))];
    await Promise.all(operations.map((operation) => this.deps.changed(operation, true)));
    await Promise.all(burst.map(({ operation, chunk }) => this.submit(operation, chunk)));
    // The job ids, kept before anything else happens (one save for the burst).
    await Promise.all(operations.map((operation) => this.deps.changed(operation, true)));
    this.schedulePoll();
  }

  /** One chunk's request; the caller saved it as `submitting` and saves what this records. */
  private async submit(operation: BulkOperation, chunk: BulkChunk): Promise<void> {
    const items = sentItems(operation, chunk);
    try {
      const client = await this.deps.client();
      await this.hold.markWaiting(false); // signed in (again)
      const jobKind = chunkJobKind(operation, chunk);
      if (!jobKind) {
        await runCallChunk(client, operation, chunk, (error) => this.deps.isSignedOut(error));
        return finishIfDone(operation); // the burst saves what the calls recorded
      }
      const job = jobKind === 'add'
        ? await client.createManyOrganizationMemberships(items.map((item) => ({
          userId: item.userId, organizationId: item.organizationId, ...(item.makeDefault ? { default: true } : {}),
        })))
        : await client.deleteManyOrganizationMemberships(items.map((item) => item.membershipId as number));
      this.deps.stats.jobsSubmitted++;
      this.ceiling.clear();
      this.backoffMs = this.deps.timings.backoffMinMs;
      Object.assign(chunk, { jobId: job.id, state: 'queued', uncertainReason: undefined });
      this.deps.log(`${jobKind === 'add' ? 'create_many' : 'destroy_many'} chunk ${chunk.index + 1}/${operation.chunks.length} of "${operation.title}" → job ${job.id}`);
      await absorb(this.pollContext(client), operation, chunk, job).catch((error: unknown) => {
        // The job is Zendesk's now: never send the chunk again; the next poll reads it again.
        this.deps.log(`job ${job.id}: reading its first status failed (${messageOf(error)}); polling it`);
      });
      this.schedule.observe(chunk, Date.now());
      this.schedule.submitted();
      void this.deps.changed(operation, false);
    } catch (error) {
      await this.submissionFailed(operation, chunk, error);
    }
  }

  private async submissionFailed(operation: BulkOperation, chunk: BulkChunk, error: unknown): Promise<void> {
    if (this.deps.isSignedOut(error)) {
      chunk.attempts = (chunk.attempts ?? 1) - 1;
      requeue(operation, chunk);
      await this.hold.waitForSignIn(error);
      return;
    }
    if (mayHaveApplied(error)) {
      // Zendesk may have queued the job: find out before sending anything again (reconcile.ts).
      this.deps.stats.uncertainSubmissions++;
      Object.assign(chunk, { state: 'uncertain', uncertainReason: messageOf(error), accepted: isZendeskError(error) && error.status >= 200 && error.status < 300, searches: 0 });
      this.deps.log(`chunk ${chunk.index + 1} of "${operation.title}": the answer was lost (${messageOf(error)}); looking for its job before anything else`);
      await this.deps.changed(operation, true);
      this.schedulePoll();
      return;
    }
    const tooManyJobs = isZendeskError(error) && error.code === 'TooManyJobs';
    const waitKind = waitKindOf(error);
    if (tooManyJobs || waitKind) {
      chunk.attempts = (chunk.attempts ?? 1) - 1; // waiting for room, the rate limit or Zendesk is not a failed attempt
      if (tooManyJobs) {
        this.deps.stats.tooManyJobsBackoffs++;
      }
      const retryAfterMs = isZendeskError(error) && error.retryAfter !== undefined && !tooManyJobs ? Math.ceil(error.retryAfter * 1000) : undefined;
      const waitMs = retryAfterMs ?? this.backoffMs;
      this.deps.log(`chunk ${chunk.index + 1} of "${operation.title}" not submitted (${messageOf(error)}); retrying in ${waitMs} ms`);
      requeue(operation, chunk);
      const firstOfBurst = this.blockedUntil <= Date.now(); // chunks sent together back off once, not once each
      this.blockedUntil = Math.max(this.blockedUntil, Date.now() + waitMs);
      if (retryAfterMs === undefined && firstOfBurst) {
        this.backoffMs = Math.min(this.backoffMs * 2, this.deps.timings.backoffMaxMs);
      }
      await this.deps.changed(operation, true);
      const pause = waitKind && this.ceiling.note(waitKind);
      if (pause) {
        this.deps.stats.pauses++;
        await this.hold.pause(pause);
      }
      return;
    }
    chunk.state = 'failed';
    chunk.finishedAt = Date.now();
    chunk.message = messageOf(error);
    failChunk(operation, chunk, chunk.message);
    finishIfDone(operation);
    await this.deps.changed(operation, true);
  }

  private schedulePoll(now = false): void {
    const tracked = this.chunks().filter(({ chunk }) => isTracked(chunk)).map(({ chunk }) => chunk);
    if (this.disposed || this.polling || this.hold.held || tracked.length === 0) {
      return; // a poll under way schedules the next when it ends
    }
    const delay = now ? 0 : this.schedule.nextDelay(tracked);
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
    if (this.polling || this.disposed || this.hold.held) {
      return;
    }
    this.polling = true;
    const tracked = this.chunks().filter(({ chunk }) => isTracked(chunk));
    const before = tracked.map(({ chunk }) => `${chunk.state}:${chunk.progress ?? ''}`);
    let finished = false;
    this.schedule.pollStarted();
    try {
      const client = await this.deps.client();
      await this.hold.markWaiting(false); // signed in (again)
      const context = this.pollContext(client);
      const sentAt = Date.now();
      finished = await pollJobs(context, tracked.filter(({ chunk }) => chunk.state !== 'uncertain'));
      const seenAt = (sentAt + Date.now()) / 2; // when Zendesk read the statuses, about
      tracked.forEach(({ chunk }) => this.schedule.observe(chunk, seenAt));
      const uncertain = this.chunks().filter(({ chunk }) => chunk.state === 'uncertain');
      await reconcileUncertain(context, uncertain);
      uncertain.forEach(({ operation }) => finishIfDone(operation));
      await Promise.all([...new Set(uncertain.map(({ operation }) => operation))].map((operation) => this.deps.changed(operation, true)));
      finished ||= uncertain.some(({ chunk }) => chunk.state !== 'uncertain');
      this.ceiling.clear();
    } catch (error) {
      if (this.deps.isSignedOut(error)) {
        this.polling = false;
        await this.hold.waitForSignIn(error);
        return;
      }
      this.deps.log(`polling job statuses failed: ${messageOf(error)}`);
      const kind = waitKindOf(error);
      const pause = kind && this.ceiling.note(kind);
      if (pause) {
        this.polling = false;
        this.deps.stats.pauses++;
        await this.hold.pause(pause);
        return;
      }
    }
    this.polling = false;
    this.schedule.pollEnded(finished || tracked.some(({ chunk }, index) => `${chunk.state}:${chunk.progress ?? ''}` !== before[index]));
    await this.publishBudget();
    if (finished) {
      void this.pump();
    }
    this.schedulePoll();
  }

  private pollContext(client: ZendeskClient): PollContext {
    return {
      client, timings: this.deps.timings, stats: this.deps.stats, log: (message) => this.deps.log(message),
      knownJobIds: () => this.deps.knownJobIds(), changed: (operation, durable) => this.deps.changed(operation, durable),
      finishIfDone: (operation) => finishIfDone(operation), disposed: () => this.disposed,
    };
  }

  private chunks(): Array<{ operation: BulkOperation; chunk: BulkChunk }> {
    return this.deps.operations()
      .filter((operation) => operation.state === 'running')
      .flatMap((operation) => operation.chunks.map((chunk) => ({ operation, chunk })));
  }
}
