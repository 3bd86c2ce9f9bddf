import assert from 'node:assert/strict';
import { countItems } from '../../../src/jobs/model';
import type { ZendeskClient } from '../../../src/zendesk';
import { FAST, Rig, additions, createManyCount, rig } from '../jobRig';

const CREATE_MANY = /^\/api\/v2\/organization_memberships\/create_many$/;

/** The ceilings the engine keeps: jobs in flight per account across windows, waiting for Zendesk, saving before sending. */
describe('bulk job engine: limits that hold across windows and outages', () => {
  let current: Rig | undefined;
  afterEach(async () => {
    await current?.sandbox.close();
    current = undefined;
  });

  /** Two windows of one profile, each adding 600 members with a cap of 3; returns the sandbox's peak of active jobs. */
  async function twoWindows(shareBudget: boolean): Promise<{ peak: number; jobs: number }> {
    current = await rig({ users: 1_300, jobMsPerItem: 2, jobWorkers: 2 });
    const { sandbox, memento } = current;
    const org = sandbox.store.addOrganization({ name: `Two Windows ${shareBudget ? 'Shared' : 'Apart'}` });
    const windows = ['A', 'B'].map((windowId) => current!.engine(3, { windowId, budgetState: shareBudget ? memento : undefined }));
    const operations = windows.map((engine, index) => engine.start({
      origin: sandbox.url, kind: 'add', title: `Window ${index + 1} adds 600`, items: additions(sandbox, org.id, 2 + index * 600, 2 + (index + 1) * 600),
    }));
    const done = await Promise.all(windows.map((engine, index) => engine.whenFinished(operations[index].id)));
    await Promise.all(windows.map((engine) => engine.dispose()));
    done.forEach((operation) => assert.equal(countItems(operation).succeeded, 600));
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 1_200, 'nothing lost, nothing twice');
    return { peak: sandbox.jobs.peakActiveCount(), jobs: createManyCount(sandbox) };
  }

  it('keeps one budget per account for all windows: two windows with a cap of 3 never have more than 3 jobs active on the account', async () => {
    const shared = await twoWindows(true);
    assert.ok(shared.peak <= 3, `Zendesk saw ${shared.peak} jobs active at once`);
    assert.equal(shared.peak, 3, 'the budget was used in full');
    assert.equal(shared.jobs, 12, 'each chunk was sent once');
    assert.deepEqual(current?.memento.get('zendesk.jobBudget', undefined), {}, 'the windows released their shares when they closed');
  });

  it('(control) without the shared budget the same two windows exceed the cap, so the test above can fail', async () => {
    const apart = await twoWindows(false);
    assert.ok(apart.peak > 3, `peak ${apart.peak}`);
  });

  it('pauses after waiting past the ceiling through a persistent 429, sends a bounded number of requests, and finishes once resumed', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 }, { retry: { maxAttempts: 2 } });
    const { sandbox } = current;
    const org = sandbox.store.addOrganization({ name: 'Persistent 429 Org' });
    sandbox.faults.inject({ path: CREATE_MANY, kind: 'status', status: 429, retryAfter: 0, times: 0 });
    let clock = 1_000_000;
    const engine = current.engine(2, { now: () => clock, timings: { ...FAST, waitCeilingMs: 60_000 } });
    const operation = engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 150', items: additions(sandbox, org.id, 2, 152) });
    await new Promise<void>((resolve) => {
      const subscription = engine.onDidChange(() => {
        const refused = sandbox.requests.filter((request) => CREATE_MANY.test(request.path)).length;
        if (refused >= 4) {
          clock += 61_000; // a minute of nothing but 429s passes (the engine's clock, not the test's wall time)
        }
        if (engine.find(operation.id)?.paused) {
          subscription.dispose();
          resolve();
        }
      });
    });
    const paused = engine.find(operation.id);
    assert.deepEqual(paused?.paused, { reason: 'rateLimited', since: 1_000_000 });
    assert.equal(paused?.state, 'running');
    assert.equal(countItems(paused!).failed, 0, 'nothing failed: it waits for the user');
    const sentWhilePaused = createManyCount(sandbox);
    assert.ok(sentWhilePaused <= 12, `${sentWhilePaused} requests before pausing`);
    assert.equal(engine.stats.pauses, 1);
    await new Promise((resolve) => setTimeout(resolve, 200)); // paused: no timer may send anything more
    assert.equal(createManyCount(sandbox), sentWhilePaused, 'nothing is sent while paused');

    sandbox.faults.clear();
    assert.equal(engine.resumePaused(operation.id), true);
    const done = await engine.whenFinished(operation.id);
    await engine.dispose();
    assert.equal(done.paused, undefined);
    assert.equal(countItems(done).succeeded, 150);
    assert.equal(sandbox.store.membershipsOfOrg(org.id).length, 150);
  });

  it('saves an operation before its first chunk is sent, and each chunk as submitting before its request', async () => {
    current = await rig({ users: 300, jobMsPerItem: 1 });
    const { sandbox, client } = current;
    const org = sandbox.store.addOrganization({ name: 'Saved First Org' });
    const seenAtRequest: string[] = [];
    const checking = new Proxy(client, {
      get(target, key) {
        const value: unknown = Reflect.get(target, key);
        if (key === 'createManyOrganizationMemberships') {
          return (...args: Parameters<ZendeskClient['createManyOrganizationMemberships']>) => {
            const stored = current!.stored().find((candidate) => candidate.title === 'Add 150');
            seenAtRequest.push(stored ? stored.chunks.map((chunk) => chunk.state).join(',') : 'not saved');
            return target.createManyOrganizationMemberships(...args);
          };
        }
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const engine = current.engine(1, { clientFor: async () => checking });
    const done = await engine.whenFinished(engine.start({ origin: sandbox.url, kind: 'add', title: 'Add 150', items: additions(sandbox, org.id, 2, 152) }).id);
    await engine.dispose();
    assert.equal(countItems(done).succeeded, 150);
    assert.deepEqual(seenAtRequest, ['submitting,pending', 'completed,submitting']);
  });
});
