// Reads a membership file in a worker thread, so that decoding and parsing even a 20 MB file
// never holds up the extension host: the editor, the tree and other extensions keep working.
// Rows come back in batches, one per turn of the event loop (a structured clone of 100,000 rows
// at once would itself stall the host). No `vscode` import: the unit tests and the benchmark run
// it in plain Node.
import { Worker } from 'node:worker_threads';
import type { FilePurpose, MembershipRow, ParsedMembershipFile, RowProblem } from './rows';

export { MAX_FILE_ROWS } from './rows';

export interface ParseRequest {
  /** The file's bytes (UTF-8); their buffer is handed over to the worker, not copied. */
  bytes: Uint8Array;
  fileName: string;
  purpose: FilePurpose;
  defaultOrganizationId?: number;
  maxRows?: number;
  /** VS Code's l10n bundle, so the worker's messages are in the user's language. */
  translations?: Record<string, string>;
}

export type WorkerMessage =
  | { kind: 'rows'; rows: MembershipRow[] }
  | { kind: 'problems'; problems: RowProblem[] }
  | { kind: 'done'; format: ParsedMembershipFile['format']; tooManyRows?: true };

/** Rows or problems per message: small enough that taking one in costs the host about a millisecond. */
export const BATCH_SIZE = 2_000;

/** Parses `request` with the worker script at `workerPath` (dist/parseWorker.js, or out/… in tests). */
export function parseInWorker(workerPath: string, request: ParseRequest, signal?: AbortSignal): Promise<ParsedMembershipFile> {
  return new Promise((resolve, reject) => {
    // A view into a larger buffer (Node's Buffer pool) is copied: only whole buffers are handed over.
    const whole = request.bytes.byteOffset === 0 && request.bytes.byteLength === request.bytes.buffer.byteLength;
    const bytes = whole ? request.bytes : new Uint8Array(request.bytes);
    const worker = new Worker(workerPath, {
      workerData: { ...request, bytes },
      transferList: [bytes.buffer as ArrayBuffer],
      // The row limit keeps a parse far below this; a file that still needs more ends with an error, not an exhausted host.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    const rows: MembershipRow[] = [];
    const problems: RowProblem[] = [];
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (!settled) {
        settled = true;
        signal?.removeEventListener('abort', abort);
        void worker.terminate();
        outcome();
      }
    };
    const abort = (): void => settle(() => reject(signal?.reason ?? new Error('aborted')));
    signal?.addEventListener('abort', abort, { once: true });
    // Node delivers every message already queued in one go; asking for each batch only after the
    // previous one, a turn of the event loop later, leaves the loop free in between.
    const askForNext = (): void => {
      setImmediate(() => {
        if (!settled) worker.postMessage('next');
      });
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'rows') {
        for (const row of message.rows) rows.push(row);
        askForNext();
      } else if (message.kind === 'problems') {
        for (const problem of message.problems) problems.push(problem);
        askForNext();
      } else {
        settle(() => resolve({ format: message.format, rows, problems, ...(message.tooManyRows ? { tooManyRows: true as const } : {}) }));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the file reader stopped unexpectedly (exit code ${code})`))));
  });
}
