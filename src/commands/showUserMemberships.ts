import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, membershipRow } from './command';
import { clientFor, pickAccount, rowUserOrPick, userMemberships } from '../ui/pickers';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { literal } from '../outsideText';
import { revealRow } from '../tree/revealRow';

/** A user's (a membership row's, or picked) memberships, default first; choosing one reveals its organization. */
export const showUserMemberships = defineCommand({
  id: CommandIds.showUserMemberships,
  action: vscode.l10n.t("show the user's memberships"),
  args: membershipRow,
  async run(context, membershipNode) {
    const account = await pickAccount(context, membershipNode?.origin);
    const client = await clientFor(context, account);
    const title = vscode.l10n.t("Show User's Memberships");
    const user = await rowUserOrPick(context, client, membershipNode?.member, title);
    const memberships = await userMemberships(client, user);
    if (memberships.length === 0) {
      await context.prompter.info(vscode.l10n.t('{0} is not a member of any organization.', literal(user.name)));
      return memberships;
    }
    const picked = await context.prompter.pick(memberships.map((membership) => ({
      label: `${membership.default === true ? '$(star-full) ' : '$(organization) '}${literal(membership.organization_name ?? membership.organization_id)}`,
      description: membership.default === true ? vscode.l10n.t('default organization') : undefined,
      detail: vscode.l10n.t('Membership {0} · organization {1} · since {2}', membership.id, membership.organization_id, literal(membership.created_at ?? '?')),
      membership,
    })), { title: vscode.l10n.t("{0}'s organizations ({1})", literal(user.name), memberships.length), placeHolder: vscode.l10n.t('Choose one to show it in the Organizations view') });
    if (picked) {
      const organization = await withCancellableProgress(
        vscode.l10n.t('Reading organization {0}…', picked.membership.organization_id),
        (signal) => client.showOrganization(picked.membership.organization_id, { signal }),
      );
      const node = context.organizations.revealTarget(account.origin, organization);
      if (node) {
        await revealRow(context, node, { expand: true });
      }
    }
    return memberships;
  },
});
