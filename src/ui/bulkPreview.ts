import * as vscode from 'vscode';
import { type RowProblem, describeRowProblem } from '../bulkFiles/rows';
import type { PlannedItem } from '../bulkFiles/plan';
import type { UiContext } from './uiContext';
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import { type BulkTicketImpact, describeBulkTicketImpact } from './ticketImpact';
import { literal, literalMarkdown } from '../outsideText';
import { countMessages } from '../countMessages';
import { CommandIds } from '../commandIds';

/** Everything a bulk preview reports before anything is sent. */
export interface BulkPreview {
  kind: 'add' | 'remove';
  /** What will be sent. */
  planned: PlannedItem[];
  /** Adding: existing members whose membership becomes their default (make_default). */
  defaultChanges?: PlannedItem[];
  /** Lines that were refused, with why. */
  problems: RowProblem[];
  /** Label → entries, e.g. "Already members (skipped)" → items; "Users not found" → values. */
  skipped: Array<{ label: string; entries: string[] }>;
  /** Removals: the unsolved tickets that will lose their organization, as counted. */
  ticketImpact?: BulkTicketImpact;
}

const DETAIL_LINES = 8;

/** The modal's detail text: counts first, then the first problems by line. @literalText */
export function previewDetail(preview: BulkPreview): string {
  const jobs = Math.ceil(preview.planned.length / 100);
  const defaults = preview.defaultChanges?.length ?? 0;
  const lines = [
    preview.kind === 'add' ? countMessages.willBeAdded(preview.planned.length, jobs) : countMessages.willBeRemoved(preview.planned.length, jobs),
    ...(defaults > 0 ? [countMessages.willBeMadeDefault(defaults)] : []),
    ...preview.ticketImpact ? [describeBulkTicketImpact(preview.ticketImpact)] : [],
    ...preview.skipped.filter((group) => group.entries.length > 0).map((group) => `${literal(group.label)}: ${group.entries.length}`),
  ];
  if (preview.problems.length > 0) {
    lines.push('', countMessages.invalidLinesSkipped(preview.problems.length));
    lines.push(...preview.problems.slice(0, DETAIL_LINES).map(describeProblem));
    if (preview.problems.length > DETAIL_LINES) {
      lines.push(vscode.l10n.t('…and {0} more (Show Details lists them all).', preview.problems.length - DETAIL_LINES));
    }
  }
  return lines.join('\n');
}

/** "line 7: not a number: "x"" — the message quotes the file, so it is shown literally. @literalText */
export function describeProblem(problem: RowProblem): string {
  return literal(describeRowProblem(problem), 520);
}

/** The full preview as Markdown, for "Show Details"; every line of it is escaped text. @literalText */
export function previewDocument(title: string, preview: BulkPreview): string {
  const text = (value: string) => literalMarkdown(value, 1000);
  const entry = (value: string) => `- ${text(value)}`;
  const sections = [`# ${text(title)}`, '', text(previewDetail(preview).split('\n')[0]), ''];
  if (preview.problems.length > 0) {
    sections.push(`## ${text(vscode.l10n.t('Invalid lines ({0})', preview.problems.length))}`, '', ...preview.problems.map((problem) => entry(describeProblem(problem))), '');
  }
  for (const group of preview.skipped.filter((candidate) => candidate.entries.length > 0)) {
    sections.push(`## ${text(`${group.label}: ${group.entries.length}`)}`, '', ...group.entries.map(entry), '');
  }
  sections.push(`## ${text(vscode.l10n.t('To send ({0})', preview.planned.length))}`, '', ...preview.planned.map((item) => entry(`${item.userLabel} → ${item.organizationLabel}`)), '');
  if (preview.defaultChanges?.length) {
    sections.push(`## ${text(vscode.l10n.t('To make the default organization ({0})', preview.defaultChanges.length))}`, '', ...preview.defaultChanges.map((item) => entry(`${item.userLabel} → ${item.organizationLabel}`)), '');
  }
  return sections.join('\n');
}

/** The preview modal, with "Show Details" for the full list; true once the user accepts. */
export async function acceptPreview(context: UiContext, documents: ReadOnlyDocuments, origin: string, title: string, preview: BulkPreview, action: string): Promise<boolean> {
  if (preview.planned.length === 0 && !preview.defaultChanges?.length) {
    const details = vscode.l10n.t('Show Details');
    // The detail without its first line (what would be sent: nothing), its lines joined by single spaces.
    const why = previewDetail(preview).split('\n').slice(1).filter((line) => line !== '').join(' ');
    if (await context.prompter.warn(vscode.l10n.t('Nothing to send. {0}', why), details) === details) {
      await documents.show(new URL(origin).host, `/previews/${Date.now()}.md`, previewDocument(title, preview));
    }
    return false;
  }
  const details = vscode.l10n.t('Show Details');
  for (;;) {
    const choice = await context.prompter.modal(title, previewDetail(preview), [action, details]);
    if (choice !== details) {
      return choice === action;
    }
    await documents.show(new URL(origin).host, `/previews/${Date.now()}.md`, previewDocument(title, preview));
  }
}

export async function announceStart(context: UiContext, operationId: string, message: string): Promise<void> {
  const show = vscode.l10n.t('Show Jobs');
  if (await context.prompter.info(message, show) === show) {
    await vscode.commands.executeCommand(CommandIds.showJobs, operationId);
  }
}

/** "line 7: bob@example.com", or the value alone when the line is not known. @literalText */
export function located(entry: { line?: number; value: string }): string {
  return entry.line !== undefined ? vscode.l10n.t('line {0}: {1}', entry.line, literal(entry.value)) : literal(entry.value);
}

/** Runs a plan under a cancellable notification that counts the rows checked so far. */
export function planWithProgress<T>(rowCount: number, plan: (options: { signal: AbortSignal; onProgress(done: number, total: number): void }) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: countMessages.checkingRows(rowCount), cancellable: true },
    (progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return plan({ signal: controller.signal, onProgress: (done, total) => progress.report({ message: `${done}/${total}` }) });
    },
  );
}
