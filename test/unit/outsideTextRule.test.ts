// The lint rule that keeps outside text literal (eslint-rules/outside-text.js): it must pass code
// that wraps Zendesk and file text in literal(), and fail code that shows it directly — both on
// small snippets and on a real source file with one literal() taken out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parser } from 'typescript-eslint';
import { ESLint, RuleTester, type Rule } from 'eslint';

const REPO = path.resolve(__dirname, '../../..');
const FIXTURES = path.join(REPO, 'test/unit/fixtures/outside-text');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule is CommonJS, as ESLint loads it
const rule = require(path.join(REPO, 'eslint-rules/outside-text.js')) as Rule.RuleModule;

// What the snippets may use, declared the way the extension's modules see them.
const PRELUDE = `
type LiteralText = string & { readonly __literalText: true };
declare function literal(value: unknown, maxLength?: number): LiteralText;
declare function literalMarkdown(value: unknown, maxLength?: number): LiteralText;
declare const vscode: { window: any; l10n: { t(message: string, ...args: Array<string | number | boolean>): string } };
declare const prompter: { info(m: string, ...a: string[]): void; error(m: string, ...a: string[]): void; pick(items: unknown[], options: unknown): void; input(options: unknown): void; search(options: unknown): void };
declare const documents: { show(authority: string, path: string, content: string): void };
declare const markdown: { appendMarkdown(value: string): void };
interface StatusBarItem { text: string; tooltip: string }
declare const statusItem: StatusBarItem;
declare const user: { id: number; name: string; email?: string };
declare const organization: { id: number; name: string; external_id?: string };
declare const users: Array<{ id: number; name: string }>;
declare const error: Error;
`;

const filename = path.join(FIXTURES, 'file.ts');
const valid = (code: string) => ({ name: `passes: ${code}`, code: PRELUDE + code, filename });
const invalid = (code: string, errors: number) => ({
  name: `fails: ${code}`, code: PRELUDE + code, filename, errors: Array.from({ length: errors }, () => ({ messageId: 'unproven' })),
});

describe('lint rule local/outside-text', () => {
  // CI=true makes typescript-eslint build its program once from the files on disk, so the types
  // would come from file.ts rather than from each snippet; the tester needs one program per snippet.
  const tester = new RuleTester({
    languageOptions: {
      parser,
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: FIXTURES, disallowAutomaticSingleRunInference: true },
    },
  });

  tester.run('outside-text', rule, {
    valid: [
      valid(`vscode.window.showInformationMessage(vscode.l10n.t('Added {0} to {1}.', literal(user.name), literal(organization.name)));`),
      valid(`prompter.info(vscode.l10n.t('{0} members, the first is user {1}', users.length, user.id), vscode.l10n.t('Show'));`),
      valid(`const title = vscode.l10n.t('Add Members to {0}', literal(organization.name)); prompter.pick([{ label: title, detail: \`$(person) \${literal(user.email)}\` }], { title });`),
      valid(`prompter.pick(users.map((u) => ({ label: literal(u.name), description: String(u.id) })), { placeHolder: 'Who?' });`),
      valid(`vscode.window.withProgress({ location: 15, title: vscode.l10n.t('Removing {0}…', literal(user.name)) }, async () => undefined);`),
      valid(`markdown.appendMarkdown(\`### \${literalMarkdown(organization.name)}\\n\\n\`);`),
      valid(`/** @literalText */ function describe(): string { return vscode.l10n.t('{0} ({1})', literal(user.name), user.id); } prompter.error(describe());`),
      valid(`const lines = [vscode.l10n.t('Header')]; lines.push(literal(error.message)); prompter.info(lines.join(' '));`),
      valid(`statusItem.text = \`$(sync~spin) \${vscode.l10n.t('{0} running', users.length)}\`;`),
      valid(`prompter.input({ title: 'Sign in', value: user.email, validateInput: (text: string) => (text ? undefined : literal(text)) });`),
    ],
    invalid: [
      invalid(`vscode.window.showInformationMessage(vscode.l10n.t('Added {0}.', user.name));`, 1),
      invalid(`prompter.error(\`Couldn't add: \${error.message}\`);`, 1),
      invalid(`prompter.pick(users.map((u) => ({ label: u.name })), {});`, 1),
      invalid(`vscode.window.withProgress({ location: 15, title: vscode.l10n.t('Adding {0} to {1}…', literal(user.name), organization.name) }, async () => undefined);`, 1),
      invalid(`const lines = ['Problems:']; lines.push(user.name); prompter.info(lines.join(' '));`, 1),
      invalid(`/** @literalText */ function describe(): string { return user.name; }`, 1),
      invalid(`statusItem.tooltip = vscode.l10n.t('Adding {0}', organization.name);`, 1),
      invalid(`documents.show('acme', '/x.md', \`# \${organization.name}\`);`, 1),
      invalid(`markdown.appendMarkdown(\`**\${literal(organization.name)}** \${organization.external_id}\`);`, 1),
      invalid(`prompter.input({ prompt: vscode.l10n.t('Name for {0}', organization.name) });`, 1),
      invalid(`prompter.search({ title: 'Users', search: async () => users.map((u) => ({ label: u.name })) });`, 1),
      invalid(`function announce(message: string) { prompter.info(message); } announce(user.name);`, 1),
    ],
  });

  it('fails the real addMember.ts once one literal() is taken out, and passes it as it is', async function () {
    this.timeout(120_000);
    const file = path.join(REPO, 'src/commands/addMember.ts');
    const source = fs.readFileSync(file, 'utf8');
    const broken = source.replace("vscode.l10n.t('Added {0} to {1}.', literal(user.name), literal(organization.name))", "vscode.l10n.t('Added {0} to {1}.', user.name, literal(organization.name))");
    assert.notEqual(broken, source, 'the test found the line it breaks');
    const eslint = new ESLint({ cwd: REPO });
    const [asIs] = await eslint.lintText(source, { filePath: file });
    assert.deepEqual(asIs.messages.map((message) => message.message), []);
    const [result] = await eslint.lintText(broken, { filePath: file });
    const found = result.messages.filter((message) => message.ruleId === 'local/outside-text');
    assert.equal(found.length, 1, JSON.stringify(result.messages));
    assert.equal(found[0].line, broken.split('\n').findIndex((line) => line.includes("'Added {0} to {1}.', user.name")) + 1);
  });
});
