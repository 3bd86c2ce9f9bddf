// code-server (VS Code's real web workbench and Node extension host) and headless Chromium for the
// integration tests, the UI tests and the demo. VS Code desktop cannot be downloaded here, so
// this is what stands in for @vscode/test-electron. Which code-server and Node: tools.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { resolveTools, stateRoot, vscodeTarget, type E2eTools, type VsCodeTarget } from './tools';

export const EXTENSION_ID = 'zendesk-memberships.zendesk-memberships';

/** User settings for a quiet, deterministic workbench. */
export const DEFAULT_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'window.restoreWindows': 'none',
  // No "port forwarded" notifications when a test or the extension opens a server.
  'remote.autoForwardPorts': false,
  // The (empty) chat side bar would take a third of the window.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Sticky ancestor rows cover the first visible row, which then cannot be clicked.
  'workbench.tree.enableStickyScroll': false,
};

export interface CodeServerOptions {
  /** Which VS Code; default: $E2E_VSCODE (newest). */
  target?: VsCodeTarget;
  /** This instance's folder: user data, extensions, workspace, XDG dirs and log. Emptied first. */
  stateDir: string;
  /** Port on 127.0.0.1; default: a free one. */
  port?: number;
  /** A .vsix to install (`--install-extension`) before the server starts. */
  vsix?: string;
  /** More .vsix files to install beside it (the benchmark's activation control). */
  alsoInstall?: string[];
  /**
   * `--vscode-option enable-smoke-test-driver`: VS Code 1.139 reads the extension-test `payload`
   * only with it; it hides notification toasts. Ignored on the oldest VS Code: code-server 4.96
   * has no --vscode-option, and VS Code 1.96 reads the payload without the driver.
   */
  smokeTestDriver?: boolean;
  /** Extra environment for code-server and so for its extension hosts. */
  env?: Record<string, string | undefined>;
  /** NODE_OPTIONS for code-server and its extension hosts (otherwise none). */
  nodeOptions?: string;
  /** Merged over DEFAULT_SETTINGS into the user settings.json. */
  settings?: Record<string, unknown>;
  /** Files to write into the workspace folder (relative path -> content). */
  workspaceFiles?: Record<string, string>;
  /** How long to wait for /healthz (default 60 s). */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** What runs, e.g. "VS Code 1.96.4 (code-server 4.96.4)". */
  label: string;
  /** e.g. "1.96.4". */
  vscodeVersion: string;
  /** e.g. http://127.0.0.1:38511 (no trailing slash). */
  url: string;
  port: number;
  pid: number;
  /** The folder the workbench opens (`workbenchUrl(url, workspace)`). */
  workspace: string;
  userDataDir: string;
  extensionsDir: string;
  logFile: string;
  /** Stops the process group this call started (by PID), waiting up to 5 s before SIGKILL. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  // Last resort if a runner dies without calling stop(): never leave a server behind.
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the group that `detached: true` made, led by our child
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

export async function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Installs a VSIX into an extensions dir with code-server's CLI. */
export function installVsix(tools: E2eTools, vsix: string, userDataDir: string, extensionsDir: string, env: NodeJS.ProcessEnv): void {
  if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix}`);
  const result = spawnSync(tools.node, [
    tools.codeServer, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--install-extension', path.resolve(vsix), '--force',
  ], { env, encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (status ${result.status}):\n${output.trim()}`);
  }
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const tools = resolveTools(options.target);
  const stateDir = path.resolve(options.stateDir);
  fs.rmSync(stateDir, { recursive: true, force: true });
  const userDataDir = path.join(stateDir, 'user-data');
  const extensionsDir = path.join(stateDir, 'extensions');
  const workspace = path.join(stateDir, 'workspace');
  const logFile = path.join(stateDir, 'code-server.log');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, workspace]) fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'),
    `${JSON.stringify({ ...DEFAULT_SETTINGS, ...options.settings }, null, 2)}\n`);
  for (const [name, content] of Object.entries(options.workspaceFiles ?? {})) {
    const file = path.join(workspace, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }

  const xdg = path.join(stateDir, 'xdg');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    // Requests to the sandbox on loopback must never go through a proxy.
    NO_PROXY: [process.env.NO_PROXY, '127.0.0.1,localhost'].filter(Boolean).join(','),
    no_proxy: [process.env.no_proxy, '127.0.0.1,localhost'].filter(Boolean).join(','),
    ...options.env,
  };
  // code-server must run on its own Node (24, or 20 for the oldest), whatever node runs this file.
  env.PATH = `${path.dirname(tools.node)}${path.delimiter}${env.PATH ?? ''}`;
  delete env.NODE_OPTIONS;
  if (options.nodeOptions) env.NODE_OPTIONS = options.nodeOptions;
  delete env.ELECTRON_RUN_AS_NODE;
  // Nor what `npm test` / `npm run demo` put in for their scripts (npm_config_user_agent names the
  // outer Node 20; see e2e_clean_npm_env in scripts/e2e/env.sh): the workbench's terminals and
  // extension hosts get the user's environment.
  for (const name of Object.keys(env)) {
    if (name.startsWith('npm_') || name === 'INIT_CWD' || name === 'NODE') delete env[name];
  }

  for (const vsix of [options.vsix, ...options.alsoInstall ?? []]) {
    if (vsix) installVsix(tools, vsix, userDataDir, extensionsDir, env);
  }

  const port = options.port ?? await freePort();
  const args = [
    tools.codeServer,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...(options.smokeTestDriver && tools.target === 'newest' ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    workspace,
  ];
  const log = fs.openSync(logFile, 'a');
  const child = spawn(tools.node, args, { env, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    running.delete(child);
    resolve();
  }));
  child.once('error', () => undefined); // reported through the exit below

  const stop = async (): Promise<void> => {
    const pgid = child.pid;
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    // Its extension hosts and file watcher got the SIGTERM too; wait until the group is gone.
    if (pgid === undefined) return;
    const groupAlive = (): boolean => {
      try {
        process.kill(-pgid, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (let waited = 0; groupAlive() && waited < 3000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    if (groupAlive()) {
      try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
    }
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before answering /healthz:\n${tail(logFile)}`);
    }
    if (await httpOk(`${url}/healthz`)) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within ${options.startTimeoutMs ?? 60_000} ms:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (child.pid === undefined) throw new Error('code-server has no pid');
  return { label: tools.label, vscodeVersion: tools.vscodeVersion, url, port, pid: child.pid, workspace, userDataDir, extensionsDir, logFile, stop };
}

/** The workbench URL for a folder, optionally with an extension-test `payload`. */
export function workbenchUrl(baseUrl: string, folder: string, payload?: Array<[string, string]>): string {
  let url = `${baseUrl}/?folder=${encodeURIComponent(folder)}`;
  if (payload) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/** A path on the code-server machine as the workbench names it (for `payload`). */
export function remoteUri(baseUrl: string, absolutePath: string): string {
  return `vscode-remote://${new URL(baseUrl).host}${absolutePath}`;
}

/**
 * Records a phase's counts on the target VS Code in <E2E_STATE>/results/<phase>-<target>.json,
 * where scripts/e2e/run.sh reports them per VS Code and adds them up.
 */
export function writeResult(phase: string, passed: number, failed: number, target: VsCodeTarget = vscodeTarget()): void {
  const dir = path.join(stateRoot(), 'results');
  fs.mkdirSync(dir, { recursive: true });
  let vscode = target as string;
  try {
    vscode = resolveTools(target).label;
  } catch { /* not installed: the phase failed on that already */ }
  fs.writeFileSync(path.join(dir, `${phase}-${target}.json`), `${JSON.stringify({ phase, vscode, passed, failed })}\n`);
}

/**
 * Runs `cleanup` on SIGINT/SIGTERM (then exits 130/143) so a Ctrl+C never leaves code-server or
 * Chromium running. Returns a function that removes the handlers.
 */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  const handler = (signal: NodeJS.Signals): void => {
    console.error(`\n${signal}: stopping what this run started…`);
    const code = signal === 'SIGINT' ? 130 : 143;
    const force = setTimeout(() => process.exit(code), 10_000);
    cleanup().finally(() => {
      clearTimeout(force);
      process.exit(code);
    });
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
