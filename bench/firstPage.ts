// firstPage: the first page of organizations from an account with 200 organizations and from one
// with 1,000,000, each in its own sandbox process with realistic latency. Samples alternate between
// the two (after one warm-up each) and the medians are compared: cursor paging should not make a
// large account's first page slower.
import { createZendeskClient } from '../src/zendesk';
import { LATENCY_ARGS, type BenchConfig } from './config';
import type { FirstPage } from './results';
import { startSandboxProcess } from './sandboxProcess';
import { median, round1, round2, timed } from './stats';

export async function measureFirstPage(config: BenchConfig): Promise<FirstPage> {
  const { smallOrganizations, largeOrganizations, samples } = config.firstPage;
  const [small, large] = await Promise.all([smallOrganizations, largeOrganizations].map((orgs) =>
    startSandboxProcess(['--orgs', String(orgs), '--users', '50', '--rate-limit', '0', ...LATENCY_ARGS])));
  try {
    const clients = [small, large].map((sandbox) =>
      createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } }));
    const times: number[][] = [[], []];
    for (let sample = -1; sample < samples; sample++) {
      for (const [index, client] of clients.entries()) {
        const { result, ms } = await timed(() => client.listOrganizations().page(undefined, { pageSize: 100 }));
        if (result.items.length !== Math.min(100, index === 0 ? smallOrganizations : largeOrganizations)) {
          throw new Error(`the first page held ${result.items.length} organizations`);
        }
        if (sample >= 0) times[index].push(ms);
      }
    }
    const smallMs = round1(median(times[0]));
    const largeMs = round1(median(times[1]));
    return { smallMs, largeMs, ratio: round2(largeMs / smallMs), smallOrganizations, largeOrganizations, samples };
  } finally {
    await Promise.all([small.stop(), large.stop()]);
  }
}
