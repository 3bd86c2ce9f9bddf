// Where the per-item detail of bulk operations lives: files in one folder (the extension's
// globalStorageUri), each replaced whole. The store (fileOperationStore.ts) sees only this
// interface, so tests and the benchmark give it memory instead.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface OperationFiles {
  /** The file's text, or undefined when there is none. */
  read(name: string): string | undefined;
  /** Replaces the file whole: a reader sees the old text or the new one, never a part. */
  write(name: string, text: string): Promise<void>;
  /** Deletes the file (nothing happens when there is none). */
  remove(name: string): Promise<void>;
  /** The files there are, with when each was last written (ms since the epoch). */
  list(): Array<{ name: string; modifiedMs: number }>;
}

/** Names are made from operation ids (UUIDs); anything else is refused rather than joined into a path. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function checked(name: string): string {
  if (!SAFE_NAME.test(name) || name.includes('..')) {
    throw new Error(`not a file name for an operation: ${JSON.stringify(name)}`);
  }
  return name;
}

/** Files under `directory` (created when missing), each written to a temporary file and renamed over the old one. */
export class NodeOperationFiles implements OperationFiles {
  constructor(private readonly directory: string) {}

  read(name: string): string | undefined {
    try {
      return fs.readFileSync(path.join(this.directory, checked(name)), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
  }

  async write(name: string, text: string): Promise<void> {
    const target = path.join(this.directory, checked(name));
    await fs.promises.mkdir(this.directory, { recursive: true }); // again each time: the folder may have been deleted
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await fs.promises.writeFile(temporary, text, 'utf8');
      await fs.promises.rename(temporary, target);
    } catch (error) {
      await fs.promises.rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async remove(name: string): Promise<void> {
    await fs.promises.rm(path.join(this.directory, checked(name)), { force: true });
  }

  list(): Array<{ name: string; modifiedMs: number }> {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(this.directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return entries.filter((entry) => entry.isFile() && SAFE_NAME.test(entry.name)).flatMap((entry) => {
      try {
        return [{ name: entry.name, modifiedMs: fs.statSync(path.join(this.directory, entry.name)).mtimeMs }];
      } catch {
        return []; // removed meanwhile
      }
    });
  }
}

/** Files in memory, counted: for tests and the benchmark. */
export class MemoryOperationFiles implements OperationFiles {
  readonly files = new Map<string, string>();
  /** When each file was last written. */
  readonly modified = new Map<string, number>();
  writes = 0;
  bytesWritten = 0;

  constructor(private readonly now: () => number = Date.now) {}

  read(name: string): string | undefined {
    return this.files.get(checked(name));
  }

  async write(name: string, text: string): Promise<void> {
    this.writes++;
    this.bytesWritten += Buffer.byteLength(text);
    this.files.set(checked(name), text);
    this.modified.set(name, this.now());
  }

  async remove(name: string): Promise<void> {
    this.files.delete(checked(name));
    this.modified.delete(name);
  }

  list(): Array<{ name: string; modifiedMs: number }> {
    return [...this.files.keys()].map((name) => ({ name, modifiedMs: this.modified.get(name) ?? 0 }));
  }

  /** What the files hold now, in bytes. */
  storedBytes(): number {
    let bytes = 0;
    for (const text of this.files.values()) bytes += Buffer.byteLength(text);
    return bytes;
  }
}
