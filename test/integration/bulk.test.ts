import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { itemsToCsv } from '../../src/jobs/csvExport';
import { JobEngine } from '../../src/jobs/engine';
import { FileOperationStore } from '../../src/jobs/fileOperationStore';
import { NodeOperationFiles } from '../../src/jobs/operationFiles';
import { BulkOperation, countItems } from '../../src/jobs/model';
import type { MembershipNode, OrganizationNode } from '../../src/tree/nodes';
import type { OrganizationRecord, UserRecord } from 'zendesk-sandbox';
import { Fixture, childrenOf, useSignedInSuite } from './fixture';

const IMPORT_FILE = (item: Record<string, unknown>) => String(item.label).includes('Import a CSV or JSON file');
const PICK_USERS = (item: Record<string, unknown>) => String(item.label).includes('Pick users');

/** The operation a command just started (the newest). */
function newest(fixture: Fixture): BulkOperation {
  const [operation] = fixture.api.jobs.engine.operations;
  assert.ok(operation, 'an operation was started');
  return operation;
}

describe('bulk membership changes', () => {
  const fixture = useSignedInSuite({ orgs: 10, users: 400, jobMsPerItem: 2 }, { tempDirPrefix: 'zendesk-bulk-' });
  let target: OrganizationRecord;
  let users: UserRecord[];

  before(async () => {
    target = fixture.sandbox.store.addOrganization({ name: 'Bulk Target Co' });
    // 250 users with an email (some users have none, as live): the CSV names them by email.
    users = Array.from({ length: 300 }, (_, index) => fixture.sandbox.store.users.at(100 + index)).filter((user) => user.email !== null).slice(0, 250);
  });

  it('adds 250 users from a CSV with 3 bad lines and 5 existing members: the preview counts, the exact final set, the failures listed and retried', async () => {
    const existing = users.slice(0, 5);
    existing.forEach((user) => fixture.sandbox.store.createMembership(user.id, target.id));
    const lines = ['user_email,organization_name,default', ...users.map((user) => `${user.email},Bulk Target Co,`)];
    lines.splice(11, 0, 'not-an-email,Bulk Target Co,'); // line 12
    lines.splice(101, 0, ',Bulk Target Co,'); // line 102
    lines.splice(201, 0, `${users[7].email},Bulk Target Co,maybe`); // line 202
    const file = path.join(fixture.directory, 'new-members.csv');
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    fixture.sandbox.jobs.failNext(1, 'failed', 30); // the first job dies after 30 items

    fixture.prompter.script({ pick: IMPORT_FILE }, { file }, { modal: 'Add 245 Members' });
    await vscode.commands.executeCommand('zendesk.addMembersBulk');
    const [preview] = fixture.prompter.confirmations;
    assert.equal(preview.message, 'Add 245 members (new-members.csv)');
    assert.match(preview.detail, /245 memberships will be added in 3 Zendesk jobs\./);
    assert.match(preview.detail, /Already members \(skipped\): 5/);
    assert.match(preview.detail, /3 invalid lines will be skipped:/);
    assert.match(preview.detail, /line 12: .*not-an-email/);
    assert.match(preview.detail, /line 102: /);
    assert.match(preview.detail, /line 202: .*maybe/);
    assert.equal(fixture.sandbox.requests.filter((request) => request.path.endsWith('/create_many')).length, 0, 'nothing sent before the preview was accepted');

    const operation = newest(fixture);
    const done = await fixture.api.jobs.engine.whenFinished(operation.id);
    assert.deepEqual([countItems(done).succeeded, countItems(done).failed], [175, 70]);
    const failures = fixture.api.jobs.itemRows(done.id).filter((row) => row.outcome === 'failed');
    assert.equal(failures.length, 70);
    assert.ok(failures.every((row) => /job failed/i.test(row.detail) && row.organization === 'Bulk Target Co' && row.user !== ''), 'each failure names user, organization and reason');

    // The exported results, cut down to the failed rows in a spreadsheet, are a file Add Members in Bulk reads.
    const exported = fixture.api.jobs.exportItems(done.id);
    assert.ok(exported);
    const [header, ...records] = parse(itemsToCsv(exported.items), { bom: true }) as string[][];
    const failedOnly = path.join(fixture.directory, 'failed-members.csv');
    fs.writeFileSync(failedOnly, stringify([header, ...records.filter((record) => record[header.indexOf('status')] === 'failed')]));
    fixture.prompter.script({ pick: IMPORT_FILE }, { file: failedOnly }, { modal: 'Add 70 Members' });
    await vscode.commands.executeCommand('zendesk.addMembersBulk');
    const again = fixture.prompter.confirmations.at(-1);
    assert.equal(again?.message, 'Add 70 members (failed-members.csv)');
    assert.doesNotMatch(again?.detail ?? '', /invalid line/, 'the status and reason columns are ignored');
    const reimported = await fixture.api.jobs.engine.whenFinished(newest(fixture).id);
    assert.deepEqual(reimported.items.map((item) => item.userId).sort(), done.items.filter((item) => item.outcome === 'failed').map((item) => item.userId).sort(), 'the same items');
    assert.equal(countItems(reimported).succeeded, 70);

    await fixture.api.jobs.retryFailed(done.id);
    const retry = newest(fixture);
    assert.equal(retry.retryOf, done.id);
    assert.equal(countItems(await fixture.api.jobs.engine.whenFinished(retry.id)).succeeded, 70, 'already members by now: success');

    const expected = new Set(users.map((user) => user.id));
    const actual = new Set(fixture.sandbox.store.membershipsOfOrg(target.id).map((membership) => membership.user_id));
    assert.deepEqual([...actual].sort(), [...expected].sort(), 'exactly the 250 users, once each');
  });

  it('picks users by name and adds them to the organization of the row', async () => {
    const org = fixture.sandbox.store.addOrganization({ name: 'Picked Users Org' });
    const picked = [fixture.sandbox.store.addUser({ name: 'Quentin Aldous', role: 'end-user' }), fixture.sandbox.store.addUser({ name: 'Quentin Barlow', role: 'end-user' })];
    const orgNode = fixture.api.commands.organizations.revealTarget(fixture.origin, org as never) as OrganizationNode;
    await childrenOf(fixture, orgNode);
    fixture.prompter.script({ pick: PICK_USERS }, { searchMany: ['Quentin'], choose: (item) => String(item.label).startsWith('Quentin') }, { modal: 'Add 2 Members' });
    await vscode.commands.executeCommand('zendesk.addMembersBulk', orgNode);
    const done = await fixture.api.jobs.engine.whenFinished(newest(fixture).id);
    assert.equal(countItems(done).succeeded, 2);
    assert.deepEqual(fixture.sandbox.store.membershipsOfOrg(org.id).map((m) => m.user_id).sort(), picked.map((user) => user.id).sort());
    const rows = (await childrenOf(fixture, orgNode)).filter((row) => row.kind === 'membership');
    assert.equal(rows.length, 2, 'the finished operation refreshed the organization in the tree');
  });

  it('removes the selected membership rows, leaving out the rows that are not memberships and saying so', async () => {
    const orgNode = fixture.api.commands.organizations.revealTarget(fixture.origin, target as never) as OrganizationNode;
    fixture.api.commands.organizations.refresh(orgNode);
    const rows = (await childrenOf(fixture, orgNode)).filter((row): row is MembershipNode => row.kind === 'membership').slice(0, 40);
    fixture.prompter.script({ modal: 'Remove 40 Memberships' });
    await vscode.commands.executeCommand('zendesk.removeMembershipsBulk', rows[0], [orgNode, ...rows]);
    const [question] = fixture.prompter.confirmations;
    assert.match(question.detail, /40 memberships will be removed in 1 Zendesk job\./);
    assert.match(question.detail, /open tickets/);
    assert.match(question.detail, /Selected rows left out \(not memberships of this account\): 1/);
    const done = await fixture.api.jobs.engine.whenFinished(newest(fixture).id);
    assert.equal(countItems(done).succeeded, 40);
    const remaining = new Set(fixture.sandbox.store.membershipsOfOrg(target.id).map((membership) => membership.id));
    assert.ok(rows.every((row) => !remaining.has(row.membership.id)));
    assert.equal(remaining.size, 210);
  });

  it('removes memberships listed in a file of user and organization pairs, saying which are not members', async () => {
    const org = fixture.sandbox.store.addOrganization({ name: 'File Removal Org' });
    const members = users.slice(0, 3);
    members.forEach((user) => fixture.sandbox.store.createMembership(user.id, org.id));
    const stranger = users[3];
    const file = path.join(fixture.directory, 'remove.csv');
    fs.writeFileSync(file, ['user_email,organization_name', ...[...members, stranger].map((user) => `${user.email},File Removal Org`)].join('\n'));
    fixture.prompter.script({ file }, { modal: 'Remove 3 Memberships' });
    await vscode.commands.executeCommand('zendesk.removeMembershipsBulk');
    const question = fixture.prompter.confirmations.at(-1);
    assert.match(question?.detail ?? '', /3 memberships will be removed in 1 Zendesk job\./);
    assert.match(question?.detail ?? '', /Not members \(nothing to remove\): 1/);
    const done = await fixture.api.jobs.engine.whenFinished(newest(fixture).id);
    assert.equal(countItems(done).succeeded, 3);
    assert.equal(fixture.sandbox.store.membershipsOfOrg(org.id).length, 0);
  });

  it('from the palette, offers the membership rows selected in the view before a file', async () => {
    const org = fixture.sandbox.store.addOrganization({ name: 'Selection Org' });
    users.slice(10, 13).forEach((user) => fixture.sandbox.store.createMembership(user.id, org.id));
    const orgNode = fixture.api.commands.organizations.revealTarget(fixture.origin, org as never) as OrganizationNode;
    const [selected] = (await childrenOf(fixture, orgNode)).filter((row): row is MembershipNode => row.kind === 'membership');
    await fixture.api.commands.treeView.reveal(selected, { select: true, focus: true });
    const offered: string[] = [];
    fixture.prompter.script(
      { pick: (item) => { offered.push(String(item.label)); return item.fromSelection === true; } },
      { modal: 'Remove 1 Membership' },
    );
    await vscode.commands.executeCommand('zendesk.removeMembershipsBulk');
    assert.equal(offered[0], 'Remove the selected membership');
    assert.match(fixture.prompter.confirmations.at(-1)?.detail ?? '', /^1 membership will be removed in 1 Zendesk job\. Zendesk also unassigns the user's open tickets in that organization/);
    const done = await fixture.api.jobs.engine.whenFinished(newest(fixture).id);
    assert.equal(countItems(done).succeeded, 1);
    const remaining = fixture.sandbox.store.membershipsOfOrg(org.id).map((membership) => membership.id);
    assert.equal(remaining.length, 2);
    assert.ok(!remaining.includes(selected.membership.id), 'the selected membership is the one removed');
  });

  it('refuses a file with nothing usable, listing its problems, and sends nothing', async () => {
    const file = path.join(fixture.directory, 'garbage.csv');
    fs.writeFileSync(file, 'hello,world\n1,2\n');
    const before = fixture.sandbox.requests.length;
    fixture.prompter.script({ pick: IMPORT_FILE }, { file });
    await vscode.commands.executeCommand('zendesk.addMembersBulk');
    assert.equal(fixture.prompter.lastMessage()?.level, 'warn');
    const nothing = fixture.prompter.lastMessage()?.text ?? '';
    assert.match(nothing, /^Nothing to send\. \S/, 'one space after the sentence');
    assert.doesNotMatch(nothing, / {2}/);
    assert.doesNotMatch(nothing, /\b1 invalid lines\b/);
    assert.ok(fixture.sandbox.requests.slice(before).every((request) => request.method === 'GET'), 'no write was sent');
  });

  it('refuses a file of more than 100,000 rows, and one of more than 20 MB, naming the limit; nothing is sent', async () => {
    const long = path.join(fixture.directory, 'too-many-rows.csv');
    fs.writeFileSync(long, ['user_id,organization_id', ...Array.from({ length: 100_001 }, (_, index) => `${index + 1},${target.id}`)].join('\n'));
    const big = path.join(fixture.directory, 'too-big.json');
    fs.writeFileSync(big, `[${'{"user_id": 1, "organization_id": 1},'.repeat(570_000)}{}]`);
    assert.ok(fs.statSync(big).size > 20 * 1024 * 1024);
    const before = fixture.sandbox.requests.length;

    fixture.prompter.script({ pick: IMPORT_FILE }, { file: long });
    await vscode.commands.executeCommand('zendesk.addMembersBulk');
    assert.equal(fixture.prompter.lastMessage()?.level, 'error');
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /too-many-rows\.csv has more than 100000 rows; files of up to 100000 rows can be imported\. Split it/);

    fixture.prompter.script({ pick: IMPORT_FILE }, { file: big });
    await vscode.commands.executeCommand('zendesk.addMembersBulk');
    assert.equal(fixture.prompter.lastMessage()?.level, 'error');
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /too-big\.json is 21 MB; files of up to 20 MB can be imported\. Split it/);
    assert.equal(fixture.sandbox.requests.length, before, 'not one request was sent');
  });

  it('resumes after the window goes away mid-operation and loses nothing', async () => {
    const org = fixture.sandbox.store.addOrganization({ name: 'Reload Org' });
    const members = Array.from({ length: 300 }, (_, index) => fixture.sandbox.store.users.at(index));
    // A window of its own (the extension's engine goes on serving the other tests), reloaded below.
    const { clients, extensionContext } = fixture.api.commands;
    const windowOf = () => new JobEngine({
      windowId: 'reloading-window', clientFor: (origin) => clients.for(origin), store: new FileOperationStore(extensionContext.globalState, new NodeOperationFiles(extensionContext.globalStorageUri.fsPath)),
      budgetState: extensionContext.globalState, maxInFlight: () => 10,
    });
    const engine = windowOf();
    const sentBefore = fixture.sandbox.requests.length;
    const operation = engine.start({
      origin: fixture.origin, kind: 'add', title: 'Add 300 (reload)',
      items: members.map((user) => ({ userId: user.id, organizationId: org.id, userLabel: user.name, organizationLabel: org.name })),
    });
    await new Promise<void>((resolve) => {
      const subscription = engine.onDidChange(() => {
        if (operation.chunks.some((chunk) => chunk.jobId)) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await engine.dispose(); // what deactivation does when the window reloads
    // Its items are in files under globalStorageUri; globalState holds a small index entry.
    const folder = extensionContext.globalStorageUri.fsPath;
    assert.ok(fs.statSync(path.join(folder, `${operation.id}.items.json`)).size > 300 * 10);
    assert.ok(fs.existsSync(path.join(folder, `${operation.id}.state.json`)));
    const entry = extensionContext.globalState.get<Array<{ id: string }>>('zendesk.bulkOperationIndex', []).find((candidate) => candidate.id === operation.id);
    assert.ok(entry && !('items' in entry) && !('chunks' in entry) && JSON.stringify(entry).length < 1_000, JSON.stringify(entry));

    // What activation does in the new window: the same store (globalState and its files), resume.
    const revived = windowOf();
    revived.resume();
    const done = await revived.whenFinished(operation.id);
    await revived.dispose();
    assert.equal(countItems(done).succeeded, 300);
    assert.equal(fixture.sandbox.store.membershipsOfOrg(org.id).length, 300);
    const accepted = fixture.sandbox.requests.slice(sentBefore).filter((request) => request.path.endsWith('/create_many') && request.status === 200).length;
    assert.equal(accepted, 3, 'each chunk sent once: the job ids survived the reload');
  });
});
