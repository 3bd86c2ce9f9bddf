// Runs the sandbox in the foreground for the demo and out-of-process tests:
//   node out/test/sandbox/cli.js --port 8787 [--orgs N --users N --big-org-members N ...]
// Prints its URL and the credentials it accepts; SIGINT/SIGTERM stop it cleanly (exit 0).
// A bad flag prints a message naming it and exits 2.
import { parseArgs } from 'node:util';
import { startSandbox } from './server';
import type { SandboxOptions } from './options';

const NUMERIC_FLAGS = {
  port: 'port',
  orgs: 'orgs',
  users: 'users',
  'big-org-members': 'bigOrgMembers',
  'rate-limit': 'rateLimit',
  'max-jobs': 'maxJobs',
  'job-workers': 'jobWorkers',
  'job-ms-per-item': 'jobMsPerItem',
} as const;
const TEXT_FLAGS = { email: 'email', token: 'token', 'agent-email': 'agentEmail', 'agent-token': 'agentToken' } as const;

const USAGE = `Usage: node out/test/sandbox/cli.js [--port P] [--email E --token T] [--agent-email E --agent-token T]
       [--orgs N] [--users N] [--big-org-members N] [--rate-limit N (0 = off)]
       [--max-jobs N] [--job-workers N] [--job-ms-per-item N]`;

class UsageError extends Error {}

export function parseCli(argv: string[]): SandboxOptions | 'help' {
  const flagNames = [...Object.keys(NUMERIC_FLAGS), ...Object.keys(TEXT_FLAGS)];
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { ...Object.fromEntries(flagNames.map((f) => [f, { type: 'string' as const }])), help: { type: 'boolean' } },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return 'help';
  const options: Record<string, string | number> = {};
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
  if (typeof options.port === 'number' && options.port > 65535) throw new UsageError(`--port must be at most 65535 (got '${options.port}')`);
  for (const [flag, key] of [['job-workers', 'jobWorkers'], ['max-jobs', 'maxJobs']] as const) {
    if (options[key] === 0) throw new UsageError(`--${flag} must be at least 1`);
  }
  return options as SandboxOptions;
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
  const { admin, agent } = sandbox.credentials;
  console.log(`Zendesk sandbox listening on ${sandbox.url}`);
  console.log(`  admin: email=${admin.email} token=${admin.token} user_id=${admin.userId}`);
  console.log(`  agent: email=${agent.email} token=${agent.token} user_id=${agent.userId}`);
  console.log(`  controls: ${sandbox.url}/__sandbox/{faults,requests,organizations,users,jobs/fail_next,state}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('sandbox: failed to start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
