// The layer rules of ARCHITECTURE.md as ESLint `no-restricted-imports` configurations: what each
// part of src/ may import. An import of any other part fails `npm run lint` (and so `npm test`);
// test/unit/layerRules.test.ts proves each rule reports what it forbids.

/** The parts (folders of src/), and the shared files at the root of src/ that import nothing of ours. */
export const PARTS = ['zendesk', 'bulkFiles', 'auth', 'tree', 'jobs', 'ui', 'commands', 'webview'];
export const SHARED = ['outsideText', 'countMessages', 'commandIds'];
/** Wiring: extension.ts (activation: the stand-ins) and workbench.ts (the code behind them, which uses testing.ts) put the parts together. */
export const WIRING = ['extension', 'lazyWorkbench', 'lazyTreeProvider', 'workbench', 'testing'];

/** What each part may import besides its own files. Everything else is refused. */
export const MAY_IMPORT = {
  zendesk: [],
  bulkFiles: ['zendesk'],
  auth: ['zendesk', ...SHARED],
  tree: ['zendesk', ...SHARED],
  jobs: ['zendesk', 'auth', ...SHARED],
  ui: ['zendesk', 'auth', 'bulkFiles', ...SHARED],
  commands: ['zendesk', 'auth', 'tree', 'jobs', 'ui', 'bulkFiles', ...SHARED],
  // The browser bundle: the Jobs panel protocol (one file of src/jobs, which imports only the
  // job model's types) and two shared files without `vscode`.
  webview: ['jobs/panelProtocol', 'outsideText', 'countMessages'],
};

/** Files that must run without VS Code (plain Node, a worker, the browser). */
const WITHOUT_VSCODE = [
  'src/zendesk/**/*.ts', 'src/bulkFiles/**/*.ts', 'src/webview/**/*.ts',
  'src/tree/nodes.ts', 'src/tree/organizationsModel.ts', 'src/tree/accountState.ts', 'src/tree/pagedChildren.ts', 'src/tree/userDirectory.ts',
  'src/jobs/model.ts', 'src/jobs/panelProtocol.ts',
  ...SHARED.map((name) => `src/${name}.ts`),
];

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** An import of `target` (a part, `part/file`, or a file at the root of src/) from a file one or more folders below src/. */
const importOf = (target) => `^(\\.\\./)+${escape(target)}(/|$)`;

function forbidden(part) {
  const allowed = new Set(MAY_IMPORT[part]);
  const targets = [...PARTS, ...SHARED, ...WIRING].filter((target) => target !== part && !allowed.has(target));
  const patterns = targets
    .filter((target) => !(part === 'webview' && target === 'jobs'))
    .map((target) => ({ regex: importOf(target), message: `src/${part} must not import src/${target} (ARCHITECTURE.md: the layer rules).` }));
  if (part === 'webview') {
    patterns.push({ regex: '^(\\.\\./)+jobs(/(?!panelProtocol$)|$)', message: 'src/webview imports only the panel protocol of src/jobs (ARCHITECTURE.md: the layer rules).' });
  }
  return patterns;
}

const noVscode = { name: 'vscode', message: 'This file runs without VS Code (plain Node, a worker or the browser): no vscode import (ARCHITECTURE.md).' };

export function layerRules() {
  const configs = PARTS.map((part) => ({
    files: [`src/${part}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: forbidden(part) }] },
  }));
  configs.push({
    // The shared files at the root of src/ import nothing of ours.
    files: SHARED.map((name) => `src/${name}.ts`),
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.', message: 'A shared file of src/ imports nothing of the extension (ARCHITECTURE.md).' }] }] },
  });
  // Later configurations replace a rule's options, so each file set without VS Code repeats its part's patterns.
  for (const file of WITHOUT_VSCODE) {
    const part = PARTS.find((candidate) => file.startsWith(`src/${candidate}/`));
    const patterns = part ? forbidden(part) : [{ regex: '^\\.', message: 'A shared file of src/ imports nothing of the extension (ARCHITECTURE.md).' }];
    configs.push({ files: [file], rules: { 'no-restricted-imports': ['error', { paths: [noVscode], patterns }] } });
  }
  return configs;
}
