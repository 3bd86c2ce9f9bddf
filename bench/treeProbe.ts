// Run by tree.ts in a process of its own (node --expose-gc), so its heap holds nothing but the tree:
//   treePage  one page of an organization's members as the tree loads it on first expand (a fresh
//             model, no user known yet): requests, round trips, time; where Zendesk sideloads
//             users on that list, and where it does not.
//   memory    heap growth (after full GCs) while the tree model holds `rows` membership rows of one
//             organization.
// Prints one JSON line: { treePage, memory }.
import { createZendeskClient } from '../src/zendesk';
import { LATENCY_ARGS, type BenchConfig } from './config';
import type { Memory, TreePage, TreePageCost } from './results';
import { roundTrips, startSandboxProcess, type SandboxProcess } from './sandboxProcess';
import { median, round1, timed } from './stats';
import { treeModel } from './treeModel';

const MB = 1024 * 1024;

function clientOf(sandbox: SandboxProcess) {
  return createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } });
}

async function treePageCost(include: 'honoured' | 'ignored', samples: number): Promise<TreePageCost & { rows: number }> {
  const sandbox = await startSandboxProcess(['--orgs', '3', '--big-org-members', '150', '--rate-limit', '0', '--org-memberships-include', include, ...LATENCY_ARGS]);
  try {
    const client = clientOf(sandbox);
    const costs: Array<TreePageCost & { rows: number }> = [];
    for (let sample = 0; sample < samples; sample++) {
      const model = treeModel(client, sandbox.url);
      const [organization] = await model.organizations();
      await sandbox.clearRequests();
      const { result, ms } = await timed(() => model.model.children(organization));
      const requests = await sandbox.requests();
      costs.push({ requests: requests.length, roundTrips: roundTrips(requests), ms, rows: result.filter((row) => row.kind === 'membership').length });
      model.model.dispose();
    }
    return { ...costs[costs.length - 1], ms: round1(median(costs.map((cost) => cost.ms))) };
  } finally {
    await sandbox.stop();
  }
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  for (let pass = 0; pass < 3; pass++) gc();
  return process.memoryUsage().heapUsed;
}

async function memory(rows: number): Promise<Memory> {
  const sandbox = await startSandboxProcess(['--orgs', '2', '--big-org-members', String(rows), '--rate-limit', '0']);
  try {
    const client = clientOf(sandbox);
    const model = treeModel(client, sandbox.url);
    const [organization] = await model.organizations();
    // Everything but the members is loaded and warm (modules, client, organizations) before the baseline.
    const before = heapUsed();
    const children = await model.loadMembers(organization, rows);
    const members = children.filter((row) => row.kind === 'membership');
    const after = heapUsed();
    if (members.length !== rows) throw new Error(`the tree holds ${members.length} rows, expected ${rows}`);
    const method = `${rows} membership rows of one organization loaded through the tree's model (src/tree/organizationsModel.ts, pages of 100, `
      + 'users by show_many), in plain Node; heapUsed after 3 forced GCs, minus the same before the rows were loaded';
    return { rows: members.length, heapGrowthMB: round1((after - before) / MB), method };
  } finally {
    await sandbox.stop();
  }
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2]) as BenchConfig;
  const withSideload = await treePageCost('honoured', config.treePage.samples);
  const withoutSideload = await treePageCost('ignored', config.treePage.samples);
  const treePage: TreePage = {
    requests: withSideload.requests, roundTrips: withSideload.roundTrips, ms: withSideload.ms, rows: withSideload.rows, samples: config.treePage.samples,
    withoutSideload: { requests: withoutSideload.requests, roundTrips: withoutSideload.roundTrips, ms: withoutSideload.ms },
  };
  console.log(JSON.stringify({ treePage, memory: await memory(config.memory.rows) }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
