import * as vscode from 'vscode';
import { type SyncProblem, describeSyncProblem } from '../bulkFiles/syncDesired';
import { type SyncChange, type SyncOrganization, type SyncPlan, bigRemovals } from '../bulkFiles/syncPlan';
import { literal, literalMarkdown, typedAsShown } from '../outsideText';
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import type { UiContext } from './uiContext';
import { Cancelled } from './cancelled';
import { countMessages } from '../countMessages';

/** Lines of each kind listed per organization in the document; the saved plan has them all. */
const LINES_PER_SECTION = 5_000;
const DETAIL_PROBLEMS = 8;

const MARKS = { add: '+', remove: '−', makeDefault: '★' } as const;

/**
 * The plan as a readable diff: counts per organization, then its + (added), − (removed) and ★
 * (made the default) lines. Every name is outside text, escaped. @literalText
 */
export function syncPlanDocument(title: string, origin: string, plan: SyncPlan, changedSincePlanned: readonly SyncOrganization[] = [], savedBefore = new Map<number, number>()): string {
  const text = (value: string) => literalMarkdown(value, 1000);
  const lines = [`# ${text(title)}`, '', text(vscode.l10n.t('Zendesk account: {0}', origin)), '', text(syncCounts(plan)), ''];
  if (changedSincePlanned.length > 0) {
    lines.push(`## ${text(vscode.l10n.t('Changed since the plan was saved'))}`, '', text(vscode.l10n.t('These organizations\' memberships changed since the plan was made; the changes below were planned again from the plan\'s desired members.')), '');
    lines.push(...changedSincePlanned.map((organization) => `- ${text(vscode.l10n.t('{0}: members then {1}, now {2}', organization.name, savedBefore.get(organization.id) ?? '?', organization.before))}`), '');
  }
  lines.push(`| ${text(vscode.l10n.t('Organization'))} | ${text(vscode.l10n.t('Members now'))} | + | − | ★ | ${text(vscode.l10n.t('Members after'))} |`, '|---|---:|---:|---:|---:|---:|');
  lines.push(...plan.organizations.map((organization) => `| ${text(organization.name)} | ${organization.before} | ${organization.added} | ${organization.removed} | ${organization.madeDefault} | ${organization.after} |`), '');
  const byOrganization = new Map<number, SyncChange[]>();
  for (const change of plan.changes) {
    const list = byOrganization.get(change.organizationId);
    if (list) list.push(change);
    else byOrganization.set(change.organizationId, [change]);
  }
  for (const organization of plan.organizations) {
    const changes = byOrganization.get(organization.id) ?? [];
    lines.push(`## ${text(organization.name)}`, '');
    if (changes.length === 0) {
      lines.push(text(vscode.l10n.t('Already as the file says: nothing to change.')), '');
      continue;
    }
    lines.push('```diff');
    for (const action of ['add', 'remove', 'makeDefault'] as const) {
      const ofAction = changes.filter((change) => change.action === action);
      // Inside a fence nothing renders; literal() turns a line break in a name into U+FFFD, and a
      // line starting with its mark can never close the fence.
      lines.push(...ofAction.slice(0, LINES_PER_SECTION).map((change) => `${MARKS[action]} ${literal(change.userLabel, 300)}`));
      if (ofAction.length > LINES_PER_SECTION) lines.push(`  ${vscode.l10n.t('…and {0} more (Save Plan… writes them all)', ofAction.length - LINES_PER_SECTION)}`);
    }
    lines.push('```', '');
  }
  lines.push(text(vscode.l10n.t('+ added, − removed, ★ made the default organization.')), '');
  return lines.join('\n');
}

/** "Additions: 12, removals: 2, default changes: 1, unchanged: 40". @literalText */
export function syncCounts(plan: SyncPlan): string {
  const count = (action: SyncChange['action']) => plan.changes.filter((change) => change.action === action).length;
  return vscode.l10n.t('Additions: {0}, removals: {1}, default changes: {2}, unchanged: {3}', count('add'), count('remove'), count('makeDefault'), plan.unchanged);
}

/** The file cannot be synced: say why by line, with the full list in a document; nothing is sent. */
export async function refuseSync(context: UiContext, documents: ReadOnlyDocuments, origin: string, fileName: string, problems: readonly SyncProblem[]): Promise<never> {
  const shown = problems.slice(0, DETAIL_PROBLEMS).map((problem) => literal(describeSyncProblem(problem), 300)).join('; ');
  const more = problems.length > DETAIL_PROBLEMS ? vscode.l10n.t(' (and {0} more)', problems.length - DETAIL_PROBLEMS) : '';
  const details = vscode.l10n.t('Show Details');
  const choice = await context.prompter.error(vscode.l10n.t('{0} was not synced, nothing was sent: {1}{2}', literal(fileName), shown, more), details);
  if (choice === details) {
    const lines = [`# ${literalMarkdown(vscode.l10n.t('Problems in {0}', fileName))}`, '', ...problems.map((problem) => `- ${literalMarkdown(describeSyncProblem(problem), 1000)}`), ''];
    await documents.show(new URL(origin).host, `/sync/problems-${Date.now()}.md`, lines.join('\n'));
  }
  throw new Cancelled();
}

/**
 * Big removals need the organization's name typed (more than 10 members, or more than a quarter):
 * true once every such name was typed exactly; false when the user gave up.
 */
export async function confirmBigRemovals(context: UiContext, plan: SyncPlan): Promise<boolean> {
  for (const organization of bigRemovals(plan)) {
    const typed = await context.prompter.input({
      title: vscode.l10n.t('Confirm removals from {0}', literal(organization.name)),
      prompt: countMessages.bigRemovalPrompt(organization.removed, organization.before, literal(organization.name)),
      placeHolder: literal(organization.name),
      ignoreFocusOut: true,
      validateInput: (value) => (typedAsShown(value, organization.name) ? undefined : vscode.l10n.t('Type the name exactly as shown: {0}', literal(organization.name))),
    });
    if (typed === undefined || !typedAsShown(typed, organization.name)) {
      return false;
    }
  }
  return true;
}
