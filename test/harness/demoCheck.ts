// `npm run demo -- --check`: what demo.ts checks once the sandbox and code-server are up, and
// after it has stopped them. Run from `npm test` (scripts/e2e/run.sh), so CI proves that the
// README's first command comes up and shuts down cleanly.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { EXTENSION_ID, workbenchUrl, type CodeServer } from './codeServer';
import { REPO_ROOT, resolveTools } from './tools';

export interface DemoSandbox { url: string; email: string; token: string }

/** One finding: what was checked and, when it failed, why. */
export interface Finding { what: string; problem?: string }

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(url, { headers, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

async function finding(what: string, check: () => Promise<string | undefined>): Promise<Finding> {
  try {
    return { what, problem: await check() };
  } catch (error) {
    return { what, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The running demo: the sandbox's API, code-server's health, the installed VSIX, the workbench page. */
export async function checkRunning(sandbox: DemoSandbox, server: CodeServer): Promise<Finding[]> {
  const version = (JSON.parse(fs.readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as { version: string }).version;
  return Promise.all([
    finding(`the sandbox API answers (${sandbox.url}/api/v2/users/me.json with the demo's API token)`, async () => {
      const auth = `Basic ${Buffer.from(`${sandbox.email}/token:${sandbox.token}`).toString('base64')}`;
      const me = await get(`${sandbox.url}/api/v2/users/me.json`, { Authorization: auth });
      if (me.status !== 200) return `status ${me.status}: ${me.body.slice(0, 200)}`;
      const email = (JSON.parse(me.body) as { user?: { email?: string } }).user?.email;
      return email === sandbox.email ? undefined : `signed in as ${email}, expected ${sandbox.email}`;
    }),
    finding(`code-server is healthy (${server.url}/healthz)`, async () => {
      const health = await get(`${server.url}/healthz`);
      if (health.status !== 200) return `status ${health.status}`;
      const status = (JSON.parse(health.body) as { status?: string }).status;
      return status === 'alive' || status === 'expired' ? undefined : `status "${status}"`;
    }),
    finding(`the extension ${EXTENSION_ID}@${version} is installed in that code-server`, async () => {
      const tools = resolveTools();
      const listed = spawnSync(tools.node, [tools.codeServer, '--list-extensions', '--show-versions',
        '--user-data-dir', server.userDataDir, '--extensions-dir', server.extensionsDir], { encoding: 'utf8', timeout: 60_000 });
      const lines = `${listed.stdout ?? ''}`.split('\n').map((line) => line.trim());
      return lines.includes(`${EXTENSION_ID}@${version}`) ? undefined
        : `code-server --list-extensions (status ${listed.status}) lists: ${lines.filter(Boolean).join(', ') || 'nothing'} ${listed.stderr ?? ''}`.trim();
    }),
    finding(`the workbench page loads (${server.url}/?folder=…)`, async () => {
      const page = await get(workbenchUrl(server.url, server.workspace));
      if (page.status !== 200 || !page.type.startsWith('text/html')) return `status ${page.status}, ${page.type}`;
      return page.body.includes('vscode-workbench-web-configuration') ? undefined : 'the page has no workbench configuration';
    }),
  ]);
}

function portFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

interface Proc { pid: number; ppid: number; pgid: number; command: string }

/** Every process on this machine (Linux /proc), with its parent and process group. */
function processes(): Proc[] {
  const found: Proc[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp …: comm may hold spaces and parentheses, so split after the last ')'.
      const [, ppid, pgid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      found.push({ pid: Number(entry), ppid: Number(ppid), pgid: Number(pgid), command });
    } catch {
      // it ended while we looked
    }
  }
  return found;
}

/** After stopping: both ports free again, no descendant of this process, nothing left in code-server's group. */
export async function checkStopped(ports: Array<{ port: number; host: string; what: string }>, codeServerPgid: number | undefined): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const { port, host, what } of ports) {
    findings.push({ what: `${what}'s port ${host}:${port} is free again`, problem: await portFree(port, host) ? undefined : 'still in use' });
  }
  const all = processes();
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const proc of all) {
      if (!ours.has(proc.pid) && ours.has(proc.ppid)) {
        ours.add(proc.pid);
        grew = true;
      }
    }
  }
  const left = all.filter((proc) => proc.pid !== process.pid && (ours.has(proc.pid) || proc.pgid === codeServerPgid));
  findings.push({
    what: 'no process the demo started is left (children of this process, code-server\'s process group)',
    problem: left.length ? left.map((proc) => `pid ${proc.pid}: ${proc.command.slice(0, 120)}`).join('; ') : undefined,
  });
  return findings;
}

/** Prints each finding; true when none has a problem. */
export function report(findings: Finding[]): boolean {
  for (const { what, problem } of findings) console.log(problem ? `  FAIL ${what}: ${problem}` : `  ok   ${what}`);
  return findings.every((item) => !item.problem);
}
