import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, loadMoreRow, messageRow } from './command';

/** The "Load more…" row's click: the next page of its parent. */
export const loadMore = defineCommand({
  id: CommandIds.loadMore,
  action: vscode.l10n.t('load more'),
  args: loadMoreRow,
  async run(context, node) {
    if (node) {
      await context.organizations.loadMore(node);
    }
  },
});

/** An error row's click: the page that failed, again. */
export const retryLoad = defineCommand({
  id: CommandIds.retryLoad,
  action: vscode.l10n.t('load'),
  args: messageRow,
  async run(context, node) {
    if (node) {
      await context.organizations.retry(node);
    }
  },
});
