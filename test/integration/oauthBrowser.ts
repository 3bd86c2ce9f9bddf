import * as vscode from 'vscode';
import type { OAuthCallbacks } from '../../src/auth/oauthCallbacks';
import { EXTENSION_ID } from './fixture';

/**
 * Plays the user's browser for the extension-host tests: opens Zendesk's authorization page,
 * answers the consent form, and delivers the redirect to the extension's URI handler the way
 * VS Code would (the real browser round trip is the Playwright test's job).
 */
export function consentingBrowser(callbacks: OAuthCallbacks, decision: 'allow' | 'deny', tamper?: (query: URLSearchParams) => void) {
  return async (url: string): Promise<void> => {
    const page = await fetch(url);
    const html = await page.text();
    if (page.status !== 200) {
      throw new Error(`authorization page: HTTP ${page.status}: ${html.slice(0, 200)}`);
    }
    const form = new URLSearchParams();
    for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      form.set(unescape(name), unescape(value));
    }
    form.set('decision', decision);
    const answer = await fetch(new URL('/oauth/authorizations', url), {
      method: 'POST', redirect: 'manual', body: form.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const location = answer.headers.get('location');
    if (answer.status !== 302 || !location) {
      throw new Error(`consent: HTTP ${answer.status}`);
    }
    const target = new URL(location);
    const query = target.searchParams;
    tamper?.(query);
    // In a browser window the redirect goes to code-server's /callback, which hands VS Code the
    // path it was given as `vscode-path`; on the desktop the redirect URI is the vscode:// link itself.
    const path = query.get('vscode-path') ?? target.pathname;
    const back = new URLSearchParams([...query].filter(([key]) => !key.startsWith('vscode-')));
    callbacks.handleUri(vscode.Uri.from({ scheme: vscode.env.uriScheme, authority: EXTENSION_ID, path, query: back.toString() }));
  };
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
