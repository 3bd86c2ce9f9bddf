// A check of the Zendesk Jobs webview in real Chromium, outside VS Code: the built bundle
// (dist/webview.js + media/jobs.css) in the panel's own HTML and CSP, a fake acquireVsCodeApi, and
// the real host-side JobsPanelController driven by sample data (5 operations, one of 10,000 items
// updating every 2 ms, one with hostile names). It screenshots light, dark and high-contrast, and
// checks that nothing executes, the CSP is never violated, the DOM stays small and frames flow.
//
// Not a UI spec (those are test/ui/*.ui.ts, run by test/harness/runUi.ts); run it by hand:
//   npm run build && npx tsc -p tsconfig.json && node out/test/ui/webviewHarness.js [outDir]
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { HostMessage, ItemOutcome, ItemRow, OperationSummary } from '../../src/jobs/panelProtocol';
import { JobsPanelController, type ControllerSource } from '../../src/jobs/panelController';
import { createNonce, panelHtml } from '../../src/jobs/panelHtml';
import { launchChromium } from '../harness/chromium';
import { REPO_ROOT } from '../harness/tools';
import { poll } from './workbench';

/** HARNESS_DEBUG=1 logs every message between the controller and the page. */
const debug = process.env.HARNESS_DEBUG ? (...parts: unknown[]) => console.log(new Date().toISOString().slice(17, 23), ...parts) : () => undefined;

const HOSTILE_ORG = '<img src=x onerror="window.__pwned=1;alert(1)">';
const HOSTILE_USER = "=cmd|'/c calc'!A1";
const HOSTILE_TITLE = 'Add 3 members to <script>window.__pwned=2</script>';

// ── Sample data ───────────────────────────────────────────────────────────────────────────────

/** The per-change counts of add and remove operations are not shown (the panel counts their successes). */
const NONE = { add: 0, remove: 0, makeDefault: 0 };

interface SampleOperation {
  summary: Omit<OperationSummary, 'counts' | 'processed'>;
  rows: ItemRow[];
}

function rows(count: number, organization: string, outcome: (index: number) => ItemOutcome, detail: (index: number) => string = () => ''): ItemRow[] {
  return Array.from({ length: count }, (_, index) => ({
    index, user: `User ${index + 1} <user${index + 1}@example.com>`, organization, change: 'add' as const, outcome: outcome(index), detail: detail(index),
  }));
}

/** An in-memory JobsPanelSource: counts are derived from rows, like the real store does. */
class SampleJobs implements ControllerSource {
  readonly calls: string[] = [];
  private listeners: ((operationId: string | undefined) => unknown)[] = [];

  constructor(readonly operations: SampleOperation[]) {}

  summaries(): OperationSummary[] {
    return this.operations.map(({ summary, rows: items }) => {
      const counts = { total: items.length, pending: 0, submitted: 0, succeeded: 0, failed: 0, cancelled: 0 };
      for (const item of items) counts[item.outcome]++;
      return { ...summary, counts, processed: counts.succeeded + counts.failed };
    });
  }

  itemRows(operationId: string): ItemRow[] {
    return this.operations.find((operation) => operation.summary.id === operationId)?.rows.map((row) => ({ ...row })) ?? [];
  }

  readonly onDidChange = (listener: (operationId: string | undefined) => unknown) => {
    this.listeners.push(listener);
    return { dispose: () => { this.listeners = this.listeners.filter((candidate) => candidate !== listener); } };
  };

  fire(operationId?: string): void {
    for (const listener of this.listeners) listener(operationId);
  }

  async retryFailed(operationId: string): Promise<void> {
    this.calls.push(`retryFailed ${operationId}`);
  }

  cancel(operationId: string): void {
    this.calls.push(`cancel ${operationId}`);
  }

  resumePaused(operationId: string): void {
    this.calls.push(`resumePaused ${operationId}`);
  }
}

