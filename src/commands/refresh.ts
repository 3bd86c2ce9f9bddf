import * as vscode from 'vscode';
import type { ParentNode } from '../tree/nodes';
import type { CommandDefinition } from './context';

export const refresh: CommandDefinition = {
  id: 'zendesk.refresh',
  action: vscode.l10n.t('refresh'),
  async run(context) {
    context.tree.refresh();
  },
};

export const refreshNode: CommandDefinition = {
  id: 'zendesk.refreshNode',
  action: vscode.l10n.t('refresh'),
  async run(context, node?: unknown) {
    context.tree.refresh(node as ParentNode | undefined);
  },
};
