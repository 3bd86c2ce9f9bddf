// `npm run bench:import`: how long the extension host's event loop stalls while a 20 MB membership
// file is imported, measured with perf_hooks.monitorEventLoopDelay and a 5 ms interval probe.
// The import is what the extension does: read the file asynchronously, parse it in the worker
// (dist/parseWorker.js, as shipped), take the rows in batches; then plan the 100,000 rows against
// the sandbox (who exists, who is already a member) up to the preview. For comparison, the same
// file parsed on the calling thread, as before the worker. The sandbox runs in a process of its
// own (its work must not count as the extension's). Prints the figures and writes
// bench-results/fileImport-<time>.json. Each file is imported BENCH_RUNS times (default 3) and
// the worst run is shown. Timings are reported, never asserted.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { MAX_FILE_ROWS, parseInWorker } from '../src/bulkFiles/parseInWorker';
import { parseMembershipFile } from '../src/bulkFiles/parseMembershipFile';
import { planAdditions } from '../src/bulkFiles/plan';
import { createZendeskClient } from '../src/zendesk';
import { userIdOf } from 'zendesk-sandbox';
import { startSandboxProcess } from './sandboxProcess';

const TARGET_BYTES = 20 * 1024 * 1024;
/** Each import is measured this many times; the table shows the longest stall of all runs. */
const RUNS = Number(process.env.BENCH_RUNS || 3);
const WORKER = path.resolve(__dirname, '../../dist/parseWorker.js');

interface Measured<T> {
  result: T;
  wallMs: number;
  /** The longest stall monitorEventLoopDelay saw (its resolution is 5 ms). */
  maxStallMs: number;
  p99StallMs: number;
  /** The longest gap between two ticks of a 5 ms interval, minus the 5 ms. */
  probeMaxStallMs: number;
}

async function measured<T>(work: () => Promise<T>): Promise<Measured<T>> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  let last = performance.now();
  let probeMax = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    probeMax = Math.max(probeMax, now - last - 5);
    last = now;
  }, 5);
  histogram.enable();
  await new Promise((resolve) => setTimeout(resolve, 20)); // both probes running before the work starts
  last = performance.now();
  const started = performance.now();
  try {
    const result = await work();
    const wallMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20)); // one more probe tick after the last piece of work
    return { result, wallMs, maxStallMs: histogram.max / 1e6, p99StallMs: histogram.percentile(99) / 1e6, probeMaxStallMs: probeMax };
  } finally {
    histogram.disable();
    clearInterval(probe);
  }
}

/** `lines` rows after a header, padded with a `note` column (which the importer ignores) to about 20 MB. */
function csvFile(file: string, rows: number, row: (index: number) => string, header: string): number {
  const padding = Math.max(0, Math.floor((TARGET_BYTES - header.length) / rows) - row(rows).length - 2);
  const note = header.endsWith(',note') ? `,${'n'.repeat(padding)}` : '';
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, `${header}\n`);
  for (let index = 0; index < rows; index += 10_000) {
    const lines: string[] = [];
    for (let i = index; i < Math.min(rows, index + 10_000); i++) lines.push(`${row(i)}${note}`);
    fs.writeSync(out, `${lines.join('\n')}\n`);
  }
  fs.closeSync(out);
  return fs.statSync(file).size;
}

function jsonFile(file: string, items: number, item: (index: number) => string): number {
  const padding = Math.floor(TARGET_BYTES / items) - item(items).length - 14;
  const note = padding > 0 ? `,"note":"${'n'.repeat(padding)}"` : '';
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, '[\n');
  for (let index = 0; index < items; index += 10_000) {
    const chunk: string[] = [];
    for (let i = index; i < Math.min(items, index + 10_000); i++) chunk.push(`{${item(i)}${note}}`);
    fs.writeSync(out, `${chunk.join(',\n')}${index + 10_000 < items ? ',' : ''}\n`);
  }
  fs.writeSync(out, ']\n');
  fs.closeSync(out);
  return fs.statSync(file).size;
}

