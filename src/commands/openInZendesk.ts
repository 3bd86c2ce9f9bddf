import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import type { TreeNode } from '../tree/nodes';
import { defineCommand, anyRow } from './command';
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
export const openInZendesk = defineCommand({
  id: CommandIds.openInZendesk,
  action: vscode.l10n.t('open Zendesk'),
  args: anyRow,
  async run(context, node) {
    let url = node ? agentUrl(node) : undefined;
    if (url === undefined) {
      const account = await pickAccount(context);
      const organization = await pickOrganization(context, await clientFor(context, account), vscode.l10n.t('Open in Zendesk: organization'));
      url = organizationUrl(account.origin, organization.id);
    }
    await context.prompter.openExternal(url);
    return url;
  },
});
