// Declared = named: the commands package.json contributes, every command its menus and welcome
// view refer to, and the constants the code uses (src/commandIds.ts) are the same set. (That
// registerCommands registers exactly these is checked in the extension host: test/integration/commands.test.ts.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandIds } from '../../src/commandIds';

const REPO = join(__dirname, '..', '..', '..');

interface Manifest {
  contributes: {
    commands: Array<{ command: string }>;
    menus: Record<string, Array<{ command: string }>>;
  };
}

describe('command ids', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as Manifest;
  const constants: string[] = Object.values(CommandIds).sort();

  it('are the commands package.json contributes, no more and no fewer', () => {
    assert.deepEqual(manifest.contributes.commands.map((entry) => entry.command).sort(), constants);
    assert.equal(new Set(constants).size, constants.length, 'no id twice');
  });

  it('cover every command the menus name', () => {
    const inMenus = Object.entries(manifest.contributes.menus).flatMap(([menu, entries]) => entries.map((entry) => `${menu}: ${entry.command}`));
    assert.ok(inMenus.length >= 40, `${inMenus.length} menu entries`);
    assert.deepEqual(inMenus.filter((entry) => !constants.includes(entry.split(': ')[1])), []);
  });

  it('cover every command the welcome view links to', () => {
    const links = [...readFileSync(join(REPO, 'package.nls.json'), 'utf8').matchAll(/command:([\w.]+)/g)].map((match) => match[1]);
    assert.ok(links.length > 0);
    assert.deepEqual(links.filter((id) => !constants.includes(id)), []);
  });
});
