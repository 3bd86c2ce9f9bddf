// Helpers for the UI specs (test/ui/*.ui.ts): drive VS Code's web workbench (code-server 4.139,
// VS Code 1.139, and 4.96 / 1.96, the oldest we claim) the way a person does — activity bar, views,
// trees, command palette, quick input, context menus, modal dialogs, notifications. Every selector
// here was checked against the live workbench DOM of both; if a VS Code update moves something,
// fix it here, not in the specs.
import type { Locator, Page } from 'playwright-core';
import type { Sandbox } from 'zendesk-sandbox';

/** What the runner (test/harness/runUi.ts) hands each spec. The page shows the workbench, ready. */
export interface UiContext {
  page: Page;
  /** code-server's URL, e.g. http://127.0.0.1:38511 */
  baseUrl: string;
  /** code-server's process id: its extension host runs under it (test/ui/processes.ts). */
  codeServerPid: number;
  /** The VS Code under test: "1.139.1", or "1.96.4" (the oldest we claim, E2E_VSCODE=oldest). */
  vscodeVersion: string;
  /** The folder the workbench has open. */
  workspace: string;
  /** The in-process Zendesk sandbox, its admin's API-token credentials, every OAuth token it issued, and its store (to seed data too large for the control endpoints). */
  sandbox: { url: string; email: string; token: string; issuedTokens(): readonly string[]; store: Sandbox['store'] };
  /** Saves test-results/screenshots/<spec file>-<name>.png */
  screenshot(name: string): Promise<void>;
}

/** What a test/ui/*.ui.ts module exports. */
export interface UiSpec {
  name: string;
  run(ctx: UiContext): Promise<void>;
  /** How long the spec may take (default E2E_SPEC_TIMEOUT_MS or 120 s). */
  timeoutMs?: number;
}

/** A string matches a whole (trimmed) text exactly; a RegExp as it says. */
export type TextMatch = string | RegExp;

const DEFAULT_TIMEOUT = 30_000;

