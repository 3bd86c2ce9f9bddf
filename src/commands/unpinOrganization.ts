import * as vscode from 'vscode';
import type { OrganizationNode } from '../tree/nodes';
import type { CommandDefinition } from './context';

export const unpinOrganization: CommandDefinition = {
  id: 'zendesk.unpinOrganization',
  action: vscode.l10n.t('unpin the organization'),
  async run(context, node?: unknown) {
    if (node) {
      context.tree.unpin(node as OrganizationNode);
    }
  },
};
