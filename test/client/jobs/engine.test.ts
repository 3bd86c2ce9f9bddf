import assert from 'node:assert/strict';
import { countItems } from '../../../src/jobs/model';
import { summarize } from '../../../src/jobs/summaries';
import type { ZendeskClient } from '../../../src/zendesk';
import { FAST, Rig, additions, createManyCount, rig } from '../jobRig';

class SignedOutError extends Error {}

describe('bulk job engine against the sandbox', () => {
  let current: Rig | undefined;
  afterEach(async () => {
    await current?.sandbox.close();
    current = undefined;
  });

  it('sends 1,050 additions as 11 jobs, never more than the cap in flight at any step', async () => {
    current = await rig({ users: 1_100, jobMsPerItem: 1, jobWorkers: 2 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Scale Test Org' });
    const observed: number[] = [];
    const engine = current.engine(3, { observeInFlight: (_origin, count) => {
      observed.push(count);
      // The engine's own count, and Zendesk's, at the moment before each submission.
      assert.ok(count <= 3, `in flight ${count}`);
      assert.ok(sandbox.jobs.activeCount() <= 3, `Zendesk reports ${sandbox.jobs.activeCount()} active jobs`);
    } });
    const operation = engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 1,050', items: additions(sandbox, org.id, 0, 1_050) });
    assert.equal(operation.chunks.length, 11);
    const done = await engine.whenFinished(operation.id);
    await engine.dispose();

    assert.equal(done.state, 'completed');
    assert.equal(engine.stats.jobsSubmitted, 11);
    assert.equal(createManyCount(sandbox), 11);
    assert.equal(observed.length, 11);
    assert.equal(Math.max(...observed), 3, 'the cap was reached, and kept');
    assert.deepEqual(countItems(done), { total: 1_050, pending: 0, submitted: 0, succeeded: 1_050, failed: 0, cancelled: 0 });
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 1_050);
    assert.ok(engine.stats.statusPolls > 0 && engine.stats.statusPolls < 200, `${engine.stats.statusPolls} polls`);
  });

  it('backs off on TooManyJobs until jobs finish, and submits each chunk once', async () => {
    current = await rig({ users: 600, jobMsPerItem: 2, maxJobs: 2, jobWorkers: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Busy Account Org' });
    const engine = current.engine(5); // more than Zendesk will take: other integrations share the limit
    const operation = engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 500', items: additions(sandbox, org.id, 0, 500) });
    const done = await engine.whenFinished(operation.id);
    await engine.dispose();
    assert.ok(engine.stats.tooManyJobsBackoffs > 0, 'TooManyJobs was met');
    assert.equal(engine.stats.jobsSubmitted, 5);
    assert.equal(countItems(done).succeeded, 500);
    const refused = sandbox.requests.filter((request) => request.path.endsWith('/create_many') && request.status === 429).length;
    assert.equal(createManyCount(sandbox) - refused, 5, 'accepted exactly once per chunk');
  });

  it('reports every item: already members succeed, unknown users fail with Zendesk\'s words, a failed job fails the rest', async () => {
    current = await rig({ users: 400, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Mixed Results Org' });
    const items = additions(sandbox, org.id, 0, 150);
    for (const item of items.slice(0, 5)) {
      sandbox.store.createMembership(item.userId, org.id); // already members
    }
    items.push({ userId: 999_999_991, organizationId: org.id, userLabel: 'ghost 1', organizationLabel: 'x' });
    items.push({ userId: 999_999_992, organizationId: org.id, userLabel: 'ghost 2', organizationLabel: 'x' });
    const engine = current.engine(1);
    sandbox.jobs.failNext(1, 'failed', 20); // the first job dies after 20 items
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Mixed', items }).id);
    await engine.dispose();

    const counts = countItems(done);
    assert.equal(counts.total, 152);
    assert.equal(counts.failed, 80 + 2, '80 left by the failed job, 2 unknown users');
    assert.equal(counts.succeeded, 70);
    assert.deepEqual(done.items.slice(0, 5).map((item) => item.detail), Array(5).fill('already a member'));
    assert.deepEqual([done.items[150].outcome, done.items[151].outcome], ['failed', 'failed']);
    assert.match(done.items[150].detail ?? '', /^RecordNotFound\b/, 'Zendesk\'s code and words');
    assert.match(done.items[99].detail ?? '', /job failed/i);
  });

  it('resumes from persisted state after a reload and loses nothing', async () => {
    current = await rig({ users: 700, jobMsPerItem: 3, jobWorkers: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Reload Org' });
    const first = current.engine(2);
    const operation = first.start({ origin: sandbox.url, kind: 'add', title: 'Add 600', items: additions(sandbox, org.id, 0, 600) });
    await new Promise<void>((resolve) => {
      const subscription = first.onDidChange(() => {
        if (first.stats.jobsSubmitted >= 2) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await first.dispose(); // the window goes away mid-operation

    const persisted = current.stored().find((candidate) => candidate.id === operation.id);
    assert.ok(persisted && persisted.chunks.filter((chunk) => chunk.jobId).length >= 2, 'job ids were saved');
    const second = current.engine(2);
    second.resume();
    const done = await second.whenFinished(operation.id);
    await second.dispose();
    assert.equal(countItems(done).succeeded, 600);
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 600);
    assert.equal(createManyCount(sandbox), 6, 'no chunk was sent twice');
  });

  it('cancels chunks not yet sent; the job already sent runs on', async () => {
    current = await rig({ users: 600, jobMsPerItem: 3, jobWorkers: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Cancel Org' });
    const engine = current.engine(1);
    const operation = engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 500', items: additions(sandbox, org.id, 0, 500) });
    await new Promise<void>((resolve) => {
      const subscription = engine.onDidChange(() => {
        if (engine.stats.jobsSubmitted === 1) {
          subscription.dispose();
          resolve();
        }
      });
    });
    assert.equal(engine.cancel(operation.id), 400);
    const done = await engine.whenFinished(operation.id);
    await engine.dispose();
    assert.equal(done.state, 'cancelled');
    assert.deepEqual([countItems(done).succeeded, countItems(done).cancelled], [100, 400]);
    assert.equal(createManyCount(sandbox), 1);
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 100);
  });

  it('tolerates a job missing from a few polls, and when neither shown nor listed calls it lost and reads its items back', async () => {
    current = await rig({ users: 200, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Lost Job Org' });
    sandbox.faults.inject({ path: /^\/api\/v2\/job_statuses\/show_many$/, kind: 'status', status: 200, body: '{"job_statuses":[]}', times: 0 });
    sandbox.faults.inject({ path: /^\/api\/v2\/job_statuses\/[^/]+$/, kind: 'status', status: 404, body: '{"error":"RecordNotFound","description":"Not found"}', times: 0 });
    sandbox.faults.inject({ path: '/api/v2/job_statuses', method: 'GET', kind: 'status', status: 200, body: '{"job_statuses":[],"meta":{"has_more":false}}', times: 0 });
    const engine = current.engine(2, { timings: { ...FAST, missesBeforeGivingUp: 5 } });
    const items = additions(sandbox, org.id, 0, 50);
    items.push({ userId: 999_999_993, organizationId: org.id, userLabel: 'ghost', organizationLabel: 'x' });
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 51', items }).id);
    await engine.dispose();
    assert.equal(done.chunks[0].state, 'lost');
    assert.equal(countItems(done).succeeded, 50, 'the job had run: its memberships exist, and the user is told so');
    assert.equal(countItems(done).failed, 1);
    assert.match(done.items[50].detail ?? '', /no longer reports job .* not applied/);
    const misses = sandbox.requests.filter((request) => request.path === '/api/v2/job_statuses/show_many').length;
    assert.ok(misses >= 5, `${misses} polls before giving up`);
    assert.ok(sandbox.requests.some((request) => request.path === '/api/v2/job_statuses'), 'the job list was searched');
  });

  it('removes in bulk with destroy_many, and retries only what failed', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Removal Org' });
    const memberships = Array.from({ length: 150 }, (_, index) => sandbox.store.createMembership(sandbox.store.users.at(index).id, org.id));
    const engine = current.engine(2);
    sandbox.jobs.failNext(1, 'killed', 10);
    const items = memberships.map((membership) => ({ userId: membership.user_id, organizationId: org.id, membershipId: membership.id, userLabel: '', organizationLabel: '' }));
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'remove', title: 'Remove 150', items }).id);
    assert.equal(countItems(done).failed, 90, 'the killed job left 90 of its 100');
    const retry = engine.retryFailed(done.id);
    assert.ok(retry);
    assert.equal(retry.items.length, 90);
    assert.equal(engine.find(done.id)?.retriedBy, retry.id);
    assert.equal(engine.retryFailed(done.id), undefined, 'failed items are handed to one retry, not two');
    const retried = await engine.whenFinished(retry.id);
    await engine.dispose();
    assert.equal(countItems(retried).succeeded, 90);
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 0);
    const destroyIds = sandbox.requests.filter((request) => request.path.endsWith('/destroy_many')).map((request) => new URLSearchParams(request.query).get('ids')?.split(',').length);
    assert.deepEqual(destroyIds, [100, 50, 90]);
  });

  it('waits out a rate limit that gets past the HTTP layer without counting it as a failed attempt', async () => {
    current = await rig({ users: 200, jobMsPerItem: 1 }, { retry: { maxAttempts: 1 } }); // the HTTP layer gives up at once
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Rate Limited Org' });
    const createMany = /^\/api\/v2\/organization_memberships\/create_many$/;
    sandbox.faults.inject({ path: createMany, kind: 'status', status: 429, retryAfter: 0, times: 3 });
    sandbox.faults.inject({ path: createMany, kind: 'status', status: 429, retryAfter: 1, times: 1 });
    const logLines: string[] = [];
    const engine = current.engine(1, { log: (line) => logLines.push(line) });
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 150', items: additions(sandbox, org.id, 0, 150) }).id);
    await engine.dispose();
    assert.deepEqual(countItems(done), { total: 150, pending: 0, submitted: 0, succeeded: 150, failed: 0, cancelled: 0 });
    assert.deepEqual(done.chunks.map((chunk) => chunk.attempts), [1, 1], 'four 429s, none counted');
    assert.equal(createManyCount(sandbox), 6);
    assert.equal(engine.stats.tooManyJobsBackoffs, 0);
    assert.ok(logLines.some((line) => line.includes('retrying in 1000 ms')), 'Retry-After decided the wait');
  });

  it('polls one show_many at a time when a poll takes longer than the interval', async () => {
    current = await rig({ users: 500, jobMsPerItem: 2, jobWorkers: 3 });
    const { sandbox, client } = current;
    const org = sandbox.store.addOrganization({ name: 'Slow Poll Org' });
    sandbox.faults.inject({ path: '/api/v2/job_statuses/show_many', kind: 'delay', delayMs: 250, times: 5 });
    sandbox.faults.inject({ path: '/api/v2/organization_memberships/create_many', kind: 'delay', delayMs: 40, times: 0 });
    let polling = 0;
    let mostAtOnce = 0;
    const counting = new Proxy(client, {
      get(target, key) {
        if (key === 'showManyJobStatuses') {
          return async (...args: Parameters<ZendeskClient['showManyJobStatuses']>) => {
            mostAtOnce = Math.max(mostAtOnce, ++polling);
            try {
              return await target.showManyJobStatuses(...args);
            } finally {
              polling--;
            }
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const engine = current.engine(3, { clientFor: async () => counting });
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 400', items: additions(sandbox, org.id, 0, 400) }).id);
    await engine.dispose();
    assert.equal(countItems(done).succeeded, 400);
    assert.ok(engine.stats.statusPolls > 1);
    assert.equal(mostAtOnce, 1, 'never two polls at once');
  });

  it('waits for a sign-in instead of polling and failing, and carries on after it', async () => {
    current = await rig({ users: 300, jobMsPerItem: 3, jobWorkers: 1 });
    const { sandbox, client } = current;
    const org = sandbox.store.addOrganization({ name: 'Signed Out Org' });
    let signedOut = false;
    const engine = current.engine(1, {
      clientFor: async () => {
        if (signedOut) throw new SignedOutError('not signed in');
        return client;
      },
      isSignedOut: (error) => error instanceof SignedOutError,
    });
    const operation = engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 250', items: additions(sandbox, org.id, 0, 250) });
    await new Promise<void>((resolve) => {
      const subscription = engine.onDidChange(() => {
        if (engine.stats.jobsSubmitted === 1 && !signedOut) {
          signedOut = true; // the account signs out while its first job runs
        }
        if (engine.find(operation.id)?.waitingForSignIn) {
          subscription.dispose();
          resolve();
        }
      });
    });
    const waiting = engine.find(operation.id);
    assert.ok(waiting && summarize(waiting).waitingForSignIn, 'the panel is told');
    assert.equal(waiting.state, 'running');
    assert.equal(countItems(waiting).failed, 0);
    assert.deepEqual(waiting.chunks.slice(1).map((chunk) => [chunk.state, chunk.attempts ?? 0]), [['pending', 0], ['pending', 0]]);

    signedOut = false;
    engine.accountsChanged();
    const done = await engine.whenFinished(operation.id);
    await engine.dispose();
    assert.equal(done.waitingForSignIn, undefined);
    assert.equal(countItems(done).succeeded, 250);
    assert.equal(createManyCount(sandbox), 3);
  });
});
