import * as vscode from 'vscode';
import type { TreeNode } from '../tree/nodes';
import type { CommandDefinition } from './context';
import { clientFor, pickAccount, pickOrganization } from '../ui/pickers';

/** The agent UI page of the row: the organization, or the member's user profile. */
export function agentUrl(node: TreeNode): string | undefined {
  if (node.kind === 'organization') {
    return organizationUrl(node.origin, node.organization.id);
  }
  if (node.kind === 'membership') {
    return `${node.origin}/agent/users/${node.membership.user_id}/organization`;
  }
  return undefined;
}

function organizationUrl(origin: string, organizationId: number): string {
  return `${origin}/agent/organizations/${organizationId}`;
}

/** From a row, that row's page; from the palette, the page of an organization the user picks. */
export const openInZendesk: CommandDefinition = {
  id: 'zendesk.openInZendesk',
  action: vscode.l10n.t('open Zendesk'),
  async run(context, node?: unknown) {
    let url = node ? agentUrl(node as TreeNode) : undefined;
    if (url === undefined) {
      const account = await pickAccount(context);
      const organization = await pickOrganization(context, await clientFor(context, account), vscode.l10n.t('Open in Zendesk: organization'));
      url = organizationUrl(account.origin, organization.id);
    }
    await context.prompter.openExternal(url);
    return url;
  },
};
