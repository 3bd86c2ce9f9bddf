import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, accountRow } from './command';
import { pickAccount } from '../ui/pickers';
import { literal } from '../outsideText';

export const signOut = defineCommand({
  id: CommandIds.signOut,
  action: vscode.l10n.t('sign out'),
  args: accountRow,
  async run(context, node) {
    const account = await pickAccount(context, node?.origin);
    const host = literal(new URL(account.origin).host);
    const confirmed = await context.prompter.confirm(
      vscode.l10n.t('Sign out of {0}?', host),
      vscode.l10n.t('The stored credentials for {0} ({1}) are removed from this computer.', host, literal(account.email)),
      vscode.l10n.t('Sign Out'),
    );
    if (!confirmed) {
      return undefined;
    }
    await context.accounts.remove(account.origin);
    context.log.info(`Signed out of ${account.origin}`);
    await context.prompter.info(vscode.l10n.t('Signed out of {0}.', host));
    return account.origin;
  },
});