const round = (value: number): number => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  if (!fs.existsSync(WORKER)) {
    throw new Error(`${WORKER} is missing: run npm run build first`);
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'zendesk-bench-import-'));
  const sandbox = await startSandboxProcess(['--rate-limit', '0', '--orgs', '3', '--users', String(MAX_FILE_ROWS + 10)]);
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length };
  const table: string[][] = [['file', 'size', 'outcome', 'longest stall (histogram)', 'p99', 'longest stall (probe)', 'wall']];
  try {
    const created = await fetch(`${sandbox.url}/__sandbox/organizations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Bench Import Org' }) });
    const organization = ((await created.json()) as { organization: { id: number } }).organization;
    const userId = (index: number) => userIdOf(index + 5);
    const files = {
      'CSV, 100,000 rows': ['members.csv', csvFile(path.join(directory, 'members.csv'), MAX_FILE_ROWS, (i) => `${userId(i)},${organization.id}`, 'user_id,organization_id,note')],
      'CSV, 1.8 million short rows': ['long.csv', csvFile(path.join(directory, 'long.csv'), 1_800_000, (i) => `${i + 1},9`, 'user_id,organization_id')],
      'JSON, 100,000 items': ['members.json', jsonFile(path.join(directory, 'members.json'), MAX_FILE_ROWS, (i) => `"user_id":${userId(i)},"organization_id":${organization.id}`)],
      'JSON, 490,000 short items': ['long.json', jsonFile(path.join(directory, 'long.json'), 490_000, (i) => `"user_id":${i + 1},"organization_id":9`)],
    } as const;

    for (const [label, [name, size]] of Object.entries(files)) {
      const file = path.join(directory, name);
      let run: Measured<Awaited<ReturnType<typeof parseInWorker>>> | undefined;
      for (let attempt = 0; attempt < RUNS; attempt++) {
        const next = await measured(async () => {
          const bytes = await fs.promises.readFile(file);
          return parseInWorker(WORKER, { bytes, fileName: name, purpose: 'add', maxRows: MAX_FILE_ROWS });
        });
        if (!run || next.maxStallMs > run.maxStallMs) run = next;
      }
      if (!run) continue;
      const outcome = run.result.tooManyRows ? `refused: more than ${MAX_FILE_ROWS} rows` : `${run.result.rows.length} rows, ${run.result.problems.length} problems`;
      results[label] = { bytes: size, outcome, wallMs: round(run.wallMs), maxStallMs: round(run.maxStallMs), p99StallMs: round(run.p99StallMs), probeMaxStallMs: round(run.probeMaxStallMs) };
      table.push([label, `${(size / 1024 / 1024).toFixed(1)} MB`, outcome, `${round(run.maxStallMs)} ms`, `${round(run.p99StallMs)} ms`, `${round(run.probeMaxStallMs)} ms`, `${round(run.wallMs)} ms`]);
    }

    // The rest of an import: checking the 100,000 rows with Zendesk up to the preview.
    const client = createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } });
    const parsed = await parseInWorker(WORKER, { bytes: await fs.promises.readFile(path.join(directory, 'members.csv')), fileName: 'members.csv', purpose: 'add' });
    const plan = await measured(() => planAdditions(client, parsed.rows));
    const planned = `${plan.result.toAdd.length} to add, ${plan.result.alreadyMembers.length} members already`;
    results['plan of the 100,000 rows (sandbox)'] = { outcome: planned, wallMs: round(plan.wallMs), maxStallMs: round(plan.maxStallMs), p99StallMs: round(plan.p99StallMs), probeMaxStallMs: round(plan.probeMaxStallMs) };
    table.push(['plan of those 100,000 rows', '', planned, `${round(plan.maxStallMs)} ms`, `${round(plan.p99StallMs)} ms`, `${round(plan.probeMaxStallMs)} ms`, `${round(plan.wallMs)} ms`]);

    // Before the worker: the same file parsed on the calling thread.
    const text = fs.readFileSync(path.join(directory, 'members.csv'), 'utf8');
    const inThread = await measured(async () => parseMembershipFile(text, 'members.csv', 'add'));
    results['CSV, 100,000 rows, parsed on the calling thread (before)'] = { wallMs: round(inThread.wallMs), maxStallMs: round(inThread.maxStallMs), probeMaxStallMs: round(inThread.probeMaxStallMs) };
    table.push(['CSV, 100,000 rows, on the calling thread (before)', '', `${inThread.result.rows.length} rows`, `${round(inThread.maxStallMs)} ms`, `${round(inThread.p99StallMs)} ms`, `${round(inThread.probeMaxStallMs)} ms`, `${round(inThread.wallMs)} ms`]);
  } finally {
    await sandbox.stop();
    fs.rmSync(directory, { recursive: true, force: true });
  }
  const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
  for (const row of table) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
  }
  const outDir = path.resolve(__dirname, '../../bench-results');
  fs.mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `fileImport-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(outFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), outFile)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
