import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type JournalEntry, groupByOperation, operationChanges, parseJournal, serializeEntries, trimEntries } from '../../../src/jobs/journal';
import { JournalFiles } from '../../../src/jobs/journalFile';
import type { BulkOperation } from '../../../src/jobs/model';

function entry(index: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  return {
    at: 1_000 + index, operationId: `op-${Math.floor(index / 10)}`, operation: 'Add members', kind: 'add', window: 'w1',
    action: 'added', userId: 100 + index, userName: `User ${index}`, organizationId: 7, organizationName: 'Acme', ...extra,
  };
}

function temporaryDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'journal-'));
}

describe('journal: entries, lines, bounds', () => {
  it('parses what it serialized, and skips a torn last line and foreign lines', () => {
    const entries = [entry(1), entry(2, { action: 'removed', wasDefault: true })];
    const text = `${serializeEntries(entries)}{"not":"an entry"}\nnot json\n${serializeEntries([entry(3)]).slice(0, 40)}`;
    const parsed = parseJournal(text);
    assert.deepEqual(parsed.entries, entries);
    assert.equal(parsed.unreadable, 3);
  });

  it('trims to the newest entries within the count and the byte bound', () => {
    const entries = Array.from({ length: 100 }, (_, index) => entry(index));
    assert.deepEqual(trimEntries(entries, 10, 1_000_000).map((kept) => kept.userId), entries.slice(90).map((kept) => kept.userId));
    const lineBytes = serializeEntries([entries[99]]).length;
    const bySize = trimEntries(entries, 1000, lineBytes * 5 + 2);
    assert.equal(bySize.length, 5);
    assert.equal(bySize[4].userId, entries[99].userId);
  });

  it('groups by operation, newest first, with counts', () => {
    const groups = groupByOperation([entry(1), entry(2, { action: 'removed' }), entry(11), entry(3, { at: 5_000 })]);
    assert.deepEqual(groups.map((group) => group.operationId), ['op-0', 'op-1']);
    assert.deepEqual(groups[0].counts, { added: 2, removed: 1, madeDefault: 0, unassigned: 0 });
    assert.equal(groups[0].to, 5_000);
  });

  it('records a bulk operation\'s changes: only succeeded items that changed something', () => {
    const operation = {
      id: 'op', origin: 'https://a.zendesk.com', kind: 'add', title: 't', createdAt: 0, state: 'completed', chunks: [],
      items: [
        { index: 0, userId: 1, organizationId: 7, userLabel: 'Ann', organizationLabel: 'Acme', outcome: 'succeeded', makeDefault: true, previousDefaultId: 8, previousDefaultName: 'Beta' },
        { index: 1, userId: 2, organizationId: 7, userLabel: 'Bob', organizationLabel: 'Acme', outcome: 'succeeded', already: true },
        { index: 2, userId: 3, organizationId: 7, userLabel: 'Cy', organizationLabel: 'Acme', outcome: 'failed' },
        { index: 3, userId: 4, organizationId: 9, membershipId: 44, userLabel: 'Di', organizationLabel: 'Old', outcome: 'succeeded', action: 'removeAfterAdd', wasDefault: true },
        { index: 4, userId: 5, organizationId: 7, membershipId: 55, userLabel: 'Ed', organizationLabel: 'Acme', outcome: 'succeeded', action: 'makeDefault', previousDefaultId: null },
      ],
    } as BulkOperation;
    assert.deepEqual(operationChanges(operation), [
      { userId: 1, userName: 'Ann', organizationId: 7, organizationName: 'Acme', action: 'added', asDefault: true, previousDefaultId: 8, previousDefaultName: 'Beta' },
      { userId: 4, userName: 'Di', organizationId: 9, organizationName: 'Old', membershipId: 44, action: 'removed', wasDefault: true },
      { userId: 5, userName: 'Ed', organizationId: 7, organizationName: 'Acme', membershipId: 55, action: 'madeDefault', previousDefaultId: null },
    ]);
  });
});

