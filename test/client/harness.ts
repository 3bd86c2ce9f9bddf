import { Sandbox, SandboxOptions, startSandbox } from '../sandbox/server';
import { ZendeskClient, ZendeskClientOptions, createZendeskClient } from '../../src/zendesk';
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
  /** A client with other options against the same sandbox. */
  clientWith(options: Partial<ZendeskClientOptions>): ZendeskClient;
  /** Requests the sandbox received to paths matching `pattern`. */
  requestsTo(pattern: RegExp): Sandbox['requests'];
}

/** Fast waits so tests of failure handling finish in milliseconds, not minutes. */
export const FAST_RETRY = { backoffBaseMs: 20, backoffCapMs: 100, timeoutMs: 5_000 };

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ rateLimit: 0, ...options });
  const logger = new CapturingLogger();
  const waits: WaitNotice[] = [];
  const clientWith = (overrides: Partial<ZendeskClientOptions>): ZendeskClient => createZendeskClient({
    baseUrl: sandbox.url,
    credentials: { kind: 'apiToken', email: sandbox.credentials.admin.email, token: sandbox.credentials.admin.token },
    logger,
    retry: FAST_RETRY,
    onWait: (notice) => waits.push(notice),
    ...overrides,
  });
  return {
    sandbox,
    client: clientWith({}),
    logger,
    waits,
    clientWith,
    requestsTo: (pattern) => sandbox.requests.filter((request) => pattern.test(request.path)),
  };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) {
    items.push(item);
  }
  return items;
}
