// Bulk-only code is a bundle of its own, loaded on first use (src/lazyBulk.ts): activation does not
// load it, and a lazy command loads its definition only when it runs or is described.
import assert from 'node:assert/strict';
import Module from 'node:module';
import * as path from 'node:path';
import { lazyCommand } from '../../src/commands/lazyCommand';
import type { CommandContext, CommandDefinition } from '../../src/commands/context';

const DIST = path.resolve(__dirname, '../../../dist');

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
    assert.deepEqual(Object.keys(bulk).sort(), ['createAddMembersBulk', 'createRemoveMembershipsBulk', 'csvFileName', 'itemsToCsv']);
    assert.equal((bulk.csvFileName as (name: string) => string)('Add 3'), 'Add 3.csv');
  });
});

describe('lazyCommand', () => {
  const definition = (id: string): CommandDefinition => ({ id, action: 'do it', run: async (_context, ...args) => args });

  it('loads the definition once, when it runs or its action is read', async () => {
    let loads = 0;
    const command = lazyCommand('zendesk.example', () => { loads++; return definition('zendesk.example'); });
    assert.equal(command.id, 'zendesk.example');
    assert.equal(loads, 0);
    assert.deepEqual(await command.run({} as CommandContext, 1, 2), [1, 2]);
    assert.equal(command.action, 'do it');
    assert.equal(loads, 1);
  });

  it('refuses a definition of another command', async () => {
    const command = lazyCommand('zendesk.example', () => definition('zendesk.other'));
    await assert.rejects(command.run({} as CommandContext), /zendesk\.example loaded the definition of zendesk\.other/);
  });
});
