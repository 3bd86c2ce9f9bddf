// The worker thread behind parseInWorker (bundled on its own as dist/parseWorker.js): decodes the
// file, parses it, and posts the rows and problems back in batches, each when the host asks for
// it, then `done`.
import { parentPort, workerData } from 'node:worker_threads';
import * as l10n from '@vscode/l10n';
import { BATCH_SIZE, type ParseRequest, type WorkerMessage } from './parseInWorker';
import { parseMembershipFile } from './parseMembershipFile';

/** The host asks for each batch after it has taken in the previous one (see parseInWorker). */
function nextRequested(): Promise<void> {
  return new Promise((resolve) => parentPort?.once('message', () => resolve()));
}

async function run(request: ParseRequest): Promise<void> {
  if (request.translations) {
    l10n.config({ contents: request.translations });
  }
  const text = new TextDecoder('utf-8').decode(request.bytes);
  const parsed = parseMembershipFile(text, request.fileName, request.purpose, { defaultOrganizationId: request.defaultOrganizationId, maxRows: request.maxRows });
  const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
  for (let start = 0; start < parsed.rows.length; start += BATCH_SIZE) {
    post({ kind: 'rows', rows: parsed.rows.slice(start, start + BATCH_SIZE) });
    await nextRequested();
  }
  for (let start = 0; start < parsed.problems.length; start += BATCH_SIZE) {
    post({ kind: 'problems', problems: parsed.problems.slice(start, start + BATCH_SIZE) });
    await nextRequested();
  }
  post({ kind: 'done', format: parsed.format, ...(parsed.tooManyRows ? { tooManyRows: true as const } : {}) });
}

void run(workerData as ParseRequest);
