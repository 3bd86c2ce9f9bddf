import * as vscode from 'vscode';
import { isZendeskError } from '../zendesk';
import type { OrganizationMembership, User, ZendeskClient } from '../zendesk';
import { CommandIds } from '../commandIds';
import { type Command, type CommandContext, defineCommand, membershipRow } from './command';
import { ReadOnlyDocuments, renderMembership } from '../ui/readOnlyDocuments';
import { Cancelled, clientFor, pickAccount, pickUserMembership, userItems } from '../ui/pickers';
import { literal } from '../outsideText';
import { withCancellableProgress } from '../ui/cancellableProgress';

/** What a Zendesk membership id looks like (ids of real accounts run to 12 digits and more). */
const EXAMPLE_ID = '360012345678';

type Choice = vscode.QuickPickItem & ({ user: User } | { membershipId: number });

/**
 * From a row, that row's membership. From the palette, a user (by name) and then one of their
 * memberships, or a membership id typed into the same box.
 */
export function createShowMembership(documents: ReadOnlyDocuments): Command {
  return defineCommand({
    id: CommandIds.showMembership,
    action: vscode.l10n.t('show the membership'),
    args: membershipRow,
    async run(context, membershipNode) {
      const account = await pickAccount(context, membershipNode?.origin);
      const client = await clientFor(context, account);
      const chosen = membershipNode ? { id: membershipNode.membership.id } : await chooseMembership(context, client);
      const found = await withCancellableProgress(vscode.l10n.t('Reading membership {0}…', chosen.id), async (signal) => {
        const membership = chosen.membership ?? await client.showOrganizationMembershipById(chosen.id, { signal }).catch((error: unknown) => {
          if (chosen.typed && isZendeskError(error) && error.status === 404) {
            // A mistyped id, not a stale row: nothing in the view needs refreshing.
            return undefined;
          }
          throw error;
        });
        return membership && {
          membership,
          // The names are a nicety: a failure to read them shows ids instead (an abort still cancels).
          user: await client.showUser(membership.user_id, { signal }).catch(() => undefined),
          organization: await client.showOrganization(membership.organization_id, { signal }).catch(() => undefined),
        };
      });
      if (!found) {
        await context.prompter.warn(vscode.l10n.t('No membership with ID {0} exists in {1}. Check the ID.', chosen.id, literal(new URL(account.origin).host)));
        return undefined;
      }
      const { membership, user, organization } = found;
      await documents.show(new URL(account.origin).host, `/memberships/${membership.id}.md`, renderMembership(account.origin, membership, user, organization));
      return membership;
    },
  });
}

/** A membership picked through its user, or an id typed instead of a name. */
async function chooseMembership(context: CommandContext, client: ZendeskClient): Promise<{ id: number; membership?: OrganizationMembership; typed?: boolean }> {
  const title = vscode.l10n.t('Show Membership');
  const picked = await context.prompter.search<Choice>({
    title,
    placeholder: vscode.l10n.t("Type the start of the user's name, or a membership ID such as {0}", EXAMPLE_ID),
    search: async (text, signal) => {
      const id = /^\d+$/.test(text) ? Number(text) : undefined;
      if (id !== undefined && Number.isSafeInteger(id) && id > 0) {
        // Digits are an id: no user's name starts with them worth a search.
        return [{ label: `$(symbol-number) ${vscode.l10n.t('Membership {0}', id)}`, detail: vscode.l10n.t('Show the membership with this ID'), membershipId: id }];
      }
      return userItems(client, text, signal);
    },
  });
  if (!picked) {
    throw new Cancelled();
  }
  if ('membershipId' in picked) {
    return { id: picked.membershipId, typed: true };
  }
  const membership = await pickUserMembership(context, client, picked.user, title);
  return { id: membership.id, membership };
}
