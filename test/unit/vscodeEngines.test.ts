// The VS Code versions `npm test` runs on are the ones package.json claims: the oldest is the
// minimum of engines.vscode (and @types/vscode is pinned to it, so type-checking refuses newer
// APIs), and the newest is one that accepts the VSIX (code-server refuses an engines.vscode above it).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';
import { DEFAULT_OLDEST_CODE_SERVER_VERSION } from '../harness/tools';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface Manifest { engines: { vscode: string }; devDependencies: Record<string, string> }

function manifest(): Manifest {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
}

/** A version default from scripts/e2e/env.sh (`export NAME=${NAME:-4.96.4}`). */
function envDefault(name: string): string {
  const env = fs.readFileSync(path.join(REPO_ROOT, 'scripts', 'e2e', 'env.sh'), 'utf8');
  const found = new RegExp(`^export ${name}=\\$\\{${name}:-([0-9.]+)\\}$`, 'm').exec(env)?.[1];
  assert.ok(found, `scripts/e2e/env.sh sets a default for ${name}`);
  return found;
}

/** code-server 4.M.P is VS Code 1.M.P. */
function vscodeOf(codeServerVersion: string): string {
  const version = semver.parse(codeServerVersion);
  assert.ok(version && version.major === 4, `code-server ${codeServerVersion} is a 4.x`);
  return `1.${version.minor}.${version.patch}`;
}

describe('VS Code versions', () => {
  it('the oldest VS Code tested is the minimum of engines.vscode', () => {
    const oldest = envDefault('E2E_OLDEST_CODE_SERVER_VERSION');
    assert.equal(oldest, DEFAULT_OLDEST_CODE_SERVER_VERSION, 'test/harness/tools.ts has the same default as env.sh');
    const claimed = semver.minVersion(manifest().engines.vscode);
    assert.ok(claimed, `engines.vscode ${manifest().engines.vscode} has a minimum`);
    const tested = semver.parse(vscodeOf(oldest));
    assert.deepEqual([tested?.major, tested?.minor], [claimed.major, claimed.minor],
      `engines.vscode claims ${claimed.version}; npm test's oldest is VS Code ${vscodeOf(oldest)}`);
  });

  it('@types/vscode is pinned to the minimum of engines.vscode', () => {
    const { engines, devDependencies } = manifest();
    assert.equal(devDependencies['@types/vscode'], semver.minVersion(engines.vscode)?.version);
  });

  it('the newest VS Code tested accepts the VSIX', () => {
    const newest = vscodeOf(envDefault('E2E_CODE_SERVER_VERSION'));
    assert.ok(semver.satisfies(newest, manifest().engines.vscode), `VS Code ${newest} satisfies engines.vscode ${manifest().engines.vscode}`);
  });
});
