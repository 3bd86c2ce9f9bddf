import assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../src/server';
import { call, waitFor } from '../src/testHelpers';

interface JobStatus {
  id: string;
  url: string;
  job_type?: string;
  status: string;
  progress: number | null;
  total: number | null;
  message: string | null;
  results: Array<Record<string, unknown>> | null;
}

const TERMINAL = new Set(['completed', 'failed', 'killed']);

async function showJob(sb: Sandbox, id: string): Promise<JobStatus> {
  const r = await call(sb, `/api/v2/job_statuses/${id}.json`);
  assert.equal(r.status, 200);
  return r.json.job_status;
}

async function finished(sb: Sandbox, id: string): Promise<JobStatus> {
  return waitFor(async () => {
    const job = await showJob(sb, id);
    return TERMINAL.has(job.status) ? job : undefined;
  }, `job ${id} to finish`);
}

async function createMany(sb: Sandbox, items: unknown[]): Promise<{ status: number; job: JobStatus; json: Record<string, unknown>; headers: Headers }> {
  const r = await call(sb, '/api/v2/organization_memberships/create_many.json', { method: 'POST', body: { organization_memberships: items } });
  return { status: r.status, job: r.json?.job_status, json: r.json, headers: r.headers };
}

describe('sandbox: background jobs', () => {
  let sb: Sandbox;
  let n = 0;
  const freshUsers = (count: number): number[] =>
    Array.from({ length: count }, () => sb.store.addUser({ name: `Job User ${++n}`, email: `job.user.${n}@example.org` }).id);
  const orgId = (): number => sb.store.organizations.idAt(3);

  before(async () => {
    sb = await startSandbox({ orgs: 10, users: 40, jobWorkers: 1, jobMsPerItem: 5, maxJobs: 3 });
  });
  after(() => sb.close());
  afterEach(() => waitFor(() => (sb.jobs.activeCount() === 0 ? true : undefined), 'jobs to drain'));

  it('runs create_many queued → working (progress rising) → completed with per-item results, as recorded (API-NOTES §13)', async () => {
    const users = freshUsers(12);
    const duplicateOf = sb.store.createMembership(users[3], orgId());
    const items = users.map((u) => ({ user_id: u, organization_id: orgId() }));
    items.push({ user_id: 372999999999, organization_id: orgId() });
    const created = await createMany(sb, items);
    assert.equal(created.status, 200);
    const job = created.job;
    assert.match(job.id, /^V3-[0-9a-f]{32}$/);
    assert.equal(job.url, `${sb.url}/api/v2/job_statuses/${job.id}.json`);
    assert.deepEqual([job.status, job.progress, job.total, job.message, job.results], ['queued', null, 13, null, null]);
    assert.equal('job_type' in job, false, 'no job_type, as in every recorded job status');

    const working = await waitFor(async () => {
      const s = await showJob(sb, job.id);
      return s.status === 'working' && (s.progress ?? 0) > 0 ? s : undefined;
    }, 'the job to be working');
    assert.equal(working.total, 13);
    assert.equal(working.message, `Creating organization membership #${working.progress}`);
    assert.equal(working.results, null, 'results appear when the job ends');

    const done = await finished(sb, job.id);
    assert.equal(done.status, 'completed');
    assert.equal(done.progress, 13);
    assert.match(done.message ?? '', /^Completed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000$/);
    const results = done.results ?? [];
    assert.equal(results.length, 13);
    // A create is {id, status} with no index; a failure {index, error, id?, details}, no success/action.
    assert.deepEqual(results[0], { id: sb.store.findMembership(users[0], orgId())?.id, status: 'Created' });
    assert.deepEqual(results[3], {
      index: 3, id: duplicateOf.id, error: 'DuplicateValue', details: `User ${users[3]} is already a member of organization ${orgId()}`,
    });
    assert.deepEqual(results[12], { index: 12, error: 'RecordNotFound', details: 'User 372999999999 not found' });
  });

  it('runs destroy_many with comma-joined ids; missing ids fail per item', async () => {
    const [u1, u2] = freshUsers(2);
    const m1 = sb.store.createMembership(u1, orgId());
    const m2 = sb.store.createMembership(u2, orgId());
    const r = await call(sb, `/api/v2/organization_memberships/destroy_many.json?ids=${m1.id},${m2.id},999`, { method: 'DELETE' });
    assert.equal(r.status, 200);
    const done = await finished(sb, r.json.job_status.id);
    assert.deepEqual(done.results?.slice(0, 2), [
      { action: 'delete', id: m1.id, status: 'Deleted', success: true },
      { action: 'delete', id: m2.id, status: 'Deleted', success: true },
    ]);
    assert.deepEqual(done.results?.[2], { index: 2, id: 999, error: 'RecordNotFound', details: 'Not found' });
    assert.equal(sb.store.getMembership(m1.id), undefined);
  });

  it('applies the single writes\' role rules per item: an agent\'s items on staff memberships fail as Forbidden', async () => {
    const [endUserId] = freshUsers(1);
    const staff = sb.store.addUser({ name: `Job Staff ${++n}`, email: `job.staff.${n}@example.org`, role: 'agent' });
    const created = await call(sb, '/api/v2/organization_memberships/create_many.json', {
      method: 'POST', as: 'agent',
      body: { organization_memberships: [{ user_id: staff.id, organization_id: orgId() }, { user_id: endUserId, organization_id: orgId() }] },
    });
    assert.equal(created.status, 200);
    const createResults = (await finished(sb, created.json.job_status.id)).results ?? [];
    assert.deepEqual(createResults[0], {
      index: 0, error: 'Forbidden', details: 'You do not have access to this page. Please contact the account owner of this help desk for further help.',
    });
    assert.equal(createResults[1].status, 'Created', 'the end user\'s item still goes through');
    assert.equal(sb.store.findMembership(staff.id, orgId()), undefined);

    const staffMembership = sb.store.createMembership(staff.id, orgId());
    const endUserMembership = sb.store.findMembership(endUserId, orgId());
    assert.ok(endUserMembership);
    const destroyed = await call(sb, `/api/v2/organization_memberships/destroy_many.json?ids=${staffMembership.id},${endUserMembership.id}`, {
      method: 'DELETE', as: 'agent',
    });
    const deleteResults = (await finished(sb, destroyed.json.job_status.id)).results ?? [];
    assert.deepEqual([deleteResults[0].id, deleteResults[0].index, deleteResults[0].error], [staffMembership.id, 0, 'Forbidden']);
    assert.deepEqual([deleteResults[1].id, deleteResults[1].status], [endUserMembership.id, 'Deleted']);
    assert.ok(sb.store.getMembership(staffMembership.id), 'the staff membership is kept');

    const byAdmin = await call(sb, `/api/v2/organization_memberships/destroy_many.json?ids=${staffMembership.id}`, { method: 'DELETE' });
    assert.equal((await finished(sb, byAdmin.json.job_status.id)).results?.[0].status, 'Deleted');
  });

  it('validates batches: 1-100 items, ids required', async () => {
    const tooMany = Array.from({ length: 101 }, () => ({ user_id: 1, organization_id: 1 }));
    const refused = await createMany(sb, tooMany);
    assert.deepEqual([refused.status, refused.json.error, refused.json.max_count], [400, 'TooManyValues', 100]);
    assert.equal((await createMany(sb, [])).status, 400);
    const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    assert.equal((await call(sb, `/api/v2/organization_memberships/destroy_many.json?ids=${ids}`, { method: 'DELETE' })).status, 400);
    assert.equal((await call(sb, '/api/v2/organization_memberships/destroy_many.json', { method: 'DELETE' })).status, 400);
    assert.equal((await call(sb, '/api/v2/organization_memberships/destroy_many.json?ids=1,x', { method: 'DELETE' })).status, 400);
    assert.equal(sb.jobs.activeCount(), 0);
  });

  it('reads the exploded ids=1&ids=2 form like Rack: only the last id counts', async () => {
    const [u1, u2] = freshUsers(2);
    const m1 = sb.store.createMembership(u1, orgId());
    const m2 = sb.store.createMembership(u2, orgId());
    const r = await call(sb, `/api/v2/organization_memberships/destroy_many.json?ids=${m1.id}&ids=${m2.id}`, { method: 'DELETE' });
    const done = await finished(sb, r.json.job_status.id);
    assert.equal(done.total, 1);
    assert.ok(sb.store.getMembership(m1.id), 'the first id was silently dropped');
    assert.equal(sb.store.getMembership(m2.id), undefined);
  });

  it('answers 429 TooManyJobs, without Retry-After, beyond maxJobs queued+working', async () => {
    // Slow enough that the first job is still running after the next three requests, even on a loaded machine.
    const slow = await startSandbox({ orgs: 3, users: 10, jobWorkers: 1, jobMsPerItem: 500, maxJobs: 3 });
    try {
      const org = slow.store.organizations.idAt(1);
      const users = [2, 3, 4, 5].map((i) => slow.store.users.idAt(i));
      const accepted = [];
      for (const u of users.slice(0, 3)) accepted.push(await createMany(slow, [{ user_id: u, organization_id: org }]));
      assert.deepEqual(accepted.map((a) => a.status), [200, 200, 200]);
      assert.equal(slow.jobs.activeCount(), 3);
      const refused = await createMany(slow, [{ user_id: users[3], organization_id: org }]);
      assert.equal(refused.status, 429);
      assert.equal(refused.json.error, 'TooManyJobs');
      assert.equal(refused.headers.get('retry-after'), null);
      await Promise.all(accepted.map((a) => finished(slow, a.job.id)));
      assert.equal((await createMany(slow, [{ user_id: users[3], organization_id: org }])).status, 200);
      assert.equal(slow.jobs.peakActiveCount(), 3, 'the refused job never counted');
      assert.equal((await call(slow, '/__sandbox/state')).json.peak_active_jobs, 3);
    } finally {
      await slow.close();
    }
  });

  it('changes the pace of jobs over HTTP, from the next item on (POST /__sandbox/jobs/pace)', async () => {
    const paced = await startSandbox({ orgs: 3, users: 10, jobWorkers: 1, jobMsPerItem: 1, maxJobs: 3 });
    try {
      const pace = (body: unknown) => call(paced, '/__sandbox/jobs/pace', { method: 'POST', as: 'none', body });
      assert.equal((await pace({ ms_per_item: -1 })).status, 400);
      assert.equal((await pace({ ms_per_item: 'slow' })).status, 400);
      assert.equal((await pace({ ms_per_item: 600_000 })).status, 204);
      const org = paced.store.organizations.idAt(1);
      const job = (await createMany(paced, [2, 3].map((i) => ({ user_id: paced.store.users.idAt(i), organization_id: org })))).job;
      const shown = await call(paced, `/api/v2/job_statuses/${job.id}.json`);
      assert.notEqual(shown.json.job_status.status, 'completed', 'ten minutes an item: still going');
      assert.equal(shown.json.job_status.progress ?? 0, 0);
    } finally {
      await paced.close();
    }
  });

  it('shows many in id order (unknown ids absent, >100 ids → 400 TooManyValues) and lists newest-finished first, cursor only', async () => {
    const [u1, u2] = freshUsers(2);
    const a = (await createMany(sb, [{ user_id: u1, organization_id: orgId() }])).job;
    const b = (await createMany(sb, [{ user_id: u2, organization_id: orgId() }])).job;
    await finished(sb, a.id);
    await finished(sb, b.id);
    for (const asked of [[a.id, 'nope', b.id], [b.id, a.id]]) {
      const many = await call(sb, `/api/v2/job_statuses/show_many.json?ids=${asked.join(',')}`);
      assert.deepEqual(many.json.job_statuses.map((j: JobStatus) => j.id), [a.id, b.id].sort(), 'by id, whatever the order asked');
    }
    const tooMany = Array.from({ length: 101 }, (_, i) => `id${i}`).join(',');
    assert.equal((await call(sb, `/api/v2/job_statuses/show_many.json?ids=${tooMany}`)).json.error, 'TooManyValues');
    assert.equal((await call(sb, '/api/v2/job_statuses/show_many.json')).status, 400);
    const list = await call(sb, '/api/v2/job_statuses.json?page[size]=2');
    assert.deepEqual(list.json.job_statuses.map((j: JobStatus) => j.id), [b.id, a.id]);
    assert.equal(list.json.meta.has_more, true);
    const rest = await call(sb, list.json.links.next);
    assert.ok(rest.json.job_statuses.every((j: JobStatus) => j.id !== a.id && j.id !== b.id));
  });

  it('answers 404 RecordNotFound for an unknown job id', async () => {
    const r = await call(sb, '/api/v2/job_statuses/8b726e606741012ffc2d782bcb7848fe.json');
    assert.deepEqual([r.status, r.json.error], [404, 'RecordNotFound']);
  });

  it('fails or kills the next jobs on request, keeping results of processed items', async () => {
    sb.jobs.failNext(1, 'failed');
    sb.jobs.failNext(1, 'killed', 0);
    const users = freshUsers(5);
    const failed = (await createMany(sb, users.slice(0, 4).map((u) => ({ user_id: u, organization_id: orgId() })))).job;
    const killed = (await createMany(sb, [{ user_id: users[4], organization_id: orgId() }])).job;
    const f = await finished(sb, failed.id);
    assert.equal(f.status, 'failed');
    assert.equal(f.results?.length, 2, 'half the items were processed before the failure');
    assert.equal(f.total, 4);
    assert.ok(sb.store.findMembership(users[1], orgId()));
    assert.equal(sb.store.findMembership(users[2], orgId()), undefined);
    const k = await finished(sb, killed.id);
    assert.equal(k.status, 'killed');
    assert.deepEqual(k.results, []);
    const normal = (await createMany(sb, [{ user_id: users[2], organization_id: orgId() }])).job;
    assert.equal((await finished(sb, normal.id)).status, 'completed');
  });
});

