// What the bulk UI specs share: the sandbox's controls, a CSV of new users, an API-token sign-in,
// and the Jobs panel.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { answerQuickInput, openZendesk, pickQuickItem, poll, runCommand, waitForTreeRows, type UiContext } from './workbench';

/** POST /__sandbox/<route> with a JSON body; fails the spec unless the sandbox accepts it. */
export async function sandboxControl(ctx: UiContext, route: string, body: unknown): Promise<void> {
  const response = await fetch(`${ctx.sandbox.url}/__sandbox/${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `${route}: HTTP ${response.status}`);
}

/** The Jobs panel's document: code-server nests a webview in two iframes (not a Markdown preview's, also a webview). */
export function jobsPanel(ctx: UiContext): FrameLocator {
  return ctx.page.frameLocator('iframe.webview.ready:not([src*="markdown-language-features"])').frameLocator('iframe#active-frame');
}

/** The `vscode-progress-bar`'s value and max, as the element holds them. */
export async function progressOf(card: Locator): Promise<[number, number]> {
  return card.locator('vscode-progress-bar').evaluate((element) => {
    const bar = element as unknown as { value: number; max: number };
    return [bar.value, bar.max] as [number, number];
  });
}

export async function operationCard(panel: FrameLocator, title: RegExp): Promise<Locator> {
  const card = panel.locator('li.operation').filter({ has: panel.locator('.title', { hasText: title }) });
  await card.first().waitFor({ state: 'visible', timeout: 30_000 });
  return card.first();
}

/** Expands an operation's card to its item table. */
export async function expandOperation(card: Locator): Promise<void> {
  // The first click into a webview that does not have focus may only focus it: click until expanded.
  const toggle = card.locator('button.toggle');
  await poll(async () => {
    if ((await toggle.getAttribute('aria-expanded')) === 'true') return true;
    await toggle.click();
    return undefined;
  }, 'the operation to expand');
}

/**
 * A new organization and `count` new end users in the sandbox, and a CSV in the workspace that
 * adds them all to it (user_email,organization_name). Returns the CSV's path.
 */
export async function newMembersCsv(ctx: UiContext, organization: string, count: number, emailPrefix: string, file: string): Promise<string> {
  await sandboxControl(ctx, 'organizations', { name: organization });
  const emails = Array.from({ length: count }, (_, index) => `${emailPrefix}.${index}@example.com`);
  const namePrefix = emailPrefix.split('.').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' '); // bulk.member → Bulk Member
  for (const [index, email] of emails.entries()) {
    await sandboxControl(ctx, 'users', { name: `${namePrefix} ${index}`, email, role: 'end-user' });
  }
  const csv = path.join(ctx.workspace, file);
  fs.writeFileSync(csv, ['user_email,organization_name', ...emails.map((email) => `${email},${organization}`)].join('\n'));
  return csv;
}

/** Signs in to the sandbox from the palette with its admin's API token and waits for the tree. */
export async function signInWithApiToken(ctx: UiContext): Promise<void> {
  const { page, sandbox } = ctx;
  await openZendesk(page);
  await runCommand(page, 'Zendesk: Sign In…');
  await answerQuickInput(page, sandbox.url, { title: 'Sign in to Zendesk' });
  await pickQuickItem(page, /API token \(legacy\)/);
  await answerQuickInput(page, sandbox.email, { title: /with an API token/ });
  await answerQuickInput(page, sandbox.token, { title: /with an API token/ });
  await waitForTreeRows(page, 'Organizations', (rows) => rows.length >= 10, 'organization rows');
}
