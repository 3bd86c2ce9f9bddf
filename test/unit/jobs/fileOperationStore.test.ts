import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileOperationStore, ORPHAN_MIN_AGE_MS } from '../../../src/jobs/fileOperationStore';
import { GlobalStateOperationStore } from '../../../src/jobs/globalStateStore';
import type { BulkOperation } from '../../../src/jobs/model';
import { MemoryOperationFiles, NodeOperationFiles } from '../../../src/jobs/operationFiles';
import { MemoryMemento } from '../memoryMemento';
import { sampleOperation } from './sampleOperation';

function operation(id: string, size: number): BulkOperation {
  return sampleOperation(`op-${id}`, size);
}

/** Bytes globalState holds: every key and its JSON. */
const globalStateBytes = (memento: MemoryMemento): number => [...memento.values].reduce((sum, [key, text]) => sum + key.length + text.length, 0);

const FIXTURE = path.resolve(__dirname, '../../../../test/unit/fixtures/bulkOperations-0.1.0.json');

function oldVersionMemento(): MemoryMemento {
  const { values } = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as { values: Record<string, unknown> };
  const memento = new MemoryMemento();
  Object.entries(values).forEach(([key, value]) => memento.values.set(key, JSON.stringify(value)));
  return memento;
}

describe('FileOperationStore: a small index in globalState, the items in files', () => {
  it('round-trips operations exactly', async () => {
    const memento = new MemoryMemento();
    const files = new MemoryOperationFiles();
    const original = operation('a', 250);
    original.items[5].outcome = 'failed';
    original.items[5].detail = 'User is suspended';
    original.items[6].outcome = 'succeeded';
    original.chunks[0] = { ...original.chunks[0], state: 'completed', jobId: 'j1', progress: 100, total: 100 };
    original.lease = { owner: 'w', renewedAt: 5 };
    await new FileOperationStore(memento, files).save([original], []);
    const [loaded] = new FileOperationStore(memento, files).load();
    assert.deepEqual(loaded, JSON.parse(JSON.stringify(original)));
  });

  it('keeps globalState under 256 KB with 30 operations of 10,000 items; writes the items once, then only states', async () => {
    const memento = new MemoryMemento();
    const files = new MemoryOperationFiles();
    const store = new FileOperationStore(memento, files);
    const operations = Array.from({ length: 30 }, (_, index) => operation(String(index), 10_000));
    for (const each of operations) {
      await store.save([each], []);
    }
    assert.ok(globalStateBytes(memento) < 256 * 1024, `${globalStateBytes(memento)} bytes`);
    assert.ok(globalStateBytes(memento) < 30 * 600, `${globalStateBytes(memento)} bytes: a few hundred an operation`);
    assert.ok(files.storedBytes() > 30 * 10_000 * 20, 'the items are in the files');
    files.writes = 0;
    files.bytesWritten = 0;
    memento.writes.length = 0;
    operations[0].items.forEach((item) => { item.outcome = 'succeeded'; });
    await store.save([operations[0]], []);
    assert.equal(files.writes, 1, 'one file: the states');
    assert.ok(files.bytesWritten < 30_000, `${files.bytesWritten} bytes for the states of 10,000 items`);
    assert.deepEqual(memento.writes.map((write) => write.key), ['zendesk.bulkOperationIndex']);
    const [entry] = JSON.parse(memento.values.get('zendesk.bulkOperationIndex') as string) as Array<{ counts: { succeeded: number }; revision: number }>;
    assert.equal(entry.counts.succeeded, 10_000);
    assert.equal(entry.revision, 2);
  });

  it('re-reads cheaply: an unchanged entry is not revived again, a changed one is, an idle save writes nothing', async () => {
    const memento = new MemoryMemento();
    const files = new MemoryOperationFiles();
    const mine = new FileOperationStore(memento, files);
    const other = new FileOperationStore(memento, files);
    await other.save([operation('a', 300), operation('b', 300)], []);
    const [a1, b1] = mine.load();
    const [a2, b2] = mine.load();
    assert.equal(a2, a1);
    assert.equal(b2, b1);
    const changed = operation('b', 300);
    changed.items[0].outcome = 'succeeded';
    await other.save([changed], []);
    const [a3, b3] = mine.load();
    assert.equal(a3, a1);
    assert.equal(b3.items[0].outcome, 'succeeded');
    memento.writes.length = 0;
    files.writes = 0;
    await mine.save([], []);
    assert.deepEqual([memento.writes.length, files.writes], [0, 0]);
  });

  it('leaves an operation another window leased more recently alone, and deletes the files of a dropped one', async () => {
    const memento = new MemoryMemento();
    const files = new MemoryOperationFiles();
    const theirs = { ...operation('a', 200), lease: { owner: 'B', renewedAt: 10 } };
    await new FileOperationStore(memento, files).save([theirs, operation('b', 100)], []);
    const stale = { ...operation('a', 200), lease: { owner: 'A', renewedAt: 5 } };
    stale.items[0].outcome = 'failed';
    await new FileOperationStore(memento, files).save([stale], ['op-b']);
    const stored = new FileOperationStore(memento, files).load();
    assert.deepEqual(stored.map((kept) => [kept.id, kept.lease?.owner, kept.items[0].outcome]), [['op-a', 'B', 'pending']]);
    assert.deepEqual([...files.files.keys()].sort(), ['op-a.items.json', 'op-a.state.json']);
  });

  it('leaves out an operation whose files are missing or damaged', async () => {
    const memento = new MemoryMemento();
    const files = new MemoryOperationFiles();
    await new FileOperationStore(memento, files).save([operation('a', 100), operation('b', 100)], []);
    files.files.set('op-a.state.json', '{"revision":1,"chunks":[');
    assert.deepEqual(new FileOperationStore(memento, files).load().map((kept) => kept.id), ['op-b']);
    files.files.delete('op-b.items.json');
    assert.deepEqual(new FileOperationStore(memento, files).load(), []);
  });

  it('loads what version 0.1.0 saved wholly in globalState, moves it to files once, and globalState keeps only the index', async () => {
    const memento = oldVersionMemento();
    const before = new GlobalStateOperationStore(oldVersionMemento()).load();
    assert.equal(before.length, 2);
    const files = new MemoryOperationFiles();
    const store = new FileOperationStore(memento, files);
    assert.deepEqual(store.load(), before, 'the first load returns what the old version saved');
    await store.whenMigrated();
    assert.deepEqual([...memento.values.keys()], ['zendesk.bulkOperationIndex'], 'the old keys are gone');
    assert.equal(files.files.size, 4);
    const after = new FileOperationStore(memento, files).load();
    assert.deepEqual(after.map((kept) => kept.id).sort(), before.map((kept) => kept.id).sort());
    for (const kept of after) {
      assert.deepEqual(kept, before.find((old) => old.id === kept.id));
    }
    memento.writes.length = 0;
    new FileOperationStore(memento, files).load();
    await store.whenMigrated();
    assert.deepEqual(memento.writes, [], 'moved once');
  });
});