/** The little of a DOM element that the in-page functions below use (this tsconfig has no DOM lib). */
interface DomNode {
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomNode | null;
  textContent: string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function exactly(match: TextMatch): RegExp {
  return typeof match === 'string' ? new RegExp(`^\\s*${escapeRegExp(match)}\\s*$`) : match;
}

/** For CSS attribute selectors: `[aria-label="${cssString(x)}"]`. */
function cssString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

/** Polls `probe` until it returns something other than undefined, or throws `what` on timeout. */
export async function poll<T>(probe: () => Promise<T | undefined>, what: string, timeout = DEFAULT_TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

// --- workbench and activity bar -------------------------------------------------------------

/** Waits until the workbench has rendered its activity bar (≈3 s after the page loads). */
export async function waitForWorkbench(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  await page.locator('.activitybar a.action-label').first().waitFor({ timeout });
}

/**
 * Waits until the workbench is idle: no "Activating Extensions…" in the status bar and no
 * progress bar running in the side bar (an extension activating for a view, a tree loading).
 */
export async function waitForIdle(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await poll(async () => {
    const activating = await page.locator('.statusbar-item', { hasText: 'Activating Extensions' }).count();
    const progress = await page.locator('[id="workbench.parts.sidebar"] .monaco-progress-container.active').count();
    return activating + progress === 0 ? true : undefined;
  }, 'the workbench to be idle (extensions activated, views loaded)', timeout);
}

/** The activity-bar entry whose aria-label is `title` (built-ins append their keybinding: "Explorer (Ctrl+Shift+E)"). */
export function activityBarItem(page: Page, title: string): Locator {
  const t = cssString(title);
  return page.locator('.activitybar .action-item')
    .filter({ has: page.locator(`a.action-label[aria-label="${t}"], a.action-label[aria-label^="${t} ("]`) });
}

/**
 * Shows a view container in the side bar by clicking its activity-bar icon, unless it is already
 * showing (a second click would hide the side bar). Extension icons appear once the extension
 * host has read the manifests, a few seconds after the workbench.
 */
export async function openViewContainer(page: Page, title: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const item = activityBarItem(page, title);
  await item.waitFor({ timeout });
  const sidebarVisible = await page.locator('[id="workbench.parts.sidebar"]').isVisible();
  if (!sidebarVisible || (await item.getAttribute('aria-selected')) !== 'true') {
    await item.locator('a.action-label').click();
  }
  await poll(async () => ((await item.getAttribute('aria-selected')) === 'true' ? true : undefined), `view container '${title}' to be selected`, timeout);
  await page.locator('[id="workbench.parts.sidebar"]').waitFor({ state: 'visible', timeout });
}

/** Opens the extension's "Zendesk" view container. */
export async function openZendesk(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await openViewContainer(page, 'Zendesk', timeout);
}

// --- views ------------------------------------------------------------------------------------

/** A view's pane (header + body) by the view's name, e.g. "Organizations". */
export function viewPane(page: Page, viewName: string): Locator {
  // A view with a description (a filter's) has it in the header's label too: "<name> <description> Section".
  const exact = `> .pane-header[aria-label="${cssString(`${viewName} Section`)}"]`;
  const described = `> .pane-header[aria-label^="${cssString(`${viewName} `)}"][aria-label$=" Section"]`;
  return page.locator('.pane').filter({ has: page.locator(exact).or(page.locator(described)) });
}

/** Expands a view whose section is collapsed (in a container with several views). */
export async function expandView(page: Page, viewName: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const header = viewPane(page, viewName).locator('> .pane-header');
  await header.waitFor({ state: 'attached', timeout });
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

export interface WelcomeContent {
  /** Paragraphs of text, in order. */
  paragraphs: string[];
  /** Labels of the buttons (`[label](command:…)` lines). */
  buttons: string[];
}

/** Waits for a view's welcome content (viewsWelcome) and reads it. */
export async function welcomeContent(page: Page, viewName: string, timeout = DEFAULT_TIMEOUT): Promise<WelcomeContent> {
  const content = viewPane(page, viewName).locator('.welcome-view-content');
  await content.waitFor({ state: 'visible', timeout });
  return {
    paragraphs: (await content.locator('p').allInnerTexts()).map((t) => t.trim()),
    buttons: (await content.locator('a.monaco-button').allInnerTexts()).map((t) => t.trim()),
  };
}

export async function clickWelcomeButton(page: Page, viewName: string, label: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await viewPane(page, viewName).locator('.welcome-view-content a.monaco-button', { hasText: exactly(label) }).click({ timeout });
}

/**
 * Clicks a view's title-bar action by its label (tooltip), e.g. "Refresh"; actions that are not
 * shown as icons are picked from the "More Actions..." menu. With a single view in its container
 * the view's actions sit in the side bar's title, otherwise in the view's own header.
 */
export async function viewTitleAction(page: Page, viewName: string, label: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const header = viewPane(page, viewName).locator('> .pane-header');
  await header.waitFor({ state: 'attached', timeout });
  const merged = !(await header.isVisible());
  const bar = merged ? page.locator('[id="workbench.parts.sidebar"] > .composite.title .title-actions') : header.locator('.actions');
  if (!merged) await header.hover();
  const icon = bar.locator(`a.action-label[aria-label="${cssString(label)}"], a.action-label[aria-label^="${cssString(label)} ("]`);
  if (await icon.count()) {
    await icon.first().click({ timeout });
    return;
  }
  await bar.locator('a.action-label.codicon-toolbar-more').click({ timeout });
  await clickMenuItem(page, label, timeout);
}

// --- trees ------------------------------------------------------------------------------------

export interface TreeRow {
  /** TreeItem.label */
  label: string;
  /** TreeItem.description ('' when none) */
  description: string;
  /** TreeItem.accessibilityInformation.label, or VS Code's default */
  ariaLabel: string;
  /** 1 for roots */
  level: number;
  /** undefined for leaves */
  expanded: boolean | undefined;
  selected: boolean;
  focused: boolean;
  /** 1-based position among its siblings, and their count (as VS Code knows them so far) */
  position: number;
  siblings: number;
  /** Labels of the inline actions (view/item/context "inline" group) */
  actions: string[];
}

/** Real rows only: sticky scroll repeats ancestors' rows in `.monaco-tree-sticky-container`. */
const TREE_ROWS = '.monaco-list-rows > .monaco-list-row';

/** A view's tree (its aria-label is the view's name). */
export function treeOf(page: Page, viewName: string): Locator {
  return viewPane(page, viewName).locator('.monaco-list[role="tree"]');
}

/** Rendered rows whose label matches (the tree is virtual: rows scrolled far away are not in the DOM). */
export function treeRow(page: Page, viewName: string, label: TextMatch): Locator {
  return treeOf(page, viewName).locator(TREE_ROWS)
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) });
}

