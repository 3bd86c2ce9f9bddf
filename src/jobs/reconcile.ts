// Submissions whose answer was lost: a create_many / destroy_many that met a 5xx, a reset or timed-out
// connection, an HTML error page, or a 2xx with a broken body — or a chunk a window was sending when
// it stopped. Zendesk may have queued the job; sending again would queue a second one, and failing
// the items would report failures for memberships that exist. So first find out.
import { TERMINAL_JOB_STATES, interpretJobResult } from '../zendesk';
import type { JobStatus, ZendeskClient } from '../zendesk';
import { type BulkChunk, type BulkItem, type BulkOperation, type ChunkState, chunkJobKind } from './model';
import { readBack, unconfirmed } from './readBack';
import { applyJobResults, sentItems, settle, unreportedDetail } from './results';
import type { JobStats, JobTimings } from './timings';
import * as l10n from '@vscode/l10n';

export interface ReconcileContext {
  client: ZendeskClient;
  timings: JobTimings;
  stats: JobStats;
  /** Every job id a chunk of a known operation (this window's or another's) follows: those jobs are not ours to find. */
  knownJobIds(): Set<string>;
  log(message: string): void;
}

export interface Uncertain {
  operation: BulkOperation;
  chunk: BulkChunk;
}

/**
 * Looks for the jobs uncertain chunks may have queued, in the account's recent job statuses (all
 * pages, up to `jobSearchPages`): a candidate is a job no chunk follows, of the chunk's size, whose
 * results (if any) could be the chunk's. Then, per chunk:
 * - exactly one unfinished candidate that no other uncertain chunk could claim: it is followed as
 *   the chunk's job (`adopted`: its results are not trusted, every item is read back at its end);
 * - unfinished candidates: wait (the next poll looks again) — reading back now would see half a job;
 * - none, though Zendesk answered 2xx: look again a few times (the job must exist);
 * - otherwise (every candidate finished, or none): what Zendesk holds decides (`settleAfterJob`).
 */
export async function reconcileUncertain(ctx: ReconcileContext, uncertain: readonly Uncertain[]): Promise<void> {
  if (uncertain.length === 0) {
    return;
  }
  const jobs = await recentJobs(ctx.client, ctx.timings.jobSearchPages);
  ctx.stats.jobSearches++;
  const known = ctx.knownJobIds();
  const plans = uncertain.map((entry) => ({ ...entry, candidates: jobs.filter((job) => !known.has(job.id) && couldBe(job, entry.operation, entry.chunk)) }));
  const claims = new Map<string, number>();
  plans.forEach(({ candidates }) => candidates.forEach((job) => claims.set(job.id, (claims.get(job.id) ?? 0) + 1)));
  for (const { operation, chunk, candidates } of plans) {
    chunk.searches = (chunk.searches ?? 0) + 1;
    const unfinished = candidates.filter((job) => !TERMINAL_JOB_STATES.has(job.status));
    if (unfinished.length === 1 && claims.get(unfinished[0].id) === 1) {
      adopt(ctx, operation, chunk, unfinished[0]);
    } else if (unfinished.length > 0) {
      ctx.log(`chunk ${chunk.index + 1} of "${operation.title}": ${unfinished.length} unfinished job(s) could be its own; waiting for them to end`);
    } else if (candidates.length === 0 && chunk.accepted && chunk.searches < ctx.timings.searchesBeforeReadBack) {
      ctx.log(`chunk ${chunk.index + 1} of "${operation.title}": Zendesk accepted it, but its job is not listed yet`);
    } else {
      await settleAfterJob(ctx, operation, chunk, candidates);
    }
  }
}

/**
 * Settles a chunk once no job that could be its own is running: its items are read back; those
 * done (member / gone) succeeded. The rest failed in the job, if one of `jobs` is plausibly the
 * chunk's (with Zendesk's words for them); if none is, Zendesk queued nothing and they are sent
 * again (a new attempt, at most `submitAttempts` in all), or fail with the submission's error.
 * Returns true when the chunk went back to `pending`.
 */
