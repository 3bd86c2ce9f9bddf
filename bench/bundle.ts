// bundle: the sizes of what `npm run build --production` ships: dist/extension.js (loaded at
// activation), dist/webview.js (the Jobs panel, loaded in its webview) and the bundles loaded only
// when used (the bulk-file parse worker and any other lazy bundle).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Bundle } from './results';

const DIST = path.resolve(__dirname, '../../dist');

export function measureBundle(): Bundle {
  const size = (file: string): number => fs.statSync(path.join(DIST, file)).size;
  if (fs.readFileSync(path.join(DIST, 'extension.js'), 'utf8').includes('//# sourceMappingURL=')) {
    throw new Error('dist/ holds a development build (source maps): run `npm run build` (production) first');
  }
  const lazyBytes: Record<string, number> = {};
  for (const file of fs.readdirSync(DIST).filter((name) => name.endsWith('.js') && name !== 'extension.js' && name !== 'webview.js').sort()) {
    lazyBytes[file] = size(file);
  }
  return { extensionBytes: size('extension.js'), webviewBytes: size('webview.js'), lazyBytes };
}
