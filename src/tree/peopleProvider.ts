import * as vscode from 'vscode';
import { CommandIds, ViewIds } from '../commandIds';
import { describeLoadError } from './loadErrors';
import type { PeopleModel } from './peopleModel';
import { type PeopleMoreNode, type PeopleNode, type PersonMembershipNode, accountMembershipLabel } from './peopleNodes';
import { membershipTooltip } from './tooltips';

export const PEOPLE_VIEW = ViewIds.people;

/** The People view's TreeDataProvider: rows from the people model, looks from here. */
export class PeopleTreeProvider implements vscode.TreeDataProvider<PeopleNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<PeopleNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): unknown };

  constructor(private readonly model: PeopleModel) {
    this.subscription = model.onDidChange((node) => this.changed.fire(node));
  }

  getTreeItem(node: PeopleNode): vscode.TreeItem {
    return peopleItem(node);
  }

  getParent(node: PeopleNode): PeopleNode | undefined {
    return node.parent;
  }

  getChildren(node?: PeopleNode): Promise<PeopleNode[]> {
    return this.model.children(node);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function peopleItem(node: PeopleNode): vscode.TreeItem {
  switch (node.kind) {
    case 'peopleAccount': {
      const item = new vscode.TreeItem(new URL(node.origin).host, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('account');
      return withId(item, node.id);
    }
    case 'person': {
      const item = new vscode.TreeItem(node.user.name, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = node.user.email ?? undefined;
      item.tooltip = vscode.l10n.t('User {0}: their organizations, default first', node.user.id);
      item.iconPath = new vscode.ThemeIcon('person');
      item.contextValue = 'zendesk.person';
      item.accessibilityInformation = { label: vscode.l10n.t('User {0}', node.user.name) };
      return withId(item, node.id);
    }
    case 'allMemberships': {
      const item = new vscode.TreeItem(vscode.l10n.t('All memberships'), vscode.TreeItemCollapsibleState.Collapsed);
      item.tooltip = vscode.l10n.t('Every membership of the account, a page at a time');
      item.iconPath = new vscode.ThemeIcon('list-flat');
      item.contextValue = 'zendesk.allMemberships';
      return withId(item, node.id);
    }
    case 'personMembership': return membershipItem(node);
    case 'peopleMore': return moreItem(node);
    case 'peopleHint': {
      const item = new vscode.TreeItem(vscode.l10n.t('Find a user to see their organizations (Find User…)'), vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('search');
      item.command = { command: CommandIds.findUser, title: vscode.l10n.t('Find User…') };
      return withId(item, node.id);
    }
  }
}

function membershipItem(node: PersonMembershipNode): vscode.TreeItem {
  const ofPerson = node.parent.kind === 'person';
  const item = new vscode.TreeItem(ofPerson ? node.organizationName : accountMembershipLabel(node), vscode.TreeItemCollapsibleState.None);
  item.description = node.isDefault ? vscode.l10n.t('default') : undefined;
  item.tooltip = membershipTooltip(node.membership, { id: node.membership.user_id, name: node.userName }, { id: node.membership.organization_id, name: node.organizationName });
  item.iconPath = new vscode.ThemeIcon(node.isDefault ? 'star-full' : 'organization');
  // The Organizations view's membership values: its membership actions apply here too.
  item.contextValue = node.isDefault ? 'zendesk.membership.default' : 'zendesk.membership';
  item.accessibilityInformation = {
    label: node.isDefault
      ? vscode.l10n.t('{0} in {1}, default organization membership', node.userName, node.organizationName)
      : vscode.l10n.t('{0} in {1}, membership', node.userName, node.organizationName),
  };
  return withId(item, node.id);
}

function moreItem(node: PeopleMoreNode): vscode.TreeItem {
  const labels = {
    more: vscode.l10n.t('Load more…'),
    error: vscode.l10n.t("Couldn't load memberships — click to retry"),
    empty: vscode.l10n.t('No memberships'),
    limit: vscode.l10n.t('Zendesk lists no further (offset paging stops at 10,000)'),
  };
  const item = new vscode.TreeItem(labels[node.ending], vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon({ more: 'fold-down', error: 'error', empty: 'info', limit: 'warning' }[node.ending]);
  if (node.ending === 'more' || node.ending === 'error') {
    item.command = { command: CommandIds.loadMorePeople, title: labels[node.ending], arguments: [node] };
  }
  item.tooltip = node.ending === 'error' ? describeLoadError(node.problem) : undefined;
  return withId(item, node.id);
}

function withId(item: vscode.TreeItem, id: string): vscode.TreeItem {
  item.id = id;
  return item;
}