/** The rows VS Code has rendered, in display order: the visible ones plus a few beyond. */
export async function treeRows(page: Page, viewName: string): Promise<TreeRow[]> {
  const tree = treeOf(page, viewName);
  if (!(await tree.isVisible())) return [];
  const rows = await tree.locator(TREE_ROWS).evaluateAll((elements) => elements.map((el) => {
    const expanded = el.getAttribute('aria-expanded');
    return {
      index: Number(el.getAttribute('data-index')),
      label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
      ariaLabel: el.getAttribute('aria-label') ?? '',
      level: Number(el.getAttribute('aria-level') ?? 1),
      expanded: expanded === null ? undefined : expanded === 'true',
      selected: el.getAttribute('aria-selected') === 'true',
      focused: el.classList.contains('focused'),
      position: Number(el.getAttribute('aria-posinset') ?? 0),
      siblings: Number(el.getAttribute('aria-setsize') ?? 0),
      actions: Array.from(el.querySelectorAll('.actions a.action-label') as unknown as ArrayLike<DomNode>).map((a) => a.getAttribute('aria-label') ?? ''),
    };
  }));
  return rows.sort((a, b) => a.index - b.index).map(({ index: _index, ...row }) => row);
}

/** Waits until the rendered rows satisfy `predicate`, and returns them. */
export async function waitForTreeRows(
  page: Page, viewName: string, predicate: (rows: TreeRow[]) => boolean, what = 'the tree rows', timeout = DEFAULT_TIMEOUT,
): Promise<TreeRow[]> {
  return poll(async () => {
    const rows = await treeRows(page, viewName);
    return predicate(rows) ? rows : undefined;
  }, `${what} in view '${viewName}'`, timeout);
}

/**
 * Brings a row with this label into view and returns it. The tree is virtual, so this moves the
 * tree's keyboard focus (not its selection) with Home/PageDown until the row is rendered, and
 * keeps looking until `timeout` because children load lazily. (Mouse-wheel scrolling moves only
 * two rows per event in headless Chromium: far too slow.)
 */
