// bundle: the sizes of what `npm run build --production` ships: dist/extension.js (loaded at
// activation), dist/webview.js (the Jobs panel, loaded in its webview) and the bundles loaded only
// when used (dist/workbench.js when a view first shows rows or a command runs, dist/bulk.js for
// bulk operations, the bulk-file parse worker); firstViewBytes is what a first look at the tree loads.
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
  const extensionBytes = size('extension.js');
  return { extensionBytes, webviewBytes: size('webview.js'), firstViewBytes: extensionBytes + size('workbench.js'), lazyBytes };
}
