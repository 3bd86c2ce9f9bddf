// Counted messages: each reads "1 member", never "1 members". Every message of the bundle that
// puts a count before a noun must come from src/countMessages.ts, where each has a form for one;
// and every function there, given 1, renders no "1 <plural noun>" (given 2, no "2 <singular>").
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { countMessages } from '../../src/countMessages';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const NOUNS = '(?:members?|memberships?|items?|rows?|lines?|jobs?|days?|operations?|users?|organizations?)';
const ADJECTIVE = '(?:invalid |selected |bulk |Zendesk )?';
/** A count placeholder followed by a countable noun (maybe after an adjective or "Zendesk"). */
const COUNTED = new RegExp(`\\{\\d\\} ${ADJECTIVE}${NOUNS}\\b`, 'i');
const ONE_PLURAL = new RegExp(`\\b1 ${ADJECTIVE}${NOUNS.replace(/\?/g, '')}\\b`, 'i');
const TWO_SINGULAR = new RegExp(`\\b2 ${ADJECTIVE}${NOUNS.replace(/s\?/g, '')}\\b(?!s)`, 'i');

type CountMessage = (...args: Array<number | string>) => string;

describe('counted messages', () => {
  const entries = Object.entries(countMessages as Record<string, CountMessage>);

  it('render a count of 1 with the singular noun', () => {
    assert.ok(entries.length >= 15, `${entries.length} counted messages`);
    for (const [name, message] of entries) {
      const text = message(...Array<number>(message.length).fill(1));
      assert.doesNotMatch(text, ONE_PLURAL, `${name}(1…): ${text}`);
      assert.doesNotMatch(text, /\{\d\}/, `${name}(1…) fills every placeholder: ${text}`);
    }
  });

  it('render a count of 2 with the plural noun', () => {
    for (const [name, message] of entries) {
      const text = message(...Array<number>(message.length).fill(2));
      assert.doesNotMatch(text, TWO_SINGULAR, `${name}(2…): ${text}`);
    }
  });

  it('the examples the issue saw read right', () => {
    assert.equal(countMessages.willBeAdded(1, 1), '1 membership will be added in 1 Zendesk job.');
    assert.equal(countMessages.addButton(1), 'Add 1 Member');
    assert.equal(countMessages.invalidLinesSkipped(1), '1 invalid line will be skipped:');
    assert.equal(countMessages.willBeAdded(250, 3), '250 memberships will be added in 3 Zendesk jobs.');
  });

  it('every bundle message that counts a noun comes from src/countMessages.ts', async function () {
    this.timeout(60_000); // tree-sitter parses the source
    const bundle = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    const source = fs.readFileSync(path.join(REPO_ROOT, 'src', 'countMessages.ts'), 'utf8');
    const ours = new Set(Object.keys(await getL10nJson([{ extension: '.ts', contents: source }])));
    const counted = Object.keys(bundle).filter((key) => COUNTED.test(key));
    assert.ok(counted.length >= 10, `the pattern finds counted messages (${counted.length})`);
    assert.deepEqual(counted.filter((key) => !ours.has(key)), [], 'counted messages outside src/countMessages.ts (they have no form for one)');
  });
});
