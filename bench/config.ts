// Sizes of `npm run bench` and of its quick run (`--quick`, part of `npm test`: seconds, tiny sizes,
// so the bench cannot rot; its figures mean nothing).

/**
 * Every answer of the timed sandboxes is held back 20 ms plus 0–40 ms at random: 40 ms ± 20 on
 * average, a round trip to a nearby Zendesk pod (recorded answers took 30–300 ms, API-NOTES §13).
 */
export const LATENCY_ARGS = ['--latency-ms', '20', '--latency-jitter-ms', '40'];
export const LATENCY_TEXT = '20–60 ms (40 ± 20)';
export const LATENCY_MIN_MS = 20;

export interface BenchConfig {
  quick: boolean;
  firstPage: { smallOrganizations: number; largeOrganizations: number; samples: number };
  listing: { rows: number; rounds: number };
  treePage: { samples: number };
  /** One sandbox per worker count; on each, one run per cap of jobs in flight (engine and reference alike). */
  bulk: { items: number; runs: Array<{ workers: number; caps: number[] }>; msPerItem: number; referencePollMs: number };
  rateLimited: { limitPerMinute: number; requests: number };
  /** Fresh windows in code-server; fresh Node processes for the extension's own share. */
  activation: { windows: number; ownShareRuns: number };
  memory: { rows: number };
  storage: { operations: number; itemsPerOperation: number };
}

export const FULL: BenchConfig = {
  quick: false,
  firstPage: { smallOrganizations: 200, largeOrganizations: 1_000_000, samples: 61 },
  listing: { rows: 50_000, rounds: 2 },
  treePage: { samples: 11 },
  // 20 ms per item: a 100-item job takes about 2 s, as recorded jobs did (API-NOTES §13).
  // Caps: the default (10) and Zendesk's whole limit (30).
  bulk: { items: 10_000, runs: [{ workers: 4, caps: [10] }, { workers: 30, caps: [10, 30] }], msPerItem: 20, referencePollMs: 250 },
  // One request more than a minute's budget: the last must wait for the first to leave the window.
  rateLimited: { limitPerMinute: 200, requests: 201 },
  activation: { windows: 5, ownShareRuns: 15 },
  memory: { rows: 10_000 },
  storage: { operations: 30, itemsPerOperation: 10_000 },
};

export const QUICK: BenchConfig = {
  quick: true,
  firstPage: { smallOrganizations: 20, largeOrganizations: 1_000, samples: 3 },
  listing: { rows: 450, rounds: 1 },
  treePage: { samples: 2 },
  bulk: { items: 450, runs: [{ workers: 2, caps: [10] }, { workers: 5, caps: [10, 30] }], msPerItem: 1, referencePollMs: 50 },
  rateLimited: { limitPerMinute: 600, requests: 6 },
  activation: { windows: 1, ownShareRuns: 3 },
  memory: { rows: 300 },
  storage: { operations: 3, itemsPerOperation: 250 },
};
