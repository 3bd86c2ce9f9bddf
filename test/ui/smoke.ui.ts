// Smoke: the installed VSIX contributes the Zendesk activity-bar container, and its Organizations
// view greets a signed-out user with the welcome text and a Sign In button.
import * as assert from 'node:assert/strict';
import { openZendesk, waitForIdle, welcomeContent, type UiContext } from './workbench';

export const name = 'Zendesk container shows the signed-out welcome';

export async function run({ page, screenshot }: UiContext): Promise<void> {
  await openZendesk(page);
  const welcome = await welcomeContent(page, 'Organizations');
  assert.match(welcome.paragraphs[0] ?? '', /^Sign in to a Zendesk account to browse its organizations/);
  assert.deepEqual(welcome.buttons, ['Sign In']);
  await waitForIdle(page); // the extension has activated for the view: a calm screenshot
  await screenshot('signed-out');
}
