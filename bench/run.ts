// `npm run bench`: every measure of issue 14 against the Zendesk sandbox, each in a sandbox process
// of its own with realistic latency (config.ts), the extension's activation in code-server. Prints
// a table and writes bench/results.json (the latest figures, committed). BENCHMARKS.md explains
// each measure. Takes about 12 minutes on 2 cores.
//   node --expose-gc out/bench/run.js [--quick] [--only firstPage,listing,...]
// --quick: tiny sizes, seconds; run by `npm test` to check that every field is produced and sane
// (never timings); writes bench-results/quick.json instead.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureActivation } from './activation';
import { measureBulk } from './bulk';
import { measureBundle } from './bundle';
import { FULL, LATENCY_TEXT, QUICK } from './config';
import { measureFirstPage } from './firstPage';
import { measureListing } from './listing';
import { measureRateLimited } from './rateLimited';
import { checkResults, type BenchResults } from './results';
import { measureStorage } from './storage';
import { formatTable } from './table';
import { measureTree } from './tree';

const MEASURES = ['bundle', 'firstPage', 'tree', 'listing', 'rateLimited', 'bulk', 'storage', 'activation'] as const;
type Measure = (typeof MEASURES)[number];

function parseArgs(argv: string[]): { quick: boolean; only: Set<Measure> } {
  const quick = argv.includes('--quick');
  const onlyAt = argv.indexOf('--only');
  const only = new Set<Measure>(onlyAt >= 0 ? argv[onlyAt + 1]?.split(',') as Measure[] : MEASURES);
  for (const name of only) {
    if (!MEASURES.includes(name)) throw new Error(`--only: unknown measure ${name} (one of ${MEASURES.join(', ')})`);
  }
  for (const arg of argv.filter((item, index) => item.startsWith('--') && item !== '--quick' && item !== '--only' && argv[index - 1] !== '--only')) {
    throw new Error(`unknown option ${arg}; usage: run.js [--quick] [--only ${MEASURES.join(',')}]`);
  }
  return { quick, only };
}

const load = (): number[] => os.loadavg().map((value) => Math.round(value * 100) / 100);

async function main(): Promise<number> {
  const { quick, only } = parseArgs(process.argv.slice(2));
  const config = quick ? QUICK : FULL;
  const started = performance.now();
  const log = (line: string): void => console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s, load ${load()[0]}] ${line}`);
  const results: Partial<BenchResults> = {
    date: new Date().toISOString(), quick,
    machine: { node: process.version, cpus: os.cpus().length, loadAverageBefore: load(), loadAverageAfter: [] },
    sandbox: `zendesk-sandbox CLI in its own process; latency ${LATENCY_TEXT} per answer where timed`,
  };
  const failures: string[] = [];
  const measures: Record<Measure, () => Promise<void>> = {
    bundle: async () => { results.bundle = measureBundle(); },
    firstPage: async () => { results.firstPage = await measureFirstPage(config); },
    tree: async () => { Object.assign(results, await measureTree(config)); },
    listing: async () => { results.listing = await measureListing(config); },
    rateLimited: async () => { results.rateLimited = await measureRateLimited(config); },
    bulk: async () => { results.bulk = await measureBulk(config, log); },
    storage: async () => { results.storage = await measureStorage(config); },
    activation: async () => { results.activation = await measureActivation(config); },
  };
  for (const name of MEASURES.filter((measure) => only.has(measure))) {
    log(`${name}…`);
    try {
      await measures[name]();
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      log(`${name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  results.totalSeconds = Math.round((performance.now() - started) / 1000);
  (results.machine as BenchResults['machine']).loadAverageAfter = load();

  console.log(`\n${formatTable(results)}\n`);
  console.log(`${results.totalSeconds} s; load average before ${results.machine?.loadAverageBefore.join(', ')}, after ${results.machine?.loadAverageAfter.join(', ')} (${os.cpus().length} cores)`);
  const file = quick || only.size < MEASURES.length
    ? path.resolve(__dirname, '../../bench-results', quick ? 'quick.json' : `partial-${Date.now()}.json`)
    : path.resolve(__dirname, '../../bench/results.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`written to ${path.relative(process.cwd(), file)}`);

  const problems = only.size < MEASURES.length ? [] : checkResults(results);
  for (const problem of [...failures, ...problems]) console.error(`bench: ${problem}`);
  return failures.length + problems.length === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
