import * as vscode from 'vscode';
import { isAlreadyMemberError } from '../zendesk';
import type { OrganizationNode } from '../tree/nodes';
import type { CommandDefinition } from './context';
import { clientFor, pickAccount, pickOrganization, pickUser } from './pickers';
import { literal } from '../outsideText';
import { withWaitingProgress } from './waitingProgress';

export const addMember: CommandDefinition = {
  id: 'zendesk.addMember',
  action: vscode.l10n.t('add the member'),
  async run(context, node?: unknown) {
    const orgNode = node as OrganizationNode | undefined;
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
      () => context.tree.refreshOrganizations(account.origin, [organization.id]),
    );
    if (!membership) {
      await context.prompter.info(vscode.l10n.t('{0} is already a member of {1}.', literal(user.name), literal(organization.name)));
      return undefined;
    }
    context.tree.membershipAdded(account.origin, membership, user);
    await context.prompter.info(membership.default === true
      ? vscode.l10n.t('Added {0} to {1}; it is their default organization.', literal(user.name), literal(organization.name))
      : vscode.l10n.t('Added {0} to {1}.', literal(user.name), literal(organization.name)));
    return membership;
  },
};
