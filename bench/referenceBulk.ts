// The reference bulk client: the best a simple client does, so the job engine is always compared
// with it on the same sandbox in the same run. It submits create_many jobs of 100 one after
// another while fewer than `cap` are unfinished, polls every unfinished job with show_many every
// `pollMs`, and stops when every job has finished. No persistence, no retries, no backoff: a
// TooManyJobs or any failure ends the run with an error.
import { TERMINAL_JOB_STATES, interpretJobResult, type JobResult, type NewMembership, type ZendeskClient } from '../src/zendesk';

export interface ReferenceRun {
  wallMs: number;
  jobs: number;
  peakInFlight: number;
  statusPolls: number;
  /** Items whose job result reads as a success. */
  succeeded: number;
}

const CHUNK = 100;

export async function referenceBulkAdd(client: ZendeskClient, items: readonly NewMembership[], cap: number, pollMs: number): Promise<ReferenceRun> {
  const started = performance.now();
  const unfinished = new Set<string>();
  let next = 0;
  let jobs = 0;
  let peakInFlight = 0;
  let statusPolls = 0;
  let succeeded = 0;
  while (next < items.length || unfinished.size > 0) {
    while (next < items.length && unfinished.size < cap) {
      const job = await client.createManyOrganizationMemberships(items.slice(next, next + CHUNK));
      next += CHUNK;
      jobs++;
      unfinished.add(job.id);
      peakInFlight = Math.max(peakInFlight, unfinished.size);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const ids = [...unfinished];
    for (let start = 0; start < ids.length; start += CHUNK) {
      statusPolls++;
      for (const status of await client.showManyJobStatuses(ids.slice(start, start + CHUNK))) {
        if (!TERMINAL_JOB_STATES.has(status.status)) continue;
        unfinished.delete(status.id);
        const results = Array.isArray(status.results) ? status.results : [];
        succeeded += results.filter((result: JobResult) => interpretJobResult(result).success).length;
      }
    }
  }
  return { wallMs: performance.now() - started, jobs, peakInFlight, statusPolls, succeeded };
}
