// The CSV of one operation's results. User and organization names come from Zendesk, so a cell
// must never be read as a formula when the file is opened in a spreadsheet. No `vscode` import.
import { stringify } from 'csv-stringify/sync';
import type { ItemRow } from './model';

export const CSV_HEADER: readonly string[] = ['user', 'organization', 'outcome', 'detail'];

/**
 * Spreadsheets treat a cell starting with = + - @ (or their full-width forms) as a formula, also
 * after leading whitespace (spaces, no-break and ideographic spaces, tabs, line breaks: Excel and
 * LibreOffice skip it), and a cell starting with a tab or a line break is suspect on its own.
 * A leading apostrophe makes it text (OWASP "CSV injection").
 */
const FORMULA_START = /^\s*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r\n]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvRecords(rows: readonly ItemRow[]): string[][] {
  return [
    [...CSV_HEADER],
    ...rows.map((row) => [row.user, row.organization, row.outcome, row.detail].map((cell) => neutraliseFormula(String(cell ?? '')))),
  ];
}

/** RFC 4180 (CRLF, every field quoted) with a BOM so Excel reads non-ASCII names as UTF-8. */
export function rowsToCsv(rows: readonly ItemRow[]): string {
  return stringify(csvRecords(rows), { bom: true, quoted: true, record_delimiter: 'windows' });
}

/** A safe default file name: no path separators or characters Windows rejects, ends in .csv. */
export function csvFileName(name: string): string {
  const base = name
    .replace(/\.csv$/i, '')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 120);
  return `${base || 'zendesk-job'}.csv`;
}
