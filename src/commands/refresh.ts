import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, parentRow, noArgs } from './command';

export const refresh = defineCommand({
  id: CommandIds.refresh,
  action: vscode.l10n.t('refresh'),
  args: noArgs,
  async run(context) {
    context.organizations.refresh();
  },
});

/** A row's refresh button: that account's or organization's rows (without a row, everything). */
export const refreshNode = defineCommand({
  id: CommandIds.refreshNode,
  action: vscode.l10n.t('refresh'),
  args: parentRow,
  async run(context, node) {
    context.organizations.refresh(node);
  },
});
