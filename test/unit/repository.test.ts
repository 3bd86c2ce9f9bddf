// The repository needs nothing outside itself, and the extension and the sandbox package stay
// apart: neither imports the other's sources, and `npm run sandbox` builds only the sandbox.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'out', 'dist', '.e2e', '.vscode-test', 'test-results', 'bench-results']);

/** Tracked files (git ls-files); without git (an unpacked archive), every file outside build output. */
function repositoryFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\0').filter(Boolean);
  } catch {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) walk(join(dir, entry.name));
        else if (entry.isFile()) files.push(relative(REPO_ROOT, join(dir, entry.name)).split(sep).join('/'));
      }
    };
    walk(REPO_ROOT);
    return files;
  }
}

function textOf(file: string): string | undefined {
  const bytes = readFileSync(join(REPO_ROOT, file));
  return bytes.includes(0) ? undefined : bytes.toString('utf8'); // binary (images): no paths to check
}

// Written in pieces so this file does not match itself.
const OUTSIDE_PATHS = [['/wo', 'rk/'], ['../sha', 'red'], ['/ro', 'ot/'], ['/ho', 'me/'], ['/Use', 'rs/']].map((parts) => parts.join(''));

describe('the repository', () => {
  const files = repositoryFiles();

  it('lists its files (the checks below have something to check)', () => {
    assert.ok(files.includes('package.json') && files.includes('sandbox/package.json'), files.slice(0, 5).join(', '));
    assert.ok(files.length > 100, `${files.length} files`);
  });

  it('refers to no path outside itself (a machine path, the shared reference folder, a home directory)', () => {
    const found: string[] = [];
    for (const file of files) {
      const text = textOf(file);
      if (text === undefined) continue;
      text.split('\n').forEach((line, index) => {
        const hit = OUTSIDE_PATHS.find((path) => line.includes(path));
        if (hit) found.push(`${file}:${index + 1}: ${hit}`);
      });
    }
    assert.deepEqual(found, []);
  });

  it('keeps the Zendesk spec excerpt and the API notes the tests and comments cite, with their source', () => {
    const spec = textOf('sandbox/spec/zendesk-support-oas.pruned.yaml') ?? '';
    assert.match(spec, /^# Zendesk Support API OpenAPI spec/);
    assert.match(spec, /published by Zendesk, Inc\. at\n# https:\/\/developer\.zendesk\.com\/zendesk\/oas\.yaml\. The published file states no licence/);
    assert.match(textOf('sandbox/spec/SOURCE.md') ?? '', /states no licence/);
    assert.match(textOf('docs/zendesk/API-NOTES.md') ?? '', /## 13\. Observed in recorded real Zendesk traffic/);
  });

  it('keeps the extension and the sandbox apart: neither imports the other', () => {
    const importsOf = (text: string): string[] => [...text.matchAll(/(?:from\s+|require\(|import\()\s*'([^']+)'/g)].map((m) => m[1]);
    for (const file of files.filter((f) => /^src\/.*\.ts$/.test(f))) {
      const bad = importsOf(textOf(file) ?? '').filter((spec) => spec === 'zendesk-sandbox' || /(^|\/)sandbox(\/|$)/.test(spec));
      assert.deepEqual(bad, [], `${file} imports the sandbox`);
    }
    for (const file of files.filter((f) => /^sandbox\/.*\.ts$/.test(f))) {
      const outside = importsOf(textOf(file) ?? '')
        .filter((spec) => spec.startsWith('.') && !posix.join(posix.dirname(file), spec).startsWith('sandbox/'));
      assert.deepEqual(outside, [], `${file} imports from outside the sandbox package`);
    }
  });

  it('`npm run sandbox` builds only the sandbox package and hands over to it (exec)', () => {
    const scripts = (JSON.parse(textOf('package.json') ?? '{}') as { scripts: Record<string, string> }).scripts;
    const steps = scripts.sandbox.split('&&').map((step) => step.trim());
    assert.deepEqual(steps, ['tsc -p sandbox/tsconfig.json', 'exec node sandbox/out/src/cli.js']);
  });
});
