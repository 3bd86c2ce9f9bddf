import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MembershipNode, OrganizationNode } from '../../src/tree/nodes';
import type { OrganizationRecord, UserRecord } from 'zendesk-sandbox';
import MarkdownIt from 'markdown-it';
import { previewDocument } from '../../src/ui/bulkPreview';
import { activeMarkup, visibleLine } from '../../src/outsideText';
import { Fixture, PREVIEW_KEEPS_TEXT, childrenOf, itemOf, optionalItemOf, requestsTo, rootRows, selectionWhere, shownDocument, signedIn, tearDown } from './fixture';

/** The text a rendered piece of HTML shows (tags dropped, entities decoded, word joiners kept). */
function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

const byId = (id: number) => (item: Record<string, unknown>) =>
  (item.organization as { id?: number } | undefined)?.id === id || (item.user as { id?: number } | undefined)?.id === id;
const byOrgOfMembership = (organizationId: number) => (item: Record<string, unknown>) =>
  (item.membership as { organization_id?: number } | undefined)?.organization_id === organizationId;

describe('membership actions', () => {
  let fixture: Fixture;
  let aurora: OrganizationRecord;
  let basalt: OrganizationRecord;
  let zelda: UserRecord;
  let auroraNode: OrganizationNode;
  let basaltNode: OrganizationNode;

  const membersPath = (org: OrganizationRecord) => new RegExp(`^/api/v2/organizations/${org.id}/organization_memberships$`);
  const rowsOf = async (node: OrganizationNode) => (await childrenOf(fixture, node)).filter((row): row is MembershipNode => row.kind === 'membership');
  const zeldaRow = async (node: OrganizationNode) => (await rowsOf(node)).find((row) => row.membership.user_id === zelda.id);

  before(async () => {
    fixture = await signedIn({ orgs: 120, users: 60 });
    aurora = fixture.sandbox.store.addOrganization({ name: 'Aurora Analytics' });
    basalt = fixture.sandbox.store.addOrganization({ name: 'Basalt Builders' });
    zelda = fixture.sandbox.store.addUser({ name: 'Zelda Quill', email: 'zelda.quill@example.com', role: 'end-user' });
    auroraNode = fixture.api.commands.organizations.revealTarget(fixture.origin, aurora as never)!;
    basaltNode = fixture.api.commands.organizations.revealTarget(fixture.origin, basalt as never)!;
    assert.equal(itemOf((await childrenOf(fixture, auroraNode))[0]).label, 'No members');
    await childrenOf(fixture, basaltNode);
  });
  afterEach(() => {
    assert.equal(fixture.prompter.unused, 0, 'every scripted answer was used');
    fixture.prompter.reset();
    fixture.sandbox.faults.clear();
  });
  after(() => tearDown(fixture));

  it('adds a member from the palette; the row appears at once without a reload', async () => {
    const reloadsBefore = requestsTo(fixture, membersPath(aurora));
    fixture.prompter.script({ search: 'Auror', choose: byId(aurora.id) }, { search: 'Zelda', choose: byId(zelda.id) });
    await vscode.commands.executeCommand('zendesk.addMember');
    const stored = fixture.sandbox.store.findMembership(zelda.id, aurora.id);
    assert.ok(stored, 'created in Zendesk');
    const row = await zeldaRow(auroraNode);
    assert.equal(optionalItemOf(row).label, 'Zelda Quill');
    assert.equal(optionalItemOf(row).contextValue, 'zendesk.membership.default', "a user's first membership is the default");
    assert.equal(requestsTo(fixture, membersPath(aurora)), reloadsBefore, 'no reload of the organization');
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /Added Zelda Quill to Aurora Analytics; it is their default organization/);
  });

  it('says "already a member" for a duplicate, and creates nothing', async () => {
    fixture.prompter.script({ search: 'Auror', choose: byId(aurora.id) }, { search: 'Zelda', choose: byId(zelda.id) });
    await vscode.commands.executeCommand('zendesk.addMember');
    assert.equal(fixture.prompter.lastMessage()?.level, 'info');
    assert.equal(fixture.prompter.lastMessage()?.text, 'Zelda Quill is already a member of Aurora Analytics.');
    assert.equal(fixture.sandbox.store.membershipsOfUser(zelda.id).length, 1);
  });

  it('adds a member from an organization row, asking only for the user', async () => {
    fixture.prompter.script({ search: 'Zelda Q', choose: byId(zelda.id) });
    await vscode.commands.executeCommand('zendesk.addMember', basaltNode);
    const row = await zeldaRow(basaltNode);
    assert.equal(optionalItemOf(row).contextValue, 'zendesk.membership');
  });

  it('sets a membership as the default from its row, and the star moves', async () => {
    const requestsBefore = requestsTo(fixture, /organization_memberships$/);
    const userPath = new RegExp(`^/api/v2/users/${zelda.id}(\\.json)?$`);
    const userReadsBefore = requestsTo(fixture, userPath);
    await vscode.commands.executeCommand('zendesk.setDefaultMembership', await zeldaRow(basaltNode));
    assert.equal(fixture.sandbox.store.defaultOrganizationOf(zelda.id), basalt.id);
    assert.equal(optionalItemOf(await zeldaRow(basaltNode)).contextValue, 'zendesk.membership.default');
    assert.equal(optionalItemOf(await zeldaRow(auroraNode)).contextValue, 'zendesk.membership');
    // One read of the user (their default before, for the history and Undo), then only the make_default call: no listing.
    assert.equal(requestsTo(fixture, userPath), userReadsBefore + 1, 'one read of the user, for the default before');
    assert.equal(requestsTo(fixture, /organization_memberships$/), requestsBefore, 'only the make_default call');
  });

  it("sets a user's default organization from the palette", async () => {
    let offered: string[] = [];
    fixture.prompter.script(
      { search: 'Zelda', choose: byId(zelda.id) },
      { pick: (item) => { offered.push(String(item.label)); return byOrgOfMembership(aurora.id)(item); } },
    );
    await vscode.commands.executeCommand('zendesk.setUserDefaultOrganization');
    assert.match(offered[0], /\$\(star-full\) Basalt Builders/, 'the current default is listed first, starred');
    offered = [];
    assert.equal(fixture.sandbox.store.defaultOrganizationOf(zelda.id), aurora.id);
    assert.equal(optionalItemOf(await zeldaRow(auroraNode)).contextValue, 'zendesk.membership.default');
    assert.equal(optionalItemOf(await zeldaRow(basaltNode)).contextValue, 'zendesk.membership');
  });

  it("sets a user's default organization from a membership row, asking only for the organization", async () => {
    fixture.prompter.script({ pick: byOrgOfMembership(basalt.id) });
    await vscode.commands.executeCommand('zendesk.setUserDefaultOrganization', await zeldaRow(auroraNode));
    assert.equal(fixture.sandbox.store.defaultOrganizationOf(zelda.id), basalt.id, 'the row\'s user, without a user search');
    fixture.prompter.script({ pick: byOrgOfMembership(aurora.id) });
    await vscode.commands.executeCommand('zendesk.setUserDefaultOrganization', await zeldaRow(basaltNode));
    assert.equal(fixture.sandbox.store.defaultOrganizationOf(zelda.id), aurora.id);
  });

  it("shows the memberships of a membership row's user without asking who", async () => {
    const offered: string[] = [];
    fixture.prompter.script({ pick: (item) => { offered.push(String(item.label)); return false; } });
    await vscode.commands.executeCommand('zendesk.showUserMemberships', await zeldaRow(basaltNode));
    assert.deepEqual(offered, ['$(star-full) Aurora Analytics', '$(organization) Basalt Builders']);
  });

  it('says a typed membership id does not exist, without claiming a refresh', async () => {
    fixture.prompter.script({ search: '987654321', choose: (item) => item.membershipId === 987654321 });
    await vscode.commands.executeCommand('zendesk.showMembership');
    assert.equal(fixture.prompter.lastMessage()?.level, 'warn');
    assert.equal(fixture.prompter.lastMessage()?.text, `No membership with ID 987654321 exists in ${new URL(fixture.origin).host}. Check the ID.`);
  });

  it('shows a membership picked through its user, or typed by id, in a read-only document', async () => {
    const membership = fixture.sandbox.store.findMembership(zelda.id, basalt.id)!;
    const offered: string[] = [];
    fixture.prompter.script({ search: 'Zelda', choose: byId(zelda.id) }, { pick: (item) => { offered.push(String(item.label)); return byOrgOfMembership(basalt.id)(item); } });
    await vscode.commands.executeCommand('zendesk.showMembership');
    assert.ok(['Aurora Analytics', 'Basalt Builders'].every((name) => offered.some((label) => label.endsWith(name))), `the user's memberships are offered: ${JSON.stringify(offered)}`);
    assert.match((await shownDocument(fixture, `/memberships/${membership.id}.md`)).text, new RegExp(`Organization membership ${membership.id}`));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    const requestsBefore = fixture.sandbox.requests.length;
    fixture.prompter.script({ search: String(membership.id), choose: (item) => item.membershipId === membership.id });
    await vscode.commands.executeCommand('zendesk.showMembership');
    assert.ok(!fixture.sandbox.requests.slice(requestsBefore).some((request) => request.path === '/api/v2/users/autocomplete'), 'digits are an id, not a name to search');
    const shown = await shownDocument(fixture, `/memberships/${membership.id}.md`);
    assert.match(shown.text, new RegExp(`Organization membership ${membership.id}`));
    assert.match(shown.text, /Zelda Quill/);
    assert.match(shown.text, /Basalt Builders/);
    // Rendered exactly when VS Code's own renderer makes no link or other active element of it.
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', shown.text);
    assert.equal(shown.rendered, activeMarkup(html).length === 0, `rendered: ${shown.rendered}; active markup: ${JSON.stringify(activeMarkup(html))}`);
    assert.equal(shown.rendered, PREVIEW_KEEPS_TEXT);
    if (shown.rendered) {
      // "Open Source" in the preview's title bar shows the Markdown.
      await vscode.commands.executeCommand('markdown.showSource');
    }
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), vscode.Uri.from({ scheme: 'zendesk', authority: new URL(fixture.origin).host, path: `/memberships/${membership.id}.md` }).toString());
    assert.equal(editor?.document.isDirty, false, 'read-only: never dirty');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    if (shown.rendered) await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('shows the membership of a user without an email (they exist) by name alone, picker and document', async () => {
    const noEmail = fixture.sandbox.store.addUser({ name: 'Nomail Person', email: null, role: 'end-user' });
    const org = fixture.sandbox.store.addOrganization({ name: 'Nomail Org' });
    fixture.sandbox.store.createMembership(noEmail.id, org.id);
    const offered: Array<Record<string, unknown>> = [];
    fixture.prompter.script(
      { search: 'Nomail', choose: (item) => { offered.push(item); return byId(noEmail.id)(item); } },
      { pick: byOrgOfMembership(org.id) },
    );
    const shown = await vscode.commands.executeCommand<{ id: number }>('zendesk.showMembership');
    const offeredUser = offered.find((item) => byId(noEmail.id)(item));
    assert.equal(offeredUser?.description, undefined, 'no email to describe the user with');
    const { text } = await shownDocument(fixture, `/memberships/${shown.id}.md`);
    assert.match(text, /\| User \| Nomail Person \|/);
    assert.doesNotMatch(text, /<>|null/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('writes a membership of hostile names as Markdown that renders exactly their text (lines, |, backticks, HTML, links)', async () => {
    const orgName = 'Pipe | Org `code` <b>bold</b>\n# heading [x](command:zendesk.signOut) https://evil.example';
    const userName = 'Eve\n| injected | row |\n<img src=x onerror=alert(1)> ``tick`` **bold** jane@evil.example \u202Eevil';
    const org = fixture.sandbox.store.addOrganization({ name: orgName });
    const user = fixture.sandbox.store.addUser({ name: userName, email: 'eve@example.com', role: 'end-user' });
    const membership = fixture.sandbox.store.createMembership(user.id, org.id);
    fixture.prompter.script({ search: String(membership.id), choose: (item) => item.membershipId === membership.id });
    await vscode.commands.executeCommand('zendesk.showMembership');
    const { text } = await shownDocument(fixture, `/memberships/${membership.id}.md`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const html = new MarkdownIt({ html: true, linkify: true }).render(text);
    const table = html.slice(html.indexOf('<table>'), html.indexOf('</table>'));
    const rows = table.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
    assert.equal(rows.length, 11, 'a header and the ten fields: no row was injected');
    assert.ok(rows.every((row) => (row.match(/<t[dh]>/g) ?? []).length === 2), 'two cells per row: no | split one');
    assert.doesNotMatch(table, /<(a|img|code|b|strong|em|h\d)\b/, 'no link, image, code, emphasis or heading in the table');
    const cell = (label: string) => textOf(rows.find((row) => row.includes(`<td>${label}</td>`)) ?? '').slice(label.length).trim();
    assert.equal(cell('Organization'), visibleLine(orgName));
    assert.equal(cell('User'), visibleLine(`${userName} <eve@example.com>`));
    assert.equal((html.match(/<h1>/g) ?? []).length, 1, 'one heading');
  });

  it('writes a bulk preview of hostile names and file problems as Markdown that renders exactly their text', async () => {
    const title = 'Add 1 members (`evil` | <img src=x onerror=alert(1)>.csv)';
    const document = previewDocument(title, {
      kind: 'add',
      planned: [{ userId: 1, organizationId: 2, userLabel: 'Eve\n## injected', organizationLabel: 'Org | [x](command:zendesk.signOut)' }],
      problems: [{ line: 3, message: 'not a number: "<script>alert(1)</script>"' }],
      skipped: [{ label: 'Users not found', entries: ['line 4: **bob**@evil.example'] }],
    });
    const html = new MarkdownIt({ html: true, linkify: true }).render(document);
    assert.doesNotMatch(html, /<(a|img|script|code|strong|em)\b/);
    assert.deepEqual(html.match(/<h\d>/g), ['<h1>', '<h2>', '<h2>', '<h2>'], 'the headings are the preview\'s own');
    assert.match(textOf(html), /Eve ## injected → Org \| \[x\]\(command:zendesk\.signOut\)/);
  });

  it("shows a user's memberships, default first, and reveals the one chosen", async () => {
    const offered: string[] = [];
    fixture.prompter.script(
      { search: 'Zelda', choose: byId(zelda.id) },
      { pick: (item) => { offered.push(String(item.label)); return byOrgOfMembership(basalt.id)(item); } },
    );
    await vscode.commands.executeCommand('zendesk.showUserMemberships');
    assert.deepEqual(offered.slice(0, 2), ['$(star-full) Aurora Analytics', '$(organization) Basalt Builders']);
    await selectionWhere(fixture, (row) => row.kind === 'organization' && row.organization.id === basalt.id, `the row of ${basalt.name}`);
  });

  it('removes a membership from its row only after a confirmation that warns about tickets', async () => {
    fixture.prompter.script({ confirm: false });
    await vscode.commands.executeCommand('zendesk.removeMembership', await zeldaRow(basaltNode));
    assert.ok(fixture.sandbox.store.findMembership(zelda.id, basalt.id), 'declined: nothing removed');
    const [declined] = fixture.prompter.confirmations;
    assert.equal(declined.message, 'Remove Zelda Quill from Basalt Builders?');
    assert.equal(declined.action, 'Remove');
    const row = await zeldaRow(basaltNode);
    assert.match(declined.detail, new RegExp(`deletes membership ${row?.membership.id}, the record that links Zelda Quill to Basalt Builders`));
    assert.match(declined.detail, /No unsolved ticket of Zelda Quill is in Basalt Builders, so no ticket loses its organization/);

    fixture.prompter.script({ confirm: true });
    await vscode.commands.executeCommand('zendesk.removeMembership', await zeldaRow(basaltNode));
    assert.equal(fixture.sandbox.store.findMembership(zelda.id, basalt.id), undefined);
    assert.equal(await zeldaRow(basaltNode), undefined, 'the row is gone');
  });

  it('unassigns a user from the palette, and the default left behind is followed', async () => {
    fixture.sandbox.store.createMembership(zelda.id, basalt.id);
    fixture.api.commands.organizations.refresh(basaltNode);
    await childrenOf(fixture, basaltNode);
    fixture.prompter.script({ search: 'Zelda', choose: byId(zelda.id) }, { pick: byOrgOfMembership(aurora.id) }, { confirm: true });
    await vscode.commands.executeCommand('zendesk.unassignUser');
    // Its own words and button: it removes by the user/organization pair, not by a membership id.
    const [asked] = fixture.prompter.confirmations;
    assert.equal(asked.message, 'Unassign Zelda Quill from Aurora Analytics?');
    assert.equal(asked.action, 'Unassign');
    assert.match(asked.detail, /Unassign Organization removes Zelda Quill from Aurora Analytics by the pair of user and organization/);
    assert.match(asked.detail, /No unsolved ticket of Zelda Quill is in Aurora Analytics, so no ticket loses its organization/);
    assert.equal(fixture.sandbox.store.findMembership(zelda.id, aurora.id), undefined);
    assert.equal(await zeldaRow(auroraNode), undefined);
    assert.equal(fixture.sandbox.store.defaultOrganizationOf(zelda.id), basalt.id, 'Zendesk promoted the other membership');
    assert.equal(optionalItemOf(await zeldaRow(basaltNode)).contextValue, 'zendesk.membership.default', 'and the star followed');
  });

  it('goes to an organization that is not loaded yet by pinning it at the top', async () => {
    const roots = await rootRows(fixture);
    const loaded = new Set(roots.filter((row): row is OrganizationNode => row.kind === 'organization').map((row) => row.organization.id));
    const target = fixture.sandbox.store.organizations.at(110);
    assert.ok(!loaded.has(target.id), 'beyond the first page');
    fixture.prompter.script({ search: target.name.slice(0, 6), choose: byId(target.id) });
    await vscode.commands.executeCommand('zendesk.goToOrganization');
    const first = (await rootRows(fixture))[0] as OrganizationNode;
    assert.equal(first.organization.id, target.id);
    assert.equal(itemOf(first).contextValue, 'zendesk.organization.pinned');
    await selectionWhere(fixture, (row) => row.id === first.id, `the pinned row of ${target.name}`);
  });

  it('copies the id of a row, and of an organization picked from the palette', async () => {
    await vscode.commands.executeCommand('zendesk.copyId', basaltNode);
    assert.equal(await vscode.env.clipboard.readText(), String(basalt.id));
    fixture.prompter.script({ search: 'Auror', choose: byId(aurora.id) });
    await vscode.commands.executeCommand('zendesk.copyId');
    assert.equal(await vscode.env.clipboard.readText(), String(aurora.id));
  });

  it("opens a row's agent page, and a picked organization's page from the palette", async () => {
    const browsed = { browse: async () => undefined };
    const member = await zeldaRow(basaltNode);
    assert.ok(member);
    fixture.prompter.script(browsed, browsed, { search: 'Basalt', choose: byId(basalt.id) }, browsed);
    await vscode.commands.executeCommand('zendesk.openInZendesk', auroraNode);
    await vscode.commands.executeCommand('zendesk.openInZendesk', member);
    await vscode.commands.executeCommand('zendesk.openInZendesk');
    assert.deepEqual(fixture.prompter.opened, [
      `${fixture.origin}/agent/organizations/${aurora.id}`,
      `${fixture.origin}/agent/users/${zelda.id}/organization`,
      `${fixture.origin}/agent/organizations/${basalt.id}`,
    ]);
  });

  it('explains a membership that vanished meanwhile, and refreshes its organization', async () => {
    const row = await zeldaRow(basaltNode);
    assert.ok(row);
    fixture.sandbox.store.deleteMembership(row.membership.id);
    fixture.prompter.script({ confirm: true });
    await vscode.commands.executeCommand('zendesk.removeMembership', row);
    assert.equal(fixture.prompter.lastMessage()?.level, 'warn');
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /no longer exists in Zendesk\. The view was refreshed\./);
    assert.equal(await zeldaRow(basaltNode), undefined);
  });

  it("explains a 403: the role can't do this", async () => {
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/organization_memberships$/, method: 'POST', kind: 'status', status: 403, body: '{"error":"Forbidden"}' });
    fixture.prompter.script({ search: 'zelda', choose: byId(zelda.id) });
    await vscode.commands.executeCommand('zendesk.addMember', auroraNode);
    assert.match(fixture.prompter.lastMessage()?.text ?? '', /Your Zendesk role can't add the member/);
  });

  it('explains a 401 and offers to sign in again', async () => {
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/users\/autocomplete$/, kind: 'status', status: 401, body: '{"error":"Unauthorized"}' });
    fixture.prompter.script({ search: 'zelda', choose: byId(zelda.id) });
    await vscode.commands.executeCommand('zendesk.addMember', auroraNode);
    const message = fixture.prompter.lastMessage();
    assert.match(message?.text ?? '', /no longer accepts the stored credentials\. Sign in again\./);
    assert.deepEqual(message?.actions, ['Sign In']);
  });

  it('explains a redirect as a wrong address and offers to sign in again', async () => {
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/users\/autocomplete$/, kind: 'status', status: 301, body: '', headers: { Location: 'https://help.example.com/hc' } });
    fixture.prompter.script({ search: 'zelda', choose: byId(zelda.id) });
    await vscode.commands.executeCommand('zendesk.addMember', auroraNode);
    const message = fixture.prompter.lastMessage();
    assert.match(message?.text ?? '', /redirected the request instead of answering it, so it is probably not the right Zendesk address/);
    assert.deepEqual(message?.actions, ['Sign In']);
  });

  it('keeps the pick open with a row when a search cannot reach Zendesk, and shows no error', async () => {
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/users\/autocomplete$/, kind: 'reset', times: 0 });
    fixture.prompter.script({ search: 'zelda', choose: byId(zelda.id) });
    await vscode.commands.executeCommand('zendesk.addMember', auroraNode);
    assert.equal(fixture.prompter.searchFailureRows.length, 1);
    assert.match(fixture.prompter.searchFailureRows[0], /^\$\(error\) Couldn't reach Zendesk/);
    assert.deepEqual(fixture.prompter.messages, [], 'nothing chosen, so the command ended quietly');
  });

  it('waits out a 429 on a single action and then succeeds', async () => {
    const yara = fixture.sandbox.store.addUser({ name: 'Yara Vale', email: 'yara.vale@example.com' });
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/organization_memberships$/, method: 'POST', kind: 'status', status: 429, retryAfter: 1 });
    const logged = fixture.api.logLines.length;
    fixture.prompter.script({ search: 'Yara', choose: byId(yara.id) });
    await vscode.commands.executeCommand('zendesk.addMember', basaltNode);
    assert.ok(fixture.sandbox.store.findMembership(yara.id, basalt.id), 'added after the wait');
    assert.equal(fixture.prompter.lastMessage()?.text, 'Added Yara Vale to Basalt Builders; it is their default organization.');
    assert.ok(fixture.prompter.messages.every((message) => message.level === 'info'), 'no failure was reported');
    const waits = fixture.api.logLines.slice(logged).filter((line) => /POST \/api\/v2\/organization_memberships: .*\(HTTP 429\), retry 2\//.test(line));
    assert.equal(waits.length, 1, 'the wait was announced (the status bar notice comes from the same onWait)');
  });

  it('offers a retry after a network failure, and the retry works', async () => {
    // Five resets: more than the client's own attempts (a single create is retried by itself).
    fixture.sandbox.faults.inject({ path: /^\/api\/v2\/organization_memberships$/, method: 'POST', kind: 'reset', times: 5 });
    fixture.prompter.script(
      { search: 'zelda', choose: byId(zelda.id) },
      { reply: 'Retry' },
      { search: 'zelda', choose: byId(zelda.id) },
    );
    await vscode.commands.executeCommand('zendesk.addMember', auroraNode);
    const failure = fixture.prompter.messages.find((message) => message.level === 'error');
    assert.match(failure?.text ?? '', /Couldn't reach Zendesk to add the member/);
    assert.ok(fixture.sandbox.store.findMembership(zelda.id, aurora.id), 'added on the retry');
    assert.ok(await zeldaRow(auroraNode));
  });

  it('logged every call, and no log line holds a credential', () => {
    const { email, token } = fixture.sandbox.credentials.admin;
    const basic = Buffer.from(`${email}/token:${token}`).toString('base64');
    const log = fixture.api.logLines.join('\n');
    assert.match(log, /POST \/api\/v2\/organization_memberships → 201/);
    assert.match(log, /PUT \/api\/v2\/users\/\d+\/organization_memberships\/\d+\/make_default → 200/);
    assert.match(log, /DELETE \/api\/v2\/users\/\d+\/organizations\/\d+ → 204/);
    assert.ok(!log.includes(token) && !log.includes(basic));
  });
});
