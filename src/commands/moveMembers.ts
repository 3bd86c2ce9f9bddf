import * as vscode from 'vscode';
import type { JobsController } from '../jobs/controller';
import { type MovePlan, type MoveSource, planMove } from '../bulkFiles/movePlan';
import { planRemovals } from '../bulkFiles/plan';
import { CommandIds } from '../commandIds';
import { type MembershipNode, isMembershipNode } from '../tree/nodes';
import { announceStart, planWithProgress } from '../ui/bulkPreview';
import { importMembershipFile } from '../ui/bulkInput';
import { type Command, type CommandContext, defineCommand } from './command';
import { Cancelled, clientFor, pickAccount, pickOrganization } from '../ui/pickers';
import type { RowProblem } from '../bulkFiles/rows';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';

/**
 * Move Members…: the membership rows selected in the tree, or a file of memberships, move to a
 * target organization in one operation: each user is added there (as their default where the
 * membership moved was it), and removed from the source only once that addition succeeded.
 */
export function createMoveMembers(jobs: JobsController): Command {
  return defineCommand({
    id: CommandIds.moveMembers,
    action: vscode.l10n.t('move members'),
    args: ([node, nodes]): MembershipNode[] => (Array.isArray(nodes) && nodes.length > 0 ? nodes : [node]).filter(isMembershipNode),
    async run(context, rows) {
      const selected = rows.length > 0 ? rows : context.treeView.selection.filter(isMembershipNode);
      const account = await pickAccount(context, selected[0]?.origin);
      const client = await clientFor(context, account);
      const { sources, from, problems } = selected.length > 0
        ? { sources: selected.filter((row) => row.origin === account.origin).map(sourceOfRow), from: vscode.l10n.t('selected in the tree'), problems: [] as RowProblem[] }
        : await sourcesFromFile(context, client);
      if (sources.length === 0) {
        await context.prompter.warn(vscode.l10n.t('Nothing to move: select membership rows, or choose a file of memberships.'));
        return undefined;
      }
      const target = await pickOrganization(context, client, vscode.l10n.t('Move {0} to which organization?', countMessages.membershipCount(sources.length)));
      const plan = await planWithProgress(sources.length, (options) => planMove(client, sources, target, options));
      const removals = plan.counts.removed;
      const detail = moveDetail(plan, target.name, problems);
      const operationTitle = countMessages.moveTitle(removals, literal(target.name), literal(from));
      if (removals === 0) {
        await context.prompter.warn(vscode.l10n.t('Nothing to move. {0}', detail));
        return undefined;
      }
      if (await context.prompter.modal(operationTitle, detail, [countMessages.moveButton(removals)]) !== countMessages.moveButton(removals)) {
        return undefined;
      }
      const operation = jobs.engine.start({ origin: account.origin, kind: 'move', title: operationTitle, items: plan.items });
      void announceStart(context, operation.id, countMessages.movingStarted(removals));
      return operation;
    },
  });
}

/** The confirmation's text: counts, then what is skipped and why. @literalText */
function moveDetail(plan: MovePlan, targetName: string, problems: RowProblem[]): string {
  const target = literal(targetName);
  return [
    countMessages.moveDetail(plan.counts.removed, target),
    ...(plan.counts.asDefault + plan.counts.madeDefault > 0 ? [countMessages.moveDefaults(plan.counts.asDefault + plan.counts.madeDefault)] : []),
    ...(plan.inTarget.length ? [vscode.l10n.t('Already in {0} (skipped): {1}', target, plan.inTarget.length)] : []),
    ...(plan.usersNotFound.length ? [vscode.l10n.t('Users not found: {0}', literal(plan.usersNotFound.map((entry) => entry.value).join(', '), 520))] : []),
    ...(problems.length ? [countMessages.invalidLinesSkipped(problems.length), ...problems.slice(0, 8).map((problem) => literal(vscode.l10n.t('line {0}: {1}', problem.line, problem.message), 520))] : []),
  ].join('\n');
}

function sourceOfRow(row: MembershipNode): MoveSource {
  return {
    userId: row.membership.user_id, organizationId: row.membership.organization_id, membershipId: row.membership.id,
    isDefault: row.isDefault, userLabel: row.userLabel, organizationLabel: row.organizationName,
  };
}

/** A file naming memberships (ids, or user and organization): the same reader and checks as Remove Memberships in Bulk. */
async function sourcesFromFile(context: CommandContext, client: Awaited<ReturnType<typeof clientFor>>): Promise<{ sources: MoveSource[]; from: string; problems: RowProblem[] }> {
  const parsed = await importMembershipFile(context, vscode.l10n.t('Move Members'), 'remove');
  const plan = await planWithProgress(parsed.rows.length, (options) => planRemovals(client, parsed.rows, options));
  const missing = [...plan.notMembers, ...plan.membershipsNotFound, ...plan.usersNotFound, ...plan.organizationsNotFound, ...plan.duplicates];
  const problems = [...parsed.problems, ...missing.map((entry) => ({ line: entry.line ?? 0, message: entry.value }))];
  if (problems.length > 0 && plan.toRemove.length === 0) {
    throw new Cancelled(); // nothing usable; the warning below would say nothing more
  }
  return {
    from: parsed.fileName,
    problems,
    sources: plan.toRemove.map((item) => ({
      userId: item.userId, organizationId: item.organizationId, membershipId: item.membershipId as number,
      userLabel: item.userLabel, organizationLabel: item.organizationLabel, line: item.line,
    })),
  };
}
