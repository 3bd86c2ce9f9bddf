// literal() and literalMarkdown(): hostile names stay text on every surface. The link and codicon
// patterns below are VS Code's own (microsoft/vscode, MIT): src/vs/base/common/linkedText.ts
// (notifications, input-box prompts) and src/vs/base/common/iconLabels.ts (quick picks, status bar),
// as in the code-server 4.139 workbench the UI tests run. Markdown is rendered with markdown-it,
// the renderer of VS Code's Markdown preview, with HTML and linkify on.
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { MAX_SHOWN_LENGTH, activeMarkup, literal, literalMarkdown, typedAsShown, visibleLine } from '../../src/outsideText';

const NOTIFICATION_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const CODICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

const COMMAND_LINK = '[Session expired — sign in again](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)';
const HOSTILE = [
  COMMAND_LINK,
  '[docs](https://evil.example/phish "Zendesk")',
  '[x](file:///etc/passwd)',
  '$(alert) urgent $(sync~spin)',
  '<img src=x onerror=alert(1)> & <script>alert(2)</script>',
  'Mallory \u202Egnp.exe\u202C and \u2066isolated\u2069 \u200Fmark',
  'line one\nline two\r\nline three\u2028four\ttab\u0000nul\u001bescape\u0085next',
  '**bold** _em_ `code` # heading | cell | ~~gone~~ > quote - item 1. item',
  'https://evil.example www.evil.example jane@evil.example mailto:jane@evil.example <https://x.example>',
  '&lt;entity&gt; &amp; \\[escaped\\](command:x) $$math$$',
];

/** Links VS Code's notification parser finds in `text`. */
function notificationLinks(text: string): string[] {
  return [...text.matchAll(NOTIFICATION_LINK)].map((match) => match[2]);
}

function codicons(text: string): string[] {
  return [...text.matchAll(CODICON)].filter((match) => !match[1]).map((match) => match[2]);
}

/** What a reader sees: the word joiners literal() adds are invisible. */
function seen(text: string): string {
  return text.replace(/\u2060/g, '');
}

