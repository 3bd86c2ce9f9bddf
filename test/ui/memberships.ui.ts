// The everyday path, in the installed VSIX: welcome view → sign in from the palette → expand an
// organization → "Load more…" (a double click loads one page) → add a member → the row appears →
// remove it from the context menu with the confirmation → the row is gone.
import * as assert from 'node:assert/strict';
import { previewText, waitForMarkdownPreview } from './documents';
import {
  answerQuickInput, collapseTreeRow, confirmDialog, expandTreeRow, openZendesk, pickQuickItem, poll, readDialog, revealTreeRow, waitForQuickInput,
  runCommand, treeRow, treeRowContextMenu, treeRows, viewTitleAction, waitForNotification, waitForTreeRows, welcomeContent, type UiContext,
} from './workbench';

export const name = 'sign in, page through members, add and remove a member';

const VIEW = 'Organizations';

/** How many children the expanded organization has, as VS Code's tree reports them (aria-setsize). */
async function membersShown(ctx: UiContext): Promise<number | undefined> {
  const child = (await treeRows(ctx.page, VIEW)).find((row) => row.level === 2);
  return child?.siblings;
}

export async function run(ctx: UiContext): Promise<void> {
  const { page, sandbox, screenshot } = ctx;
  const added = await fetch(`${sandbox.url}/__sandbox/users`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Zelda Quill', email: 'zelda.quill@example.com', role: 'end-user' }),
  });
  assert.equal(added.status, 201);

  await openZendesk(page);
  assert.deepEqual((await welcomeContent(page, VIEW)).buttons, ['Sign In']);

  await runCommand(page, 'Zendesk: Sign In…');
  await answerQuickInput(page, sandbox.url, { title: 'Sign in to Zendesk' });
  await pickQuickItem(page, /API token \(legacy\)/);
  await answerQuickInput(page, sandbox.email, { title: /with an API token/ });
  await answerQuickInput(page, sandbox.token, { title: /with an API token/ });
  await waitForNotification(page, /Signed in to 127\.0\.0\.\d:\d+ as Sandbox Admin/);
  const organizations = await waitForTreeRows(page, VIEW, (rows) => rows.length >= 10, 'organization rows');
  await screenshot('1-signed-in');

  const bigOrg = organizations[0].label;
  await expandTreeRow(page, VIEW, bigOrg);
  await poll(async () => ((await membersShown(ctx)) === 101 ? true : undefined), '100 members and a Load more… row');
  const loadMore = await revealTreeRow(page, VIEW, 'Load more…');
  await screenshot('2-first-page');

  await loadMore.locator('.monaco-tl-contents').dblclick();
  await poll(async () => ((await membersShown(ctx)) === 201 ? true : undefined), '200 members after a double click');
  await revealTreeRow(page, VIEW, 'Load more…');
  assert.equal(await membersShown(ctx), 201, 'the double click loaded exactly one page');
  await treeRow(page, VIEW, 'Load more…').first().locator('.monaco-tl-contents').click();
  await poll(async () => ((await membersShown(ctx)) === 250 ? true : undefined), 'all 250 members, no Load more… row');
  await screenshot('3-all-members');
  await collapseTreeRow(page, VIEW, bigOrg);

  const smallOrg = organizations[1].label;
  await expandTreeRow(page, VIEW, smallOrg);
  await treeRowContextMenu(page, VIEW, smallOrg, 'Add Member…');
  await pickQuickItem(page, 'Zelda Quill', { title: `Add a member to ${smallOrg}`, filter: 'Zelda' });
  await waitForNotification(page, `Added Zelda Quill to ${smallOrg}`);
  await revealTreeRow(page, VIEW, 'Zelda Quill');
  await screenshot('4-member-added');

  // Refreshing the whole view keeps what is expanded and loaded.
  await viewTitleAction(page, VIEW, 'Refresh');
  await waitForTreeRows(page, VIEW, (rows) => rows.some((row) => row.label === smallOrg && row.expanded === true)
    && rows.some((row) => row.label === 'Zelda Quill'), 'the expanded organization after a refresh');

  // Show Membership from the palette: a user by name (or a membership id typed instead), then one of their memberships.
  await runCommand(page, 'Zendesk: Show Membership…');
  const asked = await waitForQuickInput(page, 'Show Membership');
  assert.match(asked.placeholder, /^Type the start of the user's name, or a membership ID such as \d{12}$/);
  await screenshot('5-show-membership-ask');
  await pickQuickItem(page, 'Zelda Quill', { title: 'Show Membership', filter: 'Zelda' });
  const memberships = await waitForQuickInput(page, 'Show Membership');
  assert.match(memberships.placeholder, /^Zelda Quill's organizations$/);
  await screenshot('5-show-membership-pick-organization');
  await pickQuickItem(page, new RegExp(`${smallOrg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), { title: 'Show Membership' });
  if (ctx.vscodeVersion.startsWith('1.96.')) {
    // VS Code 1.96's preview (markdown-it 12) would link the member's escaped email: the source opens instead.
    await page.locator('.monaco-editor .view-lines', { hasText: 'Organization membership' }).first().waitFor({ timeout: 30_000 });
  } else {
    const document = await waitForMarkdownPreview(page, /^Organization membership \d+$/);
    const text = await previewText(document);
    assert.ok(text.includes('Zelda Quill') && text.includes(smallOrg), `the rendered document names the user and the organization: ${text.slice(0, 300)}`);
  }
  await runCommand(page, 'View: Close Editor');

  // Unassign and Remove say what differs, each with its own button (Unassign is cancelled here).
  await treeRowContextMenu(page, VIEW, 'Zelda Quill', 'Unassign User from Organization…');
  const unassign = await readDialog(page);
  await screenshot('5a-unassign-confirmation');
  assert.equal(unassign.message, `Unassign Zelda Quill from ${smallOrg}?`);
  assert.match(unassign.detail, /by the pair of user and organization/);
  assert.match(unassign.detail, /No unsolved ticket of Zelda Quill is in .*, so no ticket loses its organization/);
  assert.ok(unassign.buttons.includes('Unassign') && !unassign.buttons.includes('Remove'), `buttons: ${JSON.stringify(unassign.buttons)}`);
  await confirmDialog(page, 'Cancel');

  await treeRowContextMenu(page, VIEW, 'Zelda Quill', 'Remove Membership');
  const dialog = await readDialog(page);
  await screenshot('5b-remove-confirmation');
  await confirmDialog(page, 'Remove');
  assert.equal(dialog.message, `Remove Zelda Quill from ${smallOrg}?`);
  assert.match(dialog.detail, /deletes membership \d+, the record that links Zelda Quill/);
  assert.match(dialog.detail, /No unsolved ticket of Zelda Quill is in .*, so no ticket loses its organization/);
  await waitForNotification(page, `Removed Zelda Quill from ${smallOrg}`);
  await poll(async () => ((await treeRow(page, VIEW, 'Zelda Quill').count()) === 0 ? true : undefined), 'the removed row to disappear');
  await screenshot('6-member-removed');
}
