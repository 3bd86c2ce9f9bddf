// Bulk add in the installed VSIX: import a CSV into an organization whose name is an HTML
// injection attempt, accept the preview, open the Jobs panel from the notification, watch the
// progress reach 100 %, read the per-item table, retry the failed items. The hostile name shows
// as text in the tree and in the panel, and nothing executes.
import * as assert from 'node:assert/strict';
import { answerFileDialog } from './fileDialog';
import {
  browserStorageText, clickNotificationButton, confirmDialog, pickQuickItem, poll, revealTreeRow, runCommand,
  waitForNotification, waitForWorkbench, type UiContext,
} from './workbench';
import { expandOperation, jobsPanel, newMembersCsv, operationCard, progressOf, sandboxControl as control, signInWithApiToken } from './bulk';

export const name = 'bulk add from a CSV, watch the jobs panel, retry the failed items';

const VIEW = 'Organizations';
const HOSTILE = '<img src=x onerror=alert(1)>';
const MEMBERS = 120;

export async function run(ctx: UiContext): Promise<void> {
  const { page, screenshot } = ctx;
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => { dialogs.push(dialog.message()); void dialog.dismiss(); });

  const csv = await newMembersCsv(ctx, HOSTILE, MEMBERS, 'bulk.member', 'new-members.csv');
  await control(ctx, 'jobs/fail_next', { n: 1, status: 'failed', after_items: 30 }); // the first job dies after 30 items

  await signInWithApiToken(ctx);
  await revealTreeRow(page, VIEW, HOSTILE); // the label is the text itself

  await runCommand(page, 'Zendesk: Add Members in Bulk…');
  await pickQuickItem(page, /Import a CSV or JSON file/);
  await answerFileDialog(page, csv); // code-server's simple file dialog takes a path
  const preview = await confirmDialog(page, `Add ${MEMBERS} Members`);
  assert.match(preview.message, new RegExp(`^Add ${MEMBERS} members \\(new-members\\.csv\\)$`));
  assert.match(preview.detail, /120 memberships will be added in 2 Zendesk jobs\./);

  await clickNotificationButton(page, /Adding 120 members in 2 Zendesk jobs/, 'Show Jobs');
  const panel = jobsPanel(ctx);
  const card = await operationCard(panel, /^Add 120 members \(new-members\.csv\)$/);
  await screenshot('1-panel-running');
  // The progress bar is sampled while the jobs run: it only ever moves forward, and ends full.
  const progress: Array<[number, number]> = [];
  await poll(async () => {
    progress.push(await progressOf(card));
    return /Completed/.test(await card.locator('vscode-badge').innerText()) ? true : undefined;
  }, 'the operation to complete', 60_000);
  progress.push(await progressOf(card));
  assert.ok(progress.every(([, max]) => max === MEMBERS), `the bar's maximum is the item count: ${JSON.stringify(progress)}`);
  assert.ok(progress.every(([value], index) => index === 0 || value >= progress[index - 1][0]), `the bar never moves back: ${JSON.stringify(progress)}`);
  assert.deepEqual(progress.at(-1), [MEMBERS, MEMBERS], 'the bar ends at 100 %');
  assert.match(await card.locator('.count.processed').innerText(), /^120 of 120 processed$/);
  assert.match(await card.locator('.count.failed').innerText(), /70 failed/);
  await waitForNotification(page, /Added 50 of 120 members — 70 failed/);

  await expandOperation(card);
  const table = card.locator('table.items');
  await table.waitFor({ state: 'visible' });
  const firstRow = table.locator('tbody tr').first();
  // The panel may have expanded the operation itself (Show Jobs focuses it) while it ran; its rows
  // follow the list by up to a second (they are coalesced to one update a second).
  await poll(async () => (/Failed/.test(await firstRow.locator('td.outcome').innerText()) ? true : undefined), 'the table to list the failures first');
  assert.equal(await firstRow.locator('td').nth(1).innerText(), HOSTILE, 'the organization name is shown as text');
  assert.match(await firstRow.locator('td.outcome').innerText(), /Failed/);
  assert.match(await firstRow.locator('td.detail').innerText(), /job failed/i);
  assert.equal(await panel.locator('img').count(), 0, 'no element was injected');
  await screenshot('2-panel-completed-table');

  await card.locator('vscode-button', { hasText: 'Retry failed items' }).click();
  const retry = await operationCard(panel, /retry of 70 failed$/);
  await poll(async () => (/^Completed$/.test((await retry.locator('vscode-badge').innerText()).trim()) ? true : undefined), 'the retry to complete', 60_000);
  assert.match(await retry.locator('.count.succeeded').innerText(), /70 added/);
  assert.equal(await card.locator('vscode-button', { hasText: 'Retry failed items' }).count(), 0, 'the original offers no second retry');
  assert.match(await card.locator('.actions .note').innerText(), /retried/);
  await screenshot('3-panel-retried');

  // After a window reload the panel comes back (its serializer) with the operations. VS Code saves
  // its editor layout (the panel among it) a little later, not at once: reload once it has.
  await poll(async () => (/mainThreadWebview-zendesk\.jobs/.test(await browserStorageText(page)) ? true : undefined), 'VS Code to save the layout with the Jobs panel', 90_000);
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitForWorkbench(page);
  const restored = await operationCard(jobsPanel(ctx), /retry of 70 failed$/);
  assert.match(await restored.locator('.count.succeeded').innerText(), /70 added/);
  await screenshot('4-panel-after-reload');
  assert.deepEqual(dialogs, [], 'nothing executed (no alert)');
}
