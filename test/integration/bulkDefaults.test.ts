import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { countItems } from '../../src/jobs/model';
import { useSignedInSuite } from './fixture';

const IMPORT_FILE = (item: Record<string, unknown>) => String(item.label).includes('Import a CSV or JSON file');

describe('Add Members in Bulk: default changes', () => {
  const fixture = useSignedInSuite({ orgs: 4, users: 80, jobMsPerItem: 1 }, { tempDirPrefix: 'zendesk-defaults-' });

  it("the default column changes existing members' default organization, beside the additions, in one operation", async () => {
    const { store } = fixture.sandbox;
    const [home, target] = [store.addOrganization({ name: 'Old Home' }), store.addOrganization({ name: 'New Home' })];
    const members = Array.from({ length: 3 }, (_, i) => store.users.at(50 + i));
    members.forEach((user) => {
      store.createMembership(user.id, home.id, { default: true });
      store.createMembership(user.id, target.id);
    });
    const newcomer = store.users.at(60);
    const keeper = store.users.at(61);
    store.createMembership(keeper.id, target.id, { default: true });
    const file = path.join(fixture.directory, 'defaults.csv');
    fs.writeFileSync(file, ['user_id,organization_id,default', ...members.map((user) => `${user.id},${target.id},true`), `${newcomer.id},${target.id},`, `${keeper.id},${target.id},true`].join('\n'));

    fixture.prompter.script({ pick: IMPORT_FILE }, { file }, { modal: 'Apply 4 Changes' });
    await vscode.commands.executeCommand('zendesk.addMembersBulk');
    const [preview] = fixture.prompter.confirmations;
    assert.equal(preview.message, 'Apply 4 changes (defaults.csv)');
    assert.match(preview.detail, /1 membership will be added in 1 Zendesk job\./);
    assert.match(preview.detail, /3 existing members will get the organization of their row as their default/);
    assert.match(preview.detail, /Already members \(skipped\): 1/);
    assert.equal(fixture.sandbox.requests.filter((request) => request.path.endsWith('/make_default')).length, 0, 'nothing sent before the preview was accepted');

    const [operation] = fixture.api.jobs.engine.operations;
    const done = await fixture.api.jobs.engine.whenFinished(operation.id);
    assert.equal(countItems(done).succeeded, 4);
    for (const user of members) assert.equal(store.defaultOrganizationOf(user.id), target.id, `${user.name}'s default moved`);
    assert.ok(store.findMembership(newcomer.id, target.id), 'the newcomer was added');
    const rows = fixture.api.jobs.itemRows(done.id);
    assert.equal(rows.filter((row) => /made the default organization/.test(row.detail)).length, 3, 'the Jobs panel says what each call did');
  });
});
