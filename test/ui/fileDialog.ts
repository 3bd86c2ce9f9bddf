// code-server's simple file dialog: the quick input a file picker becomes in a browser window.
import type { Page } from 'playwright-core';
import { QuickInputState, poll, quickInputState, quickInputWidget, waitForStepToEnd } from './workbench';

const DEFAULT_TIMEOUT = 30_000;

/**
 * Answers code-server's simple file dialog (a quick input that takes a path) with `filePath`. The
 * dialog opens showing a folder and loads that folder's listing asynchronously; when the listing
 * arrives it puts the folder's path back into the box — so a path typed before then is replaced,
 * and Enter opens the folder instead of the file (one CI run under CPU load did just that). So:
 * wait until the listing has loaded and the dialog is no longer busy, type the path, wait until
 * the box still holds exactly it and the dialog has settled on it, and only then press Enter.
 */
export async function answerFileDialog(page: Page, filePath: string, options: { timeout?: number } = {}): Promise<void> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const input = quickInputWidget(page).locator('.quick-input-box input.input');
  const settled = () => settledDialog(page);
  await poll(async () => {
    const state = await settled();
    return state && state.value.endsWith('/') ? state : undefined;
  }, 'the file dialog to load its folder', timeout);
  const name = filePath.slice(filePath.lastIndexOf('/') + 1);
  const before = await poll(async () => {
    const state = await settled();
    if (!state) return undefined;
    if (state.value !== filePath) {
      await input.fill(filePath); // (again, if the dialog put its folder back meanwhile)
      return undefined;
    }
    // Typing the path makes the dialog list that file's folder with the file in it.
    return state.items.some((item) => item.label === name) ? state : undefined;
  }, `the file dialog to hold ${filePath}`, timeout);
  await input.press('Enter');
  await waitForStepToEnd(page, before, Math.min(timeout, 15_000));
}

/**
 * Answers code-server's simple save dialog with `filePath` (a file that need not exist). Like
 * `answerFileDialog`: wait for the folder's listing, type the path, and press Enter only once the
 * box has held exactly it twice in a row with the dialog idle (the listing arriving late puts the
 * default name back). An existing file is then confirmed for replacing by the caller.
 */
export async function answerSaveDialog(page: Page, filePath: string, options: { timeout?: number } = {}): Promise<void> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  const input = quickInputWidget(page).locator('.quick-input-box input.input');
  const settled = () => settledDialog(page);
  await poll(settled, 'the save dialog to load its folder', timeout);
  let held = 0;
  const before = await poll(async () => {
    const state = await settled();
    if (!state) return undefined;
    if (state.value !== filePath) {
      held = 0;
      await input.fill(filePath);
      return undefined;
    }
    return ++held >= 2 ? state : undefined;
  }, `the save dialog to hold ${filePath}`, timeout);
  await input.press('Enter');
  await waitForStepToEnd(page, before, Math.min(timeout, 15_000));
}

/** The dialog's state once it has listed a folder and is no longer busy; nothing before then. */
async function settledDialog(page: Page): Promise<QuickInputState | undefined> {
  const state = await quickInputState(page);
  const busy = await quickInputWidget(page).locator('.monaco-progress-container.active').isVisible().catch(() => false);
  return state && !busy && state.items.length > 0 ? state : undefined;
}
