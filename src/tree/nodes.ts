import * as vscode from 'vscode';
import type { Account } from '../auth/accounts';
import type { Organization, OrganizationMembership, PageCursor, User } from '../zendesk';
import { membershipTooltip, organizationTooltip } from './tooltips';

/** The nodes that have children loaded page by page. */
export type ParentNode = AccountNode | OrganizationNode;
export type TreeNode = AccountNode | OrganizationNode | MembershipNode | LoadMoreNode | MessageNode;

// Ids are stable across refreshes (VS Code keeps expansion by id) and unique across accounts.
export class AccountNode {
  readonly kind = 'account';
  readonly parent = undefined;
  constructor(readonly account: Account) {}
  get id(): string { return `zendesk:${this.account.origin}`; }
  get origin(): string { return this.account.origin; }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(new URL(this.account.origin).host, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.account.userName;
    item.tooltip = vscode.l10n.t('{0} — signed in as {1} ({2}, {3})', this.account.origin, this.account.userName, this.account.email, this.account.role);
    item.iconPath = new vscode.ThemeIcon('account');
    item.contextValue = 'zendesk.account';
    return item;
  }
}

export class OrganizationNode {
  readonly kind = 'organization';
  constructor(
    readonly origin: string,
    public organization: Organization,
    readonly parent: AccountNode | undefined,
    readonly pinned: boolean,
  ) {}

  get id(): string {
    return `zendesk:${this.origin}/${this.pinned ? 'pinned' : 'org'}/${this.organization.id}`;
  }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.organization.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = describeOrganization(this.organization);
    item.tooltip = organizationTooltip(this.organization, this.pinned);
    item.iconPath = new vscode.ThemeIcon(this.pinned ? 'pinned' : 'organization');
    item.contextValue = this.pinned ? 'zendesk.organization.pinned' : 'zendesk.organization';
    item.accessibilityInformation = { label: vscode.l10n.t('Organization {0}', this.organization.name) };
    return item;
  }
}

export class MembershipNode {
  readonly kind = 'membership';
  constructor(readonly parent: OrganizationNode, public membership: OrganizationMembership, public user: User | undefined) {}

  get id(): string { return `${this.parent.id}/m/${this.membership.id}`; }
  get origin(): string { return this.parent.origin; }
  get isDefault(): boolean { return this.membership.default === true; }
  get userLabel(): string { return this.user?.name ?? vscode.l10n.t('User {0}', this.membership.user_id); }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.userLabel, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const parts = [this.isDefault ? vscode.l10n.t('default') : undefined, this.user?.email ?? undefined];
    item.description = parts.filter(Boolean).join(' · ');
    item.tooltip = membershipTooltip(this.membership, this.user, this.parent.organization);
    item.iconPath = new vscode.ThemeIcon(this.isDefault ? 'star-full' : 'person');
    item.contextValue = this.isDefault ? 'zendesk.membership.default' : 'zendesk.membership';
    item.accessibilityInformation = {
      label: this.isDefault
        ? vscode.l10n.t('{0}, default organization membership', this.userLabel)
        : vscode.l10n.t('{0}, membership', this.userLabel),
    };
    return item;
  }
}

/** The last row while more pages exist; it remembers which page it stands for. */
export class LoadMoreNode {
  readonly kind = 'loadMore';
  constructor(readonly origin: string, readonly parent: ParentNode | undefined, readonly cursor: PageCursor) {}
  get id(): string { return `${this.parent?.id ?? `zendesk:${this.origin}`}/load-more`; }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('fold-down');
    item.contextValue = 'zendesk.loadMore';
    item.command = { command: 'zendesk.loadMore', title: vscode.l10n.t('Load More'), arguments: [this] };
    return item;
  }
}

export type MessageKind = 'empty' | 'error' | 'limit';

/** An informational row: empty list, a failure with a retry, or Zendesk's paging limit. */
export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly origin: string,
    readonly parent: ParentNode | undefined,
    readonly messageKind: MessageKind,
    readonly text: string,
    readonly detail?: string,
  ) {}
  get id(): string { return `${this.parent?.id ?? `zendesk:${this.origin}`}/${this.messageKind}`; }

  toTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    item.tooltip = this.detail;
    item.contextValue = `zendesk.message.${this.messageKind}`;
    if (this.messageKind === 'error') {
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: 'zendesk.retryLoad', title: vscode.l10n.t('Retry Loading'), arguments: [this] };
    } else {
      item.iconPath = new vscode.ThemeIcon(this.messageKind === 'limit' ? 'warning' : 'info');
    }
    return item;
  }
}

function describeOrganization(organization: Organization): string | undefined {
  const domains = organization.domain_names?.filter(Boolean).join(', ');
  const parts = [organization.external_id ?? undefined, domains || undefined];
  return parts.filter(Boolean).join(' · ') || undefined;
}
