// Runs test/integration inside VS Code's real Node extension host: starts code-server with the
// smoke-test driver, opens the workbench with the extension-development `payload` (this repo, as
// @vscode/test-electron would), relays the extension host's console to stdout and exits with the
// tests' result. Needs `npm run build` (dist/extension.js) and `npm run compile` (out/).
//   node out/test/harness/runIntegration.js   (env: E2E_VSCODE=newest|oldest, E2E_TOOLS, E2E_TIMEOUT_MS, E2E_GREP, E2E_VERBOSE)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import type { ConsoleMessage } from 'playwright-core';
import { launchChromium } from './chromium';
import { onInterrupt, remoteUri, startCodeServer, workbenchUrl, writeResult, type CodeServer } from './codeServer';
import { REPO_ROOT, stateDirFor, vscodeTarget } from './tools';

const TESTS_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 300_000);

/** Workbench chatter that says nothing about the tests (E2E_VERBOSE=1 shows it anyway). */
const NOISE = [
  /Failed to load resource/, /vsda/, /open-vsx\.org/, /Service ?Worker/i, /builtin extensions cache/,
  /Creating a socket/, /connection token/i, /grace.?time/i, /ChatModelSelection|AgentHost|AccountPolicyGate/,
  /\[iframe\]|iframe/, /telemetry/i, /Timed out waiting for authentication provider/, /Extension Host\] \[.*\] (?:Started|Exited)/,
];

/**
 * In extension-test mode VS Code routes the extension host's console to the workbench log, which
 * prints in the browser as ("%c LEVEL", css, message, ...args). Returns the message, or undefined
 * for lines that do not come from there.
 */
async function consoleText(message: ConsoleMessage): Promise<string> {
  let values: unknown[];
  try {
    values = await Promise.all(message.args().map((arg) => arg.jsonValue()));
  } catch {
    return message.text();
  }
  if (values.length === 0) return message.text();
  const [first, ...rest] = values;
  if (typeof first === 'string' && first.includes('%c')) {
    // Drop the CSS argument(s) that belong to the %c directives.
    const cssCount = (first.match(/%c/g) ?? []).length;
    return `${first.replace(/%c/g, '').trim()} ${format(...rest.slice(cssCount))}`.trim();
  }
  return format(...values);
}

async function main(): Promise<number> {
  for (const [file, fix] of [[path.join(REPO_ROOT, 'dist', 'extension.js'), 'npm run build'], [TESTS_ENTRY, 'npm run compile']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`${fix}\` first`);
  }
  const t0 = Date.now();
  let server: CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const cleanup = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  const removeInterrupt = onInterrupt(cleanup);
  try {
    server = await startCodeServer({
      stateDir: stateDirFor('integration'),
      smokeTestDriver: true,
      env: { ZDM_E2E: 'integration' },
      // Mocha 12 (which runs these tests in the extension host) is ES modules loaded by require(),
      // which Node does by default from 20.19 (engines.node). VS Code 1.96's extension host runs
      // Node 20.18, where the same needs this flag (whose warning each worker thread would print).
      // The extension itself needs none of it: its bundle requires only 'vscode' and Node's own
      // modules, and the UI tests run the installed VSIX on 1.96 without the flag.
      ...(vscodeTarget() === 'oldest' ? { nodeOptions: '--experimental-require-module --disable-warning=ExperimentalWarning' } : {}),
    });
    console.log(`${server.label}: code-server ${server.url} (pid ${server.pid}, log ${path.relative(REPO_ROOT, server.logFile)}) up after ${Date.now() - t0} ms`);
    browser = await launchChromium();
    const page = await browser.newPage();

    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => { finish = resolve; });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(Number(code)));

    const verbose = Boolean(process.env.E2E_VERBOSE);
    let counts: { passed: number; failed: number } | undefined;
    // Console lines are formatted asynchronously: chain them so they print in order.
    let printing = Promise.resolve();
    page.on('console', (message) => {
      printing = printing.then(async () => {
        const text = await consoleText(message);
        const summary = /integration: (\d+) passed, (\d+) failed/.exec(text);
        if (summary) counts = { passed: Number(summary[1]), failed: Number(summary[2]) };
        if (verbose || !NOISE.some((re) => re.test(text))) console.log(text.replace(/\s+$/, ''));
      });
    });
    page.on('pageerror', (error) => console.log(`[pageerror] ${String(error).slice(0, 500)}`));

    const url = workbenchUrl(server.url, server.workspace, [
      ['extensionDevelopmentPath', remoteUri(server.url, REPO_ROOT)],
      ['extensionTestsPath', remoteUri(server.url, TESTS_ENTRY)],
    ]);
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), TIMEOUT_MS); });
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    await printing;
    if (result === 'timeout') {
      writeResult('integration', counts?.passed ?? 0, Math.max(counts?.failed ?? 0, 1));
      console.error(`integration: timed out after ${TIMEOUT_MS} ms: the extension host never reported the end of the test run `
        + `(codeAutomationExit). See ${server.logFile} and the lines above; E2E_TIMEOUT_MS raises the limit.`);
      return 2;
    }
    // No summary line means mocha never ran (e.g. a test file failed to load): count that as a failure.
    writeResult('integration', counts?.passed ?? 0, counts ? counts.failed : Number(result !== 0));
    console.log(`integration: extension host exited with ${result} after ${Date.now() - t0} ms`);
    return result === 0 ? 0 : 1;
  } finally {
    await cleanup();
    removeInterrupt();
  }
}

main().then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  writeResult('integration', 0, 1);
  console.error(`integration: FAILED to run: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 3;
});
