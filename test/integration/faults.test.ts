import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OrganizationRecord, UserRecord } from 'zendesk-sandbox';
import { countItems } from '../../src/jobs/model';
import type { MembershipNode, OrganizationNode } from '../../src/tree/nodes';
import { Fixture, childrenOf, optionalItemOf, signedIn, tearDown } from './fixture';

const byUser = (id: number) => (item: Record<string, unknown>) => (item.user as { id?: number } | undefined)?.id === id;
const PICK_USERS = (item: Record<string, unknown>) => String(item.label).includes('Pick users');

/**
 * A subset of the fault matrix (test/client/matrix) through the real extension host: the commands
 * as a user runs them, Zendesk answering badly after doing the work. What the user is told, the
 * tree and Zendesk's data agree.
 */
describe('faults, as the user meets them', () => {
  let fixture: Fixture;
  let org: OrganizationRecord;
  let orgNode: OrganizationNode;
  let people: UserRecord[];

  const rowOf = async (user: UserRecord) => (await childrenOf(fixture, orgNode)).find((row): row is MembershipNode => row.kind === 'membership' && row.membership.user_id === user.id);

  before(async () => {
    fixture = await signedIn({ orgs: 10, users: 40, jobMsPerItem: 2 });
    org = fixture.sandbox.store.addOrganization({ name: 'Faulty Answers Ltd' });
    people = ['Una Broken', 'Vic Reset', 'Wes Default', 'Xena Persist'].map((name) => fixture.sandbox.store.addUser({ name, role: 'end-user' }));
    orgNode = fixture.api.commands.organizations.revealTarget(fixture.origin, org as never) as OrganizationNode;
    await childrenOf(fixture, orgNode);
  });
  afterEach(() => {
    assert.equal(fixture.prompter.unused, 0, 'every scripted answer was used');
    fixture.prompter.reset();
    fixture.sandbox.faults.clear();
  });
  after(() => tearDown(fixture));

  it('Add Member: a 201 whose body broke after the membership was made says "Added", and the row appears', async () => {
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/organization_memberships$/, method: 'POST', kind: 'malformed-json', afterHandler: true });
    fixture.prompter.script({ search: 'Una', choose: byUser(people[0].id) });
    await vscode.commands.executeCommand('zendesk.addMember', orgNode);
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /^Added Una Broken to Faulty Answers Ltd/);
    assert.equal(fixture.prompter.lastMessage()?.level, 'info');
    assert.equal(fixture.sandbox.store.membershipsOfUser(people[0].id).length, 1, 'made once');
    assert.ok(await rowOf(people[0]), 'and shown');
  });

  it('Remove Membership: a connection reset after the delete says "Removed", and the row goes', async () => {
    const membership = fixture.sandbox.store.createMembership(people[1].id, org.id);
    fixture.api.commands.organizations.refresh(orgNode);
    const row = await rowOf(people[1]);
    assert.ok(row);
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/organization_memberships\/\d+$/, method: 'DELETE', kind: 'reset', afterHandler: true });
    fixture.prompter.script({ confirm: true });
    await vscode.commands.executeCommand('zendesk.removeMembership', row);
    assert.equal(fixture.prompter.lastMessage()?.text, 'Removed Vic Reset from Faulty Answers Ltd.');
    assert.equal(fixture.sandbox.store.getMembership(membership.id), undefined);
    assert.equal(await rowOf(people[1]), undefined);
  });

  it('Set as Default Organization: a 500 after the change (and on the retry) still says it is the default, as Zendesk holds', async () => {
    const other = fixture.sandbox.store.addOrganization({ name: 'First Default Co' });
    fixture.sandbox.store.createMembership(people[2].id, other.id);
    fixture.sandbox.store.createMembership(people[2].id, org.id);
    fixture.api.commands.organizations.refresh(orgNode);
    fixture.sandbox.faults.inject({ path: /\/organization_memberships\/\d+\/make_default$/, method: 'PUT', kind: '500', afterHandler: true, times: 0 });
    await vscode.commands.executeCommand('zendesk.setDefaultMembership', await rowOf(people[2]));
    assert.equal(fixture.sandbox.store.defaultOrganizationOf(people[2].id), org.id);
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /Faulty Answers Ltd is now Wes Default's default organization/);
    assert.equal(optionalItemOf(await rowOf(people[2])).contextValue, 'zendesk.membership.default');
  });

  it('Add Member under a persistent 429 says Zendesk is rate limiting and how long it asked to wait; nothing is made', async () => {
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/organization_memberships$/, method: 'POST', kind: 'status', status: 429, retryAfter: 1, times: 0 });
    fixture.prompter.script({ search: 'Xena', choose: byUser(people[3].id) });
    await vscode.commands.executeCommand('zendesk.addMember', orgNode);
    assert.equal(fixture.prompter.lastMessage()?.level, 'warn');
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /rate limiting requests; it asked to wait 1 s/);
    assert.equal(fixture.sandbox.store.membershipsOfUser(people[3].id).length, 0);
    assert.equal(fixture.sandbox.requests.filter((request) => request.method === 'POST' && request.path === '/api/v2/organization_memberships').length <= 6, true, 'bounded');
  });

  it('Add Members in Bulk: a create_many answered 500 after Zendesk queued the job ends with every member added, one job per chunk', async () => {
    const bulkOrg = fixture.sandbox.store.addOrganization({ name: 'Bulk Fault Org' });
    const bulkNode = fixture.api.commands.organizations.revealTarget(fixture.origin, bulkOrg as never) as OrganizationNode;
    await childrenOf(fixture, bulkNode);
    const quentins = Array.from({ length: 3 }, (_, index) => fixture.sandbox.store.addUser({ name: `Quilla Fault ${index}`, role: 'end-user' }));
    const jobsBefore = fixture.sandbox.jobs.all().length;
    fixture.sandbox.faults.inject({ path: /\/create_many$/, kind: '500', afterHandler: true });
    fixture.prompter.script({ pick: PICK_USERS }, { searchMany: ['Quilla'], choose: (item) => String(item.label).startsWith('Quilla') }, { modal: 'Add 3 Members' });
    await vscode.commands.executeCommand('zendesk.addMembersBulk', bulkNode);
    const [operation] = fixture.api.jobs.engine.operations;
    const done = await fixture.api.jobs.engine.whenFinished(operation.id);
    assert.deepEqual(countItems(done), { total: 3, pending: 0, submitted: 0, succeeded: 3, failed: 0, cancelled: 0 });
    assert.deepEqual(fixture.sandbox.store.membershipsOfOrg(bulkOrg.id).map((membership) => membership.user_id).sort(), quentins.map((user) => user.id).sort());
    assert.equal(fixture.sandbox.jobs.all().length - jobsBefore, 1, 'the job Zendesk had queued was found, not sent again');
    assert.ok(fixture.api.logLines.some((line) => /looking for its job/.test(line)), 'the log says the answer was lost');
  });
});
