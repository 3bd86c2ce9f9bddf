import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'csv-parse/sync';
import type { BulkOperation } from '../../src/jobs/model';
import { countItems } from '../../src/jobs/model';
import type { MembershipNode, OrganizationNode } from '../../src/tree/nodes';
import type { OrganizationRecord, UserRecord } from 'zendesk-sandbox';
import { Fixture, childrenOf, useSignedInSuite } from './fixture';

const IMPORT_FILE = (item: Record<string, unknown>) => String(item.label).includes('Import a CSV or JSON file');

/** Every membership of these users, as "user:organization:default" with its id: what "the exact data" means here. */
function membershipsOf(fixture: Fixture, users: readonly UserRecord[]): string[] {
  return users.flatMap((user) => fixture.sandbox.store.membershipsOfUser(user.id).map((m) => `${m.id}:${m.user_id}:${m.organization_id}:${m.default}`)).sort();
}

describe('History and Undo', () => {
  const fixture = useSignedInSuite({ orgs: 4, users: 120, jobMsPerItem: 1 }, { tempDirPrefix: 'zendesk-history-' });

  /** Add Members in Bulk from a CSV; resolves with the finished operation. */
  async function bulkAdd(name: string, target: OrganizationRecord, users: readonly UserRecord[], defaults: ReadonlySet<number>, button: string): Promise<BulkOperation> {
    const file = path.join(fixture.directory, `${name}.csv`);
    fs.writeFileSync(file, ['user_id,organization_id,default', ...users.map((user) => `${user.id},${target.id},${defaults.has(user.id) ? 'true' : ''}`)].join('\n'));
    fixture.prompter.script({ pick: IMPORT_FILE }, { file }, { modal: button });
    const started = await vscode.commands.executeCommand<BulkOperation>('zendesk.addMembersBulk');
    return fixture.api.jobs.engine.whenFinished(started.id);
  }

  async function undo(operationId: string | undefined, button: string | undefined): Promise<BulkOperation | undefined> {
    fixture.prompter.script({ modal: button });
    const started = await vscode.commands.executeCommand<BulkOperation | undefined>('zendesk.undoOperation', operationId);
    return started ? fixture.api.jobs.engine.whenFinished(started.id) : undefined;
  }

  it('a bulk add, then Undo: the sandbox has exactly its starting memberships again (defaults too), and both are in the history', async () => {
    const { store } = fixture.sandbox;
    const [home, target] = [store.addOrganization({ name: 'Undo Home' }), store.addOrganization({ name: 'Undo Target' })];
    const users = Array.from({ length: 12 }, (_, i) => store.users.at(10 + i));
    users.slice(0, 6).forEach((user) => store.createMembership(user.id, home.id, { default: true }));
    users.slice(10).forEach((user) => store.createMembership(user.id, target.id)); // already members: not undone
    const before = membershipsOf(fixture, users);

    const defaults = new Set(users.slice(0, 3).map((user) => user.id)); // their default moves from Undo Home
    const added = await bulkAdd('undo-add', target, users, defaults, 'Add 10 Members');
    assert.equal(countItems(added).succeeded, 10);
    users.slice(0, 3).forEach((user) => assert.equal(store.defaultOrganizationOf(user.id), target.id));
    assert.notDeepEqual(membershipsOf(fixture, users), before);

    const recorded = (await fixture.api.jobs.history.read(fixture.origin)).filter((entry) => entry.operationId === added.id);
    assert.equal(recorded.length, 10, 'the ten additions, not the two existing members');
    assert.deepEqual(recorded.filter((entry) => entry.asDefault).map((entry) => entry.previousDefaultId), [home.id, home.id, home.id]);

    const undone = await undo(added.id, 'Undo');
    const preview = fixture.prompter.confirmations.at(-1) ?? assert.fail('no preview');
    assert.equal(preview.message, 'Undo “Add 10 members (undo-add.csv)”');
    assert.match(preview.detail, /To add back: 0, to remove: 10, defaults to restore: 3/);
    assert.ok(undone);
    assert.equal(undone.kind, 'undo');
    assert.deepEqual([countItems(undone).succeeded, countItems(undone).failed], [13, 0]);
    assert.deepEqual(membershipsOf(fixture, users), before, 'exactly the starting memberships, ids and defaults');

    const history = await fixture.api.jobs.history.read(fixture.origin);
    assert.equal(history.filter((entry) => entry.undoOf === added.id).length, 13, 'the undo is in the history too');
  });

  it('Remove Membership of a default membership, then Undo (picked from the history): it is back, as the default', async () => {
    const { store } = fixture.sandbox;
    const [first, second] = [store.addOrganization({ name: 'Default Home' }), store.addOrganization({ name: 'Second Home' })];
    const user = store.addUser({ name: 'Default Keeper', email: 'default.keeper@example.org' });
    store.createMembership(user.id, first.id, { default: true });
    store.createMembership(user.id, second.id);
    const orgRow = fixture.api.commands.organizations.revealTarget(fixture.origin, first as never) as OrganizationNode;
    const row = (await childrenOf(fixture, orgRow)).find((candidate): candidate is MembershipNode => candidate.kind === 'membership' && candidate.membership.user_id === user.id);
    assert.ok(row?.isDefault, 'the tree row shows the default');

    fixture.prompter.script({ confirm: true });
    await vscode.commands.executeCommand('zendesk.removeMembership', row);
    assert.equal(store.findMembership(user.id, first.id), undefined);
    assert.equal(store.defaultOrganizationOf(user.id), second.id, 'Zendesk promoted the other membership');

    fixture.prompter.script({ pick: (item) => String(item.label) === 'Remove Membership' });
    const undone = await undo(undefined, 'Undo');
    assert.match((fixture.prompter.confirmations.at(-1) ?? assert.fail('no preview')).detail, /To add back: 1, to remove: 0, defaults to restore: 0/);
    assert.equal(undone && countItems(undone).succeeded, 1);
    assert.ok(store.findMembership(user.id, first.id), 'the membership is back');
    assert.equal(store.defaultOrganizationOf(user.id), first.id, 'as the default');
  });

  it('what changed on the server since is skipped and named; the rest is undone', async () => {
    const { store } = fixture.sandbox;
    const target = store.addOrganization({ name: 'Changed Since' });
    const users = Array.from({ length: 4 }, (_, i) => store.users.at(60 + i));
    const added = await bulkAdd('changed-since', target, users, new Set(), 'Add 4 Members');
    const gone = store.findMembership(users[0].id, target.id);
    assert.ok(gone);
    store.deleteMembership(gone.id); // removed on the server since

    const undone = await undo(added.id, 'Undo');
    const preview = fixture.prompter.confirmations.at(-1) ?? assert.fail('no preview');
    assert.match(preview.detail, /To add back: 0, to remove: 3,/);
    assert.match(preview.detail, /Skipped, changed on the server since: 1/);
    assert.ok(preview.detail.includes(`${users[0].name}`) && /no longer a member \(removed since\)/.test(preview.detail), preview.detail);
    assert.equal(undone && countItems(undone).succeeded, 3);
    assert.deepEqual(store.membershipsOfOrg(target.id), []);

    // Undone already: a second Undo has nothing to send, and says so.
    assert.equal(await vscode.commands.executeCommand('zendesk.undoOperation', added.id), undefined);
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /Nothing to undo/);
  });

  it('Show History and Export History…: the changes newest first, hostile names as text, the CSV formula-safe', async () => {
    const { store } = fixture.sandbox;
    const hostile = store.addOrganization({ name: '=1+1 [Evil](command:workbench.action.terminal.new)' });
    const user = store.addUser({ name: '@SUM(A1) <b>bold</b>', email: 'hostile.history@example.org' });
    const added = await bulkAdd('hostile', hostile, [user], new Set(), 'Add 1 Member');
    assert.equal(countItems(added).succeeded, 1);

    const document = await vscode.commands.executeCommand<vscode.TextDocument>('zendesk.showHistory');
    const text = document.getText();
    const plain = text.replace(/\\(.)/g, '$1'); // as it renders
    assert.ok(plain.includes('hostile.csv') && plain.indexOf('hostile.csv') < plain.indexOf('undo-add.csv'), 'newest first');
    assert.ok(text.includes('\\[Evil\\]\\(command\\:'), 'the organization name is escaped Markdown');
    assert.ok(!text.includes('<b>'), 'no HTML');

    const file = path.join(fixture.directory, 'history.csv');
    fixture.prompter.script({ saveAs: file });
    await vscode.commands.executeCommand('zendesk.exportHistory');
    const rows = parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][];
    assert.equal(rows[0][0], 'time');
    const newest = rows[1];
    assert.deepEqual([newest[1], newest[4], newest[5], newest[7]], [added.id, 'added', String(user.id), String(hostile.id)]);
    assert.equal(newest[6], `'@SUM(A1) <b>bold</b> (hostile.history@example.org)`, 'a formula-like name is text');
    assert.equal(newest[8], `'=1+1 [Evil](command:workbench.action.terminal.new)`);
  });
});
