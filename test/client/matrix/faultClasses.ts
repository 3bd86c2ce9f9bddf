// The fault classes of the matrix: what goes wrong, and how the sandbox is told to make it happen.
import type { FaultSpec, Sandbox } from 'zendesk-sandbox';

export const FAULT_CLASSES = [
  { id: '429-retry-after', label: '429 + Retry-After' },
  { id: '429-storm', label: '429 storm' },
  { id: '429-persistent', label: 'persistent 429' },
  { id: '503-retry-after', label: '503 + Retry-After' },
  { id: '500-before', label: '500 before the write' },
  { id: '500-after', label: '500 after the write' },
  { id: 'reset-before', label: 'reset before' },
  { id: 'reset-after', label: 'reset after' },
  { id: 'timeout', label: 'timeout' },
  { id: 'malformed-json', label: 'malformed JSON' },
  { id: 'html-error', label: 'HTML error page' },
  { id: '401-mid-session', label: '401 mid-session' },
  { id: 'job-404-then-found', label: 'job 404, later found' },
  { id: 'job-killed', label: 'job killed half-way' },
] as const;

export type FaultClass = (typeof FAULT_CLASSES)[number]['id'];

/** The request a fault hits: the operation's own (its write, or its read). */
export interface FaultTarget {
  path: RegExp;
  method: string;
  /** The endpoint answers 204 with no body: a broken body needs a 2xx that has one. */
  noContent?: boolean;
}

/** The client's timeout in timeout cells, and how late the sandbox answers there (after doing the work). */
export const CELL_TIMEOUT_MS = 1_000;
const LATE_ANSWER_MS = 2_500;
/** The Retry-After (seconds) of every 429 and 503 of the matrix: clients sleep through an injected clock. */
export const RETRY_AFTER_S = 1;

/** The classes a single HTTP fault on the target makes; the others (401, jobs) are staged by the operation. */
export const REQUEST_FAULTS: ReadonlySet<FaultClass> = new Set([
  '429-retry-after', '429-storm', '429-persistent', '503-retry-after', '500-before', '500-after',
  'reset-before', 'reset-after', 'timeout', 'malformed-json', 'html-error',
]);

/** Classes after which the write has happened in Zendesk although its answer did not arrive intact. */
export const AFTER_WRITE: ReadonlySet<FaultClass> = new Set(['500-after', 'reset-after', 'timeout', 'malformed-json', 'html-error']);

/** Injects a request-level fault class on the target; returns false for classes an operation stages itself. */
export function injectRequestFault(sandbox: Sandbox, fault: FaultClass, target: FaultTarget): boolean {
  const base = { path: target.path, method: target.method };
  const specs: Partial<Record<FaultClass, Omit<FaultSpec, 'path'>>> = {
    '429-retry-after': { kind: 'status', status: 429, retryAfter: RETRY_AFTER_S, times: 1 },
    '429-storm': { kind: 'status', status: 429, retryAfter: RETRY_AFTER_S, times: 3 },
    '429-persistent': { kind: 'status', status: 429, retryAfter: RETRY_AFTER_S, times: 0 },
    '503-retry-after': { kind: '503', retryAfter: RETRY_AFTER_S, times: 1 },
    '500-before': { kind: '500', times: 1 },
    '500-after': { kind: '500', afterHandler: true, times: 1 },
    'reset-before': { kind: 'reset', times: 1 },
    'reset-after': { kind: 'reset', afterHandler: true, times: 1 },
    timeout: { kind: 'delay', delayMs: LATE_ANSWER_MS, afterHandler: true, times: 1 },
    // A 2xx whose body breaks after Zendesk did the work (a 204 has no body to break: 200 is used).
    'malformed-json': { kind: 'malformed-json', afterHandler: true, times: 1, ...(target.noContent ? { status: 200 } : {}) },
    'html-error': { kind: 'html', afterHandler: true, times: 1 },
  };
  const spec = specs[fault];
  if (!spec) {
    return false;
  }
  sandbox.faults.inject({ ...base, ...spec });
  return true;
}
