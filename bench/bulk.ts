// bulk: 10,000 additions through the job engine and through the reference client (referenceBulk.ts),
// with the extension's default cap of jobs in flight for both, on one sandbox process per worker
// count (Zendesk runs a varying number of an account's jobs at once: 4 and 30 here). Each run adds
// the same users to a new organization. sequentialMs: the reference client one job at a time,
// measured once (on the first sandbox; one job at a time uses one worker, whatever their number).
// No rate limit here: the reference polls 4 times a second, more than a shared budget allows
// (rateLimited measures the limit).
import { DEFAULT_MAX_JOBS_IN_FLIGHT } from '../src/jobs/defaults';
import { createZendeskClient, type NewMembership, type ZendeskClient } from '../src/zendesk';
import { userIdOf } from 'zendesk-sandbox';
import { LATENCY_ARGS, type BenchConfig } from './config';
import { engineBulkAdd } from './engineRun';
import { referenceBulkAdd } from './referenceBulk';
import type { BulkEntry } from './results';
import { startSandboxProcess, type SandboxProcess } from './sandboxProcess';
import { round2 } from './stats';

/** The first generated users are the admin and the agent; members come after them. */
const FIRST_MEMBER = 5;

async function newOrganization(sandbox: SandboxProcess, name: string): Promise<number> {
  return (await sandbox.control<{ organization: { id: number } }>('organizations', { name })).organization.id;
}

function additions(count: number, organizationId: number): NewMembership[] {
  return Array.from({ length: count }, (_, index) => ({ userId: userIdOf(FIRST_MEMBER + index), organizationId }));
}

export async function measureBulk(config: BenchConfig, log: (line: string) => void): Promise<BulkEntry[]> {
  const { items, workers: workerCounts, msPerItem, referencePollMs } = config.bulk;
  const cap = DEFAULT_MAX_JOBS_IN_FLIGHT;
  const entries: BulkEntry[] = [];
  let sequentialMs: number | undefined;
  for (const workers of workerCounts) {
    const sandbox = await startSandboxProcess(['--orgs', '1', '--users', String(items + FIRST_MEMBER + 5), '--rate-limit', '0',
      '--job-workers', String(workers), '--job-ms-per-item', String(msPerItem), ...LATENCY_ARGS]);
    try {
      const client: ZendeskClient = createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } });
      const engineOrg = await newOrganization(sandbox, `Engine ${workers}`);
      const engine = await engineBulkAdd(client, sandbox.url, additions(items, engineOrg).map((item) => ({
        ...item, userLabel: String(item.userId), organizationLabel: `Engine ${workers}`,
      })), cap);
      log(`bulk, ${workers} workers: engine ${(engine.wallMs / 1000).toFixed(1)} s`);
      const reference = await referenceBulkAdd(client, additions(items, await newOrganization(sandbox, `Reference ${workers}`)), cap, referencePollMs);
      log(`bulk, ${workers} workers: reference ${(reference.wallMs / 1000).toFixed(1)} s`);
      if (sequentialMs === undefined) {
        sequentialMs = (await referenceBulkAdd(client, additions(items, await newOrganization(sandbox, 'Sequential')), 1, referencePollMs)).wallMs;
        log(`bulk: one job at a time ${(sequentialMs / 1000).toFixed(1)} s`);
      }
      const wallMs = Math.round(engine.wallMs);
      const referenceMs = Math.round(reference.wallMs);
      const sequential = Math.round(sequentialMs);
      entries.push({
        workers, items, jobs: engine.jobs, cap, wallMs, referenceMs, ratio: round2(wallMs / referenceMs),
        sequentialMs: sequential, speedup: round2(sequential / wallMs), peakInFlight: engine.peakInFlight, statusPolls: engine.statusPolls,
        referencePeakInFlight: reference.peakInFlight, referenceStatusPolls: reference.statusPolls, succeeded: engine.succeeded,
      });
      if (reference.succeeded !== items) throw new Error(`the reference client added ${reference.succeeded} of ${items}`);
    } finally {
      await sandbox.stop();
    }
  }
  return entries;
}
