// The Node version the README tells a newcomer to use must be one every installed package accepts
// (`npm ci` would otherwise warn EBADENGINE, and the package may not work).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as semver from 'semver';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface LockFile { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> }

/** "Node.js 20.19 or newer" in the README's prerequisites, as 20.19.0. */
function readmeNode(): string {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const stated = /\bNode\.js (\d+\.\d+(?:\.\d+)?)\s+or\s+newer\b/.exec(readme)?.[1];
  assert.ok(stated, 'the README states "Node.js X.Y or newer"');
  return semver.coerce(stated)?.version ?? assert.fail(`not a version: ${stated}`);
}

describe('Node version', () => {
  it('package.json engines.node starts at the version the README states', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: { node?: string } };
    assert.ok(manifest.engines.node, 'package.json has engines.node');
    assert.equal(semver.minVersion(manifest.engines.node)?.version, readmeNode());
  });

  it('every package in package-lock.json accepts the Node version the README states', () => {
    const node = readmeNode();
    const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as LockFile;
    const checked: string[] = [];
    const refused: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      const range = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!where || !range) continue; // "" is this project itself
      checked.push(where);
      if (!semver.satisfies(node, range)) refused.push(`${where.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}`);
    }
    assert.ok(checked.length > 50, `${checked.length} packages declare engines.node`);
    assert.deepEqual(refused, [], `packages that refuse Node ${node}`);
  });
});
