// rateLimited: a listing of `requests` pages against a sandbox that allows `limitPerMinute`
// requests in any sliding minute (realistic latency), one request more than a minute's budget.
// It must draw no 429. minimumMs is the least time any client could take: request k (from 0) may
// start only once request k - limit has left the window, 60 s after it started, and each answer
// takes at least the sandbox's smallest latency.
import { createZendeskClient } from '../src/zendesk';
import { orgIdOf } from 'zendesk-sandbox';
import { LATENCY_ARGS, LATENCY_MIN_MS, type BenchConfig } from './config';
import type { RateLimited } from './results';
import { startSandboxProcess } from './sandboxProcess';
import { round2, timed } from './stats';

export function slidingWindowMinimumMs(requests: number, limitPerMinute: number, latencyMs: number): number {
  const windows = Math.floor((requests - 1) / limitPerMinute);
  return Math.max(windows * 60_000 + latencyMs, requests * latencyMs);
}

export async function measureRateLimited(config: BenchConfig): Promise<RateLimited> {
  const { limitPerMinute, requests } = config.rateLimited;
  // Full pages and a last, partial one: exactly `requests` pages of 100.
  const members = (requests - 1) * 100 + 50;
  const sandbox = await startSandboxProcess(['--orgs', '2', '--big-org-members', String(members), '--rate-limit', String(limitPerMinute), ...LATENCY_ARGS]);
  try {
    const client = createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } });
    const { result: rows, ms } = await timed(async () => {
      let count = 0;
      for await (const membership of client.listOrganizationMemberships({ organizationId: orgIdOf(0) })) count += membership ? 1 : 0;
      return count;
    });
    if (rows !== members) throw new Error(`the rate-limited listing returned ${rows} of ${members} rows`);
    const recorded = await sandbox.requests();
    const wallMs = Math.round(ms);
    // Refused requests do not use the budget (nor, on Zendesk, count): the minimum is for the pages.
    const minimumMs = slidingWindowMinimumMs(recorded.filter((request) => request.status !== 429).length, limitPerMinute, LATENCY_MIN_MS);
    return {
      requests: recorded.length, responses429: recorded.filter((request) => request.status === 429).length,
      wallMs, minimumMs, ratio: round2(wallMs / minimumMs), limitPerMinute,
    };
  } finally {
    await sandbox.stop();
  }
}