function sampleOperations(now: number): SampleOperation[] {
  const origin = 'https://acme.zendesk.com';
  return [
    {
      summary: { id: 'op-big', title: 'Add 10,000 members to Acme Global', kind: 'add', origin, state: 'running', createdAt: now - 95_000, chunks: { working: 2, pending: 60 }, cancellable: true, succeededBy: NONE },
      rows: rows(10_000, 'Acme Global', (index) => (index < 3_000 ? (index % 97 === 5 ? 'failed' : 'succeeded') : index < 3_200 ? 'submitted' : 'pending'),
        (index) => (index < 3_000 && index % 97 === 5 ? 'User is suspended' : '')),
    },
    {
      summary: { id: 'op-hostile', title: HOSTILE_TITLE, kind: 'add', origin, state: 'completed', createdAt: now - 600_000, finishedAt: now - 540_000, chunks: { completed: 1 }, cancellable: false, succeededBy: NONE },
      rows: [
        { index: 0, user: HOSTILE_USER, organization: HOSTILE_ORG, change: 'add', outcome: 'failed', detail: '<b>not bold</b> & "quoted"' },
        { index: 1, user: 'Ann Example', organization: HOSTILE_ORG, change: 'add', outcome: 'succeeded', detail: 'already a member' },
        { index: 2, user: '<svg onload=alert(2)>', organization: HOSTILE_ORG, change: 'add', outcome: 'succeeded', detail: '' },
      ],
    },
    {
      summary: { id: 'op-small', title: 'Remove 40 memberships from Initech', kind: 'remove', origin, state: 'running', createdAt: now - 12_000, chunks: { queued: 1 }, cancellable: false, succeededBy: NONE, paused: { reason: 'rateLimited', since: now - 360_000 } },
      rows: rows(40, 'Initech', (index) => (index < 25 ? 'succeeded' : 'submitted')),
    },
    {
      summary: { id: 'op-cancelled', title: 'Add 500 members to Globex', kind: 'add', origin, state: 'cancelled', createdAt: now - 3_600_000, finishedAt: now - 3_300_000, chunks: { completed: 2, cancelled: 3 }, cancellable: false, succeededBy: NONE },
      rows: rows(500, 'Globex', (index) => (index < 200 ? 'succeeded' : 'cancelled')),
    },
    {
      summary: { id: 'op-done', title: 'Remove 120 memberships from Umbrella', kind: 'remove', origin, state: 'completed', createdAt: now - 7_200_000, finishedAt: now - 7_150_000, chunks: { completed: 2 }, cancellable: false, succeededBy: NONE },
      rows: rows(120, 'Umbrella', () => 'succeeded'),
    },
  ];
}

// ── Themes: what VS Code sets on <html> as --vscode-* variables (a subset, by hand) ─────────────

type Theme = { bodyClass: string; vars: Record<string, string> };

