// Three bundles: the extension (Node, CommonJS, `vscode` provided by the host), the worker that
// parses membership files (Node, CommonJS) and the jobs webview (browser, ESM). `tsc --noEmit`
// type-checks separately because esbuild only strips types.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

const targets = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // jsonc-parser's CommonJS build loads its parts with a dynamic require esbuild cannot follow;
    // its ESM build is the same code as static imports.
    alias: { 'whatwg-url': './scripts/whatwg-url-shim.js', 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  },
  {
    // Membership files are parsed in a worker thread (src/bulkFiles/parseInWorker.ts).
    ...common,
    entryPoints: { parseWorker: 'src/bulkFiles/parseWorker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  },
  {
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
  },
];

const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
}
