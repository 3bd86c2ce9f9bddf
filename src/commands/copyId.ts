import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { defineCommand, anyRow } from './command';
import { clientFor, pickAccount, pickOrganization } from '../ui/pickers';

/** From a row, its organization or membership id; from the palette, a picked organization's id. */
export const copyId = defineCommand({
  id: CommandIds.copyId,
  action: vscode.l10n.t('copy the ID'),
  args: anyRow,
  async run(context, target) {
    let id = target?.kind === 'organization' ? target.organization.id : target?.kind === 'membership' ? target.membership.id : undefined;
    if (id === undefined) {
      const account = await pickAccount(context);
      id = (await pickOrganization(context, await clientFor(context, account), vscode.l10n.t('Copy ID: organization'))).id;
    }
    await vscode.env.clipboard.writeText(String(id));
    vscode.window.setStatusBarMessage(vscode.l10n.t('Copied ID {0}', id), 3_000);
    context.log.debug(`copied id ${id}`);
    return String(id);
  },
});
