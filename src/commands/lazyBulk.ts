// Bulk operations are a bundle of their own, dist/bulk.js: the job engine and its controller, the
// Jobs panel, Zendesk's job queue, the bulk commands (choosing users or reading a file, planning
// against Zendesk, the preview), Show Jobs, Resume Jobs and Export Memberships. loadBulkCode()
// requires it the first time one of those commands runs, the Jobs panel is restored or an
// operation left running must resume, so neither activation nor the first use of the views reads
// or compiles it. esbuild.config.mjs builds it from ./bulkEntry.ts and makes its imports of the
// modules in `sharedWithBulk` read the copy in dist/workbench.js (which loads it; see
// src/lazyWorkbench.ts), so the classes checked with instanceof (ZendeskError, Cancelled,
// NotSignedInError, …) and @vscode/l10n's configuration are the same objects in every bundle; the
// build fails if any other module would be bundled twice.
import * as l10n from '@vscode/l10n';
import * as commandIds from '../commandIds';
import * as countMessages from '../countMessages';
import * as outsideText from '../outsideText';
import * as clients from '../auth/clients';
import * as oauthSession from '../auth/oauthSession';
import * as storedKeys from '../jobs/storedKeys';
import * as nodes from '../tree/nodes';
import * as treeItems from '../tree/treeItems';
import * as cancellableProgress from '../ui/cancellableProgress';
import * as cancelled from '../ui/cancelled';
import * as pickers from '../ui/pickers';
import * as ticketImpact from '../ui/ticketImpact';
import * as zendesk from '../zendesk';
import * as command from './command';

export const sharedWithBulk = { l10n, clients, oauthSession, storedKeys, commandIds, countMessages, outsideText, nodes, treeItems, pickers, cancellableProgress, cancelled, ticketImpact, zendesk, command };

export type BulkCode = typeof import('./bulkEntry');

let bulkCode: BulkCode | undefined;

export function loadBulkCode(): BulkCode {
  // In dist/workbench.js this is require("./bulk.js"); compiled by tsc (tests) it is the module itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  bulkCode ??= require('./bulkEntry') as BulkCode;
  return bulkCode;
}
