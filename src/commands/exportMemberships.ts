import * as os from 'node:os';
import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { csvFileName } from '../jobs/csvExport';
import { type ExportScope, exportMemberships } from '../jobs/membershipExport';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';
import { type AccountNode, type MembershipNode, type OrganizationNode, isAccountNode, isMembershipNode, isOrganizationNode } from '../tree/nodes';
import { Cancelled, clientFor, pickAccount, pickOrganization, pickUser } from '../ui/pickers';
import { writeStreamed } from '../ui/streamedFile';
import type { UiContext } from '../ui/uiContext';
import type { ZendeskClient } from '../zendesk';
import { defineCommand } from './command';

type ExportRow = AccountNode | OrganizationNode | MembershipNode;

export interface ExportResult {
  written: number;
  file: string;
}

/**
 * Export Memberships…: an organization's (its row), a user's (a membership row's member) or the
 * whole account's (the account row) memberships to a CSV or JSON file that Add Members in Bulk,
 * Remove Memberships in Bulk and Sync Members from File read back. Written page by page, under a
 * progress notification whose Cancel leaves no file behind.
 */
export const exportMembershipsCommand = defineCommand({
  id: CommandIds.exportMemberships,
  action: vscode.l10n.t('export memberships'),
  args: (raw): ExportRow | undefined => (isAccountNode(raw[0]) || isOrganizationNode(raw[0]) || isMembershipNode(raw[0]) ? raw[0] : undefined),
  async run(context, row): Promise<ExportResult | undefined> {
    const account = await pickAccount(context, row?.origin);
    const client = await clientFor(context, account);
    const title = vscode.l10n.t('Export Memberships');
    const scope = await chooseScope(context, client, row, new URL(account.origin).host);
    const name = scopeName(scope, new URL(account.origin).host);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await context.prompter.saveFile(title, vscode.Uri.joinPath(folder, csvFileName(`memberships-${name}`)), {
      [vscode.l10n.t('CSV files')]: ['csv'], [vscode.l10n.t('JSON files')]: ['json'],
    });
    if (!target) {
      throw new Cancelled();
    }
    const format = /\.json$/i.test(target.path) ? 'json' : 'csv';
    const fileName = target.path.split('/').at(-1) ?? target.path;
    const abort = new AbortController();
    const written = await vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification, cancellable: true, title: vscode.l10n.t('Exporting the memberships of {0}', literal(name)),
    }, (progress, token) => {
      const subscription = token.onCancellationRequested(() => abort.abort());
      return writeStreamed(target, (file) => exportMemberships(client, scope, format, file, {
        signal: abort.signal,
        onProgress: (count) => progress.report({ message: countMessages.membershipsWritten(count) }),
      })).finally(() => subscription.dispose());
    }).then((count) => count, (error: unknown) => {
      if (abort.signal.aborted) {
        return undefined;
      }
      throw error;
    });
    if (written === undefined) {
      void context.prompter.info(vscode.l10n.t('Export cancelled; no file was written.'));
      return undefined;
    }
    const open = vscode.l10n.t('Open File');
    void Promise.resolve(context.prompter.info(countMessages.exportedMemberships(written, literal(fileName)), open)).then(async (choice) => {
      if (choice === open) await vscode.window.showTextDocument(target);
    });
    return { written, file: target.fsPath };
  },
});

async function chooseScope(context: UiContext, client: ZendeskClient, row: ExportRow | undefined, host: string): Promise<ExportScope> {
  const title = vscode.l10n.t('Export Memberships');
  if (row && isAccountNode(row)) {
    return { kind: 'account' };
  }
  if (row && isOrganizationNode(row)) {
    return { kind: 'organization', organization: row.organization };
  }
  if (row && isMembershipNode(row)) {
    const picked = await context.prompter.pick([
      { label: `$(organization) ${literal(row.organizationName)}`, detail: vscode.l10n.t('Every member of this organization'), id: 'organization' },
      { label: `$(person) ${literal(row.userName)}`, detail: vscode.l10n.t('Every organization of this user'), id: 'user' },
    ], { title, placeHolder: vscode.l10n.t('Whose memberships?') });
    if (!picked) throw new Cancelled();
    return picked.id === 'organization' ? { kind: 'organization', organization: row.parent.organization } : { kind: 'user', user: row.member };
  }
  const picked = await context.prompter.pick([
    { label: `$(globe) ${vscode.l10n.t('Every membership of {0}', literal(host))}`, detail: vscode.l10n.t('The whole account, page by page'), id: 'account' },
    { label: `$(organization) ${vscode.l10n.t('An organization…')}`, detail: vscode.l10n.t('Every member of one organization'), id: 'organization' },
    { label: `$(person) ${vscode.l10n.t('A user…')}`, detail: vscode.l10n.t('Every organization of one user'), id: 'user' },
  ], { title, placeHolder: vscode.l10n.t('Whose memberships?') });
  if (!picked) throw new Cancelled();
  if (picked.id === 'organization') return { kind: 'organization', organization: await pickOrganization(context, client, title) };
  if (picked.id === 'user') return { kind: 'user', user: await pickUser(context, client, title) };
  return { kind: 'account' };
}

function scopeName(scope: ExportScope, host: string): string {
  return scope.kind === 'organization' ? scope.organization.name : scope.kind === 'user' ? scope.user.name : host;
}
