import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parse } from 'csv-parse/sync';
import { countItems } from '../../src/jobs/model';
import type { MembershipNode, OrganizationNode } from '../../src/tree/nodes';
import { childrenOf, useSignedInSuite } from './fixture';

const IMPORT_FILE = (item: Record<string, unknown>) => String(item.label).includes('Import a CSV or JSON file');
type Exported = { written: number; file: string } | undefined;

describe('Export Memberships', () => {
  const fixture = useSignedInSuite({ orgs: 6, users: 120, bigOrgMembers: 230 }, { tempDirPrefix: 'zendesk-export-' });

  const organizationRow = (id: number): OrganizationNode =>
    fixture.api.commands.organizations.revealTarget(fixture.origin, fixture.sandbox.store.getOrganization(id) as never) as OrganizationNode;

  it("exports an organization's row to CSV, and the file, pointed at another organization, is what Add Members in Bulk adds", async () => {
    const { store } = fixture.sandbox;
    const source = store.getOrganization(store.organizations.idAt(0))!;
    const target = store.addOrganization({ name: 'Export Target' });
    const file = path.join(fixture.directory, 'big.csv');
    fixture.prompter.script({ saveAs: file });
    const result = await vscode.commands.executeCommand<Exported>('zendesk.exportMemberships', organizationRow(source.id));
    assert.equal(result?.written, 230);
    assert.equal(fixture.prompter.offeredNames[0], `memberships-${source.name}.csv`);
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /^Exported 230 memberships to big\.csv\.$/);
    const [header, ...records] = parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][];
    assert.deepEqual(records.map((record) => Number(record[header.indexOf('membership_id')])).sort(), store.membershipsOfOrg(source.id).map((m) => m.id).sort());

    // Edit: the same people into Export Target (organization_id replaced, its name column dropped).
    const edited = path.join(fixture.directory, 'edited.csv');
    const orgColumn = header.indexOf('organization_id');
    fs.writeFileSync(edited, [header.filter((_, i) => i !== header.indexOf('organization_name')).join(','),
      ...records.map((record) => record.map((cell, i) => (i === orgColumn ? String(target.id) : cell)).filter((_, i) => i !== header.indexOf('organization_name')).map((cell) => JSON.stringify(cell)).join(','))].join('\n'));
    fixture.prompter.script({ pick: IMPORT_FILE }, { file: edited }, { modal: 'Add 230 Members' });
    await vscode.commands.executeCommand('zendesk.addMembersBulk');
    const [operation] = fixture.api.jobs.engine.operations;
    assert.equal(countItems(await fixture.api.jobs.engine.whenFinished(operation.id)).succeeded, 230);
    assert.deepEqual(store.membershipsOfOrg(target.id).map((m) => m.user_id).sort(), store.membershipsOfOrg(source.id).map((m) => m.user_id).sort());
  });

  it("exports a member's memberships from a membership row to JSON", async () => {
    const { store } = fixture.sandbox;
    const orgId = store.organizations.idAt(2);
    const rows = (await childrenOf(fixture, organizationRow(orgId))).filter((row): row is MembershipNode => row.kind === 'membership');
    const member = rows[0];
    const file = path.join(fixture.directory, 'user.json');
    fixture.prompter.script({ pick: (item) => item.id === 'user' }, { saveAs: file });
    const result = await vscode.commands.executeCommand<Exported>('zendesk.exportMemberships', member);
    const items = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
    const expected = store.membershipsOfUser(member.membership.user_id);
    assert.equal(result?.written, expected.length);
    assert.deepEqual(items.map((item) => item.membership_id), expected.map((m) => m.id));
    assert.ok(items.every((item) => item.user_id === member.membership.user_id && typeof item.organization_name === 'string' && item.organization_name !== ''));
  });

  it('exports the whole account from the palette: every membership once', async () => {
    const { store } = fixture.sandbox;
    const expected: number[] = [];
    for (let i = 0; i < store.organizations.count; i++) expected.push(...store.membershipsOfOrg(store.organizations.idAt(i)).map((m) => m.id));
    const file = path.join(fixture.directory, 'account.csv');
    fixture.prompter.script({ pick: (item) => item.id === 'account' }, { saveAs: file });
    const result = await vscode.commands.executeCommand<Exported>('zendesk.exportMemberships');
    assert.equal(result?.written, expected.length);
    const [header, ...records] = parse(fs.readFileSync(file, 'utf8'), { bom: true }) as string[][];
    assert.deepEqual(records.map((record) => Number(record[header.indexOf('membership_id')])).sort(), expected.sort());
  });

  it('a cancelled save dialog writes nothing; an export that fails leaves no file and says why', async () => {
    const { store } = fixture.sandbox;
    fixture.prompter.script({ saveAs: undefined });
    assert.equal(await vscode.commands.executeCommand('zendesk.exportMemberships', organizationRow(store.organizations.idAt(1))), undefined);

    const file = path.join(fixture.directory, 'failed.csv');
    fixture.sandbox.faults.inject({ path: /organization_memberships/, kind: 'status', status: 403, times: 0 });
    fixture.prompter.script({ saveAs: file });
    await vscode.commands.executeCommand('zendesk.exportMemberships', organizationRow(store.organizations.idAt(1)));
    fixture.sandbox.faults.clear();
    assert.equal(fs.existsSync(file), false, 'no half-written file');
    const failure = fixture.prompter.messages.find((message) => message.level === 'error');
    assert.ok(failure, 'the failure is shown');
  });
});
