import * as vscode from 'vscode';
import { isAlreadyMemberError } from '../zendesk';
import { CommandIds } from '../commandIds';
import { defineCommand, organizationRow } from './command';
import { clientFor, pickAccount, pickOrganization, pickUser } from '../ui/pickers';
import { literal } from '../outsideText';
import { withWaitingProgress } from '../ui/waitingProgress';
import { membershipChange } from './singleChanges';

export const addMember = defineCommand({
  id: CommandIds.addMember,
  action: vscode.l10n.t('add the member'),
  args: organizationRow,
  async run(context, orgNode) {
    const account = await pickAccount(context, orgNode?.origin);
    const client = await clientFor(context, account);
    const organization = orgNode?.organization ?? await pickOrganization(context, client, vscode.l10n.t('Add Member: organization'));
    const user = await pickUser(context, client, vscode.l10n.t('Add a member to {0}', literal(organization.name)));
    const membership = await withWaitingProgress(
      vscode.l10n.t('Adding {0} to {1}…', literal(user.name), literal(organization.name)),
      // Zendesk's 422 for an existing pair is answered below in the user's words, with names.
      async (call) => {
        try {
          return await client.createOrganizationMembership({ userId: user.id, organizationId: organization.id }, call);
        } catch (error) {
          if (isAlreadyMemberError(error)) {
            return undefined;
          }
          throw error;
        }
      },
      () => context.organizations.refreshOrganizations(account.origin, [organization.id]),
    );
    if (!membership) {
      await context.prompter.info(vscode.l10n.t('{0} is already a member of {1}.', literal(user.name), literal(organization.name)));
      return undefined;
    }
    context.organizations.membershipAdded(account.origin, membership, user);
    // Zendesk makes a membership the default only when the user had none.
    await context.history.recordSingle(account.origin, vscode.l10n.t('Add Member'), [membershipChange('added', membership, { userName: user.name, organizationName: organization.name },
      membership.default === true ? { asDefault: true, previousDefaultId: null } : {})]);
    await context.prompter.info(membership.default === true
      ? vscode.l10n.t('Added {0} to {1}; it is their default organization.', literal(user.name), literal(organization.name))
      : vscode.l10n.t('Added {0} to {1}.', literal(user.name), literal(organization.name)));
    return membership;
  },
});
