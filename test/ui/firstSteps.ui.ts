// What a newcomer types and sees: the sandbox's address without http:// (the sandbox speaks plain
// HTTP), which says what went wrong and offers Sign In with the http:// address; then a bulk add of
// one member, whose preview and notification speak of "1 member" and "1 Zendesk job".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { answerFileDialog } from './fileDialog';
import { sandboxControl } from './bulk';
import {
  answerQuickInput, clickNotificationButton, closeNotificationCentre, confirmDialog, openNotificationCentre, openZendesk, pickQuickItem, readDialog, runCommand, waitForNotification,
  waitForQuickInput, waitForTreeRows, type UiContext,
} from './workbench';

export const name = 'an address typed without http://, then a bulk add of one member';

export async function run(ctx: UiContext): Promise<void> {
  const { page, sandbox, screenshot } = ctx;
  const host = new URL(sandbox.url).host; // 127.0.0.2:<port>, as a person types it
  await openZendesk(page);
  await runCommand(page, 'Zendesk: Sign In…');
  await answerQuickInput(page, host, { title: 'Sign in to Zendesk' });
  await pickQuickItem(page, /API token \(legacy\)/);
  await answerQuickInput(page, sandbox.email, { title: /with an API token/ });
  await answerQuickInput(page, sandbox.token, { title: /with an API token/ });
  const failure = await waitForNotification(page, /does not answer over HTTPS/, { severity: 'error' });
  assert.equal(failure.message, `https://${host} does not answer over HTTPS: the server there speaks plain HTTP. For a local sandbox, type the address with http://, for example http://${host} (only loopback addresses may use http).`);
  assert.doesNotMatch(failure.message, /SSL routines|wrong version number|EPROTO/i);
  assert.deepEqual(failure.buttons, ['Sign In']);
  await openNotificationCentre(page);
  await screenshot('1-not-https');
  await closeNotificationCentre(page);

  // Sign In from the notification starts again with the address to use.
  await clickNotificationButton(page, /does not answer over HTTPS/, 'Sign In');
  const address = await waitForQuickInput(page, 'Sign in to Zendesk');
  assert.equal(address.value, `http://${host}`);
  await screenshot('2-sign-in-with-http');
  await answerQuickInput(page, `http://${host}`, { title: 'Sign in to Zendesk' });
  await pickQuickItem(page, /API token \(legacy\)/);
  await answerQuickInput(page, sandbox.email, { title: /with an API token/ });
  await answerQuickInput(page, sandbox.token, { title: /with an API token/ });
  await waitForTreeRows(page, 'Organizations', (rows) => rows.length >= 10, 'organization rows');

  // One member in bulk: every count in the singular.
  await sandboxControl(ctx, 'organizations', { name: 'Solo Org' });
  await sandboxControl(ctx, 'users', { name: 'Solo Member', email: 'solo.member@example.com', role: 'end-user' });
  const csv = path.join(ctx.workspace, 'one-member.csv');
  fs.writeFileSync(csv, 'user_email,organization_name\nsolo.member@example.com,Solo Org\n');
  await runCommand(page, 'Zendesk: Add Members in Bulk…');
  await pickQuickItem(page, /Import a CSV or JSON file/);
  await answerFileDialog(page, csv); // code-server's simple file dialog takes a path
  const preview = await readDialog(page);
  await screenshot('3-one-member-preview');
  assert.equal(preview.message, 'Add 1 member (one-member.csv)');
  assert.match(preview.detail, /^1 membership will be added in 1 Zendesk job\.$/m);
  assert.ok(preview.buttons.includes('Add 1 Member'), JSON.stringify(preview.buttons));
  await confirmDialog(page, 'Add 1 Member');
  await waitForNotification(page, 'Adding 1 member in 1 Zendesk job.');
  await waitForNotification(page, 'Added 1 of 1 member (Add 1 member (one-member.csv)).');
  await openNotificationCentre(page);
  await screenshot('4-one-member-added');
  await closeNotificationCentre(page);
}
