import * as vscode from 'vscode';
import type { OrganizationMembership, User, ZendeskClient } from '../zendesk';
import type { UiContext } from './uiContext';
import { listUserMemberships, pickUser, pickUserMembership } from './pickers';
import { withCancellableProgress } from './cancellableProgress';
import { describeTicketImpact, ticketImpact } from './ticketImpact';
import { literal } from '../outsideText';

/** A membership to act on, with the names a message needs. */
export interface ChosenMembership {
  membership: OrganizationMembership;
  userName: string;
  organizationName: string;
}

/** The clicked row's (`fromRow`), or asked for: a user, then one of their organizations. */
export async function chooseMembership(context: UiContext, client: ZendeskClient, fromRow: ChosenMembership | undefined, title: string): Promise<ChosenMembership> {
  if (fromRow) {
    return { membership: fromRow.membership, userName: fromRow.userName, organizationName: fromRow.organizationName };
  }
  const user: User = await pickUser(context, client, title);
  const membership = await pickUserMembership(context, client, user, title);
  return {
    membership,
    userName: user.name,
    organizationName: membership.organization_name ?? vscode.l10n.t('organization {0}', membership.organization_id),
  };
}

/**
 * Remove Membership's confirmation: it deletes one membership record, by its id. Zendesk then
 * unassigns the user's unsolved tickets in that organization (their organization becomes none);
 * how many is counted first (cancellable), and said.
 */
export async function confirmRemoval(context: UiContext, client: ZendeskClient, chosen: ChosenMembership): Promise<boolean> {
  const impact = await countImpact(client, chosen);
  return context.prompter.confirm(
    vscode.l10n.t('Remove {0} from {1}?', literal(chosen.userName), literal(chosen.organizationName)),
    [
      vscode.l10n.t('Zendesk deletes membership {0}, the record that links {1} to {2}, at once.', chosen.membership.id, literal(chosen.userName), literal(chosen.organizationName)),
      describeTicketImpact(impact, chosen.userName, chosen.organizationName),
      vscode.l10n.t("Undo… can add the membership back later, but not the tickets' organization."),
    ].join(' '),
    vscode.l10n.t('Remove'),
  );
}

/**
 * Unassign User's confirmation: Zendesk's Unassign Organization removes by the pair of user and
 * organization, not by a membership id; the tickets are unassigned (and counted) the same way.
 */
export async function confirmUnassign(context: UiContext, client: ZendeskClient, chosen: ChosenMembership): Promise<boolean> {
  const impact = await countImpact(client, chosen);
  return context.prompter.confirm(
    vscode.l10n.t('Unassign {0} from {1}?', literal(chosen.userName), literal(chosen.organizationName)),
    [
      vscode.l10n.t("Zendesk's Unassign Organization removes {0} from {1} by the pair of user and organization, whichever membership links them, at once.", literal(chosen.userName), literal(chosen.organizationName)),
      describeTicketImpact(impact, chosen.userName, chosen.organizationName),
      vscode.l10n.t("Undo… can add the membership back later, but not the tickets' organization."),
    ].join(' '),
    vscode.l10n.t('Unassign'),
  );
}

function countImpact(client: ZendeskClient, chosen: ChosenMembership) {
  return withCancellableProgress(
    vscode.l10n.t("Counting {0}'s unsolved tickets in {1}…", literal(chosen.userName), literal(chosen.organizationName)),
    (signal) => ticketImpact(client, chosen.membership.user_id, chosen.membership.organization_id, signal),
  );
}

/**
 * Removing a default membership makes Zendesk promote another one: the one it promoted (asked
 * for only then), so the tree's stars stay true without reloading anything else.
 */
export async function promotedDefault(client: ZendeskClient, removed: OrganizationMembership): Promise<OrganizationMembership | undefined> {
  if (removed.default !== true) {
    return undefined;
  }
  const remaining = await listUserMemberships(client, removed.user_id);
  return remaining.find((membership) => membership.default === true);
}
