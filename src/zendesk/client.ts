import { normalizeBaseUrl } from './baseUrl';
import { Credentials, checkCredentials } from './credentials';
import { RetryPolicy, Sleeper, WaitNotice, ZendeskHttp } from './http';
import { jobStatusOperations } from './jobStatuses';
import type { ZendeskLogger } from './logger';
import { memberPageOperations } from './memberPages';
import { membershipOperations } from './memberships';
import { organizationOperations } from './organizations';
import { searchOperations } from './search';
import { userOperations } from './users';
import { DEFAULT_USER_AGENT } from './userAgent';

export interface ZendeskClientOptions {
  /** `https://{subdomain}.zendesk.com`, a host-mapped https origin, or a loopback sandbox. */
  baseUrl: string;
  credentials: Credentials;
  logger?: ZendeskLogger;
  /** Overrides of the retry caps and the per-attempt timeout. */
  retry?: Partial<RetryPolicy>;
  /** Told before every wait: retries after rate limiting or outages, and long pacing. */
  onWait?: (notice: WaitNotice) => void;
  /** Defaults to `zendesk-memberships-vscode/<version>` (see userAgent.ts). */
  userAgent?: string;
  /** Larger answers are refused (default 20 MB). */
  maxResponseBytes?: number;
  /** How waits between attempts pass (real timers unless a test keeps its own clock). */
  sleep?: Sleeper;
}

export type ZendeskClient = ReturnType<typeof buildOperations> & {
  readonly baseUrl: string;
  /** Removes every credential this client has used from a piece of text. */
  redact(text: string): string;
};

/** Checks the address and credentials (nothing is sent) and returns every Zendesk operation. */
export function createZendeskClient(options: ZendeskClientOptions): ZendeskClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl);
  checkCredentials(options.credentials);
  const http = new ZendeskHttp({
    baseUrl,
    credentials: options.credentials,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    logger: options.logger,
    retry: options.retry,
    onWait: options.onWait,
    maxResponseBytes: options.maxResponseBytes,
    sleep: options.sleep,
  });
  return {
    ...buildOperations(http),
    baseUrl,
    redact: (text: string) => http.redactor.redact(text),
  };
}

function buildOperations(http: ZendeskHttp) {
  return {
    ...membershipOperations(http),
    ...memberPageOperations(http),
    ...organizationOperations(http),
    ...userOperations(http),
    ...jobStatusOperations(http),
    ...searchOperations(http),
  };
}
