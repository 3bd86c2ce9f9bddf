import * as vscode from 'vscode';
import { isZendeskError } from '../zendesk';
import type { TreeNode } from '../tree/nodes';
import type { CommandContext, CommandDefinition } from './context';
import { reportFailure } from './errors';
import { Cancelled } from './pickers';
import { addMember } from './addMember';
import { copyId } from './copyId';
import { goToOrganization } from './goToOrganization';
import { loadMore, retryLoad } from './loadMore';
import { openInZendesk } from './openInZendesk';
import { refresh, refreshNode } from './refresh';
import { removeMembership } from './removeMembership';
import { setDefaultMembership } from './setDefaultMembership';
import { setUserDefaultOrganization } from './setUserDefaultOrganization';
import { createShowMembership } from './showMembership';
import type { ReadOnlyDocuments } from './readOnlyDocuments';
import type { JobsController } from '../jobs/controller';
import { loadBulkCode } from '../lazyBulk';
import { lazyCommand } from './lazyCommand';
import { createShowJobs } from './showJobs';

import { showUserMemberships } from './showUserMemberships';
import { createSignIn } from './signIn';
import type { OAuthCallbacks } from '../auth/oauthCallbacks';
import { signOut } from './signOut';
import { unassignUser } from './unassignUser';
import { unpinOrganization } from './unpinOrganization';

/** Every command; the few that need a service of their own get it here. */
export function allCommands(services: { documents: ReadOnlyDocuments; jobs: JobsController; callbacks: OAuthCallbacks }): CommandDefinition[] {
  const { documents, jobs, callbacks } = services;
  return [
    createSignIn(callbacks), signOut, refresh, refreshNode, loadMore, retryLoad, goToOrganization, addMember,
    removeMembership, setDefaultMembership, unassignUser, setUserDefaultOrganization,
    createShowMembership(documents), showUserMemberships, openInZendesk, copyId, unpinOrganization,
    lazyCommand('zendesk.addMembersBulk', () => loadBulkCode().createAddMembersBulk(jobs, documents)),
    lazyCommand('zendesk.removeMembershipsBulk', () => loadBulkCode().createRemoveMembershipsBulk(jobs, documents)),
    createShowJobs(jobs),
  ];
}

/** Registers commands with one failure path: a clear message, a log line, a retry. */
export function registerCommands(context: CommandContext, commands: readonly CommandDefinition[]): vscode.Disposable[] {
  return commands.map((command) => vscode.commands.registerCommand(command.id, async (...args: unknown[]) => {
    for (;;) {
      try {
        context.log.debug(`command ${command.id}`);
        return await command.run(context, ...args);
      } catch (error) {
        if (error instanceof Cancelled) {
          return undefined;
        }
        if (isZendeskError(error) && error.status === 404) {
          // What the row showed is gone; without a row, any loaded row may be stale.
          const node = args.find(isTreeNode);
          if (node) {
            context.tree.vanished(node);
          } else {
            context.tree.refresh();
          }
        }
        if (await reportFailure(context, command.action, error) !== 'retry') {
          return undefined;
        }
      }
    }
  }));
}

function isTreeNode(value: unknown): value is TreeNode {
  return typeof value === 'object' && value !== null && 'kind' in value && 'toTreeItem' in value;
}