describe('literal(): outside text for notifications, quick picks, input boxes, dialogs, the status bar', () => {
  it('leaves ordinary names alone', () => {
    for (const name of ['Jane Doe', 'Acme (EMEA) — Support', 'Zoë Ångström', '山田 太郎', 'O\'Brien & Sons, Inc.', 'عبد الله', '👩‍💻 Dev team']) {
      assert.equal(literal(name), name);
    }
  });

  it('forms no notification link and no codicon, and reads as the same text', () => {
    for (const name of HOSTILE) {
      const shown = literal(name, 1000);
      assert.deepEqual(notificationLinks(shown), [], JSON.stringify(shown));
      assert.deepEqual(codicons(shown), [], JSON.stringify(shown));
      assert.equal(seen(shown), visibleLine(name), 'only invisible word joiners were added');
    }
    assert.equal(seen(literal(COMMAND_LINK, 1000)), COMMAND_LINK, 'the link text itself is shown, character for character');
  });

  it('forms no link or codicon together with the text around it', () => {
    const pieces = ['[Sign in again]', '(command:workbench.action.reloadWindow)', 'price $', '(alert)', '[a', '](command:x)'];
    for (const left of pieces) {
      for (const right of pieces) {
        for (const template of ['{0}{1}', '{0} {1}', '[{0}]({1})']) {
          const message = template.replace('{0}', literal(left)).replace('{1}', literal(right));
          if (template === '[{0}]({1})') continue; // our templates never put brackets around a placeholder
          assert.deepEqual(notificationLinks(message), [], message);
          assert.deepEqual(codicons(message), [], message);
        }
      }
    }
  });

  it('keeps a message on one line, and shows bidi and control characters instead of obeying them', () => {
    const shown = literal('Mallory \u202Egnp.exe\nsecond line\u0007', 1000);
    assert.equal(shown, 'Mallory \uFFFDgnp.exe second line\uFFFD');
    assert.doesNotMatch(literal(HOSTILE[5], 1000), /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
    // eslint-disable-next-line no-control-regex -- control characters are what must be gone
    assert.doesNotMatch(literal(HOSTILE[6], 1000), /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/);
  });

  it('cuts very long text with an ellipsis, never inside a character', () => {
    const long = `${'🦄'.repeat(150)}${'x'.repeat(5000)}`;
    const shown = literal(long);
    assert.equal(Array.from(shown).length, MAX_SHOWN_LENGTH);
    assert.ok(shown.endsWith('…'));
    assert.ok(shown.startsWith('🦄'.repeat(150)));
    assert.doesNotMatch(shown, /[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u, 'no lone surrogate');
    assert.equal(Array.from(literal('x'.repeat(40), 10)).length, 10);
  });

  it('is idempotent: text shown twice looks the same', () => {
    for (const name of HOSTILE) {
      assert.equal(literal(literal(name, 1000), 1000), literal(name, 1000));
    }
  });
});

describe('literalMarkdown(): outside text in Markdown documents and MarkdownString tooltips', () => {
  const markdown = new MarkdownIt({ html: true, linkify: true });
  const textOf = (html: string): string => html.replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\u2060/g, '').trim();

  it('renders every hostile name as exactly its text: no link, no HTML, no emphasis, no code, no heading', () => {
    for (const name of HOSTILE) {
      const html = markdown.render(`- ${literalMarkdown(name, 1000)}`);
      assert.deepEqual(html.match(/<(?!\/?(ul|li)>)[^>]*>/g) ?? [], [], `only the list item is markup: ${html}`);
      assert.equal(textOf(html), visibleLine(name).trim());
    }
  });

  it('keeps a table cell one cell, whatever the name holds', () => {
    const row = (value: string) => `| Name | ${literalMarkdown(value)} |`;
    const html = markdown.render(['| Field | Value |', '|---|---|', row('a | b | c'), row('line\nbreak'), row('`tick` | <b>bold</b>')].join('\n'));
    const cells = html.match(/<td>[\s\S]*?<\/td>/g) ?? [];
    assert.equal(cells.length, 6, html);
    assert.deepEqual(cells.filter((_, index) => index % 2 === 1).map(textOf), ['a | b | c', 'line break', '`tick` | <b>bold</b>']);
  });

  it('keeps a heading one heading', () => {
    const html = markdown.render(`# ${literalMarkdown('Acme\n# Injected heading\n[click](command:x)')}`);
    assert.equal((html.match(/<h1>/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<a |<h2/);
  });
});

describe('activeMarkup(): the check before a document opens rendered', () => {
  const markdown = new MarkdownIt({ html: true, linkify: true });

  it("finds nothing in the extension's own structure around escaped names: headings, tables, lists, a JSON code block", () => {
    const cells = HOSTILE.map((name) => `| Name | ${literalMarkdown(name, 1000)} |`);
    const document = [
      `# ${literalMarkdown(HOSTILE[0])}`, '', '| Field | Value |', '|---|---:|', ...cells, '',
      `## ${literalMarkdown('To send (2)')}`, '', ...HOSTILE.map((name) => `- ${literalMarkdown(name, 1000)}`), '',
      '```json', JSON.stringify({ name: HOSTILE[4], url: 'https://evil.example' }, null, 2), '```', '',
    ].join('\n');
    assert.deepEqual(activeMarkup(markdown.render(document)), []);
  });

  it('finds the links, images, scripts and handlers that text becomes when a renderer does not keep it literal', () => {
    // markdown-it 12 (VS Code 1.96's preview) linkifies the text after escapes: as if unescaped.
    const found = activeMarkup(markdown.render(HOSTILE.join('\n\n')));
    for (const expected of [/^<a href="command:workbench/, /^<a href="mailto:jane@evil\.example"/, /^<img src=x onerror=/, /^<script>/]) {
      assert.ok(found.some((entry) => expected.test(entry)), `${expected} among ${JSON.stringify(found)}`);
    }
    assert.deepEqual(activeMarkup('<p style="position:fixed">x</p><svg><use xlink:href="#a"/></svg><td onclick=x>'), ['<p style="position:fixed">', '<svg>', '<use xlink:href="#a"/>', '<td onclick=x>']);
  });
});

describe('typedAsShown(): a name typed to confirm, as the person saw it', () => {
  it('matches the name typed as it is', () => {
    assert.equal(typedAsShown('Acme Ltd', 'Acme Ltd'), true);
    assert.equal(typedAsShown('  Acme   Ltd ', 'Acme Ltd'), true, 'spaces at the ends and runs of spaces do not count');
  });

  it('does not match another name, a part of it, or nothing', () => {
    assert.equal(typedAsShown('Acme', 'Acme Ltd'), false);
    assert.equal(typedAsShown('acme ltd', 'Acme Ltd'), false, 'case counts');
    assert.equal(typedAsShown('', 'Acme Ltd'), false);
    assert.equal(typedAsShown('\u202E', '\u202E'), false, 'a name of controls only cannot be confirmed by typing nothing');
  });

  it('matches a name with control, bidi and line-break characters typed without them', () => {
    const name = 'Ac\u202Eme\u0007\nLtd';
    assert.equal(literal(name), 'Ac\uFFFDme\uFFFD Ltd');
    assert.equal(typedAsShown('Acme Ltd', name), true);
    assert.equal(typedAsShown(literal(name), name), true, 'a pasted copy of what was shown');
  });

  it('matches a name cut for showing by the part that was shown', () => {
    const name = `${'n'.repeat(MAX_SHOWN_LENGTH)}tail`;
    const shown = literal(name);
    assert.ok(shown.endsWith('…'));
    assert.equal(typedAsShown(shown.slice(0, -1), name), true);
    assert.equal(typedAsShown(name, name), true);
    assert.equal(typedAsShown('n'.repeat(10), name), false);
  });
});
