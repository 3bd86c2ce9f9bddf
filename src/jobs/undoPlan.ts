// Undo: from the history of one operation and the memberships Zendesk has now, the inverse plan —
// remove what the operation added, add back what it removed (as the default where it was), make
// the previous default the default again — and what cannot be undone because it changed on the
// server since (the added membership is gone already, the removed one is back, the default is
// elsewhere now), each with why. Pure: the caller reads the memberships. No `vscode`.
import * as l10n from '@vscode/l10n';
import type { JournalEntry } from './journal';
import type { NewItem } from './operations';

export interface CurrentMembership {
  id: number;
  default: boolean;
}

/** The memberships of the pairs `undoPairs` named, as Zendesk has them now. */
export interface CurrentMemberships {
  of(pair: { userId: number; organizationId: number }): CurrentMembership | undefined;
}

export type UndoAction = 'add' | 'remove' | 'makeDefault';

export interface UndoStep {
  action: UndoAction;
  userId: number;
  organizationId: number;
  /** remove, makeDefault: the membership. */
  membershipId?: number;
  /** add: as the user's default organization. */
  makeDefault?: boolean;
  /** remove: whether it is the user's default now; makeDefault: the default it replaces. */
  wasDefault?: boolean;
  previousDefaultId?: number | null;
  previousDefaultName?: string;
  userLabel: string;
  organizationLabel: string;
}

export interface UndoSkip {
  entry: JournalEntry;
  /** Why it is not undone, in the user's words. */
  reason: string;
}

export interface UndoPlan {
  steps: UndoStep[];
  skipped: UndoSkip[];
  counts: { add: number; remove: number; makeDefault: number };
}

/** Every (user, organization) pair whose membership the plan needs to know. */
export function undoPairs(entries: readonly JournalEntry[]): Array<{ userId: number; organizationId: number }> {
  const pairs = new Map<string, { userId: number; organizationId: number }>();
  const add = (userId: number, organizationId: number | null | undefined): void => {
    if (typeof organizationId === 'number') pairs.set(`${userId}:${organizationId}`, { userId, organizationId });
  };
  for (const entry of entries) {
    add(entry.userId, entry.organizationId);
    add(entry.userId, entry.previousDefaultId);
  }
  return [...pairs.values()];
}

/** A membership this plan adds back has no id yet: its step is changed instead of a make_default. */
const PLANNED = -1;

/**
 * The inverse of `entries` (one operation's, in the order made), undone newest first against the
 * state each earlier undo step leaves. Undoing twice plans nothing the second time.
 */
