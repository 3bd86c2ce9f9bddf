import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { isFilterNode } from '../tree/nodes';
import { accountRow, defineCommand, firstArg } from './command';
import { pickAccount } from '../ui/pickers';

/**
 * The title bar's Filter…: organizations whose name starts with the text, found by Zendesk as it
 * is typed (debounced; each new text aborts the request of the one before). Escape puts back the
 * filter there was.
 */
export const filterOrganizations = defineCommand({
  id: CommandIds.filterOrganizations,
  action: vscode.l10n.t('filter the organizations'),
  args: accountRow,
  async run(context, accountNode) {
    const account = await pickAccount(context, accountNode?.origin);
    const before = context.organizations.filterOf(account.origin) ?? '';
    const text = await context.prompter.liveInput({
      title: vscode.l10n.t('Filter Organizations'),
      prompt: vscode.l10n.t('Organizations whose name starts with this text, as Zendesk finds them among all of them. Empty shows every organization.'),
      placeholder: vscode.l10n.t('Start of an organization name'),
      value: before,
      onDidChangeValue: (typed) => context.organizations.setFilter(account.origin, typed),
    });
    context.organizations.setFilter(account.origin, text ?? before);
    return context.organizations.filterOf(account.origin);
  },
});

const filterRow = firstArg(isFilterNode);

/** The filter row (or its ✕, or the title bar): every organization again; from the palette, every account's. */
export const clearFilter = defineCommand({
  id: CommandIds.clearFilter,
  action: vscode.l10n.t('clear the filter'),
  args: filterRow,
  async run(context, filterNode) {
    const origins = filterNode ? [filterNode.origin] : context.accounts.list().map((account) => account.origin);
    origins.forEach((origin) => context.organizations.setFilter(origin, ''));
  },
});