describe('NodeOperationFiles: files under a folder, replaced whole', () => {
  let folder: string;
  beforeEach(() => { folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zendesk-ops-')), 'globalStorage'); });
  afterEach(() => fs.rmSync(path.dirname(folder), { recursive: true, force: true }));

  it('creates the folder, replaces a file by renaming a complete temporary one over it, and removes it', async () => {
    const files = new NodeOperationFiles(folder);
    assert.equal(files.read('a.state.json'), undefined);
    await files.write('a.state.json', 'one');
    await files.write('a.state.json', 'two');
    assert.equal(files.read('a.state.json'), 'two');
    assert.deepEqual(fs.readdirSync(folder), ['a.state.json'], 'no temporary file left behind');
    await files.remove('a.state.json');
    await files.remove('a.state.json');
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('refuses a name that is not a plain file name', async () => {
    const files = new NodeOperationFiles(folder);
    await assert.rejects(files.write('../escape.json', 'x'), /not a file name/);
    assert.throws(() => files.read('sub/dir.json'), /not a file name/);
    assert.equal(fs.existsSync(path.join(path.dirname(folder), 'escape.json')), false);
  });

  it('sweeps the files of operations the index does not name once they are an hour old, and nothing else', async () => {
    let now = 1_000_000;
    const memento = new MemoryMemento();
    const files = new MemoryOperationFiles(() => now);
    const store = new FileOperationStore(memento, files);
    await store.save([operation('kept', 3)], []);
    await files.write('orphan.items.json', '[]'); // a window stopped before writing the index
    await files.write('orphan.state.json', '{}');
    await files.write('op-kept.state.json.0a1b2c.tmp', '{'); // a write cut short
    await files.write('notes.json', '{}'); // not an operation's file
    now += ORPHAN_MIN_AGE_MS - 1;
    await files.write('young.items.json', '[]'); // another window may be about to write its entry
    assert.deepEqual(await store.sweepOrphans(now), [], 'nothing is an hour old yet');
    now += 1;
    assert.deepEqual((await store.sweepOrphans(now)).sort(), ['op-kept.state.json.0a1b2c.tmp', 'orphan.items.json', 'orphan.state.json']);
    assert.deepEqual([...files.files.keys()].sort(), ['notes.json', 'op-kept.items.json', 'op-kept.state.json', 'young.items.json']);
    assert.equal(new FileOperationStore(memento, files).load().length, 1, 'the indexed operation still loads');
  });

  it('lists the files of a folder with their times (none when the folder does not exist)', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zendesk-ops-list-'));
    try {
      assert.deepEqual(new NodeOperationFiles(path.join(folder, 'missing')).list(), []);
      const files = new NodeOperationFiles(folder);
      await files.write('a.items.json', '[]');
      fs.mkdirSync(path.join(folder, 'journal'));
      const listed = files.list();
      assert.deepEqual(listed.map((file) => file.name), ['a.items.json'], 'files only, not folders');
      assert.ok(Math.abs(listed[0].modifiedMs - Date.now()) < 60_000);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
