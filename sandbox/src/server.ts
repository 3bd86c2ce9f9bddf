// startSandbox(): the local Zendesk every test, the demo and the benchmarks run against.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AccessTokenStore } from './auth';
import { Faults } from './faults';
import { applyBulkItem, type BulkItem } from './jobItems';
import { JobQueue, type Job } from './jobs';
import { OAuthGrants, type SandboxOAuth } from './oauthGrants';
import { handleRequest, type PipelineDeps } from './pipeline';
import { RateLimiter } from './rateLimit';
import type { RecordedRequest } from './recording';
import { Router } from './router';
import { jobStatusRoutes } from './routes/jobStatuses';
import { membershipBulkRoutes } from './routes/membershipBulk';
import { membershipReadRoutes } from './routes/membershipReads';
import { membershipWriteRoutes } from './routes/membershipWrites';
import { organizationRoutes } from './routes/organizations';
import { countRoutes } from './routes/counts';
import { userRoutes } from './routes/users';
import { resolveOptions, type SandboxOptions } from './options';
import { SandboxStore } from './store';
import { Texts } from './wording';

export type { SandboxOptions } from './options';
export type { FaultSpec, FaultKind } from './faults';
export type { RecordedRequest } from './recording';
export type { OAuthClientConfig, ResolvedOAuthClient } from './oauthClients';
export type { IssueOptions, OAuthStats, SandboxOAuth, TokenSet } from './oauthGrants';
export { Faults } from './faults';
export { SandboxStore } from './store';
export { AccessTokenStore } from './auth';

export interface SandboxCredential {
  email: string;
  token: string;
  userId: number;
}

export interface SandboxJobs {
  /** The next `n` jobs end as `status`, after `afterItems` items (default: half of them). */
  failNext(n: number, status: 'failed' | 'killed', afterItems?: number): void;
  /** Jobs queued or working (what TooManyJobs counts). */
  activeCount(): number;
  /** The most jobs queued or working at once since the sandbox started. */
  peakActiveCount(): number;
  get(id: string): Job<BulkItem> | undefined;
  all(): Array<Job<BulkItem>>;
  /** Queues `n` jobs of `items` items as another integration would (they change nothing); returns their ids. */
  queueForeign(n: number, items?: number): string[];
}

export interface Sandbox {
  url: string;
  port: number;
  credentials: { admin: SandboxCredential; agent: SandboxCredential };
  faults: Faults;
  /** Every API and OAuth request received, bodies whole: /oauth/tokens entries hold client secrets and tokens. */
  requests: RecordedRequest[];
  store: SandboxStore;
  jobs: SandboxJobs;
  /** OAuth access tokens accepted as `Authorization: Bearer …` (issue one for any user). */
  accessTokens: AccessTokenStore;
  /** OAuth clients and test controls: expire access tokens, revoke refresh tokens, issue a session, stats. */
  oauth: SandboxOAuth;
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const o = resolveOptions(options);
  const store = new SandboxStore({
    orgs: o.orgs, users: o.users, bigOrgMembers: o.bigOrgMembers, adminEmail: o.email, agentEmail: o.agentEmail,
  });
  const texts = new Texts(o.wording);
  const jobs = new JobQueue<BulkItem>(
    { maxJobs: o.maxJobs, workers: o.jobWorkers, msPerItem: o.jobMsPerItem, resultOrder: o.jobResultOrder, dropEvery: o.jobResultsDropEvery },
    (item, index) => applyBulkItem(store, texts, item, index),
  );
  const faults = new Faults();
  const requests: RecordedRequest[] = [];
  const accessTokens = new AccessTokenStore(o.now);
  const adminUserId = store.users.idAt(0);
  for (const client of o.oauthClients) {
    if (client.ownerUserId !== undefined && !store.getUser(client.ownerUserId)) {
      throw new Error(`sandbox option oauthClients: ${client.id}.ownerUserId ${client.ownerUserId} is not a sandbox user`);
    }
  }
  const oauth = new OAuthGrants(o.oauthClients, accessTokens, {
    userById: (id) => store.getUser(id), userByEmail: (email) => store.users.byEmail(email), adminUserId,
  }, o.now);
  const sleepers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  const sleep = (ms: number): Promise<void> => new Promise((resolve) => {
    const entry = { timer: setTimeout(() => { sleepers.delete(entry); resolve(); }, ms), resolve };
    sleepers.add(entry);
  });

  const deps: PipelineDeps = {
    faults, requests, store, jobs, sleep, oauth,
    cursorUnsupportedPaths: o.cursorUnsupportedPaths,
    origin: '', // set once the port is known
    router: new Router([]),
    limiter: new RateLimiter(o.rateLimit, 60_000, Date.now, o.rateLimitHeaders),
    endpointLimiters: o.autocompleteRateLimit > 0
      ? [{ pattern: /^\/api\/v2\/(organizations|users)\/autocomplete$/, limiter: new RateLimiter(o.autocompleteRateLimit, 60_000, Date.now, o.rateLimitHeaders, 'autocomplete') }]
      : [],
    texts,
    emptyNotFoundEvery: o.emptyNotFoundEvery,
    notFoundCount: 0,
    latency: () => o.latencyMs + (o.latencyJitterMs > 0 ? Math.floor(Math.random() * (o.latencyJitterMs + 1)) : 0),
    auth: {
      apiTokens: new Set([o.token, o.agentToken]),
      accessTokens,
      userByEmail: (email) => store.users.byEmail(email),
      userById: (id) => store.getUser(id),
    },
  };
  const server = createServer((req, res) => {
    handleRequest(req, res, deps).catch((error: unknown) => {
      console.error('[sandbox] request failed', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  deps.origin = `http://${o.host}:${port}`;
  const app = { store, jobs, texts, orgMembershipsInclude: o.orgMembershipsInclude };
  deps.router = new Router([
    ...membershipBulkRoutes(app), ...membershipReadRoutes(app), ...membershipWriteRoutes(app),
    ...organizationRoutes(app), ...userRoutes(app), ...jobStatusRoutes(app),
    ...countRoutes(app),
  ]);

  let closing: Promise<void> | undefined;
  return {
    url: deps.origin,
    port,
    credentials: {
      admin: { email: o.email, token: o.token, userId: adminUserId },
      agent: { email: o.agentEmail, token: o.agentToken, userId: store.users.idAt(1) },
    },
    faults,
    requests,
    store,
    accessTokens,
    oauth,
    jobs: {
      failNext: (n, status, afterItems) => jobs.failNext(n, status, afterItems),
      activeCount: () => jobs.activeCount,
      peakActiveCount: () => jobs.peakActive,
      get: (id) => jobs.get(id),
      all: () => jobs.all(),
      queueForeign: (n, items = 10) => Array.from({ length: n }, () => jobs.submit('update_many tickets',
        Array.from({ length: items }, (_, k) => ({ action: 'foreign' as const, id: 900_000 + k })), (done) => `Updating ticket #${done}`)?.id)
        .filter((id): id is string => id !== undefined),
    },
    close: () => (closing ??= new Promise<void>((resolve) => {
      jobs.close();
      for (const s of sleepers) {
        clearTimeout(s.timer);
        s.resolve();
      }
      sleepers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    })),
  };
}
