// `npm run bench`: measures what issues ask to be measured, against the local sandbox at its
// default speeds (4 job workers, 20 ms per item, 30-job limit, 700 requests/minute):
//   1. 10,000 additions through the job engine with the extension's defaults (10 jobs in flight,
//      polls from 1 s to 10 s): wall time, jobs, peak jobs in flight, status polls, requests.
//   2. Listing 1,050 memberships of one organization: requests and wall time.
//   3. The same listing with 40 ms (+0-20 ms) of sandbox latency per answer: what round trips cost.
// BENCH_LATENCY_MS / BENCH_LATENCY_JITTER_MS add latency to every answer of runs 1 and 2 (default 0).
// Results are printed and written to bench-results/<name>-<time>.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_JOBS_IN_FLIGHT } from '../src/jobs/defaults';
import { JobEngine } from '../src/jobs/engine';
import { GlobalStateOperationStore, MementoLike } from '../src/jobs/globalStateStore';
import { countItems } from '../src/jobs/model';
import { createZendeskClient } from '../src/zendesk';
import { startSandbox } from 'zendesk-sandbox';

const ADDITIONS = Number(process.env.BENCH_ADDITIONS || 10_000);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 0);
const LATENCY_JITTER_MS = Number(process.env.BENCH_LATENCY_JITTER_MS || 0);

/** globalState's cost: every write is serialized (and, in VS Code, sent to the main process). */
class CountingMemento implements MementoLike {
  writes = 0;
  bytes = 0;
  private readonly values = new Map<string, unknown>();
  get<T>(key: string, defaultValue: T): T { return (this.values.get(key) as T) ?? defaultValue; }
  async update(key: string, value: unknown): Promise<void> {
    this.writes++;
    this.bytes += value === undefined ? 0 : JSON.stringify(value).length;
    this.values.set(key, value);
  }
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ orgs: 5, users: ADDITIONS + 100, bigOrgMembers: 1_050, latencyMs: LATENCY_MS, latencyJitterMs: LATENCY_JITTER_MS });
  const client = createZendeskClient({
    baseUrl: sandbox.url,
    credentials: { kind: 'apiToken', email: sandbox.credentials.admin.email, token: sandbox.credentials.admin.token },
  });
  const results: Record<string, unknown> = {
    date: new Date().toISOString(), node: process.version,
    sandbox: `defaults: 4 workers, 20 ms/item, 30 jobs, 700 req/min; latency ${LATENCY_MS} ms + 0-${LATENCY_JITTER_MS} ms`,
  };
  try {
    // 1. Bulk additions.
    const org = sandbox.store.addOrganization({ name: 'Bench Org' });
    const memento = new CountingMemento();
    const engine = new JobEngine({ clientFor: async () => client, store: new GlobalStateOperationStore(memento), maxInFlight: () => DEFAULT_MAX_JOBS_IN_FLIGHT });
    const items = Array.from({ length: ADDITIONS }, (_, index) => {
      const user = sandbox.store.users.at(index + 50);
      return { userId: user.id, organizationId: org.id, userLabel: user.name, organizationLabel: org.name };
    });
    const requestsBefore = sandbox.requests.length;
    const started = performance.now();
    const operation = engine.start({ origin: sandbox.url, kind: 'add', title: `Add ${ADDITIONS}`, items });
    const done = await engine.whenFinished(operation.id);
    const wallMs = performance.now() - started;
    await engine.dispose();
    const requests = sandbox.requests.slice(requestsBefore);
    results.bulkAdd = {
      additions: ADDITIONS,
      wallSeconds: +(wallMs / 1000).toFixed(1),
      jobs: engine.stats.jobsSubmitted,
      peakJobsInFlight: engine.stats.peakInFlight,
      statusPolls: engine.stats.statusPolls,
      tooManyJobsBackoffs: engine.stats.tooManyJobsBackoffs,
      readBacks: engine.stats.readBacks,
      httpRequests: requests.length,
      rateLimited429: requests.filter((request) => request.status === 429).length,
      outcome: countItems(done),
      membershipsInZendesk: sandbox.store.membershipsOfOrg(org.id).length,
      globalStateWrites: memento.writes,
      globalStateMegabytesWritten: +(memento.bytes / 1e6).toFixed(2),
      maxJobsInFlightSetting: DEFAULT_MAX_JOBS_IN_FLIGHT,
    };

    // 2. Listing a 1,050-member organization page by page.
    const bigOrg = (await client.listOrganizations().page(undefined, { pageSize: 1 })).items[0];
    const listBefore = sandbox.requests.length;
    const listStarted = performance.now();
    let listed = 0;
    for await (const membership of client.listOrganizationMemberships({ organizationId: bigOrg.id })) {
      listed += membership ? 1 : 0;
    }
    results.listing = { memberships: listed, requests: sandbox.requests.length - listBefore, wallMs: Math.round(performance.now() - listStarted) };
  } finally {
    await sandbox.close();
  }
  results.listingWithLatency = await listingWithLatency(40, 20);

  console.log(JSON.stringify(results, null, 2));
  const dir = path.join(__dirname, '..', '..', 'bench-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);
}

/** Run 2 again against a sandbox that holds every answer back `latencyMs` (+ up to `jitterMs`). */
async function listingWithLatency(latencyMs: number, jitterMs: number): Promise<Record<string, unknown>> {
  const slow = await startSandbox({ orgs: 2, users: 1_100, bigOrgMembers: 1_050, latencyMs, latencyJitterMs: jitterMs });
  try {
    const client = createZendeskClient({
      baseUrl: slow.url,
      credentials: { kind: 'apiToken', email: slow.credentials.admin.email, token: slow.credentials.admin.token },
    });
    const bigOrg = slow.store.organizations.at(0);
    const started = performance.now();
    let listed = 0;
    for await (const membership of client.listOrganizationMemberships({ organizationId: bigOrg.id })) {
      listed += membership ? 1 : 0;
    }
    return { latency: `${latencyMs} ms + 0-${jitterMs} ms`, memberships: listed, requests: slow.requests.length, wallMs: Math.round(performance.now() - started) };
  } finally {
    await slow.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
