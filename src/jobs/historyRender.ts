// The history as people read it: a Markdown document (newest operation first, its counts, then its
// changes), and as files: CSV (formula-safe, like every CSV the extension writes) or JSON. Names
// come from Zendesk: literalMarkdown in the document, neutralised cells in the CSV. No `vscode`.
import * as l10n from '@vscode/l10n';
import { literalMarkdown } from '../outsideText';
import { neutraliseFormula, recordsToCsv } from './csvExport';
import type { JournalAction, JournalEntry, JournalOperation } from './journal';
import { type UndoPlan, type UndoStep, organizationById } from './undoPlan';

const text = (value: unknown): string => literalMarkdown(value, 1000);

export function actionLabel(action: JournalAction): string {
  switch (action) {
    case 'added': return l10n.t('added');
    case 'removed': return l10n.t('removed');
    case 'unassigned': return l10n.t('unassigned');
    case 'madeDefault': return l10n.t('made default');
  }
}

/** "2 added, 1 removed" (the actions that happened only): counts and our words only. @literalText */
export function countsLabel(group: JournalOperation): string {
  return (Object.entries(group.counts) as Array<[JournalAction, number]>).filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${actionLabel(action)}`).join(', ');
}

/** "2026-12-07 22:10:00 UTC" */
export function timeLabel(at: number): string {
  return new Date(at).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** One change in a line: "added: Ann (ann@x) → Acme (as default; before: Beta)". */
export function describeEntry(entry: JournalEntry): string {
  const notes = [
    ...(entry.asDefault ? [l10n.t('as default')] : []),
    ...(entry.wasDefault ? [l10n.t('was the default')] : []),
    ...(entry.previousDefaultId !== undefined && (entry.action === 'madeDefault' || entry.asDefault)
      ? [entry.previousDefaultId === null ? l10n.t('no default before') : l10n.t('default before: {0}', entry.previousDefaultName ?? organizationById(entry.previousDefaultId))]
      : []),
  ];
  return `${actionLabel(entry.action)}: ${entry.userName} → ${entry.organizationName}${notes.length ? ` (${notes.join('; ')})` : ''}`;
}

/** Changes the document lists one by one (newest first); rendering 20,000 takes about a second, so past this each operation gives only its counts. */
export const DOCUMENT_ENTRIES = 2_000;

/** The history document: every operation, newest first. @literalText */
export function historyMarkdown(host: string, groups: readonly JournalOperation[], maxEntries = DOCUMENT_ENTRIES): string {
  let listed = 0;
  const lines = [`# ${text(l10n.t('History of {0}', host))}`, ''];
  if (groups.length === 0) {
    lines.push(text(l10n.t('Nothing recorded yet: the history lists the changes the extension makes from now on.')), '');
  }
  for (const group of groups) {
    lines.push(`## ${text(`${timeLabel(group.to)} — ${group.operation}`)}`, '');
    lines.push(`${text(countsLabel(group))} · ${text(group.kind === 'single' ? l10n.t('single change') : l10n.t('bulk operation ({0})', group.kind))} · ${text(l10n.t('operation {0}', group.operationId))}`, '');
    if (group.undoOf) {
      lines.push(text(l10n.t('Undoes operation {0}.', group.undoOf)), '');
    }
    const shown = [...group.entries].reverse().slice(0, Math.max(0, maxEntries - listed));
    listed += shown.length;
    lines.push(...shown.map((entry) => `- ${text(`${timeLabel(entry.at)} ${describeEntry(entry)}`)}`));
    if (shown.length < group.entries.length) {
      lines.push(`- ${text(l10n.t('Changes not listed here: {0} (Export History… writes every change).', group.entries.length - shown.length))}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

export const HISTORY_CSV_HEADER: readonly string[] = [
  'time', 'operation_id', 'operation', 'kind', 'action', 'user_id', 'user_name', 'organization_id', 'organization_name',
  'membership_id', 'was_default', 'as_default', 'previous_default_organization_id', 'previous_default_organization_name', 'undo_of', 'window',
];

/** CSV of the entries, newest first: RFC 4180, every field quoted, formula-safe, with a BOM for Excel. */
export function historyCsv(entries: readonly JournalEntry[]): string {
  const cell = (value: unknown): string => neutraliseFormula(value === undefined || value === null ? '' : String(value));
  const rows = [...entries].reverse().map((entry) => [
    new Date(entry.at).toISOString(), entry.operationId, entry.operation, entry.kind, entry.action, entry.userId, entry.userName, entry.organizationId,
    entry.organizationName, entry.membershipId, entry.wasDefault, entry.asDefault, entry.previousDefaultId, entry.previousDefaultName, entry.undoOf, entry.window,
  ].map(cell));
  return recordsToCsv([[...HISTORY_CSV_HEADER], ...rows]);
}

/** JSON of the entries, newest first. */
export function historyJson(entries: readonly JournalEntry[]): string {
  return `${JSON.stringify({ entries: [...entries].reverse() }, null, 2)}\n`;
}

function describeStep(step: UndoStep): string {
  switch (step.action) {
    case 'add': return step.makeDefault ? l10n.t('add back (as default): {0} → {1}', step.userLabel, step.organizationLabel) : l10n.t('add back: {0} → {1}', step.userLabel, step.organizationLabel);
    case 'remove': return l10n.t('remove: {0} → {1}', step.userLabel, step.organizationLabel);
    case 'makeDefault': return l10n.t('make the default again: {0} → {1}', step.userLabel, step.organizationLabel);
  }
}

/** "To add back: 2, to remove: 1, defaults to restore: 1" (right for any count): counts only. @literalText */
export function undoCountsLabel(plan: UndoPlan): string {
  return l10n.t('To add back: {0}, to remove: {1}, defaults to restore: {2}', plan.counts.add, plan.counts.remove, plan.counts.makeDefault);
}

/** The undo preview's document: what will be sent, then what is skipped and why. @literalText */
export function undoMarkdown(title: string, plan: UndoPlan): string {
  return [
    `# ${text(title)}`, '', text(undoCountsLabel(plan)), '',
    `## ${text(l10n.t('To send ({0})', plan.steps.length))}`, '', ...plan.steps.map((step) => `- ${text(describeStep(step))}`), '',
    `## ${text(l10n.t('Skipped: changed on the server since ({0})', plan.skipped.length))}`, '', ...plan.skipped.map((skip) => `- ${text(skip.reason)}`), '',
  ].join('\n');
}
