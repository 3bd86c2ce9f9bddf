// Export → edit → sync → undo, as an admin does it: Export Memberships… from an organization's row
// to a CSV (through code-server's save dialog), the file edited on disk (a member's line removed, a
// user's line added, the default flag moved from one member to another), Sync Members from File…
// with it (the plan read and accepted), the operation followed in the Jobs panel, Zendesk's data
// (the sandbox's store) checked to equal the file; then Undo of that operation from the history,
// and Zendesk's data checked to be back where it started. On the way, Move Members…'s confirmation
// for two selected rows (cancelled). The README's screenshots of these commands come from here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { OrganizationRecord, UserRecord } from 'zendesk-sandbox';
import { jobsPanel, operationCard, signInWithApiToken } from './bulk';
import { hostileMarkupIn, previewText, waitForMarkdownPreview } from './documents';
import { answerFileDialog, answerSaveDialog } from './fileDialog';
import {
  clickMenuItem, clickNotificationButton, clickTreeRow, confirmDialog, expandTreeRow, menuItems, pickQuickItem, poll, readDialog, revealTreeRow, runCommand,
  treeRowContextMenu, type UiContext,
} from './workbench';

export const name = 'export an organization to CSV, edit it, sync it back, undo the sync';
export const timeoutMs = 300_000;

const VIEW = 'Organizations';
const ORG = 'Tern Harbor Sync';
const ANNEX = 'Tern Harbor Annex';
const NAMES = { ada: 'Ada Tern', bo: 'Bo Tern', cy: 'Cy Tern', dee: 'Dee Tern', eve: 'Eve Tern' } as const;
type Person = keyof typeof NAMES;

interface Seeded {
  org: OrganizationRecord;
  annex: OrganizationRecord;
  users: Record<Person, UserRecord>;
}

/**
 * Four members of ORG: Ada (ORG is her default; also in ANNEX), Bo (in ORG, ANNEX his default),
 * Cy and Dee (ORG their default). Eve is only in ANNEX. Added at the end of the lists: other
 * specs use the first organizations.
 */
function seed(ctx: UiContext): Seeded {
  const { store } = ctx.sandbox;
  const annex = store.addOrganization({ name: ANNEX });
  const org = store.addOrganization({ name: ORG });
  const users = Object.fromEntries(Object.entries(NAMES).map(([key, full]) =>
    [key, store.addUser({ name: full, email: `${key}.tern@example.com`, role: 'end-user' })])) as Record<Person, UserRecord>;
  store.createMembership(users.ada.id, org.id, { default: true });
  store.createMembership(users.ada.id, annex.id);
  store.createMembership(users.bo.id, annex.id, { default: true });
  store.createMembership(users.bo.id, org.id);
  store.createMembership(users.cy.id, org.id, { default: true });
  store.createMembership(users.dee.id, org.id, { default: true });
  store.createMembership(users.eve.id, annex.id, { default: true }); // else her first membership would be her default
  return { org, annex, users };
}

/** What Zendesk holds for these people: each one's organizations (the default marked), by name. */
function zendeskState(ctx: UiContext, seeded: Seeded): Record<string, string[]> {
  const { store } = ctx.sandbox;
  return Object.fromEntries(Object.entries(seeded.users).map(([, user]) => [user.name, store.membershipsOfUser(user.id)
    .map((membership) => `${store.getOrganization(membership.organization_id)?.name}${membership.default ? ' (default)' : ''}`).sort()]));
}

/** ORG's members in Zendesk, as `user_id default` lines, sorted. */
function membersInZendesk(ctx: UiContext, seeded: Seeded): string[] {
  return ctx.sandbox.store.membershipsOfOrg(seeded.org.id).map((membership) => `${membership.user_id} ${membership.default}`).sort();
}

type Row = Record<string, string>;

function readCsv(file: string): Row[] {
  return parse(fs.readFileSync(file, 'utf8'), { bom: true, columns: true }) as Row[];
}

