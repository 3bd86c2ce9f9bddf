// The extension's own share of activation, in a fresh Node process: require() of dist/extension.js
// and the activate() call, with a stand-in for `vscode` whose registrations do nothing (the extension
// host's own work for them is not ours). Prints {requireCpuMs, activateCpuMs, requireWallMs,
// activateWallMs} as JSON. CPU time (process.cpuUsage) is what the extension needs of a core; wall
// time adds the waits for one on a loaded machine. The Node built-ins are loaded first, as they are
// in the extension host. Run by activation.ts: node out/bench/activationChild.js <dist folder>.
import Module from 'node:module';
import * as path from 'node:path';

const BUILT_INS = ['http', 'https', 'stream', 'zlib', 'url', 'crypto', 'fs', 'os', 'path', 'events', 'util', 'worker_threads', 'net', 'tls', 'buffer'];

function standIn(): object {
  const disposable = { dispose: () => undefined };
  class EventEmitter {
    readonly event = () => disposable;
    fire(): void { /* nothing listens */ }
    dispose(): void { /* nothing to free */ }
  }
  return {
    l10n: { t: (message: string) => message, bundle: undefined },
    ExtensionMode: { Production: 1, Development: 2, Test: 3 },
    EventEmitter,
    window: { createTreeView: () => ({ ...disposable }), registerUriHandler: () => disposable, registerWebviewPanelSerializer: () => disposable },
    commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
    authentication: { registerAuthenticationProvider: () => disposable },
    workspace: { registerTextDocumentContentProvider: () => disposable },
  };
}

function memento() {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string, fallback: T): T => (values.has(key) ? values.get(key) as T : fallback), update: async (key: string, value: unknown) => { values.set(key, value); } };
}

function main(): void {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  BUILT_INS.forEach((name) => require(name));
  const standInFile = path.join(dist, 'vscode-stand-in.js');
  const module = new Module(standInFile);
  module.loaded = true;
  module.exports = standIn();
  require.cache[standInFile] = module;
  const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? standInFile : original.call(this, request, ...rest);
  };
  const context = {
    extensionMode: 1, subscriptions: [], globalState: memento(), workspaceState: memento(),
    secrets: { onDidChange: () => ({ dispose: () => undefined }), get: async () => undefined },
  };
  const cpu = (since: NodeJS.CpuUsage): number => { const used = process.cpuUsage(since); return (used.user + used.system) / 1000; };
  const wall = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;
  let cpuStart = process.cpuUsage();
  let wallStart = process.hrtime.bigint();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require(path.join(dist, 'extension.js')) as { activate(context: unknown): unknown };
  const requireCpuMs = cpu(cpuStart);
  const requireWallMs = wall(wallStart);
  cpuStart = process.cpuUsage();
  wallStart = process.hrtime.bigint();
  extension.activate(context);
  const activateCpuMs = cpu(cpuStart);
  const activateWallMs = wall(wallStart);
  if (Object.keys(require.cache).some((file) => path.dirname(file) === dist && file !== standInFile && !file.endsWith(`${path.sep}extension.js`))) {
    throw new Error('activation loaded another bundle of dist/');
  }
  console.log(JSON.stringify({ requireCpuMs, activateCpuMs, requireWallMs, activateWallMs }));
}

main();
