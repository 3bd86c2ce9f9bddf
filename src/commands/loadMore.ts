import * as vscode from 'vscode';
import type { LoadMoreNode, MessageNode } from '../tree/nodes';
import type { CommandDefinition } from './context';

export const loadMore: CommandDefinition = {
  id: 'zendesk.loadMore',
  action: vscode.l10n.t('load more'),
  async run(context, node?: unknown) {
    if (node) {
      await context.tree.loadMore(node as LoadMoreNode);
    }
  },
};

export const retryLoad: CommandDefinition = {
  id: 'zendesk.retryLoad',
  action: vscode.l10n.t('load'),
  async run(context, node?: unknown) {
    if (node) {
      await context.tree.retry(node as MessageNode);
    }
  },
};