export async function run(ctx: UiContext): Promise<void> {
  const { page, screenshot } = ctx;
  const seeded = seed(ctx);
  const before = zendeskState(ctx, seeded);
  await signInWithApiToken(ctx);

  // Move Members…: two member rows selected, the confirmation read (and cancelled: nothing moves).
  await expandTreeRow(page, VIEW, ORG);
  await (await revealTreeRow(page, VIEW, NAMES.cy)).locator('.monaco-tl-contents').click();
  await (await revealTreeRow(page, VIEW, NAMES.dee)).locator('.monaco-tl-contents').click({ modifiers: ['Control'] });
  await treeRowContextMenu(page, VIEW, NAMES.dee, 'Move Members…');
  await pickQuickItem(page, ANNEX, { filter: 'Tern Harbor A' });
  const move = await readDialog(page);
  assert.match(move.detail, new RegExp(`^2 members will be added to ${ANNEX}, each removed from their organization once their addition succeeded`));
  await screenshot('1-move-confirmation');
  await confirmDialog(page, 'Cancel');
  assert.deepEqual(zendeskState(ctx, seeded), before, 'a cancelled move changes nothing');

  // Export Memberships… from the organization's row, to a CSV in the workspace.
  const exported = path.join(ctx.workspace, 'tern-harbor.csv');
  await clickTreeRow(page, VIEW, ORG); // one row selected: the organization's menu (not the two rows')
  await (await revealTreeRow(page, VIEW, ORG)).click({ button: 'right' });
  assert.ok((await menuItems(page)).includes('Export Memberships…'));
  await screenshot('2-export-menu');
  await clickMenuItem(page, 'Export Memberships…');
  await answerSaveDialog(page, exported);
  await clickNotificationButton(page, /^Exported 4 memberships to tern-harbor\.csv\.$/, 'Open File');
  await page.locator('.tabs-container .tab.active', { hasText: 'tern-harbor.csv' }).waitFor({ state: 'visible' });
  await screenshot('3-exported-file');
  await runCommand(page, 'View: Close Editor');
  const rows = readCsv(exported);
  assert.deepEqual(rows.map((row) => `${row.user_id} ${row.default}`).sort(), membersInZendesk(ctx, seeded), 'the file holds what Zendesk holds');
  assert.deepEqual(Object.keys(rows[0]), ['user_id', 'organization_id', 'membership_id', 'default', 'user_name', 'organization_name', 'user_email']);

  // The edit: Dee's line removed, Eve's added, and Bo's default flag moved here (from Annex).
  // (A flag turned off alone means nothing to Zendesk: a user's default changes only to another.)
  const byName = (full: string) => rows.find((row) => row.user_name === full);
  assert.equal(byName(NAMES.bo)?.default, 'false');
  const edited = rows
    .filter((row) => row.user_name !== NAMES.dee)
    .map((row) => (row.user_name === NAMES.bo ? { ...row, default: 'true' } : row));
  edited.push({
    user_id: String(seeded.users.eve.id), organization_id: String(seeded.org.id), membership_id: '', default: 'false',
    user_name: NAMES.eve, organization_name: ORG, user_email: seeded.users.eve.email ?? '',
  });
  fs.writeFileSync(exported, stringify(edited, { header: true, columns: Object.keys(rows[0]) }));
  const wanted = edited.map((row) => `${row.user_id} ${row.default}`).sort();

  await syncAndUndo(ctx, seeded, exported, wanted, before);
}

/** Sync Members from File… with the edited file, then Undo… of that operation. */
async function syncAndUndo(ctx: UiContext, seeded: Seeded, file: string, wanted: string[], before: Record<string, string[]>): Promise<void> {
  const { page, screenshot } = ctx;
  const panel = jobsPanel(ctx);

  // The plan, rendered, with the confirmation over it; applied as one operation in the Jobs panel.
  await treeRowContextMenu(page, VIEW, ORG, 'Sync Members from File…');
  await answerFileDialog(page, file);
  const plan = await waitForMarkdownPreview(page, /^Sync Tern Harbor Sync from tern-harbor\.csv$/);
  const planText = await previewText(plan);
  for (const line of [/^\+ Eve Tern/m, /^− Dee Tern/m, /^★ Bo Tern/m]) assert.match(planText, line);
  assert.deepEqual(await hostileMarkupIn(plan), []);
  const confirmation = await readDialog(page);
  assert.match(confirmation.detail, /Additions: 1, removals: 1, default changes: 1, unchanged: 2/);
  await screenshot('4-sync-confirmation');
  await confirmDialog(page, 'Apply');
  await screenshot('5-sync-plan'); // the plan as the user read it, the confirmation gone
  await clickNotificationButton(page, /^Syncing: Additions: 1/, 'Show Jobs');
  const sync = await operationCard(panel, /^Sync Tern Harbor Sync from tern-harbor\.csv/);
  await poll(async () => (/Completed/.test(await sync.locator('vscode-badge').innerText()) ? true : undefined), 'the sync to complete', 60_000);
  assert.deepEqual(membersInZendesk(ctx, seeded), wanted, "Zendesk's members of the organization are the file's");
  await screenshot('6-sync-done');

  // The history lists the sync; Undo… previews its inverse and applies it.
  await runCommand(page, 'Zendesk: Show History');
  const history = await waitForMarkdownPreview(page, /^History of /);
  assert.match(await previewText(history), /Sync Tern Harbor Sync from tern-harbor\.csv/);
  await screenshot('7-history');
  await runCommand(page, 'Zendesk: Undo…');
  await pickQuickItem(page, /^Sync Tern Harbor Sync from tern-harbor\.csv$/);
  await confirmDialog(page, 'Show Details');
  const undoPreview = await waitForMarkdownPreview(page, /^Undo “Sync Tern Harbor Sync/);
  assert.match(await previewText(undoPreview), /To add back: 1, to remove: 1, defaults to restore: 1/);
  const undo = await readDialog(page);
  assert.match(undo.message, /^Undo “Sync Tern Harbor Sync from tern-harbor\.csv”$/);
  await screenshot('8-undo-preview');
  await confirmDialog(page, 'Undo');
  await clickNotificationButton(page, /^Undoing “Sync Tern Harbor Sync/, 'Show Jobs');
  const undone = await operationCard(panel, /^Undo “Sync Tern Harbor Sync/);
  await poll(async () => (/Completed/.test(await undone.locator('vscode-badge').innerText()) ? true : undefined), 'the undo to complete', 60_000);
  assert.deepEqual(zendeskState(ctx, seeded), before, "Zendesk's data is back where it started");
}
