import * as vscode from 'vscode';
import type { Organization, OrganizationMembership, User } from '../zendesk';
import { activeMarkup, literalMarkdown } from '../outsideText';

export const READ_ONLY_SCHEME = 'zendesk';

/**
 * Read-only Markdown documents (a membership's details, a bulk preview). The command sets the
 * content just before opening; the scheme has no file system, so there is no save prompt.
 *
 * They open rendered, in VS Code's Markdown preview: outside text in them is escaped
 * (`literalMarkdown`), which keeps it literal but reads as `jane\.doe\@example\.com` in the source;
 * rendered, the escapes vanish. The preview is locked to the document (an unlocked one follows
 * whatever Markdown file the user opens next), and its "Open Source" button shows the Markdown.
 * The document is first rendered by the preview's own renderer (`markdown.api.render`, the user's
 * settings): if that holds a link or another active element, or cannot be had, the source opens
 * instead, as it reads the same text and nothing in it acts.
 */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();

  /** Opens `content` as a read-only Markdown document at `path`, e.g. `/memberships/4.md`, rendered where that is safe. */
  async show(authority: string, path: string, content: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: READ_ONLY_SCHEME, authority, path });
    this.contents.set(uri.toString(), content);
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'markdown');
    if (await rendersAsText(content)) {
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri, undefined, { locked: true });
        return document;
      } catch {
        // The built-in Markdown extension was disabled meanwhile: the source, below.
      }
    }
    await vscode.window.showTextDocument(document, { preview: true });
    return document;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('This document is no longer available. Run the command again.');
  }
}

/** Markdown for one membership; Zendesk's values are escaped so they read as text. @literalText */
export function renderMembership(origin: string, membership: OrganizationMembership, user?: User, organization?: Organization): string {
  const cell = (value: unknown) => (value === undefined || value === null || value === '' ? '—' : literalMarkdown(value, 1000));
  const rows: Array<[string, unknown]> = [
    [vscode.l10n.t('Membership ID'), membership.id],
    // Users without an email exist (API-NOTES §13): then the name alone.
    [vscode.l10n.t('User'), user ? (user.email ? `${user.name} <${user.email}>` : user.name) : undefined],
    [vscode.l10n.t('User ID'), membership.user_id],
    [vscode.l10n.t('Organization'), organization?.name ?? membership.organization_name],
    [vscode.l10n.t('Organization ID'), membership.organization_id],
    [vscode.l10n.t('Default organization'), membership.default === true ? vscode.l10n.t('yes') : vscode.l10n.t('no')],
    [vscode.l10n.t('Can view all organization tickets'), membership.view_tickets === undefined ? undefined : (membership.view_tickets ? vscode.l10n.t('yes') : vscode.l10n.t('no'))],
    [vscode.l10n.t('Created'), membership.created_at],
    [vscode.l10n.t('Updated'), membership.updated_at],
    [vscode.l10n.t('Zendesk account'), origin],
  ];
  return [
    `# ${literalMarkdown(vscode.l10n.t('Organization membership {0}', membership.id))}`,
    '',
    `| ${literalMarkdown(vscode.l10n.t('Field'))} | ${literalMarkdown(vscode.l10n.t('Value'))} |`,
    '|---|---|',
    ...rows.map(([label, value]) => `| ${literalMarkdown(label)} | ${cell(value)} |`),
    '',
    '```json',
    jsonText(membership),
    '```',
    '',
  ].join('\n');
}

/**
 * Zendesk's record as JSON for a code block. Inside a fence nothing renders; JSON cannot start a
 * line with ``` (its lines start with spaces, brackets or quotes). JSON.stringify escapes C0
 * controls; bidi and the other invisible controls are escaped here too (the same JSON), so the
 * editor shows them instead of obeying them.
 * @literalText
 */
function jsonText(value: unknown): string {
  // eslint-disable-next-line local/outside-text -- JSON in a code fence: see above
  return JSON.stringify(value, null, 2).replace(/[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Whether VS Code's Markdown renderer shows `content` with no link, image or other active element. */
async function rendersAsText(content: string): Promise<boolean> {
  try {
    const html = await vscode.commands.executeCommand<unknown>('markdown.api.render', content);
    return typeof html === 'string' && activeMarkup(html).length === 0;
  } catch {
    return false; // no Markdown extension (disabled): the source
  }
}
