import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { countItems } from '../../src/jobs/model';
import type { BulkOperation } from '../../src/jobs/model';
import type { MembershipNode, OrganizationNode } from '../../src/tree/nodes';
import { Fixture, childrenOf, signedIn, tearDown } from './fixture';

describe('Move Members', () => {
  let fixture: Fixture;

  before(async () => {
    fixture = await signedIn({ orgs: 4, users: 80, jobMsPerItem: 1 });
  });
  afterEach(() => {
    assert.equal(fixture.prompter.unused, 0, 'every scripted answer was used');
    fixture.prompter.reset();
  });
  after(() => tearDown(fixture));

  it('moves the selected membership rows to the organization picked: added there (their default where it was), removed from the source, one operation', async () => {
    const { store } = fixture.sandbox;
    const [source, target] = [store.addOrganization({ name: 'Moving Out' }), store.addOrganization({ name: 'Moving In' })];
    const users = Array.from({ length: 6 }, (_, i) => store.users.at(60 + i));
    users.forEach((user, i) => store.createMembership(user.id, source.id, { default: i < 2 }));
    const sourceRow = fixture.api.commands.organizations.revealTarget(fixture.origin, source as never) as OrganizationNode;
    const rows = (await childrenOf(fixture, sourceRow)).filter((row): row is MembershipNode => row.kind === 'membership');
    assert.equal(rows.length, 6);
    const selected = rows.slice(0, 5);

    fixture.prompter.script({ search: 'Moving In', choose: (item) => String(item.label) === 'Moving In' }, { modal: 'Move 5 Members' });
    const operation = await vscode.commands.executeCommand<BulkOperation>('zendesk.moveMembers', selected[0], selected);
    const [confirmation] = fixture.prompter.confirmations;
    assert.equal(confirmation.message, 'Move 5 members to Moving In (selected in the tree)');
    assert.match(confirmation.detail, /5 members will be added to Moving In, each removed from their organization once their addition succeeded/);
    assert.match(confirmation.detail, /2 of them keep their default organization/);
    const done = await fixture.api.jobs.engine.whenFinished(operation.id);
    assert.equal(countItems(done).succeeded, 10, '5 additions and 5 removals');
    const moved = selected.map((row) => row.membership.user_id);
    assert.deepEqual(store.membershipsOfOrg(target.id).map((m) => m.user_id).sort(), [...moved].sort());
    assert.deepEqual(store.membershipsOfOrg(source.id).map((m) => m.user_id), [rows[5].membership.user_id], 'the row not selected stays');
    for (const row of selected.filter((candidate) => candidate.isDefault)) {
      assert.equal(store.defaultOrganizationOf(row.membership.user_id), target.id, `${row.userLabel}'s default moved`);
    }
    const rowsAfter = (await childrenOf(fixture, sourceRow)).filter((row) => row.kind === 'membership');
    assert.equal(rowsAfter.length, 1, 'the tree shows the source without them');
  });
});
