// Runs the sandbox in the foreground for the demo and out-of-process tests:
//   npm run sandbox -- [flags] (root), npm start -- [flags] (this package), or node out/src/cli.js --port 8787 [--orgs N --users N --big-org-members N ...]
// Prints its URL and the credentials it accepts (API tokens and OAuth clients); SIGINT/SIGTERM
// stop it cleanly (exit 0). A bad flag prints a message naming it and exits 2.
import { parseArgs } from 'node:util';
import { defaultOAuthClients, isConfidential, parseRedirectUri, resolveOAuthClients, type ResolvedOAuthClient } from './oauthClients';
import { startSandbox, type Sandbox } from './server';
import { DEFAULT_OPTIONS, JOB_RESULT_ORDERS, RATE_LIMIT_SPELLINGS, SIDELOAD_SUPPORT, WORDINGS, type SandboxOptions } from './options';

const NUMERIC_FLAGS = {
  port: 'port',
  orgs: 'orgs',
  users: 'users',
  'big-org-members': 'bigOrgMembers',
  'rate-limit': 'rateLimit',
  'autocomplete-rate-limit': 'autocompleteRateLimit',
  'max-jobs': 'maxJobs',
  'job-workers': 'jobWorkers',
  'job-ms-per-item': 'jobMsPerItem',
  'job-results-drop-every': 'jobResultsDropEvery',
  'empty-404-every': 'emptyNotFoundEvery',
  'latency-ms': 'latencyMs',
  'latency-jitter-ms': 'latencyJitterMs',
} as const;
const TEXT_FLAGS = { host: 'host', email: 'email', token: 'token', 'agent-email': 'agentEmail', 'agent-token': 'agentToken' } as const;
const CHOICE_FLAGS = {
  wording: ['wording', WORDINGS],
  'job-result-order': ['jobResultOrder', JOB_RESULT_ORDERS],
  'rate-limit-headers': ['rateLimitHeaders', RATE_LIMIT_SPELLINGS],
  'org-memberships-include': ['orgMembershipsInclude', SIDELOAD_SUPPORT],
} as const;
const OAUTH_FLAGS = ['oauth-client-id', 'oauth-client-secret', 'access-token-ttl'] as const;

const USAGE = `Usage: node sandbox/out/src/cli.js [--port P] [--host 127.x.x.x] [--email E --token T] [--agent-email E --agent-token T]
       [--orgs N] [--users N] [--big-org-members N]
       [--rate-limit N (0 = off)] [--autocomplete-rate-limit N] [--rate-limit-headers ratelimit|rate-limit]
       [--max-jobs N] [--job-workers N] [--job-ms-per-item N]
       [--job-result-order request|shuffled] [--job-results-drop-every N] [--wording standard|varied|omitted] [--empty-404-every N]
       [--latency-ms N] [--latency-jitter-ms N] [--org-memberships-include ignored|honoured]
       [--oauth-client-id ID] [--oauth-client-secret S] [--oauth-redirect-uri URI]... [--access-token-ttl SECONDS]
See sandbox/README.md for what each flag does.`;

class UsageError extends Error {}

export function parseCli(argv: string[]): SandboxOptions | 'help' {
  const flagNames = [...Object.keys(NUMERIC_FLAGS), ...Object.keys(TEXT_FLAGS), ...Object.keys(CHOICE_FLAGS), ...OAUTH_FLAGS];
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(flagNames.map((f) => [f, { type: 'string' as const }])),
        'oauth-redirect-uri': { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const options: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(NUMERIC_FLAGS)) {
    const text = values[flag];
    if (typeof text !== 'string') continue;
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
      throw new UsageError(`--${flag} must be a non-negative integer (got '${text}')`);
    }
    options[key] = Number(text);
  }
  for (const [flag, key] of Object.entries(TEXT_FLAGS)) {
    const text = values[flag];
    if (typeof text !== 'string') continue;
    if (text.trim() === '') throw new UsageError(`--${flag} must not be empty`);
    options[key] = text;
  }
  for (const [flag, [key, choices]] of Object.entries(CHOICE_FLAGS)) {
    const text = values[flag];
    if (typeof text !== 'string') continue;
    if (!(choices as readonly string[]).includes(text)) throw new UsageError(`--${flag} must be one of ${choices.join(', ')} (got '${text}')`);
    options[key] = text;
  }
  if (typeof options.port === 'number' && options.port > 65535) throw new UsageError(`--port must be at most 65535 (got '${options.port}')`);
  for (const [flag, key] of [['job-workers', 'jobWorkers'], ['max-jobs', 'maxJobs']] as const) {
    if (options[key] === 0) throw new UsageError(`--${flag} must be at least 1`);
  }
  const oauthClients = oauthClientsFromFlags(values);
  if (oauthClients) options.oauthClients = oauthClients;
  return options as SandboxOptions;
}

