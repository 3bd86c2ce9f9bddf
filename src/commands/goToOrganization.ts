import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, noArgs } from './command';
import { clientFor, pickAccount, pickOrganization } from '../ui/pickers';
import { revealRow } from '../tree/revealRow';

/** Finds an organization by name and reveals it, pinning it at the top if it isn't loaded yet. */
export const goToOrganization = defineCommand({
  id: CommandIds.goToOrganization,
  action: vscode.l10n.t('go to the organization'),
  args: noArgs,
  async run(context) {
    const account = await pickAccount(context);
    const client = await clientFor(context, account);
    const organization = await pickOrganization(context, client, vscode.l10n.t('Go to Organization'));
    const node = context.organizations.revealTarget(account.origin, organization);
    if (node) {
      await revealRow(context, node, { expand: true });
    }
    return node;
  },
});