describe('sandbox: the job worker pool', () => {
  const WORKERS = 2;
  const ITEMS = 8;
  let sb: Sandbox;
  before(async () => {
    // Timing is never asserted: msPerItem only keeps each job busy long enough to be observed.
    sb = await startSandbox({ orgs: 3, users: 60, jobWorkers: WORKERS, jobMsPerItem: 40, maxJobs: 10, rateLimit: 0 });
  });
  after(() => sb.close());

  it('runs at most jobWorkers jobs at once, in submission order, the rest queued until a worker frees; one item per step', async () => {
    const org = sb.store.organizations.idAt(1);
    const batches = [0, 1, 2, 3].map((j) => Array.from({ length: ITEMS }, (_, i) =>
      sb.store.addUser({ name: `Pool User ${j}-${i}`, email: `pool.${j}.${i}@example.org` }).id));
    const ids: string[] = [];
    for (const users of batches) ids.push((await createMany(sb, users.map((u) => ({ user_id: u, organization_id: org })))).job.id);

    let sawPoolFull = false;
    const progressOfFirst: number[] = [];
    const finalStates = await waitFor(async () => {
      const r = await call(sb, `/api/v2/job_statuses/show_many.json?ids=${ids.join(',')}`);
      const byId = new Map((r.json.job_statuses as JobStatus[]).map((j) => [j.id, j]));
      const jobs = ids.map((id) => byId.get(id) as JobStatus);
      const states = jobs.map((j) => j.status);
      const working = states.filter((s) => s === 'working').length;
      const queued = states.filter((s) => s === 'queued').length;
      assert.ok(working <= WORKERS, `more than ${WORKERS} working: ${states}`);
      assert.ok(states.indexOf('queued') === -1 || states.slice(states.indexOf('queued')).every((s) => s === 'queued'), `not started in order: ${states}`);
      if (queued > 0) assert.equal(working, WORKERS, `a job waits while a worker is free: ${states}`);
      if (working === WORKERS && queued === ids.length - WORKERS) sawPoolFull = true;
      progressOfFirst.push(jobs[0].progress ?? 0);
      // In-process, in one tick: a job's progress is exactly the number of its items applied.
      ids.forEach((id, j) => {
        const progress = sb.jobs.get(id)?.progress ?? 0;
        const applied = batches[j].filter((u) => sb.store.findMembership(u, org) !== undefined).length;
        assert.equal(applied, progress, `job ${j}: ${applied} items applied at progress ${progress}`);
      });
      return states.every((s) => TERMINAL.has(s)) ? states : undefined;
    }, 'all pool jobs to finish', 15_000);

    assert.deepEqual(finalStates, ['completed', 'completed', 'completed', 'completed']);
    assert.ok(sawPoolFull, `never saw ${WORKERS} working with the rest queued`);
    assert.deepEqual(progressOfFirst, [...progressOfFirst].sort((a, b) => a - b), 'progress never goes back');
    assert.ok(progressOfFirst.some((p) => p > 0 && p < ITEMS), `progress rose in steps, not at once: ${progressOfFirst}`);
  });
});
