// What the UI specs share about the Jobs panel and the sandbox's controls.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import type { UiContext } from './workbench';

/** POST /__sandbox/<route> with a JSON body; fails the spec unless the sandbox accepts it. */
export async function sandboxControl(ctx: UiContext, route: string, body: unknown): Promise<void> {
  const response = await fetch(`${ctx.sandbox.url}/__sandbox/${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.ok(response.ok, `${route}: HTTP ${response.status}`);
}

/** The Jobs panel's document: code-server nests a webview in two iframes. */
export function jobsPanel(ctx: UiContext): FrameLocator {
  return ctx.page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
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