const COMMON = { 'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif', 'font-size': '13px', 'font-weight': 'normal' };
const THEMES: Record<'dark' | 'light' | 'high-contrast', Theme> = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      ...COMMON, foreground: '#cccccc', 'editor-background': '#1f1f1f', 'sideBar-background': '#181818', descriptionForeground: '#9d9d9d',
      'widget-border': '#313131', 'panel-border': '#2b2b2b', 'editorWidget-border': '#454545', focusBorder: '#0078d4', 'icon-foreground': '#cccccc',
      'activityBarBadge-background': '#0078d4', 'activityBarBadge-foreground': '#ffffff', 'statusBarItem-errorBackground': '#c72e0f',
      'statusBarItem-errorForeground': '#ffffff', 'statusBarItem-warningBackground': '#7a6400', 'statusBarItem-warningForeground': '#ffffff',
      'badge-background': '#616161', 'badge-foreground': '#f8f8f8', 'input-background': '#313131', errorForeground: '#f85149',
      'testing-iconPassed': '#73c991', 'list-hoverBackground': '#2a2d2e', 'keybindingTable-rowsBackground': 'rgba(204, 204, 204, 0.04)',
      'progressBar-background': '#0078d4', 'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1',
      'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c', 'button-border': '#ffffff12',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      ...COMMON, foreground: '#3b3b3b', 'editor-background': '#ffffff', 'sideBar-background': '#f8f8f8', descriptionForeground: '#717171',
      'widget-border': '#e5e5e5', 'panel-border': '#e5e5e5', 'editorWidget-border': '#c8c8c8', focusBorder: '#005fb8', 'icon-foreground': '#3b3b3b',
      'activityBarBadge-background': '#005fb8', 'activityBarBadge-foreground': '#ffffff', 'statusBarItem-errorBackground': '#c72e0f',
      'statusBarItem-errorForeground': '#ffffff', 'statusBarItem-warningBackground': '#725102', 'statusBarItem-warningForeground': '#ffffff',
      'badge-background': '#cccccc', 'badge-foreground': '#3b3b3b', 'input-background': '#e5e5e5', errorForeground: '#c72e0f',
      'testing-iconPassed': '#388a34', 'list-hoverBackground': '#f2f2f2', 'keybindingTable-rowsBackground': 'rgba(97, 97, 97, 0.04)',
      'progressBar-background': '#005fb8', 'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8',
      'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc', 'button-border': '#0000001a',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      ...COMMON, foreground: '#ffffff', 'editor-background': '#000000', 'sideBar-background': '#000000', descriptionForeground: '#ffffffb3',
      contrastBorder: '#6fc3df', contrastActiveBorder: '#f38518', 'widget-border': '#6fc3df', 'panel-border': '#6fc3df', 'editorWidget-border': '#6fc3df',
      focusBorder: '#f38518', 'icon-foreground': '#ffffff', 'activityBarBadge-background': '#000000', 'activityBarBadge-foreground': '#ffffff',
      'statusBarItem-errorBackground': '#000000', 'statusBarItem-errorForeground': '#ffffff', 'statusBarItem-warningBackground': '#000000',
      'statusBarItem-warningForeground': '#ffffff', 'badge-background': '#000000', 'badge-foreground': '#ffffff', 'input-background': '#000000',
      errorForeground: '#f48771', 'testing-iconPassed': '#73c991', 'list-hoverBackground': 'transparent', 'progressBar-background': '#6fc3df',
      'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'button-secondaryBackground': '#000000',
      'button-secondaryForeground': '#ffffff',
    },
  },
};

// ── The page ──────────────────────────────────────────────────────────────────────────────────

/** Runs before the bundle: the fake VS Code API (state in sessionStorage, so a reload keeps it) and probes. */
const INIT_SCRIPT = `(() => {
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi may be called only once');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => window.__fromWebview(JSON.parse(JSON.stringify(message))),
      getState: () => { const state = sessionStorage.getItem('vscode-state'); return state ? JSON.parse(state) : undefined; },
      setState: (state) => { sessionStorage.setItem('vscode-state', JSON.stringify(state)); return state; },
    });
  };
  window.__received = { operations: 0, items: 0, focus: 0 };
  window.addEventListener('message', (e) => { const type = e.data && e.data.type; if (type in window.__received) window.__received[type]++; }, true);
  window.__maxFrameGap = 0;
  let last = 0;
  const frame = (time) => { if (last) window.__maxFrameGap = Math.max(window.__maxFrameGap, time - last); last = time; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration)); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

function serve(): Promise<{ origin: string; close(): Promise<void> }> {
  const files: Record<string, [string, string]> = {
    '/dist/webview.js': [path.join(REPO_ROOT, 'dist', 'webview.js'), 'text/javascript'],
    '/media/jobs.css': [path.join(REPO_ROOT, 'media', 'jobs.css'), 'text/css'],
  };
  let origin = '';
  const server = http.createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/' || url.startsWith('/?')) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(panelHtml({
        cspSource: origin, nonce: createNonce(), scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/media/jobs.css`,
        title: 'Zendesk Jobs', loadingText: 'Loading jobs…', language: 'en',
      }));
      return;
    }
    const file = files[url];
    if (url === '/favicon.ico') {
      response.writeHead(204).end(); // a browser asks; a webview does not
      return;
    }
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file[1] });
    response.end(fs.readFileSync(file[0]));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    resolve({ origin, close: () => new Promise((done) => server.close(() => done())) });
  }));
}

interface Probe {
  csp: string[];
  received: { operations: number; items: number; focus: number };
  maxFrameGap: number;
  longTasks: number[];
  pwned: unknown;
  lightDomImages: number;
  scripts: number;
}

