import assert from 'node:assert/strict';
import { ZendeskError, ZendeskInputError, interpretJobResult, isAlreadyMemberError } from '../../../src/zendesk';
import type { JobResult, JobStatus, Organization, OrganizationMembership, User } from '../../../src/zendesk';
import { call } from 'zendesk-sandbox';
import { Harness, collect, startHarness } from '../harness';

/** Polls until the job is terminal; the sandbox runs jobs at a few ms per item. */
async function waitForJob(harness: Harness, id: string): Promise<JobStatus> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const status = await harness.client.showJobStatus(id);
    if (['completed', 'failed', 'killed'].includes(status.status)) {
      return status;
    }
    assert.ok(Date.now() < deadline, `job ${id} still ${status.status}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('client operations against the sandbox', () => {
  let harness: Harness;
  let orgs: Organization[];
  let endUsers: User[];

  before(async () => {
    harness = await startHarness({ orgs: 12, users: 60, jobMsPerItem: 2 });
    orgs = await collect(harness.client.listOrganizations());
    endUsers = (await collect(harness.client.listUsers())).filter((user) => user.role === 'end-user');
  });
  after(() => harness.close());

  /** An end user and an organization they do not belong to yet. */
  async function freshPair(skip = 0): Promise<{ user: User; org: Organization }> {
    let found = 0;
    for (const user of endUsers) {
      const memberships = await collect(harness.client.listOrganizationMemberships({ userId: user.id }));
      const org = orgs.find((candidate) => !memberships.some((m) => m.organization_id === candidate.id));
      if (org && found++ === skip) {
        return { user, org };
      }
    }
    throw new Error('no free user/organization pair in the seed');
  }

  it('showCurrentUser returns the signed-in admin', async () => {
    const me = await harness.client.showCurrentUser();
    assert.equal(me.email, harness.sandbox.credentials.admin.email);
    assert.equal(me.role, 'admin');
  });

  it('lists, shows and autocompletes organizations', async () => {
    assert.equal(orgs.length, 12);
    assert.equal(new Set(orgs.map((org) => org.id)).size, 12);
    const shown = await harness.client.showOrganization(orgs[3].id);
    assert.equal(shown.name, orgs[3].name);
    const prefix = orgs[3].name.slice(0, 4);
    const matches = await collect(harness.client.autocompleteOrganizations(prefix.toLowerCase()));
    assert.ok(matches.some((org) => org.id === orgs[3].id));
    assert.ok(matches.every((org) => org.name.toLowerCase().startsWith(prefix.toLowerCase())));
  });

  it('lists, shows, show_manys and autocompletes users', async () => {
    const users = await collect(harness.client.listUsers());
    assert.equal(users.length, 60);
    const [a, b] = endUsers;
    assert.equal((await harness.client.showUser(a.id)).email, a.email);
    const many = await harness.client.showManyUsers([a.id, b.id]);
    assert.deepEqual(many.map((user) => user.id).sort(), [a.id, b.id].sort());
    const found = await collect(harness.client.autocompleteUsers(a.name.slice(0, 3)));
    assert.ok(found.some((user) => user.id === a.id));
  });

  it('creates, shows, lists and deletes a membership', async () => {
    const { user, org } = await freshPair();
    const created = await harness.client.createOrganizationMembership({ userId: user.id, organizationId: org.id });
    assert.equal(created.user_id, user.id);
    assert.equal(created.organization_id, org.id);
    const created201 = harness.requestsTo(/^\/api\/v2\/organization_memberships$/).at(-1);
    assert.equal(created201?.status, 201);

    assert.deepEqual((await harness.client.showOrganizationMembershipById(created.id)).id, created.id);
    const orgMembers = await collect(harness.client.listOrganizationMemberships({ organizationId: org.id }));
    assert.ok(orgMembers.some((m) => m.id === created.id));

    await harness.client.deleteOrganizationMembership(created.id);
    await assert.rejects(harness.client.showOrganizationMembershipById(created.id),
      (error: unknown) => error instanceof ZendeskError && error.status === 404 && error.code === 'RecordNotFound');
  });

  it('explains a duplicate membership in words', async () => {
    const { user, org } = await freshPair(1);
    await harness.client.createOrganizationMembership({ userId: user.id, organizationId: org.id });
    await assert.rejects(harness.client.createOrganizationMembership({ userId: user.id, organizationId: org.id }), (error: unknown) => {
      assert.ok(isAlreadyMemberError(error));
      assert.equal(error.message, `User ${user.id} is already a member of organization ${org.id}.`);
      assert.equal(error.status, 422);
      return true;
    });
  });

  it('moves the default with both make-default endpoints and keeps the user list ordered', async () => {
    const { user, org } = await freshPair(2);
    const added = await harness.client.createOrganizationMembership({ userId: user.id, organizationId: org.id });
    assert.equal(added.default, null, 'a second membership is not the default');

    const afterMembershipDefault = await harness.client.setOrganizationMembershipAsDefault({ userId: user.id, membershipId: added.id });
    assert.equal(afterMembershipDefault[0].id, added.id, 'the default comes first');
    assert.equal(afterMembershipDefault.filter((m) => m.default === true).length, 1);
    assert.ok(afterMembershipDefault.slice(1).every((m) => m.default === null));

    const other = afterMembershipDefault.find((m) => m.id !== added.id) as OrganizationMembership;
    const moved = await harness.client.setOrganizationAsDefault({ userId: user.id, organizationId: other.organization_id });
    assert.equal(moved.organization_id, other.organization_id);
    assert.equal(moved.default, true);
    const listed = await collect(harness.client.listOrganizationMemberships({ userId: user.id }));
    assert.equal(listed[0].organization_id, other.organization_id);
    const rest = listed.slice(1).map((m) => m.organization_name ?? '');
    assert.deepEqual(rest, [...rest].sort((x, y) => x.localeCompare(y)));
    assert.equal((await harness.client.showUser(user.id)).organization_id, other.organization_id);
  });

  it('unassigns a user from an organization', async () => {
    const { user, org } = await freshPair(3);
    await harness.client.createOrganizationMembership({ userId: user.id, organizationId: org.id });
    await harness.client.unassignOrganization({ organizationId: org.id, userId: user.id });
    const listed = await collect(harness.client.listOrganizationMemberships({ userId: user.id }));
    assert.ok(!listed.some((m) => m.organization_id === org.id));
    await assert.rejects(harness.client.unassignOrganization({ organizationId: org.id, userId: user.id }), (error: unknown) => error instanceof ZendeskError && error.status === 404);
  });

  it('creates many as a job with per-item results, and deletes many', async () => {
    const pairs = await Promise.all([4, 5, 6].map((skip) => freshPair(skip)));
    const items = pairs.map(({ user, org }) => ({ userId: user.id, organizationId: org.id }));
    const queued = await harness.client.createManyOrganizationMemberships([...items, items[0]]);
    assert.equal(queued.status, 'queued');
    const done = await waitForJob(harness, queued.id);
    assert.equal(done.status, 'completed');
    // Read as the extension reads them: recorded creates are {id, status: "Created"}, failures {index, error, id?, details}.
    const results = (done.results as JobResult[]).map((result) => interpretJobResult(result));
    assert.equal(results.length, 4);
    assert.equal(results.filter((result) => result.success).length, 3);
    assert.equal(results.find((result) => !result.success)?.index, 3, 'the repeated pair fails on its own');

    const [many] = await harness.client.showManyJobStatuses([queued.id]);
    assert.equal(many.id, queued.id);
    const recent = await harness.client.listJobStatuses().page();
    assert.ok(recent.items.some((job) => job.id === queued.id));

    const createdIds = results.filter((result) => result.success).map((result) => result.id as number);
    const deletion = await harness.client.deleteManyOrganizationMemberships(createdIds);
    const destroyed = await waitForJob(harness, deletion.id);
    assert.equal(destroyed.status, 'completed');
    const destroyRequest = harness.requestsTo(/destroy_many$/).at(-1);
    assert.equal(new URLSearchParams(destroyRequest?.query).get('ids'), createdIds.join(','), 'ids are sent comma-joined');
    for (const id of createdIds) {
      await assert.rejects(harness.client.showOrganizationMembershipById(id), (error: unknown) => error instanceof ZendeskError && error.status === 404);
    }
  });

  it('sideloads users on the account-wide list', async () => {
    const page = await harness.client.listOrganizationMemberships({ include: ['users'] }).page(undefined, { pageSize: 5 });
    assert.equal(page.items.length, 5);
    const userIds = new Set(page.included.users?.map((user) => user.id));
    assert.ok(page.items.every((m) => userIds.has(m.user_id)));
  });

  it('refuses bad input with the field named, and sends nothing', async () => {
    const before = harness.sandbox.requests.length;
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ userId: i + 1, organizationId: 1 }));
    await assert.rejects(harness.client.createManyOrganizationMemberships(tooMany), (error: unknown) => error instanceof ZendeskInputError && error.field === 'items');
    await assert.rejects(harness.client.deleteManyOrganizationMemberships([]), (error: unknown) => error instanceof ZendeskInputError && error.field === 'ids');
    await assert.rejects(harness.client.createOrganizationMembership({ userId: -4, organizationId: 1 }), (error: unknown) => error instanceof ZendeskInputError && error.field === 'userId');
    await assert.rejects(harness.client.showJobStatus('../users/me'), (error: unknown) => error instanceof ZendeskInputError && error.field === 'jobId');
    await assert.rejects(harness.client.showJobStatus('8b726e60_6741'), (error: unknown) => error instanceof ZendeskInputError && error.field === 'jobId');
    await assert.rejects(harness.client.showManyJobStatuses(['V3-25da', 'a_b']), (error: unknown) => error instanceof ZendeskInputError && error.field === 'ids[1]');
    assert.throws(() => harness.client.listOrganizationMemberships({ userId: 1, organizationId: 2 }), ZendeskInputError);
    assert.equal(harness.sandbox.requests.length, before);
  });

  it('answers RecordNotFound for an unknown job id of any shape, prefixed ones included', async () => {
    for (const id of ['8b726e606741012ffc2d782bcb7848fe', 'V3-25da0000']) {
      await assert.rejects(harness.client.showJobStatus(id), (error: unknown) => error instanceof ZendeskError && error.code === 'RecordNotFound', id);
    }
    const raw = await call(harness.sandbox, '/api/v2/job_statuses/8b726e60_6741.json');
    assert.deepEqual([raw.status, (raw.json as { error?: string }).error], [404, 'RecordNotFound'], 'the sandbox routes an id the client would refuse');
  });

  it('sends Zendesk\'s headers and a user agent naming the extension', async () => {
    await harness.client.showCurrentUser();
    const request = harness.requestsTo(/\/users\/me$/).at(-1);
    assert.equal(request?.headers.accept, 'application/json');
    assert.match(String(request?.headers['user-agent']), /^zendesk-memberships-vscode\/\d+\.\d+\.\d+/);
    assert.equal(request?.headers.authorization, undefined, 'the sandbox record keeps no credentials');
  });
});
