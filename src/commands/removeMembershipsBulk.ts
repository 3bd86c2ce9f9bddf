import * as vscode from 'vscode';
import type { JobsController } from '../jobs/controller';
import { planRemovals } from '../bulkFiles/plan';
import type { PlannedItem } from '../bulkFiles/plan';
import { CommandIds } from '../commandIds';
import { type TreeNode, isMembershipNode, isTreeNode } from '../tree/nodes';
import { toTreeItem } from '../tree/treeItems';
import { BulkPreview, acceptPreview, announceStart, located, planWithProgress } from '../ui/bulkPreview';
import { importMembershipFile } from '../ui/bulkInput';
import { withCancellableProgress } from '../ui/cancellableProgress';
import { bulkTicketImpact } from '../ui/ticketImpact';
import { type Command, defineCommand, type CommandContext } from './command';
import { Cancelled, clientFor, pickAccount } from '../ui/pickers';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';

/**
 * Removes many memberships: the membership rows selected in the tree (other selected rows are
 * left out, and the preview says so), or a file of membership ids or user/organization pairs.
 * From the palette, membership rows selected in the view are offered before a file.
 */
export function createRemoveMembershipsBulk(jobs: JobsController, documents: ReadOnlyDocuments): Command {
  return defineCommand({
    id: CommandIds.removeMembershipsBulk,
    action: vscode.l10n.t('remove memberships in bulk'),
    /** From a row: the selected rows (VS Code passes the clicked row, then the selection), or that row. */
    args: ([node, nodes]): TreeNode[] => (Array.isArray(nodes) && nodes.length > 0 ? nodes : [node]).filter(isTreeNode),
    async run(context, given) {
      const selection = given.length > 0 ? given : await selectedInView(context);
      const preview = selection.length > 0 ? fromSelection(selection) : await fromFile(context);
      if (!preview) {
        return undefined;
      }
      const { origin, plan } = preview;
      const title = countMessages.removeTitle(plan.planned.length, literal(preview.from));
      if (plan.planned.length > 0) {
        const client = await context.clients.for(origin);
        plan.ticketImpact = await withCancellableProgress(vscode.l10n.t('Counting the unsolved tickets that will lose their organization…'), (signal) => bulkTicketImpact(client, plan.planned, signal));
      }
      if (!await acceptPreview(context, documents, origin, title, plan, countMessages.removeButton(plan.planned.length))) {
        return undefined;
      }
      const operation = jobs.engine.start({
        origin,
        kind: 'remove',
        title,
        items: plan.planned.map(({ userId, organizationId, membershipId, userLabel, organizationLabel, wasDefault }) => ({ userId, organizationId, membershipId, userLabel, organizationLabel, wasDefault })),
      });
      void announceStart(context, operation.id, countMessages.removingStarted(plan.planned.length, operation.chunks.length));
      return operation;
    },
  });
}

/** The view's selected membership rows, if the user chooses them over a file; otherwise none. */
async function selectedInView(context: CommandContext): Promise<TreeNode[]> {
  const selected = context.treeView.selection.filter(isMembershipNode);
  if (selected.length === 0) {
    return [];
  }
  const picked = await context.prompter.pick([
    { label: countMessages.removeSelected(selected.length), fromSelection: true },
    { label: vscode.l10n.t('From a file…'), fromSelection: false },
  ], { title: vscode.l10n.t('Remove Memberships in Bulk'), placeHolder: vscode.l10n.t('Which memberships?') });
  if (!picked) {
    throw new Cancelled();
  }
  return picked.fromSelection ? selected : [];
}

function fromSelection(selection: TreeNode[]): { origin: string; from: string; plan: BulkPreview } | undefined {
  const memberships = selection.filter(isMembershipNode);
  const origin = memberships[0]?.origin;
  const usable = memberships.filter((membership) => membership.origin === origin);
  const leftOut = selection.filter((row) => !isMembershipNode(row) || !usable.includes(row));
  const planned: PlannedItem[] = usable.map((row) => ({
    userId: row.membership.user_id,
    organizationId: row.membership.organization_id,
    membershipId: row.membership.id,
    userLabel: row.userLabel,
    organizationLabel: row.parent.organization.name,
    wasDefault: row.isDefault,
  }));
  if (!origin) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Select one or more membership rows to remove.'));
    return undefined;
  }
  return {
    origin,
    from: vscode.l10n.t('selected in the tree'),
    plan: {
      kind: 'remove',
      planned,
      problems: [],
      skipped: [{ label: vscode.l10n.t('Selected rows left out (not memberships of this account)'), entries: leftOut.map((row) => String(toTreeItem(row).label)) }],
    },
  };
}

async function fromFile(context: CommandContext): Promise<{ origin: string; from: string; plan: BulkPreview }> {
  const account = await pickAccount(context);
  const client = await clientFor(context, account);
  const parsed = await importMembershipFile(context, vscode.l10n.t('Remove Memberships in Bulk'), 'remove');
  const plan = await planWithProgress(parsed.rows.length, (options) => planRemovals(client, parsed.rows, options));
  return {
    origin: account.origin,
    from: parsed.fileName,
    plan: {
      kind: 'remove',
      planned: plan.toRemove,
      problems: parsed.problems,
      skipped: [
        { label: vscode.l10n.t('Not members (nothing to remove)'), entries: plan.notMembers.map(located) },
        { label: vscode.l10n.t('Memberships not found'), entries: plan.membershipsNotFound.map(located) },
        { label: vscode.l10n.t('Users not found'), entries: plan.usersNotFound.map(located) },
        { label: vscode.l10n.t('Organizations not found'), entries: plan.organizationsNotFound.map(located) },
        { label: vscode.l10n.t('Duplicates (skipped)'), entries: plan.duplicates.map(located) },
      ],
    },
  };
}