async function probe(page: Page): Promise<Probe> {
  return page.evaluate(`({
    csp: window.__csp, received: { ...window.__received }, maxFrameGap: Math.round(window.__maxFrameGap), longTasks: window.__longTasks,
    pwned: window.__pwned, lightDomImages: document.querySelectorAll('img, svg').length, scripts: document.scripts.length,
  })`);
}

async function resetCounters(page: Page): Promise<void> {
  await page.evaluate(`window.__received = { operations: 0, items: 0, focus: 0 }; window.__maxFrameGap = 0; window.__longTasks = [];`);
}

async function applyTheme(page: Page, theme: Theme): Promise<void> {
  await page.evaluate(([name, vars]) => {
    const dom = globalThis as unknown as { document: { body: { className: string }; documentElement: { style: { setProperty(k: string, v: string): void; cssText: string } } } };
    dom.document.documentElement.style.cssText = '';
    for (const [key, value] of Object.entries(vars)) dom.document.documentElement.style.setProperty(`--vscode-${key}`, value);
    dom.document.body.className = name;
  }, [theme.bodyClass, theme.vars] as const);
}

/** Wires a page to a controller: host messages in order through window.postMessage, webview messages back. */
async function openPanel(browser: Browser, origin: string, source: SampleJobs) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error' || message.type() === 'warning') errors.push(`${message.type()}: ${message.text()}`); });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('dialog', (dialog) => { errors.push(`dialog: ${dialog.message()}`); void dialog.dismiss(); });
  const fromWebview: unknown[] = [];
  let delivery: Promise<unknown> = Promise.resolve();
  const exported: string[] = [];
  const controller = new JobsPanelController(source, {
    post: (message: HostMessage) => {
      // As a JSON string: Playwright's own argument serialisation takes ~1 s for 10,000 rows.
      const json = JSON.stringify(message);
      debug('host →', message.type, 'operationId' in message ? message.operationId : '');
      delivery = delivery
        .then(() => page.evaluate((text) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(JSON.parse(text), '*'), json))
        .catch(() => undefined);
    },
    showRunningCount: () => undefined,
    exportResults: async (operationId) => { exported.push(operationId); },
    undo: async () => undefined,
    reportRetryFailure: () => undefined,
  });
  await page.exposeFunction('__fromWebview', (message: unknown) => {
    fromWebview.push(message);
    debug('webview →', JSON.stringify(message));
    controller.receive(message);
  });
  await page.addInitScript(INIT_SCRIPT);
  await page.goto(origin);
  return { page, errors, fromWebview, exported, controller };
}

function check(condition: unknown, what: string, failures: string[]): void {
  if (!condition) failures.push(what);
}

// ── The run ───────────────────────────────────────────────────────────────────────────────────

export interface HarnessResult {
  screenshots: string[];
  failures: string[];
  measurements: Record<string, unknown>;
}

