// The result names `npm run bench` writes to bench/results.json (issue 14), so figures can be
// tracked from run to run, and the check the quick run makes in `npm test`: every field is there
// and sane (counts add up, times are positive). Timings are reported, never asserted.

export interface FirstPage { smallMs: number; largeMs: number; ratio: number; smallOrganizations: number; largeOrganizations: number; samples: number }
export interface Listing { rows: number; requests: number; oursMs: number; bareMs: number; ratio: number; peerOutcome: string; latencyMs: string; rounds: number }
export interface TreePageCost { requests: number; roundTrips: number; ms: number }
export interface TreePage extends TreePageCost { rows: number; samples: number; withoutSideload: TreePageCost }
export interface BulkEntry {
  workers: number; items: number; jobs: number; cap: number; wallMs: number; referenceMs: number; ratio: number;
  sequentialMs: number; speedup: number; peakInFlight: number; statusPolls: number;
  referencePeakInFlight: number; referenceStatusPolls: number; succeeded: number;
}
export interface RateLimited { requests: number; responses429: number; wallMs: number; minimumMs: number; ratio: number; limitPerMinute: number }
/** The extension's own share (activationChild.ts): medians of `runs` fresh Node processes, CPU and wall time in ms. */
export interface OwnShare { runs: number; requireCpuMs: number; activateCpuMs: number; requireWallMs: number; activateWallMs: number }
/** The control (bench/activationControl/): an extension with no code of its own, activated in the same windows. */
export interface ActivationControl { medianMs: number; samplesMs: number[] }
export interface Activation {
  medianMs: number; networkRequests: number; windows: number; samplesMs: number[]; covers: string; ownShare: OwnShare;
  control: ActivationControl;
  /** Median over the windows of (ours − the control's): what the extension adds to VS Code's figure. */
  aboveControlMs: number;
}
/**
 * extensionBytes: dist/extension.js, what activation loads. firstViewBytes: what is loaded once a
 * view first shows rows (extension.js + workbench.js). lazyBytes: every bundle loaded on first use.
 */
export interface Bundle { extensionBytes: number; webviewBytes: number; firstViewBytes: number; lazyBytes: Record<string, number> }
export interface Memory { rows: number; heapGrowthMB: number; method: string }
export interface Storage {
  globalStateBytes: number; filesBytes: number; afterOperations: number; itemsPerOperation: number;
  /** Written over the run, globalState and files together, then each. */
  bytesWrittenMB: number; writes: number; globalStateBytesWrittenMB: number; globalStateWrites: number; fileBytesWrittenMB: number; fileWrites: number;
}

export interface BenchResults {
  date: string;
  quick: boolean;
  machine: { node: string; cpus: number; loadAverageBefore: number[]; loadAverageAfter: number[] };
  sandbox: string;
  firstPage: FirstPage;
  listing: Listing;
  treePage: TreePage;
  bulk: BulkEntry[];
  rateLimited: RateLimited;
  activation: Activation;
  bundle: Bundle;
  memory: Memory;
  storage: Storage;
  totalSeconds: number;
}

