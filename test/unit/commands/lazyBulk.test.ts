// What activation does not need is in bundles of their own, loaded on first use: the extension's code
// behind its stand-ins (src/lazyWorkbench.ts, dist/workbench.js) and, from there, the bulk-only code
// (src/commands/lazyBulk.ts, dist/bulk.js); a lazy command loads its definition only when it runs or is described.
import assert from 'node:assert/strict';
import type { Command, CommandContext } from '../../../src/commands/command';
import { lazyCommand } from '../../../src/commands/lazyCommand';
import { CommandIds, type CommandId } from '../../../src/commandIds';
import { bundleLoaded, forgetBundles, loadBundle } from '../distBundles';

describe('the lazy bundles (dist/workbench.js, dist/bulk.js)', () => {
  it('are not loaded with the extension, and each loads on its own from the shared modules of the bundle before it', () => {
    forgetBundles();
    const loaded = bundleLoaded;
    const extension = loadBundle('extension.js');
    assert.equal(typeof extension.activate, 'function');
    assert.ok(!loaded('workbench.js'), 'loading the extension loaded dist/workbench.js');
    assert.ok(!loaded('bulk.js'), 'loading the extension loaded dist/bulk.js');
    const workbench = loadBundle('workbench.js');
    assert.equal(typeof workbench.createWorkbench, 'function');
    assert.ok(!loaded('bulk.js'), 'loading the workbench loaded dist/bulk.js');
    const commandIdsOf = (shared: unknown): unknown => (shared as { commandIds: { CommandIds: unknown } }).commandIds.CommandIds;
    assert.equal(commandIdsOf(workbench.sharedWithBulk), commandIdsOf(extension.sharedWithWorkbench), 'one copy of the shared modules');
    const bulk = loadBundle('bulk.js');
    assert.deepEqual(Object.keys(bulk).sort(), [
      'JobsController', 'JobsPanel', 'ZendeskQueue', 'changedOrganizations', 'createAddMembersBulk', 'createApplySyncPlan', 'createExportHistory', 'createMoveMembers',
      'createRemoveMembershipsBulk', 'createResumeJobs', 'createShowHistory', 'createShowJobs', 'createSyncMembers', 'createUndo', 'exportMembershipsCommand', 'ourJobIds',
    ]);
  });
});

describe('lazyCommand', () => {
  const definition = (id: CommandId): Command => ({ id, action: 'do it', execute: async (_context, raw) => raw });

  it('loads the command once, when it runs or its action is read', async () => {
    let loads = 0;
    const command = lazyCommand(CommandIds.addMembersBulk, () => { loads++; return definition(CommandIds.addMembersBulk); });
    assert.equal(command.id, CommandIds.addMembersBulk);
    assert.equal(loads, 0);
    assert.deepEqual(await command.execute({} as CommandContext, [1, 2]), [1, 2]);
    assert.equal(command.action, 'do it');
    assert.equal(loads, 1);
  });

  it('refuses the definition of another command', async () => {
    const command = lazyCommand(CommandIds.addMembersBulk, () => definition(CommandIds.removeMembershipsBulk));
    await assert.rejects(command.execute({} as CommandContext, []), /zendesk\.addMembersBulk loaded the definition of zendesk\.removeMembershipsBulk/);
  });
});
