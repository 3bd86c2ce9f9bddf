import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { basicHeader } from '../src/testHelpers';

const CLI = join(__dirname, '..', 'src', 'cli.js');
const PACKAGE_ROOT = join(__dirname, '..', '..');

function run(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { stdio: 'pipe' });
}

function exited(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Resolves with stdout once it contains `pattern` (or rejects when the process exits first). */
function outputMatching(child: ChildProcessWithoutNullStreams, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (d: Buffer): void => {
      text += d.toString();
      if (pattern.test(text)) {
        child.stdout.off('data', onData);
        resolve(text);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited (${code}) before printing ${pattern}: ${text}`)));
  });
}

describe('sandbox: CLI', () => {
  it('serves, prints URL and both credentials, and exits 0 on SIGTERM', async () => {
    const child = run(['--port', '0', '--orgs', '1000000', '--email', 'boss@example.org', '--token', 'cli-token', '--rate-limit', '0']);
    const done = exited(child);
    const text = await outputMatching(child, /agent: .*\n/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    assert.ok(url, text);
    assert.match(text, /admin: email=boss@example\.org token=cli-token/);
    assert.match(text, /agent: email=agent@example\.com token=sandbox-agent-token/);
    const me = await fetch(`${url}/api/v2/users/me.json`, { headers: { Authorization: basicHeader('boss@example.org', 'cli-token') } });
    assert.equal(me.status, 200);
    assert.equal(((await me.json()) as { user: { role: string } }).user.role, 'admin');
    assert.equal(me.headers.get('x-rate-limit'), null, '--rate-limit 0 turns limiting off');
    const orgs = await fetch(`${url}/api/v2/organizations.json?per_page=1`, { headers: { Authorization: basicHeader('boss@example.org', 'cli-token') } });
    assert.equal(((await orgs.json()) as { count: number }).count, 1_000_000);
    child.kill('SIGTERM');
    assert.equal((await done).code, 0);
  });

  it('applies --big-org-members, --rate-limit, --max-jobs, --job-workers and --job-ms-per-item', async () => {
    // One item takes ten minutes, so no job can finish (or even progress) while the test runs.
    const child = run(['--port', '0', '--orgs', '3', '--users', '150', '--big-org-members', '130', '--rate-limit', '500',
      '--max-jobs', '2', '--job-workers', '1', '--job-ms-per-item', '600000']);
    const done = exited(child);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(await outputMatching(child, /agent: .*\n/))?.[1] as string;
    const admin = { Authorization: basicHeader('admin@example.com', 'sandbox-api-token'), 'Content-Type': 'application/json' };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads arbitrary JSON.
    const get = async (path: string): Promise<{ headers: Headers; json: any }> => {
      const r = await fetch(path.startsWith('http') ? path : `${url}${path}`, { headers: admin });
      return { headers: r.headers, json: await r.json() };
    };

    const first = await get('/api/v2/organizations.json?page[size]=1');
    assert.equal(first.headers.get('x-rate-limit'), '500');
    assert.equal(Number(first.headers.get('x-rate-limit-remaining')), 499);
    const bigOrg = first.json.organizations[0].id as number;
    let members = 0;
    for (let page = await get(`/api/v2/organizations/${bigOrg}/organization_memberships.json?page[size]=100`); ; page = await get(page.json.links.next)) {
      members += page.json.organization_memberships.length;
      if (!page.json.meta.has_more) break;
    }
    assert.equal(members, 130);

    const users = ((await get('/api/v2/users.json?page[size]=5')).json.users as Array<{ id: number }>).map((u) => u.id);
    const submit = (userId: number): Promise<Response> => fetch(`${url}/api/v2/organization_memberships/create_many.json`, {
      method: 'POST', headers: admin, body: JSON.stringify({ organization_memberships: [{ user_id: userId, organization_id: bigOrg }] }),
    });
    const running = await submit(users[2]);
    const waiting = await submit(users[3]);
    assert.deepEqual([running.status, waiting.status], [200, 200]);
    const refused = await submit(users[4]);
    assert.equal(refused.status, 429);
    assert.equal(((await refused.json()) as { error: string }).error, 'TooManyJobs');
    const ids = await Promise.all([running, waiting].map(async (r) => ((await r.json()) as { job_status: { id: string } }).job_status.id));
    const statuses = (await get(`/api/v2/job_statuses/show_many.json?ids=${ids.join(',')}`)).json.job_statuses as Array<{ id: string; status: string; progress: number | null }>;
    // show_many answers in its own order (not the order asked): read each job by its id.
    const byId = new Map(statuses.map((j) => [j.id, [j.status, j.progress]]));
    child.kill('SIGTERM');
    assert.deepEqual(ids.map((id) => byId.get(id)), [['working', 0], ['queued', null]]);
    assert.equal((await done).code, 0);
  });

  it('applies the realism flags and prints them', async () => {
    const child = run(['--port', '0', '--orgs', '2', '--users', '20', '--rate-limit-headers', 'rate-limit', '--wording', 'omitted',
      '--empty-404-every', '2', '--latency-ms', '5', '--latency-jitter-ms', '3', '--job-result-order', 'shuffled', '--job-results-drop-every', '7',
      '--autocomplete-rate-limit', '9', '--org-memberships-include', 'honoured']);
    const done = exited(child);
    try {
      const text = await outputMatching(child, /answers: .*\n/);
      assert.match(text, /answers: wording=omitted job_result_order=shuffled job_results_drop_every=7 rate_limit_headers=rate-limit empty_404_every=2 latency=5\+0-3ms autocomplete_rate_limit=9 org_memberships_include=honoured/);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1] as string;
      const headers = { Authorization: basicHeader('admin@example.com', 'sandbox-api-token') };
      const missing = [await fetch(`${url}/api/v2/users/1.json`, { headers }), await fetch(`${url}/api/v2/users/2.json`, { headers })];
      assert.deepEqual(await Promise.all(missing.map((r) => r.text())), ['{"error":"RecordNotFound"}', '']);
      assert.equal(missing[0].headers.get('rate-limit'), '700');
      assert.equal(missing[0].headers.get('x-rate-limit'), null);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal((await done).code, 0);
  });

  it('prints the OAuth clients and serves the token endpoint with the flags it was given', async () => {
    const child = run(['--port', '0', '--orgs', '2', '--users', '3', '--oauth-client-id', 'demo-ext', '--access-token-ttl', '90']);
    const done = exited(child);
    const text = await outputMatching(child, /oauth controls: .*\n/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
    assert.ok(url, text);
    assert.match(text, /oauth: client_id=demo-ext public/);
    assert.match(text, /oauth: client_id=zendesk-memberships-service confidential client_secret=sandbox-service-secret/);
    const token = await fetch(`${url}/oauth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'zendesk-memberships-service', client_secret: 'sandbox-service-secret', scope: 'read' }),
    });
    assert.equal(token.status, 201);
    assert.equal(((await token.json()) as { expires_in: number }).expires_in, 90);
    child.kill('SIGTERM');
    assert.equal((await done).code, 0);
  });

  it('exits 0 on SIGINT too', async () => {
    const child = run(['--port', '0', '--orgs', '2', '--users', '3']);
    const done = exited(child);
    await outputMatching(child, /listening on/);
    child.kill('SIGINT');
    assert.equal((await done).code, 0);
  });

  it('`npm start` stops on SIGTERM: the shell npm runs the script in hands over to node (exec)', async () => {
    // npm forwards SIGTERM to the `sh -c <script>` it started; unless the last command is
    // exec'd, only sh dies and the sandbox keeps the port. The compile step is left out: it is
    // slow and would rewrite out/ under this very test run.
    const script = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
    const lastCommand = script.split('&&').at(-1)?.trim() ?? '';
    assert.match(lastCommand, /^exec node out\/src\/cli\.js$/, script);
    // Its own process group, so whatever survives can be cleaned up below.
    const shell = spawn('sh', ['-c', `${lastCommand} --port 0 --orgs 2 --users 3`], { cwd: PACKAGE_ROOT, stdio: 'pipe', detached: true });
    try {
      const done = exited(shell);
      const text = await outputMatching(shell, /listening on http:\/\/127\.0\.0\.1:\d+/);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1] as string;
      shell.kill('SIGTERM');
      assert.equal((await done).code, 0, 'the sandbox itself received SIGTERM and exited cleanly');
      await assert.rejects(fetch(`${url}/api/v2/users/me.json`), 'nothing listens on the port any more');
    } finally {
      try {
        process.kill(-(shell.pid as number), 'SIGKILL');
      } catch {
        // The group is already gone (the expected case).
      }
    }
  });

  for (const [args, flag] of [
    [['--orgs', 'many'], '--orgs'],
    [['--port', '70000'], '--port'],
    [['--job-workers', '0'], '--job-workers'],
    [['--frobnicate', '1'], '--frobnicate'],
    [['--users'], '--users'],
    [['--access-token-ttl', '0'], '--access-token-ttl'],
    [['--oauth-redirect-uri', 'nowhere'], '--oauth-redirect-uri'],
    [['--wording', 'loud'], '--wording'],
    [['--job-result-order', 'random'], '--job-result-order'],
    [['--rate-limit-headers', 'x-rate-limit'], '--rate-limit-headers'],
    [['--latency-ms', '-5'], '--latency-ms'],
  ] as const) {
    it(`rejects ${args.join(' ')} with exit 2, naming ${flag}`, async () => {
      const result = await exited(run([...args]));
      assert.equal(result.code, 2);
      assert.ok(result.stderr.includes(flag), result.stderr);
      assert.equal(result.stdout, '');
    });
  }
});
