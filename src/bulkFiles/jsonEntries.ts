// JSON → entries with the line of each item (and of each value), using Microsoft's jsonc-parser:
// its syntax tree keeps every node's offset, which plain JSON.parse throws away. Comments and
// trailing commas are tolerated, as in VS Code's own settings files.
import { type Node, type ParseError, parseTree, printParseErrorCode, visit } from 'jsonc-parser';
import { type Entry, type EntryValue, fieldOfName } from './membershipFields';
import type { RowProblem } from './rows';
import * as l10n from '@vscode/l10n';
import { lineNumberAt } from './lineNumbers';

export type JsonEntries =
  | { ok: true; entries: Entry[]; problems: RowProblem[] }
  | { ok: false; problem: RowProblem };

/** The wrapper Zendesk's own list responses use; inside it, `id` is the membership id. */
const ZENDESK_WRAPPERS = new Set(['organization_memberships', 'organizationMemberships']);

export const JSON_SHAPE = 'a JSON array of objects such as [{"user_email": "jane@example.com", "organization_name": "Acme"}], '
  + 'or {"organization_memberships": [...]}';

export function readJsonEntries(text: string): JsonEntries {
  const lineAt = offsetToLine(text);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0 || !root) {
    // Later errors usually follow from the first; one clear message is more useful.
    const first = errors[0];
    const where = first ? lineAt(first.offset) : 1;
    const message = first
      ? l10n.t('This is not valid JSON ({0} at line {1}). Expected {2}.', words(printParseErrorCode(first.error)), where, JSON_SHAPE)
      : l10n.t('This is not valid JSON (no JSON value). Expected {0}.', JSON_SHAPE);
    return { ok: false, problem: { line: where, message } };
  }

  const located = itemsOf(root);
  if (!located) {
    return { ok: false, problem: { line: lineAt(root.offset), message: l10n.t('Expected {0}.', JSON_SHAPE) } };
  }
  const entries: Entry[] = [];
  const problems: RowProblem[] = [];
  located.items.forEach((item, index) => {
    const line = lineAt(item.offset);
    if (item.type !== 'object') {
      problems.push({ line, message: l10n.t('item {0} is not an object; expected {1}', index + 1, '{"user_email": …, "organization_name": …}') });
      return;
    }
    const values: EntryValue[] = [];
    for (const property of item.children ?? []) {
      const [keyNode, valueNode] = property.children ?? [];
      const name = typeof keyNode?.value === 'string' ? keyNode.value : '';
      const field = name === 'id' && located.zendeskShape ? 'membershipId' : fieldOfName(name);
      if (field && valueNode) {
        values.push({ name, field, value: valueOf(valueNode), line: lineAt(valueNode.offset) });
      }
    }
    entries.push({ line, values });
  });
  return { ok: true, entries, problems };
}

/**
 * How many items the file lists (as readJsonEntries finds them: the root array's elements, or
 * those of a wrapper key's array), counting no further than `stopAt`. A scan without a syntax
 * tree; a file that is not valid JSON counts what was seen before the error.
 */
export function countJsonItems(text: string, stopAt: number): number {
  let depth = 0;
  let itemsDepth = -1; // the depth of the items array's elements, once it is known
  let count = 0;
  let property: string | undefined;
  const done = new Error('counted enough');
  const value = (): void => {
    if (depth === itemsDepth && ++count >= stopAt) {
      throw done;
    }
  };
  try {
    visit(text, {
      onObjectBegin: () => { value(); depth++; },
      onObjectEnd: () => { depth--; },
      onArrayBegin: () => {
        value();
        depth++;
        if (itemsDepth < 0 && (depth === 1 || (depth === 2 && property !== undefined && (ZENDESK_WRAPPERS.has(property) || property === 'memberships')))) {
          itemsDepth = depth;
        }
      },
      onArrayEnd: () => { depth--; },
      onObjectProperty: (name) => { if (depth === 1) property = name; },
      onLiteralValue: () => value(),
    }, { allowTrailingComma: true, disallowComments: false });
  } catch (error) {
    if (error !== done) throw error;
  }
  return count;
}

function itemsOf(root: Node): { items: Node[]; zendeskShape: boolean } | undefined {
  if (root.type === 'array') {
    return { items: root.children ?? [], zendeskShape: false };
  }
  if (root.type !== 'object') {
    return undefined;
  }
  for (const property of root.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (typeof keyNode?.value === 'string' && (ZENDESK_WRAPPERS.has(keyNode.value) || keyNode.value === 'memberships') && valueNode?.type === 'array') {
      return { items: valueNode.children ?? [], zendeskShape: ZENDESK_WRAPPERS.has(keyNode.value) };
    }
  }
  return undefined;
}

/** Scalars as they are; arrays and objects as a marker the field checks will refuse. */
function valueOf(node: Node): unknown {
  return node.type === 'array' ? [] : node.type === 'object' ? {} : node.value;
}

function offsetToLine(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // \r\n counts once (at its \n); a lone \r is a line break too.
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) breaks.push(i);
  }
  return (offset) => lineNumberAt(breaks, offset);
}

/** "CommaExpected" → "comma expected". */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