export async function settleAfterJob(ctx: ReconcileContext, operation: BulkOperation, chunk: BulkChunk, jobs: readonly JobStatus[]): Promise<boolean> {
  const open = sentItems(operation, chunk).filter((item) => item.outcome === 'submitted' || item.outcome === 'pending');
  const found = await readBack(ctx.client, operation, open);
  ctx.stats.readBacks += found.reads;
  found.done.forEach((item) => settle(item, 'succeeded'));
  const job = jobs.find((candidate) => TERMINAL_JOB_STATES.has(candidate.status) && plausiblyOurs(candidate, operation, chunk, found.done.length));
  const reasons = new Map((job ? applyJobResults(operation, chunk, job, false) : []).map((entry) => [entry.item, entry.reported]));
  const reasonFor = (item: BulkItem): string => reasons.get(item) ?? (job ? unreportedDetail(job) : chunk.uncertainReason ?? l10n.t('Zendesk did not confirm this item'));
  found.refused.forEach(({ item, error }) => settle(item, 'failed', unconfirmed(reasonFor(item), error)));
  if (found.notDone.length > 0 && !job && (chunk.attempts ?? 0) < ctx.timings.submitAttempts) {
    ctx.log(`chunk ${chunk.index + 1} of "${operation.title}": no job of Zendesk's holds it, and ${found.notDone.length} item(s) are not done; sending them again`);
    chunk.sent = found.notDone.map((item) => item.index);
    found.notDone.forEach((item) => { item.outcome = 'pending'; item.detail = undefined; });
    Object.assign(chunk, { state: 'pending', jobId: undefined, adopted: undefined, accepted: undefined, searches: undefined, progress: undefined });
    return true;
  }
  found.notDone.forEach((item) => settle(item, 'failed', reasonFor(item)));
  chunk.state = job ? job.status as ChunkState : found.notDone.length > 0 ? 'failed' : 'completed';
  chunk.jobId ??= job?.id;
  chunk.finishedAt = Date.now();
  ctx.log(`chunk ${chunk.index + 1} of "${operation.title}" settled by reading back: ${found.done.length} done, ${found.notDone.length + found.refused.length} failed${job ? ` (job ${job.id})` : ''}`);
  return false;
}

/** The account's recent job statuses, every page up to `maxPages`. */
async function recentJobs(client: ZendeskClient, maxPages: number): Promise<JobStatus[]> {
  const jobs: JobStatus[] = [];
  const list = client.listJobStatuses();
  let page = await list.page();
  jobs.push(...page.items);
  for (let read = 1; page.nextCursor !== undefined && read < maxPages; read++) {
    page = await list.page(page.nextCursor);
    jobs.push(...page.items);
  }
  return jobs;
}

function adopt(ctx: ReconcileContext, operation: BulkOperation, chunk: BulkChunk, job: JobStatus): void {
  Object.assign(chunk, { jobId: job.id, adopted: true, state: job.status === 'working' ? 'working' : 'queued', progress: job.progress, total: job.total });
  ctx.stats.jobsAdopted++;
  ctx.log(`chunk ${chunk.index + 1} of "${operation.title}": following job ${job.id}, found in the job list; its items will be read back`);
}

/** Of the chunk's size, and its results (if any) name no position or membership outside it. */
function couldBe(job: JobStatus, operation: BulkOperation, chunk: BulkChunk): boolean {
  const sent = sentItems(operation, chunk);
  if (typeof job.total === 'number' && job.total !== sent.length) {
    return false;
  }
  if (!Array.isArray(job.results)) {
    return true;
  }
  const ids = new Set(sent.map((item) => item.membershipId));
  return job.results.length <= sent.length && job.results.every((result) => {
    const outcome = interpretJobResult(result);
    const indexFits = outcome.index === undefined || (outcome.index >= 0 && outcome.index < sent.length);
    return indexFits && (chunkJobKind(operation, chunk) === 'add' || outcome.id === undefined || ids.has(outcome.id));
  });
}

/** A finished job that could be the chunk's, and made no more memberships than the chunk's items that exist. */
function plausiblyOurs(job: JobStatus, operation: BulkOperation, chunk: BulkChunk, doneCount: number): boolean {
  if (!couldBe(job, operation, chunk)) {
    return false;
  }
  const successes = Array.isArray(job.results) ? job.results.filter((result) => interpretJobResult(result).success).length : 0;
  return chunkJobKind(operation, chunk) === 'remove' || successes <= doneCount;
}
