import assert from 'node:assert/strict';
import { Sandbox, startSandbox } from 'zendesk-sandbox';
import { BULK_ROWS } from './bulkCells';
import { CellContext } from './cellContext';
import { FAULT_CLASSES } from './faultClasses';
import { CellOutcome, MatrixRow, cellKey, renderMatrix, storedMatrix, writeMatrix } from './matrixTable';
import { SESSION_ROWS } from './sessionCells';
import { SINGLE_ROWS } from './singleCells';

const ROWS: MatrixRow[] = [...SINGLE_ROWS, ...BULK_ROWS, ...SESSION_ROWS];
const ORDER = ['list organizations', 'list memberships', 'create', 'delete', 'create many', 'delete many', 'set membership default', 'unassign', 'set organization default', 'sign-in', 'token refresh', 'job polling'];
ROWS.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));

/**
 * Every user-visible operation under every fault class, against the sandbox over loopback: each
 * cell asserts Zendesk's final data, that nothing was lost or done twice, that what the caller was
 * told agrees with Zendesk, and that it ended within its bound (requests counted, waits on an
 * injected clock). Unfamiliar answers throughout (varied wording, shuffled job results, empty 404s).
 */
describe('the fault matrix: operations × fault classes', function () {
  this.timeout(60_000);
  const outcomes = new Map<string, CellOutcome>();

  for (const row of ROWS) {
    describe(row.name, () => {
      let sandbox: Sandbox;
      before(async () => {
        sandbox = await startSandbox({ rateLimit: 0, orgs: 45, users: 60, bigOrgMembers: 45, jobMsPerItem: 1, wording: 'varied', jobResultOrder: 'shuffled', emptyNotFoundEvery: 3, ...row.sandbox });
      });
      after(() => sandbox.close());
      afterEach(() => sandbox.faults.clear());

      for (const fault of FAULT_CLASSES) {
        const why = row.notApplicable[fault.id];
        if (why) {
          outcomes.set(cellKey(row.name, fault.id), 'n.a.');
          continue;
        }
        it(fault.label, async () => {
          outcomes.set(cellKey(row.name, fault.id), 'fix-needed');
          await row.run(new CellContext(sandbox, fault.id));
          outcomes.set(cellKey(row.name, fault.id), 'pass');
        });
      }
    });
  }

  after(() => {
    const table = renderMatrix(ROWS, outcomes);
    console.log(`\n${table}\n`);
    if (process.env.MATRIX_WRITE === '1') {
      writeMatrix(table);
    } else if (![...outcomes.values()].includes('fix-needed')) {
      assert.equal(storedMatrix(), table, 'TESTING.md holds another matrix: run `npm run matrix` to write this one there');
    }
  });
});
