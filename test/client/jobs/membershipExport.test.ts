import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { parseMembershipFile } from '../../../src/bulkFiles/parseMembershipFile';
import { type ExportFormat, type ExportScope, exportMemberships } from '../../../src/jobs/membershipExport';
import { Harness, startHarness } from '../harness';

/** A sink that keeps the chunks (a file in the extension), to see what was written and when. */
function memorySink(): { chunks: string[]; text(): string; write(chunk: string): Promise<void> } {
  const chunks: string[] = [];
  return { chunks, text: () => chunks.join(''), async write(chunk) { chunks.push(chunk); } };
}

describe('exporting memberships against the sandbox', () => {
  let harness: Harness;

  before(async () => {
    harness = await startHarness({ orgs: 6, users: 60, bigOrgMembers: 250 });
  });
  after(() => harness.close());
  beforeEach(() => {
    harness.sandbox.requests.length = 0;
  });

  const run = async (scope: ExportScope, format: ExportFormat) => {
    const sink = memorySink();
    const progress: number[] = [];
    const written = await exportMemberships(harness.client, scope, format, sink, { onProgress: (count) => progress.push(count) });
    return { sink, written, progress };
  };

  it("an organization's 251 members to CSV: a page per write, formula-safe names, read back by the bulk reader with every id and default", async () => {
    const { store } = harness.sandbox;
    const organization = store.getOrganization(store.organizations.at(0).id)!;
    const trap = store.addUser({ name: '=HYPERLINK("http://evil.example","click")', email: 'trap@example.org' });
    store.createMembership(trap.id, organization.id);
    store.makeDefault(store.membershipsOfOrg(organization.id)[5].id);
    const members = store.membershipsOfOrg(organization.id);
    assert.equal(members.length, 251);
    assert.ok(members.some((m) => m.default) && members.some((m) => !m.default), 'defaults of both kinds');

    const { sink, written, progress } = await run({ kind: 'organization', organization }, 'csv');
    assert.equal(written, 251);
    assert.deepEqual(progress, [100, 200, 251], 'one write per page of 100');
    assert.equal(sink.chunks.length, 3);
    assert.ok(sink.chunks[0].startsWith('\uFEFF"user_id","organization_id","membership_id","default","user_name","organization_name","user_email"\r\n'));
    const [header, ...records] = parse(sink.text(), { bom: true }) as string[][];
    const nameOf = (record: string[]) => record[header.indexOf('user_name')];
    const trapRow = records.find((record) => Number(record[0]) === trap.id)!;
    assert.equal(nameOf(trapRow), `'${trap.name}`, 'a formula becomes text');

    const parsed = parseMembershipFile(sink.text(), 'members.csv', 'add');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows.map((row) => [row.user?.id, row.organization?.id, row.makeDefault]).sort(),
      members.map((m) => [m.user_id, organization.id, m.default]).sort());
    const removal = parseMembershipFile(sink.text(), 'members.csv', 'remove');
    assert.deepEqual(removal.rows.map((row) => row.membershipId).sort(), members.map((m) => m.id).sort(), 'a removal reads the membership ids');
  });

  it("a user's memberships to JSON, with the organizations' names, read back by the bulk reader", async () => {
    const { store } = harness.sandbox;
    const user = store.users.at(9);
    const memberships = store.membershipsOfUser(user.id);
    assert.ok(memberships.length >= 1);
    const { sink, written } = await run({ kind: 'user', user }, 'json');
    assert.equal(written, memberships.length);
    const items = JSON.parse(sink.text()) as Array<Record<string, unknown>>;
    assert.deepEqual(items.map((item) => [item.organization_id, item.organization_name, item.user_email, item.default]),
      memberships.map((m) => [m.organization_id, store.getOrganization(m.organization_id)!.name, user.email, m.default]));
    const parsed = parseMembershipFile(sink.text(), 'user.json', 'add');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows.map((row) => row.organization?.id), memberships.map((m) => m.organization_id));
  });

  it('the whole account through the cursor-paged list with users and organizations sideloaded: every membership once, no other request', async () => {
    const { store } = harness.sandbox;
    const expected = new Set<number>();
    for (let i = 0; i < store.organizations.count; i++) store.membershipsOfOrg(store.organizations.idAt(i)).forEach((m) => expected.add(m.id));
    const { sink, written } = await run({ kind: 'account' }, 'csv');
    const [header, ...records] = parse(sink.text(), { bom: true }) as string[][];
    const ids = records.map((record) => Number(record[header.indexOf('membership_id')]));
    assert.equal(written, expected.size);
    assert.deepEqual(new Set(ids), expected);
    assert.equal(ids.length, expected.size, 'each once');
    assert.ok(records.every((record) => record[header.indexOf('organization_name')] !== ''), 'every row names its organization');
    const paths = new Set(harness.sandbox.requests.map((request) => request.path));
    assert.deepEqual([...paths], ['/api/v2/organization_memberships'], 'names came with the pages');
    assert.ok(harness.sandbox.requests.every((request) => /include=users%2Corganizations|include=users,organizations/.test(request.query)));
  });

  it('an empty organization: a file with the header only, and an empty JSON array', async () => {
    const organization = harness.sandbox.store.addOrganization({ name: 'Nobody Here' });
    const csv = await run({ kind: 'organization', organization }, 'csv');
    assert.equal(csv.written, 0);
    assert.deepEqual(parse(csv.sink.text(), { bom: true }), [['user_id', 'organization_id', 'membership_id', 'default', 'user_name', 'organization_name', 'user_email']]);
    const json = await run({ kind: 'organization', organization }, 'json');
    assert.deepEqual(JSON.parse(json.sink.text()), []);
  });

  it('stops at the next page once aborted: no request after the abort', async () => {
    const organization = harness.sandbox.store.getOrganization(harness.sandbox.store.organizations.at(0).id)!;
    const abort = new AbortController();
    const sink = memorySink();
    await assert.rejects(exportMemberships(harness.client, { kind: 'organization', organization }, 'csv', sink, {
      signal: abort.signal,
      onProgress: (count) => { if (count >= 100) abort.abort(); },
    }), (error: unknown) => (error as Error).name === 'AbortError');
    assert.equal(harness.requestsTo(/organization_memberships/).length, 1, 'one page read, none after');
  });
});
