import * as vscode from 'vscode';
import type { OrganizationsModel } from './organizationsModel';
import type { TreeNode } from './nodes';

/** How long a reveal waits for the view to list a new row: a hidden view lists nothing until the reveal opens it. */
const LISTED_WAIT_MS = 2_000;

/**
 * Reveals (and selects) a row of the Organizations view once the view has listed it. A row just
 * pinned is new to VS Code; revealed before the view has asked for it, nothing gets selected.
 */
export async function revealRow(
  context: { organizations: OrganizationsModel; treeView: vscode.TreeView<TreeNode> }, node: TreeNode, options: { expand?: boolean } = {},
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([context.organizations.listedRows.whenListed(node), new Promise((resolve) => { timer = setTimeout(resolve, LISTED_WAIT_MS); })]);
  clearTimeout(timer);
  await context.treeView.reveal(node, { select: true, focus: true, expand: options.expand ?? false });
}
