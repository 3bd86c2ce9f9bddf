import * as vscode from 'vscode';
import { isZendeskError } from '../zendesk';
import type { MembershipNode } from '../tree/nodes';
import type { CommandContext, CommandDefinition } from './context';
import { ReadOnlyDocuments, renderMembership } from './readOnlyDocuments';
import { Cancelled, clientFor, pickAccount } from './pickers';
import { literal } from '../outsideText';

export function createShowMembership(documents: ReadOnlyDocuments): CommandDefinition {
  return {
    id: 'zendesk.showMembership',
    action: vscode.l10n.t('show the membership'),
    async run(context: CommandContext, node?: unknown) {
      const membershipNode = node as MembershipNode | undefined;
      const account = await pickAccount(context, membershipNode?.origin);
      const client = await clientFor(context, account);
      let id = membershipNode?.membership.id;
      if (id === undefined) {
        const answer = await context.prompter.input({
          title: vscode.l10n.t('Show Membership'),
          prompt: vscode.l10n.t('Organization membership ID'),
          placeHolder: '4',
          validateInput: (text) => (/^\s*\d+\s*$/.test(text) && Number(text) > 0 ? undefined : vscode.l10n.t('Enter a membership ID (a positive number).')),
        });
        if (answer === undefined) {
          throw new Cancelled();
        }
        id = Number(answer.trim());
      }
      const typed = membershipNode === undefined;
      const membership = await client.showOrganizationMembershipById(id).catch((error: unknown) => {
        if (typed && isZendeskError(error) && error.status === 404) {
          // A mistyped id, not a stale row: nothing in the view needs refreshing.
          return undefined;
        }
        throw error;
      });
      if (!membership) {
        await context.prompter.warn(vscode.l10n.t('No membership with ID {0} exists in {1}. Check the ID.', id, literal(new URL(account.origin).host)));
        return undefined;
      }
      const [user, organization] = await Promise.all([
        client.showUser(membership.user_id).catch(() => undefined),
        client.showOrganization(membership.organization_id).catch(() => undefined),
      ]);
      await documents.show(new URL(account.origin).host, `/memberships/${membership.id}.md`, renderMembership(account.origin, membership, user, organization));
      return membership;
    },
  };
}
