import * as vscode from 'vscode';
import type { MembershipNode } from '../tree/nodes';
import type { CommandDefinition } from './context';
import { chooseMembership, confirmRemoval, followDefaultAfterRemoval } from './memberships';
import { clientFor, pickAccount } from './pickers';
import { literal } from '../outsideText';
import { withWaitingProgress } from './waitingProgress';

export const removeMembership: CommandDefinition = {
  id: 'zendesk.removeMembership',
  action: vscode.l10n.t('remove the membership'),
  async run(context, node?: unknown) {
    const membershipNode = node as MembershipNode | undefined;
    const account = await pickAccount(context, membershipNode?.origin);
    const client = await clientFor(context, account);
    const chosen = await chooseMembership(context, client, membershipNode, vscode.l10n.t('Remove Membership'));
    if (!await confirmRemoval(context, chosen)) {
      return undefined;
    }
    await withWaitingProgress(
      vscode.l10n.t('Removing {0} from {1}…', literal(chosen.userName), literal(chosen.organizationName)),
      (call) => client.deleteOrganizationMembership(chosen.membership.id, call),
      () => context.tree.refreshOrganizations(account.origin, [chosen.membership.organization_id]),
    );
    context.tree.membershipRemoved(account.origin, { membershipId: chosen.membership.id });
    await followDefaultAfterRemoval(context, client, account, chosen.membership);
    await context.prompter.info(vscode.l10n.t('Removed {0} from {1}.', literal(chosen.userName), literal(chosen.organizationName)));
    return chosen.membership.id;
  },
};
