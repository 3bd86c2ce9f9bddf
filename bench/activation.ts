// activation: how long the extension takes to activate in code-server's real extension host, and
// how many requests it sends while doing so, in `windows` fresh workbench windows (median).
//
// The VSIX is installed into a fresh code-server; one setup window signs in to a sandbox (in its
// own process) with an API token, then shows the Explorer, so later windows restore a signed-in
// account with the Zendesk view closed. Each fresh window then loads the workbench, where the
// extension activates on onStartupFinished; the time read is VS Code's own, from Developer: Show
// Running Extensions ("Activation: N ms" = codeLoadingTime + activateCallTime: preparing the
// extension's localized strings, require() of dist/extension.js, and the synchronous activate()
// call; VS Code's reading of globalState/secrets runs beside it and is not counted). Network
// requests: what the sandbox received from the window's first load until 3 s after activation.
//
// VS Code starts the code loading of every extension activated on onStartupFinished in one task and
// requires them one after another, so each figure also holds the loading of the extensions before
// it. A control extension with no code of its own (bench/activationControl/) is activated in the
// same windows: its figure is what VS Code adds to any extension's, and ours minus it is our share.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/harness/chromium';
import { EXTENSION_ID, startCodeServer, workbenchUrl } from '../test/harness/codeServer';
import { REPO_ROOT, stateRoot } from '../test/harness/tools';
import { signInWithApiToken } from '../test/ui/bulk';
import { activityBarItem, openViewContainer, poll, runCommand, waitForWorkbench, type UiContext } from '../test/ui/workbench';
import type { BenchConfig } from './config';
import type { Activation, OwnShare } from './results';
import { startSandboxProcess, type SandboxProcess } from './sandboxProcess';
import { median } from './stats';

const VSIX = path.join(REPO_ROOT, 'zendesk-memberships.vsix');
const CONTROL_DIR = path.join(REPO_ROOT, 'bench', 'activationControl');
const CONTROL_ID = 'activation-control';
const SETTLE_MS = 3_000;

export const ACTIVATION_COVERS = 'VS Code\'s "Activation" time from Show Running Extensions (codeLoadingTime + activateCallTime: localized strings, '
  + 'require() of dist/extension.js, the synchronous activate() call), on onStartupFinished in a fresh code-server window, signed in, Zendesk view closed';

/** An extension's row in the Running Extensions editor (open): "Activation: 12ms" → 12. */
async function activationTime(page: Page, name: string): Promise<number> {
  const row = page.locator(`.runtime-extensions-editor .monaco-list-row[aria-label="${name}"]`);
  return poll(async () => {
    const text = await row.locator('.activation-time').textContent({ timeout: 1_000 }).catch(() => null);
    const ms = /Activation:\s*(\d+)\s*ms/.exec(text ?? '')?.[1];
    return ms === undefined ? undefined : Number(ms);
  }, `${name}'s activation time in Running Extensions`, 60_000);
}

/** The control extension packaged into the bench's state folder. */
function packageControl(): string {
  const vsix = path.join(stateRoot(), 'activation-control.vsix');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', vsix], { cwd: CONTROL_DIR, stdio: 'pipe' });
  return vsix;
}

async function signInOnce(page: Page, serverUrl: string, workspace: string, sandbox: SandboxProcess): Promise<void> {
  await page.goto(workbenchUrl(serverUrl, workspace), { waitUntil: 'domcontentloaded' });
  await waitForWorkbench(page);
  const ctx = {
    page, baseUrl: serverUrl, workspace, screenshot: async () => undefined,
    sandbox: { url: sandbox.url, email: sandbox.email, token: sandbox.token, issuedTokens: () => [] },
  } as unknown as UiContext;
  await signInWithApiToken(ctx);
  await openViewContainer(page, 'Explorer');
  await poll(async () => ((await activityBarItem(page, 'Zendesk').getAttribute('aria-selected')) !== 'true' ? true : undefined), 'the Zendesk view to close');
}

export async function measureActivation(config: BenchConfig): Promise<Activation> {
  const sandbox = await startSandboxProcess(['--orgs', '20', '--users', '50', '--rate-limit', '0']);
  // The newest VS Code the harness runs (npm test also runs the oldest we claim; activation is measured on one).
  const server = await startCodeServer({ stateDir: path.join(stateRoot(), 'bench-activation'), vsix: VSIX, alsoInstall: [packageControl()], target: 'newest', env: { ZDM_E2E: 'bench' } });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const setup = await context.newPage();
    await signInOnce(setup, server.url, server.workspace, sandbox);
    await setup.close({ runBeforeUnload: true });
    const samplesMs: number[] = [];
    const controlMs: number[] = [];
    let networkRequests = 0;
    for (let window = 0; window < config.activation.windows; window++) {
      await sandbox.clearRequests();
      const page = await context.newPage();
      await page.goto(workbenchUrl(server.url, server.workspace), { waitUntil: 'domcontentloaded' });
      await waitForWorkbench(page);
      await runCommand(page, 'Developer: Show Running Extensions');
      samplesMs.push(await activationTime(page, EXTENSION_ID.split('.')[1]));
      controlMs.push(await activationTime(page, CONTROL_ID));
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS)); // anything activation started has time to reach the sandbox
      networkRequests += (await sandbox.requests()).length;
      await page.close({ runBeforeUnload: true });
    }
    return {
      medianMs: median(samplesMs), networkRequests, windows: config.activation.windows, samplesMs, covers: ACTIVATION_COVERS,
      control: { medianMs: median(controlMs), samplesMs: controlMs },
      aboveControlMs: median(samplesMs.map((ms, window) => ms - controlMs[window])),
      ownShare: measureOwnShare(config.activation.ownShareRuns),
    };
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    await sandbox.stop();
  }
}

/**
 * The extension's own share of that time, measured apart (same build, same minutes): require() of
 * dist/extension.js and activate() in fresh Node processes (activationChild.ts), CPU and wall time.
 */
function measureOwnShare(runs: number): OwnShare {
  const samples = Array.from({ length: runs }, () => JSON.parse(execFileSync(process.execPath, [path.join(__dirname, 'activationChild.js'), path.join(REPO_ROOT, 'dist')], { encoding: 'utf8' })) as Omit<OwnShare, 'runs'>);
  const medianOf = (key: keyof Omit<OwnShare, 'runs'>): number => Math.round(median(samples.map((sample) => sample[key])) * 100) / 100;
  return { runs, requireCpuMs: medianOf('requireCpuMs'), activateCpuMs: medianOf('activateCpuMs'), requireWallMs: medianOf('requireWallMs'), activateWallMs: medianOf('activateWallMs') };
}
