// A window reload in the middle of a bulk add, in the installed VSIX: the jobs go on in Zendesk,
// the reloaded window finds the operation again (saved in globalState), shows it at once, catches
// up with Zendesk while the jobs still run, follows it to the end, and every item is accounted
// for — the memberships in the sandbox are exactly the ones asked for.
import * as assert from 'node:assert/strict';
import { answerFileDialog } from './fileDialog';
import { jobsPanel, newMembersCsv, operationCard, progressOf, sandboxControl, signInWithApiToken } from './bulk';
import {
  clickNotificationButton, confirmDialog, pickQuickItem, poll, runCommand,
  waitForWorkbench, type UiContext,
} from './workbench';

export const name = 'a window reload in the middle of a bulk add loses nothing';

const MEMBERS = 150;
const ORGANIZATION = 'Reload Proof Ltd';
const TITLE = new RegExp(`^Add ${MEMBERS} members \\(reload-members\\.csv\\)$`);

/** Memberships in the sandbox: each job item Zendesk has processed made one. */
async function membershipsInSandbox(ctx: UiContext): Promise<number> {
  const state = await fetch(`${ctx.sandbox.url}/__sandbox/state`).then((response) => response.json()) as { memberships: number };
  return state.memberships;
}

export async function run(ctx: UiContext): Promise<void> {
  const { page, screenshot } = ctx;
  const csv = await newMembersCsv(ctx, ORGANIZATION, MEMBERS, 'reload.member', 'reload-members.csv');
  const before = await membershipsInSandbox(ctx);

  await signInWithApiToken(ctx);

  // Slow jobs (two of 100 and 50 items, 250 ms an item) leave time to reload mid-run and to see
  // the reloaded panel catch up while they still run.
  await sandboxControl(ctx, 'jobs/pace', { ms_per_item: 250 });
  await runCommand(page, 'Zendesk: Add Members in Bulk…');
  await pickQuickItem(page, /Import a CSV or JSON file/);
  await answerFileDialog(page, csv); // code-server's simple file dialog takes a path
  await confirmDialog(page, `Add ${MEMBERS} Members`);
  await clickNotificationButton(page, new RegExp(`Adding ${MEMBERS} members in 2 Zendesk jobs`), 'Show Jobs');
  const running = await operationCard(jobsPanel(ctx), TITLE);
  await poll(async () => {
    const [value] = await progressOf(running);
    return value > 0 && value < MEMBERS ? true : undefined;
  }, 'Zendesk to be part-way through the jobs', 30_000);
  const [atReload] = await progressOf(running);
  await screenshot('1-before-reload');
  // Slower still across the reload: on a busy machine the reloaded workbench can take half a
  // minute, and the jobs must still be running when its panel catches up (sped up again below).
  await sandboxControl(ctx, 'jobs/pace', { ms_per_item: 1_000 });

  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitForWorkbench(page);
  // The reloaded window knows the operation is still running (status bar); clicking it shows the panel.
  const statusItem = page.locator('.statusbar-item', { hasText: /Zendesk: 1 running/ });
  await statusItem.waitFor({ state: 'visible', timeout: 30_000 });
  await statusItem.click();
  const resumed = await operationCard(jobsPanel(ctx), TITLE);
  // At once: the stored operation, never ahead of what Zendesk has done.
  const [shown] = await progressOf(resumed);
  const processedThen = await membershipsInSandbox(ctx) - before;
  assert.ok(shown <= processedThen && processedThen < MEMBERS, `the revived panel shows the stored progress (${shown}; Zendesk had processed ${processedThen})`);
  // Then live: the panel catches up with what Zendesk had processed while the jobs still run
  // (at 250 ms an item they take seconds more; a panel that waits for a lease or a slow poll misses them).
  const caughtUp = await poll(async () => {
    const [value] = await progressOf(resumed);
    if (value >= MEMBERS) throw new Error(`the panel first caught up when the jobs had ended (${value})`);
    return value >= processedThen ? value : undefined;
  }, `the panel to reach the ${processedThen} items Zendesk had processed, before the jobs end`, 30_000);
  await screenshot('2-live-after-reload');
  console.log(`    reload: the panel showed ${shown} at once, Zendesk had processed ${processedThen}, the panel then showed ${caughtUp}`);
  await sandboxControl(ctx, 'jobs/pace', { ms_per_item: 10 });
  await poll(async () => (/^Completed$/.test((await resumed.locator('vscode-badge').innerText()).trim()) ? true : undefined),
    'the reloaded window to follow the operation to the end', 90_000);
  await screenshot('3-completed-after-reload');

  assert.ok(atReload > 0 && atReload < MEMBERS, `reloaded part-way (${atReload} of ${MEMBERS} processed)`);
  assert.match(await resumed.locator('.count.succeeded').innerText(), new RegExp(`${MEMBERS} added`));
  assert.match(await resumed.locator('.count.failed').innerText(), /^✗?\s*0 failed$/);
  assert.deepEqual(await progressOf(resumed), [MEMBERS, MEMBERS]);
  assert.equal(await membershipsInSandbox(ctx) - before, MEMBERS, 'exactly the asked-for memberships exist, none lost, none twice');
}
