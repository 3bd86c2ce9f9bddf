import * as vscode from 'vscode';
import { findExistingMemberships } from '../bulkFiles/existingMemberships';
import { PlanProgress } from '../bulkFiles/planSteps';
import { CommandIds } from '../commandIds';
import type { JobsController } from '../jobs/controller';
import { type JournalOperation, groupByOperation } from '../jobs/journal';
import { countsLabel, timeLabel, undoCountsLabel, undoMarkdown } from '../jobs/historyRender';
import { type UndoPlan, planUndo, undoItems, undoPairs } from '../jobs/undoPlan';
import { literal } from '../outsideText';
import { isAccountNode } from '../tree/nodes';
import { announceStart, planWithProgress } from '../ui/bulkPreview';
import { Cancelled, clientFor, pickAccount } from '../ui/pickers';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { type Command, type CommandContext, defineCommand } from './command';

const DETAIL_LINES = 8;
const PICKED_OPERATIONS = 100;

interface UndoArgs {
  origin?: string;
  operationId?: string;
}

/** What Undo was given: an operation id (the Jobs panel, another command), `{ operationId }`, or the account row. */
function undoArgs(raw: readonly unknown[]): UndoArgs {
  const [first] = raw;
  if (typeof first === 'string' && first.length > 0 && first.length <= 200) return { operationId: first };
  if (isAccountNode(first)) return { origin: first.origin };
  if (typeof first === 'object' && first !== null && typeof (first as { operationId?: unknown }).operationId === 'string') {
    return { operationId: (first as { operationId: string }).operationId };
  }
  return {};
}

/**
 * Undo…: one operation of the history (chosen, or named by the Jobs panel) is undone as a new
 * operation — what it added removed, what it removed added back (as the default where it was), the
 * previous defaults restored — after reading what Zendesk has now: what changed there since is
 * skipped and shown. Previewed first; the undo runs in the Jobs panel and is itself in the history.
 */
export function createUndo(jobs: JobsController, documents: ReadOnlyDocuments): Command {
  return defineCommand({
    id: CommandIds.undoOperation,
    action: vscode.l10n.t('undo the operation'),
    args: undoArgs,
    async run(context, args) {
      const account = await pickAccount(context, args.origin ?? (args.operationId ? jobs.engine.find(args.operationId)?.origin : undefined));
      const client = await clientFor(context, account);
      const groups = groupByOperation(await jobs.history.read(account.origin));
      const group = args.operationId ? groups.find((candidate) => candidate.operationId === args.operationId) : await pickOperation(context, groups);
      if (!group) {
        await context.prompter.info(vscode.l10n.t('Nothing to undo: the history holds no change of this operation.'));
        return undefined;
      }
      const pairs = undoPairs(group.entries);
      const current = await planWithProgress(pairs.length, ({ signal, onProgress }) => findExistingMemberships(client, pairs, new PlanProgress(onProgress), signal));
      const plan = planUndo(group.entries, {
        of: (pair) => {
          const membership = current.of(pair);
          return membership ? { id: membership.id, default: membership.default === true } : undefined;
        },
      });
      const title = vscode.l10n.t('Undo “{0}”', literal(group.operation));
      if (!await acceptUndo(context, documents, account.origin, title, plan)) {
        return undefined;
      }
      const operation = jobs.engine.start({ origin: account.origin, kind: 'undo', title, undoOf: group.operationId, items: undoItems(plan) });
      void announceStart(context, operation.id, vscode.l10n.t('Undoing “{0}”. {1}.', literal(group.operation), undoCountsLabel(plan)));
      return operation;
    },
  });
}

async function pickOperation(context: CommandContext, groups: JournalOperation[]): Promise<JournalOperation | undefined> {
  if (groups.length === 0) {
    return undefined;
  }
  const picked = await context.prompter.pick(groups.slice(0, PICKED_OPERATIONS).map((group) => ({
    label: literal(group.operation),
    description: literal(timeLabel(group.to)),
    detail: group.undoOf ? `${countsLabel(group)} · ${vscode.l10n.t('an undo')}` : countsLabel(group),
    group,
  })), { title: vscode.l10n.t('Undo'), placeHolder: vscode.l10n.t('Which operation? (newest first)'), matchOnDescription: true });
  if (!picked) {
    throw new Cancelled();
  }
  return picked.group;
}

/** The undo's preview: counts and what is skipped, with Show Details for everything; true once accepted. */
async function acceptUndo(context: CommandContext, documents: ReadOnlyDocuments, origin: string, title: string, plan: UndoPlan): Promise<boolean> {
  const details = vscode.l10n.t('Show Details');
  const show = () => documents.show(new URL(origin).host, `/undo/${Date.now()}.md`, undoMarkdown(title, plan));
  const skipped = plan.skipped.length === 0 ? [] : [
    '', vscode.l10n.t('Skipped, changed on the server since: {0}', plan.skipped.length),
    ...plan.skipped.slice(0, DETAIL_LINES).map((skip) => literal(skip.reason, 300)),
    ...(plan.skipped.length > DETAIL_LINES ? [vscode.l10n.t('…and {0} more (Show Details lists them all).', plan.skipped.length - DETAIL_LINES)] : []),
  ];
  if (plan.steps.length === 0) {
    if (await context.prompter.warn(vscode.l10n.t('Nothing to undo: every change of this operation changed on the server since (or was undone already).'), details) === details) {
      await show();
    }
    return false;
  }
  const action = vscode.l10n.t('Undo');
  for (;;) {
    const choice = await context.prompter.modal(title, [undoCountsLabel(plan), ...skipped].join('\n'), [action, details]);
    if (choice !== details) {
      return choice === action;
    }
    await show();
  }
}
