import * as vscode from 'vscode';
import * as os from 'node:os';
import type { JobsController } from '../jobs/controller';
import { type DesiredState, desiredStateOf } from '../bulkFiles/syncDesired';
import { type SyncPlan, changedSince, planSync } from '../bulkFiles/syncPlan';
import { type SavedSyncPlan, desiredOfSaved, readSavedPlan, savedPlanOf, savedPlanText } from '../bulkFiles/syncPlanFile';
import { CommandIds } from '../commandIds';
import { announceStart, planWithProgress } from '../ui/bulkPreview';
import { MAX_FILE_BYTES, importMembershipFile } from '../ui/bulkInput';
import { type Command, type CommandContext, defineCommand, organizationRow } from './command';
import { Cancelled, clientFor, pickAccount } from '../ui/pickers';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import { confirmBigRemovals, refuseSync, syncCounts, syncPlanDocument } from '../ui/syncPreview';
import { type LiteralText, literal } from '../outsideText';
import { countMessages } from '../countMessages';

/**
 * Sync Members from File…: makes the members of the organizations a file names (or of the
 * organization whose row it ran on) equal the file. The plan — additions, removals, default
 * changes — is shown as a document before anything is sent; it is applied as one operation, or
 * saved to be applied later (Apply Sync Plan…).
 */
export function createSyncMembers(jobs: JobsController, documents: ReadOnlyDocuments): Command {
  return defineCommand({
    id: CommandIds.syncMembers,
    action: vscode.l10n.t('sync members from a file'),
    args: organizationRow,
    async run(context, orgNode) {
      const account = await pickAccount(context, orgNode?.origin);
      const client = await clientFor(context, account);
      const scope = orgNode ? { id: orgNode.organization.id, name: orgNode.organization.name } : undefined;
      const title = scope ? vscode.l10n.t('Sync Members of {0} from File', literal(scope.name)) : vscode.l10n.t('Sync Members from File');
      const parsed = await importMembershipFile(context, title, 'add', scope?.id);
      if (parsed.problems.length > 0) {
        return refuseSync(context, documents, account.origin, parsed.fileName, parsed.problems);
      }
      const { desired, problems } = await planWithProgress(parsed.rows.length, (options) => desiredStateOf(client, parsed.rows, { ...options, scope }));
      if (problems.length > 0) {
        return refuseSync(context, documents, account.origin, parsed.fileName, problems);
      }
      if (desired.organizations.size === 0) {
        await context.prompter.warn(vscode.l10n.t('{0} names no organization: nothing to sync.', literal(parsed.fileName)));
        return undefined;
      }
      const plan = await planWithProgress(parsed.rows.length, (options) => planSync(client, desired, options));
      const operationTitle = syncTitle(desired, parsed.fileName);
      return review(context, jobs, documents, account.origin, operationTitle, plan, { desired });
    },
  });
}

/** Apply Sync Plan…: a plan saved earlier, applied to its own account; planned again first if its organizations changed. */
export function createApplySyncPlan(jobs: JobsController, documents: ReadOnlyDocuments): Command {
  return defineCommand({
    id: CommandIds.applySyncPlan,
    action: vscode.l10n.t('apply a sync plan'),
    args: organizationRow,
    async run(context, orgNode) {
      const file = await context.prompter.chooseFile(vscode.l10n.t('Apply Sync Plan'), { [vscode.l10n.t('Sync plans (JSON)')]: ['json'] });
      if (!file) throw new Cancelled();
      const fileName = file.path.split('/').at(-1) ?? file.path;
      const stat = await vscode.workspace.fs.stat(file);
      if (stat.size > MAX_FILE_BYTES) {
        throw new Error(vscode.l10n.t('{0} is {1} MB; sync plans of up to {2} MB can be read.', literal(fileName), Math.ceil(stat.size / 1024 / 1024), MAX_FILE_BYTES / 1024 / 1024));
      }
      const read = readSavedPlan(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)));
      if ('problem' in read) {
        await context.prompter.error(vscode.l10n.t('{0} was not applied, nothing was sent: {1}', literal(fileName), literal(read.problem, 500)));
        return undefined;
      }
      const saved = read.saved;
      if (orgNode && orgNode.origin !== saved.origin) {
        await context.prompter.error(vscode.l10n.t('{0} was made for the Zendesk account {1}, not {2}; nothing was sent.', literal(fileName), literal(saved.origin), literal(orgNode.origin)));
        return undefined;
      }
      if (!context.accounts.get(saved.origin)) {
        await context.prompter.error(vscode.l10n.t('{0} was made for the Zendesk account {1}, which is not signed in here; nothing was sent.', literal(fileName), literal(saved.origin)));
        return undefined;
      }
      const account = await pickAccount(context, saved.origin);
      const client = await clientFor(context, account);
      const desired = desiredOfSaved(saved);
      const plan = await planWithProgress(saved.desired.length, (options) => planSync(client, desired, options));
      const changed = changedSince(saved.organizations, plan.organizations);
      const operationTitle = syncTitle(desired, fileName);
      return review(context, jobs, documents, account.origin, operationTitle, plan, { desired, changed, saved });
    },
  });
}

