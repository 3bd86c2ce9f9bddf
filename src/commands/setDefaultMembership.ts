import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, membershipRow } from './command';
import { chooseMembership } from '../ui/memberships';
import { clientFor, pickAccount } from '../ui/pickers';
import { literal } from '../outsideText';
import { withWaitingProgress } from '../ui/waitingProgress';
import { defaultBefore, membershipChange } from './singleChanges';

/** Zendesk's "Set Membership as Default", from a membership row or by user and organization. */
export const setDefaultMembership = defineCommand({
  id: CommandIds.setDefaultMembership,
  action: vscode.l10n.t('set the default organization'),
  args: membershipRow,
  async run(context, membershipNode) {
    const account = await pickAccount(context, membershipNode?.origin);
    const client = await clientFor(context, account);
    const chosen = await chooseMembership(context, client, membershipNode, vscode.l10n.t('Set as Default Organization'));
    const before = await defaultBefore(client, chosen.membership.user_id);
    const memberships = await withWaitingProgress(
      vscode.l10n.t('Making {0} the default organization of {1}…', literal(chosen.organizationName), literal(chosen.userName)),
      (call) => client.setOrganizationMembershipAsDefault({ userId: chosen.membership.user_id, membershipId: chosen.membership.id }, call),
      () => context.organizations.refreshOrganizations(account.origin, [chosen.membership.organization_id]),
    );
    const current = memberships.find((membership) => membership.default === true) ?? chosen.membership;
    context.organizations.defaultMoved(account.origin, current.user_id, current.organization_id);
    await context.history.recordSingle(account.origin, vscode.l10n.t('Set as Default Organization'), [membershipChange('madeDefault', chosen.membership, chosen, before)]);
    await context.prompter.info(vscode.l10n.t("{0} is now {1}'s default organization.", literal(chosen.organizationName), literal(chosen.userName)));
    return current;
  },
});
