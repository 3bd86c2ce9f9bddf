// CSV → entries with the 1-based line each record starts on, using csv-parse's sync API.
// Records csv-parse cannot read (a quote never closed, say) become problems, and the rest of
// the file is still read.
import { parse, type CsvError, type Info } from 'csv-parse/sync';
import { type Entry, type MembershipField, fieldOfName } from './membershipFields';
import type { RowProblem } from './rows';
import * as l10n from '@vscode/l10n';
import { lineNumberAt } from './lineNumbers';

export interface CsvHeader {
  line: number;
  fields: Set<MembershipField>;
}

export type CsvEntries =
  | { ok: true; header: CsvHeader; entries: Entry[]; problems: RowProblem[] }
  | { ok: false; line: number; empty: boolean };

/** What the sync parser returns per record with `info` and `raw` on. */
interface RawRecord {
  record: string[];
  info: Info;
  raw: string;
}

/** `maxRecords`: stop after that many records (the header counts as one). */
export function readCsvEntries(text: string, maxRecords?: number): CsvEntries {
  // One line break per line, whatever the platform: csv-parse then counts lines exactly, and a
  // CRLF inside a quoted field cannot be counted twice.
  const normalized = text.replace(/\r\n?/g, '\n');
  const problems: RowProblem[] = [];
  const lineOfByte = byteToLine(normalized);
  let records: RawRecord[];
  try {
    records = parse(normalized, {
      delimiter: detectDelimiter(normalized),
      record_delimiter: '\n',
      info: true,
      raw: true,
      relax_column_count: true,
      // A stray quote inside a bare field (Bob "Bobby" Smith) is kept as text.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      ...(maxRecords !== undefined ? { to: maxRecords } : {}),
      on_skip: (error: CsvError | undefined) => {
        if (error) problems.push({ line: lineOfByte(Number(error.bytes ?? 0)), message: l10n.t('cannot be read as CSV: {0}', describeCsvError(error)) });
      },
    }) as unknown as RawRecord[];
  } catch (error) {
    // skip_records_with_error covers record errors; anything else means this is not CSV.
    const line = error && typeof error === 'object' && 'bytes' in error ? lineOfByte(Number(error.bytes)) : 1;
    return { ok: false, line, empty: false };
  }

  const rows = records.map(({ record, info, raw }) => ({ cells: record, line: startLine(info, raw) })).filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (rows.length === 0) {
    return { ok: false, line: 1, empty: problems.length === 0 };
  }
  const [headerRow, ...dataRows] = rows;
  const columns = headerRow.cells.map((cell) => ({ name: cell.trim(), field: fieldOfName(cell.trim()) }));
  const fields = new Set(columns.flatMap(({ field }) => (field ? [field] : [])));
  if (fields.size === 0) {
    return { ok: false, line: headerRow.line, empty: false };
  }
  const entries = dataRows.map(({ cells, line }): Entry => ({
    line,
    values: columns.flatMap(({ name, field }, index) => (field ? [{ name, field, value: cells[index] ?? '', line }] : [])),
  }));
  return { ok: true, header: { line: headerRow.line, fields }, entries, problems };
}

/**
 * `info.lines` is the line a record ends on; `raw` holds the record's text, with the blank lines
 * skipped before it and its final line break. The record starts as many lines before its end as
 * there are line breaks inside it.
 */
function startLine(info: Info, raw: string): number {
  const inside = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return info.lines - (inside.match(/\n/g)?.length ?? 0);
}

/** csv-parse reports positions in bytes of UTF-8; map them back to lines. */
function byteToLine(text: string): (byte: number) => number {
  const buffer = Buffer.from(text, 'utf8');
  const breaks: number[] = [];
  for (let i = 0; i < buffer.length; i++) {
    if (buffer[i] === 0x0a) breaks.push(i);
  }
  return (byte) => {
    // Skip blank lines at the position: the record itself starts after them.
    let at = byte;
    while (at < buffer.length && buffer[at] === 0x0a) at++;
    return lineNumberAt(breaks, at);
  };
}

/** Comma unless the header line has more semicolons or tabs (outside quotes). */
function detectDelimiter(text: string): string {
  const header = text.split('\n').find((line) => line.trim() !== '') ?? '';
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let quoted = false;
  for (const char of header) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return l10n.t('a quoted field is never closed (a " is missing)');
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
      return l10n.t('a quote is misplaced (quote a whole field, and double any " inside it)');
    default:
      return error.message.replace(/\s*at line \d+.*$/s, '');
  }
}
