// The whole OAuth flow in the installed VSIX: palette → Sign In → OAuth → the sandbox's consent
// page in a new browser tab → Allow → back in VS Code through its URI handler → a populated
// tree. Then the account is in VS Code's Accounts menu, and signing out there empties the view.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  answerQuickInput, browserStorageText, clickMenuItem, menuItems, openZendesk, pickQuickItem, poll, runCommand,
  waitForNotification, waitForTreeRows, welcomeContent, type UiContext,
} from './workbench';

export const name = 'OAuth sign-in through the browser, the Accounts menu, sign-out';

const VIEW = 'Organizations';
const CLIENT_ID = 'zendesk-memberships-vscode';

export async function run(ctx: UiContext): Promise<void> {
  const { page, sandbox, screenshot } = ctx;
  await openZendesk(page);
  await runCommand(page, 'Zendesk: Sign In…');
  await answerQuickInput(page, sandbox.url, { title: 'Sign in to Zendesk' });
  await pickQuickItem(page, /OAuth \(recommended\)/);
  await answerQuickInput(page, CLIENT_ID, { title: /with OAuth/ });
  const consentTab = page.context().waitForEvent('page', { timeout: 30_000 });
  await answerQuickInput(page, '', { title: /with OAuth/ }); // a public client: no secret, PKCE instead

  // VS Code may ask before opening an external site.
  const opened = await Promise.race([consentTab, confirmOpen(page).then(() => consentTab)]);
  await opened.waitForLoadState('domcontentloaded');
  assert.match(opened.url(), /\/oauth\/authorizations\/new\?.*code_challenge_method=S256/);
  assert.match(await opened.locator('h1').innerText(), /^Authorize /, `consent page for ${opened.url()}: ${await opened.locator('body').innerText()}`);
  await opened.screenshot({ path: `${process.cwd()}/test-results/screenshots/oauth-2-consent-page.png` }).catch(() => undefined);
  await opened.locator('button[value="allow"]').click();
  await opened.waitForURL(/\/callback\?/, { timeout: 30_000 });

  await waitForNotification(page, /Signed in to 127\.0\.0\.\d:\d+ as Sandbox Admin .* with OAuth\./);
  await waitForTreeRows(page, VIEW, (rows) => rows.length >= 10, 'organization rows after the OAuth sign-in');
  await screenshot('3-signed-in-tree');

  // Nothing from the flow is left in the workbench's browser storage in clear text.
  const { requests: flow } = await fetch(`${sandbox.url}/__sandbox/requests`).then((response) => response.json()) as { requests: Array<{ path: string; body?: string }> };
  const exchange = JSON.parse(flow.find((request) => request.path === '/oauth/tokens')?.body ?? '{}') as Record<string, string>;
  assert.ok(exchange.code && exchange.code_verifier, 'the code was exchanged with its PKCE verifier');

  // With the Jobs panel open too: no code, verifier or token of any kind in the browser's storage
  // (localStorage, IndexedDB: VS Code's global, workspace and webview state) or the panel's document.
  await runCommand(page, 'Zendesk: Show Jobs');
  const panel = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await panel.locator('text=No bulk operations yet').waitFor({ state: 'visible', timeout: 30_000 });
  const panelDocument = await panel.locator('html').evaluate((element) => (element as unknown as { outerHTML: string }).outerHTML);
  const storage = await browserStorageText(page);
  assert.ok(storage.includes('zendesk.accounts'), 'the scan covers the extension\'s globalState');
  const tokens = sandbox.issuedTokens();
  assert.ok(tokens.length >= 2, 'an access and a refresh token were issued');
  for (const secret of [exchange.code, exchange.code_verifier, ...tokens]) {
    assert.ok(!storage.includes(secret), 'nothing secret in the browser\'s storage');
    assert.ok(!panelDocument.includes(secret), 'nothing secret in the Jobs panel');
  }

  // The Accounts menu lists the Zendesk account, and signs it out.
  await page.locator('.activitybar [aria-label^="Accounts"]').first().click();
  const items = await menuItems(page);
  const entry = items.find((item) => /Sandbox Admin — 127\.0\.0\.\d:\d+ \(Zendesk\)/.test(item));
  assert.ok(entry, `the Accounts menu lists the Zendesk account: ${JSON.stringify(items)}`);
  await screenshot('4-accounts-menu');
  await page.locator('.context-view .monaco-menu a.action-menu-item', { hasText: entry }).hover();
  await clickMenuItem(page, 'Sign Out');
  // VS Code's own confirmation (its text is VS Code's, not ours).
  const dialog = page.locator('.monaco-dialog-box[role="dialog"]');
  await dialog.waitFor({ state: 'visible' });
  assert.match(await dialog.innerText(), /Sign out of 'Sandbox Admin — 127\.0\.0\.\d:\d+'\?/);
  await dialog.locator('.dialog-buttons a.monaco-button', { hasText: /^Sign Out$/ }).click();
  await poll(async () => ((await welcomeContent(page, VIEW).catch(() => undefined))?.buttons.includes('Sign In') ? true : undefined), 'the signed-out welcome view');
  await screenshot('5-signed-out');
}

/** Clicks "Open" if VS Code asks whether to open the external site. */
async function confirmOpen(page: Page): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box[role="dialog"]');
  await dialog.waitFor({ state: 'visible', timeout: 10_000 });
  await dialog.locator('.dialog-buttons a.monaco-button', { hasText: /^Open$/ }).first().click();
}
