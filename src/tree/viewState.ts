import * as vscode from 'vscode';
import type { TreeNode } from './nodes';
import type { AccountDirectory, OrganizationsModel } from './organizationsModel';

/**
 * What the Organizations view says around its rows: the filter in its description (and the
 * `zendesk.organizationsFiltered` context key for the title bar's Clear Filter), and whether it is
 * visible, which decides whether member counts are fetched.
 */
export function followViewState(treeView: vscode.TreeView<TreeNode>, model: OrganizationsModel, accounts: AccountDirectory): vscode.Disposable {
  let filtered: boolean | undefined;
  const update = (): void => {
    const texts = accounts.list().flatMap((account) => model.filterOf(account.origin) ?? []);
    treeView.description = texts.length > 0 ? vscode.l10n.t('Filtered: {0}', texts.map((text) => `“${text}”`).join(', ')) : undefined;
    if (filtered !== texts.length > 0) {
      filtered = texts.length > 0;
      void vscode.commands.executeCommand('setContext', 'zendesk.organizationsFiltered', filtered);
    }
  };
  model.setCountsWanted(treeView.visible);
  update();
  const subscriptions = [
    model.onDidChange(update),
    treeView.onDidChangeVisibility((event) => model.setCountsWanted(event.visible)),
  ];
  return { dispose: () => subscriptions.forEach((subscription) => subscription.dispose()) };
}
