// Declared = registered: the ids registerCommands registered in this extension host, the
// constants of src/commandIds.ts and package.json's contributed commands are the same set, and
// VS Code knows each of them as a command.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CommandIds } from '../../src/commandIds';
import { extensionApi } from './fixture';

describe('commands', () => {
  it('registers exactly the commands package.json declares and src/commandIds.ts names', async () => {
    const api = await extensionApi();
    const registered = [...api.registeredCommands].sort();
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } };
    assert.deepEqual(registered, Object.values(CommandIds).sort());
    assert.deepEqual(registered, manifest.contributes.commands.map((entry) => entry.command).sort());
    const known = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(registered.filter((id) => !known.has(id)), [], 'VS Code has a handler for each');
  });
});
