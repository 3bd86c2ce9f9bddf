import assert from 'node:assert/strict';
import type { JournalEntry } from '../../../src/jobs/journal';
import { type CurrentMembership, type CurrentMemberships, planUndo, undoPairs } from '../../../src/jobs/undoPlan';

function entry(action: JournalEntry['action'], userId: number, organizationId: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    at: 1, operationId: 'op', operation: 'Op', kind: 'add', window: 'w', action, userId, userName: `U${userId}`, organizationId, organizationName: `O${organizationId}`, ...extra,
  };
}

/** Memberships as Zendesk has them now: "user:organization" → id and default. */
function server(memberships: Record<string, CurrentMembership>): CurrentMemberships {
  return { of: ({ userId, organizationId }) => memberships[`${userId}:${organizationId}`] };
}

describe('planUndo: the inverse of an operation against the current memberships', () => {
  it('removes what was added, only where it is still there', () => {
    const entries = [entry('added', 1, 7), entry('added', 2, 7)];
    const plan = planUndo(entries, server({ '1:7': { id: 17, default: false } }));
    assert.deepEqual(plan.steps.map(({ action, userId, membershipId }) => ({ action, userId, membershipId })), [{ action: 'remove', userId: 1, membershipId: 17 }]);
    assert.equal(plan.skipped.length, 1);
    assert.equal(plan.skipped[0].entry.userId, 2);
    assert.match(plan.skipped[0].reason, /U2 → O7.*no longer a member/);
  });

  it('adds back what was removed, as the default where it was', () => {
    const plan = planUndo([entry('removed', 1, 7, { wasDefault: true }), entry('unassigned', 2, 7)], server({}));
    assert.deepEqual(plan.steps.map(({ action, userId, makeDefault }) => ({ action, userId, makeDefault })), [
      { action: 'add', userId: 2, makeDefault: undefined }, { action: 'add', userId: 1, makeDefault: true },
    ]);
    assert.deepEqual(plan.counts, { add: 2, remove: 0, makeDefault: 0 });
  });

  it('restores the previous default of a default change, and of an addition as default', () => {
    const entries = [
      entry('madeDefault', 1, 7, { previousDefaultId: 8, previousDefaultName: 'O8' }),
      entry('added', 2, 7, { asDefault: true, previousDefaultId: 9, previousDefaultName: 'O9' }),
    ];
    const plan = planUndo(entries, server({ '1:7': { id: 17, default: true }, '1:8': { id: 18, default: false }, '2:7': { id: 27, default: true }, '2:9': { id: 29, default: false } }));
    assert.deepEqual(plan.steps.map(({ action, userId, organizationId, membershipId }) => ({ action, userId, organizationId, membershipId })), [
      { action: 'remove', userId: 2, organizationId: 7, membershipId: 27 },
      { action: 'makeDefault', userId: 2, organizationId: 9, membershipId: 29 },
      { action: 'makeDefault', userId: 1, organizationId: 8, membershipId: 18 },
    ]);
    assert.deepEqual(plan.skipped, []);
  });

  it('names a previous default the journal has no name for by its id', () => {
    const plan = planUndo([entry('madeDefault', 1, 7, { previousDefaultId: 8 })], server({ '1:7': { id: 17, default: true }, '1:8': { id: 18, default: false } }));
    assert.deepEqual(plan.steps.map(({ action, organizationId, organizationLabel }) => ({ action, organizationId, organizationLabel })), [
      { action: 'makeDefault', organizationId: 8, organizationLabel: 'organization 8' },
    ]);
  });

  it('skips, with reasons, what changed on the server since', () => {
    const entries = [
      entry('removed', 1, 7), // back since
      entry('madeDefault', 2, 7, { previousDefaultId: 8 }), // the default is a third organization now
      entry('madeDefault', 3, 7, { previousDefaultId: 8 }), // the previous default is gone
      entry('madeDefault', 4, 7), // previous default unknown
    ];
    const plan = planUndo(entries, server({
      '1:7': { id: 1, default: false }, '2:7': { id: 2, default: false }, '3:7': { id: 3, default: true }, '4:7': { id: 4, default: true },
    }));
    assert.deepEqual(plan.steps, []);
    const reasons = new Map(plan.skipped.map((skip) => [skip.entry.userId, skip.reason]));
    assert.match(reasons.get(1) ?? '', /a member again/);
    assert.match(reasons.get(2) ?? '', /no longer U2's default/);
    assert.match(reasons.get(3) ?? '', /no longer a member of/);
    assert.match(reasons.get(4) ?? '', /not known/);
  });

  it('undoes a move: adds back to the source as the default, removes from the target', () => {
    const entries = [entry('added', 1, 9, { asDefault: true, previousDefaultId: 7, previousDefaultName: 'O7' }), entry('removed', 1, 7, { wasDefault: true, membershipId: 17 })];
    const plan = planUndo(entries, server({ '1:9': { id: 19, default: true } }));
    assert.deepEqual(plan.steps.map(({ action, organizationId, makeDefault }) => ({ action, organizationId, makeDefault })), [
      { action: 'add', organizationId: 7, makeDefault: true }, { action: 'remove', organizationId: 9, makeDefault: undefined },
    ]);
  });

  it('plans nothing for an empty operation, or once undone already', () => {
    assert.deepEqual(planUndo([], server({})).steps, []);
    const entries = [entry('added', 1, 7), entry('removed', 2, 7, { wasDefault: true })];
    const undone = planUndo(entries, server({ '2:7': { id: 27, default: true } }));
    assert.deepEqual(undone.steps, []);
    assert.equal(undone.skipped.length, 2);
  });

  it('names every pair it needs to read, the previous defaults too, once each', () => {
    const pairs = undoPairs([entry('madeDefault', 1, 7, { previousDefaultId: 8 }), entry('added', 1, 7), entry('removed', 2, 9, { previousDefaultId: null })]);
    assert.deepEqual(pairs, [{ userId: 1, organizationId: 7 }, { userId: 1, organizationId: 8 }, { userId: 2, organizationId: 9 }]);
  });
});
