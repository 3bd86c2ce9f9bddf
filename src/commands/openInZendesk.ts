import * as vscode from 'vscode';
import type { TreeNode } from '../tree/nodes';
import type { CommandDefinition } from './context';

/** The agent UI page of the row: the organization, or the member's user profile. */
export function agentUrl(node: TreeNode): string | undefined {
  if (node.kind === 'organization') {
    return `${node.origin}/agent/organizations/${node.organization.id}`;
  }
  if (node.kind === 'membership') {
    return `${node.origin}/agent/users/${node.membership.user_id}/organization`;
  }
  return undefined;
}

export const openInZendesk: CommandDefinition = {
  id: 'zendesk.openInZendesk',
  action: vscode.l10n.t('open Zendesk'),
  async run(_context, node?: unknown) {
    const url = node ? agentUrl(node as TreeNode) : undefined;
    if (url) {
      await vscode.env.openExternal(vscode.Uri.parse(url));
    }
    return url;
  },
};