export async function revealTreeRow(page: Page, viewName: string, label: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<Locator> {
  const tree = treeOf(page, viewName);
  const row = treeRow(page, viewName, label).first();
  await tree.waitFor({ state: 'visible', timeout });
  const fullyVisible = async (): Promise<boolean> => {
    if (!(await row.count())) return false;
    const [r, t] = await Promise.all([row.boundingBox(), tree.boundingBox()]);
    return Boolean(r && t && r.y >= t.y - 1 && r.y + r.height <= t.y + t.height + 1);
  };
  if (await fullyVisible()) return row;
  await tree.focus();
  await tree.press('Home');
  await poll(async () => {
    if (await fullyVisible()) return true;
    if (await row.count()) {
      // Rendered but clipped at an edge: one more page in the right direction shows it whole.
      const [r, t] = await Promise.all([row.boundingBox(), tree.boundingBox()]);
      await tree.press(r && t && r.y < t.y ? 'PageUp' : 'PageDown');
      return (await fullyVisible()) ? true : undefined;
    }
    if (await tree.locator(`${TREE_ROWS}[data-last-element="true"]`).count()) {
      // The last row is rendered and ours is not there (yet): lazy loading may still add it, so
      // sweep again from the top (the poll's own interval gives it time).
      await tree.press('Home');
    } else {
      await tree.press('PageDown');
    }
    return undefined;
  }, `tree row ${String(label)} in view '${viewName}'`, timeout);
  return row;
}

export async function clickTreeRow(page: Page, viewName: string, label: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const row = await revealTreeRow(page, viewName, label, timeout);
  await row.locator('.monaco-tl-contents').click({ timeout });
}

/** Expands a collapsed row (clicking its twistie) and waits until VS Code shows it expanded. */
export async function expandTreeRow(page: Page, viewName: string, label: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const row = await revealTreeRow(page, viewName, label, timeout);
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click({ timeout });
  await poll(async () => ((await treeRow(page, viewName, label).first().getAttribute('aria-expanded')) === 'true' ? true : undefined),
    `row ${String(label)} to expand`, timeout);
}

export async function collapseTreeRow(page: Page, viewName: string, label: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const row = await revealTreeRow(page, viewName, label, timeout);
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click({ timeout });
}

/** Clicks one of a row's inline action icons (shown on hover), by its label. */
export async function clickTreeRowAction(page: Page, viewName: string, label: TextMatch, action: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const row = await revealTreeRow(page, viewName, label, timeout);
  await row.hover();
  await row.locator(`.actions a.action-label[aria-label="${cssString(action)}"]`).click({ timeout });
}

// --- context menus ----------------------------------------------------------------------------

function openMenu(page: Page): Locator {
  return page.locator('.context-view .monaco-menu');
}

/** Labels of the open context menu's items (separators left out). */
export async function menuItems(page: Page, timeout = DEFAULT_TIMEOUT): Promise<string[]> {
  await openMenu(page).first().waitFor({ state: 'visible', timeout });
  return (await openMenu(page).first().locator('a.action-menu-item .action-label').allInnerTexts()).map((t) => t.trim());
}

/** Clicks an item of the open context menu by its label. */
export async function clickMenuItem(page: Page, label: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const menu = openMenu(page).first();
  await menu.waitFor({ state: 'visible', timeout });
  const item = menu.locator('a.action-menu-item').filter({ has: page.locator('.action-label', { hasText: exactly(label) }) });
  await item.click({ timeout });
  // VS Code's menus ignore a mouse-up that comes too soon after they open (a loaded machine can
  // make that happen): if the menu is still there, choose the item with the keyboard instead.
  if (!(await menu.waitFor({ state: 'detached', timeout: 1500 }).then(() => true, () => false))) {
    await item.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'detached', timeout: 5000 });
  }
}

