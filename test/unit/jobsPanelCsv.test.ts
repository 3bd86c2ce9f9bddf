import assert from 'node:assert/strict';
import { csvFileName, csvRecords, neutraliseFormula, rowsToCsv } from '../../src/jobs/csvExport';
import type { ItemRow } from '../../src/jobs/model';

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

function row(overrides: Partial<ItemRow>): ItemRow {
  return { index: 0, user: 'Ann Example', organization: 'Acme', outcome: 'succeeded', detail: '', ...overrides };
}

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

  it('writes a header and one quoted record per row, hostile values intact as text', () => {
    const rows = [
      row({ user: "=cmd|'/c calc'!A1", organization: 'Acme, Inc.', outcome: 'failed', detail: 'He said "no"\nthen left' }),
      row({ index: 1, user: '<img src=x onerror=alert(1)>', organization: '@evil', detail: 'line\r\nbreak' }),
    ];
    const csv = rowsToCsv(rows);
    assert.ok(csv.startsWith('\uFEFF"user","organization","outcome","detail"\r\n'), 'BOM, then the header');
    assert.deepEqual(parseCsv(csv.slice(1)), [
      ['user', 'organization', 'outcome', 'detail'],
      ["'=cmd|'/c calc'!A1", 'Acme, Inc.', 'failed', 'He said "no"\nthen left'],
      ["<img src=x onerror=alert(1)>", "'@evil", 'succeeded', 'line\r\nbreak'],
    ]);
    assert.ok(csv.includes('"He said ""no""\nthen left"'), 'quotes doubled, newline kept inside the quoted field');
  });

  it('builds records in column order', () => {
    assert.deepEqual(csvRecords([row({ user: 'u', organization: 'o', outcome: 'cancelled', detail: 'd' })]), [
      ['user', 'organization', 'outcome', 'detail'],
      ['u', 'o', 'cancelled', 'd'],
    ]);
  });

  it('suggests a file name without path or reserved characters', () => {
    assert.equal(csvFileName('add-250-members-acme'), 'add-250-members-acme.csv');
    assert.equal(csvFileName('results.csv'), 'results.csv');
    assert.equal(csvFileName('../../etc/passwd'), '_.._etc_passwd.csv');
    assert.equal(csvFileName('a<b>:c"d|e?f*g\u0000h'), 'a_b_c_d_e_f_g_h.csv');
    assert.equal(csvFileName('...'), 'zendesk-job.csv');
  });
});
