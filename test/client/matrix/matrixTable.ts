// The fault matrix as a table: operations × fault classes → pass / fix-needed / n.a., printed by the
// tests and kept in TESTING.md between markers (`npm run matrix` rewrites it there).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SandboxOptions } from 'zendesk-sandbox';
import type { CellContext } from './cellContext';
import { FAULT_CLASSES, FaultClass } from './faultClasses';

export interface MatrixRow {
  /** The user-visible operation. */
  name: string;
  /** Classes that do not apply to it, and why. */
  notApplicable: Partial<Record<FaultClass, string>>;
  /** Acts under the cell's fault and asserts Zendesk's final data, what the caller was told, and the bound. */
  run(ctx: CellContext): Promise<void>;
  sandbox?: SandboxOptions;
}

export type CellOutcome = 'pass' | 'fix-needed' | 'n.a.';

export const TESTING_MD = path.join(__dirname, '..', '..', '..', '..', 'TESTING.md');
const START = '<!-- fault-matrix:start (written by `npm run matrix`) -->';
const END = '<!-- fault-matrix:end -->';

export function cellKey(row: string, fault: FaultClass): string {
  return `${row} × ${fault}`;
}

/** The table and, under it, why each n.a. cell does not apply. */
export function renderMatrix(rows: readonly MatrixRow[], outcomes: ReadonlyMap<string, CellOutcome>): string {
  const header = `| Operation | ${FAULT_CLASSES.map((fault) => fault.label).join(' | ')} |`;
  const rule = `|---|${FAULT_CLASSES.map(() => '---').join('|')}|`;
  const lines = rows.map((row) => `| ${row.name} | ${FAULT_CLASSES.map((fault) => outcomes.get(cellKey(row.name, fault.id)) ?? '?').join(' | ')} |`);
  const counts = { pass: 0, 'fix-needed': 0, 'n.a.': 0 };
  outcomes.forEach((outcome) => counts[outcome]++);
  const reasons = rows.flatMap((row) => Object.entries(row.notApplicable).map(([fault, why]) => `- ${row.name} × ${FAULT_CLASSES.find((candidate) => candidate.id === fault)?.label}: ${why}`));
  return [
    `${rows.length} operations × ${FAULT_CLASSES.length} fault classes = ${rows.length * FAULT_CLASSES.length} cells: ${counts.pass} pass, ${counts['fix-needed']} fix-needed, ${counts['n.a.']} n.a.`,
    '',
    header, rule, ...lines,
    '',
    'Not applicable:',
    '',
    ...reasons,
  ].join('\n');
}

/** The table as TESTING.md holds it, or undefined if it has none. */
export function storedMatrix(): string | undefined {
  const text = fs.existsSync(TESTING_MD) ? fs.readFileSync(TESTING_MD, 'utf8') : '';
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  return start >= 0 && end > start ? text.slice(start + START.length, end).trim() : undefined;
}

export function writeMatrix(table: string): void {
  const text = fs.readFileSync(TESTING_MD, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) {
    throw new Error(`${TESTING_MD} has no ${START} … ${END} block`);
  }
  fs.writeFileSync(TESTING_MD, `${text.slice(0, start + START.length)}\n\n${table}\n\n${text.slice(end)}`);
}
