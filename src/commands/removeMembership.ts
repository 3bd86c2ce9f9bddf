import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, membershipRow } from './command';
import { chooseMembership, confirmRemoval, promotedDefault } from '../ui/memberships';
import { clientFor, pickAccount } from '../ui/pickers';
import { literal } from '../outsideText';
import { withWaitingProgress } from '../ui/waitingProgress';
import { membershipChange } from './singleChanges';

export const removeMembership = defineCommand({
  id: CommandIds.removeMembership,
  action: vscode.l10n.t('remove the membership'),
  args: membershipRow,
  async run(context, membershipNode) {
    const account = await pickAccount(context, membershipNode?.origin);
    const client = await clientFor(context, account);
    const chosen = await chooseMembership(context, client, membershipNode, vscode.l10n.t('Remove Membership'));
    if (!await confirmRemoval(context, client, chosen)) {
      return undefined;
    }
    await withWaitingProgress(
      vscode.l10n.t('Removing {0} from {1}…', literal(chosen.userName), literal(chosen.organizationName)),
      (call) => client.deleteOrganizationMembership(chosen.membership.id, call),
      () => context.organizations.refreshOrganizations(account.origin, [chosen.membership.organization_id]),
    );
    await context.history.recordSingle(account.origin, vscode.l10n.t('Remove Membership'), [membershipChange('removed', chosen.membership, chosen, { wasDefault: chosen.membership.default === true })]);
    context.organizations.membershipRemoved(account.origin, { membershipId: chosen.membership.id, userId: chosen.membership.user_id, organizationId: chosen.membership.organization_id });
    const promoted = await promotedDefault(client, chosen.membership);
    if (promoted) {
      context.organizations.defaultMoved(account.origin, promoted.user_id, promoted.organization_id);
    }
    await context.prompter.info(vscode.l10n.t('Removed {0} from {1}.', literal(chosen.userName), literal(chosen.organizationName)));
    return chosen.membership.id;
  },
});
