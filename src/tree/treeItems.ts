import * as vscode from 'vscode';
import type { Organization } from '../zendesk';
import { CommandIds } from '../commandIds';
import { describeLoadError } from './loadErrors';
import { countMessages } from '../countMessages';
import type { AccountNode, FilterNode, LoadMoreNode, MembershipNode, MessageNode, OrganizationNode, TreeNode } from './nodes';
import { membershipTooltip, organizationTooltip } from './tooltips';

/** How each row looks in VS Code: label, description, tooltip, icon, context value and click. */
export function toTreeItem(node: TreeNode): vscode.TreeItem {
  switch (node.kind) {
    case 'account': return accountItem(node);
    case 'organization': return organizationItem(node);
    case 'membership': return membershipItem(node);
    case 'loadMore': return loadMoreItem(node);
    case 'message': return messageItem(node);
    case 'filter': return filterItem(node);
  }
}

function accountItem(node: AccountNode): vscode.TreeItem {
  const { account } = node;
  const item = new vscode.TreeItem(new URL(account.origin).host, vscode.TreeItemCollapsibleState.Expanded);
  item.id = node.id;
  item.description = account.userName;
  item.tooltip = vscode.l10n.t('{0} — signed in as {1} ({2}, {3})', account.origin, account.userName, account.email, account.role);
  item.iconPath = new vscode.ThemeIcon('account');
  item.contextValue = 'zendesk.account';
  return item;
}

function organizationItem(node: OrganizationNode): vscode.TreeItem {
  const { organization, pinned } = node;
  const item = new vscode.TreeItem(organization.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.description = describeOrganization(organization, node.memberCount);
  item.tooltip = organizationTooltip(organization, pinned);
  item.iconPath = new vscode.ThemeIcon(pinned ? 'pinned' : 'organization');
  item.contextValue = pinned ? 'zendesk.organization.pinned' : 'zendesk.organization';
  item.accessibilityInformation = { label: vscode.l10n.t('Organization {0}', organization.name) };
  return item;
}

function membershipItem(node: MembershipNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.userLabel, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const parts = [node.isDefault ? vscode.l10n.t('default') : undefined, node.user?.email ?? undefined];
  item.description = parts.filter(Boolean).join(' · ');
  item.tooltip = membershipTooltip(node.membership, node.user, node.parent.organization);
  item.iconPath = new vscode.ThemeIcon(node.isDefault ? 'star-full' : node.pinned ? 'pinned' : 'person');
  item.contextValue = node.isDefault ? 'zendesk.membership.default' : 'zendesk.membership';
  item.accessibilityInformation = {
    label: node.isDefault
      ? vscode.l10n.t('{0}, default organization membership', node.userLabel)
      : vscode.l10n.t('{0}, membership', node.userLabel),
  };
  return item;
}

function loadMoreItem(node: LoadMoreNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('fold-down');
  item.contextValue = 'zendesk.loadMore';
  item.command = { command: CommandIds.loadMore, title: vscode.l10n.t('Load More'), arguments: [node] };
  return item;
}

function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(messageText(node), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.contextValue = `zendesk.message.${node.messageKind}`;
  if (node.messageKind === 'error') {
    item.tooltip = describeLoadError(node.problem);
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    item.command = { command: CommandIds.retryLoad, title: vscode.l10n.t('Retry Loading'), arguments: [node] };
  } else {
    item.tooltip = node.problem instanceof Error ? node.problem.message : undefined;
    item.iconPath = new vscode.ThemeIcon(node.messageKind === 'limit' ? 'warning' : 'info');
  }
  return item;
}

function messageText(node: MessageNode): string {
  const ofMembers = node.parent?.kind === 'organization';
  switch (node.messageKind) {
    case 'empty':
      return ofMembers ? vscode.l10n.t('No members') : vscode.l10n.t('No organizations');
    case 'limit':
      return vscode.l10n.t('Zendesk lists no further (offset paging stops at 10,000)');
    case 'error':
      if (node.afterRows) {
        return vscode.l10n.t("Couldn't load more — click to retry");
      }
      return ofMembers ? vscode.l10n.t("Couldn't load memberships — click to retry") : vscode.l10n.t("Couldn't load organizations — click to retry");
  }
}

function describeOrganization(organization: Organization, memberCount: number | undefined): string | undefined {
  const domains = organization.domain_names?.filter(Boolean).join(', ');
  const members = memberCount === undefined ? undefined : countMessages.memberCount(memberCount, memberCount.toLocaleString(vscode.env.language));
  const parts = [members, organization.external_id ?? undefined, domains || undefined];
  return parts.filter(Boolean).join(' · ') || undefined;
}

function filterItem(node: FilterNode): vscode.TreeItem {
  const label = node.matches
    ? vscode.l10n.t('Filtered: names starting with “{0}”', node.text)
    : vscode.l10n.t('No organization name starts with “{0}”', node.text);
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = vscode.l10n.t('✕ Clear');
  item.tooltip = vscode.l10n.t('Zendesk found these by name. Click to show every organization again.');
  item.iconPath = new vscode.ThemeIcon(node.matches ? 'filter-filled' : 'search-stop');
  item.contextValue = 'zendesk.filter';
  item.command = { command: CommandIds.clearFilter, title: vscode.l10n.t('Clear Filter'), arguments: [node] };
  return item;
}
