// The options that make the sandbox answer the ways recorded Zendesk traffic does (API-NOTES §13)
// and the ways a client must not depend on: wording, job result order and gaps, empty 404s, both
// rate-limit header spellings, an endpoint's own limit, latency.
import assert from 'node:assert/strict';
import { startSandbox, type Sandbox, type SandboxOptions } from '../src/server';
import { call, waitFor } from '../src/testHelpers';

type Result = Record<string, unknown>;

async function withSandbox(options: SandboxOptions, use: (sb: Sandbox) => Promise<void>): Promise<void> {
  const sb = await startSandbox({ orgs: 4, users: 60, rateLimit: 0, jobMsPerItem: 1, ...options });
  try {
    await use(sb);
  } finally {
    await sb.close();
  }
}

async function finishedResults(sb: Sandbox, jobId: string): Promise<Result[]> {
  return waitFor(async () => {
    const job = (await call(sb, `/api/v2/job_statuses/${jobId}.json`)).json.job_status;
    return job.status === 'completed' ? (job.results as Result[]) : undefined;
  }, `job ${jobId}`);
}

let added = 0;

/** create_many for `count` new users into org 1, the first already a member, and one unknown user last. */
async function mixedCreate(sb: Sandbox, count: number): Promise<{ results: Result[]; userIds: number[]; orgId: number }> {
  const orgId = sb.store.organizations.idAt(1);
  const userIds = Array.from({ length: count }, () => sb.store.addUser({ name: `Realism User ${++added}` }).id);
  sb.store.createMembership(userIds[0], orgId);
  const body = { organization_memberships: [...userIds, 999_999_999].map((id) => ({ user_id: id, organization_id: orgId })) };
  const r = await call(sb, '/api/v2/organization_memberships/create_many.json', { method: 'POST', body });
  return { results: await finishedResults(sb, r.json.job_status.id), userIds, orgId };
}

