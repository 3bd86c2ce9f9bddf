import type * as vscode from 'vscode';
import type { CommandId } from '../commandIds';
import {
  type TreeNode, isAccountNode, isLoadMoreNode, isMessageNode, isOrganizationNode, isParentNode, isTreeNode,
} from '../tree/nodes';
import type { OrganizationsModel } from '../tree/organizationsModel';
import { type PeopleNode, isMembershipRow } from '../tree/peopleNodes';
import type { PeopleModel } from '../tree/peopleModel';
import type { UiContext } from '../ui/uiContext';
import type { ChangeRecorder } from '../jobs/history';

/** What every command may use. Commands ask the client, then tell the organizations model what changed. */
export interface CommandContext extends UiContext {
  readonly organizations: OrganizationsModel;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly people: PeopleModel;
  readonly peopleView: vscode.TreeView<PeopleNode>;
  readonly userAgent: string;
  /** Where a command records the change it made (the history, for Show History and Undo). */
  readonly history: ChangeRecorder;
}

/**
 * One command, with typed arguments. VS Code passes whatever the invocation had — the clicked row
 * (and the selected rows), an options object from another command, nothing from the palette, or
 * anything a keybinding or another extension sends — so `args` turns that into the command's own
 * arguments with guards (GitLens's commandBase.ts does the same); what does not fit is dropped,
 * and the command asks as it does from the palette.
 */
export interface CommandDefinition<Args> {
  readonly id: CommandId;
  /** Said in failure messages: "Couldn't {action}: …". */
  readonly action: string;
  args(raw: readonly unknown[]): Args;
  run(context: CommandContext, args: Args): Promise<unknown>;
}

/** A command ready to register: its arguments are parsed before it runs. */
export interface Command {
  readonly id: CommandId;
  readonly action: string;
  execute(context: CommandContext, raw: readonly unknown[]): Promise<unknown>;
}

export function defineCommand<Args>(definition: CommandDefinition<Args>): Command {
  return {
    id: definition.id,
    action: definition.action,
    execute: (context, raw) => definition.run(context, definition.args(raw)),
  };
}

/** For commands that take no arguments. */
export function noArgs(): undefined {
  return undefined;
}

/** The first argument when `is` accepts it (a row of one kind), else undefined. */
export function firstArg<T>(is: (value: unknown) => value is T): (raw: readonly unknown[]) => T | undefined {
  return (raw) => (is(raw[0]) ? raw[0] : undefined);
}

// The clicked row of one kind, as a command's arguments (from the palette: none).
export const anyRow = firstArg(isTreeNode);
export const accountRow = firstArg(isAccountNode);
export const parentRow = firstArg(isParentNode);
export const organizationRow = firstArg(isOrganizationNode);
/** A membership row of the Organizations view or of the People view (both carry a MembershipRow). */
export const membershipRow = firstArg(isMembershipRow);
export const loadMoreRow = firstArg(isLoadMoreNode);
export const messageRow = firstArg(isMessageNode);
