import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import outsideText from './eslint-rules/outside-text.js';
import { layerRules } from './eslint-rules/layers.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'sandbox/out/**', 'node_modules/**', '.e2e/**', '.vscode-test/**', '*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  ...layerRules(),
  {
    // Small files: a file over 300 lines does more than one thing.
    files: ['src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Text from Zendesk, files and error bodies reaches VS Code's surfaces only through literal()
    // (src/outsideText.ts). The rule needs types (numbers are safe, strings must be proven).
    files: ['src/**/*.ts'],
    ignores: ['src/webview/**', 'src/zendesk/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { local: { rules: { 'outside-text': outsideText } } },
    rules: {
      'local/outside-text': ['error', {
        // Functions that pass shown text on: the rule checks their callers' arguments instead.
        wrappers: [
          { name: 'pickOrganization', params: [2] }, { name: 'pickUser', params: [2] }, { name: 'pickUsers', params: [2] },
          { name: 'pickUserMembership', params: [3] }, { name: 'rowUserOrPick', params: [3] }, { name: 'chooseMembership', params: [3] },
          { name: 'importMembershipFile', params: [1] }, { name: 'ask', params: [1], kind: 'options' },
          { name: 'announceStart', params: [2] }, { name: 'acceptPreview', params: [3, 5] }, { name: 'acceptUndo', params: [3] }, { name: 'askClient', params: [2] },
          { name: 'requireNonEmpty', params: [0] }, { name: 'withCancellableProgress', params: [0] }, { name: 'withWaitingProgress', params: [0] },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'sandbox/**/*.ts', 'bench/**/*.ts', '.ci/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['eslint-rules/**/*.js', 'bench/activationControl/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }, // CommonJS, so the unit tests can require it
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly' } },
  },
);
