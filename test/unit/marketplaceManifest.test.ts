// The manifest carries what a Visual Studio Marketplace / Open VSX listing needs, and the VSIX
// holds it: a 128×128 PNG icon, links to the repository, fitting categories, a gallery banner.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface Manifest {
  publisher: string; name: string; license: string; icon?: string; pricing?: string; homepage?: string;
  repository?: { type: string; url: string }; bugs?: { url: string };
  categories?: string[]; galleryBanner?: { color: string; theme: string }; scripts: Record<string, string>;
}
const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;

// The categories the Marketplace and Open VSX offer.
const CATEGORIES = new Set(['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters',
  'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Programming Languages', 'SCM Providers',
  'Snippets', 'Testing', 'Themes', 'Visualization', 'Other']);

/** Width and height from a PNG's IHDR chunk; fails if the bytes are not a PNG. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file} has the PNG signature`);
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR', `${file} starts with its IHDR chunk`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('Marketplace / Open VSX manifest', () => {
  it('has a 128×128 PNG icon', () => {
    assert.ok(manifest.icon, 'package.json has "icon"');
    assert.match(manifest.icon, /\.png$/, 'the Marketplace refuses an SVG icon');
    assert.deepEqual(pngSize(path.join(REPO_ROOT, manifest.icon)), { width: 128, height: 128 });
  });

  it('links the repository, its issues and its README over https', () => {
    const repository = manifest.repository?.url.replace(/\.git$/, '');
    assert.match(repository ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
    assert.equal(manifest.repository?.type, 'git');
    assert.equal(manifest.bugs?.url, `${repository}/issues`);
    assert.equal(manifest.homepage, `${repository}#readme`);
  });

  it('has categories from the Marketplace\'s list, not only "Other", and a gallery banner', () => {
    const categories = manifest.categories ?? [];
    assert.deepEqual(categories.filter((category) => !CATEGORIES.has(category)), [], 'unknown categories');
    assert.ok(categories.some((category) => category !== 'Other'), `categories: ${categories.join(', ')}`);
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''), 'galleryBanner.theme is dark or light');
  });

  it('is free, licensed with a LICENSE file, and its publisher is a valid Open VSX namespace', () => {
    assert.equal(manifest.pricing, 'Free');
    assert.equal(manifest.license, 'MIT');
    assert.match(fs.readFileSync(path.join(REPO_ROOT, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/);
  });

  it('is packaged without --allow-missing-* flags, and the VSIX holds the icon, README, CHANGELOG and LICENSE', async () => {
    assert.doesNotMatch(manifest.scripts.package, /--allow-missing|--no-rewrite-relative-links/);
    const files = await listFiles({ cwd: REPO_ROOT, packageManager: PackageManager.None });
    for (const file of [manifest.icon, 'README.md', 'CHANGELOG.md', 'LICENSE', 'package.json']) {
      assert.ok(files.includes(file ?? ''), `${file} is in the VSIX (${files.join(', ')})`);
    }
  });

  it('the README\'s images are PNG or JPEG files in the repository (the listing shows them from there)', () => {
    const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((match) => match[1]);
    assert.ok(images.length > 0, 'the README shows a screenshot');
    for (const image of images) {
      assert.match(image, /^[\w./-]+\.(png|jpe?g)$/, `${image}: a relative PNG/JPEG (vsce refuses SVG and rewrites relative paths to the repository)`);
      assert.ok(fs.existsSync(path.join(REPO_ROOT, image)), `${image} exists`);
    }
  });
});