/**
 * The OAuth flags describe the extension's client: it replaces the default public client (and
 * keeps its loopback /callback allowance); --oauth-client-secret makes it confidential. The
 * service client stays. --access-token-ttl applies to every client. No OAuth flag = the defaults.
 */
function oauthClientsFromFlags(values: Record<string, string | boolean | string[] | undefined>): ResolvedOAuthClient[] | undefined {
  const id = values['oauth-client-id'];
  const secret = values['oauth-client-secret'];
  const redirectUris = values['oauth-redirect-uri'];
  const ttlText = values['access-token-ttl'];
  if (id === undefined && secret === undefined && redirectUris === undefined && ttlText === undefined) return undefined;
  for (const [flag, text] of [['oauth-client-id', id], ['oauth-client-secret', secret]] as const) {
    if (typeof text === 'string' && text.trim() === '') throw new UsageError(`--${flag} must not be empty`);
  }
  let ttl: number | undefined;
  if (typeof ttlText === 'string') {
    if (!/^\d+$/.test(ttlText) || !Number.isSafeInteger(Number(ttlText)) || Number(ttlText) < 1) {
      throw new UsageError(`--access-token-ttl must be a whole number of seconds, at least 1 (got '${ttlText}')`);
    }
    ttl = Number(ttlText);
  }
  const [extension, service] = defaultOAuthClients();
  if (id === service.id) throw new UsageError(`--oauth-client-id must differ from the service client's id '${service.id}'`);
  const badUri = Array.isArray(redirectUris) ? redirectUris.find((uri) => parseRedirectUri(uri) === undefined) : undefined;
  if (badUri !== undefined) throw new UsageError(`--oauth-redirect-uri must be an absolute URL without a fragment (got '${badUri}')`);
  const described = {
    ...extension,
    id: typeof id === 'string' ? id : extension.id,
    redirectUris: Array.isArray(redirectUris) ? redirectUris : extension.redirectUris,
    ...(typeof secret === 'string' ? { secret } : {}),
  };
  return resolveOAuthClients([described, service].map((client) => ({ ...client, accessTokenTtlSeconds: ttl ?? client.accessTokenTtlSeconds })));
}

function describeClient(client: ResolvedOAuthClient): string {
  const kind = isConfidential(client) ? `confidential client_secret=${client.secret}` : 'public (PKCE S256)';
  const redirects = [...client.redirectUris, ...(client.allowLoopbackRedirects ? ['http(s)://<loopback>:<port>/…/callback'] : [])];
  return `client_id=${client.id} ${kind} access_token_ttl=${client.accessTokenTtlSeconds}s redirect_uris=${redirects.join(' ') || '(none)'}`;
}

function printStartup(sandbox: Sandbox, options: SandboxOptions): void {
  const { admin, agent } = sandbox.credentials;
  const o = { ...DEFAULT_OPTIONS, ...options };
  console.log(`Zendesk sandbox listening on ${sandbox.url}`);
  console.log(`  admin: email=${admin.email} token=${admin.token} user_id=${admin.userId}`);
  console.log(`  agent: email=${agent.email} token=${agent.token} user_id=${agent.userId}`);
  for (const client of sandbox.oauth.clients) console.log(`  oauth: ${describeClient(client)}`);
  console.log(`  oauth endpoints: ${sandbox.url}/oauth/authorizations/new ${sandbox.url}/oauth/tokens`);
  console.log(`  controls: ${sandbox.url}/__sandbox/{faults,requests,organizations,users,jobs/fail_next,jobs/pace,state}`);
  console.log(`  oauth controls: ${sandbox.url}/__sandbox/oauth/{issue,expire_access_tokens,revoke_refresh_tokens,stats}`);
  console.log(`  answers: wording=${o.wording} job_result_order=${o.jobResultOrder} job_results_drop_every=${o.jobResultsDropEvery} `
    + `rate_limit_headers=${o.rateLimitHeaders} empty_404_every=${o.emptyNotFoundEvery} latency=${o.latencyMs}+0-${o.latencyJitterMs}ms `
    + `autocomplete_rate_limit=${o.autocompleteRateLimit} org_memberships_include=${o.orgMembershipsInclude}`);
}

async function main(): Promise<void> {
  let options: SandboxOptions | 'help';
  try {
    options = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`sandbox: ${error.message}\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const sandbox = await startSandbox(options);
  // Handlers go in before anything is printed: a supervisor may signal as soon as it sees the URL.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox: ${signal}, shutting down`);
    sandbox.close().then(() => process.exit(0), (error: unknown) => {
      console.error('sandbox: close failed', error);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  printStartup(sandbox, options);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('sandbox: failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
