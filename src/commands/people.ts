import * as vscode from 'vscode';
import { CommandIds } from '../commandIds';
import { isAllMembershipsOrPerson, isPeopleMoreNode, isPersonNode } from '../tree/peopleNodes';
import { defineCommand, firstArg, noArgs } from './command';
import { clientFor, pickAccount, pickUser } from '../ui/pickers';

const personRow = firstArg(isPersonNode);
const peopleParentRow = firstArg(isAllMembershipsOrPerson);
const peopleMoreRow = firstArg(isPeopleMoreNode);

/** The People view's Find User…: a user by name, pinned at the top of the view with their memberships shown. */
export const findUser = defineCommand({
  id: CommandIds.findUser,
  action: vscode.l10n.t('find the user'),
  args: noArgs,
  async run(context) {
    const account = await pickAccount(context);
    const client = await clientFor(context, account);
    const user = await pickUser(context, client, vscode.l10n.t('Find User'));
    const person = context.people.pin(account.origin, user);
    await context.peopleView.reveal(person, { select: true, focus: true, expand: true });
    return person;
  },
});

export const unpinUser = defineCommand({
  id: CommandIds.unpinUser,
  action: vscode.l10n.t('unpin the user'),
  args: personRow,
  async run(context, person) {
    if (person) {
      context.people.unpin(person);
    }
  },
});

/** A user's memberships, "All memberships", or (from the title bar) everything in the People view. */
export const refreshPeople = defineCommand({
  id: CommandIds.refreshPeople,
  action: vscode.l10n.t('refresh'),
  args: peopleParentRow,
  async run(context, node) {
    context.people.refresh(node);
  },
});

export const loadMorePeople = defineCommand({
  id: CommandIds.loadMorePeople,
  action: vscode.l10n.t('load more memberships'),
  args: peopleMoreRow,
  async run(context, node) {
    if (node) {
      await context.people.loadMore(node);
    }
  },
});
