// Following submitted jobs: show_many in batches of 100, a job missing from the answer looked up
// alone and in the job list, and a finished job's results written onto its items.
import { MAX_BULK_ITEMS, TERMINAL_JOB_STATES, isZendeskError } from '../zendesk';
import type { JobStatus } from '../zendesk';
import { BulkChunk, BulkOperation, ChunkState, TERMINAL_CHUNK_STATES } from './model';
import { readBack, settleByReadingBack } from './readBack';
import { ReconcileContext, Uncertain, settleAfterJob } from './reconcile';
import { applyJobResults, sentItems, settle, unreportedDetail } from './results';
import * as l10n from '@vscode/l10n';

export interface PollContext extends ReconcileContext {
  changed(operation: BulkOperation, durable: boolean): Promise<void>;
  finishIfDone(operation: BulkOperation): void;
  disposed(): boolean;
}

/** Polls every tracked chunk's job; returns whether a chunk ended (so there is room to send more). */
export async function pollJobs(ctx: PollContext, tracked: readonly Uncertain[]): Promise<boolean> {
  let finished = false;
  for (let start = 0; start < tracked.length && !ctx.disposed(); start += MAX_BULK_ITEMS) {
    const batch = tracked.slice(start, start + MAX_BULK_ITEMS);
    ctx.stats.statusPolls++;
    const jobs = await ctx.client.showManyJobStatuses(batch.map(({ chunk }) => chunk.jobId as string));
    const byId = new Map(jobs.map((job) => [job.id, job]));
    for (const { operation, chunk } of batch) {
      const job = byId.get(chunk.jobId as string) ?? await whenMissing(ctx, operation, chunk);
      if (job) {
        chunk.misses = 0;
        await absorb(ctx, operation, chunk, job);
      }
      finished ||= TERMINAL_CHUNK_STATES.has(chunk.state) || chunk.state === 'pending';
      await ctx.changed(operation, TERMINAL_CHUNK_STATES.has(chunk.state) || chunk.state === 'pending');
    }
  }
  return finished;
}

/**
 * Takes in a job status: progress, and on a terminal state the per-item results, reading back
 * the items they leave open (every item, for a job found in the job list). The chunk becomes
 * terminal only once every item is settled: if a read-back fails on the way, the chunk stays
 * tracked and the next poll reads the job again.
 */
export async function absorb(ctx: PollContext, operation: BulkOperation, chunk: BulkChunk, job: JobStatus): Promise<void> {
  chunk.progress = job.progress;
  chunk.total = job.total;
  chunk.message = job.message ?? undefined;
  if (!TERMINAL_JOB_STATES.has(job.status)) {
    chunk.state = job.status === 'working' ? 'working' : 'queued';
    return;
  }
  if (chunk.adopted) {
    await settleAfterJob(ctx, operation, chunk, [job]);
  } else {
    const open = applyJobResults(operation, chunk, job);
    if (open.length > 0) {
      ctx.log(`job ${job.id}: ${open.length} item(s) of chunk ${chunk.index + 1} of "${operation.title}" not settled by its results; reading them back`);
      ctx.stats.readBacks += await settleByReadingBack(ctx.client, operation, open, unreportedDetail(job));
    }
    chunk.state = job.status as ChunkState;
    chunk.finishedAt = Date.now();
  }
  ctx.finishIfDone(operation);
}

/**
 * show_many left the job out: Zendesk sometimes briefly loses one under load, and shows it again.
 * After a few misses it is asked for alone, and looked for in the job list (which still lists
 * jobs a show answers 404 for, API-NOTES §1.4). Only a job neither shows for `missesBeforeGivingUp`
 * polls is lost: its items are read back — done ones succeeded, the rest failed, saying so.
 */
async function whenMissing(ctx: PollContext, operation: BulkOperation, chunk: BulkChunk): Promise<JobStatus | undefined> {
  chunk.misses = (chunk.misses ?? 0) + 1;
  if (chunk.misses < ctx.timings.missesBeforeLost) {
    return undefined;
  }
  try {
    return await ctx.client.showJobStatus(chunk.jobId as string);
  } catch (error) {
    if (!(isZendeskError(error) && error.status === 404)) {
      return undefined; // the next poll asks again
    }
  }
  const listed = await findListed(ctx, chunk.jobId as string);
  if (listed || chunk.misses < ctx.timings.missesBeforeGivingUp) {
    return listed;
  }
  const found = await readBack(ctx.client, operation, sentItems(operation, chunk).filter((item) => item.outcome === 'submitted'));
  ctx.stats.readBacks += found.reads;
  const lost = l10n.t('Zendesk no longer reports job {0}, and this item was not applied when checked. Retry it.', chunk.jobId as string);
  found.done.forEach((item) => settle(item, 'succeeded'));
  [...found.notDone, ...found.refused.map(({ item }) => item)].forEach((item) => settle(item, 'failed', lost));
  chunk.state = 'lost';
  chunk.finishedAt = Date.now();
  ctx.finishIfDone(operation);
  return undefined;
}

async function findListed(ctx: PollContext, jobId: string): Promise<JobStatus | undefined> {
  ctx.stats.jobSearches++;
  const list = ctx.client.listJobStatuses();
  let page = await list.page();
  for (let read = 1; ; read++) {
    const job = page.items.find((candidate) => candidate.id === jobId);
    if (job || page.nextCursor === undefined || read >= ctx.timings.jobSearchPages) {
      return job;
    }
    page = await list.page(page.nextCursor);
  }
}
