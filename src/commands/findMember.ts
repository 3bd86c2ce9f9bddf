import * as vscode from 'vscode';
import { memberSearchQuery } from '../zendesk';
import type { Organization, OrganizationMembership, User, ZendeskClient } from '../zendesk';
import { CommandIds } from '../commandIds';
import { defineCommand, organizationRow } from './command';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { Cancelled, clientFor, pickAccount, pickOrganization } from '../ui/pickers';
import { literal } from '../outsideText';
import { revealRow } from '../tree/revealRow';

/** Results shown per search (one request each; typing on narrows them). */
const MEMBER_RESULTS = 25;

/**
 * Finds a member of an organization by name or email with Zendesk's user search (members of that
 * organization only), without paging through its members, and reveals the row: the loaded one,
 * or one pinned first under the organization.
 */
export const findMember = defineCommand({
  id: CommandIds.findMember,
  action: vscode.l10n.t('find the member'),
  args: organizationRow,
  async run(context, organizationNode) {
    const account = await pickAccount(context, organizationNode?.origin);
    const client = await clientFor(context, account);
    const row = organizationNode ?? context.organizations.revealTarget(account.origin, await pickOrganization(context, client, vscode.l10n.t('Find Member: organization')));
    if (!row) {
      return undefined;
    }
    const organization = row.organization;
    const picked = await context.prompter.search({
      title: vscode.l10n.t('Find Member of {0}', literal(organization.name)),
      placeholder: vscode.l10n.t("Type part of the member's name or email"),
      search: (text, signal) => memberItems(client, organization, text, signal),
      noMatches: (text) => vscode.l10n.t('No member of {0} matches “{1}”.', literal(organization.name), literal(text)),
    });
    if (!picked) {
      throw new Cancelled();
    }
    const membership = await withCancellableProgress(
      vscode.l10n.t('Finding {0} in {1}…', literal(picked.user.name), literal(organization.name)),
      (signal) => membershipOf(client, picked.user.id, organization.id, signal),
    );
    if (!membership) {
      await context.prompter.info(vscode.l10n.t('{0} is no longer a member of {1}.', literal(picked.user.name), literal(organization.name)));
      return undefined;
    }
    const node = context.organizations.memberRow(row, membership, picked.user);
    if (node) {
      await revealRow(context, node);
    }
    return node;
  },
});

/** Members whose name or email matches, as quick-pick items. @literalItems */
async function memberItems(client: ZendeskClient, organization: Organization, text: string, signal: AbortSignal): Promise<Array<vscode.QuickPickItem & { user: User }>> {
  const page = await client.searchUsers(memberSearchQuery(organization.id, text)).page(undefined, { pageSize: MEMBER_RESULTS, signal });
  return page.items.map((user) => ({
    label: literal(user.name),
    description: user.email ? literal(user.email) : undefined,
    detail: user.role ? vscode.l10n.t('Role: {0}', literal(user.role)) : undefined,
    user,
  }));
}

/** The user's membership of the organization (a user has few: one request, rarely more). */
async function membershipOf(client: ZendeskClient, userId: number, organizationId: number, signal: AbortSignal): Promise<OrganizationMembership | undefined> {
  for await (const membership of client.listOrganizationMemberships({ userId }, { signal })) {
    if (membership.organization_id === organizationId) {
      return membership;
    }
  }
  return undefined;
}
