// UI tests of the packaged extension: installs the VSIX into a fresh code-server, starts the
// Zendesk sandbox in-process, and runs every spec module out/test/ui/*.ui.js in headless Chromium,
// each in a fresh browser context (so fresh SecretStorage) against the same server.
//   node out/test/harness/runUi.js [--vsix FILE] [--smoke-driver] [SPEC_NAME_FILTER…]   (env: E2E_VSCODE=newest|oldest)
// Without --vsix it runs `npm run package` first. Screenshots go to test-results/screenshots/
// (test-results/screenshots-oldest/ for the oldest VS Code).
// A spec module exports `name: string` and `run(ctx: UiContext): Promise<void>` (test/ui/workbench.ts).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startSandbox, type Sandbox } from 'zendesk-sandbox';
import type { UiContext, UiSpec } from '../ui/workbench';
import { waitForWorkbench } from '../ui/workbench';
import { launchChromium } from './chromium';
import { onInterrupt, startCodeServer, workbenchUrl, writeResult, type CodeServer } from './codeServer';
import { REPO_ROOT, stateDirFor, vscodeTarget } from './tools';

const UI_DIR = path.join(REPO_ROOT, 'out', 'test', 'ui');
// The oldest VS Code's screenshots go beside the newest's, not over them.
const SCREENSHOTS = path.join(REPO_ROOT, 'test-results', vscodeTarget() === 'newest' ? 'screenshots' : `screenshots-${vscodeTarget()}`);
const DEFAULT_VSIX = path.join(REPO_ROOT, 'zendesk-memberships.vsix');
const SPEC_TIMEOUT_MS = Number(process.env.E2E_SPEC_TIMEOUT_MS || 120_000);

interface Args { vsix?: string; smokeDriver: boolean; filters: string[] }

function parseArgs(argv: string[]): Args {
  const args: Args = { smokeDriver: false, filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--vsix') args.vsix = argv[++i];
    else if (arg === '--smoke-driver') args.smokeDriver = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}; usage: runUi.js [--vsix FILE] [--smoke-driver] [FILTER…]`);
    else args.filters.push(arg);
  }
  return args;
}

function packageVsix(): string {
  console.log('ui: npm run package');
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run package failed (status ${result.status})`);
  return DEFAULT_VSIX;
}

