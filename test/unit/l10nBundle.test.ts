import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('localization bundle', () => {
  it('l10n/bundle.l10n.json holds exactly the strings the code localizes (run `npm run l10n` after changing one)', async function () {
    this.timeout(60_000); // tree-sitter parses every source file
    const files = sourceFiles(path.join(REPO_ROOT, 'src'))
      .map((file) => ({ extension: path.extname(file), contents: fs.readFileSync(file, 'utf8') }))
      .filter((file) => file.contents.includes('l10n.t(')); // the only files with strings to extract
    const extracted = await getL10nJson(files);
    const shipped = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as unknown;
    assert.deepEqual(shipped, JSON.parse(JSON.stringify(extracted)));
  });

  it('every %key% of the manifest has an English string in package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8');
    const nls = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((match) => match[1]);
    assert.ok(keys.length > 20, `found ${keys.length} manifest keys`);
    assert.deepEqual(keys.filter((key) => typeof nls[key] !== 'string'), []);
  });
});
