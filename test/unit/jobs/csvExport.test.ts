import assert from 'node:assert/strict';
import { csvFileName, csvRecords, itemsToCsv, neutraliseFormula } from '../../../src/jobs/csvExport';
import type { BulkItem } from '../../../src/jobs/model';
import { parseMembershipFile } from '../../../src/bulkFiles/parseMembershipFile';

/** A minimal RFC 4180 reader, enough to check that what we write reads back cell for cell. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') { cell += '"'; index++; } else if (char === '"') { quoted = false; } else { cell += char; }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      record.push(cell); cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(cell); records.push(record); record = []; cell = ''; index++;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || record.length > 0) { record.push(cell); records.push(record); }
  return records;
}

function item(overrides: Partial<BulkItem>): BulkItem {
  return { index: 0, userId: 101, organizationId: 201, userLabel: 'Ann Example', organizationLabel: 'Acme', outcome: 'succeeded', ...overrides };
}

const HEADER = ['user_id', 'organization_id', 'membership_id', 'default', 'user_name', 'organization_name', 'status', 'reason'];

describe('jobs panel: CSV export', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    assert.equal(neutraliseFormula("=cmd|'/c calc'!A1"), "'=cmd|'/c calc'!A1");
    const hostile = ['=1+1', '+1+1', '-1+1', '@SUM(A1:A2)', '\t=1', '\r=1', '\n=1', '＝1+1', '＋1', '－1', '＠x', '\tplain', '\rplain'];
    // Whitespace first does not help: spreadsheets skip it before the formula.
    const behindWhitespace = ['=1+1', '+1', '-1', '@x', '＝1'].flatMap((formula) => [' ', '   ', '\t', '\r', '\n', '\r\n', ' \t ', '\u00A0', '\u3000', '\uFEFF'].map((space) => `${space}${formula}`));
    for (const value of [...hostile, ...behindWhitespace, " =HYPERLINK(\"https://evil.example\",\"x\")"]) {
      assert.equal(neutraliseFormula(value), `'${value}`, JSON.stringify(value));
    }
    for (const harmless of ['Acme', 'a=b', '', ' ', 'Jane Doe', ' Acme = best', 'x -1', "'quoted", '  Anne@example.com']) {
      assert.equal(neutraliseFormula(harmless), harmless);
    }
  });

  it('writes a header and one quoted record per item, hostile values intact as text', () => {
    const items = [
      item({ userLabel: "=cmd|'/c calc'!A1", organizationLabel: 'Acme, Inc.', outcome: 'failed', detail: 'He said "no"\nthen left', makeDefault: true }),
      item({ index: 1, userId: 102, userLabel: '<img src=x onerror=alert(1)>', organizationLabel: '@evil', detail: 'line\r\nbreak', membershipId: 301 }),
    ];
    const csv = itemsToCsv(items);
    assert.ok(csv.startsWith(`\uFEFF${HEADER.map((name) => `"${name}"`).join(',')}\r\n`), 'BOM, then the header');
    assert.deepEqual(parseCsv(csv.slice(1)), [
      HEADER,
      ['101', '201', '', 'true', "'=cmd|'/c calc'!A1", 'Acme, Inc.', 'failed', 'He said "no"\nthen left'],
      ['102', '201', '301', '', '<img src=x onerror=alert(1)>', "'@evil", 'succeeded', 'line\r\nbreak'],
    ]);
    assert.ok(csv.includes('"He said ""no""\nthen left"'), 'quotes doubled, newline kept inside the quoted field');
  });

  it('builds records in column order', () => {
    assert.deepEqual(csvRecords([item({ userLabel: 'u', organizationLabel: 'o', outcome: 'cancelled', detail: 'd', makeDefault: false })]), [
      HEADER,
      ['101', '201', '', 'false', 'u', 'o', 'cancelled', 'd'],
    ]);
  });

  it('reads back as the same items in Add Members in Bulk, the extra columns ignored', () => {
    const items = [
      item({ userId: 11, organizationId: 21, makeDefault: true, outcome: 'failed', detail: 'Validation failed: user is suspended', userLabel: '-Bob', organizationLabel: '=Org' }),
      item({ index: 1, userId: 12, organizationId: 21, outcome: 'failed', detail: 'TooManyJobs, "retry later"' }),
      item({ index: 2, userId: 13, organizationId: 22, makeDefault: false, outcome: 'succeeded' }),
    ];
    const parsed = parseMembershipFile(itemsToCsv(items), 'zendesk-additions.csv', 'add');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows.map((row) => ({ user: row.user?.id, organization: row.organization?.id, makeDefault: row.makeDefault })), [
      { user: 11, organization: 21, makeDefault: true },
      { user: 12, organization: 21, makeDefault: undefined },
      { user: 13, organization: 22, makeDefault: false },
    ]);
    assert.deepEqual(parsed.rows.map((row) => row.line), [2, 3, 4], 'one line per item after the header');
  });

  it('reads back as the same memberships in Remove Memberships in Bulk (by membership id)', () => {
    const items = [
      item({ membershipId: 31, userId: 11, organizationId: 21, outcome: 'failed', detail: 'RecordNotFound' }),
      item({ index: 1, membershipId: 32, userId: 12, organizationId: 21, outcome: 'cancelled' }),
    ];
    const parsed = parseMembershipFile(itemsToCsv(items), 'zendesk-removals.csv', 'remove');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows.map((row) => [row.membershipId, row.user?.id, row.organization?.id]), [[31, 11, 21], [32, 12, 21]]);
  });

  it('suggests a file name without path or reserved characters', () => {
    assert.equal(csvFileName('add-250-members-acme'), 'add-250-members-acme.csv');
    assert.equal(csvFileName('results.csv'), 'results.csv');
    assert.equal(csvFileName('../../etc/passwd'), '_.._etc_passwd.csv');
    assert.equal(csvFileName('a<b>:c"d|e?f*g\u0000h'), 'a_b_c_d_e_f_g_h.csv');
    assert.equal(csvFileName('...'), 'zendesk-job.csv');
  });
});
