// Hostile names in the real workbench: a user and an organization whose names carry a command
// link (to a harmless but visible command: hiding the status bar), an <img onerror>, a codicon,
// an RTL override and a very long tail, and a CSV file named like a command link. Add, set
// default, remove, unassign and a bulk add run on them; the notification centre, the progress
// notifications, the quick picks, the dialogs and the Jobs panel must show the text literally,
// hold no anchor (let alone one to a command: URI), and the command must never run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { answerFileDialog } from './fileDialog';
import { literal, visibleLine } from '../../src/outsideText';
import { expandOperation, jobsPanel, operationCard, sandboxControl, signInWithApiToken } from './bulk';
import { hostileMarkupIn, tableRowsIn, waitForMarkdownPreview } from './documents';
import {
  clearNotifications, clickNotificationButton, confirmDialog, expandTreeRow, openNotificationCentre, closeNotificationCentre, pickQuickItem, poll,
  quickInputWidget, readDialog, readNotifications, revealTreeRow, runCommand, treeRowContextMenu, waitForNotification, waitForQuickInput, type UiContext,
} from './workbench';

export const name = 'hostile names stay literal text: notifications, progress, quick picks, dialogs, Jobs panel';
export const timeoutMs = 300_000;

const VIEW = 'Organizations';
const COMMAND = 'command:workbench.action.toggleStatusbarVisibility';
const ORG = `Hostile Org [Renew your licence](${COMMAND}) <img src=x onerror=alert(1)> $(alert) \u202Etxt.exe\u202C ${'O'.repeat(240)}`;
const MALLORY = `Mallory [Session expired — sign in again](${COMMAND}) <img src=x onerror=alert(2)> \u202Efdp.exe\u202C ${'M'.repeat(240)}`;
const TRUDY = `Trudy <img src=x onerror=alert(3)> [x](https://evil.example) $(sync~spin)`;
const FILE = `[Open](${COMMAND}) <img src=x onerror=alert(4)> bulk.csv`;

/** What a reader sees: literal() adds invisible word joiners (U+2060). */
const seen = (text: string): string => text.replace(/\u2060/g, '').trim();