/** Right-clicks a tree row and returns its context menu's item labels, leaving the menu closed. */
export async function treeRowMenuItems(page: Page, viewName: string, label: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<string[]> {
  const row = await revealTreeRow(page, viewName, label, timeout);
  await row.click({ button: 'right' });
  const items = await menuItems(page, timeout);
  await page.keyboard.press('Escape');
  await openMenu(page).first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
  return items;
}

/** Right-clicks a tree row and picks `item` from its context menu. */
export async function treeRowContextMenu(page: Page, viewName: string, label: TextMatch, item: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const row = await revealTreeRow(page, viewName, label, timeout);
  await row.click({ button: 'right' });
  await clickMenuItem(page, item, timeout);
}

// --- command palette and quick input ----------------------------------------------------------

export function quickInputWidget(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

export interface QuickInputState {
  title: string;
  placeholder: string;
  value: string;
  /** The prompt or validation message under the box. */
  message: string;
  /** 'error' | 'warning' | 'info' when the box shows a validation message of that severity. */
  severity: 'error' | 'warning' | 'info' | undefined;
  password: boolean;
  /** Rendered items: label and description. */
  items: Array<{ label: string; description: string; ariaLabel: string }>;
}

/** What the quick input shows now, or undefined when it is closed. */
export async function quickInputState(page: Page): Promise<QuickInputState | undefined> {
  const widget = quickInputWidget(page);
  if (!(await widget.isVisible())) return undefined;
  return widget.evaluate((el) => {
    // (no DOM lib in this tsconfig: describe the input element's few fields used here)
    const input = el.querySelector('.quick-input-box input.input') as unknown as { value: string; type: string; getAttribute(name: string): string | null } | null;
    const box = el.querySelector('.monaco-inputbox');
    const severity = (['error', 'warning', 'info'] as const).find((s) => box?.classList.contains(s));
    return {
      title: el.querySelector('.quick-input-title')?.textContent?.trim() ?? '',
      placeholder: input?.getAttribute('placeholder') ?? '',
      value: input?.value ?? '',
      message: el.querySelector('.quick-input-message')?.textContent?.trim() ?? '',
      severity,
      password: input?.type === 'password',
      items: Array.from(el.querySelectorAll('.quick-input-list .monaco-list-row') as unknown as ArrayLike<DomNode>).map((row) => ({
        label: row.querySelector('.label-name')?.textContent?.trim() ?? '',
        description: row.querySelector('.label-description')?.textContent?.trim() ?? '',
        ariaLabel: row.getAttribute('aria-label') ?? '',
      })),
    };
  });
}

/** Waits for the quick input to open (optionally with a title matching `title`, a substring for strings). */
export async function waitForQuickInput(page: Page, title?: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<QuickInputState> {
  return poll(async () => {
    const state = await quickInputState(page);
    if (!state) return undefined;
    if (title === undefined) return state;
    const ok = typeof title === 'string' ? state.title.includes(title) : title.test(state.title);
    return ok ? state : undefined;
  }, `a quick input${title ? ` titled ${String(title)}` : ''}`, timeout);
}

/** After accepting a step: waits until the quick input closes or moves on; throws on a validation error. */
export async function waitForStepToEnd(page: Page, before: QuickInputState, timeout: number): Promise<void> {
  const outcome = await poll(async () => {
    const now = await quickInputState(page);
    if (!now) return 'done';
    if (now.title !== before.title || now.placeholder !== before.placeholder || now.value !== before.value) return 'done';
    if (now.severity === 'error') return `the quick input '${now.title}' rejected ${before.password ? 'the secret' : JSON.stringify(before.value)}: ${now.message}`;
    return undefined;
  }, `the quick input '${before.title}' to accept ${before.password ? 'the secret' : JSON.stringify(before.value)}`, timeout);
  if (outcome !== 'done') throw new Error(outcome);
}

/**
 * Types `value` into the open input box (showInputBox / createInputBox) and presses Enter, then
 * waits until the box closes or moves to its next step. `title`: wait for a box with that title
 * first (recommended in multi-step flows). Throws with the validation message if the box rejects it.
 */
export async function answerQuickInput(page: Page, value: string, options: { title?: TextMatch; timeout?: number } = {}): Promise<void> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  await waitForQuickInput(page, options.title, timeout);
  const input = quickInputWidget(page).locator('.quick-input-box input.input');
  await input.fill(value);
  const before = await quickInputState(page);
  if (!before) throw new Error('the quick input closed while typing');
  await input.press('Enter');
  await waitForStepToEnd(page, before, Math.min(timeout, 15_000));
}

/**
 * Picks an item of the open quick pick by its label (after typing `filter`, if given, to narrow a
 * long or server-searched list), then waits until the pick closes or moves on.
 */
export async function pickQuickItem(page: Page, label: TextMatch, options: { title?: TextMatch; filter?: string; timeout?: number } = {}): Promise<void> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  await waitForQuickInput(page, options.title, timeout);
  const widget = quickInputWidget(page);
  if (options.filter !== undefined) await widget.locator('.quick-input-box input.input').fill(options.filter);
  const row = widget.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) }).first();
  await row.waitFor({ state: 'visible', timeout });
  const before = await quickInputState(page);
  await row.click();
  if (before) await waitForStepToEnd(page, before, Math.min(timeout, 15_000));
}

/** Closes whatever quick input is open. */
export async function cancelQuickInput(page: Page, timeout = 5000): Promise<void> {
  if (await quickInputWidget(page).isVisible()) {
    await page.keyboard.press('Escape');
    await quickInputWidget(page).waitFor({ state: 'hidden', timeout });
  }
}

/**
 * Runs a command from the command palette (F1) by its full title as the palette shows it,
 * category included, e.g. "Zendesk: Sign In…". Returns once the palette has handed over to the
 * command (closed, or replaced by the command's own quick input).
 */
