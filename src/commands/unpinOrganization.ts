import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, organizationRow } from './command';

export const unpinOrganization = defineCommand({
  id: CommandIds.unpinOrganization,
  action: vscode.l10n.t('unpin the organization'),
  args: organizationRow,
  async run(context, node) {
    if (node) {
      context.organizations.unpin(node);
    }
  },
});
