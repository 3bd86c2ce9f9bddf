// The CSV of one operation's results, in the format Add Members in Bulk and Remove Memberships in
// Bulk read (src/bulkFiles/): ids first, then names, the status and Zendesk's reason as columns
// the readers ignore, so the failed rows can be fed back as they are. User and organization names
// come from Zendesk, so a cell must never be read as a formula when the file is opened in a
// spreadsheet. No `vscode` import.
import { stringify } from 'csv-stringify/sync';
import type { BulkItem } from './model';

/**
 * The readers use user_id, organization_id, membership_id (removals) and default (additions); an
 * id decides over a name, so organization_name only helps a person. user_name, status and reason
 * are not columns the readers know, and they ignore them.
 */
export const CSV_HEADER: readonly string[] = ['user_id', 'organization_id', 'membership_id', 'default', 'user_name', 'organization_name', 'status', 'reason'];

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

export function csvRecords(items: readonly BulkItem[]): string[][] {
  return [
    [...CSV_HEADER],
    ...items.map((item) => [
      item.userId, item.organizationId, item.membershipId ?? '', item.makeDefault === undefined ? '' : String(item.makeDefault),
      item.userLabel, item.organizationLabel, item.outcome, item.detail ?? '',
    ].map((cell) => neutraliseFormula(String(cell)))),
  ];
}

/** RFC 4180 (CRLF, every field quoted) with a BOM so Excel reads non-ASCII names as UTF-8. */
export function itemsToCsv(items: readonly BulkItem[]): string {
  return stringify(csvRecords(items), { bom: true, quoted: true, record_delimiter: 'windows' });
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