interface ReviewOptions {
  desired: DesiredState;
  /** Applying a saved plan: the organizations that changed since, and the plan as saved. */
  changed?: SyncPlan['organizations'];
  saved?: SavedSyncPlan;
}

/** Shows the plan, asks Apply / Save Plan… / Cancel, the names of organizations losing many members, and starts the operation. */
async function review(context: CommandContext, jobs: JobsController, documents: ReadOnlyDocuments, origin: string, operationTitle: LiteralText, plan: SyncPlan, options: ReviewOptions) {
  const host = new URL(origin).host;
  const savedBefore = new Map(options.saved?.organizations.map((organization) => [organization.id, organization.before]));
  await documents.show(host, `/sync/plan-${Date.now()}.md`, syncPlanDocument(operationTitle, host, plan, options.changed, savedBefore));
  if (plan.changes.length === 0) {
    await context.prompter.info(vscode.l10n.t('Nothing to change: the members already match. {0}', syncCounts(plan)));
    return undefined;
  }
  const apply = vscode.l10n.t('Apply');
  const save = vscode.l10n.t('Save Plan…');
  const stale = options.changed?.length
    ? [vscode.l10n.t('Changed since the plan was saved, so planned again: {0}.', options.changed.map((organization) => literal(organization.name)).join(', '))]
    : [];
  const removing = plan.changes.some((change) => change.action === 'remove')
    ? [vscode.l10n.t("Zendesk also unassigns removed users' open tickets in those organizations; this cannot be undone.")]
    : [];
  const choice = await context.prompter.modal(operationTitle, [...stale, syncCounts(plan), ...removing].join('\n'), options.saved ? [apply] : [apply, save]);
  if (choice === save) {
    return savePlan(context, origin, plan, options.desired);
  }
  if (choice !== apply) {
    return undefined;
  }
  if (!await confirmBigRemovals(context, plan)) {
    await context.prompter.warn(vscode.l10n.t('The name did not match: nothing was sent.'));
    return undefined;
  }
  const operation = jobs.engine.start({ origin, kind: 'sync', title: operationTitle, items: plan.changes.map((change) => ({ ...change })) });
  void announceStart(context, operation.id, vscode.l10n.t('Syncing: {0}', syncCounts(plan)));
  return operation;
}

async function savePlan(context: CommandContext, origin: string, plan: SyncPlan, desired: DesiredState): Promise<undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const stamp = new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-');
  const target = await context.prompter.saveFile(vscode.l10n.t('Save Sync Plan'), vscode.Uri.joinPath(folder, `sync-plan-${new URL(origin).hostname}-${stamp}.json`), { [vscode.l10n.t('Sync plans (JSON)')]: ['json'] });
  if (!target) throw new Cancelled();
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(savedPlanText(savedPlanOf(origin, desired, plan))));
  await context.prompter.info(vscode.l10n.t('The plan was saved to {0}; nothing was sent. Run Apply Sync Plan… to apply it.', literal(target.path.split('/').at(-1) ?? '')));
  return undefined;
}

/** "Sync Acme from members.csv", or "Sync 3 organizations from …". @literalText */
function syncTitle(desired: DesiredState, fileName: string): LiteralText {
  const names = [...desired.organizations.values()];
  return (names.length === 1
    ? vscode.l10n.t('Sync {0} from {1}', literal(names[0]), literal(fileName))
    : countMessages.syncTitle(names.length, literal(fileName))) as LiteralText;
}
