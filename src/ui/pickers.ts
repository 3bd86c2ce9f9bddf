import * as vscode from 'vscode';
import type { Account } from '../auth/accounts';
import { NotSignedInError } from '../auth/clients';
import type { Organization, OrganizationMembership, User, ZendeskClient } from '../zendesk';
import type { UiContext } from './uiContext';
import { literal } from '../outsideText';
import { withCancellableProgress } from './cancellableProgress';

/** No account at all: unlike NotSignedInError there is no address to suggest for signing in. */
export class NoAccountError extends Error {
  override readonly name = 'NoAccountError';
  constructor() {
    super(vscode.l10n.t('You are not signed in to Zendesk. Sign in first.'));
  }
}

import { Cancelled } from './cancelled';

export { Cancelled };

const AUTOCOMPLETE_RESULTS = 25;

/** The account a command acts on: the node's, the only one, or the one the user picks. */
export async function pickAccount(context: UiContext, origin?: string): Promise<Account> {
  const accounts = context.accounts.list();
  if (origin) {
    const account = context.accounts.get(origin);
    if (!account) {
      throw new NotSignedInError(origin);
    }
    return account;
  }
  if (accounts.length === 0) {
    throw new NoAccountError();
  }
  if (accounts.length === 1) {
    return accounts[0];
  }
  const picked = await context.prompter.pick(accounts.map((account) => ({
    label: literal(new URL(account.origin).host), description: `${literal(account.userName)} · ${literal(account.email)}`, account,
  })), { title: vscode.l10n.t('Zendesk account'), placeHolder: vscode.l10n.t('Which Zendesk account?') });
  if (!picked) {
    throw new Cancelled();
  }
  return picked.account;
}

export async function clientFor(context: UiContext, account: Account): Promise<ZendeskClient> {
  return context.clients.for(account.origin);
}

export async function pickOrganization(context: UiContext, client: ZendeskClient, title: string): Promise<Organization> {
  const picked = await context.prompter.search({
    title,
    placeholder: vscode.l10n.t('Type the start of an organization name'),
    search: async (text, signal) => {
      const page = await client.autocompleteOrganizations(text).page(undefined, { pageSize: AUTOCOMPLETE_RESULTS, signal });
      return page.items.map((organization) => ({
        label: literal(organization.name),
        description: organization.external_id ? literal(organization.external_id) : undefined,
        detail: organization.domain_names?.length ? literal(organization.domain_names.join(', ')) : undefined,
        organization,
      }));
    },
  });
  if (!picked) {
    throw new Cancelled();
  }
  return picked.organization;
}

export async function pickUser(context: UiContext, client: ZendeskClient, title: string): Promise<User> {
  const picked = await context.prompter.search({
    title,
    placeholder: vscode.l10n.t("Type the start of the user's name"),
    search: (text, signal) => userItems(client, text, signal),
  });
  if (!picked) {
    throw new Cancelled();
  }
  return picked.user;
}

/** Users whose name starts with `text` (Zendesk's autocomplete), as quick-pick items. @literalItems */
export async function userItems(client: ZendeskClient, text: string, signal: AbortSignal): Promise<Array<vscode.QuickPickItem & { user: User }>> {
  const page = await client.autocompleteUsers(text).page(undefined, { pageSize: AUTOCOMPLETE_RESULTS, signal });
  return page.items.map((user) => ({
    label: literal(user.name),
    description: user.email ? literal(user.email) : undefined,
    detail: user.role ? vscode.l10n.t('Role: {0}', literal(user.role)) : undefined,
    user,
  }));
}

/** All of a user's memberships, default first (Zendesk's order). */
export async function listUserMemberships(client: ZendeskClient, userId: number, signal?: AbortSignal): Promise<OrganizationMembership[]> {
  const memberships: OrganizationMembership[] = [];
  for await (const membership of client.listOrganizationMemberships({ userId }, { signal })) {
    memberships.push(membership);
  }
  return memberships;
}

/** The user a command acts on: the membership row's member (`fromRow`), or one the user picks. */
export async function rowUserOrPick(context: UiContext, client: ZendeskClient, fromRow: Pick<User, 'id' | 'name'> | undefined, title: string): Promise<Pick<User, 'id' | 'name'>> {
  return fromRow ?? pickUser(context, client, title);
}

export async function pickUserMembership(context: UiContext, client: ZendeskClient, user: Pick<User, 'id' | 'name'>, title: string): Promise<OrganizationMembership> {
  const memberships = await userMemberships(client, user);
  if (memberships.length === 0) {
    await context.prompter.info(vscode.l10n.t('{0} is not a member of any organization.', literal(user.name)));
    throw new Cancelled();
  }
  const picked = await context.prompter.pick(memberships.map((membership) => ({
    label: `${membership.default === true ? '$(star-full) ' : ''}${membership.organization_name ? literal(membership.organization_name) : vscode.l10n.t('Organization {0}', membership.organization_id)}`,
    description: membership.default === true ? vscode.l10n.t('default organization') : undefined,
    detail: vscode.l10n.t('Membership {0} · organization {1}', membership.id, membership.organization_id),
    membership,
  })), { title, placeHolder: vscode.l10n.t("{0}'s organizations", literal(user.name)) });
  if (!picked) {
    throw new Cancelled();
  }
  return picked.membership;
}

/** A user's memberships, read under a cancellable progress (Cancel aborts the listing). */
export function userMemberships(client: ZendeskClient, user: Pick<User, 'id' | 'name'>): Promise<OrganizationMembership[]> {
  return withCancellableProgress(vscode.l10n.t("Reading {0}'s organizations…", literal(user.name)), (signal) => listUserMemberships(client, user.id, signal));
}
