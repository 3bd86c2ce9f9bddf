// What a membership file holds once read: rows to add or remove, and problems by line. Every
// reader and planner of a bulk file shares these types (and the row limit); this file imports
// nothing of its own folder, so the pipeline has no import cycle. No `vscode` import.
import * as l10n from '@vscode/l10n';

/** The most rows (CSV records or JSON items) one file may have: a clear limit, not an exhausted editor. */
export const MAX_FILE_ROWS = 100_000;

export type FilePurpose = 'add' | 'remove';

export interface UserRef {
  id?: number;
  email?: string;
}

export interface OrganizationRef {
  id?: number;
  name?: string;
  externalId?: string;
}

export interface MembershipRow {
  /** 1-based line in the file where the row (CSV record or JSON object) starts. */
  line: number;
  user?: UserRef;
  organization?: OrganizationRef;
  /** Add files: make this the user's default organization. */
  makeDefault?: boolean;
  /** Remove files: the membership to delete. */
  membershipId?: number;
}

/** `message` does not repeat the line; show it as `line 7: <message>` (describeRowProblem). */
export interface RowProblem {
  line: number;
  /** The column or key as written in the file, when one value is at fault. */
  field?: string;
  message: string;
}

export interface ParsedMembershipFile {
  format: 'csv' | 'json';
  /** Valid rows only, in file order, without duplicates. */
  rows: MembershipRow[];
  problems: RowProblem[];
  /** Set when the file has more rows than `maxRows`: it was not read further, and nothing is in `rows`. */
  tooManyRows?: true;
}

/** "line 7: not a number: "x"". The message may quote the file: whoever shows it shows it as outside text. */
export function describeRowProblem(problem: RowProblem): string {
  return l10n.t('line {0}: {1}', problem.line, problem.message);
}
