// `npm run bench:sync`: Export Memberships and Sync Members from File on 10,000 and 100,000
// memberships, each against the sandbox CLI in a process of its own with the benchmarks' latency
// (bench/config.ts). Reports memberships, requests, wall time and the peak heap growth of this
// process (the export must stream: one page in memory, not the account). The sync makes one
// organization of N members equal a desired list: a tenth removed, N/20 added, N/100 made the
// default; it reports the plan (requests, time, heap) and the apply (one operation, wall time).
// `--quick` runs tiny sizes (a smoke test of the script itself); `--sync-only` skips the export.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { createZendeskClient } from '../src/zendesk';
import type { MembershipRow } from '../src/bulkFiles/rows';
import { desiredStateOf } from '../src/bulkFiles/syncDesired';
import { planSync } from '../src/bulkFiles/syncPlan';
import { countItems } from '../src/jobs/model';
import { userIdOf } from 'zendesk-sandbox';
import { CountingMemento, newEngine } from './engineRun';
import { type ExportScope, exportMemberships } from '../src/jobs/membershipExport';
import { LATENCY_ARGS, LATENCY_TEXT } from './config';
import { startSandboxProcess } from './sandboxProcess';
import { round1, timed } from './stats';

interface Row {
  measure: string;
  memberships: number;
  requests: number;
  seconds: number;
  heapPeakMb: number;
}

const quick = process.argv.includes('--quick');
const SIZES = quick ? [300, 1_200] : [10_000, 100_000];

/** Users whose seeded memberships (a home organization each, a second for every third) add up to `memberships`. */
const usersFor = (memberships: number): number => Math.round((memberships * 3) / 4) + 2;

async function measureExport(size: number, scopeKind: 'organization' | 'account'): Promise<Row> {
  const args = scopeKind === 'organization'
    ? ['--orgs', '2', '--users', String(size), '--big-org-members', String(size)]
    : ['--orgs', String(Math.max(2, Math.round(size / 100))), '--users', String(usersFor(size))];
  const sandbox = await startSandboxProcess([...args, '--rate-limit', '0', ...LATENCY_ARGS]);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  try {
    const client = createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } });
    const scope: ExportScope = scopeKind === 'account'
      ? { kind: 'account' }
      : { kind: 'organization', organization: (await client.listOrganizations().page(undefined, { pageSize: 1 })).items[0] };
    await sandbox.clearRequests();
    const stream = fs.createWriteStream(path.join(folder, 'export.csv'));
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const { result, ms } = await timed(() => exportMemberships(client, scope, 'csv', {
      async write(chunk) {
        if (!stream.write(chunk)) await once(stream, 'drain');
      },
    }, { onProgress: () => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); } }));
    await new Promise<void>((resolve) => stream.end(resolve));
    const requests = (await sandbox.requests()).length;
    return { measure: `export ${scopeKind}`, memberships: result, requests, seconds: round1(ms / 1000), heapPeakMb: round1((heapPeak - heapBefore) / 1_048_576) };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await sandbox.stop();
  }
}

/** Sync of one organization of `size` members: plan (resolve + list), then apply as one operation. */
async function measureSync(size: number): Promise<Row[]> {
  const added = Math.round(size / 20);
  const sandbox = await startSandboxProcess(['--orgs', '2', '--users', String(size + added), '--big-org-members', String(size), '--rate-limit', '0', ...LATENCY_ARGS]);
  try {
    const client = createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } });
    const organization = (await client.listOrganizations().page(undefined, { pageSize: 1 })).items[0];
    // Every tenth member leaves, N/20 users join, every hundredth member is made the default.
    const rows: MembershipRow[] = [];
    for (let index = 0; index < size + added; index++) {
      if (index < size && index % 10 === 0) continue;
      rows.push({ line: rows.length + 2, user: { id: userIdOf(index) }, organization: { id: organization.id }, ...(index < size && index % 100 === 1 ? { makeDefault: true } : {}) });
    }
    await sandbox.clearRequests();
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const onProgress = () => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); };
    const { result: plan, ms: planMs } = await timed(async () => {
      const { desired, problems } = await desiredStateOf(client, rows, { onProgress });
      if (problems.length) throw new Error(`unexpected problems: ${problems.length}`);
      return planSync(client, desired, { onProgress });
    });
    const planRequests = (await sandbox.requests()).length;
    const planHeap = round1((heapPeak - heapBefore) / 1_048_576);
    await sandbox.clearRequests();
    const engine = newEngine(client, new CountingMemento(), 10);
    global.gc?.();
    const applyBefore = process.memoryUsage().heapUsed;
    let applyPeak = applyBefore;
    const sampler = setInterval(() => { applyPeak = Math.max(applyPeak, process.memoryUsage().heapUsed); }, 100);
    const { result: done, ms: applyMs } = await timed(async () => {
      const operation = engine.start({ origin: sandbox.url, kind: 'sync', title: 'Sync', items: plan.changes.map((change) => ({ ...change })) });
      return engine.whenFinished(operation.id);
    });
    clearInterval(sampler);
    await engine.dispose();
    const counts = countItems(done);
    if (counts.succeeded !== plan.changes.length) throw new Error(`sync: ${counts.failed} of ${plan.changes.length} failed`);
    return [
      { measure: `sync plan (${plan.changes.length} changes)`, memberships: size, requests: planRequests, seconds: round1(planMs / 1000), heapPeakMb: planHeap },
      { measure: 'sync apply', memberships: size, requests: (await sandbox.requests()).length, seconds: round1(applyMs / 1000), heapPeakMb: round1((applyPeak - applyBefore) / 1_048_576) },
    ];
  } finally {
    await sandbox.stop();
  }
}

function print(row: Row): void {
  console.log(`${row.measure.padEnd(30)} ${String(row.memberships).padStart(7)} memberships  ${String(row.requests).padStart(5)} requests  ${String(row.seconds).padStart(6)} s  heap +${row.heapPeakMb} MB`);
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const only = process.argv.includes('--sync-only');
  for (const size of SIZES) {
    if (!only) {
      for (const scope of ['organization', 'account'] as const) {
        const row = await measureExport(size, scope);
        rows.push(row);
        print(row);
      }
    }
    for (const row of await measureSync(size)) {
      rows.push(row);
      print(row);
    }
  }
  const out = path.join('bench-results', quick ? 'export-sync-quick.json' : 'export-sync.json');
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, latency: LATENCY_TEXT, load: os.loadavg(), rows }, null, 2)}\n`);
  console.log(`latency ${LATENCY_TEXT}; load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}; written to ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
