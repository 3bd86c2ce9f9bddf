import * as vscode from 'vscode';
import type { Organization, OrganizationMembership, User } from '../zendesk';
import { literalMarkdown } from '../outsideText';

// Every value from Zendesk goes in through literalMarkdown, not MarkdownString.appendText: that
// leaves `<`, `|`, and bare URLs and emails (which the hover turns into links) as they are. So
// names such as "<img src=x onerror=…>", "[click](command:…)" or "https://evil.example" stay text.
function line(markdown: vscode.MarkdownString, label: string, value: unknown): void {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return;
  }
  markdown.appendMarkdown(`**${literalMarkdown(label)}:** ${literalMarkdown(Array.isArray(value) ? value.join(', ') : value, 500)}  \n`);
}

function untrusted(): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

export function organizationTooltip(organization: Organization, pinned: boolean): vscode.MarkdownString {
  const markdown = untrusted();
  markdown.appendMarkdown(`### ${literalMarkdown(organization.name)}\n\n`);
  line(markdown, vscode.l10n.t('ID'), organization.id);
  line(markdown, vscode.l10n.t('External ID'), organization.external_id);
  line(markdown, vscode.l10n.t('Domains'), organization.domain_names);
  line(markdown, vscode.l10n.t('Tags'), organization.tags);
  line(markdown, vscode.l10n.t('Details'), organization.details);
  line(markdown, vscode.l10n.t('Notes'), organization.notes);
  line(markdown, vscode.l10n.t('Created'), organization.created_at);
  if (pinned) {
    markdown.appendMarkdown(`\n_${vscode.l10n.t('Pinned with Go to Organization…')}_`);
  }
  return markdown;
}

export function membershipTooltip(membership: OrganizationMembership, user: User | undefined, organization: Organization): vscode.MarkdownString {
  const markdown = untrusted();
  markdown.appendMarkdown(`### ${literalMarkdown(user?.name ?? vscode.l10n.t('User {0}', membership.user_id))}\n\n`);
  line(markdown, vscode.l10n.t('Email'), user?.email);
  line(markdown, vscode.l10n.t('Role'), user?.role);
  line(markdown, vscode.l10n.t('Organization'), organization.name);
  line(markdown, vscode.l10n.t('Default organization'), membership.default === true ? vscode.l10n.t('yes') : vscode.l10n.t('no'));
  line(markdown, vscode.l10n.t('Membership ID'), membership.id);
  line(markdown, vscode.l10n.t('User ID'), membership.user_id);
  line(markdown, vscode.l10n.t('Member since'), membership.created_at);
  return markdown;
}
