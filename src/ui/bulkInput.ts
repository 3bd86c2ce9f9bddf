import * as vscode from 'vscode';
import { MAX_FILE_ROWS, parseInWorker } from '../bulkFiles/parseInWorker';
import type { FilePurpose, MembershipRow, ParsedMembershipFile } from '../bulkFiles/rows';
import type { User, ZendeskClient } from '../zendesk';
import type { UiContext } from './uiContext';
import { Cancelled } from './pickers';
import { countMessages } from '../countMessages';
import { literal } from '../outsideText';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/**
 * Asks for a CSV or JSON file and parses it in a worker thread; problems come back with their
 * line numbers. A file over 20 MB or 100,000 rows is refused with a message naming the limit.
 */
export async function importMembershipFile(context: UiContext, title: string, purpose: FilePurpose, defaultOrganizationId?: number): Promise<ParsedMembershipFile & { fileName: string }> {
  const file = await context.prompter.chooseFile(title, { [vscode.l10n.t('Memberships (CSV or JSON)')]: ['csv', 'json', 'txt'] });
  if (!file) {
    throw new Cancelled();
  }
  const fileName = file.path.split('/').pop() ?? file.path;
  const tooLarge = (bytes: number) => new Error(vscode.l10n.t('{0} is {1} MB; files of up to {2} MB can be imported. Split it into smaller files.',
    literal(fileName), Math.ceil(bytes / 1024 / 1024), MAX_FILE_BYTES / 1024 / 1024));
  const stat = await vscode.workspace.fs.stat(file);
  if (stat.size > MAX_FILE_BYTES) {
    throw tooLarge(stat.size);
  }
  const parsed = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading {0}…', literal(fileName)), cancellable: true },
    async (_progress, token) => {
      const bytes = await vscode.workspace.fs.readFile(file);
      if (bytes.byteLength > MAX_FILE_BYTES) {
        throw tooLarge(bytes.byteLength); // it grew since it was checked
      }
      const cancelled = new AbortController();
      token.onCancellationRequested(() => cancelled.abort(new Cancelled()));
      const worker = vscode.Uri.joinPath(context.extensionContext.extensionUri, 'dist', 'parseWorker.js').fsPath;
      return parseInWorker(worker, { bytes, fileName, purpose, defaultOrganizationId, maxRows: MAX_FILE_ROWS, translations: vscode.l10n.bundle }, cancelled.signal);
    },
  );
  if (parsed.tooManyRows) {
    throw new Error(countMessages.tooManyRows(MAX_FILE_ROWS, literal(fileName)));
  }
  return { ...parsed, fileName };
}

/** Several users picked by name, checked across as many searches as the user likes. */
export async function pickUsers(context: UiContext, client: ZendeskClient, title: string): Promise<User[]> {
  const picked = await context.prompter.searchMany<vscode.QuickPickItem & { user: User }>({
    title,
    placeholder: vscode.l10n.t("Type the start of a user's name, check the users to add, press Enter when done"),
    key: (item) => String(item.user.id),
    search: async (text, signal) => {
      const page = await client.autocompleteUsers(text).page(undefined, { pageSize: 25, signal });
      return page.items.map((user) => ({ label: literal(user.name), description: user.email ? literal(user.email) : undefined, detail: user.role ? vscode.l10n.t('Role: {0}', literal(user.role)) : undefined, user }));
    },
  });
  if (!picked?.length) {
    throw new Cancelled();
  }
  return picked.map((item) => item.user);
}

export function rowsForUsers(users: User[], organizationId: number): MembershipRow[] {
  return users.map((user, index) => ({ line: index + 1, user: { id: user.id }, organization: { id: organizationId } }));
}