export async function runCommand(page: Page, title: string, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await cancelQuickInput(page).catch(() => undefined);
  await page.keyboard.press('F1');
  const widget = quickInputWidget(page);
  const input = widget.locator('.quick-input-box input.input');
  await input.waitFor({ state: 'visible', timeout });
  const typed = `>${title}`;
  await input.fill(typed);
  const row = widget.locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(title) }) }).first();
  try {
    await row.waitFor({ state: 'visible', timeout });
  } catch {
    const shown = (await quickInputState(page))?.items.map((i) => i.label) ?? [];
    throw new Error(`command '${title}' is not in the command palette (is its \`when\` clause false?); it shows: ${JSON.stringify(shown)}`);
  }
  await row.click();
  await poll(async () => {
    const state = await quickInputState(page);
    return !state || state.value !== typed ? true : undefined;
  }, `the palette to run '${title}'`, timeout);
}

// --- modal dialogs ----------------------------------------------------------------------------

export interface DialogContent {
  message: string;
  detail: string;
  buttons: string[];
}

/** Waits for a modal dialog (showWarningMessage/showInformationMessage with `modal: true`) and reads it. */
export async function readDialog(page: Page, timeout = DEFAULT_TIMEOUT): Promise<DialogContent> {
  const dialog = page.locator('.monaco-dialog-box[role="dialog"]');
  await dialog.waitFor({ state: 'visible', timeout });
  return {
    message: (await dialog.locator('.dialog-message-text').innerText()).trim(),
    detail: (await dialog.locator('.dialog-message-detail').innerText().catch(() => '')).trim(),
    buttons: (await dialog.locator('.dialog-buttons a.monaco-button').allInnerTexts()).map((t) => t.trim()),
  };
}

