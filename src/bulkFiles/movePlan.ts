// Move Members: from memberships to move (a source organization each) and a target organization,
// the items of one operation — the additions to the target (as the default where the source
// membership was the user's default), make_default for users already in the target whose default
// moves, and the removals from the sources, each waiting for its user's addition (`after`), so a
// user never ends up in neither organization. Read-only: nothing here changes Zendesk. No `vscode`.
import { inBatches } from '../zendesk';
import type { Organization, ZendeskClient } from '../zendesk';
import { type NotFound, type PlannedItem, planAdditions } from './plan';
import type { PlanOptions } from './planSteps';

/** A membership to move, as the tree or a planned removal knows it. */
export interface MoveSource {
  userId: number;
  organizationId: number;
  membershipId: number;
  /** Whether it is the user's default; unknown: read from the user (their organization_id). */
  isDefault?: boolean;
  userLabel: string;
  organizationLabel: string;
  line?: number;
}

/** One item of the move operation (the engine's NewItem). */
export interface MoveItem {
  userId: number;
  organizationId: number;
  membershipId?: number;
  makeDefault?: boolean;
  action?: 'makeDefault' | 'removeAfterAdd';
  after?: number;
  userLabel: string;
  organizationLabel: string;
  /** For the history and Undo (see PlannedItem). */
  wasDefault?: boolean;
  previousDefaultId?: number | null;
  previousDefaultName?: string;
}

export interface MovePlan {
  items: MoveItem[];
  /** Users added to the target, of them as their default, existing members made default there, memberships removed. */
  counts: { added: number; asDefault: number; madeDefault: number; removed: number };
  /** Memberships already in the target (nothing to move). */
  inTarget: NotFound[];
  /** Users Zendesk no longer has (nothing of theirs is moved). */
  usersNotFound: NotFound[];
}

export async function planMove(client: ZendeskClient, sources: readonly MoveSource[], target: Pick<Organization, 'id' | 'name'>, options: PlanOptions = {}): Promise<MovePlan> {
  const inTarget = sources.filter((source) => source.organizationId === target.id);
  const moving = sources.filter((source) => source.organizationId !== target.id);
  await fillDefaults(client, moving, options.signal);
  // A user moved from two organizations is added once; both removals wait for that addition.
  const byUser = new Map<number, MoveSource[]>();
  moving.forEach((source) => byUser.set(source.userId, [...byUser.get(source.userId) ?? [], source]));
  // One addition per user, as the default when any of the memberships moved was their default.
  const rows = [...byUser.entries()].map(([userId, list]) => ({
    line: list[0].line ?? 0, user: { id: userId }, organization: { id: target.id }, ...(list.some((s) => s.isDefault) ? { makeDefault: true } : {}),
  }));
  const plan = await planAdditions(client, rows, options);
  const items: MoveItem[] = [];
  const additionOf = new Map<number, number>();
  const add = (item: PlannedItem, extra: Partial<MoveItem>): void => {
    additionOf.set(item.userId, items.length);
    const previous = item.makeDefault && item.previousDefaultId !== undefined ? { previousDefaultId: item.previousDefaultId, ...(item.previousDefaultName ? { previousDefaultName: item.previousDefaultName } : {}) } : {};
    items.push({ userId: item.userId, organizationId: item.organizationId, userLabel: item.userLabel, organizationLabel: item.organizationLabel, ...previous, ...extra });
  };
  plan.toAdd.forEach((item) => add(item, item.makeDefault ? { makeDefault: true } : {}));
  plan.toMakeDefault.forEach((item) => add(item, { membershipId: item.membershipId, makeDefault: true, action: 'makeDefault' }));
  const found = new Set([...plan.toAdd, ...plan.toMakeDefault, ...plan.alreadyMembers].map((item) => item.userId));
  const removals = moving.filter((source) => found.has(source.userId));
  for (const source of removals) {
    const after = additionOf.get(source.userId);
    items.push({
      userId: source.userId, organizationId: source.organizationId, membershipId: source.membershipId, action: 'removeAfterAdd',
      userLabel: source.userLabel, organizationLabel: source.organizationLabel, wasDefault: source.isDefault === true, ...(after === undefined ? {} : { after }),
    });
  }
  return {
    items,
    counts: { added: plan.toAdd.length, asDefault: plan.toAdd.filter((item) => item.makeDefault).length, madeDefault: plan.toMakeDefault.length, removed: removals.length },
    inTarget: inTarget.map((source) => ({ line: source.line, value: `${source.userLabel} → ${source.organizationLabel}` })),
    usersNotFound: plan.usersNotFound,
  };
}

/** Which memberships are their user's default: a user's organization_id names it (users/show_many, 100 per request). */
async function fillDefaults(client: ZendeskClient, sources: MoveSource[], signal?: AbortSignal): Promise<void> {
  const unknown = [...new Set(sources.filter((source) => source.isDefault === undefined).map((source) => source.userId))];
  const defaults = new Map<number, number | null | undefined>();
  for (const ids of inBatches(unknown)) {
    (await client.showManyUsers(ids, { signal })).forEach((user) => defaults.set(user.id, user.organization_id));
  }
  for (const source of sources) {
    source.isDefault ??= defaults.get(source.userId) === source.organizationId;
  }
}
