import assert from 'node:assert/strict';
import { JobEngine, NewItem, OperationStore } from '../../src/jobs/engine';
import { BulkOperation, countItems } from '../../src/jobs/model';
import type { JobTimings } from '../../src/jobs/runner';
import { createZendeskClient } from '../../src/zendesk';
import { Sandbox, SandboxOptions, startSandbox } from '../sandbox/server';

const FAST: Partial<JobTimings> = { pollMinMs: 15, pollMaxMs: 80, backoffMinMs: 20, backoffMaxMs: 80, missesBeforeLost: 3 };

/** Persists as globalState would: a JSON copy, so nothing shares objects with the engine. */
class MemoryStore implements OperationStore {
  saved = '[]';
  saves = 0;
  load(): BulkOperation[] { return JSON.parse(this.saved) as BulkOperation[]; }
  async save(operations: BulkOperation[]): Promise<void> { this.saved = JSON.stringify(operations); this.saves++; }
}

interface Rig {
  sandbox: Sandbox;
  store: MemoryStore;
  engine(maxInFlight: number, observe?: (count: number) => void): JobEngine;
}

async function rig(options: SandboxOptions): Promise<Rig> {
  const sandbox = await startSandbox({ rateLimit: 0, orgs: 3, ...options });
  const client = createZendeskClient({
    baseUrl: sandbox.url,
    credentials: { kind: 'apiToken', email: sandbox.credentials.admin.email, token: sandbox.credentials.admin.token },
    retry: { backoffBaseMs: 10, backoffCapMs: 50 },
  });
  const store = new MemoryStore();
  return {
    sandbox, store,
    engine: (maxInFlight, observe) => new JobEngine({
      clientFor: async () => client, store, maxInFlight: () => maxInFlight, timings: FAST, observeInFlight: (_origin, count) => observe?.(count),
    }),
  };
}

/** Additions of users[from..to) of the sandbox into one organization. */
function additions(sandbox: Sandbox, organizationId: number, from: number, to: number): NewItem[] {
  return Array.from({ length: to - from }, (_, offset) => {
    const user = sandbox.store.users.at(from + offset);
    return { userId: user.id, organizationId, userLabel: user.name, organizationLabel: String(organizationId) };
  });
}

const createManyCount = (sandbox: Sandbox) => sandbox.requests.filter((request) => request.path.endsWith('/create_many')).length;

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
    const engine = current.engine(3, (count) => {
      observed.push(count);
      // The engine's own count, and Zendesk's, at the moment before each submission.
      assert.ok(count <= 3, `in flight ${count}`);
      assert.ok(sandbox.jobs.activeCount() <= 3, `Zendesk reports ${sandbox.jobs.activeCount()} active jobs`);
    });
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
    assert.match(done.items[150].detail ?? '', /not found/i);
    assert.match(done.items[99].detail ?? '', /job failed/i);
  });

  it('resumes from persisted state after a reload and loses nothing', async () => {
    current = await rig({ users: 700, jobMsPerItem: 3, jobWorkers: 1 });
    const { sandbox, store } = current;
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

    const persisted = store.load().find((candidate) => candidate.id === operation.id);
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

  it('tolerates a job missing from a few polls, and calls it lost when Zendesk no longer knows it', async () => {
    current = await rig({ users: 200, jobMsPerItem: 1 });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Lost Job Org' });
    sandbox.faults.inject({ path: /^\/api\/v2\/job_statuses\/show_many$/, kind: 'status', status: 200, body: '{"job_statuses":[]}', times: 0 });
    sandbox.faults.inject({ path: /^\/api\/v2\/job_statuses\/[^/]+$/, kind: 'status', status: 404, body: '{"error":"RecordNotFound","description":"Not found"}', times: 0 });
    const engine = current.engine(2);
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 50', items: additions(sandbox, org.id, 0, 50) }).id);
    await engine.dispose();
    assert.equal(done.chunks[0].state, 'lost');
    assert.equal(countItems(done).failed, 50);
    assert.match(done.items[0].detail ?? '', /no longer reports job/);
    const misses = sandbox.requests.filter((request) => request.path === '/api/v2/job_statuses/show_many').length;
    assert.ok(misses >= 3, `${misses} polls before giving up`);
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
});
