// The bulk commands in the extension host against a sandbox that words its failures differently
// each time, shuffles job results and leaves some out (API-NOTES §13: none of that is promised),
// with memberships changed by someone else between the preview and the jobs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { BulkOperation, countItems } from '../../src/jobs/model';
import type { MembershipNode, OrganizationNode } from '../../src/tree/nodes';
import type { UserRecord } from 'zendesk-sandbox';
import { Fixture, childrenOf, useSignedInSuite } from './fixture';

const IMPORT_FILE = (item: Record<string, unknown>) => String(item.label).includes('Import a CSV or JSON file');

function newest(fixture: Fixture): BulkOperation {
  const [operation] = fixture.api.jobs.engine.operations;
  assert.ok(operation, 'an operation was started');
  return operation;
}

/** Runs `meanwhile` once the user has accepted the preview, before anything is sent. */
function afterConfirming(fixture: Fixture, meanwhile: () => void): () => void {
  const prompter = fixture.prompter;
  const modal = prompter.modal.bind(prompter);
  prompter.modal = async (...args: Parameters<typeof modal>) => {
    const answer = await modal(...args);
    meanwhile();
    return answer;
  };
  return () => {
    prompter.modal = modal;
  };
}

describe('bulk membership changes against unfamiliar answers (varied wording, shuffled and missing results)', () => {
  const fixture = useSignedInSuite({ orgs: 6, users: 300, jobMsPerItem: 1, wording: 'varied', jobResultOrder: 'shuffled', jobResultsDropEvery: 4 }, { tempDirPrefix: 'zendesk-bulk-realism-' });
  let users: UserRecord[];

  before(async () => {
    users = Array.from({ length: 200 }, (_, index) => fixture.sandbox.store.users.at(60 + index)).filter((user) => user.email !== null).slice(0, 150);
  });

  it('adds 150 users from a CSV, 4 of whom someone else adds meanwhile: all 150 end up members, those 4 noted as already members', async () => {
    const org = fixture.sandbox.store.addOrganization({ name: 'Realism Target' });
    const file = path.join(fixture.directory, 'members.csv');
    fs.writeFileSync(file, ['user_email,organization_name', ...users.map((user) => `${user.email},Realism Target`)].join('\n'));
    const raced = [users[3], users[70], users[101], users[149]];
    const restore = afterConfirming(fixture, () => raced.forEach((user) => fixture.sandbox.store.createMembership(user.id, org.id)));
    try {
      fixture.prompter.script({ pick: IMPORT_FILE }, { file }, { modal: 'Add 150 Members' });
      await vscode.commands.executeCommand('zendesk.addMembersBulk');
    } finally {
      restore();
    }
    const done = await fixture.api.jobs.engine.whenFinished(newest(fixture).id);
    assert.deepEqual(countItems(done), { total: 150, pending: 0, submitted: 0, succeeded: 150, failed: 0, cancelled: 0 });
    assert.deepEqual(
      new Set(fixture.sandbox.store.membershipsOfOrg(org.id).map((membership) => membership.user_id)),
      new Set(users.map((user) => user.id)),
    );
    const noted = done.items.filter((item) => item.detail === 'already a member').map((item) => item.userId);
    assert.ok(noted.length >= 1 && noted.every((id) => raced.some((user) => user.id === id)), `only raced users are called already members: ${noted}`);
  });

  it('removes 60 selected rows, 3 of which someone else removes meanwhile: all 60 end up gone, no item failed', async () => {
    const org = fixture.sandbox.store.addOrganization({ name: 'Realism Removal' });
    users.slice(0, 60).forEach((user) => fixture.sandbox.store.createMembership(user.id, org.id));
    const orgNode = fixture.api.commands.organizations.revealTarget(fixture.origin, org as never) as OrganizationNode;
    const rows = (await childrenOf(fixture, orgNode)).filter((row): row is MembershipNode => row.kind === 'membership');
    assert.equal(rows.length, 60);
    const raced = [rows[0], rows[31], rows[59]].map((row) => row.membership.id);
    const restore = afterConfirming(fixture, () => raced.forEach((id) => fixture.sandbox.store.deleteMembership(id)));
    try {
      fixture.prompter.script({ modal: 'Remove 60 Memberships' });
      await vscode.commands.executeCommand('zendesk.removeMembershipsBulk', rows[0], rows);
    } finally {
      restore();
    }
    const done = await fixture.api.jobs.engine.whenFinished(newest(fixture).id);
    assert.deepEqual(countItems(done), { total: 60, pending: 0, submitted: 0, succeeded: 60, failed: 0, cancelled: 0 });
    assert.equal(fixture.sandbox.store.membershipsOfOrg(org.id).length, 0);
  });
});
