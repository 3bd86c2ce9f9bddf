import * as vscode from 'vscode';
import type { JobsController } from '../jobs/controller';
import { planAdditions } from '../bulkFiles/plan';
import type { MembershipRow, RowProblem } from '../bulkFiles/rows';
import { CommandIds } from '../commandIds';
import { BulkPreview, acceptPreview, announceStart, located, planWithProgress } from '../ui/bulkPreview';
import { importMembershipFile, pickUsers, rowsForUsers } from '../ui/bulkInput';
import { type Command, defineCommand, organizationRow } from './command';
import { Cancelled, clientFor, pickAccount, pickOrganization } from '../ui/pickers';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { literal } from '../outsideText';
import { countMessages } from '../countMessages';

/**
 * Adds many memberships: users picked by name, or a CSV/JSON file. Everything is checked with
 * Zendesk first (who exists, who is already a member) and shown in a preview; nothing is sent
 * until the user accepts. Then the engine sends it in jobs of 100.
 */
export function createAddMembersBulk(jobs: JobsController, documents: ReadOnlyDocuments): Command {
  return defineCommand({
    id: CommandIds.addMembersBulk,
    action: vscode.l10n.t('add members in bulk'),
    args: organizationRow,
    async run(context, orgNode) {
      const account = await pickAccount(context, orgNode?.origin);
      const client = await clientFor(context, account);
      const title = orgNode ? vscode.l10n.t('Add Members to {0}', literal(orgNode.organization.name)) : vscode.l10n.t('Add Members in Bulk');
      const source = await context.prompter.pick([
        { label: `$(person-add) ${vscode.l10n.t('Pick users…')}`, detail: vscode.l10n.t('Search users by name and check the ones to add'), id: 'users' },
        { label: `$(file) ${vscode.l10n.t('Import a CSV or JSON file…')}`, detail: vscode.l10n.t('Columns: user_id or user_email; organization_id, organization_name or organization_external_id; optional default'), id: 'file' },
      ], { title, placeHolder: vscode.l10n.t('Who should be added?') });
      if (!source) {
        throw new Cancelled();
      }

      let rows: MembershipRow[];
      let problems: RowProblem[] = [];
      let from: string;
      if (source.id === 'users') {
        const organization = orgNode?.organization ?? await pickOrganization(context, client, title);
        const users = await pickUsers(context, client, title);
        rows = rowsForUsers(users, organization.id);
        from = organization.name;
      } else {
        const parsed = await importMembershipFile(context, title, 'add', orgNode?.organization.id);
        ({ rows, problems } = parsed);
        from = parsed.fileName;
      }

      const plan = await planWithProgress(rows.length, (options) => planAdditions(client, rows, options));
      const preview: BulkPreview = {
        kind: 'add',
        planned: plan.toAdd,
        defaultChanges: plan.toMakeDefault,
        problems,
        skipped: [
          { label: vscode.l10n.t('Already members (skipped)'), entries: plan.alreadyMembers.map((item) => `${item.userLabel} → ${item.organizationLabel}`) },
          { label: vscode.l10n.t('Another default asked for the same user (skipped)'), entries: plan.defaultConflicts.map(located) },
          { label: vscode.l10n.t('Users not found'), entries: plan.usersNotFound.map(located) },
          { label: vscode.l10n.t('Organizations not found'), entries: plan.organizationsNotFound.map(located) },
          { label: vscode.l10n.t('Duplicates (skipped)'), entries: plan.duplicates.map(located) },
        ],
      };
      // Existing members asked for their default change it with make_default, in the same operation.
      const changes = plan.toAdd.length + plan.toMakeDefault.length;
      const operationTitle = plan.toMakeDefault.length > 0 ? countMessages.changesTitle(changes, literal(from)) : countMessages.addTitle(plan.toAdd.length, literal(from));
      const button = plan.toMakeDefault.length > 0 ? countMessages.changesButton(changes) : countMessages.addButton(plan.toAdd.length);
      if (!await acceptPreview(context, documents, account.origin, operationTitle, preview, button)) {
        return undefined;
      }
      const operation = jobs.engine.start({
        origin: account.origin,
        kind: 'add',
        title: operationTitle,
        items: [
          ...plan.toAdd.map(({ userId, organizationId, makeDefault, userLabel, organizationLabel, previousDefaultId, previousDefaultName }) => ({
            userId, organizationId, makeDefault, userLabel, organizationLabel, previousDefaultId, previousDefaultName,
          })),
          ...plan.toMakeDefault.map(({ userId, organizationId, membershipId, userLabel, organizationLabel, previousDefaultId, previousDefaultName }) => ({
            userId, organizationId, membershipId, makeDefault: true, action: 'makeDefault' as const, userLabel, organizationLabel, previousDefaultId, previousDefaultName,
          })),
        ],
      });
      void announceStart(context, operation.id, plan.toMakeDefault.length > 0 ? countMessages.changesStarted(changes) : countMessages.addingStarted(plan.toAdd.length, operation.chunks.length));
      return operation;
    },
  });
}
