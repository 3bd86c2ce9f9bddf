// The two HTML pages of the authorization flow: the consent page (Allow / Deny) and the error page
// shown when the sandbox must not redirect (unknown client, unregistered redirect_uri). No script
// and no external resources; the one inline style is allowed by a per-page nonce.
import { randomBytes } from 'node:crypto';
import type { ApiResponse } from './http';
import { describeScope, type Scope } from './oauthScopes';

export const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

export interface ConsentView {
  clientName: string;
  clientId: string;
  userName: string;
  userEmail: string | null;
  scope: Scope;
  /** Hidden fields: the request's parameters plus `csrf_token`. */
  fields: Record<string, string>;
  redirectUri: string;
}

export function consentPage(view: ConsentView): ApiResponse {
  const hidden = Object.entries(view.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n      ');
  const scopes = view.scope.map((item) => `<li><code>${escapeHtml(item)}</code>: ${escapeHtml(describeScope(item))}</li>`).join('\n      ');
  const body = `<h1>Authorize ${escapeHtml(view.clientName)}</h1>
    <p class="who">Signed in as ${escapeHtml(view.userName)}${view.userEmail === null ? '' : ` (${escapeHtml(view.userEmail)})`}</p>
    <p><strong>${escapeHtml(view.clientName)}</strong> (<code>${escapeHtml(view.clientId)}</code>) asks for access to your Zendesk account:</p>
    <ul>
      ${scopes}
    </ul>
    <p class="small">You will be sent back to <code>${escapeHtml(view.redirectUri)}</code>.</p>
    <form method="post" action="../authorizations"><!-- relative: the page may be reached through a path proxy (code-server's /proxy/PORT/) -->
      ${hidden}
      <button type="submit" name="decision" value="allow">Allow</button>
      <button type="submit" name="decision" value="deny">Deny</button>
    </form>`;
  // form-action also governs where the form's redirect may go (browsers check the 302 target),
  // so it names the redirect URI's origin besides 'self'.
  return htmlPage(200, `Authorize ${view.clientName}`, body, `'self' ${cspSourceFor(view.redirectUri)}`);
}

export function errorPage(status: number, title: string, message: string): ApiResponse {
  return htmlPage(status, title, `<h1>${escapeHtml(title)}</h1>\n    <p>${escapeHtml(message)}</p>`, "'none'");
}

function htmlPage(status: number, title: string, body: string, formAction: string): ApiResponse {
  const nonce = randomBytes(16).toString('base64');
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>${escapeHtml(title)} – Zendesk sandbox</title>
    <style nonce="${nonce}">
      body { font: 16px/1.5 system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
      .who, .small { color: #59636e; }
      .small { font-size: 0.875rem; }
      button { font: inherit; padding: 0.4rem 1.2rem; margin-right: 0.5rem; }
    </style>
  </head>
  <body>
    ${body}
  </body>
</html>
`;
  return {
    status,
    rawBody: html,
    headers: {
      'Content-Type': HTML_CONTENT_TYPE,
      'Content-Security-Policy': `default-src 'none'; style-src 'nonce-${nonce}'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      'X-Frame-Options': 'DENY',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    },
  };
}

/** A CSP source for the redirect URI's origin; a bare scheme when its host is not a plain name. */
function cspSourceFor(uri: string): string {
  const url = new URL(uri);
  if (!/^[A-Za-z0-9.-]+$/.test(url.hostname)) return url.protocol;
  return `${url.protocol}//${url.hostname}${url.port === '' ? '' : `:${url.port}`}`;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** The usual five entities, so any HTML reader (a test's regex included) decodes them. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}