export function planUndo(entries: readonly JournalEntry[], current: CurrentMemberships): UndoPlan {
  const state = new Map<string, CurrentMembership | undefined>();
  const key = (userId: number, organizationId: number): string => `${userId}:${organizationId}`;
  const now = (userId: number, organizationId: number): CurrentMembership | undefined => {
    const known = key(userId, organizationId);
    if (!state.has(known)) {
      const found = current.of({ userId, organizationId });
      state.set(known, found ? { id: found.id, default: found.default } : undefined);
    }
    return state.get(known);
  };
  const set = (userId: number, organizationId: number, membership: CurrentMembership | undefined): void => {
    state.set(key(userId, organizationId), membership);
  };
  const steps: UndoStep[] = [];
  const skipped: UndoSkip[] = [];
  const addedBack = new Map<string, UndoStep>();
  const who = (entry: JournalEntry) => ({ userId: entry.userId, userLabel: entry.userName });
  const where = (entry: JournalEntry) => `${entry.userName} → ${entry.organizationName}`;

  /** Makes `organizationId` the user's default again, when it is a membership (now or added back by this plan). */
  const restoreDefault = (entry: JournalEntry, organizationId: number, label: string, replaces: number): void => {
    // The undo's own history names the default it replaces, so that it can be undone too.
    const target = now(entry.userId, organizationId);
    if (!target) {
      skipped.push({ entry, reason: l10n.t('{0} is no longer a member of {1}: their previous default is not restored', entry.userName, label) });
      return;
    }
    if (target.default) return;
    const planned = addedBack.get(key(entry.userId, organizationId));
    if (target.id === PLANNED && planned) {
      planned.makeDefault = true;
    } else {
      steps.push({ action: 'makeDefault', ...who(entry), organizationId, organizationLabel: label, membershipId: target.id, previousDefaultId: replaces, previousDefaultName: entry.organizationName });
    }
    target.default = true;
  };

  for (const entry of [...entries].reverse()) {
    const membership = now(entry.userId, entry.organizationId);
    switch (entry.action) {
      case 'added': {
        if (!membership) {
          skipped.push({ entry, reason: l10n.t('{0}: no longer a member (removed since)', where(entry)) });
          break;
        }
        steps.push({ action: 'remove', ...who(entry), organizationId: entry.organizationId, organizationLabel: entry.organizationName, membershipId: membership.id, wasDefault: membership.default });
        set(entry.userId, entry.organizationId, undefined);
        if (entry.asDefault && membership.default && typeof entry.previousDefaultId === 'number') {
          restoreDefault(entry, entry.previousDefaultId, entry.previousDefaultName ?? organizationById(entry.previousDefaultId), entry.organizationId);
        }
        break;
      }
      case 'removed':
      case 'unassigned': {
        if (membership) {
          skipped.push({ entry, reason: l10n.t('{0}: a member again (added back since)', where(entry)) });
          break;
        }
        const step: UndoStep = { action: 'add', ...who(entry), organizationId: entry.organizationId, organizationLabel: entry.organizationName, ...(entry.wasDefault ? { makeDefault: true } : {}) };
        steps.push(step);
        addedBack.set(key(entry.userId, entry.organizationId), step);
        set(entry.userId, entry.organizationId, { id: PLANNED, default: entry.wasDefault === true });
        break;
      }
      case 'madeDefault': {
        if (!membership) {
          skipped.push({ entry, reason: l10n.t('{0}: no longer a member (removed since)', where(entry)) });
        } else if (!membership.default) {
          skipped.push({ entry, reason: l10n.t("{0}: no longer {1}'s default organization (changed since)", where(entry), entry.userName) });
        } else if (typeof entry.previousDefaultId !== 'number') {
          skipped.push({ entry, reason: entry.previousDefaultId === null
            ? l10n.t('{0}: the user had no default organization before', where(entry))
            : l10n.t('{0}: the previous default organization is not known', where(entry)) });
        } else if (entry.previousDefaultId !== entry.organizationId) {
          membership.default = false;
          restoreDefault(entry, entry.previousDefaultId, entry.previousDefaultName ?? organizationById(entry.previousDefaultId), entry.organizationId);
        }
        break;
      }
    }
  }
  // Additions first, then removals, then default changes: a user is never left in neither organization.
  const order: Record<UndoAction, number> = { add: 0, remove: 1, makeDefault: 2 };
  steps.sort((a, b) => order[a.action] - order[b.action]);
  return {
    steps,
    skipped,
    counts: {
      add: steps.filter((step) => step.action === 'add').length,
      remove: steps.filter((step) => step.action === 'remove').length,
      makeDefault: steps.filter((step) => step.action === 'makeDefault').length,
    },
  };
}

/**
 * The plan as the items of one operation (kind `undo`): additions (create_many, as the default
 * where planned), removals (destroy_many; a call waiting for its user's addition back where there
 * is one, so nobody is left in neither organization) and make_default calls. Each item keeps what the history needs, so the
 * undo can be undone in turn.
 */
export function undoItems(plan: UndoPlan): NewItem[] {
  const items: NewItem[] = [];
  const addedFor = new Map<number, number>();
  for (const step of plan.steps) {
    const base = { userId: step.userId, organizationId: step.organizationId, userLabel: step.userLabel, organizationLabel: step.organizationLabel };
    if (step.action === 'add') {
      if (!addedFor.has(step.userId)) addedFor.set(step.userId, items.length);
      items.push({ ...base, action: 'add', ...(step.makeDefault ? { makeDefault: true } : {}) });
    } else if (step.action === 'remove') {
      // destroy_many, unless the user is added back somewhere by this undo: then only once that succeeded.
      const after = addedFor.get(step.userId);
      items.push({ ...base, membershipId: step.membershipId, wasDefault: step.wasDefault === true, ...(after === undefined ? { action: 'remove' } : { action: 'removeAfterAdd', after }) });
    } else {
      items.push({
        ...base, membershipId: step.membershipId, makeDefault: true, action: 'makeDefault',
        ...(step.previousDefaultId === undefined ? {} : { previousDefaultId: step.previousDefaultId }), ...(step.previousDefaultName ? { previousDefaultName: step.previousDefaultName } : {}),
      });
    }
  }
  return items;
}

/** An organization known only by its id (the journal did not have its name): "organization 8". */
export function organizationById(id: number): string {
  return l10n.t('organization {0}', id);
}
