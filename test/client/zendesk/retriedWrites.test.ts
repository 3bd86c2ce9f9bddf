import assert from 'node:assert/strict';
import { ZendeskError } from '../../../src/zendesk';
import { Harness, startHarness } from '../harness';

const ONE_MEMBERSHIP = /^\/api\/v2\/organization_memberships\/\d+$/;
const UNASSIGN = /^\/api\/v2\/users\/\d+\/organizations\/\d+$/;
const DESTROY_MANY = /\/destroy_many$/;
const CREATE_MANY = /\/create_many$/;

/** Writes whose first attempt may have reached Zendesk: counted once, never reported wrongly. */
describe('writes after an attempt that may have reached Zendesk', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({ orgs: 4, users: 10, jobMsPerItem: 2 });
  });
  afterEach(() => harness.close());

  /** A fresh end user in a fresh organization, so each case owns its membership. */
  function freshMembership(name: string) {
    const user = harness.sandbox.store.addUser({ name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.org` });
    const org = harness.sandbox.store.addOrganization({ name: `${name} Org` });
    return harness.sandbox.store.createMembership(user.id, org.id);
  }

  function attemptsTo(pattern: RegExp, method: string) {
    return harness.requestsTo(pattern).filter((request) => request.method === method);
  }

  it('counts a delete whose retry met 404 as done: the lost first attempt had deleted', async () => {
    const membership = freshMembership('Reset Delete');
    harness.sandbox.faults.inject({ path: ONE_MEMBERSHIP, method: 'DELETE', kind: 'reset', afterHandler: true });
    await harness.client.deleteOrganizationMembership(membership.id);
    assert.deepEqual(attemptsTo(ONE_MEMBERSHIP, 'DELETE').map((r) => r.status), [0, 404], 'reset after deleting, then 404');
    assert.equal(harness.sandbox.store.membershipsOfUser(membership.user_id).length, 0);
  });

  it('counts an unassign whose retry met 404 as done', async () => {
    const membership = freshMembership('Reset Unassign');
    harness.sandbox.faults.inject({ path: UNASSIGN, method: 'DELETE', kind: 'reset', afterHandler: true });
    await harness.client.unassignOrganization({ userId: membership.user_id, organizationId: membership.organization_id });
    assert.deepEqual(attemptsTo(UNASSIGN, 'DELETE').map((r) => r.status), [0, 404]);
    assert.equal(harness.sandbox.store.membershipsOfUser(membership.user_id).length, 0);
  });

  it('still reports 404 for a delete of something that was never there', async () => {
    const membership = freshMembership('Plain Missing');
    await harness.client.deleteOrganizationMembership(membership.id);
    for (const call of [
      () => harness.client.deleteOrganizationMembership(membership.id),
      () => harness.client.unassignOrganization({ userId: membership.user_id, organizationId: membership.organization_id }),
    ]) {
      await assert.rejects(call(), (error: unknown) => error instanceof ZendeskError && error.code === 'RecordNotFound' && !error.afterUncertainAttempt);
    }
  });

  it('never repeats a destroy_many that may have reached Zendesk (a repeat queues a second job)', async () => {
    const membership = freshMembership('Destroy Many');
    for (const kind of ['reset', '500'] as const) {
      harness.sandbox.faults.inject({ path: DESTROY_MANY, kind });
      const before = harness.requestsTo(DESTROY_MANY).length;
      await assert.rejects(harness.client.deleteManyOrganizationMemberships([membership.id]),
        (error: unknown) => error instanceof ZendeskError && error.afterUncertainAttempt);
      assert.equal(harness.requestsTo(DESTROY_MANY).length - before, 1, `${kind}: sent once`);
    }
    harness.sandbox.faults.inject({ path: DESTROY_MANY, kind: '503', retryAfter: 0 });
    const job = await harness.client.deleteManyOrganizationMemberships([membership.id]);
    assert.equal(typeof job.id, 'string', 'a 503 with Retry-After did nothing, so it is repeated');
  });

  it('gives TooManyJobs its code whatever body carries it, and does not retry', async () => {
    const membership = freshMembership('Too Many Jobs');
    const bodies: Array<[number, string]> = [
      [429, '{"errors":[{"code":"TooManyRequests","title":"TooManyJobs","detail":"Too many background jobs"}]}'],
      [429, 'TooManyJobs: wait for some jobs to complete'],
      [400, '{"error":{"title":"Bad request","message":"TooManyJobs - 30 jobs are queued or running"}}'],
    ];
    for (const [status, body] of bodies) {
      harness.sandbox.faults.inject({ path: CREATE_MANY, kind: 'status', status, body });
      const before = harness.requestsTo(CREATE_MANY).length;
      await assert.rejects(harness.client.createManyOrganizationMemberships([{ userId: membership.user_id, organizationId: membership.organization_id }]),
        (error: unknown) => error instanceof ZendeskError && error.code === 'TooManyJobs' && error.status === status, body);
      assert.equal(harness.requestsTo(CREATE_MANY).length - before, 1, `${body}: not retried`);
    }
  });
});
