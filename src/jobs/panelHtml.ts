// The jobs webview's HTML shell: a strict CSP, one nonce'd module script, one stylesheet, and no
// data at all (everything arrives by postMessage and is rendered as text). No `vscode` import.
import { randomBytes } from 'node:crypto';

export interface PanelHtmlInput {
  /** `webview.cspSource` */
  cspSource: string;
  nonce: string;
  /** `asWebviewUri` of dist/webview.js and media/jobs.css, as strings */
  scriptUri: string;
  styleUri: string;
  /** Localized in the host: the page title and the text shown until the script has rendered. */
  title: string;
  loadingText: string;
  /** e.g. vscode.env.language */
  language: string;
}

export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Scripts only by nonce; styles, fonts and images only from the extension's own resources.
 * Lit styles its components with constructable stylesheets (adoptedStyleSheets), which CSP does
 * not govern, so no style nonce and no 'unsafe-inline' are needed.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function panelHtml(input: PanelHtmlInput): string {
  const csp = contentSecurityPolicy(input.cspSource, input.nonce);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(input.language)}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
  <title>${escapeHtml(input.title)}</title>
</head>
<body>
  <main id="app" aria-busy="true"><p class="loading">${escapeHtml(input.loadingText)}</p></main>
  <script type="module" nonce="${escapeHtml(input.nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}

/** For text and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}
