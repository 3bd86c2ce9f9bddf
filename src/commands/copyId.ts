import * as vscode from 'vscode';
import type { TreeNode } from '../tree/nodes';
import type { CommandDefinition } from './context';

export const copyId: CommandDefinition = {
  id: 'zendesk.copyId',
  action: vscode.l10n.t('copy the ID'),
  async run(context, node?: unknown) {
    const target = node as TreeNode | undefined;
    const id = target?.kind === 'organization' ? target.organization.id : target?.kind === 'membership' ? target.membership.id : undefined;
    if (id === undefined) {
      return undefined;
    }
    await vscode.env.clipboard.writeText(String(id));
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied ID {0}', id), 3_000);
    context.log.debug(`copied id ${id}`);
    return String(id);
  },
};
