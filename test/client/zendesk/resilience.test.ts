import assert from 'node:assert/strict';
import { createZendeskClient } from '../../../src/zendesk';
import type { Organization, User } from '../../../src/zendesk';
import type { SandboxOptions } from 'zendesk-sandbox';
import { Harness, assertNoCredentials, collect, errorText, startHarness, zendeskFailure as failure } from '../harness';

const ME = /^\/api\/v2\/users\/me$/;

describe('resilience of the HTTP path', () => {
  let harness: Harness;
  const scanned = { errors: 0, lines: 0 };

  function countOf(pattern: RegExp): number {
    return harness.requestsTo(pattern).length;
  }

  /** Scans and stops the current sandbox, then starts another. */
  async function restart(options: SandboxOptions): Promise<void> {
    await closeScanned();
    harness = await startHarness(options);
  }

  async function closeScanned(): Promise<void> {
    scanned.errors += harness.errors.length;
    scanned.lines += harness.logger.lines.length;
    await harness.close();
  }

  beforeEach(async () => {
    harness = await startHarness({ orgs: 6, users: 40, jobMsPerItem: 2 });
  });
  afterEach(() => closeScanned());

  it('waits exactly the Retry-After of a 503, once, then succeeds', async () => {
    harness.sandbox.faults.inject({ path: ME, kind: '503', retryAfter: 1, times: 1 });
    const started = Date.now();
    const me = await harness.client.showCurrentUser();
    const waited = Date.now() - started;
    assert.equal(me.role, 'admin');
    assert.ok(waited >= 1_000, `waited only ${waited} ms`);
    assert.equal(countOf(ME), 2, 'one retry, no storm');
    assert.deepEqual(harness.waits.map((r) => [r.reason, r.waitMs]), [['unavailable', 1_000]]);
  });

  it('gives up on a 429 whose Retry-After exceeds the wait budget, without a retry storm', async () => {
    await restart({ orgs: 2, users: 5, rateLimit: 3 });
    const client = harness.clientWith({ retry: { maxTotalWaitMs: 2_000 } });
    for (let i = 0; i < 3; i++) {
      await client.showCurrentUser();
    }
    const error = await failure(client.showCurrentUser());
    assert.equal(error.status, 429);
    assert.equal(error.code, 'TooManyRequests', 'read from the JSON:API envelope');
    assert.ok((error.retryAfter ?? 0) > 2, 'the wait Zendesk asked for is reported');
    assert.equal(countOf(ME), 4);
  });

  it('backs off exponentially on 5xx for reads', async () => {
    harness.sandbox.faults.inject({ path: ME, kind: '500', times: 2 });
    await harness.client.showCurrentUser();
    assert.equal(countOf(ME), 3);
    assert.deepEqual(harness.waits.map((r) => r.reason), ['serverError', 'serverError']);
    const [first, second] = harness.waits.map((r) => r.waitMs);
    assert.ok(first >= 10 && first <= 20, `first wait ${first}`);
    assert.ok(second >= 20 && second <= 40, `second wait ${second}`);
  });

  it('gives up after the attempt cap', async () => {
    harness.sandbox.faults.inject({ path: ME, kind: '500', times: 100 });
    const error = await failure(harness.clientWith({ retry: { maxAttempts: 3 } }).showCurrentUser());
    assert.equal(error.status, 500);
    assert.equal(countOf(ME), 3);
  });

  it('retries a read after a reset connection', async () => {
    harness.sandbox.faults.inject({ path: ME, kind: 'reset', times: 1 });
    assert.equal((await harness.client.showCurrentUser()).role, 'admin');
    assert.equal(countOf(ME), 2);
    assert.equal(harness.waits[0].reason, 'network');
  });

  it('never repeats a create_many that may have reached Zendesk', async () => {
    const [user] = (await collect(harness.client.listUsers())).filter((u) => u.role === 'end-user');
    const [org] = await collect(harness.client.listOrganizations());
    for (const kind of ['reset', '500'] as const) {
      harness.sandbox.faults.inject({ path: /create_many$/, kind, times: 1 });
      const before = countOf(/create_many$/);
      const error = await failure(harness.client.createManyOrganizationMemberships([{ userId: user.id, organizationId: org.id }]));
      assert.equal(countOf(/create_many$/) - before, 1, `${kind}: sent once`);
      assert.equal(error.afterUncertainAttempt, true);
    }
  });

  it('repeats a single create whose answer was lost, and counts the 422 as success', async () => {
    const users = (await collect(harness.client.listUsers())).filter((u) => u.role === 'end-user');
    const orgs = await collect(harness.client.listOrganizations());
    const { user, org } = await firstFreePair(harness, users, orgs);
    harness.sandbox.faults.inject({ path: /^\/api\/v2\/organization_memberships$/, method: 'POST', kind: 'reset', afterHandler: true, times: 1 });
    const membership = await harness.client.createOrganizationMembership({ userId: user.id, organizationId: org.id });
    assert.equal(membership.user_id, user.id);
    assert.equal(membership.organization_id, org.id);
    const posts = harness.requestsTo(/^\/api\/v2\/organization_memberships$/).filter((r) => r.method === 'POST');
    assert.equal(posts.length, 2);
    assert.equal(posts[1].status, 422, 'the repeat met the membership the first attempt made');
    const members = await collect(harness.client.listOrganizationMemberships({ organizationId: org.id }));
    assert.equal(members.filter((m) => m.user_id === user.id).length, 1);
  });

  it('retries a POST that provably never reached the server (connection refused)', async () => {
    const port = harness.sandbox.port;
    await closeScanned();
    const client = createZendeskClient({
      baseUrl: `http://127.0.0.1:${port}`, credentials: { kind: 'apiToken', email: 'a@example.com', token: 'never-sent-token' },
      retry: { maxAttempts: 2, backoffBaseMs: 10, backoffCapMs: 10 },
      onWait: (notice) => harness.waits.push(notice),
    });
    const error = await failure(client.createManyOrganizationMemberships([{ userId: 1, organizationId: 2 }]));
    assert.equal(error.code, 'NetworkError');
    assert.match(error.message, /ECONNREFUSED/);
    assert.equal(harness.waits.length, 1, 'retried once although it is a POST');
    assertNoCredentials([errorText(error)], ['never-sent-token']);
    harness = await startHarness({ orgs: 1, users: 2 }); // for afterEach
  });

  it('times out a hanging request and waits it', async () => {
    harness.sandbox.faults.inject({ path: ME, kind: 'delay', delayMs: 2_000, times: 1 });
    const client = harness.clientWith({ retry: { timeoutMs: 200, backoffBaseMs: 10 } });
    assert.equal((await client.showCurrentUser()).role, 'admin');
    assert.equal(harness.waits[0].reason, 'timeout');

    harness.sandbox.faults.inject({ path: ME, kind: 'delay', delayMs: 2_000, times: 5 });
    const error = await failure(harness.clientWith({ retry: { timeoutMs: 200, maxAttempts: 2, backoffBaseMs: 10 } }).showCurrentUser());
    assert.equal(error.code, 'Timeout');
    harness.sandbox.faults.clear();
  });

  it('asks again after malformed JSON, a bounded number of times, then reports it without crashing', async () => {
    harness.sandbox.faults.inject({ path: ME, kind: 'malformed-json', times: 1 });
    assert.equal((await harness.client.showCurrentUser()).role, 'admin', 'a read answered with broken JSON is asked again');
    assert.deepEqual(harness.waits.map((wait) => wait.reason), ['unreadable']);
    harness.sandbox.faults.inject({ path: ME, kind: 'malformed-json', times: 0 });
    const before = countOf(ME);
    const error = await failure(harness.clientWith({ retry: { maxAttempts: 3 } }).showCurrentUser());
    harness.sandbox.faults.clear();
    assert.equal(error.code, 'InvalidResponse');
    assert.match(error.message, /not JSON/);
    assert.equal(countOf(ME) - before, 3, 'at most the attempt cap');
  });

  it('asks again after an HTML page answered with 200, and never repeats a write answered so', async () => {
    harness.sandbox.faults.inject({ path: ME, kind: 'html', status: 200, times: 1 });
    assert.equal((await harness.client.showCurrentUser()).role, 'admin');
    harness.sandbox.faults.inject({ path: /create_many$/, kind: 'html', status: 200, times: 1 });
    const before = countOf(/create_many$/);
    const error = await failure(harness.client.createManyOrganizationMemberships([{ userId: 1, organizationId: 1 }]));
    assert.equal(error.status, 200);
    assert.equal(countOf(/create_many$/) - before, 1, 'a write is read back by its caller, not sent again');
  });

  it('reads an HTML error page', async () => {
    harness.sandbox.faults.inject({ path: ME, kind: 'html', times: 10 });
    const error = await failure(harness.clientWith({ retry: { maxAttempts: 1 } }).showCurrentUser());
    assert.ok(error.status >= 500);
    assert.ok(error.description && !error.description.includes('<'), `readable: ${error.description}`);
  });

  it('reads the classic envelope', async () => {
    const error = await failure(harness.client.showOrganization(999_999_999));
    assert.equal(error.status, 404);
    assert.equal(error.code, 'RecordNotFound');
  });

  it('surfaces TooManyJobs at once instead of retrying', async () => {
    await restart({ orgs: 3, users: 30, maxJobs: 1, jobWorkers: 1, jobMsPerItem: 5_000 });
    const users = (await collect(harness.client.listUsers())).filter((u) => u.role === 'end-user');
    const orgs = await collect(harness.client.listOrganizations());
    await harness.client.createManyOrganizationMemberships([{ userId: users[0].id, organizationId: orgs[2].id }]);
    const error = await failure(harness.client.createManyOrganizationMemberships([{ userId: users[1].id, organizationId: orgs[2].id }]));
    assert.equal(error.code, 'TooManyJobs');
    assert.equal(countOf(/create_many$/), 2);
  });

  it('answers a bad token with 401 and never repeats the token', async () => {
    const secret = 'wrong-but-secret-token-123';
    const client = harness.clientWith({ credentials: { kind: 'apiToken', email: 'admin@example.com', token: secret } });
    const error = await failure(client.showCurrentUser());
    assert.equal(error.status, 401);
    assert.ok(!JSON.stringify({ ...error, message: error.message, stack: error.stack }).includes(secret));
  });

  after(() => {
    // Every harness scanned its errors and log lines on close; this proves the scan had material.
    assert.ok(scanned.errors >= 10 && scanned.lines > 20, `scanned ${scanned.errors} errors and ${scanned.lines} log lines`);
  });
});

async function firstFreePair(harness: Harness, users: User[], orgs: Organization[]): Promise<{ user: User; org: Organization }> {
  for (const user of users) {
    const memberships = await collect(harness.client.listOrganizationMemberships({ userId: user.id }));
    const org = orgs.find((candidate) => !memberships.some((m) => m.organization_id === candidate.id));
    if (org) {
      return { user, org };
    }
  }
  throw new Error('no pair');
}