describe('JournalFiles: one append-only file per account', () => {
  it('appends and reads back, one file per account, named by a hash of the origin', async () => {
    const directory = temporaryDirectory();
    const files = new JournalFiles(directory);
    await files.record('https://a.zendesk.com', [entry(1)]);
    await files.record('https://a.zendesk.com', [entry(2)]);
    await files.record('https://b.zendesk.com', [entry(3)]);
    assert.deepEqual((await files.read('https://a.zendesk.com')).map((read) => read.userId), [101, 102]);
    assert.deepEqual((await files.read('https://b.zendesk.com')).map((read) => read.userId), [103]);
    assert.deepEqual(await files.read('https://c.zendesk.com'), []);
    const names = fs.readdirSync(directory);
    assert.equal(names.length, 2);
    assert.ok(names.every((name) => /^[0-9a-f]{64}\.jsonl$/.test(name)), names.join());
  });

  it('starts a new line after a torn one, losing only the torn entry', async () => {
    const directory = temporaryDirectory();
    const files = new JournalFiles(directory);
    const origin = 'https://a.zendesk.com';
    await files.record(origin, [entry(1)]);
    fs.appendFileSync(files.fileOf(origin), '{"at":12,"operationId":"to');
    await files.record(origin, [entry(2)]);
    assert.deepEqual((await files.read(origin)).map((read) => read.userId), [101, 102]);
  });

  it('two writers appending at once keep every line whole', async () => {
    const directory = temporaryDirectory();
    const origin = 'https://a.zendesk.com';
    const [first, second] = [new JournalFiles(directory), new JournalFiles(directory)];
    await Promise.all(Array.from({ length: 50 }, (_, index) => (index % 2 ? first : second).record(origin, [entry(index)])));
    const parsed = parseJournal(fs.readFileSync(first.fileOf(origin), 'utf8'));
    assert.equal(parsed.unreadable, 0);
    assert.equal(parsed.entries.length, 50);
  });

  it('stays within its bound: past maxBytes, the newest entries are kept', async () => {
    const directory = temporaryDirectory();
    const origin = 'https://a.zendesk.com';
    const files = new JournalFiles(directory, { maxBytes: 4_000, maxEntries: 1_000 });
    for (let index = 0; index < 100; index++) {
      await files.record(origin, [entry(index)]);
    }
    assert.ok(fs.statSync(files.fileOf(origin)).size <= 4_000);
    const kept = await files.read(origin);
    assert.ok(kept.length > 5 && kept.length < 100, String(kept.length));
    assert.equal(kept[kept.length - 1].userId, 199);
    assert.deepEqual(kept.map((read) => read.userId), Array.from({ length: kept.length }, (_, index) => 200 - kept.length + index));
  });

  it('two writers trimming while the other appends lose no entry newer than what was kept', async () => {
    const directory = temporaryDirectory();
    const origin = 'https://a.zendesk.com';
    const bounds = { maxBytes: 20_000, maxEntries: 1_000 };
    const writers = [new JournalFiles(directory, bounds), new JournalFiles(directory, bounds)];
    // Each writer appends its own numbered entries, one after the other, both at once. (One may
    // finish first and see all its entries trimmed away: then it has none, which is no gap.)
    await Promise.all(writers.map(async (writer, w) => {
      for (let index = 0; index < 150; index++) {
        await writer.record(origin, [entry(index, { window: `w${w}`, userId: 1_000 * (w + 1) + index })]);
      }
    }));
    const kept = parseJournal(fs.readFileSync(writers[0].fileOf(origin), 'utf8')).entries;
    for (const w of [0, 1]) {
      const mine = kept.filter((read) => read.window === `w${w}`).map((read) => read.userId - 1_000 * (w + 1));
      // Trimming drops the oldest: what is kept of a writer is its newest entries, without a gap.
      assert.deepEqual(mine, Array.from({ length: mine.length }, (_, index) => 150 - mine.length + index), `writer ${w}: ${mine.join(',')}`);
    }
  });

  it('takes over a lock left by a window that stopped while holding it', async () => {
    const directory = temporaryDirectory();
    const origin = 'https://a.zendesk.com';
    const files = new JournalFiles(directory);
    const lock = `${files.fileOf(origin)}.lock`;
    fs.writeFileSync(lock, '');
    const aMinuteAgo = new Date(Date.now() - 60_000);
    fs.utimesSync(lock, aMinuteAgo, aMinuteAgo);
    await files.record(origin, [entry(1)]);
    assert.deepEqual((await files.read(origin)).map((read) => read.userId), [101]);
    assert.equal(fs.existsSync(lock), false, 'the lock is released');
  });
});
