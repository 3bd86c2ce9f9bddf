// Headless Debian Chromium (never a downloaded one: `npx playwright install` fails here), driven by
// playwright-core, for the integration runner, the UI runner and the webview harness.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { stateRoot } from './tools';

/** Without the background-networking flags Chromium keeps calling hosts this machine cannot reach. */
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export function chromiumPath(): string {
  const file = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(file)) {
    throw new Error(`Chromium not found at ${file}. Install Debian's chromium (\`apt-get install chromium\`, `
      + 'or run `bash scripts/e2e/setup-tools.sh`), or set CHROMIUM_PATH to a Chromium/Chrome binary. '
      + 'Never `npx playwright install`: it downloads a browser, which fails here.');
  }
  return file;
}

/** Headless Debian Chromium driven by playwright-core; its config and caches go to `scratchDir`. */
export async function launchChromium(scratchDir = path.join(stateRoot(), 'chromium')): Promise<Browser> {
  fs.mkdirSync(path.join(scratchDir, 'home'), { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      HOME: path.join(scratchDir, 'home'), // Chromium keeps its NSS db in ~/.pki
      XDG_CONFIG_HOME: path.join(scratchDir, 'config'),
      XDG_CACHE_HOME: path.join(scratchDir, 'cache'),
      XDG_DATA_HOME: path.join(scratchDir, 'data'),
    },
  });
}