/** Links (any href, command: or not), images and codicons in the workbench's text surfaces (notifications, quick input, dialogs). */
async function hostileMarkup(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const surfaces = document.querySelectorAll('.notifications-center, .notifications-toasts, .quick-input-widget, .monaco-dialog-box');
    const found = [];
    for (const surface of surfaces) {
      // VS Code's labels are <a class="label-name"> without a target; a link has an href.
      for (const a of surface.querySelectorAll('a[href]')) found.push('link ' + a.getAttribute('href') + ' ' + a.outerHTML.slice(0, 200));
      for (const img of surface.querySelectorAll('img')) found.push('img ' + img.getAttribute('src'));
      for (const icon of surface.querySelectorAll('.codicon-alert, .codicon-sync')) found.push('codicon ' + icon.className);
    }
    return found;
  })()`);
}

/** Shows the newest notification in the centre in full (for the screenshots). */
async function expandNewest(page: Page): Promise<void> {
  const expand = page.locator('.notifications-center .monaco-list-row').first().locator('a.action-label.codicon-notifications-expand');
  if (await expand.count()) await expand.click().catch(() => undefined);
}

async function statusBarVisible(page: Page): Promise<boolean> {
  return page.locator('[id="workbench.parts.statusbar"]').isVisible();
}

/** Waits for a notification matching `start`, asserts that it reads exactly `expected`, and returns its text. */
async function notificationReads(page: Page, start: RegExp, expected: string): Promise<string> {
  const notification = await waitForNotification(page, start);
  assert.equal(seen(notification.message), seen(expected));
  assert.doesNotMatch(notification.message, /[\u202A-\u202E\u2066-\u2069]/, 'no bidi control in a notification');
  return notification.message;
}

async function delayWrites(ctx: UiContext, ms: number): Promise<void> {
  for (const [method, pathRegex] of [
    ['POST', '^/api/v2/organization_memberships$'],
    ['DELETE', '^/api/v2/organization_memberships/\\d+$'],
    ['DELETE', '^/api/v2/users/\\d+/organizations/\\d+$'],
  ]) {
    await sandboxControl(ctx, 'faults', { method, pathRegex, kind: 'delay', delayMs: ms, times: 0 });
  }
}

/** The labels of the quick pick's rows on screen (the list keeps rows of earlier picks hidden; a row's first .label-name is its label). */
async function quickPickLabels(page: Page): Promise<string[]> {
  return quickInputWidget(page).locator('.quick-input-list .monaco-list-row').evaluateAll((rows) => rows
    .filter((row) => (row as unknown as { checkVisibility(): boolean }).checkVisibility())
    .map((row) => row.querySelector('.label-name')?.textContent ?? ''));
}

export async function run(ctx: UiContext): Promise<void> {
  const { page, sandbox } = ctx;
  const alerts: string[] = [];
  page.on('dialog', (dialog) => { alerts.push(dialog.message()); void dialog.dismiss(); });

  // Sandbox data through its control endpoints, and a second membership so that Mallory's
  // membership of the hostile organization is not the default one.
  const created = async (route: string, body: unknown): Promise<{ id: number }> => {
    const response = await fetch(`${sandbox.url}/__sandbox/${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(response.status, 201, `${route}: HTTP ${response.status}`);
    const json = (await response.json()) as Record<string, { id: number }>;
    return Object.values(json)[0];
  };
  await created('organizations', { name: ORG });
  const plain = await created('organizations', { name: 'Plain Harbor Org' });
  const mallory = await created('users', { name: MALLORY, email: 'mallory@example.com', role: 'end-user' });
  await created('users', { name: TRUDY, email: 'trudy@example.com', role: 'end-user' });
  const basic = Buffer.from(`${sandbox.email}/token:${sandbox.token}`).toString('base64');
  const first = await fetch(`${sandbox.url}/api/v2/organization_memberships`, {
    method: 'POST', headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ organization_membership: { user_id: mallory.id, organization_id: plain.id } }),
  });
  assert.equal(first.status, 201);
  const csv = path.join(ctx.workspace, FILE);
  fs.writeFileSync(csv, ['user_email,organization_name', `mallory@example.com,"${ORG}"`, `trudy@example.com,"${ORG}"`].join('\n'));

  await signInWithApiToken(ctx);
  assert.ok(await statusBarVisible(page), 'the status bar shows at the start');
  await delayWrites(ctx, 2_500); // long enough to read each progress notification
  try {
    await actOnHostileNames(ctx, csv);
  } finally {
    await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' }); // the sandbox serves the other specs too
  }
  assert.ok(await statusBarVisible(page), 'the command in the names never ran: the status bar is still shown');
  assert.deepEqual(alerts, [], 'no script ran (no alert)');
}

