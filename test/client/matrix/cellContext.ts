// What every cell of the fault matrix gets: a sandbox of its own row, clients that sleep through an
// injected clock (their waits are recorded, never slept), an OAuth session for 401 cells, and the
// requests the cell made.
import assert from 'node:assert/strict';
import type { RecordedRequest, Sandbox } from 'zendesk-sandbox';
import { GrantStore, OAuthGrant, RefreshingCredentials, SessionEndedError } from '../../../src/auth/oauthSession';
import { RetryPolicy, ZendeskClient, ZendeskTokenEndpoint, createZendeskClient } from '../../../src/zendesk';
import { CELL_TIMEOUT_MS, FaultClass, FaultTarget } from './faultClasses';

export const OAUTH_CLIENT = 'zendesk-memberships-vscode';

/** The retry policy of the matrix's clients: the extension's caps, short backoffs (they pass on the injected clock anyway). */
export function cellPolicy(fault: FaultClass): RetryPolicy {
  return { maxAttempts: 5, maxTotalWaitMs: 120_000, backoffBaseMs: 20, backoffCapMs: 100, timeoutMs: fault === 'timeout' ? CELL_TIMEOUT_MS : 10_000 };
}

export interface OAuthSession {
  client: ZendeskClient;
  /** Told when the session ended for good (the user is asked to sign in again). */
  ended: SessionEndedError[];
  store: { saved?: OAuthGrant };
  /** The refresh token the session started with. */
  firstRefreshToken: string;
}

export class CellContext {
  /** Every wait the cell's clients asked for (ms), on the injected clock. */
  readonly waits: number[] = [];
  private readonly firstRequest: number;

  constructor(readonly sandbox: Sandbox, readonly fault: FaultClass) {
    this.firstRequest = sandbox.requests.length;
  }

  get policy(): RetryPolicy {
    return cellPolicy(this.fault);
  }

  /** Sleeps no time: the wait is recorded (an aborted signal still stops it). */
  readonly sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    this.waits.push(ms);
    signal?.throwIfAborted();
    await new Promise((resolve) => setImmediate(resolve));
  };

  /** A client signed in with the admin's API token. */
  client(): ZendeskClient {
    const { admin } = this.sandbox.credentials;
    return createZendeskClient({
      baseUrl: this.sandbox.url, credentials: { kind: 'apiToken', email: admin.email, token: admin.token }, retry: this.policy, sleep: this.sleep,
    });
  }

  /** A client of an OAuth session of the admin's, whose tokens refresh themselves. */
  oauthSession(): OAuthSession {
    const issued = this.sandbox.oauth.issue({ clientId: OAUTH_CLIENT });
    const store: { saved?: OAuthGrant } = {};
    const grantStore: GrantStore = { load: async () => store.saved, save: async (grant) => { store.saved = grant; } };
    const ended: SessionEndedError[] = [];
    const credentials = new RefreshingCredentials({
      origin: this.sandbox.url,
      grant: { kind: 'oauth', clientId: OAUTH_CLIENT, tokens: { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: Date.now() + 3_600_000 } },
      store: grantStore,
      endpoint: new ZendeskTokenEndpoint({ baseUrl: this.sandbox.url, retry: this.policy, sleep: this.sleep }),
      onSessionEnded: (error) => ended.push(error),
    });
    const client = createZendeskClient({ baseUrl: this.sandbox.url, credentials, retry: this.policy, sleep: this.sleep });
    return { client, ended, store, firstRefreshToken: issued.refreshToken as string };
  }

  /** Requests of this cell to the target. */
  requestsTo(target: Pick<FaultTarget, 'path' | 'method'>): RecordedRequest[] {
    return this.sandbox.requests.slice(this.firstRequest).filter((request) => request.method === target.method && target.path.test(request.path));
  }

  /** The bound every single call keeps: at most the attempt cap per request, and no more waiting than the policy allows. */
  assertWithinBound(target: Pick<FaultTarget, 'path' | 'method'>, requestsPerCall = 1): void {
    const sent = this.requestsTo(target).length;
    assert.ok(sent <= this.policy.maxAttempts * requestsPerCall, `${sent} requests to ${target.method} ${target.path}, more than ${this.policy.maxAttempts * requestsPerCall}`);
    const waited = this.waits.reduce((sum, ms) => sum + ms, 0);
    assert.ok(waited <= this.policy.maxTotalWaitMs * requestsPerCall, `waited ${waited} ms on the injected clock`);
  }
}

/** Runs `call` expecting a ZendeskError (or another Error), and returns it. */
export async function failureOf(call: Promise<unknown>): Promise<Error & { status?: number; code?: string }> {
  try {
    await call;
  } catch (error) {
    assert.ok(error instanceof Error, String(error));
    return error as Error & { status?: number; code?: string };
  }
  return assert.fail('the call succeeded');
}
