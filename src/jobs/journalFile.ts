// The history's storage: one append-only file of JSON lines per Zendesk account,
// `<globalStorageUri>/journal/<sha256 of the origin>.jsonl`. Windows append whole lines (one write
// each, O_APPEND, under a lock file), so two windows recording at once interleave lines, never
// bytes of a line, and a trim never drops another window's append; a line torn by a crash is
// skipped when read. Bounded: past `maxBytes` the file is rewritten with its
// newest entries (at most `maxEntries`, and three quarters of `maxBytes`, so it is not rewritten on
// every append). Nothing secret is written: ids, names, what changed. No `vscode` import.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type HistoryRecorder, type JournalEntry, parseJournal, serializeEntries, trimEntries } from './journal';

export interface JournalBounds {
  maxEntries: number;
  maxBytes: number;
}

export const DEFAULT_JOURNAL_BOUNDS: JournalBounds = { maxEntries: 50_000, maxBytes: 10 * 1024 * 1024 };

export class JournalFiles implements HistoryRecorder {
  private readonly bounds: JournalBounds;
  /** Appends of this window, one after the other per file. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly directory: string, bounds: Partial<JournalBounds> = {}) {
    this.bounds = { ...DEFAULT_JOURNAL_BOUNDS, ...bounds };
  }

  /** The account's journal file. */
  fileOf(origin: string): string {
    return path.join(this.directory, `${createHash('sha256').update(origin).digest('hex')}.jsonl`);
  }

  record(origin: string, entries: readonly JournalEntry[]): Promise<void> {
    if (entries.length === 0) {
      return Promise.resolve();
    }
    const file = this.fileOf(origin);
    const next = (this.queues.get(file) ?? Promise.resolve()).then(() => this.append(file, entries));
    this.queues.set(file, next.catch(() => undefined));
    return next;
  }

  /** The account's entries, oldest first (a torn or foreign line is skipped). */
  async read(origin: string): Promise<JournalEntry[]> {
    await this.queues.get(this.fileOf(origin));
    return parseJournal(await readOrEmpty(this.fileOf(origin))).entries;
  }

  private async append(file: string, entries: readonly JournalEntry[]): Promise<void> {
    await fs.promises.mkdir(this.directory, { recursive: true });
    // Under the file's lock: a trim (read, rewrite, rename) in one window would otherwise drop
    // what another window appended between its read and its rename.
    await withLock(file, async () => {
      // A line torn by a crash has no newline: start on a line of our own rather than complete it.
      const text = (await endsWithNewline(file) ? '' : '\n') + serializeEntries(entries);
      await fs.promises.appendFile(file, text, { encoding: 'utf8', mode: 0o600 });
      if ((await fs.promises.stat(file)).size > this.bounds.maxBytes) {
        await this.trim(file);
      }
    });
  }

  private async trim(file: string): Promise<void> {
    const { entries } = parseJournal(await readOrEmpty(file));
    const kept = trimEntries(entries, this.bounds.maxEntries, Math.floor(this.bounds.maxBytes * 0.75));
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.promises.writeFile(temporary, serializeEntries(kept), { encoding: 'utf8', mode: 0o600 });
    await fs.promises.rename(temporary, file);
  }
}

/** A lock older than this was left by a window that stopped while holding it (an append takes milliseconds). */
const STALE_LOCK_MS = 10_000;

/** Runs `work` while holding `<file>.lock`, a file created exclusively (O_EXCL) by the windows of the profile. */
async function withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
  const lock = `${file}.lock`;
  for (;;) {
    try {
      await (await fs.promises.open(lock, 'wx', 0o600)).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const heldSince = await fs.promises.stat(lock).then((stat) => stat.mtimeMs, () => undefined);
      if (heldSince !== undefined && Date.now() - heldSince > STALE_LOCK_MS) {
        await fs.promises.rm(lock, { force: true });
      } else {
        await new Promise((resolve) => setTimeout(resolve, 1 + Math.random() * 4)); // a trim of 10 MB takes about 100 ms
      }
    }
  }
  try {
    return await work();
  } finally {
    await fs.promises.rm(lock, { force: true });
  }
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return '';
    }
    throw error;
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, 'r');
    const { size } = await handle.stat();
    if (size === 0) {
      return true;
    }
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return true;
    }
    throw error;
  } finally {
    await handle?.close();
  }
}
