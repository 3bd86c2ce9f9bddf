import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, membershipRow } from './command';
import { chooseMembership, confirmUnassign, promotedDefault } from '../ui/memberships';
import { clientFor, pickAccount } from '../ui/pickers';
import { literal } from '../outsideText';
import { withWaitingProgress } from '../ui/waitingProgress';
import { membershipChange } from './singleChanges';

/** Zendesk's "Unassign Organization": removes a user from an organization by the pair of ids. */
export const unassignUser = defineCommand({
  id: CommandIds.unassignUser,
  action: vscode.l10n.t('unassign the user from the organization'),
  args: membershipRow,
  async run(context, membershipNode) {
    const account = await pickAccount(context, membershipNode?.origin);
    const client = await clientFor(context, account);
    const chosen = await chooseMembership(context, client, membershipNode, vscode.l10n.t('Unassign User from Organization'));
    if (!await confirmUnassign(context, client, chosen)) {
      return undefined;
    }
    const { user_id: userId, organization_id: organizationId } = chosen.membership;
    await withWaitingProgress(
      vscode.l10n.t('Unassigning {0} from {1}…', literal(chosen.userName), literal(chosen.organizationName)),
      (call) => client.unassignOrganization({ organizationId, userId }, call),
      () => context.organizations.refreshOrganizations(account.origin, [organizationId]),
    );
    await context.history.recordSingle(account.origin, vscode.l10n.t('Unassign User from Organization'), [membershipChange('unassigned', chosen.membership, chosen, { wasDefault: chosen.membership.default === true })]);
    context.organizations.membershipRemoved(account.origin, { userId, organizationId });
    const promoted = await promotedDefault(client, chosen.membership);
    if (promoted) {
      context.organizations.defaultMoved(account.origin, promoted.user_id, promoted.organization_id);
    }
    await context.prompter.info(vscode.l10n.t('Unassigned {0} from {1}.', literal(chosen.userName), literal(chosen.organizationName)));
    return chosen.membership.id;
  },
});