function loadSpecs(filters: string[]): Array<{ file: string; spec: UiSpec }> {
  if (!fs.existsSync(UI_DIR)) throw new Error(`${path.relative(REPO_ROOT, UI_DIR)} is missing: run \`npm run compile\` first`);
  const files = fs.readdirSync(UI_DIR).filter((f) => f.endsWith('.ui.js')).sort()
    .filter((f) => filters.length === 0 || filters.some((filter) => f.includes(filter)));
  return files.map((f) => {
    const file = path.join(UI_DIR, f);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const spec = require(file) as Partial<UiSpec>;
    if (typeof spec.name !== 'string' || typeof spec.run !== 'function') {
      throw new Error(`${f} must export \`name: string\` and \`run(ctx): Promise<void>\``);
    }
    return { file: f, spec: spec as UiSpec };
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const specs = loadSpecs(args.filters);
  if (specs.length === 0) throw new Error(`no spec matched in ${path.relative(REPO_ROOT, UI_DIR)}/*.ui.js`);
  const vsix = path.resolve(args.vsix ?? packageVsix());
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  const t0 = Date.now();
  let sandbox: Sandbox | undefined;
  let server: CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  const cleanup = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await sandbox?.close();
  };
  const removeInterrupt = onInterrupt(cleanup);
  let passed = 0;
  let failed = 0;
  // A spec that fails can leave a promise behind (a waitForEvent on its page) that rejects when its
  // context closes: reported with that spec, it must not end the run and lose the other specs.
  const strays: string[] = [];
  const onStray = (reason: unknown): void => { strays.push((reason instanceof Error ? reason.message : String(reason)).split('\n')[0].slice(0, 300)); };
  process.on('unhandledRejection', onStray);
  try {
    // Unfamiliar answers, as in every other suite: varied wording of failures, shuffled job results.
    sandbox = await startSandbox({ port: 0, host: '127.0.0.2', orgs: 30, users: 300, bigOrgMembers: 250, jobMsPerItem: 10, wording: 'varied', jobResultOrder: 'shuffled' });
    const admin = sandbox.credentials.admin;
    server = await startCodeServer({
      stateDir: stateDirFor('ui'),
      vsix,
      smokeTestDriver: args.smokeDriver,
      env: { ZDM_E2E: 'ui' },
    });
    console.log(`ui on ${server.label}: sandbox ${sandbox.url}, code-server ${server.url} (pid ${server.pid}) with ${path.relative(REPO_ROOT, vsix)}, up after ${Date.now() - t0} ms`);
    browser = await launchChromium();

    for (const { file, spec } of specs) {
      const stem = file.replace(/\.ui\.js$/, '');
      for (const old of fs.readdirSync(SCREENSHOTS)) if (old.startsWith(`${stem}-`)) fs.rmSync(path.join(SCREENSHOTS, old));
      const started = Date.now();
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(String(error).slice(0, 300)));
      const ctx: UiContext = {
        page,
        baseUrl: server.url,
        codeServerPid: server.pid,
        vscodeVersion: server.vscodeVersion,
        workspace: server.workspace,
        sandbox: { url: sandbox.url, email: admin.email, token: admin.token, issuedTokens: () => sandbox?.oauth.issuedTokens ?? [], store: sandbox.store },
        screenshot: async (name) => {
          await page.screenshot({ path: path.join(SCREENSHOTS, `${stem}-${name.replace(/[^\w.-]+/g, '_')}.png`) });
        },
      };
      strays.length = 0;
      let ok = false;
      try {
        await withTimeout((async () => {
          await page.goto(workbenchUrl(server.url, server.workspace), { waitUntil: 'domcontentloaded' });
          await waitForWorkbench(page);
          await spec.run(ctx);
        })(), spec.timeoutMs ?? SPEC_TIMEOUT_MS, `spec '${spec.name}'`);
        ok = true;
      } catch (error) {
        console.log(`  ✗ ${spec.name} (${file}, ${Date.now() - started} ms)\n    ${error instanceof Error ? (error.stack ?? error.message).split('\n').join('\n    ') : String(error)}`);
        if (pageErrors.length) console.log(`    page errors:\n      ${pageErrors.join('\n      ')}`);
        await ctx.screenshot('failure').catch(() => undefined);
        console.log(`    screenshot: ${path.relative(REPO_ROOT, path.join(SCREENSHOTS, `${stem}-failure.png`))}; code-server log: ${path.relative(REPO_ROOT, server.logFile)}`);
      } finally {
        await context.close().catch(() => undefined);
      }
      // Let rejections of promises the spec left behind reach the handler before judging it.
      await new Promise((resolve) => setImmediate(resolve));
      if (strays.length) {
        console.log(`${ok ? `  ✗ ${spec.name} (${file}): it passed, but` : '   '} left promises behind that rejected:\n      ${strays.join('\n      ')}`);
        ok = false;
      }
      if (ok) {
        passed++;
        console.log(`  ✓ ${spec.name} (${file}, ${Date.now() - started} ms)`);
      } else {
        failed++;
      }
    }
  } finally {
    process.off('unhandledRejection', onStray);
    await cleanup();
    removeInterrupt();
  }
  writeResult('ui', passed, failed);
  console.log(`ui: ${passed} passed, ${failed} failed on ${server?.label ?? vscodeTarget()} (${Date.now() - t0} ms)`);
  return failed === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  writeResult('ui', 0, 1);
  console.error(`ui: FAILED to run: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  process.exitCode = 3;
});
