// The table `npm run bench` prints: each measure's figures, its goal (issue 14) and whether the run met it.
import type { BenchResults } from './results';

const KB = 1000;
const n = (value: number): string => value.toLocaleString('en-US');
const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

interface Row { measure: string; figures: string; goal: string; met: boolean | undefined }

export function resultRows(results: Partial<BenchResults>): Row[] {
  const rows: Row[] = [];
  const { firstPage, listing, treePage, bulk, rateLimited, activation, bundle, memory, storage } = results;
  if (firstPage) {
    rows.push({ measure: 'firstPage', figures: `${n(firstPage.smallOrganizations)} orgs ${firstPage.smallMs} ms, ${n(firstPage.largeOrganizations)} orgs ${firstPage.largeMs} ms: ratio ${firstPage.ratio}`, goal: 'ratio ≤ 1.2', met: firstPage.ratio <= 1.2 });
  }
  if (listing) {
    rows.push({ measure: 'listing', figures: `${n(listing.rows)} rows, ${listing.requests} requests: ours ${s(listing.oursMs)}, bare ${s(listing.bareMs)}, ratio ${listing.ratio}`, goal: 'ratio ≤ 1.1', met: listing.ratio <= 1.1 });
    rows.push({ measure: 'listing (peer)', figures: listing.peerOutcome, goal: '', met: undefined });
  }
  if (treePage) {
    rows.push({ measure: 'treePage', figures: `${treePage.rows} rows: ${treePage.requests} request, ${treePage.roundTrips} round trip, ${treePage.ms} ms `
      + `(without the sideload: ${treePage.withoutSideload.requests} requests, ${treePage.withoutSideload.roundTrips} round trips, ${treePage.withoutSideload.ms} ms)`, goal: 'roundTrips = 1 with include=users', met: treePage.roundTrips === 1 });
  }
  for (const entry of bulk ?? []) {
    rows.push({
      measure: `bulk, ${entry.workers} workers, cap ${entry.cap}`,
      figures: `${n(entry.items)} items, ${entry.jobs} jobs, cap ${entry.cap}: engine ${s(entry.wallMs)} (peak ${entry.peakInFlight}, ${entry.statusPolls} polls), `
        + `reference ${s(entry.referenceMs)} (peak ${entry.referencePeakInFlight}, ${entry.referenceStatusPolls} polls), ratio ${entry.ratio}; one at a time ${s(entry.sequentialMs)}, speedup ${entry.speedup}`,
      goal: 'ratio ≤ 1.05', met: entry.ratio <= 1.05,
    });
  }
  if (rateLimited) {
    rows.push({ measure: 'rateLimited', figures: `${rateLimited.requests} requests at ${rateLimited.limitPerMinute}/min: ${rateLimited.responses429} × 429, ${s(rateLimited.wallMs)}, minimum ${s(rateLimited.minimumMs)}, ratio ${rateLimited.ratio}`, goal: 'no 429, ratio ≤ 1.05', met: rateLimited.responses429 === 0 && rateLimited.ratio <= 1.05 });
  }
  if (activation) {
    rows.push({ measure: 'activation', figures: `median ${activation.medianMs} ms of ${activation.windows} windows (${activation.samplesMs.join(', ')} ms), ${activation.networkRequests} requests; an extension with no code in the same windows: median ${activation.control.medianMs} ms (${activation.control.samplesMs.join(', ')} ms), ours above it: median ${activation.aboveControlMs} ms; own share (plain Node, median of ${activation.ownShare.runs}): require ${activation.ownShare.requireCpuMs} ms CPU (${activation.ownShare.requireWallMs} ms wall), activate ${activation.ownShare.activateCpuMs} ms CPU (${activation.ownShare.activateWallMs} ms wall)`, goal: '≤ 50 ms, no request', met: activation.medianMs <= 50 && activation.networkRequests === 0 });
  }
  if (bundle) {
    const lazy = Object.entries(bundle.lazyBytes).map(([file, bytes]) => `${file} ${n(Math.round(bytes / KB))} KB`).join(', ');
    rows.push({ measure: 'bundle', figures: `extension.js ${n(Math.round(bundle.extensionBytes / KB))} KB (at activation), with the tree shown ${n(Math.round(bundle.firstViewBytes / KB))} KB, webview.js ${n(Math.round(bundle.webviewBytes / KB))} KB; on first use: ${lazy}`, goal: 'extension.js ≤ 200 KB', met: bundle.extensionBytes <= 200 * KB });
  }
  if (memory) {
    rows.push({ measure: 'memory', figures: `${n(memory.rows)} tree rows: heap +${memory.heapGrowthMB} MB`, goal: '≤ 30 MB', met: memory.heapGrowthMB <= 30 });
  }
  if (storage) {
    rows.push({ measure: 'storage', figures: `${storage.afterOperations} operations of ${n(storage.itemsPerOperation)}: globalState ${n(Math.round(storage.globalStateBytes / KB))} KB (${storage.globalStateBytesWrittenMB} MB written in ${n(storage.globalStateWrites)} writes), files ${n(Math.round(storage.filesBytes / KB))} KB (${storage.fileBytesWrittenMB} MB in ${n(storage.fileWrites)} writes)`, goal: '≤ 256 KB', met: storage.globalStateBytes <= 256 * 1024 });
  }
  return rows;
}

export function formatTable(results: Partial<BenchResults>): string {
  // A quick run's sizes are too small to say anything about the goals.
  const verdict = (met: boolean | undefined): string => met === undefined || results.quick ? '' : met ? 'met' : 'MISSED';
  const rows = resultRows(results).map((row) => [row.measure, row.figures, results.quick ? '' : row.goal, verdict(row.met)]);
  const header = ['measure', 'figures', 'goal', ''];
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  return [header, ...rows].map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}
