// Reads a CSV or JSON file listing memberships to add or remove, row by row, with the line each
// row came from. Every mistake becomes a problem naming its line and column; nothing throws on
// bad input, so the caller can show all problems at once. No `vscode` here: it runs in plain Node.
import { readCsvEntries } from './csvEntries';
import { countJsonItems, readJsonEntries } from './jsonEntries';
import { type Entry, KNOWN_COLUMNS, buildRow, duplicateKey, missingColumns } from './membershipFields';
import * as l10n from '@vscode/l10n';
import { type FilePurpose, MAX_FILE_ROWS, type MembershipRow, type ParsedMembershipFile, type RowProblem } from './rows';

export interface ParseOptions {
  /** Rows that name no organization go to this one (adding from an organization's context menu). */
  defaultOrganizationId?: number;
  /** Default MAX_FILE_ROWS. */
  maxRows?: number;
}

export function parseMembershipFile(text: string, fileName: string, purpose: FilePurpose, options: ParseOptions = {}): ParsedMembershipFile {
  const content = String(text ?? '').replace(/^\uFEFF/, '');
  const format = isJson(content, fileName) ? 'json' : 'csv';
  const maxRows = options.maxRows ?? MAX_FILE_ROWS;
  try {
    return format === 'json' ? parseJson(content, purpose, options, maxRows) : parseCsv(content, purpose, options, maxRows);
  } catch (error) {
    // A bug of ours must not look like a crash of the import: report it like any problem.
    return { format, rows: [], problems: [{ line: 1, message: l10n.t('could not be read: {0}', error instanceof Error ? error.message : String(error)) }] };
  }
}

function isJson(content: string, fileName: string): boolean {
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'json' || extension === 'jsonc' || /^\s*[[{]/.test(content);
}

function expectedHeader(): string {
  return l10n.t('Expected a header row naming the columns, e.g. {0}. Known columns: {1}.', '"user_email,organization_name"', KNOWN_COLUMNS);
}

function parseCsv(content: string, purpose: FilePurpose, options: ParseOptions, maxRows: number): ParsedMembershipFile {
  if (content.includes('\u0000')) {
    return notMembershipFile('csv', 1, `${l10n.t('This is not a CSV or JSON file.')} ${expectedHeader()}`);
  }
  // The header and one record past the limit are all that is needed to know the file is too long.
  const read = readCsvEntries(content, maxRows + 2);
  if (!read.ok) {
    const problem = read.empty ? l10n.t('The file is empty.') : l10n.t('This does not look like a membership file: the first line names none of the known columns.');
    return notMembershipFile('csv', read.line, `${problem} ${expectedHeader()}`);
  }
  const lacking = missingColumns(read.header.fields, purpose, options.defaultOrganizationId !== undefined);
  if (lacking) {
    return notMembershipFile('csv', read.header.line, `${lacking} ${expectedHeader()}`);
  }
  if (read.entries.length > maxRows) {
    return { format: 'csv', rows: [], problems: [], tooManyRows: true };
  }
  return collectRows('csv', read.entries, read.problems, purpose, options);
}

function parseJson(content: string, purpose: FilePurpose, options: ParseOptions, maxRows: number): ParsedMembershipFile {
  // Counted first, without building the syntax tree: a huge file is refused before it costs memory.
  if (countJsonItems(content, maxRows + 1) > maxRows) {
    return { format: 'json', rows: [], problems: [], tooManyRows: true };
  }
  const read = readJsonEntries(content);
  if (!read.ok) {
    return notMembershipFile('json', read.problem.line, read.problem.message);
  }
  return collectRows('json', read.entries, read.problems, purpose, options);
}

/** Entries → rows, in line order, with every problem, and later duplicates refused. */
function collectRows(format: 'csv' | 'json', entries: Entry[], earlier: RowProblem[], purpose: FilePurpose, options: ParseOptions): ParsedMembershipFile {
  const rows: MembershipRow[] = [];
  const problems = [...earlier];
  const firstLineOf = new Map<string, number>();
  for (const entry of entries) {
    const built = buildRow(entry, { purpose, defaultOrganizationId: options.defaultOrganizationId });
    problems.push(...built.problems);
    if (!built.row) {
      continue;
    }
    const key = duplicateKey(built.row);
    const first = key === undefined ? undefined : firstLineOf.get(key);
    if (first !== undefined) {
      problems.push({ line: built.row.line, message: l10n.t('duplicate of line {0}', first) });
      continue;
    }
    if (key !== undefined) {
      firstLineOf.set(key, built.row.line);
    }
    rows.push(built.row);
  }
  problems.sort((a, b) => a.line - b.line);
  return { format, rows, problems };
}

function notMembershipFile(format: 'csv' | 'json', line: number, message: string): ParsedMembershipFile {
  return { format, rows: [], problems: [{ line, message }] };
}
