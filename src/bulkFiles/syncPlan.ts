// Sync Members from File: the plan that makes each organization's members equal the desired state
// — additions, removals, default changes — computed while each organization's memberships are
// listed page by page (cursor paging; a page at a time is held, plus the changes found). Each
// organization also gets a fingerprint of its memberships as read, so a plan applied later can tell
// whether the organization changed since. Read-only: nothing here changes Zendesk. No `vscode`.
import { createHash } from 'node:crypto';
import type { PageCursor, ZendeskClient } from '../zendesk';
import { MAX_PAGE_SIZE } from '../zendesk';
import { userLabel } from './plan';
import { PlanProgress, type PlanOptions } from './planSteps';
import type { DesiredMember, DesiredState } from './syncDesired';

/** One change of a sync, as an item of the operation that applies it (the engine's NewItem). */
export interface SyncChange {
  action: 'add' | 'remove' | 'makeDefault';
  userId: number;
  organizationId: number;
  /** Removals and default changes: the existing membership. */
  membershipId?: number;
  /** Additions as the default, and default changes. */
  makeDefault?: boolean;
  /** Removals: whether it is the user's default (the history keeps it, so Undo adds it back as such). */
  wasDefault?: boolean;
  userLabel: string;
  organizationLabel: string;
  /** Default changes and additions as the default: the user's default before (Undo restores it). */
  previousDefaultId?: number | null;
  previousDefaultName?: string;
}

export interface SyncOrganization {
  id: number;
  name: string;
  /** Members when planned, and after the plan. */
  before: number;
  after: number;
  /** Of the memberships when planned: their count and an order-independent hash of their ids and default flags. */
  fingerprint: string;
  added: number;
  removed: number;
  madeDefault: number;
}

export interface SyncPlan {
  organizations: SyncOrganization[];
  /** Additions, then removals, then default changes; in the order of the organizations. */
  changes: SyncChange[];
  /** Members already as desired. */
  unchanged: number;
}

/** A plan that removes more than this many members of an organization, or more than a quarter of it, asks for its name. */
export const BIG_REMOVAL_COUNT = 10;
export const BIG_REMOVAL_SHARE = 0.25;

const HASH_MASK = (1n << 64n) - 1n;

/** Reads the organizations' memberships and compares them with the desired state. */
export async function planSync(client: ZendeskClient, desired: DesiredState, options: PlanOptions = {}): Promise<SyncPlan> {
  const progress = new PlanProgress(options.onProgress);
  const plan: SyncPlan = { organizations: [], changes: [], unchanged: 0 };
  const additions: SyncChange[] = [];
  const removals: SyncChange[] = [];
  const defaults: SyncChange[] = [];
  for (const [organizationId, name] of desired.organizations) {
    const wanted = desired.members.get(organizationId) ?? new Map();
    const found = new Set<number>();
    const summary: SyncOrganization = { id: organizationId, name, before: 0, after: wanted.size, fingerprint: '', added: 0, removed: 0, madeDefault: 0 };
    let hash = 0n;
    let cursor: PageCursor | undefined;
    do {
      progress.expect(1);
      const { page, users } = await client.organizationMembersPage({ organizationId, cursor, pageSize: MAX_PAGE_SIZE, knownUser: (id) => wanted.has(id), signal: options.signal });
      const byId = new Map(users.map((user) => [user.id, user]));
      for (const membership of page.items) {
        summary.before++;
        hash = (hash + membershipHash(membership.id, membership.default === true)) & HASH_MASK;
        const want = wanted.get(membership.user_id);
        const base = { userId: membership.user_id, organizationId, membershipId: membership.id, organizationLabel: name };
        if (!want) {
          removals.push({ action: 'remove', ...base, wasDefault: membership.default === true, userLabel: userLabel(membership.user_id, byId.get(membership.user_id)) });
          summary.removed++;
          continue;
        }
        found.add(membership.user_id);
        if (want.makeDefault && membership.default !== true) {
          defaults.push({ action: 'makeDefault', ...base, makeDefault: true, userLabel: want.userLabel, ...previousDefault(want) });
          summary.madeDefault++;
        } else {
          plan.unchanged++;
        }
      }
      progress.step();
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    for (const want of wanted.values()) {
      if (!found.has(want.userId)) {
        additions.push({ action: 'add', userId: want.userId, organizationId, userLabel: want.userLabel, organizationLabel: name, ...(want.makeDefault ? { makeDefault: true, ...previousDefault(want) } : {}) });
        summary.added++;
      }
    }
    summary.fingerprint = `${summary.before}:${hash.toString(16)}`;
    plan.organizations.push(summary);
  }
  plan.changes = [...additions, ...removals, ...defaults];
  return plan;
}

/** The organizations whose removals need their name typed: more than 10 members, or more than a quarter. */
export function bigRemovals(plan: SyncPlan): SyncOrganization[] {
  return plan.organizations.filter((organization) => organization.removed > BIG_REMOVAL_COUNT
    || (organization.removed > 0 && organization.removed > organization.before * BIG_REMOVAL_SHARE));
}

/** Organizations whose memberships differ now from when `saved` was planned (or that `now` no longer has). */
export function changedSince(saved: ReadonlyArray<Pick<SyncOrganization, 'id' | 'fingerprint'>>, now: readonly SyncOrganization[]): SyncOrganization[] {
  const current = new Map(now.map((organization) => [organization.id, organization]));
  return saved.flatMap((organization) => {
    const found = current.get(organization.id);
    return found && found.fingerprint !== organization.fingerprint ? [found] : [];
  });
}

function membershipHash(id: number, isDefault: boolean): bigint {
  return BigInt(`0x${createHash('sha256').update(`${id}:${isDefault ? 1 : 0}`).digest('hex').slice(0, 16)}`);
}

/** The user's default before, as the desired member recorded it (a saved plan's does not). */
function previousDefault(want: DesiredMember): Pick<SyncChange, 'previousDefaultId' | 'previousDefaultName'> {
  return want.previousDefaultId === undefined ? {} : { previousDefaultId: want.previousDefaultId, ...(want.previousDefaultName ? { previousDefaultName: want.previousDefaultName } : {}) };
}
