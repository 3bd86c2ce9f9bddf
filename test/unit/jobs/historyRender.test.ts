import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { type JournalEntry, groupByOperation } from '../../../src/jobs/journal';
import { HISTORY_CSV_HEADER, historyCsv, historyJson, historyMarkdown, undoMarkdown } from '../../../src/jobs/historyRender';
import { planUndo } from '../../../src/jobs/undoPlan';

const HOSTILE_USER = '=HYPERLINK("https://evil.example")';
const HOSTILE_ORG = '[Acme](command:workbench.action.terminal.new) <img src=x> | `x`';

function entry(index: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    at: Date.UTC(2026, 11, 7, 22, 0, index), operationId: `op-${index < 2 ? 'a' : 'b'}`, operation: index < 2 ? 'Add 2 members' : 'Remove Membership',
    kind: index < 2 ? 'add' : 'single', window: 'w', action: index < 2 ? 'added' : 'removed', userId: 100 + index, userName: HOSTILE_USER,
    organizationId: 7, organizationName: HOSTILE_ORG, ...extra,
  };
}

/** The Markdown's text as it renders (every escape removed). */
function unescaped(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

describe('the history as a document, CSV and JSON', () => {
  const entries = [entry(0, { asDefault: true, previousDefaultId: 8, previousDefaultName: 'Beta' }), entry(1), entry(2, { wasDefault: true })];

  it('shows operations newest first with counts, and outside names as text', () => {
    const markdown = historyMarkdown('acme.zendesk.com', groupByOperation(entries));
    const plain = unescaped(markdown);
    assert.ok(plain.indexOf('Remove Membership') < plain.indexOf('Add 2 members'), 'newest first');
    assert.match(plain, /2 added/);
    assert.match(plain, /1 removed/);
    assert.match(plain, /default before: Beta/);
    assert.match(plain, /was the default/);
    assert.ok(plain.includes(HOSTILE_ORG), 'the name reads as it is');
    assert.ok(!markdown.includes('](command:'), 'no link can form');
    assert.ok(!/(^|[^\\])</.test(markdown), 'no HTML');
    assert.ok(!/(^|[^\\])\|/.test(markdown.split('\n').filter((line) => line.startsWith('- ')).join('\n')), 'no table cell breaks');
  });

  it('lists at most so many changes one by one; the rest by their counts', () => {
    const plain = unescaped(historyMarkdown('acme.zendesk.com', groupByOperation(entries), 2));
    assert.equal(plain.split('\n').filter((line) => line.startsWith('- 2026')).length, 2);
    assert.match(plain, /2 added/);
    assert.match(plain, /Changes not listed here: 1 \(Export History… writes every change\)/);
  });

  it('says when nothing is recorded yet', () => {
    assert.match(historyMarkdown('acme.zendesk.com', []), /Nothing recorded yet/);
  });

  it('writes CSV newest first, every formula neutralised, and JSON with the same entries', () => {
    const rows = parse(historyCsv(entries), { bom: true }) as string[][];
    assert.deepEqual(rows[0], [...HISTORY_CSV_HEADER]);
    assert.deepEqual(rows.slice(1).map((row) => row[5]), ['102', '101', '100']);
    assert.ok(rows.slice(1).every((row) => row[6] === `'${HOSTILE_USER}`), 'a name starting with = is text');
    assert.equal(rows[3][12], '8');
    assert.deepEqual((JSON.parse(historyJson(entries)) as { entries: JournalEntry[] }).entries, [...entries].reverse());
  });

  it('previews an undo: what is sent, and what is skipped with why', () => {
    const plan = planUndo(entries.slice(0, 2), { of: ({ userId }) => (userId === 100 ? { id: 1, default: false } : undefined) });
    const markdown = undoMarkdown('Undo “Add 2 members”', plan);
    assert.match(unescaped(markdown), /To send \(1\)/);
    assert.match(unescaped(markdown), /Skipped: changed on the server since \(1\)\n\n- .*no longer a member \(removed since\)/);
    assert.ok(!markdown.includes('](command:'));
  });
});
