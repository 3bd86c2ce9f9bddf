import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import * as vscode from 'vscode';

/** Writes text as it comes; `write` waits when the disk is behind (backpressure). */
export interface StreamedFile {
  write(chunk: string): Promise<void>;
}

/**
 * Streams `work`'s output into a temporary file and copies it to `target` only when `work`
 * finishes, so a cancelled or failed export leaves no half-written file behind (and an existing
 * file is untouched). The copy goes through VS Code's file system, so `target` may be remote.
 */
export async function writeStreamed<T>(target: vscode.Uri, work: (file: StreamedFile) => Promise<T>): Promise<T> {
  const folder = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'zendesk-export-'));
  const temporary = path.join(folder, 'export.part');
  const stream = fs.createWriteStream(temporary, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => stream.once('error', reject));
  failed.catch(() => undefined);
  try {
    const result = await work({
      async write(chunk) {
        if (!stream.write(chunk)) {
          await Promise.race([once(stream, 'drain'), failed]);
        }
      },
    });
    await Promise.race([new Promise<void>((resolve) => stream.end(resolve)), failed]);
    await vscode.workspace.fs.copy(vscode.Uri.file(temporary), target, { overwrite: true });
    return result;
  } finally {
    stream.destroy();
    await fs.promises.rm(folder, { recursive: true, force: true });
  }
}
