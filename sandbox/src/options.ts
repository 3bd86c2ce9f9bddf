// SandboxOptions, their defaults, and validation (shared by startSandbox and the CLI).
import { defaultOAuthClients, resolveOAuthClients, type OAuthClientConfig, type ResolvedOAuthClient } from './oauthClients';

export interface SandboxOptions {
  /** 0 = ephemeral (default 0). */
  port?: number;
  /**
   * A loopback IPv4 address to listen on (default 127.0.0.1). The UI tests use 127.0.0.2: VS Code
   * for the web routes links to localhost/127.0.0.1 through code-server's port proxy, while a real
   * Zendesk is reached directly, so another loopback address keeps the browser's path realistic.
   */
  host?: string;
  /** API-token email of the admin user (default 'admin@example.com'). */
  email?: string;
  /** Accepted API token (default 'sandbox-api-token'). */
  token?: string;
  /** A second, agent-role credential (default 'agent@example.com'). */
  agentEmail?: string;
  /** (default 'sandbox-agent-token'). */
  agentToken?: string;
  /** Generated organizations (default 40). */
  orgs?: number;
  /** Generated users (default 200); at least 2 (admin + agent) and at least bigOrgMembers. */
  users?: number;
  /** The first org gets this many members (default 0). */
  bigOrgMembers?: number;
  /** Requests per minute, 0 = off (default 700). */
  rateLimit?: number;
  /**
   * Requests per minute to the autocomplete endpoints (organizations and users), counted on top of
   * the account's limit, with its own zendesk-ratelimit-autocomplete header and the spec's
   * "Too many requests to autocomplete" 429; 0 = none (default). unverified: the limit's size.
   */
  autocompleteRateLimit?: number;
  /** Queued+working jobs allowed (default 30). */
  maxJobs?: number;
  /** Fixed worker pool (default 4). */
  jobWorkers?: number;
  /** Processing time per job item in ms (default 20). */
  jobMsPerItem?: number;
  /**
   * Paths (without `.json`) whose dual-paged lists ignore page[size]/page[after]/page[before]
   * and answer with offset pagination, for proving a client's fallback to next_page (cursor
   * support on e.g. the per-organization list is not independently verified, API-NOTES §4).
   * Default none.
   */
  cursorUnsupportedPaths?: RegExp[];
  /**
   * OAuth clients (see oauthClients.ts). Default: the extension's public client
   * 'zendesk-memberships-vscode' and the confidential 'zendesk-memberships-service'
   * (secret 'sandbox-service-secret'). `[]` registers none.
   */
  oauthClients?: OAuthClientConfig[];
  /**
   * The clock (epoch ms) behind OAuth codes, consent pages and access/refresh token expiry, so
   * tests can move time instead of sleeping. Rate limiting and jobs keep real time. Default Date.now.
   */
  now?: () => number;
  /**
   * The text of "already a member" and "not found" answers (422 details, 404 descriptions, job
   * result details): 'standard' (the sandbox's own wording), 'varied' (a different wording on
   * each answer) or 'omitted' (no text, only the code). Clients must decide by codes and by
   * reading back, never by wording (API-NOTES §13). Default 'standard'.
   */
  wording?: Wording;
  /**
   * Order of a finished job's per-item results: 'request' (as in every recorded case, API-NOTES
   * §13, though nothing documents it) or 'shuffled' (a fixed shuffle per job). Default 'request'.
   */
  jobResultOrder?: JobResultOrder;
  /** Leave out the result of every Nth item of a job (items still applied); 0 = none (default). */
  jobResultsDropEvery?: number;
  /**
   * Rate-limit header spelling (API-NOTES §13): 'ratelimit' = X-Rate-Limit, X-Rate-Limit-Remaining,
   * ratelimit-limit/-remaining/-reset and zendesk-ratelimit-<endpoint> (2024 recordings);
   * 'rate-limit' = rate-limit, rate-limit-remaining, rate-limit-reset and zendesk-rate-limit-<endpoint>,
   * without X-Rate-Limit (2023 recordings). Default 'ratelimit'.
   */
  rateLimitHeaders?: RateLimitSpelling;
  /** Every Nth 404 answer has an empty body and no content type, as one recorded 404 had; 0 = never (default). */
  emptyNotFoundEvery?: number;
  /** Milliseconds every API and OAuth answer is held back (a network round trip); default 0. */
  latencyMs?: number;
  /** Up to this many milliseconds more, chosen at random per answer; default 0. */
  latencyJitterMs?: number;
  /**
   * Whether the per-organization membership list honours `include=users,organizations`. The spec
   * documents the sideloads only on the account-wide and per-user lists, and no recorded traffic
   * shows the per-organization list with them, so by default it ignores `include` ('ignored');
   * 'honoured' sideloads as the other two lists do. Clients must work either way. Default 'ignored'.
   */
  orgMembershipsInclude?: SideloadSupport;
}

