import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, membershipRow } from './command';
import { clientFor, pickAccount, pickUserMembership, rowUserOrPick } from '../ui/pickers';
import { literal } from '../outsideText';
import { withWaitingProgress } from '../ui/waitingProgress';
import { defaultBefore, membershipChange } from './singleChanges';

/** Zendesk's "Set Organization as Default": a user (a membership row's, or picked), then one of their organizations. */
export const setUserDefaultOrganization = defineCommand({
  id: CommandIds.setUserDefaultOrganization,
  action: vscode.l10n.t("set the user's default organization"),
  args: membershipRow,
  async run(context, membershipNode) {
    const account = await pickAccount(context, membershipNode?.origin);
    const client = await clientFor(context, account);
    const title = vscode.l10n.t("Set User's Default Organization");
    const user = await rowUserOrPick(context, client, membershipNode?.member, title);
    const chosen = await pickUserMembership(context, client, user, title);
    const organizationName = chosen.organization_name ?? String(chosen.organization_id);
    const before = await defaultBefore(client, user.id);
    const membership = await withWaitingProgress(
      vscode.l10n.t('Making {0} the default organization of {1}…', literal(organizationName), literal(user.name)),
      (call) => client.setOrganizationAsDefault({ userId: user.id, organizationId: chosen.organization_id }, call),
      () => context.organizations.refreshOrganizations(account.origin, [chosen.organization_id]),
    );
    context.organizations.defaultMoved(account.origin, user.id, membership.organization_id);
    await context.history.recordSingle(account.origin, title, [membershipChange('madeDefault', { ...chosen, id: membership.id }, { userName: user.name, organizationName }, before)]);
    await context.prompter.info(vscode.l10n.t("{0} is now {1}'s default organization.", literal(chosen.organization_name ?? String(chosen.organization_id)), literal(user.name)));
    return membership;
  },
});
