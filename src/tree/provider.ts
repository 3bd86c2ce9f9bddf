import * as vscode from 'vscode';
import { ViewIds } from '../commandIds';
import type { TreeNode } from './nodes';
import type { OrganizationsModel } from './organizationsModel';
import { toTreeItem } from './treeItems';

export const ORGANIZATIONS_VIEW = ViewIds.organizations;

/**
 * The Organizations view's TreeDataProvider: what to show comes from the model, how it looks from
 * treeItems.ts. Only the rows the model reports changed are re-rendered.
 */
export class OrganizationsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  /** A node's children changed; `undefined` means the whole view. */
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): unknown };

  constructor(private readonly model: OrganizationsModel) {
    this.subscription = model.onDidChange((node) => this.changed.fire(node));
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> {
    return this.model.children(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** The view's progress bar while a page the user waits for is loading. */
export function withViewProgress<T>(work: Promise<T>): Promise<T> {
  return Promise.resolve(vscode.window.withProgress({ location: { viewId: ORGANIZATIONS_VIEW } }, () => work));
}
