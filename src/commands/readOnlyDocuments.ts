import * as vscode from 'vscode';
import type { Organization, OrganizationMembership, User } from '../zendesk';

export const MEMBERSHIP_SCHEME = 'zendesk-membership';

/**
 * Read-only documents with a membership's details. Content is set by the command just before
 * the document opens; VS Code shows it without a save prompt because the scheme is read-only.
 */
export class MembershipDocuments implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();

  set(uri: vscode.Uri, content: string): void {
    this.contents.set(uri.toString(), content);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('This membership is no longer open. Run "Zendesk: Show Membership…" again.');
  }
}

export function membershipUri(origin: string, membershipId: number): vscode.Uri {
  return vscode.Uri.from({ scheme: MEMBERSHIP_SCHEME, authority: new URL(origin).host, path: `/memberships/${membershipId}.md` });
}

/** Markdown for one membership; Zendesk's values are quoted so they read as text. */
export function renderMembership(origin: string, membership: OrganizationMembership, user?: User, organization?: Organization): string {
  const cell = (value: unknown): string => (value === undefined || value === null || value === '' ? '—' : `\`${String(value).replace(/`/g, "'")}\``);
  const rows: Array<[string, unknown]> = [
    [vscode.l10n.t('Membership ID'), membership.id],
    [vscode.l10n.t('User'), user ? `${user.name} <${user.email ?? ''}>` : undefined],
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
    `# ${vscode.l10n.t('Organization membership {0}', membership.id)}`,
    '',
    `| ${vscode.l10n.t('Field')} | ${vscode.l10n.t('Value')} |`,
    '|---|---|',
    ...rows.map(([label, value]) => `| ${label} | ${cell(value)} |`),
    '',
    '```json',
    JSON.stringify(membership, null, 2),
    '```',
    '',
  ].join('\n');
}
