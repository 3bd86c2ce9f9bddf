import * as vscode from 'vscode';
import type { MembershipNode } from '../tree/nodes';
import type { CommandDefinition } from './context';
import { chooseMembership, confirmUnassign, followDefaultAfterRemoval } from './memberships';
import { clientFor, pickAccount } from './pickers';
import { literal } from '../outsideText';
import { withWaitingProgress } from './waitingProgress';

/** Zendesk's "Unassign Organization": removes a user from an organization by the pair of ids. */
export const unassignUser: CommandDefinition = {
  id: 'zendesk.unassignUser',
  action: vscode.l10n.t('unassign the user from the organization'),
  async run(context, node?: unknown) {
    const membershipNode = node as MembershipNode | undefined;
    const account = await pickAccount(context, membershipNode?.origin);
    const client = await clientFor(context, account);
    const chosen = await chooseMembership(context, client, membershipNode, vscode.l10n.t('Unassign User from Organization'));
    if (!await confirmUnassign(context, chosen)) {
      return undefined;
    }
    const { user_id: userId, organization_id: organizationId } = chosen.membership;
    await withWaitingProgress(
      vscode.l10n.t('Unassigning {0} from {1}…', literal(chosen.userName), literal(chosen.organizationName)),
      (call) => client.unassignOrganization({ organizationId, userId }, call),
      () => context.tree.refreshOrganizations(account.origin, [organizationId]),
    );
    context.tree.membershipRemoved(account.origin, { userId, organizationId });
    await followDefaultAfterRemoval(context, client, account, chosen.membership);
    await context.prompter.info(vscode.l10n.t('Unassigned {0} from {1}.', literal(chosen.userName), literal(chosen.organizationName)));
    return chosen.membership.id;
  },
};
