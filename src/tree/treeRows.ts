// The rows of one level, as the view shows them: an account's organizations (filtered, or pinned
// ones first, then the listing) and an organization's members (found ones first, then the pages).
// No `vscode` import.
import type { AccountState } from './accountState';
import { FilterNode, type OrganizationNode, type TreeNode, levelRows } from './nodes';

/** Wraps a load the view waits for (its progress bar), given the cache that loads. */
export type WaitingFor = <T>(work: Promise<T>, cache: { loading: boolean }) => Promise<T>;

export async function organizationRows(state: AccountState, waitingFor: WaitingFor): Promise<TreeNode[]> {
  const filter = state.filter;
  if (filter) {
    await waitingFor(filter.results.ensureLoaded(), filter.results);
    if (state.filter !== filter) {
      return organizationRows(state, waitingFor); // the text changed while this one loaded
    }
    state.indexOrganizations();
    const marker = new FilterNode(state.origin, state.parentRow, filter.text, !filter.matchesNothing);
    // Nothing matched: the filter row says so, instead of a bare "No organizations".
    return filter.matchesNothing ? [marker] : [marker, ...levelRows(state.origin, state.parentRow, filter.results)];
  }
  const cache = state.organizations;
  await waitingFor(Promise.all([cache.ensureLoaded(), state.rereadPinned()]), cache);
  state.indexOrganizations();
  return [...state.pinned, ...levelRows(state.origin, state.parentRow, cache)];
}

export async function membershipRows(state: AccountState, row: OrganizationNode, waitingFor: WaitingFor): Promise<TreeNode[]> {
  await waitingFor(row.members.ensureLoaded(), row.members);
  state.indexMembers(row);
  const rows = levelRows(row.origin, row, row.members);
  // "No members" only when no found member is pinned here either.
  return row.pinnedMembers.length === 0
    ? rows
    : [...row.pinnedMembers, ...rows.filter((member) => member.kind !== 'message' || member.messageKind !== 'empty')];
}