describe('sandbox: realism options', () => {
  describe('wording', () => {
    it('standard: the sandbox\'s own texts', async () => {
      await withSandbox({}, async (sb) => {
        const { results, userIds, orgId } = await mixedCreate(sb, 4);
        assert.equal(results[0].details, `User ${userIds[0]} is already a member of organization ${orgId}`);
        assert.equal(results[4].details, 'User 999999999 not found');
        assert.deepEqual((await call(sb, '/api/v2/organization_memberships/1.json')).json, { error: 'RecordNotFound', description: 'Not found' });
      });
    });

    it('varied: another text on each answer, codes unchanged', async () => {
      await withSandbox({ wording: 'varied' }, async (sb) => {
        const { results } = await mixedCreate(sb, 4);
        assert.equal(results[0].error, 'DuplicateValue');
        assert.equal(results[4].error, 'RecordNotFound');
        assert.doesNotMatch(String(results[0].details), /already (a member|exists)/i);
        assert.doesNotMatch(String(results[4].details), /not found/i);
        const descriptions = new Set<string>();
        for (let i = 0; i < 4; i++) {
          const r = await call(sb, '/api/v2/organization_memberships/1.json');
          assert.equal(r.json.error, 'RecordNotFound');
          descriptions.add(r.json.description);
        }
        assert.ok(descriptions.size >= 3, [...descriptions].join(' | '));
        const { userIds, orgId } = await mixedCreate(sb, 1);
        const single = await call(sb, '/api/v2/organization_memberships.json', {
          method: 'POST', body: { organization_membership: { user_id: userIds[0], organization_id: orgId } },
        });
        assert.equal(single.status, 422);
        assert.equal(single.json.details.user_id[0].error, 'DuplicateValue');
        assert.doesNotMatch(single.json.details.user_id[0].description, /already (a member|exists)/i);
      });
    });

    it('omitted: codes only, no text', async () => {
      await withSandbox({ wording: 'omitted' }, async (sb) => {
        const { results } = await mixedCreate(sb, 4);
        assert.deepEqual(results[4], { index: 4, error: 'RecordNotFound' });
        assert.equal('details' in results[0], false);
        assert.deepEqual((await call(sb, '/api/v2/users/1.json')).json, { error: 'RecordNotFound' });
      });
    });
  });

  describe('job results', () => {
    it('shuffled: the same entries in another order; failures keep their request index', async () => {
      await withSandbox({ jobResultOrder: 'shuffled' }, async (sb) => {
        const { results, userIds, orgId } = await mixedCreate(sb, 30);
        assert.equal(results.length, 31);
        const created = new Set(userIds.slice(1).map((id) => sb.store.findMembership(id, orgId)?.id));
        assert.deepEqual(new Set(results.filter((r) => r.status === 'Created').map((r) => r.id)), created);
        assert.deepEqual(results.filter((r) => r.error !== undefined).map((r) => r.index).sort((a, b) => Number(a) - Number(b)), [0, 30]);
        const positions = results.filter((r) => r.status === 'Created').map((r) => [...created].indexOf(r.id as number));
        assert.notDeepEqual(positions, [...positions].sort((a, b) => a - b), 'not in request order');
      });
    });

    it('drop every Nth: those items are applied but not reported', async () => {
      await withSandbox({ jobResultsDropEvery: 5 }, async (sb) => {
        const { results, userIds, orgId } = await mixedCreate(sb, 20);
        assert.equal(results.length, 21 - 4, 'the 5th, 10th, 15th and 20th entries are left out');
        assert.ok(userIds.every((id) => sb.store.findMembership(id, orgId)), 'every item was applied');
        const reported = new Set(results.map((r) => r.id));
        assert.equal(userIds.filter((id) => !reported.has(sb.store.findMembership(id, orgId)?.id)).length, 4);
      });
    });
  });

  it('answers every Nth 404 with an empty body and no content type', async () => {
    await withSandbox({ emptyNotFoundEvery: 3 }, async (sb) => {
      const answers = [];
      for (let i = 0; i < 6; i++) answers.push(await call(sb, `/api/v2/users/${i + 1}.json`));
      assert.deepEqual(answers.map((r) => r.status), [404, 404, 404, 404, 404, 404]);
      assert.deepEqual(answers.map((r) => r.text === ''), [false, false, true, false, false, true]);
      assert.equal(answers[2].headers.get('content-type'), null);
      assert.equal(answers[0].headers.get('content-type'), 'application/json; charset=utf-8');
    });
  });

  describe('rate-limit headers', () => {
    it('ratelimit (default): X-Rate-Limit, ratelimit-* and zendesk-ratelimit-autocomplete', async () => {
      await withSandbox({ rateLimit: 50, autocompleteRateLimit: 2 }, async (sb) => {
        const r = await call(sb, '/api/v2/users/autocomplete.json?name=a');
        assert.deepEqual(['x-rate-limit', 'x-rate-limit-remaining', 'ratelimit-limit', 'ratelimit-remaining'].map((h) => r.headers.get(h)), ['50', '49', '50', '49']);
        assert.match(r.headers.get('zendesk-ratelimit-autocomplete') ?? '', /^total=2; remaining=1; resets=\d+$/);
        assert.equal(r.headers.get('rate-limit'), null);
        await call(sb, '/api/v2/organizations/autocomplete.json?name=a');
        const refused = await call(sb, '/api/v2/users/autocomplete.json?name=a');
        assert.equal(refused.status, 429);
        assert.deepEqual(refused.json, { errors: [{ code: 'TooManyRequests', title: 'Too many requests to autocomplete' }] });
        assert.match(refused.headers.get('retry-after') ?? '', /^\d+$/);
        assert.equal((await call(sb, '/api/v2/users/me.json')).status, 200, 'other endpoints are not held back');
      });
    });

    it('rate-limit (2023): rate-limit-* and zendesk-rate-limit-autocomplete, no X-Rate-Limit', async () => {
      await withSandbox({ rateLimit: 50, autocompleteRateLimit: 2, rateLimitHeaders: 'rate-limit' }, async (sb) => {
        const r = await call(sb, '/api/v2/users/autocomplete.json?name=a');
        assert.deepEqual(['rate-limit', 'rate-limit-remaining'].map((h) => r.headers.get(h)), ['50', '49']);
        assert.match(r.headers.get('rate-limit-reset') ?? '', /^\d+$/);
        assert.match(r.headers.get('zendesk-rate-limit-autocomplete') ?? '', /^total=2; remaining=1; resets=\d+$/);
        assert.deepEqual(['x-rate-limit', 'ratelimit-limit', 'zendesk-ratelimit-autocomplete'].map((h) => r.headers.get(h)), [null, null, null]);
      });
    });
  });

  it('holds every API answer back by the latency (never the controls)', async () => {
    await withSandbox({ latencyMs: 60, latencyJitterMs: 20 }, async (sb) => {
      for (const path of ['/api/v2/users/me.json', '/api/v2/users/1.json']) {
        const started = performance.now();
        await call(sb, path);
        assert.ok(performance.now() - started >= 59, `${path} answered before its latency`);
      }
      assert.equal((await call(sb, '/__sandbox/state', { as: 'none' })).status, 200);
    });
  });

  describe('include on the per-organization membership list', () => {
    const listWithUsers = async (sb: Sandbox): Promise<Result> => {
      const orgId = sb.store.addOrganization({ name: 'Include Test Org' }).id;
      sb.store.createMembership(sb.store.users.idAt(5), orgId);
      sb.store.createMembership(sb.store.users.idAt(6), orgId);
      return (await call(sb, `/api/v2/organizations/${orgId}/organization_memberships.json?page[size]=10&include=users,organizations`)).json;
    };

    it('ignored by default (the spec documents include only on the account-wide and per-user lists)', async () => {
      await withSandbox({}, async (sb) => {
        const body = await listWithUsers(sb);
        assert.equal((body.organization_memberships as Result[]).length, 2);
        assert.equal(body.users, undefined);
        assert.equal(body.organizations, undefined);
      });
    });

    it('honoured: the page\'s users and organization sideloaded, as on the other two lists', async () => {
      await withSandbox({ orgMembershipsInclude: 'honoured' }, async (sb) => {
        const body = await listWithUsers(sb);
        const userIds = (body.organization_memberships as Array<{ user_id: number }>).map((m) => m.user_id).sort();
        assert.deepEqual((body.users as Array<{ id: number }>).map((u) => u.id).sort(), userIds);
        assert.deepEqual((body.organizations as Array<{ name: string }>).map((o) => o.name), ['Include Test Org']);
      });
    });

    it('refuses another value, naming the option', async () => {
      await assert.rejects(startSandbox({ orgMembershipsInclude: 'sometimes' as never }), /orgMembershipsInclude must be one of ignored, honoured/);
    });
  });

  it('records when each request arrived and when it was answered (after the latency)', async () => {
    await withSandbox({ latencyMs: 30 }, async (sb) => {
      await call(sb, '/api/v2/users/me.json');
      const [record] = sb.requests;
      assert.ok(record.answeredAt !== undefined && record.answeredAt - record.receivedAt >= 29, JSON.stringify(record));
    });
  });

  it('serves users as recorded: some without email, null alias/details/notes/two-factor for end users, photos as objects or null', async () => {
    await withSandbox({}, async (sb) => {
      const users = (await call(sb, '/api/v2/users.json?per_page=40')).json.users as Result[];
      const endUsers = users.filter((u) => u.role === 'end-user');
      assert.ok(endUsers.some((u) => u.email === null));
      assert.ok(endUsers.every((u) => u.alias === null && u.two_factor_auth_enabled === null));
      assert.ok(endUsers.filter((u) => u.details === null).length > endUsers.length / 2);
      assert.ok(endUsers.some((u) => u.last_login_at === null) && endUsers.some((u) => u.last_login_at !== null));
      const photo = users.find((u) => u.photo !== null)?.photo as Result;
      assert.match(String(photo.content_url), new RegExp(`^${sb.url}/system/photos/\\d+/`));
      assert.ok(Array.isArray(photo.thumbnails));
      assert.ok(users.filter((u) => u.photo === null).length > users.length / 2);
    });
  });

  it('refuses an unknown choice with a message naming the option', async () => {
    await assert.rejects(startSandbox({ wording: 'loud' as never }), /wording must be one of standard, varied, omitted/);
    await assert.rejects(startSandbox({ jobResultOrder: 'random' as never }), /jobResultOrder/);
    await assert.rejects(startSandbox({ latencyMs: -1 }), /latencyMs/);
  });
});
