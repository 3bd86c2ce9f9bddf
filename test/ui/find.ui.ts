// Finding things in a large account, as a person does it: Filter… narrows the Organizations view to
// one organization (found by Zendesk, not among loaded rows), its row shows its member count, Find
// Member… finds one member of its 5,000 by name and reveals the row (pinned: its page is not
// loaded), and Remove Membership's confirmation says how many of that member's unsolved tickets
// lose their organization; Find User… pins that member in the People view with their organizations,
// the default first. The README's screenshots come from here.
import * as assert from 'node:assert/strict';
import { signInWithApiToken } from './bulk';
import {
  answerQuickInput, collapseTreeRow, confirmDialog, pickQuickItem, poll, readDialog, revealTreeRow, runCommand, treeRowContextMenu, treeRows, waitForTreeRows,
  type UiContext,
} from './workbench';

export const name = 'filter to an organization, find one of its 5,000 members, read the impact before removal';
export const timeoutMs = 180_000;

const VIEW = 'Organizations';
const ORGANIZATION = 'Quokka Freight';
const MEMBER = 'Quillon Farthingale';
const MEMBERS = 5_000;
/** The member's other organizations: the first is their default. */
const DEFAULT_ORGANIZATION = 'Harbour Pilots Guild';
const OTHER_ORGANIZATION = 'Ridgeway Couriers';

/** An organization of 5,000 end users (plus the one to find, listed last) and three of their unsolved tickets. */
function seed(ctx: UiContext): void {
  const { store } = ctx.sandbox;
  const organization = store.addOrganization({ name: ORGANIZATION });
  for (let index = 1; index < MEMBERS; index++) {
    const user = store.addUser({ name: `Quokka Member ${String(index).padStart(4, '0')}`, email: `quokka.${index}@example.com` });
    store.createMembership(user.id, organization.id);
  }
  const member = store.addUser({ name: MEMBER, email: 'quillon.farthingale@example.com' });
  store.createMembership(member.id, organization.id);
  store.createMembership(member.id, store.addOrganization({ name: DEFAULT_ORGANIZATION }).id, { default: true });
  store.createMembership(member.id, store.addOrganization({ name: OTHER_ORGANIZATION }).id);
  for (const status of ['new', 'open', 'pending', 'solved'] as const) {
    store.tickets.add({ requesterId: member.id, organizationId: organization.id, status });
  }
}

export async function run(ctx: UiContext): Promise<void> {
  const { page, screenshot } = ctx;
  seed(ctx);
  await signInWithApiToken(ctx);

  await runCommand(page, 'Zendesk: Filter Organizations…');
  await answerQuickInput(page, 'Quok', { title: 'Filter Organizations' });
  const filtered = await waitForTreeRows(page, VIEW, (rows) => rows[0]?.label.startsWith('Filtered:') && rows.some((row) => row.label === ORGANIZATION && /5,000 members/.test(row.description)),
    'the filtered organization with its member count').catch(async (error: Error) => {
    const headers = await page.locator('.pane-header').evaluateAll((elements) => elements.map((element) => element.getAttribute('aria-label')));
    throw new Error(`${error.message}; rows shown: ${JSON.stringify(await treeRows(page, VIEW))}; view headers: ${JSON.stringify(headers)}`);
  });
  assert.equal(filtered[0].label, 'Filtered: names starting with “Quok”');
  assert.deepEqual(filtered.filter((row) => row.level === 1 && !row.label.startsWith('Filtered')).map((row) => row.label), [ORGANIZATION]);
  await screenshot('1-filtered');

  await treeRowContextMenu(page, VIEW, ORGANIZATION, 'Find Member…');
  await pickQuickItem(page, MEMBER, { title: `Find Member of ${ORGANIZATION}`, filter: 'Farthingale' });
  const found = await revealTreeRow(page, VIEW, MEMBER);
  assert.equal(await found.getAttribute('aria-selected'), 'true', 'the found member is selected');
  await screenshot('2-member-found');

  await treeRowContextMenu(page, VIEW, MEMBER, 'Remove Membership');
  const dialog = await readDialog(page);
  await screenshot('3-removal-impact');
  await confirmDialog(page, 'Cancel');
  assert.equal(dialog.message, `Remove ${MEMBER} from ${ORGANIZATION}?`);
  assert.match(dialog.detail, new RegExp(`Zendesk also unassigns ${MEMBER}'s 3 unsolved tickets in ${ORGANIZATION}`));

  await collapseTreeRow(page, VIEW, ORGANIZATION); // room for the People view in the screenshot
  await runCommand(page, 'Zendesk: Find User…');
  await pickQuickItem(page, MEMBER, { title: 'Find User', filter: 'Quillon' });
  const organizations = await poll(async () => {
    const rows = await treeRows(page, 'People');
    const person = rows.findIndex((row) => row.label === MEMBER && row.expanded === true);
    if (person < 0) return undefined;
    const end = rows.findIndex((row, index) => index > person && row.level <= rows[person].level);
    const children = rows.slice(person + 1, end < 0 ? undefined : end).map((row) => `${row.label}${row.description ? ` (${row.description})` : ''}`);
    return children.length === 3 ? children : undefined;
  }, 'the pinned member with their three organizations in the People view');
  assert.equal(organizations[0], `${DEFAULT_ORGANIZATION} (default)`, 'the default comes first');
  assert.deepEqual([...organizations].sort(), [`${DEFAULT_ORGANIZATION} (default)`, ORGANIZATION, OTHER_ORGANIZATION].sort());
  await screenshot('4-people-view');
}
