// The layer rules of ARCHITECTURE.md are lint rules (eslint-rules/layers.mjs): a real file of each
// part, given one import that its rules forbid, fails `npm run lint`; given one they allow, it
// passes. The same for `vscode` in the files that run without it, and for the 300-line limit.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const REPO = path.resolve(__dirname, '../../..');

interface Case {
  /** A real file of the part that imports. */
  file: string;
  /** The import added at its top. */
  imports: string;
}

/** Each never of ARCHITECTURE.md, as one import that breaks it. */
const FORBIDDEN: Array<Case & { rule: RegExp }> = [
  { file: 'src/zendesk/paging.ts', imports: '../auth/accounts', rule: /src\/zendesk must not import src\/auth/ },
  { file: 'src/zendesk/paging.ts', imports: '../outsideText', rule: /src\/zendesk must not import src\/outsideText/ },
  { file: 'src/zendesk/paging.ts', imports: 'vscode', rule: /runs without VS Code/ },
  { file: 'src/webview/format.ts', imports: '../jobs/model', rule: /src\/webview imports only the panel protocol/ },
  { file: 'src/webview/format.ts', imports: '../tree/nodes', rule: /src\/webview must not import src\/tree/ },
  { file: 'src/webview/format.ts', imports: '../zendesk', rule: /src\/webview must not import src\/zendesk/ },
  { file: 'src/bulkFiles/lineNumbers.ts', imports: '../ui/bulkPreview', rule: /src\/bulkFiles must not import src\/ui/ },
  { file: 'src/bulkFiles/lineNumbers.ts', imports: '../outsideText', rule: /src\/bulkFiles must not import src\/outsideText/ },
  { file: 'src/bulkFiles/lineNumbers.ts', imports: 'vscode', rule: /runs without VS Code/ },
  { file: 'src/tree/tooltips.ts', imports: '../commands/registry', rule: /src\/tree must not import src\/commands/ },
  { file: 'src/tree/tooltips.ts', imports: '../ui/prompts', rule: /src\/tree must not import src\/ui/ },
  { file: 'src/tree/tooltips.ts', imports: '../auth/accounts', rule: /src\/tree must not import src\/auth/ },
  { file: 'src/tree/tooltips.ts', imports: '../jobs/controller', rule: /src\/tree must not import src\/jobs/ },
  { file: 'src/tree/nodes.ts', imports: 'vscode', rule: /runs without VS Code/ },
  { file: 'src/jobs/retention.ts', imports: '../tree/provider', rule: /src\/jobs must not import src\/tree/ },
  { file: 'src/jobs/retention.ts', imports: '../commands/registry', rule: /src\/jobs must not import src\/commands/ },
  { file: 'src/jobs/retention.ts', imports: '../ui/errors', rule: /src\/jobs must not import src\/ui/ },
  { file: 'src/jobs/retention.ts', imports: '../bulkFiles/plan', rule: /src\/jobs must not import src\/bulkFiles/ },
  { file: 'src/auth/pkce.ts', imports: '../tree/nodes', rule: /src\/auth must not import src\/tree/ },
  { file: 'src/auth/pkce.ts', imports: '../ui/prompts', rule: /src\/auth must not import src\/ui/ },
  { file: 'src/auth/pkce.ts', imports: '../commands/signIn', rule: /src\/auth must not import src\/commands/ },
  { file: 'src/ui/waitNotices.ts', imports: '../commands/command', rule: /src\/ui must not import src\/commands/ },
  { file: 'src/ui/waitNotices.ts', imports: '../tree/nodes', rule: /src\/ui must not import src\/tree/ },
  { file: 'src/ui/waitNotices.ts', imports: '../jobs/controller', rule: /src\/ui must not import src\/jobs/ },
  { file: 'src/commands/copyId.ts', imports: '../extension', rule: /src\/commands must not import src\/extension/ },
  { file: 'src/commands/copyId.ts', imports: '../webview/view', rule: /src\/commands must not import src\/webview/ },
  { file: 'src/commandIds.ts', imports: './zendesk', rule: /shared file of src\/ imports nothing/ },
];

/** Arrows the rules allow, so a rule that refused everything would fail here. */
const ALLOWED: Case[] = [
  { file: 'src/webview/format.ts', imports: '../jobs/panelProtocol' },
  { file: 'src/commands/copyId.ts', imports: '../tree/nodes' },
  { file: 'src/commands/copyId.ts', imports: '../jobs/controller' },
  { file: 'src/jobs/retention.ts', imports: '../auth/clients' },
  { file: 'src/ui/waitNotices.ts', imports: '../bulkFiles/rows' },
  { file: 'src/bulkFiles/lineNumbers.ts', imports: '../zendesk' },
  { file: 'src/tree/tooltips.ts', imports: '../commandIds' },
];

describe('the layer rules (lint)', function () {
  this.timeout(180_000);
  const eslint = new ESLint({ cwd: REPO });

  async function messagesFor(file: string, text: string): Promise<ESLint.LintResult['messages']> {
    const [result] = await eslint.lintText(text, { filePath: path.join(REPO, file) });
    return result.messages;
  }

  function withImport({ file, imports }: Case): string {
    return `import '${imports}';\n${fs.readFileSync(path.join(REPO, file), 'utf8')}`;
  }

  for (const forbidden of FORBIDDEN) {
    it(`refuses ${forbidden.imports} in ${forbidden.file}`, async () => {
      const messages = await messagesFor(forbidden.file, withImport(forbidden));
      const found = messages.filter((message) => message.ruleId === 'no-restricted-imports');
      assert.equal(found.length, 1, JSON.stringify(messages));
      assert.equal(found[0].line, 1);
      assert.match(found[0].message, forbidden.rule);
    });
  }

  it('allows the arrows ARCHITECTURE.md draws', async () => {
    for (const allowed of ALLOWED) {
      const messages = await messagesFor(allowed.file, withImport(allowed));
      assert.deepEqual(messages.filter((message) => message.ruleId === 'no-restricted-imports'), [], `${allowed.imports} in ${allowed.file}`);
    }
  });

  it('refuses a file of src/ over 300 lines, and takes one of 300', async () => {
    const file = 'src/jobs/retention.ts';
    const source = fs.readFileSync(path.join(REPO, file), 'utf8');
    const padded = (lines: number) => source + '// padding\n'.repeat(lines - source.split('\n').length + 1);
    assert.equal(padded(300).split('\n').length - 1, 300);
    const over = (await messagesFor(file, padded(301))).filter((message) => message.ruleId === 'max-lines');
    assert.equal(over.length, 1);
    assert.match(over[0].message, /Maximum allowed is 300/);
    assert.deepEqual((await messagesFor(file, padded(300))).filter((message) => message.ruleId === 'max-lines'), []);
  });
});
