// How long the job engine waits for what, and what a run measured. Plain data; no `vscode`.

export interface JobTimings {
  /** First and shortest wait between status polls. */
  pollMinMs: number;
  /** Longest wait between polls; the wait grows by `pollFactor` while nothing finishes. */
  pollMaxMs: number;
  pollFactor: number;
  /** Wait after TooManyJobs (doubling up to the max) before trying to submit again. */
  backoffMinMs: number;
  backoffMaxMs: number;
  /** Polls in a row that may miss a job before asking for it alone and in the job list. */
  missesBeforeLost: number;
  /** Misses after which a job neither shown nor listed is lost (its items are then read back). */
  missesBeforeGivingUp: number;
  /** Submissions of one chunk that Zendesk provably did not take (after reconciling) before its items fail. */
  submitAttempts: number;
  /**
   * The longest stretch of continuous rate limiting or unavailability (429, 503, 5xx, network)
   * the account's bulk work waits through; past it the operations pause until the user resumes
   * them. Five minutes unless a test or the engine's caller says otherwise.
   */
  waitCeilingMs: number;
  /** Pages of the account's recent job statuses read when looking for a job whose answer was lost. */
  jobSearchPages: number;
  /** Searches that may miss a job Zendesk said it queued (a 2xx whose body broke) before reading the items back. */
  searchesBeforeReadBack: number;
  /** How soon a window that waits for its share of the account's job budget asks again. */
  budgetRetryMs: number;
}

export const DEFAULT_TIMINGS: JobTimings = {
  pollMinMs: 1_000,
  pollMaxMs: 10_000,
  pollFactor: 1.5,
  backoffMinMs: 2_000,
  backoffMaxMs: 30_000,
  missesBeforeLost: 5,
  missesBeforeGivingUp: 12,
  submitAttempts: 3,
  waitCeilingMs: 5 * 60_000,
  jobSearchPages: 10,
  searchesBeforeReadBack: 5,
  budgetRetryMs: 2_000,
};

/** What a run measured; `npm run bench` and the fault matrix report these. */
export interface JobStats {
  jobsSubmitted: number;
  peakInFlight: number;
  statusPolls: number;
  tooManyJobsBackoffs: number;
  /** Requests that read memberships back because a job's results (or a lost answer) left items open. */
  readBacks: number;
  /** Submissions whose outcome was unknown (the answer was lost or broken after it may have reached Zendesk). */
  uncertainSubmissions: number;
  /** Reads of the account's recent job statuses, looking for a job whose answer was lost. */
  jobSearches: number;
  /** Jobs found that way and followed as the chunk's own. */
  jobsAdopted: number;
  /** Times the account's bulk work paused after waiting past the ceiling. */
  pauses: number;
}

export function emptyStats(): JobStats {
  return {
    jobsSubmitted: 0, peakInFlight: 0, statusPolls: 0, tooManyJobsBackoffs: 0, readBacks: 0,
    uncertainSubmissions: 0, jobSearches: 0, jobsAdopted: 0, pauses: 0,
  };
}
