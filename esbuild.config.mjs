// Four bundles: the extension (Node, CommonJS, `vscode` provided by the host), the bulk-only code
// it loads on first use (dist/bulk.js, see src/commands/lazyBulk.ts), the worker that parses membership
// files (Node, CommonJS) and the jobs webview (browser, ESM). `tsc --noEmit` type-checks
// separately because esbuild only strips types.
import * as fs from 'node:fs';
import * as path from 'node:path';
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

const LAZY_SEAM = path.resolve('src/commands/lazyBulk.ts');
const SHARED = 'shared-with-extension';

/** The extension bundle requires dist/bulk.js at run time instead of bundling src/commands/bulkEntry.ts. */
const loadBulkAtRunTime = {
  name: 'load-bulk-at-run-time',
  setup(build) {
    build.onResolve({ filter: /^\.\/bulkEntry$/ }, (args) => (args.importer === LAZY_SEAM ? { path: './bulk.js', external: true } : undefined));
  },
};

/**
 * dist/bulk.js takes the modules src/commands/lazyBulk.ts lists in `sharedWithBulk` (its `import * as name
 * from '…'` lines) from the loaded extension bundle instead of bundling copies of them.
 */
const shareWithExtension = {
  name: SHARED,
  setup(build) {
    const shared = new Map();
    build.onStart(async () => {
      shared.clear();
      for (const [, name, specifier] of fs.readFileSync(LAZY_SEAM, 'utf8').matchAll(/^import \* as (\w+) from '([^']+)';$/gm)) {
        const resolved = await build.resolve(specifier, { resolveDir: path.dirname(LAZY_SEAM), kind: 'import-statement' });
        if (resolved.errors.length) return { errors: resolved.errors };
        shared.set(resolved.path, name);
      }
      return undefined;
    });
    build.onResolve({ filter: /^\.\/extension\.js$/, namespace: SHARED }, () => ({ path: './extension.js', external: true }));
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.kind === 'entry-point' || args.pluginData === SHARED) return undefined;
      const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: SHARED });
      if (resolved.errors.length) return { errors: resolved.errors };
      const name = shared.get(resolved.path);
      return name ? { path: name, namespace: SHARED } : { path: resolved.path, external: resolved.external, namespace: resolved.namespace, sideEffects: resolved.sideEffects };
    });
    build.onLoad({ filter: /.*/, namespace: SHARED }, (args) => ({
      contents: `module.exports = require("./extension.js").sharedWithBulk[${JSON.stringify(args.path)}];`, loader: 'js',
    }));
  },
};

const nodeAliases = {
  'whatwg-url': './scripts/whatwg-url-shim.js',
  // jsonc-parser's CommonJS build loads its parts with a dynamic require esbuild cannot follow;
  // its ESM build is the same code as static imports.
  'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
};

/** A bundle for the extension host (Node, CommonJS, vscode provided by VS Code). */
function nodeBundle(entryPoints, plugin) {
  return {
    ...common, entryPoints, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], alias: nodeAliases, metafile: true, plugins: [plugin],
  };
}

const targets = [
  nodeBundle({ extension: 'src/extension.ts' }, loadBulkAtRunTime),
  nodeBundle({ bulk: 'src/commands/bulkEntry.ts' }, shareWithExtension),
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

/** Every file bundled into both the extension and dist/bulk.js: there must be none (a second copy of a class breaks instanceof). */
function bundledTwice([extension, bulk]) {
  const inputs = (result) => new Set(Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs)));
  const inExtension = inputs(extension);
  return [...inputs(bulk)].filter((file) => inExtension.has(file));
}

const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  const twice = bundledTwice(results);
  if (twice.length) {
    console.error(`esbuild: these modules are in both dist/extension.js and dist/bulk.js; add the module bulk code imports them through to sharedWithBulk in src/commands/lazyBulk.ts:\n  ${twice.join('\n  ')}`);
    process.exit(1);
  }
}
