// Entry point VS Code's extension host loads as `extensionTestsPath` (see test/harness/runIntegration.ts):
// runs every out/test/integration/**/*.test.js with mocha inside the extension host, where
// `require('vscode')` is the real API. Rejecting tells VS Code the run failed (exit code 1).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MochaClass from 'mocha';

// Mocha 12 is ES modules only, and what require() gives for it depends on the extension host's
// Node: the Mocha class (Node 24, VS Code 1.139) or its namespace, which a default import reads only
// when Node marks it __esModule (20.19+) and not on Node 20.18 (VS Code 1.96, where require() loads
// ES modules with --experimental-require-module: see test/harness/runIntegration.ts).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mochaExport = require('mocha') as typeof MochaClass | { default: typeof MochaClass };
const Mocha = typeof mochaExport === 'function' ? mochaExport : mochaExport.default;

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(file);
    return entry.isFile() && entry.name.endsWith('.test.js') ? [file] : [];
  }).sort();
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: 60_000,
    slow: 5_000,
    color: Boolean(process.env.E2E_COLOR),
    reporter: 'spec',
    ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
  });
  const files = testFiles(__dirname);
  for (const file of files) mocha.addFile(file);
  if (files.length === 0) throw new Error(`no *.test.js under ${__dirname}: run \`npm run compile\` first`);

  const { failures, passes, pending } = await new Promise<{ failures: number; passes: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run((failed) => resolve({
        failures: failed,
        passes: runner.stats?.passes ?? 0,
        pending: runner.stats?.pending ?? 0,
      }));
    } catch (error) {
      reject(error);
    }
  });
  // A plain closing line, the same shape the other runners print.
  console.log(`integration: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
