// listing: every membership of one large organization, through our client, through a bare
// node:http loop (the floor) and through node-zendesk 6 (the best-known peer), against the sandbox
// in its own process with realistic latency and no rate limit (rateLimited measures the limit).
// Ours and bare run alternately, `rounds` times each; the medians are compared.
import { createClient } from 'node-zendesk';
import { createZendeskClient } from '../src/zendesk';
import { bareListing } from './bareListing';
import { LATENCY_ARGS, LATENCY_TEXT, type BenchConfig } from './config';
import type { Listing } from './results';
import { startSandboxProcess, type SandboxProcess } from './sandboxProcess';
import { median, round2, timed } from './stats';

export async function measureListing(config: BenchConfig): Promise<Listing> {
  const { rows, rounds } = config.listing;
  const sandbox = await startSandboxProcess(['--orgs', '2', '--big-org-members', String(rows), '--rate-limit', '0', ...LATENCY_ARGS]);
  try {
    const client = createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } });
    const organizationId = (await client.listOrganizations().page(undefined, { pageSize: 1 })).items[0].id;
    const path = `/api/v2/organizations/${organizationId}/organization_memberships`;
    const ours: number[] = [];
    const bare: number[] = [];
    let requests = 0;
    let listed = 0;
    for (let round = 0; round < rounds; round++) {
      await sandbox.clearRequests();
      const our = await timed(async () => {
        let count = 0;
        for await (const membership of client.listOrganizationMemberships({ organizationId })) count += membership ? 1 : 0;
        return count;
      });
      requests = (await sandbox.requests()).length;
      listed = our.result;
      ours.push(our.ms);
      const floor = await timed(() => bareListing(sandbox.url, sandbox.email, sandbox.token, path));
      if (floor.result.rows !== listed) throw new Error(`the bare loop listed ${floor.result.rows} rows, ours ${listed}`);
      bare.push(floor.ms);
    }
    const oursMs = Math.round(median(ours));
    const bareMs = Math.round(median(bare));
    return {
      rows: listed, requests, oursMs, bareMs, ratio: round2(oursMs / bareMs),
      peerOutcome: await nodeZendeskOutcome(sandbox, organizationId), latencyMs: LATENCY_TEXT, rounds,
    };
  } finally {
    await sandbox.stop();
  }
}

/** What node-zendesk's listByOrganization does with the same organization. */
async function nodeZendeskOutcome(sandbox: SandboxProcess, organizationId: number): Promise<string> {
  const peer = createClient({ username: sandbox.email, token: sandbox.token, endpointUri: `${sandbox.url}/api/v2`, logger: quietLogger() });
  await sandbox.clearRequests();
  const { result, ms } = await timed(async () => {
    try {
      return { rows: (await peer.organizationmemberships.listByOrganization(organizationId)).length };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  });
  const requests = await sandbox.requests();
  const last = requests.at(-1);
  const page = last ? new URLSearchParams(last.query).get('page') : null;
  const seconds = (ms / 1000).toFixed(1);
  if ('rows' in result) {
    return `node-zendesk 6: listed ${result.rows} rows in ${requests.length} requests (${seconds} s)`;
  }
  const fetched = Math.max(0, requests.filter((request) => request.status === 200).length * 100);
  const code = last ? await errorCodeOf(sandbox, `${last.path}?${last.query}`) : undefined;
  return `node-zendesk 6: failed at ${page ? `offset page ${page}` : 'its last request'} (HTTP ${last?.status} ${code ?? result.error.slice(0, 80)}) `
    + `after ${requests.length} requests (${seconds} s), returning none of the ${fetched.toLocaleString('en-US')} rows it fetched`;
}

/** The error code Zendesk's answer to that request carries (asked again: the log keeps no answers). */
async function errorCodeOf(sandbox: SandboxProcess, target: string): Promise<string | undefined> {
  const response = await fetch(`${sandbox.url}${target}`, { headers: { Authorization: `Basic ${Buffer.from(`${sandbox.email}/token:${sandbox.token}`).toString('base64')}` } });
  // Zendesk words errors two ways: {"error": "Code"} and {"errors": [{"code": "Code"}]} (API-NOTES §7).
  const body = await response.json().catch(() => undefined) as { error?: unknown; errors?: Array<{ code?: unknown }> } | undefined;
  const code = typeof body?.error === 'string' ? body.error : body?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

function quietLogger(): object {
  const none = (): void => undefined;
  return { fatal: none, error: none, warn: none, info: none, debug: none, trace: none };
}


