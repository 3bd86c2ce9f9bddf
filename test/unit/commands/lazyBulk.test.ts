// Bulk-only code is a bundle of its own, loaded on first use (src/commands/lazyBulk.ts): activation does not
// load it, and a lazy command loads its definition only when it runs or is described.
import assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';
import type { Command, CommandContext } from '../../../src/commands/command';
import { lazyCommand } from '../../../src/commands/lazyCommand';
import { CommandIds, type CommandId } from '../../../src/commandIds';

const DIST = path.resolve(__dirname, '../../../../dist');

/** Loads a bundle with a stand-in for `vscode` (only what module-level code touches). */
function loadBundle(file: string): Record<string, unknown> {
  const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = resolver._resolveFilename;
  const standIn = path.join(DIST, 'vscode-stand-in.js');
  const module = new Module(standIn);
  module.loaded = true;
  module.exports = { l10n: { t: (message: string | { message: string }) => typeof message === 'string' ? message : message.message } };
  require.cache[standIn] = module;
  resolver._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standIn : original.call(this, request, ...rest);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(path.join(DIST, file)) as Record<string, unknown>;
  } finally {
    resolver._resolveFilename = original;
  }
}

describe('the bulk bundle (dist/bulk.js)', () => {
  it('is not loaded with the extension, and loads on its own from the extension\'s shared modules', () => {
    const extension = loadBundle('extension.js');
    assert.equal(typeof extension.activate, 'function');
    assert.ok(!Object.keys(require.cache).some((file) => file.endsWith(`${path.sep}dist${path.sep}bulk.js`)), 'loading the extension loaded dist/bulk.js');
    const bulk = loadBundle('bulk.js');
    assert.deepEqual(Object.keys(bulk).sort(), ['createAddMembersBulk', 'createApplySyncPlan', 'createMoveMembers', 'createRemoveMembershipsBulk', 'createSyncMembers']);
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
