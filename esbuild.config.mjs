// Five bundles: what activation loads (dist/extension.js: Node, CommonJS, `vscode` provided by the
// host), the code behind it loaded on first use (dist/workbench.js, see src/lazyWorkbench.ts), the
// bulk-only code loaded from there on first use (dist/bulk.js, see src/commands/lazyBulk.ts), the
// worker that parses membership files (Node, CommonJS) and the jobs webview (browser, ESM). `tsc --noEmit` type-checks
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

const SHARED = 'shared-with-host';

/**
 * Where a lazily loaded bundle comes from: `seam` requires `request` at run time, which is the bundle
 * `bundle` (dist/<bundle>.js) instead of code bundled into the importer.
 */
const LAZY = {
  workbench: { seam: path.resolve('src/lazyWorkbench.ts'), request: './workbench', entry: 'src/workbench.ts', shared: 'sharedWithWorkbench', host: 'extension' },
  bulk: { seam: path.resolve('src/commands/lazyBulk.ts'), request: './bulkEntry', entry: 'src/commands/bulkEntry.ts', shared: 'sharedWithBulk', host: 'workbench' },
};

/** The bundle requires the lazy bundles its seams name at run time instead of bundling them. */
const loadLazyAtRunTime = {
  name: 'load-lazy-at-run-time',
  setup(build) {
    for (const [bundle, { seam, request }] of Object.entries(LAZY)) {
      const filter = new RegExp(`^${request.replace(/[.]/g, '\\.')}$`);
      build.onResolve({ filter }, (args) => (args.importer === seam ? { path: `./${bundle}.js`, external: true } : undefined));
    }
  },
};

/**
 * A lazy bundle takes the modules its seam lists in `shared` (its `import * as name from '…'` lines)
 * from the bundle that loads it (dist/<host>.js, already loaded) instead of bundling copies of them.
 */
function shareWithHost({ seam, shared: exportName, host }) {
  return {
    name: SHARED,
    setup(build) {
      const shared = new Map();
      build.onStart(async () => {
        shared.clear();
        for (const [, name, specifier] of fs.readFileSync(seam, 'utf8').matchAll(/^import \* as (\w+) from '([^']+)';$/gm)) {
          const resolved = await build.resolve(specifier, { resolveDir: path.dirname(seam), kind: 'import-statement' });
          if (resolved.errors.length) return { errors: resolved.errors };
          shared.set(resolved.path, name);
        }
        return undefined;
      });
      build.onResolve({ filter: /^\.\/\w+\.js$/, namespace: SHARED }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === SHARED) return undefined;
        const resolved = await build.resolve(args.path, { resolveDir: args.resolveDir, kind: args.kind, importer: args.importer, pluginData: SHARED });
        if (resolved.errors.length) return undefined; // esbuild's own resolution reports it (or tolerates it: an optional require in try/catch)
        const name = shared.get(resolved.path);
        return name ? { path: name, namespace: SHARED } : { path: resolved.path, external: resolved.external, namespace: resolved.namespace, sideEffects: resolved.sideEffects };
      });
      build.onLoad({ filter: /.*/, namespace: SHARED }, (args) => ({
        contents: `module.exports = require("./${host}.js").${exportName}[${JSON.stringify(args.path)}];`, loader: 'js',
      }));
    },
  };
}

const nodeAliases = {
  'whatwg-url': './scripts/whatwg-url-shim.js',
  // jsonc-parser's CommonJS build loads its parts with a dynamic require esbuild cannot follow;
  // its ESM build is the same code as static imports.
  'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
};

/** A bundle for the extension host (Node, CommonJS, vscode provided by VS Code). */
function nodeBundle(entryPoints, plugins) {
  return {
    ...common, entryPoints, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], alias: nodeAliases, metafile: true, plugins,
  };
}

const targets = [
  nodeBundle({ extension: 'src/extension.ts' }, [loadLazyAtRunTime]),
  ...Object.entries(LAZY).map(([bundle, lazy]) => nodeBundle({ [bundle]: lazy.entry }, [loadLazyAtRunTime, shareWithHost(lazy)])),
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

/** Every file bundled into two of the extension's Node bundles: there must be none (a second copy of a class breaks instanceof). */
function bundledTwice(results) {
  const inputs = (result) => new Set(Object.values(result.metafile.outputs).flatMap((output) => Object.keys(output.inputs)));
  const seen = new Map();
  const twice = [];
  for (const result of results) {
    for (const file of inputs(result)) {
      if (file.startsWith(`${SHARED}:`)) continue; // a stand-in for a shared module, not a copy of it
      if (seen.has(file)) twice.push(`${file} (in ${seen.get(file)} and ${Object.keys(result.metafile.outputs)[0]})`);
      else seen.set(file, Object.keys(result.metafile.outputs)[0]);
    }
  }
  return twice;
}

const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
if (watch) {
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  const results = await Promise.all(contexts.map((ctx) => ctx.rebuild()));
  await Promise.all(contexts.map((ctx) => ctx.dispose()));
  const twice = bundledTwice(results.slice(0, 1 + Object.keys(LAZY).length));
  if (twice.length) {
    console.error(`esbuild: these modules are bundled twice; add the module the lazy bundle imports them through to its seam's shared modules (sharedWithWorkbench in src/lazyWorkbench.ts, sharedWithBulk in src/commands/lazyBulk.ts):\n  ${twice.join('\n  ')}`);
    process.exit(1);
  }
}