export async function runWebviewHarness(outDir = path.join(REPO_ROOT, 'test-results', 'webview')): Promise<HarnessResult> {
  for (const file of ['dist/webview.js', 'media/jobs.css']) {
    if (!fs.existsSync(path.join(REPO_ROOT, file))) throw new Error(`${file} is missing: run npm run build first`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const screenshots: string[] = [];
  const failures: string[] = [];
  const measurements: Record<string, unknown> = { bundleBytes: fs.statSync(path.join(REPO_ROOT, 'dist', 'webview.js')).size };
  const server = await serve();
  const browser = await launchChromium(path.join(REPO_ROOT, '.e2e', 'webview-harness'));
  let ticker: ReturnType<typeof setInterval> | undefined;
  try {
    const shoot = async (page: Page, name: string, fullPage = false) => {
      const file = path.join(outDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage });
      screenshots.push(file);
    };

    const source = new SampleJobs(sampleOperations(Date.now()));
    const { page, errors, fromWebview, exported, controller } = await openPanel(browser, server.origin, source);
    await applyTheme(page, THEMES.dark);
    await page.locator('.operation').nth(4).waitFor();
    check((await page.locator('.operation').count()) === 5, 'five operations listed', failures);
    check(fromWebview[0] && (fromWebview[0] as { type: string }).type === 'ready', 'the webview says ready first', failures);
    await shoot(page, 'dark-list');

    // The big operation progresses every 2 ms: a few items settle, a change event fires.
    const big = source.operations[0];
    let next = 3_000;
    let changeEvents = 0;
    ticker = setInterval(() => {
      changeEvents++;
      for (let step = 0; step < 2 && next < big.rows.length; step++, next++) {
        big.rows[next].outcome = next % 97 === 5 ? 'failed' : 'succeeded';
        big.rows[next].detail = next % 97 === 5 ? 'Organization membership limit reached' : '';
      }
      source.fire('op-big');
    }, 2);

    // Keyboard: focus the big operation's toggle, Enter expands it.
    const bigToggle = page.locator('.operation', { hasText: 'Add 10,000 members' }).locator('button.toggle');
    await bigToggle.focus();
    await page.keyboard.press('Enter');
    await page.locator('.operation', { hasText: 'Add 10,000 members' }).locator('tbody tr').first().waitFor();
    check((await bigToggle.getAttribute('aria-expanded')) === 'true', 'Enter expands an operation', failures);

    await resetCounters(page);
    const changesBefore = changeEvents;
    await page.waitForTimeout(3_000);
    const during = await probe(page);
    measurements.changeEventsIn3s = changeEvents - changesBefore;
    measurements.messagesIn3s = during.received;
    measurements.maxFrameGapMs = during.maxFrameGap;
    measurements.longTasksMs = during.longTasks;
    const rowsInDom = await page.locator('tbody tr').count();
    measurements.tableRowsInDom = rowsInDom;
    check(during.received.operations <= 14, `at most ~4 list updates a second (got ${during.received.operations} in 3 s)`, failures);
    check(during.received.items <= 4, `at most ~1 row update a second (got ${during.received.items} in 3 s)`, failures);
    check(during.received.items >= 2, 'the expanded table keeps updating', failures);
    check(during.received.operations >= 6, 'updates keep flowing while the operation runs', failures);
    check(rowsInDom <= 500, `no more than 500 rows in the DOM (got ${rowsInDom})`, failures);
    check(during.maxFrameGap < 250, `frames keep flowing (longest gap ${during.maxFrameGap} ms)`, failures);
    const caption = await page.locator('caption').first().textContent();
    check(/^Items 1–500 of 10,000, \d+ failed listed first$/.test(caption ?? ''), `caption "${caption}"`, failures);
    check((await page.locator('tbody tr').first().locator('td.outcome').textContent())?.includes('Failed'), 'failures first', failures);
    await shoot(page, 'dark-big-expanded');

    // Paging.
    await page.locator('vscode-button', { hasText: 'Next' }).click();
    await page.waitForFunction(`document.querySelector('caption').textContent.startsWith('Items 501–1,000 of 10,000')`);
    check((await page.locator('.page-number').textContent()) === 'Page 2 of 20', 'pager shows page 2 of 20', failures);

    // Keyboard: Space expands the hostile one; its names must show as text.
    const hostile = page.locator('.operation', { hasText: 'Add 3 members to' });
    await hostile.locator('button.toggle').focus();
    await page.keyboard.press('Space');
    await hostile.locator('tbody tr').nth(2).waitFor();
    check((await hostile.locator('.title').textContent()) === HOSTILE_TITLE, 'hostile title shown as text', failures);
    check((await hostile.locator('tbody tr').first().locator('td').nth(1).textContent()) === HOSTILE_ORG, 'hostile organization shown as text', failures);
    check((await hostile.locator('tbody tr').first().locator('td').first().textContent()) === HOSTILE_USER, 'formula-like user shown as is', failures);
    await hostile.scrollIntoViewIfNeeded();
    await shoot(page, 'dark-hostile-expanded');

    // Buttons reach the host with the right operation.
    await hostile.locator('vscode-button', { hasText: 'Retry failed items' }).click();
    await hostile.locator('vscode-button', { hasText: 'Export results' }).click();
    await page.locator('.operation', { hasText: 'Add 10,000 members' }).locator('vscode-button', { hasText: 'Cancel pending' }).click();
    const paused = page.locator('.operation', { hasText: 'Remove 40 memberships' });
    check(/^Paused: Zendesk has been rate limiting since \d\d:\d\d\.$/.test((await paused.locator('.note.paused').textContent())?.trim() ?? ''), 'a paused operation says since when', failures);
    check((await paused.locator('vscode-badge').textContent())?.trim() === 'Paused', 'its badge says Paused', failures);
    await paused.locator('vscode-button', { hasText: 'Resume' }).click();
    check((await page.locator('.operation', { hasText: 'Add 10,000 members' }).locator('vscode-button', { hasText: 'Resume' }).count()) === 0, 'no Resume unless paused', failures);
    await poll(async () => (source.calls.includes('retryFailed op-hostile') && source.calls.includes('cancel op-big') && source.calls.includes('resumePaused op-small') && exported.includes('op-hostile') ? true : undefined),
      'the button presses to reach the host', 5_000).catch(() => undefined); // the checks below say which did not
    check(source.calls.includes('resumePaused op-small'), 'resume reaches the source', failures);
    check(source.calls.includes('retryFailed op-hostile'), 'retry reaches the source', failures);
    check(source.calls.includes('cancel op-big'), 'cancel reaches the source', failures);
    check(exported.includes('op-hostile'), 'export reaches the shell', failures);
    check((await page.locator('.operation', { hasText: 'Remove 40 memberships' }).locator('vscode-button', { hasText: 'Cancel pending' }).count()) === 0,
      'no cancel button when nothing is cancellable', failures);
    check((await page.locator('.operation', { hasText: 'Add 10,000 members' }).locator('vscode-button', { hasText: 'Retry failed items' }).count()) === 0,
      'no retry while running', failures);

    // A reload (VS Code re-creates a hidden panel's document) restores what was expanded.
    await page.reload();
    await applyTheme(page, THEMES.light);
    await hostile.locator('tbody tr').first().waitFor();
    await page.locator('.operation', { hasText: 'Add 10,000 members' }).locator('tbody tr').first().waitFor();
    check((await page.locator('.page-number').textContent()) === 'Page 2 of 20', 'the page survives a reload', failures);
    await page.evaluate('window.scrollTo(0, 0)');
    await shoot(page, 'light-after-reload');

    clearInterval(ticker);
    ticker = undefined;
    await applyTheme(page, THEMES['high-contrast']);
    await page.locator('.operation', { hasText: 'Add 10,000 members' }).locator('button.toggle').click(); // collapse the big one
    await page.locator('.operation', { hasText: 'Add 10,000 members' }).locator('table.items').waitFor({ state: 'detached' });
    await shoot(page, 'high-contrast', true);

    // JobsPanel.show(…, focusOperationId): the operation expands and its toggle takes the focus.
    controller.focus('op-done');
    const done = page.locator('.operation', { hasText: 'Remove 120 memberships' });
    await done.locator('tbody tr').first().waitFor();
    check(await done.locator('button.toggle').evaluate((element) => element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement),
      'focus moves to the operation', failures);

    const after = await probe(page);
    check(after.pwned === undefined, 'no injected code ran', failures);
    check(after.lightDomImages === 0, 'no <img>/<svg> element was created from data', failures);
    check(after.scripts === 1, 'only the bundle script is in the page', failures);
    check(after.csp.length === 0, `no CSP violation (${after.csp.join(', ')})`, failures);
    check(errors.length === 0, `no console errors or dialogs (${errors.join(' | ')})`, failures);
    await page.close();

    // The empty state.
    const empty = await openPanel(browser, server.origin, new SampleJobs([]));
    await applyTheme(empty.page, THEMES.dark);
    await empty.page.locator('.empty h2').waitFor();
    check((await empty.page.locator('.empty h2').textContent()) === 'No bulk operations yet', 'empty state title', failures);
    await shoot(empty.page, 'dark-empty');
    check(empty.errors.length === 0, `no errors in the empty state (${empty.errors.join(' | ')})`, failures);
    await empty.page.close();
  } finally {
    if (ticker) clearInterval(ticker);
    await browser.close();
    await server.close();
  }
  return { screenshots, failures, measurements };
}

if (require.main === module) {
  runWebviewHarness(process.argv[2]).then((result) => {
    console.log(JSON.stringify(result, null, 2));
    process.exitCode = result.failures.length ? 1 : 0;
  }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
