// `npm run demo` (via scripts/e2e/demo.sh, which builds, packages and installs the tools first):
// the Zendesk sandbox CLI on 127.0.0.2:8787 with demo data, and code-server on 127.0.0.1:8080
// with the freshly built VSIX installed and a demo folder whose README.md tells a newcomer how
// to sign in. Ctrl+C stops both.
// --check (`npm run demo -- --check`, run by `npm test`): brings both up the same way (on free
// ports unless DEMO_PORT / DEMO_SANDBOX_PORT are set), checks them (demoCheck.ts), stops them,
// checks that the ports are free and no process is left, and exits 0 or 1.
//   node out/test/harness/demo.js [--vsix FILE] [--check]   (env: DEMO_PORT, DEMO_SANDBOX_PORT, DEMO_SANDBOX_ARGS)
import { spawn } from 'node:child_process';
import * as net from 'node:net';
import * as path from 'node:path';
import { freePort, startCodeServer, type CodeServer } from './codeServer';
import { REPO_ROOT, stateDirFor } from './tools';
import { checkRunning, checkStopped, report } from './demoCheck';

const CHECK = process.argv.includes('--check');
const SANDBOX_HOST = '127.0.0.2';
const SANDBOX_ARGS = (process.env.DEMO_SANDBOX_ARGS || '--orgs 60 --users 400 --big-org-members 250 --job-ms-per-item 40 --latency-ms 40 --latency-jitter-ms 20').split(/\s+/).filter(Boolean);

function readme(sandboxUrl: string, email: string, token: string): string {
  return `# Zendesk Organization Memberships — demo

A local Zendesk sandbox is running at ${sandboxUrl} with made-up organizations and users.
Sign in to it:

1. Click the **Zendesk** icon in the activity bar on the left, then **Sign In**.
2. Enter the address \`${sandboxUrl}\` and choose **OAuth (recommended)**.
3. Enter the client identifier \`zendesk-memberships-vscode\` and leave the secret empty (a public
   client, with PKCE).
4. code-server asks "Do you want code-server to open the external website?" for the sandbox's
   consent page: click **Open**. The page opens in a new browser tab: click **Allow** there.
5. That tab then says "You can close this page now": close it and come back to this tab.

Or choose **API token (legacy)** and enter the email \`${email}\` and the token \`${token}\`.

Then expand an organization to see its members (the first one has 250), right-click a row for
its actions, or press F1 and type \`Zendesk\` for every command. Nothing here reaches a real Zendesk.
`;
}

interface SandboxInfo { url: string; email: string; token: string; stop(): Promise<void> }

/** Starts the sandbox CLI and reads its URL and admin credentials from what it prints. */
function startSandboxCli(port: number): Promise<SandboxInfo> {
  const cli = path.join(REPO_ROOT, 'sandbox', 'out', 'src', 'cli.js');
  // 127.0.0.2, not 127.0.0.1: VS Code for the web sends links to localhost through code-server's
  // port proxy, while a real Zendesk is opened directly; another loopback address behaves like it.
  const child = spawn(process.execPath, [cli, '--port', String(port), '--host', SANDBOX_HOST, ...SANDBOX_ARGS], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the sandbox did not start within 20 s:\n${out}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const admin = /admin: email=(\S+) token=(\S+)/.exec(out);
      if (url && admin) {
        clearTimeout(timer);
        resolve({ url, email: admin[1], token: admin[2], stop });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox exited (${code}) before it was ready:\n${out}`));
    });
  });
}

async function assertPortFree(port: number, variable: string, host = '127.0.0.1'): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE'
      ? new Error(`${host}:${port} is already in use (another demo still running?). Stop it, or set ${variable} to another port.`)
      : error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

async function main(): Promise<void> {
  const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : CHECK ? await freePort() : 8080;
  const sandboxPort = process.env.DEMO_SANDBOX_PORT ? Number(process.env.DEMO_SANDBOX_PORT) : CHECK ? await freePort(SANDBOX_HOST) : 8787;
  await assertPortFree(port, 'DEMO_PORT');
  await assertPortFree(sandboxPort, 'DEMO_SANDBOX_PORT', SANDBOX_HOST);
  const vsixArg = process.argv.indexOf('--vsix');
  const vsix = path.resolve(vsixArg > 0 ? process.argv[vsixArg + 1] : path.join(REPO_ROOT, 'zendesk-memberships.vsix'));

  let sandbox: SandboxInfo | undefined;
  let server: CodeServer | undefined;
  let stopping = false;
  const stopBoth = (): Promise<unknown> => Promise.allSettled([server?.stop(), sandbox?.stop()]);
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping code-server and the sandbox…`);
    await stopBoth();
    process.exit(CHECK ? (signal === 'SIGINT' ? 130 : 143) : 0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  try {
    sandbox = await startSandboxCli(sandboxPort);
    server = await startCodeServer({
      // A check must not wipe the state of a demo that is running.
      stateDir: stateDirFor(CHECK ? 'demo-check' : 'demo'),
      port,
      vsix,
      settings: { 'workbench.startupEditor': 'readme' },
      workspaceFiles: { 'README.md': readme(sandbox.url, sandbox.email, sandbox.token) },
      env: { ZDM_E2E: 'demo' },
    });
  } catch (error) {
    await stopBoth();
    throw error;
  }
  if (CHECK) {
    console.log(`demo check: the sandbox at ${sandbox.url} and code-server at ${server.url} (${server.label}) are up`);
    const running = report(await checkRunning(sandbox, server));
    const pgid = server.pid; // code-server leads its own process group
    await stopBoth(); // as Ctrl+C does
    const stopped = report(await checkStopped([
      { port, host: '127.0.0.1', what: 'code-server' },
      { port: sandboxPort, host: SANDBOX_HOST, what: 'the sandbox' },
    ], pgid));
    console.log(running && stopped ? 'demo check passed: `npm run demo` comes up and shuts down cleanly'
      : 'demo check FAILED (see FAIL above; logs: ' + path.relative(REPO_ROOT, server.logFile) + ')');
    process.exit(running && stopped ? 0 : 1);
  }
  console.log(`
  Zendesk Organization Memberships demo is running.

  Open        ${server.url}/   (${server.label} in the browser, extension installed, README opens first)
  Sign in     Zendesk icon → Sign In → address ${sandbox.url} → OAuth (recommended)
              client id zendesk-memberships-vscode, no secret → Allow in the page that opens
              (or API token (legacy): email ${sandbox.email}, token ${sandbox.token})
  Sandbox     ${sandbox.url}   (controls: ${sandbox.url}/__sandbox/state, /__sandbox/faults …)
  Logs        ${path.relative(REPO_ROOT, server.logFile)}

  Ctrl+C stops both.
`);
  await new Promise<never>(() => undefined); // until a signal
}

main().catch((error: unknown) => {
  console.error(`${CHECK ? 'demo check FAILED' : 'demo'}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
