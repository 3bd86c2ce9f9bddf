import assert from 'node:assert/strict';
import { Sandbox, SandboxOptions, startSandbox } from 'zendesk-sandbox';
import { Credentials, PagedList, ZendeskClient, ZendeskClientOptions, ZendeskError, createZendeskClient } from '../../src/zendesk';
import type { ZendeskLogger } from '../../src/zendesk/logger';
import type { WaitNotice } from '../../src/zendesk/http';

/** Every line the client logged, to prove what it says (and never says). */
export class CapturingLogger implements ZendeskLogger {
  readonly lines: string[] = [];
  trace(message: string): void { this.lines.push(`trace ${message}`); }
  debug(message: string): void { this.lines.push(`debug ${message}`); }
  info(message: string): void { this.lines.push(`info ${message}`); }
  warn(message: string): void { this.lines.push(`warn ${message}`); }
  error(message: string): void { this.lines.push(`error ${message}`); }
}

export interface Harness {
  sandbox: Sandbox;
  client: ZendeskClient;
  logger: CapturingLogger;
  waits: WaitNotice[];
  /** Every error a client of this harness threw (calls and listings), for the credential scan. */
  errors: unknown[];
  /** Every credential a client of this harness was given, as it could leak (token, Basic value). */
  secrets: Set<string>;
  /** A client with other options against the same sandbox. */
  clientWith(options: Partial<ZendeskClientOptions>): ZendeskClient;
  /** Requests the sandbox received to paths matching `pattern`. */
  requestsTo(pattern: RegExp): Sandbox['requests'];
  /** Asserts that no error or log line so far holds a credential, then stops the sandbox. */
  close(): Promise<void>;
}

/** Fast waits so tests of failure handling finish in milliseconds, not minutes. */
export const FAST_RETRY = { backoffBaseMs: 20, backoffCapMs: 100, timeoutMs: 5_000 };

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  // Unfamiliar answers by default: nothing the client does may rest on the wording of failures,
  // the order of job results or a 404's body (API-NOTES §13). A test may ask for others.
  const sandbox = await startSandbox({ rateLimit: 0, wording: 'varied', jobResultOrder: 'shuffled', emptyNotFoundEvery: 3, ...options });
  const logger = new CapturingLogger();
  const waits: WaitNotice[] = [];
  const errors: unknown[] = [];
  const secrets = new Set<string>();
  const clientWith = (overrides: Partial<ZendeskClientOptions>): ZendeskClient => {
    const clientOptions: ZendeskClientOptions = {
      baseUrl: sandbox.url,
      credentials: { kind: 'apiToken', email: sandbox.credentials.admin.email, token: sandbox.credentials.admin.token },
      logger,
      retry: FAST_RETRY,
      onWait: (notice) => waits.push(notice),
      ...overrides,
    };
    secretsOf(clientOptions.credentials).forEach((secret) => secrets.add(secret));
    return recordingErrors(createZendeskClient(clientOptions), errors);
  };
  return {
    sandbox,
    client: clientWith({}),
    logger,
    waits,
    errors,
    secrets,
    clientWith,
    requestsTo: (pattern) => sandbox.requests.filter((request) => pattern.test(request.path)),
    async close() {
      try {
        assertNoCredentials([...errors.map(errorText), ...logger.lines], secrets);
      } finally {
        await sandbox.close();
      }
    },
  };
}

/** The forms in which credentials could leak: the token itself and the Basic header value. */
export function secretsOf(credentials: Credentials): string[] {
  switch (credentials.kind) {
    case 'apiToken': return [credentials.token, Buffer.from(`${credentials.email}/token:${credentials.token}`).toString('base64')];
    case 'bearer': return [credentials.accessToken];
    default: return [];
  }
}

/** An error as a log line, a notification or a bug report could show it: fields, message, stack. */
export function errorText(error: unknown): string {
  return error instanceof Error
    ? JSON.stringify({ ...error, message: error.message, stack: error.stack })
    : JSON.stringify(error) ?? String(error);
}

export function assertNoCredentials(texts: readonly string[], secrets: Iterable<string>): void {
  for (const secret of secrets) {
    for (const text of texts) {
      assert.ok(!text.includes(secret), `credential in: ${text}`);
    }
  }
}

/** The client, with every error its calls and listings throw also kept in `errors`. */
function recordingErrors(client: ZendeskClient, errors: unknown[]): ZendeskClient {
  const keep = (error: unknown): never => {
    errors.push(error);
    throw error;
  };
  const recordingList = <T>(list: PagedList<T>): PagedList<T> => ({
    page: (cursor, options) => list.page(cursor, options).catch(keep),
    async *[Symbol.asyncIterator]() {
      try {
        yield* list;
      } catch (error) {
        keep(error);
      }
    },
  });
  const wrapped: Record<string, unknown> = { ...client };
  for (const [name, operation] of Object.entries(client)) {
    if (typeof operation !== 'function') {
      continue;
    }
    wrapped[name] = (...args: unknown[]): unknown => {
      let result: unknown;
      try {
        result = (operation as (...values: unknown[]) => unknown)(...args);
      } catch (error) {
        keep(error);
      }
      if (result instanceof Promise) {
        return result.catch(keep);
      }
      return isPagedList(result) ? recordingList(result) : result;
    };
  }
  return wrapped as ZendeskClient;
}

function isPagedList(value: unknown): value is PagedList<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as PagedList<unknown>).page === 'function' && Symbol.asyncIterator in value;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}

/** The ZendeskError a call fails with; the test fails if the call succeeds or fails otherwise. */
export async function zendeskFailure(promise: Promise<unknown>): Promise<ZendeskError> {
  const error = await promise.then(() => assert.fail('the call should have failed'), (reason: unknown) => reason);
  assert.ok(error instanceof ZendeskError, `expected a ZendeskError, got ${String(error)}`);
  return error;
}
