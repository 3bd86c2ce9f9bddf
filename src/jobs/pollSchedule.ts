// When to poll an account's jobs in flight: when the first of them is due, from the pace Zendesk
// has shown (a job status carries `progress` and `total`, API-NOTES §13), within a budget of polls.
// Plain data and an injected clock; no timers, no `vscode`.
import { TERMINAL_CHUNK_STATES } from './model';
import type { BulkChunk } from './model';
import type { JobTimings } from './timings';

/** What the schedule reads of a tracked chunk. */
export type TrackedJob = Pick<BulkChunk, 'jobId' | 'state' | 'progress' | 'total' | 'submittedAt'>;

type ScheduleTimings = Pick<JobTimings, 'pollMinMs' | 'pollMaxMs' | 'pollFactor' | 'pollMarginMs' | 'pollsPerMinute'>;

/** Where a job was last seen: `progress` items done (0 while queued), first seen at that progress `since`, last seen `at`. */
interface Sighting {
  queued: boolean;
  progress: number;
  since: number;
  at: number;
}

/** How much a new measure of the pace counts against what was learned before. */
const PACE_WEIGHT = 0.5;
const MINUTE_MS = 60_000;
/** How much a poll that found jobs already finished lowers the pace (see bound). */
const PROBE_FACTOR = 0.98;

/**
 * Learns how long Zendesk takes per item (from two sightings of a working job, or from its first
 * sighting against its submission) and puts the next poll where the earliest job in flight should
 * have finished, plus a small margin. A job cannot finish sooner than its remaining items take from
 * when it was last seen, so a queued job is due no earlier than a whole job's time after its last
 * sighting. When nothing is known (no pace yet), polls start `pollMinMs` apart; while polls see no
 * job move (Zendesk stalls, or every job waits in its queue) they grow by `pollFactor` up to `pollMaxMs`. Never two polls less than
 * `pollMinMs` apart, never more than `pollsPerMinute` in any minute.
 */
export class PollSchedule {
  private msPerItem?: number;
  private readonly sightings = new Map<string, Sighting>();
  /** Start times of this minute's polls. */
  private readonly polls: number[] = [];
  /** Polls in a row that saw no job move (finish, start, or progress). */
  private stalls = 0;
  /** This poll found a job finished sooner than the pace said it could be, at most (see bound). */
  private probe = false;

  constructor(private readonly timings: ScheduleTimings, private readonly now: () => number) {}

  /** The pace learned so far, in ms per item (undefined until a working job was seen). */
  get pace(): number | undefined {
    return this.msPerItem;
  }

  /** Records the status read for a chunk's job at `at` (the answer to a submission or a poll). */
  observe(job: TrackedJob, at: number): void {
    if (job.jobId === undefined) {
      return;
    }
    const previous = this.sightings.get(job.jobId);
    if (TERMINAL_CHUNK_STATES.has(job.state) || job.state === 'pending') {
      this.sightings.delete(job.jobId);
      if (previous && job.state === 'completed' && typeof job.total === 'number' && job.total > previous.progress) {
        this.bound((at - previous.at) / (job.total - previous.progress));
      }
      return;
    }
    if (job.state !== 'working' || typeof job.progress !== 'number') {
      this.sightings.set(job.jobId, { queued: true, progress: 0, since: previous?.queued ? previous.since : at, at });
      return;
    }
    if (previous && !previous.queued && job.progress > previous.progress && at > previous.since) {
      this.learn((at - previous.since) / (job.progress - previous.progress));
    } else if (!previous?.queued && this.msPerItem === undefined && job.progress > 0 && job.submittedAt !== undefined && at > job.submittedAt) {
      this.learn((at - job.submittedAt) / job.progress); // an upper bound (the job may have waited): a first guess
    }
    const since = previous && !previous.queued && previous.progress === job.progress ? previous.since : at;
    this.sightings.set(job.jobId, { queued: false, progress: job.progress, since, at });
  }

  /** A poll starts now. */
  pollStarted(): void {
    const now = this.now();
    this.polls.push(now);
    while (this.polls.length > 0 && this.polls[0] <= now - MINUTE_MS) {
      this.polls.shift();
    }
  }

  /** A poll ended; `moved`: some job finished, started or progressed since the one before. */
  pollEnded(moved: boolean): void {
    this.stalls = moved ? 0 : this.stalls + 1;
    if (this.probe && this.msPerItem !== undefined) {
      this.msPerItem *= PROBE_FACTOR;
    }
    this.probe = false;
  }

  /** A job was submitted: whatever stalled, there is new work to watch. */
  submitted(): void {
    this.stalls = 0;
  }

  forget(jobId: string): void {
    this.sightings.delete(jobId);
  }

  /** Milliseconds from now until the next poll of `tracked` (the chunks in flight). */
  nextDelay(tracked: readonly TrackedJob[]): number {
    const now = this.now();
    const { pollMinMs, pollMaxMs, pollFactor, pollMarginMs, pollsPerMinute } = this.timings;
    const dues = tracked.flatMap((job) => this.dueAt(job) ?? []);
    const waiting = pollMinMs * pollFactor ** this.stalls;
    const earliest = dues.length > 0 ? Math.min(...dues) + pollMarginMs : undefined;
    // Due in the future: then. Overdue: soon. And once polls stop seeing anything move, no sooner than the growing wait.
    const dueIn = earliest !== undefined && earliest > now ? earliest - now : waiting;
    const wanted = this.stalls > 0 ? Math.max(dueIn, waiting) : dueIn;
    const last = this.polls.at(-1);
    const gap = last === undefined ? 0 : last + pollMinMs - now;
    const recent = this.polls.filter((at) => at > now - MINUTE_MS);
    const budget = recent.length >= pollsPerMinute ? recent[recent.length - pollsPerMinute] + MINUTE_MS - now : 0;
    return Math.ceil(Math.max(0, Math.min(pollMaxMs, Math.max(wanted, gap)), budget));
  }

  /** When the job should have finished, at the learned pace; undefined when that cannot be told. */
  private dueAt(job: TrackedJob): number | undefined {
    const sighting = job.jobId === undefined ? undefined : this.sightings.get(job.jobId);
    const total = job.total ?? undefined;
    if (!sighting || this.msPerItem === undefined || total === undefined) {
      return undefined;
    }
    return sighting.at + Math.max(0, total - sighting.progress) * this.msPerItem;
  }

  /**
   * A job found finished had its last items done within the time since it was last seen: the pace
   * is at most that. Polls that come after the end cannot tell how much after, so a bound that
   * does not bind lowers the pace a little: the next polls come a little sooner, until one finds a
   * job still working and measures it.
   */
  private bound(atMost: number): void {
    if (this.msPerItem === undefined || !Number.isFinite(atMost) || atMost <= 0) {
      return;
    }
    if (atMost < this.msPerItem) {
      this.msPerItem = (1 - PACE_WEIGHT) * this.msPerItem + PACE_WEIGHT * atMost;
    } else {
      this.probe = true; // once per poll, however many jobs it found finished
    }
  }

  private learn(sample: number): void {
    if (Number.isFinite(sample) && sample > 0) {
      this.msPerItem = this.msPerItem === undefined ? sample : (1 - PACE_WEIGHT) * this.msPerItem + PACE_WEIGHT * sample;
    }
  }
}
