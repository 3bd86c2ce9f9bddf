import * as vscode from 'vscode';

/**
 * A view's TreeDataProvider registered at activation, before the code behind the view is loaded:
 * the first time VS Code asks for a row (the view is shown, a row is revealed) it loads that code,
 * which attaches the real provider; from then on every call and change event is the real one's.
 */
export class LazyTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<T | T[] | undefined | null | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private target: vscode.TreeDataProvider<T> | undefined;
  private subscription: vscode.Disposable | undefined;

  /** `load` must attach the real provider (the extension's code, loaded once). */
  constructor(private readonly load: () => void) {}

  attach(target: vscode.TreeDataProvider<T>): void {
    this.target = target;
    this.subscription = target.onDidChangeTreeData?.((change) => this.changed.fire(change));
  }

  getTreeItem(node: T): vscode.TreeItem | Thenable<vscode.TreeItem> {
    return this.real().getTreeItem(node);
  }

  getChildren(node?: T): vscode.ProviderResult<T[]> {
    return this.real().getChildren(node);
  }

  getParent(node: T): vscode.ProviderResult<T> {
    return this.real().getParent?.(node);
  }

  private real(): vscode.TreeDataProvider<T> {
    if (!this.target) {
      this.load();
    }
    if (!this.target) {
      throw new Error('the view\'s code was loaded but attached no tree provider');
    }
    return this.target;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}
