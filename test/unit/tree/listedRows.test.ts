// Which rows the view has been given: a reveal of a new row waits for the listing.
import assert from 'node:assert/strict';
import { ListedRows } from '../../../src/tree/listedRows';
import type { TreeNode } from '../../../src/tree/nodes';

describe('ListedRows', () => {
  const row = (id: string) => ({ id }) as unknown as TreeNode;

  it('resolves at once for a row the view has been given', async () => {
    const listed = new ListedRows();
    const old = row('a');
    listed.add([old]);
    await listed.whenListed(old);
  });

  it('waits for a new row until a listing includes it, not for listings without it', async () => {
    const listed = new ListedRows();
    const pinned = row('pinned');
    let resolved = false;
    const waiting = listed.whenListed(pinned).then(() => { resolved = true; });
    listed.add([row('other')]);
    await Promise.resolve();
    assert.equal(resolved, false, 'a listing without the row does not count');
    listed.add([pinned, row('other')]);
    await waiting;
    assert.equal(resolved, true);
  });
});