/** Problems with a run's results (empty when every field is there and sane). */
export function checkResults(results: Partial<BenchResults>): string[] {
  const problems: string[] = [];
  const positive = (where: string, value: unknown): void => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) problems.push(`${where} is ${JSON.stringify(value)}, not a positive number`);
  };
  const count = (where: string, value: unknown): void => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) problems.push(`${where} is ${JSON.stringify(value)}, not a count`);
  };
  const equal = (where: string, actual: unknown, expected: unknown): void => {
    if (actual !== expected) problems.push(`${where} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  };
  const ratio = (where: string, value: unknown, numerator: number | undefined, denominator: number | undefined): void => {
    positive(where, value);
    if (numerator !== undefined && denominator !== undefined && Math.abs((value as number) - numerator / denominator) > 0.01) {
      problems.push(`${where} ${String(value)} is not ${numerator} / ${denominator}`);
    }
  };
  for (const field of ['firstPage', 'listing', 'treePage', 'bulk', 'rateLimited', 'activation', 'bundle', 'memory', 'storage'] as const) {
    if (results[field] === undefined) problems.push(`${field} is missing`);
  }
  const { firstPage, listing, treePage, bulk, rateLimited, activation, bundle, memory, storage } = results;
  if (firstPage) {
    positive('firstPage.smallMs', firstPage.smallMs);
    positive('firstPage.largeMs', firstPage.largeMs);
    ratio('firstPage.ratio', firstPage.ratio, firstPage.largeMs, firstPage.smallMs);
  }
  if (listing) {
    positive('listing.rows', listing.rows);
    // Pages of 100, and Zendesk's last cursor page may come back empty after a full one.
    if (!(listing.requests >= Math.ceil(listing.rows / 100) && listing.requests <= Math.ceil(listing.rows / 100) + 1)) {
      problems.push(`listing.requests ${listing.requests} is not the ${Math.ceil(listing.rows / 100)} pages of ${listing.rows} rows`);
    }
    positive('listing.oursMs', listing.oursMs);
    positive('listing.bareMs', listing.bareMs);
    ratio('listing.ratio', listing.ratio, listing.oursMs, listing.bareMs);
    if (typeof listing.peerOutcome !== 'string' || !/node-zendesk/.test(listing.peerOutcome)) problems.push(`listing.peerOutcome ${JSON.stringify(listing.peerOutcome)} does not say what node-zendesk did`);
    if (typeof listing.latencyMs !== 'string' || listing.latencyMs === '') problems.push('listing.latencyMs does not say what latency the sandbox added');
  }
  if (treePage) {
    equal('treePage.requests', treePage.requests, 1);
    equal('treePage.roundTrips', treePage.roundTrips, 1);
    positive('treePage.ms', treePage.ms);
    equal('treePage.withoutSideload.requests', treePage.withoutSideload?.requests, 2);
    equal('treePage.withoutSideload.roundTrips', treePage.withoutSideload?.roundTrips, 2);
  }
  if (bulk) {
    if (!Array.isArray(bulk) || bulk.length !== 3) problems.push(`bulk has ${Array.isArray(bulk) ? bulk.length : 'no'} entries, expected 3 (4 workers at cap 10, 30 workers at caps 10 and 30)`);
    for (const [index, entry] of (Array.isArray(bulk) ? bulk : []).entries()) {
      const where = `bulk[${index}]`;
      positive(`${where}.workers`, entry.workers);
      equal(`${where}.jobs`, entry.jobs, Math.ceil(entry.items / 100));
      equal(`${where}.succeeded`, entry.succeeded, entry.items);
      for (const key of ['wallMs', 'referenceMs', 'sequentialMs', 'cap', 'statusPolls', 'referenceStatusPolls'] as const) positive(`${where}.${key}`, entry[key]);
      ratio(`${where}.ratio`, entry.ratio, entry.wallMs, entry.referenceMs);
      ratio(`${where}.speedup`, entry.speedup, entry.sequentialMs, entry.wallMs);
      if (!(entry.peakInFlight >= 1 && entry.peakInFlight <= entry.cap)) problems.push(`${where}.peakInFlight ${entry.peakInFlight} is outside 1..cap ${entry.cap}`);
    }
  }
  if (rateLimited) {
    positive('rateLimited.requests', rateLimited.requests);
    count('rateLimited.responses429', rateLimited.responses429);
    positive('rateLimited.wallMs', rateLimited.wallMs);
    positive('rateLimited.minimumMs', rateLimited.minimumMs);
    ratio('rateLimited.ratio', rateLimited.ratio, rateLimited.wallMs, rateLimited.minimumMs);
  }
  if (activation) {
    positive('activation.medianMs', activation.medianMs);
    count('activation.networkRequests', activation.networkRequests);
    equal('activation.samplesMs.length', activation.samplesMs?.length, activation.windows);
    positive('activation.control.medianMs', activation.control?.medianMs);
    equal('activation.control.samplesMs.length', activation.control?.samplesMs?.length, activation.windows);
    if (typeof activation.aboveControlMs !== 'number') problems.push('activation.aboveControlMs is missing');
    positive('activation.ownShare.requireCpuMs', activation.ownShare?.requireCpuMs);
    positive('activation.ownShare.activateCpuMs', activation.ownShare?.activateCpuMs);
  }
  if (bundle) {
    positive('bundle.extensionBytes', bundle.extensionBytes);
    positive('bundle.webviewBytes', bundle.webviewBytes);
    equal('bundle.firstViewBytes', bundle.firstViewBytes, bundle.extensionBytes + (bundle.lazyBytes['workbench.js'] ?? Number.NaN));
  }
  if (memory) {
    positive('memory.rows', memory.rows);
    if (typeof memory.heapGrowthMB !== 'number' || !Number.isFinite(memory.heapGrowthMB)) problems.push('memory.heapGrowthMB is not a number');
  }
  if (storage) {
    positive('storage.globalStateBytes', storage.globalStateBytes);
    positive('storage.afterOperations', storage.afterOperations);
    positive('storage.filesBytes', storage.filesBytes);
    equal('storage.writes', storage.writes, storage.globalStateWrites + storage.fileWrites);
  }
  return problems;
}
