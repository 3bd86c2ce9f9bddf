// Membership files parsed in a worker thread: the same result as in the calling thread, the row
// limit for CSV and JSON (refused without reading on), localized messages, failures and aborts.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { MAX_FILE_ROWS, parseInWorker, type ParseRequest } from '../../../src/bulkFiles/parseInWorker';
import { parseMembershipFile } from '../../../src/bulkFiles/parseMembershipFile';
import { countJsonItems } from '../../../src/bulkFiles/jsonEntries';

// tsc puts the worker next to this file's sources in out/; the extension uses dist/parseWorker.js.
const WORKER = path.resolve(__dirname, '../../../src/bulkFiles/parseWorker.js');

const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const request = (text: string, fileName: string, extra: Partial<ParseRequest> = {}): ParseRequest => ({ bytes: bytesOf(text), fileName, purpose: 'add', ...extra });

function csvRows(count: number): string {
  return ['user_id,organization_id', ...Array.from({ length: count }, (_, index) => `${index + 1},7`)].join('\n');
}

function jsonItems(count: number, wrapped = false): string {
  const items = Array.from({ length: count }, (_, index) => `{"user_id":${index + 1},"organization_id":7,"tags":[1,2,{"x":[3]}]}`).join(',\n');
  return wrapped ? `{"count": ${count}, "organization_memberships": [\n${items}\n]}` : `[\n${items}\n]`;
}

describe('parsing a membership file in a worker thread', function () {
  this.timeout(60_000);

  it('gives exactly what parsing in the thread gives: rows, problems by line, duplicates (in batches)', async () => {
    const lines = ['user_email,organization_id,default'];
    for (let index = 0; index < 5_500; index++) {
      lines.push(index % 500 === 7 ? `not-an-email,7,yes` : index % 700 === 3 ? 'a0@example.com,7,' : `a${index}@example.com,${index % 9 + 1},${index % 2 ? 'true' : ''}`);
    }
    const text = lines.join('\r\n');
    const inThread = parseMembershipFile(text, 'members.csv', 'add');
    assert.ok(inThread.rows.length > 4_000 && inThread.problems.length > 10, 'the file has rows and problems');
    assert.deepEqual(await parseInWorker(WORKER, request(text, 'members.csv')), inThread);
  });

  it(`refuses a CSV of more than ${MAX_FILE_ROWS} rows, and reads one of exactly that many`, async () => {
    const over = await parseInWorker(WORKER, request(csvRows(MAX_FILE_ROWS + 1), 'big.csv'));
    assert.equal(over.tooManyRows, true);
    assert.deepEqual(over.rows, []);
    const exact = await parseInWorker(WORKER, request(csvRows(MAX_FILE_ROWS), 'big.csv'));
    assert.equal(exact.tooManyRows, undefined);
    assert.equal(exact.rows.length, MAX_FILE_ROWS);
    assert.deepEqual(exact.rows.at(-1), { line: MAX_FILE_ROWS + 1, user: { id: MAX_FILE_ROWS }, organization: { id: 7 } });
  });

  it('refuses a JSON file of more items than the limit, bare or in Zendesk\'s wrapper', async () => {
    for (const wrapped of [false, true]) {
      assert.equal((await parseInWorker(WORKER, request(jsonItems(1_001, wrapped), 'big.json', { maxRows: 1_000 }))).tooManyRows, true);
      const exact = await parseInWorker(WORKER, request(jsonItems(1_000, wrapped), 'big.json', { maxRows: 1_000 }));
      assert.equal(exact.tooManyRows, undefined);
      assert.equal(exact.rows.length, 1_000);
    }
  });

  it('counts JSON items without building a tree: nested arrays and objects are not items', () => {
    assert.equal(countJsonItems(jsonItems(25), 1_000), 25);
    assert.equal(countJsonItems(jsonItems(25, true), 1_000), 25);
    assert.equal(countJsonItems(jsonItems(25), 10), 10, 'stops counting at the limit');
    assert.equal(countJsonItems('[1, "two", null, [3, 4], {"a": [5]}]', 100), 5);
    assert.equal(countJsonItems('{"other": [1, 2, 3]}', 100), 0);
  });

  it('says its problems in the language of the bundle it is given', async () => {
    const parsed = await parseInWorker(WORKER, request('', 'empty.csv', { translations: { 'The file is empty.': 'Le fichier est vide.' } }));
    assert.match(parsed.problems[0].message, /^Le fichier est vide\./);
  });

  it('rejects when the worker cannot run, and when the import is cancelled', async () => {
    await assert.rejects(parseInWorker(path.join(__dirname, 'no-such-worker.js'), request(csvRows(3), 'x.csv')));
    const controller = new AbortController();
    const parsing = parseInWorker(WORKER, request(csvRows(MAX_FILE_ROWS), 'x.csv'), controller.signal);
    controller.abort(new Error('cancelled by the user'));
    await assert.rejects(parsing, /cancelled by the user/);
  });

  it('takes bytes that are a view into a larger buffer (as a pooled Buffer is)', async () => {
    const pool = Buffer.alloc(4096, 0x20);
    const text = csvRows(3);
    const written = pool.write(text, 100);
    const parsed = await parseInWorker(WORKER, { bytes: pool.subarray(100, 100 + written), fileName: 'pooled.csv', purpose: 'add' });
    assert.equal(parsed.rows.length, 3);
    assert.equal(pool.length, 4096, 'the caller\'s buffer was not handed over');
  });
});
