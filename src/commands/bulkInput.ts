import * as vscode from 'vscode';
import { parseMembershipFile } from '../jobs/input/parseMembershipFile';
import type { FilePurpose, MembershipRow, ParsedMembershipFile } from '../jobs/input/parseMembershipFile';
import type { User, ZendeskClient } from '../zendesk';
import type { CommandContext } from './context';
import { Cancelled } from './pickers';
import { literal } from '../outsideText';

const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Asks for a CSV or JSON file and parses it; problems come back with their line numbers. */
export async function importMembershipFile(context: CommandContext, title: string, purpose: FilePurpose, defaultOrganizationId?: number): Promise<ParsedMembershipFile & { fileName: string }> {
  const file = await context.prompter.chooseFile(title, { [vscode.l10n.t('Memberships (CSV or JSON)')]: ['csv', 'json', 'txt'] });
  if (!file) {
    throw new Cancelled();
  }
  const fileName = file.path.split('/').pop() ?? file.path;
  const stat = await vscode.workspace.fs.stat(file);
  if (stat.size > MAX_FILE_BYTES) {
    throw new Error(vscode.l10n.t('{0} is {1} MB; files of up to 20 MB can be imported.', fileName, Math.round(stat.size / 1024 / 1024)));
  }
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file));
  return { ...parseMembershipFile(text, fileName, purpose, { defaultOrganizationId }), fileName };
}

/** Several users picked by name, checked across as many searches as the user likes. */
export async function pickUsers(context: CommandContext, client: ZendeskClient, title: string): Promise<User[]> {
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
