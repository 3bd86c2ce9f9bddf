import assert from 'node:assert/strict';
import { contentSecurityPolicy, createNonce, escapeHtml, panelHtml } from '../../../src/jobs/panelHtml';

describe('jobs panel: HTML and CSP', () => {
  const input = {
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'bm9uY2Uvd2l0aCtiYXNlNjQ9PQ==',
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
    styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/jobs.css',
    title: 'Zendesk Jobs',
    loadingText: 'Loading jobs…',
    language: 'en',
  };

  it('allows nothing by default, scripts only by nonce, the rest only from the extension', () => {
    const directives = new Map(contentSecurityPolicy(input.cspSource, input.nonce).split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), [`'nonce-${input.nonce}'`]);
    assert.deepEqual(directives.get('style-src'), [input.cspSource]);
    assert.deepEqual(directives.get('font-src'), [input.cspSource]);
    assert.deepEqual(directives.get('img-src'), [input.cspSource]);
  });

  it('never allows inline code or eval', () => {
    const html = panelHtml(input);
    for (const forbidden of ['unsafe-inline', 'unsafe-eval', 'unsafe-hashes', 'strict-dynamic', 'data:', 'https:;', '*']) {
      assert.ok(!contentSecurityPolicy(input.cspSource, input.nonce).includes(forbidden), forbidden);
    }
    assert.ok(!/\son[a-z]+\s*=/i.test(html), 'no inline event handlers');
    assert.ok(!/style\s*=/i.test(html), 'no inline styles');
  });

  it('loads exactly one script, with the nonce, from the bundle, and the stylesheet', () => {
    const html = panelHtml(input);
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;nonce-${input.nonce}&#39;`));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.deepEqual(scripts, [`<script type="module" nonce="${input.nonce}" src="${input.scriptUri}">`]);
    assert.ok(html.includes(`<link rel="stylesheet" href="${input.styleUri}">`));
    assert.ok(/<script[^>]*><\/script>/.test(html), 'the script tag carries no inline code');
  });

  it('escapes what it interpolates', () => {
    const html = panelHtml({ ...input, title: '</title><script>alert(1)</script>', loadingText: '<img src=x onerror=alert(1)>' });
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(!html.includes('<img'));
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => createNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) {
      assert.equal(Buffer.from(nonce, 'base64').length, 16);
    }
  });
});