export const WORDINGS = ['standard', 'varied', 'omitted'] as const;
export type Wording = (typeof WORDINGS)[number];
export const JOB_RESULT_ORDERS = ['request', 'shuffled'] as const;
export type JobResultOrder = (typeof JOB_RESULT_ORDERS)[number];
export const RATE_LIMIT_SPELLINGS = ['ratelimit', 'rate-limit'] as const;
export type RateLimitSpelling = (typeof RATE_LIMIT_SPELLINGS)[number];
export const SIDELOAD_SUPPORT = ['ignored', 'honoured'] as const;
export type SideloadSupport = (typeof SIDELOAD_SUPPORT)[number];

/** Options whose value is one of a few words. */
const CHOICES: Partial<Record<keyof SandboxOptions, readonly string[]>> = {
  wording: WORDINGS, jobResultOrder: JOB_RESULT_ORDERS, rateLimitHeaders: RATE_LIMIT_SPELLINGS, orgMembershipsInclude: SIDELOAD_SUPPORT,
};

export type ResolvedOptions = Required<Omit<SandboxOptions, 'oauthClients'>> & { oauthClients: ResolvedOAuthClient[] };

export const DEFAULT_OPTIONS: ResolvedOptions = {
  port: 0,
  host: '127.0.0.1',
  email: 'admin@example.com',
  token: 'sandbox-api-token',
  agentEmail: 'agent@example.com',
  agentToken: 'sandbox-agent-token',
  orgs: 40,
  users: 200,
  bigOrgMembers: 0,
  rateLimit: 700,
  autocompleteRateLimit: 0,
  maxJobs: 30,
  jobWorkers: 4,
  jobMsPerItem: 20,
  cursorUnsupportedPaths: [],
  oauthClients: defaultOAuthClients(),
  now: Date.now,
  wording: 'standard',
  jobResultOrder: 'request',
  jobResultsDropEvery: 0,
  rateLimitHeaders: 'ratelimit',
  emptyNotFoundEvery: 0,
  latencyMs: 0,
  latencyJitterMs: 0,
  orgMembershipsInclude: 'ignored',
};

const MINIMUM: Partial<Record<keyof SandboxOptions, number>> = { jobWorkers: 1, maxJobs: 1 };

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const o: ResolvedOptions = { ...DEFAULT_OPTIONS, oauthClients: defaultOAuthClients() };
  for (const [key, value] of Object.entries(options) as Array<[keyof SandboxOptions, unknown]>) {
    if (value !== undefined) (o as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of Object.keys(DEFAULT_OPTIONS) as Array<keyof SandboxOptions>) {
    const value = o[key];
    if (key === 'cursorUnsupportedPaths') {
      if (!Array.isArray(value) || !value.every((re) => re instanceof RegExp)) {
        throw new TypeError('sandbox option cursorUnsupportedPaths must be an array of RegExp');
      }
    } else if (key === 'oauthClients') {
      o.oauthClients = resolveOAuthClients(value);
    } else if (key === 'now') {
      if (typeof value !== 'function') throw new TypeError('sandbox option now must be a function returning epoch milliseconds');
    } else if (CHOICES[key] !== undefined) {
      const choices = CHOICES[key] as readonly string[];
      if (typeof value !== 'string' || !choices.includes(value)) {
        throw new RangeError(`sandbox option ${key} must be one of ${choices.join(', ')} (got ${String(value)})`);
      }
    } else if (typeof DEFAULT_OPTIONS[key] === 'number') {
      const min = MINIMUM[key] ?? 0;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
        throw new RangeError(`sandbox option ${key} must be an integer >= ${min} (got ${String(value)})`);
      }
    } else if (typeof value !== 'string' || value === '') {
      throw new TypeError(`sandbox option ${key} must be a non-empty string`);
    }
  }
  if (o.port > 65535) throw new RangeError(`sandbox option port must be <= 65535 (got ${o.port})`);
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(o.host)) throw new RangeError(`sandbox option host must be a loopback IPv4 address such as 127.0.0.1 (got ${o.host})`);
  if (o.email.toLowerCase() === o.agentEmail.toLowerCase()) throw new Error('sandbox options email and agentEmail must differ');
  if (o.bigOrgMembers > 0) o.orgs = Math.max(o.orgs, 1);
  o.users = Math.max(o.users, o.bigOrgMembers, 2);
  return o;
}
