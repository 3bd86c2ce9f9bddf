// SandboxOptions, their defaults, and validation (shared by startSandbox and the CLI).

export interface SandboxOptions {
  /** 0 = ephemeral (default 0). */
  port?: number;
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
}

export type ResolvedOptions = Required<SandboxOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  port: 0,
  email: 'admin@example.com',
  token: 'sandbox-api-token',
  agentEmail: 'agent@example.com',
  agentToken: 'sandbox-agent-token',
  orgs: 40,
  users: 200,
  bigOrgMembers: 0,
  rateLimit: 700,
  maxJobs: 30,
  jobWorkers: 4,
  jobMsPerItem: 20,
  cursorUnsupportedPaths: [],
};

const MINIMUM: Partial<Record<keyof SandboxOptions, number>> = { jobWorkers: 1, maxJobs: 1 };

export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const o: ResolvedOptions = { ...DEFAULT_OPTIONS };
  for (const [key, value] of Object.entries(options) as Array<[keyof SandboxOptions, unknown]>) {
    if (value !== undefined) (o as unknown as Record<string, unknown>)[key] = value;
  }
  for (const key of Object.keys(DEFAULT_OPTIONS) as Array<keyof SandboxOptions>) {
    const value = o[key];
    if (key === 'cursorUnsupportedPaths') {
      if (!Array.isArray(value) || !value.every((re) => re instanceof RegExp)) {
        throw new TypeError('sandbox option cursorUnsupportedPaths must be an array of RegExp');
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
  if (o.email.toLowerCase() === o.agentEmail.toLowerCase()) throw new Error('sandbox options email and agentEmail must differ');
  if (o.bigOrgMembers > 0) o.orgs = Math.max(o.orgs, 1);
  o.users = Math.max(o.users, o.bigOrgMembers, 2);
  return o;
}
