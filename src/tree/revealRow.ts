import * as vscode from 'vscode';
import type { OrganizationsModel } from './organizationsModel';
import type { TreeNode } from './nodes';

/** How long a reveal waits for the view to list a new row: a hidden view lists nothing until the reveal opens it. */
const LISTED_WAIT_MS = 2_000;
/** How long a reveal waits for the workbench to report the row selected before it asks again. */
const SELECTED_WAIT_MS = 2_000;
const ATTEMPTS = 4;
/** The pause before asking again, times the attempt: the workbench is still building the rows it fetched. */
const RETRY_PAUSE_MS = 250;

/**
 * Reveals (and selects) a row of the Organizations view. VS Code can select only a row its
 * workbench side has listed and rendered. One just pinned is unknown there until the view has
 * fetched its parent's rows again (a hidden view does that when the reveal opens it), and even
 * after the fetch the workbench may still be building its rows when the reveal arrives: then the
 * reveal fails ("Data tree node not found") or selects nothing (both seen in CI). So the reveal
 * waits for the row to be listed (briefly: a hidden view lists nothing until the reveal opens it)
 * and is asked again, a little later each time, until the selection the workbench reports holds the
 * row; the last failure is the command's.
 */
export async function revealRow(
  context: { organizations: OrganizationsModel; treeView: vscode.TreeView<TreeNode> }, node: TreeNode, options: { expand?: boolean } = {},
): Promise<void> {
  const { treeView, organizations } = context;
  await within(LISTED_WAIT_MS, organizations.listedRows.whenListed(node));
  for (let attempt = 1; ; attempt++) {
    // Started before the reveal, so the selection event it causes is not missed; it ends itself.
    const selected = selectionHolding(treeView, node, SELECTED_WAIT_MS);
    let revealed = true;
    try {
      await treeView.reveal(node, { select: true, focus: true, expand: options.expand ?? false });
    } catch (error) {
      if (attempt === ATTEMPTS) {
        throw error;
      }
      revealed = false;
    }
    if ((revealed && await selected) || attempt === ATTEMPTS) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS * attempt));
  }
}

/**
 * Resolves true once the view's selection holds `node` (at once if it already does), false after
 * `ms`.
 */
function selectionHolding(treeView: vscode.TreeView<TreeNode>, node: TreeNode, ms: number): Promise<boolean> {
  const holds = (): boolean => treeView.selection.some((row) => row.id === node.id);
  return new Promise((resolve) => {
    const subscription = treeView.onDidChangeSelection(() => {
      if (holds()) {
        done(true);
      }
    });
    const timer = setTimeout(() => done(holds()), holds() ? 0 : ms);
    function done(result: boolean): void {
      subscription.dispose();
      clearTimeout(timer);
      resolve(result);
    }
  });
}

/** Whether `promise` settled within `ms`. */
async function within(ms: number, promise: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
