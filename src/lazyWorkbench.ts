// What activation loads is only src/extension.ts (dist/extension.js): it registers the commands,
// views, URI handler, serializer and authentication provider with thin stand-ins. Everything
// behind them (the HTTP client, the tree's models, the job engine, the Jobs panel, the commands)
// is src/workbench.ts, a bundle of its own (dist/workbench.js) that loadWorkbenchCode() requires the
// first time something needs it. esbuild.config.mjs makes dist/workbench.js read the modules in
// `sharedWithWorkbench` from the loaded extension bundle (one copy: instanceof and state hold),
// and the build fails if any other module would be bundled into both.
import * as l10n from '@vscode/l10n';
import * as accounts from './auth/accounts';
import * as apiTokenSunset from './auth/apiTokenSunset';
import * as authProvider from './auth/authProvider';
import * as commandIds from './commandIds';
import * as countMessages from './countMessages';
import * as outsideText from './outsideText';
import * as storedKeys from './jobs/storedKeys';
import * as readOnlyDocuments from './ui/readOnlyDocuments';
import * as sunsetReminders from './ui/sunsetReminders';

export const sharedWithWorkbench = { l10n, accounts, apiTokenSunset, authProvider, commandIds, countMessages, outsideText, storedKeys, readOnlyDocuments, sunsetReminders };

export type WorkbenchCode = typeof import('./workbench');

let workbenchCode: WorkbenchCode | undefined;

export function loadWorkbenchCode(): WorkbenchCode {
  // In dist/extension.js this is require("./workbench.js"); compiled by tsc (tests) it is the module itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  workbenchCode ??= require('./workbench') as WorkbenchCode;
  return workbenchCode;
}