async function actOnHostileNames(ctx: UiContext, csv: string): Promise<void> {
  const { page, screenshot } = ctx;

  // 1. Add Member from the palette: the organization and user pickers, the progress, the result.
  await runCommand(page, 'Zendesk: Add Member…');
  await waitForQuickInput(page, 'Add Member: organization');
  await quickInputWidget(page).locator('.quick-input-box input.input').fill('Hostile');
  await poll(async () => ((await quickPickLabels(page)).some((label) => label.startsWith('Hostile')) ? true : undefined), 'the hostile organization in the picker');
  assert.deepEqual((await quickPickLabels(page)).map(seen), [seen(literal(ORG))], 'the organization is listed literally, cut at 200 characters');
  assert.deepEqual(await hostileMarkup(page), [], 'no link, image or codicon in the organization picker');
  await screenshot('1-organization-quick-pick');
  await pickQuickItem(page, /^Hostile Org/);
  await pickQuickItem(page, /^Mallory/, { title: /^Add a member to Hostile Org/, filter: 'Mallory' });
  await notificationReads(page, /^Adding Mallory/, `Adding ${literal(MALLORY)} to ${literal(ORG)}…`);
  await openNotificationCentre(page);
  assert.deepEqual(await hostileMarkup(page), [], 'no link in the progress notification');
  await expandNewest(page);
  await screenshot('2-progress-adding');
  await closeNotificationCentre(page);
  await notificationReads(page, /^Added Mallory/, `Added ${literal(MALLORY)} to ${literal(ORG)}.`);

  // 2. Set as Default from the palette: the membership picker lists the organization literally.
  await runCommand(page, 'Zendesk: Set as Default Organization');
  await pickQuickItem(page, /^Mallory/, { filter: 'Mallory' });
  await poll(async () => ((await quickPickLabels(page)).length === 2 ? true : undefined), "Mallory's two memberships in the picker");
  const memberships = (await quickPickLabels(page)).map(seen);
  assert.ok(memberships.includes(seen(literal(ORG))), JSON.stringify(memberships));
  assert.equal(await quickInputWidget(page).locator('.quick-input-list .codicon-star-full').count(), 1, "only the extension's own star is an icon");
  assert.deepEqual(await hostileMarkup(page), []);
  await screenshot('3-membership-quick-pick');
  await pickQuickItem(page, /^Hostile Org/);
  await notificationReads(page, /is now Mallory/, `${literal(ORG)} is now ${literal(MALLORY)}'s default organization.`);

  // 3. Show Membership from the tree: the rendered document reads the names exactly, and
  // nothing in them became a link, an image, emphasis or a table row.
  await expandTreeRow(page, VIEW, /^Hostile Org/);
  await revealTreeRow(page, VIEW, /^Mallory/);
  await treeRowContextMenu(page, VIEW, /^Mallory/, 'Show Membership…');
  if (ctx.vscodeVersion.startsWith('1.96.')) {
    // VS Code 1.96's preview (markdown-it 12) would link the escaped email: the source opens instead.
    await poll(async () => (/^\d+\.md$/.test((await page.locator('.tabs-container .tab.active .label-name').innerText({ timeout: 1000 })).trim()) ? true : undefined), 'the membership document as source');
    assert.equal(await page.locator('iframe.webview[src*="markdown-language-features"]').count(), 0, 'no preview');
    await screenshot('4-membership-document-source');
  } else {
    const document = await waitForMarkdownPreview(page, /^Organization membership \d+$/);
    const fields = await tableRowsIn(document);
    assert.equal(fields.length, 11, `a header and the ten fields, no row injected: ${JSON.stringify(fields.map((row) => row[0]))}`);
    assert.ok(fields.every((row) => row.length === 2), 'two cells a row: no | split one');
    const cell = (label: string) => seen(fields.find((row) => row[0] === label)?.[1] ?? '');
    assert.equal(cell('Organization'), seen(visibleLine(ORG)));
    assert.equal(cell('User'), seen(visibleLine(`${MALLORY} <mallory@example.com>`)));
    assert.equal(cell('Default organization'), 'yes');
    assert.deepEqual(await hostileMarkupIn(document), [], 'no link, image, code or emphasis in the rendered document');
    await screenshot('4-membership-document');
  }
  await runCommand(page, 'View: Close Editor');

  // 4. Remove Membership from the tree: the confirmation and the progress.
  await treeRowContextMenu(page, VIEW, /^Mallory/, 'Remove Membership');
  const removal = await readDialog(page);
  assert.equal(seen(removal.message), seen(`Remove ${literal(MALLORY)} from ${literal(ORG)}?`));
  assert.deepEqual(await hostileMarkup(page), [], 'no link in the dialog');
  await screenshot('5-remove-dialog');
  await confirmDialog(page, 'Remove');
  await notificationReads(page, /^Removing Mallory/, `Removing ${literal(MALLORY)} from ${literal(ORG)}…`);
  await notificationReads(page, /^Removed Mallory/, `Removed ${literal(MALLORY)} from ${literal(ORG)}.`);

  // 5. Add again from the organization's row, then Unassign from the palette.
  await clearNotifications(page); // VS Code replaces an identical notification: the next "Added" must be new
  await treeRowContextMenu(page, VIEW, /^Hostile Org/, 'Add Member…');
  await pickQuickItem(page, /^Mallory/, { filter: 'Mallory' });
  await notificationReads(page, /^Added Mallory/, `Added ${literal(MALLORY)} to ${literal(ORG)}.`);
  await runCommand(page, 'Zendesk: Unassign User from Organization…');
  await pickQuickItem(page, /^Mallory/, { filter: 'Mallory' });
  await pickQuickItem(page, /^Hostile Org/);
  const unassign = await readDialog(page);
  assert.equal(seen(unassign.message), seen(`Unassign ${literal(MALLORY)} from ${literal(ORG)}?`));
  await confirmDialog(page, 'Unassign');
  await notificationReads(page, /^Unassigning Mallory/, `Unassigning ${literal(MALLORY)} from ${literal(ORG)}…`);
  await openNotificationCentre(page);
  await expandNewest(page);
  await screenshot('6-progress-unassigning');
  await closeNotificationCentre(page);
  await notificationReads(page, /^Unassigned Mallory/, `Unassigned ${literal(MALLORY)} from ${literal(ORG)}.`);

  // 6. A bulk add from a file named like a command link: the preview, the notifications, the Jobs panel.
  await runCommand(page, 'Zendesk: Add Members in Bulk…');
  await pickQuickItem(page, /Import a CSV or JSON file/);
  await answerFileDialog(page, csv); // code-server's simple file dialog takes a path
  const preview = await readDialog(page);
  const title = `Add 2 members (${literal(FILE)})`;
  assert.equal(seen(preview.message), seen(title));
  await screenshot('7-bulk-preview-dialog');
  await confirmDialog(page, 'Add 2 Members');
  await clickNotificationButton(page, /Adding 2 members in 1 Zendesk job\./, 'Show Jobs');
  const panel = jobsPanel(ctx);
  const card = await operationCard(panel, /^Add 2 members/);
  assert.equal(seen(await card.locator('.title').innerText()), seen(visibleLine(title)));
  await poll(async () => (/Completed/.test(await card.locator('vscode-badge').innerText()) ? true : undefined), 'the bulk add to complete', 60_000);
  await expandOperation(card);
  const cells = card.locator('table.items tbody tr');
  await poll(async () => ((await cells.count()) === 2 ? true : undefined), 'two item rows');
  const rows = await cells.evaluateAll((trs) => trs.map((tr) => Array.from((tr as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('td'), (td) => td.textContent ?? '')));
  assert.deepEqual(rows.map((row) => row[0]).sort(), [visibleLine(`${MALLORY} (mallory@example.com)`), visibleLine(`${TRUDY} (trudy@example.com)`)].sort());
  assert.deepEqual(rows.map((row) => row[1]), [visibleLine(ORG), visibleLine(ORG)]);
  assert.equal(await panel.locator('a').count(), 0, 'no anchor in the Jobs panel');
  assert.equal(await panel.locator('img').count(), 0, 'no image in the Jobs panel');
  await screenshot('8-jobs-panel');
  await notificationReads(page, /^Added 2 of 2 members/, `Added 2 of 2 members (${literal(title, 400)}).`);

  // The notification centre, with everything said above: text only. Clicking where the links were does nothing.
  await openNotificationCentre(page);
  const all = await readNotifications(page, { keepOpen: true });
  assert.ok(all.some((notification) => notification.message.includes('Session expired')), `notifications: ${JSON.stringify(all.map((n) => n.message.slice(0, 40)))}`);
  assert.deepEqual(await hostileMarkup(page), [], 'no link, image or codicon anywhere in the notification centre');
  await page.locator('.notifications-center .notification-list-item-message', { hasText: 'Session expired' }).first().click();
  await screenshot('9-notification-centre');
  await closeNotificationCentre(page);
}
