import type { OAuthCallbacks } from '../auth/oauthCallbacks';
import type { JobsController } from '../jobs/controller';
import { isTreeNode } from '../tree/nodes';
import { isZendeskError } from '../zendesk';
import { reportFailure } from '../ui/errors';
import { Cancelled } from '../ui/pickers';
import type { ReadOnlyDocuments } from '../ui/readOnlyDocuments';
import type { Command, CommandContext } from './command';
import { addMember } from './addMember';
import { copyId } from './copyId';
import { goToOrganization } from './goToOrganization';
import { loadBulkCode } from './lazyBulk';
import { lazyCommand } from './lazyCommand';
import { loadMore, retryLoad } from './loadMore';
import { openInZendesk } from './openInZendesk';
import { refresh, refreshNode } from './refresh';
import { removeMembership } from './removeMembership';
import { setDefaultMembership } from './setDefaultMembership';
import { setUserDefaultOrganization } from './setUserDefaultOrganization';
import { createShowMembership } from './showMembership';
import { showUserMemberships } from './showUserMemberships';
import { createSignIn } from './signIn';
import { signOut } from './signOut';
import { unassignUser } from './unassignUser';
import { unpinOrganization } from './unpinOrganization';
import { clearFilter, filterOrganizations } from './filterOrganizations';
import { findMember } from './findMember';
import { findUser, loadMorePeople, refreshPeople, unpinUser } from './people';

/**
 * Every command; the few that need a service of their own get it here. The bulk operations' code
 * (and `jobs`, which starts the job engine) is loaded the first time one of their commands runs.
 */
export function allCommands(services: { documents: ReadOnlyDocuments; jobs: () => JobsController; callbacks: OAuthCallbacks }): Command[] {
  const { documents, jobs, callbacks } = services;
  return [
    createSignIn(callbacks), signOut, refresh, refreshNode, loadMore, retryLoad, goToOrganization, addMember,
    removeMembership, setDefaultMembership, unassignUser, setUserDefaultOrganization,
    createShowMembership(documents), showUserMemberships, openInZendesk, copyId, unpinOrganization,
    lazyCommand('zendesk.addMembersBulk', () => loadBulkCode().createAddMembersBulk(jobs(), documents)),
    lazyCommand('zendesk.removeMembershipsBulk', () => loadBulkCode().createRemoveMembershipsBulk(jobs(), documents)),
    lazyCommand('zendesk.moveMembers', () => loadBulkCode().createMoveMembers(jobs())),
    lazyCommand('zendesk.showJobs', () => loadBulkCode().createShowJobs(jobs())),
    lazyCommand('zendesk.resumeJobs', () => loadBulkCode().createResumeJobs(jobs())),
    lazyCommand('zendesk.showHistory', () => loadBulkCode().createShowHistory(jobs(), documents)),
    lazyCommand('zendesk.exportHistory', () => loadBulkCode().createExportHistory(jobs())),
    lazyCommand('zendesk.undoOperation', () => loadBulkCode().createUndo(jobs(), documents)),
    lazyCommand('zendesk.syncMembers', () => loadBulkCode().createSyncMembers(jobs(), documents)),
    lazyCommand('zendesk.applySyncPlan', () => loadBulkCode().createApplySyncPlan(jobs(), documents)),
    lazyCommand('zendesk.exportMemberships', () => loadBulkCode().exportMembershipsCommand),
    filterOrganizations, clearFilter, findMember, findUser, unpinUser, refreshPeople, loadMorePeople,
  ];
}

/** Runs a command with one failure path for all: a clear message, a log line, a retry. */
export async function runCommand(context: CommandContext, command: Command, args: readonly unknown[]): Promise<unknown> {
  for (;;) {
    try {
      context.log.debug(`command ${command.id}`);
      return await command.execute(context, args);
    } catch (error) {
      if (error instanceof Cancelled) {
        return undefined;
      }
      if (isZendeskError(error) && error.status === 404) {
        // What the row showed is gone; without a row, any loaded row may be stale.
        const node = args.find(isTreeNode);
        if (node) {
          context.organizations.vanished(node);
        } else {
          context.organizations.refresh();
        }
      }
      if (await reportFailure(context, command.action, error) !== 'retry') {
        return undefined;
      }
    }
  }
}
