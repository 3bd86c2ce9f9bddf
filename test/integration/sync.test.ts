import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BulkOperation } from '../../src/jobs/model';
import { countItems, succeededByChange } from '../../src/jobs/model';
import type { OrganizationNode } from '../../src/tree/nodes';
import type { OrganizationRecord } from 'zendesk-sandbox';
import { useSignedInSuite } from './fixture';

/** The newest sync plan document the command opened. */
function planDocument(): string {
  const documents = vscode.workspace.textDocuments.filter((document) => document.uri.scheme === 'zendesk' && document.uri.path.startsWith('/sync/plan-'));
  const newest = documents.sort((a, b) => a.uri.path.localeCompare(b.uri.path)).at(-1);
  assert.ok(newest, 'the plan was shown');
  return newest.getText();
}

describe('Sync Members from File', () => {
  const fixture = useSignedInSuite({ orgs: 4, users: 120, jobMsPerItem: 1 }, { tempDirPrefix: 'zendesk-sync-' });

  /** An organization with users[from..to) as members, and its row in the tree. */
  function organizationWith(name: string, from: number, to: number): { organization: OrganizationRecord; row: OrganizationNode } {
    const { store } = fixture.sandbox;
    const organization = store.addOrganization({ name });
    for (let index = from; index < to; index++) store.createMembership(store.users.at(index).id, organization.id);
    return { organization, row: fixture.api.commands.organizations.revealTarget(fixture.origin, organization as never) as OrganizationNode };
  }
  const userIds = (from: number, to: number) => Array.from({ length: to - from }, (_, offset) => fixture.sandbox.store.users.at(from + offset).id);
  const members = (organizationId: number) => fixture.sandbox.store.membershipsOfOrg(organizationId).map((membership) => membership.user_id).sort((a, b) => a - b);
  function writeFile(name: string, lines: string[]): string {
    const file = path.join(fixture.directory, name);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  it('syncs one organization from its row: the plan shown, then one operation adds, removes and makes the default; the sandbox holds the file', async () => {
    const { organization, row } = organizationWith('Sync Row Co', 0, 10);
    const other = fixture.sandbox.store.addOrganization({ name: 'Sync Elsewhere' });
    fixture.sandbox.store.createMembership(fixture.sandbox.store.users.at(20).id, other.id, { default: true });
    // Keep users 2..9, add 20 (as the default) and 21; users 0 and 1 go (not over a quarter: no name to type).
    const file = writeFile('row.csv', ['user_id,default', ...userIds(2, 10).map((id) => `${id},`), `${userIds(20, 21)[0]},true`, `${userIds(21, 22)[0]},`]);
    fixture.prompter.script({ file }, { modal: 'Apply' });
    const operation = await vscode.commands.executeCommand<BulkOperation>('zendesk.syncMembers', row);
    assert.ok(operation, 'an operation was started');
    const [confirmation] = fixture.prompter.confirmations;
    assert.equal(confirmation.message, 'Sync Sync Row Co from row.csv');
    assert.match(confirmation.detail, /Additions: 2, removals: 2, default changes: 0, unchanged: 8/);
    assert.equal(confirmation.action, 'Apply | Save Plan…');
    const shown = planDocument();
    assert.match(shown, /\| Sync Row Co \| 10 \| 2 \| 2 \| 0 \| 10 \|/);
    assert.match(shown, /^− /m);
    assert.match(shown, /^\+ /m);

    assert.equal(operation.kind, 'sync');
    const done = await fixture.api.jobs.engine.whenFinished(operation.id);
    assert.deepEqual(countItems(done).failed, 0);
    assert.deepEqual(succeededByChange(done), { add: 2, remove: 2, makeDefault: 0 });
    assert.deepEqual(members(organization.id), [...userIds(2, 10), ...userIds(20, 22)].sort((a, b) => a - b));
    assert.equal(fixture.sandbox.store.defaultOrganizationOf(userIds(20, 21)[0]), organization.id, 'added as the default');
  });

  it('refuses a file with rows for another organization, naming the line, and sends nothing', async () => {
    const { row } = organizationWith('Sync Scoped Co', 30, 33);
    const other = fixture.sandbox.store.addOrganization({ name: 'Sync Not This One' });
    const file = writeFile('scoped.csv', ['user_id,organization_id', `${userIds(30, 31)[0]},`, `${userIds(31, 32)[0]},${other.id}`]);
    const writes = () => fixture.sandbox.requests.filter((request) => request.method !== 'GET').length;
    const before = writes();
    fixture.prompter.script({ file });
    await vscode.commands.executeCommand('zendesk.syncMembers', row);
    const failure = fixture.prompter.messages.find((message) => message.level === 'error');
    assert.ok(failure);
    assert.match(failure.text, /scoped\.csv was not synced, nothing was sent: line 3: Sync Not This One is not Sync Scoped Co/);
    assert.equal(writes(), before, 'nothing sent');
  });

  it('asks for the name before removing many members: a wrong name sends nothing, the right one applies', async () => {
    const { organization, row } = organizationWith('Sync Big Removal', 40, 55);
    const file = writeFile('few.csv', ['user_id', ...userIds(40, 43).map(String)]);
    const writes = () => fixture.sandbox.requests.filter((request) => request.method !== 'GET').length;
    const before = writes();
    fixture.prompter.script({ file }, { modal: 'Apply' }, { input: 'Sync Big Remova' });
    assert.equal(await vscode.commands.executeCommand('zendesk.syncMembers', row), undefined);
    assert.deepEqual(fixture.prompter.validationErrors, ['Type the name exactly as shown: Sync Big Removal']);
    assert.match(String(fixture.prompter.inputs[0].prompt), /removes 12 of the 15 members of Sync Big Removal/);
    assert.equal(writes(), before, 'a wrong name sends nothing');
    assert.equal(members(organization.id).length, 15);
    fixture.prompter.reset();

    fixture.prompter.script({ file }, { modal: 'Apply' }, { input: 'Sync Big Removal' });
    const operation = await vscode.commands.executeCommand<BulkOperation>('zendesk.syncMembers', row);
    await fixture.api.jobs.engine.whenFinished(operation.id);
    assert.deepEqual(members(organization.id), userIds(40, 43).sort((a, b) => a - b));
  });

  it('saves the plan; after the organization changes, applying it plans again from the file, shows what changed, and applies that', async () => {
    const { organization } = organizationWith('Sync Saved Co', 60, 66);
    const file = writeFile('saved.csv', ['user_id,organization_id', ...userIds(62, 68).map((id) => `${id},${organization.id}`)]);
    const planFile = path.join(fixture.directory, 'plan.json');
    fixture.prompter.script({ file }, { modal: 'Save Plan…' }, { saveAs: planFile });
    await vscode.commands.executeCommand('zendesk.syncMembers');
    assert.match(fixture.prompter.offeredNames[0], /^sync-plan-127\.0\.0\.1-.*\.json$/);
    const saved = JSON.parse(fs.readFileSync(planFile, 'utf8')) as { origin: string; changes: unknown[] };
    assert.equal(saved.origin, fixture.origin);
    assert.equal(saved.changes.length, 4, '2 additions, 2 removals');
    assert.equal(members(organization.id).length, 6, 'saving sends nothing');
    fixture.prompter.reset();

    // Meanwhile: user 66 joins (the plan adds them), user 70 joins (not in the file).
    fixture.sandbox.store.createMembership(userIds(66, 67)[0], organization.id);
    fixture.sandbox.store.createMembership(userIds(70, 71)[0], organization.id);
    fixture.prompter.script({ file: planFile }, { modal: 'Apply' }, { input: 'Sync Saved Co' }); // 3 of 8 removed: over a quarter
    const operation = await vscode.commands.executeCommand<BulkOperation>('zendesk.applySyncPlan');
    const [confirmation] = fixture.prompter.confirmations;
    assert.match(confirmation.detail, /Changed since the plan was saved, so planned again: Sync Saved Co/);
    assert.match(confirmation.detail, /Additions: 1, removals: 3/);
    assert.match(planDocument(), /Sync Saved Co\\: members then 6\\, now 8/, 'the names escaped as Markdown text');
    const done = await fixture.api.jobs.engine.whenFinished(operation.id);
    assert.equal(done.kind, 'sync');
    assert.deepEqual(members(organization.id), userIds(62, 68).sort((a, b) => a - b));
  });

  it('refuses a plan made for another account, naming it', async () => {
    const planFile = path.join(fixture.directory, 'elsewhere.json');
    fs.writeFileSync(planFile, JSON.stringify({ format: 'zendesk-sync-plan', version: 1, origin: 'https://elsewhere.zendesk.com', createdAt: 'x', organizations: [], desired: [], changes: [] }));
    fixture.prompter.script({ file: planFile });
    assert.equal(await vscode.commands.executeCommand('zendesk.applySyncPlan'), undefined);
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /elsewhere\.json was made for the Zendesk account https:\/\/elsewhere\.zendesk\.com, which is not signed in here; nothing was sent/);
  });
});
