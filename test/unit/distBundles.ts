// Loads the production bundles of dist/ in plain Node, with a stand-in for `vscode` holding only
// what the code under test touches. Each load starts from fresh copies of the bundles.
import Module from 'node:module';
import * as path from 'node:path';

export const DIST = path.resolve(__dirname, '../../../dist');
const STAND_IN = path.join(DIST, 'vscode-stand-in.js');

/** Whether `file` (e.g. `workbench.js`) of dist/ has been required since the last `forgetBundles()`. */
export function bundleLoaded(file: string): boolean {
  return Object.keys(require.cache).some((name) => name === path.join(DIST, file));
}

/** Forgets every loaded bundle of dist/, so the next require() evaluates it afresh. */
export function forgetBundles(): void {
  for (const name of Object.keys(require.cache).filter((file) => path.dirname(file) === DIST)) {
    delete require.cache[name];
  }
}

/** Requires dist/`file` with `vscode` resolved to `standIn` (while it is evaluated). */
export function loadBundle(file: string, standIn: object = { l10n: { t: (message: string | { message: string }) => typeof message === 'string' ? message : message.message } }): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return withStandIn(standIn, () => require(path.join(DIST, file)) as Record<string, unknown>);
}

/** Runs `work` with `vscode` resolved to `standIn`: bundles `work` requires see it. */
export function withStandIn<T>(standIn: object, work: () => T): T {
  const module = new Module(STAND_IN);
  module.loaded = true;
  module.exports = standIn;
  require.cache[STAND_IN] = module;
  const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? STAND_IN : original.call(this, request, ...rest);
  };
  try {
    return work();
  } finally {
    resolver._resolveFilename = original;
  }
}
