// Text from outside the extension (a Zendesk name or error body, a file's name or content) goes
// through these functions before VS Code shows it, so it reads as the text it is and never forms
// a link, a command, an icon, markup or a line of its own. No `vscode` import: the bulk-file
// parser and the Jobs panel use it too. What each surface interprets (VS Code 1.96–1.139):
// - notifications and progress notifications: `[label](command:…|https://…|file:…)` becomes a
//   link (parseLinkedText); newlines become spaces; no codicons, no bare-URL links;
// - input-box prompts and validation messages: those links, and `$(icon)` codicons;
// - quick-pick labels, descriptions and details, status-bar text: `$(icon)` codicons;
// - quick-input titles and placeholders, modal dialogs, string tooltips: plain text (dialogs keep newlines);
// - Markdown (documents, MarkdownString tooltips): everything Markdown does, bare URLs and emails included.
// Everywhere, bidi controls can reorder what surrounds them (CVE-2021-42574, "Trojan Source").

/** Outside text that `literal` or `literalMarkdown` made safe to show. */
export type LiteralText = string & { readonly __literalText: true };

/** The longest piece of outside text shown in one place; longer text ends in "…". */
export const MAX_SHOWN_LENGTH = 200;

/** Joins characters without a visible gap or a line-break opportunity. */
const WORD_JOINER = '\u2060';

const LINE_BREAKS = /\r\n|[\n\r\t\v\f\u0085\u2028\u2029]/g;
/** Embeddings, overrides, isolates and the invisible marks (ALM, LRM, RLM). */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
const OTHER_CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * One line of visible text: line breaks and tabs become spaces, bidi and other control characters
 * become U+FFFD (so they are seen rather than obeyed), and text over `maxLength` characters is
 * cut with "…". Nothing else changes.
 */
export function visibleLine(value: unknown, maxLength: number = Number.POSITIVE_INFINITY): string {
  const text = String(value ?? '')
    .replace(LINE_BREAKS, ' ')
    .replace(BIDI_CONTROLS, '\uFFFD')
    .replace(OTHER_CONTROLS, '\uFFFD');
  const characters = Array.from(text);
  return characters.length > maxLength ? `${characters.slice(0, Math.max(1, maxLength - 1)).join('')}…` : text;
}

/**
 * Outside text for a notification, a progress title, a quick pick, an input box, a dialog or the
 * status bar: `visibleLine`, and an invisible word joiner between `]` and `(` and between `$` and
 * `(`, so neither a link nor a codicon can form — also not with the text around it (a piece
 * ending in `]` or `$`, or starting with `(`).
 */
export function literal(value: unknown, maxLength: number = MAX_SHOWN_LENGTH): LiteralText {
  let text = visibleLine(value, maxLength).replace(/([\]$])(?=\()/g, `$1${WORD_JOINER}`);
  if (/[\]$]$/.test(text)) {
    text += WORD_JOINER;
  }
  if (text.startsWith('(')) {
    text = WORD_JOINER + text;
  }
  return text as LiteralText;
}

/**
 * Whether `typed` is outside text `name` as a person can type it from what `literal` showed: line
 * breaks and tabs as spaces, without the control and bidi characters (shown as U+FFFD, which no one
 * types), spaces at the ends and runs of spaces not counted; a name cut for showing is matched by
 * the part that was shown.
 */
export function typedAsShown(typed: string, name: string): boolean {
  const typeable = (value: string) => visibleLine(value).replace(/\uFFFD/g, '').replace(/\s+/g, ' ').trim();
  const expected = typeable(name);
  const answer = typeable(typed);
  if (expected === '' || answer === '') return false;
  if (answer === expected) return true;
  const shown = Array.from(visibleLine(name));
  return shown.length > MAX_SHOWN_LENGTH && answer === typeable(shown.slice(0, MAX_SHOWN_LENGTH - 1).join(''));
}

/**
 * Outside text for Markdown (a document, a MarkdownString, a table cell): `visibleLine`, then every
 * ASCII punctuation character backslash-escaped (CommonMark allows it for all of them). No emphasis,
 * heading, list, table cell break (`|`), HTML, entity, code span, link, autolink, bare URL or email
 * link can form, and it renders as exactly the text.
 */
export function literalMarkdown(value: unknown, maxLength: number = MAX_SHOWN_LENGTH): LiteralText {
  return visibleLine(value, maxLength)
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, '\\$&')
    .replace(/\$\\\(/g, `$${WORD_JOINER}\\(`) as LiteralText;
}

/**
 * The elements of rendered HTML that can act — a link, an image, a script, a frame, a form control,
 * a style — and the attributes that load or run something (`href`, `src`, `on…`). The extension's
 * own Markdown documents render none of them (headings, tables, lists, code blocks only), so any
 * one found came from outside text: VS Code's Markdown preview of VS Code 1.96 (markdown-it 12)
 * links an escaped `jane\@example\.com`, because its linkify sees the text after the escapes.
 */
export function activeMarkup(html: string): string[] {
  const tags = html.match(/<[a-z][^>]*>/gi) ?? []; // text is escaped (&lt;): only real tags start with <
  const active = /^<(a|area|img|picture|source|video|audio|track|script|noscript|iframe|frame|object|embed|svg|math|form|input|button|select|textarea|style|link|meta|base)\b/i;
  const loadsOrRuns = /\s(href|src|srcset|action|formaction|xlink:href|on[a-z]+)\s*=/i;
  // A table column's alignment (`|---:|`) is markdown-it's own style attribute; any other style is not.
  const otherStyle = (tag: string) => /\sstyle\s*=/i.test(tag.replace(/\sstyle="text-align:(left|right|center)"/gi, ''));
  return tags.filter((tag) => active.test(tag) || loadsOrRuns.test(tag) || otherStyle(tag));
}