/** Clicks `button` in the modal dialog (e.g. "Remove", or "Cancel") and returns what the dialog said. */
export async function confirmDialog(page: Page, button: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<DialogContent> {
  const content = await readDialog(page, timeout);
  const dialog = page.locator('.monaco-dialog-box[role="dialog"]');
  const target = dialog.locator('.dialog-buttons a.monaco-button', { hasText: exactly(button) });
  if (!(await target.count())) throw new Error(`dialog '${content.message}' has no button ${String(button)}; it has ${JSON.stringify(content.buttons)}`);
  // This dialog's own element: the extension may show a new dialog (the same one again, after Show
  // Details) before the old one is seen gone, so the locator alone could never see it detach.
  const box = await dialog.first().elementHandle({ timeout });
  await target.first().click({ timeout });
  await page.waitForFunction((element) => !element?.isConnected, box, { timeout });
  return content;
}

// --- notifications ----------------------------------------------------------------------------
// With the smoke-test driver on, toasts are hidden, so everything here reads the notification
// centre (the status-bar bell), which holds every notification, toast or not.

export interface WorkbenchNotification {
  severity: 'info' | 'warning' | 'error' | 'unknown';
  message: string;
  /** The extension (or other) that raised it, e.g. "Zendesk Organization Memberships". */
  source: string;
  buttons: string[];
}

function notificationCentre(page: Page): Locator {
  return page.locator('.notifications-center');
}

async function notificationCentreOpen(page: Page): Promise<boolean> {
  return (await page.locator('.notifications-center.visible').count()) > 0;
}

export async function openNotificationCentre(page: Page, timeout = DEFAULT_TIMEOUT): Promise<void> {
  const deadline = Date.now() + timeout;
  // The bell toggles the centre; a click that lands while it is still opening or closing can
  // leave it shut, so click again until it shows rather than wait out the whole timeout.
  while (!(await notificationCentreOpen(page))) {
    if (Date.now() > deadline) throw new Error(`the notification centre did not open within ${timeout} ms`);
    await page.locator('[id="status.notifications"]').click({ timeout: Math.max(1000, deadline - Date.now()) });
    await page.locator('.notifications-center.visible').waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
  }
}

export async function closeNotificationCentre(page: Page, timeout = 5000): Promise<void> {
  if (!(await notificationCentreOpen(page))) return;
  // The centre also closes by itself (e.g. when cleared), so a vanished button is fine.
  await notificationCentre(page).locator('a.action-label[aria-label^="Hide Notifications"]').click({ timeout: 2000 }).catch(() => undefined);
  await page.locator('.notifications-center.visible').waitFor({ state: 'detached', timeout });
}

/** Every notification in the centre, newest first. Leaves the centre as it found it unless `keepOpen`. */
export async function readNotifications(page: Page, options: { keepOpen?: boolean } = {}): Promise<WorkbenchNotification[]> {
  const wasOpen = await notificationCentreOpen(page);
  await openNotificationCentre(page);
  const list = await notificationCentre(page).locator('.monaco-list-row').evaluateAll((rows) => rows
    .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
    .map((row) => {
      const icon = row.querySelector('.notification-list-item-icon')?.className ?? '';
      const severity = /codicon-error/.test(icon) ? 'error' : /codicon-warning/.test(icon) ? 'warning' : /codicon-info/.test(icon) ? 'info' : 'unknown';
      return {
        severity: severity as 'info' | 'warning' | 'error' | 'unknown',
        message: row.querySelector('.notification-list-item-message')?.textContent?.trim() ?? '',
        source: /, source: (.*?), notification/.exec(row.getAttribute('aria-label') ?? '')?.[1] ?? '',
        buttons: Array.from(row.querySelectorAll('.notification-list-item-buttons-container a.monaco-button') as unknown as ArrayLike<DomNode>).map((b) => b.textContent?.trim() ?? ''),
      };
    }));
  if (!wasOpen && !options.keepOpen) await closeNotificationCentre(page);
  return list;
}

/**
 * Waits for a notification whose message matches (a string matches as a substring) and returns it.
 * `severity` narrows it to 'info' | 'warning' | 'error'.
 */
export async function waitForNotification(
  page: Page, message: TextMatch, options: { severity?: WorkbenchNotification['severity']; timeout?: number } = {},
): Promise<WorkbenchNotification> {
  const test = (n: WorkbenchNotification): boolean => (typeof message === 'string' ? n.message.includes(message) : message.test(n.message))
    && (!options.severity || n.severity === options.severity);
  try {
    return await poll(async () => (await readNotifications(page, { keepOpen: true })).find(test),
      `a notification ${String(message)}`, options.timeout ?? DEFAULT_TIMEOUT);
  } catch (error) {
    const seen = await readNotifications(page, { keepOpen: true }).catch(() => []);
    throw new Error(`${error instanceof Error ? error.message : String(error)}; notifications: ${JSON.stringify(seen.map((n) => `${n.severity}: ${n.message}`))}`, { cause: error });
  } finally {
    await closeNotificationCentre(page).catch(() => undefined);
  }
}

/** Clicks a button of the notification whose message matches (a string matches as a substring). */
export async function clickNotificationButton(page: Page, message: TextMatch, button: TextMatch, timeout = DEFAULT_TIMEOUT): Promise<void> {
  await waitForNotification(page, message, { timeout });
  await openNotificationCentre(page);
  const row = notificationCentre(page).locator('.monaco-list-row').filter({
    has: page.locator('.notification-list-item-message', { hasText: message }),
  }).first();
  await row.locator('.notification-list-item-buttons-container a.monaco-button', { hasText: exactly(button) }).click({ timeout });
  await closeNotificationCentre(page).catch(() => undefined);
}

/** Clears every notification (so a spec can wait for the next one without matching an old one). */
export async function clearNotifications(page: Page): Promise<void> {
  await openNotificationCentre(page);
  await notificationCentre(page).locator('a.action-label[aria-label^="Clear All Notifications"]').click();
  await poll(async () => ((await notificationCentre(page).locator('.notification-list-item').count()) === 0 ? true : undefined), 'notifications to clear', 5000);
  await closeNotificationCentre(page).catch(() => undefined);
}

/**
 * Everything the workbench keeps in the browser: localStorage and every IndexedDB database
 * (VS Code web keeps its global, workspace and webview state there), as one searchable text.
 */
export async function browserStorageText(page: Page): Promise<string> {
  return page.evaluate(`(async () => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const text = (value) => JSON.stringify(value, (_key, v) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v));
    const parts = [text(Object.entries(localStorage))];
    for (const info of await indexedDB.databases()) {
      const db = await request(indexedDB.open(info.name));
      for (const store of db.objectStoreNames) {
        parts.push(info.name + '/' + store + ' ' + text(await request(db.transaction(store).objectStore(store).getAll())));
      }
      db.close();
    }
    return parts.join('\\n');
  })()`);
}
