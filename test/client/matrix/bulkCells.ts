// Rows of the matrix for bulk work, through the job engine: create many and delete many (the fault
// on the submission), and job polling (the fault on show_many). Each cell adds or removes 120
// memberships (two jobs) and checks every item against Zendesk's data.
import assert from 'node:assert/strict';
import type { Sandbox } from 'zendesk-sandbox';
import { JobEngine, NewItem } from '../../../src/jobs/engine';
import { GlobalStateOperationStore } from '../../../src/jobs/globalStateStore';
import { BulkOperation, countItems } from '../../../src/jobs/model';
import { MemoryMemento } from '../../unit/memoryMemento';
import { FAST } from '../jobRig';
import { CellContext } from './cellContext';
import { FaultTarget, injectRequestFault } from './faultClasses';
import type { MatrixRow } from './matrixTable';

const ITEMS = 120;
const CHUNKS = 2;
const CREATE_MANY: FaultTarget = { path: /^\/api\/v2\/organization_memberships\/create_many$/, method: 'POST' };
const DESTROY_MANY: FaultTarget = { path: /^\/api\/v2\/organization_memberships\/destroy_many$/, method: 'DELETE' };
const SHOW_MANY: FaultTarget = { path: /^\/api\/v2\/job_statuses\/show_many$/, method: 'GET' };

let fresh = 0;
function items(sandbox: Sandbox, kind: 'add' | 'remove'): NewItem[] {
  fresh++;
  const organization = sandbox.store.addOrganization({ name: `Bulk Matrix Org ${fresh}` });
  return Array.from({ length: ITEMS }, (_, index) => {
    const user = sandbox.store.addUser({ name: `Bulk Matrix ${fresh}-${index}`, email: `bulk.matrix.${fresh}.${index}@example.org` });
    const membershipId = kind === 'remove' ? sandbox.store.createMembership(user.id, organization.id).id : undefined;
    return { userId: user.id, organizationId: organization.id, membershipId, userLabel: user.name, organizationLabel: organization.name };
  });
}

/** Zendesk holds the item's change: the user is a member (add), the membership is gone (remove). */
function done(sandbox: Sandbox, kind: 'add' | 'remove', item: NewItem): boolean {
  return kind === 'add' ? sandbox.store.findMembership(item.userId, item.organizationId) !== undefined : sandbox.store.getMembership(item.membershipId as number) === undefined;
}

/** Resolves when the operation has finished, or has paused (waited past the ceiling). */
function settled(engine: JobEngine, id: string): Promise<BulkOperation> {
  return new Promise((resolve) => {
    const check = (): void => {
      const operation = engine.find(id);
      if (operation && (operation.state !== 'running' || operation.paused)) {
        subscription.dispose();
        resolve(operation);
      }
    };
    const subscription = engine.onDidChange(check);
    check();
  });
}

/** Stages the cell's fault: on the row's request, or the 401 / job faults the engine meets while it runs. */
function stage(ctx: CellContext, engine: () => JobEngine, target: FaultTarget): void {
  const { sandbox, fault } = ctx;
  if (fault === 'job-404-then-found') {
    sandbox.faults.inject({ path: SHOW_MANY.path, method: 'GET', kind: 'status', status: 200, body: '{"job_statuses":[]}', times: 4 });
    sandbox.faults.inject({ path: /^\/api\/v2\/job_statuses\/V3-[0-9a-f]+$/, method: 'GET', kind: 'status', status: 404, body: '{"error":"RecordNotFound","description":"Not found"}', times: 2 });
  } else if (fault === 'job-killed') {
    sandbox.jobs.failNext(1, 'killed', 50);
  } else if (fault === '401-mid-session') {
    let expired = false;
    const subscription = engine().onDidChange(() => {
      if (!expired && engine().stats.jobsSubmitted >= 1) {
        expired = true; // the session's access token expires while the first job runs
        sandbox.oauth.expireAccessTokens();
        subscription.dispose();
      }
    });
  } else {
    assert.ok(injectRequestFault(sandbox, fault, target));
  }
}

function bulkRow(name: string, kind: 'add' | 'remove', target: FaultTarget, notApplicable: MatrixRow['notApplicable'] = {}): MatrixRow {
  return {
    name,
    notApplicable,
    async run(ctx) {
      const { sandbox, fault } = ctx;
      const work = items(sandbox, kind);
      const jobsBefore = sandbox.jobs.all().length;
      const client = fault === '401-mid-session' ? ctx.oauthSession().client : ctx.client();
      let clock = 1_000_000;
      // Every read of the engine's clock moves it a minute on: a wait that goes on reaches the ceiling (5 minutes) in a few rounds.
      const engine = new JobEngine({
        clientFor: async () => client, store: new GlobalStateOperationStore(new MemoryMemento()), budgetState: new MemoryMemento(),
        maxInFlight: () => 10, timings: { ...FAST, missesBeforeLost: 3 }, lease: { settleMs: 5 }, now: () => (clock += 60_000),
      });
      stage(ctx, () => engine, target);
      const operation = engine.start({ origin: sandbox.url, kind, title: `${name} × ${fault}`, items: work });
      let result = await settled(engine, operation.id);
      if (fault === '429-persistent') {
        assert.ok(result.paused, 'paused after waiting past the ceiling');
        assert.equal(countItems(result).failed, 0, 'nothing failed: the user is told it waits for them');
        assert.ok(ctx.requestsTo(target).length <= ITEMS * 5, `${ctx.requestsTo(target).length} requests before pausing`);
        sandbox.faults.clear();
        engine.resumePaused(operation.id);
        result = await settled(engine, operation.id);
      }
      await engine.dispose();

      const counts = countItems(result);
      assert.equal(result.state, 'completed');
      assert.equal(counts.pending + counts.submitted, 0, 'every item accounted for');
      result.items.forEach((item, index) => {
        assert.equal(item.outcome === 'succeeded', done(sandbox, kind, work[index]), `item ${index}: told ${item.outcome} (${item.detail ?? ''})`);
        assert.ok(item.outcome !== 'failed' || item.detail, `item ${index} failed with a reason`);
      });
      assert.equal(counts.failed, fault === 'job-killed' ? 50 : 0, 'only a killed job leaves items undone');
      assert.equal(sandbox.jobs.all().length - jobsBefore, CHUNKS, 'one job per chunk: nothing sent twice');
      // Within bounds: counted requests, not time (the engine's clock is the test's).
      const sent = ctx.requestsTo(kind === 'add' ? CREATE_MANY : DESTROY_MANY).length;
      const cap = fault.startsWith('429') ? CHUNKS * ctx.policy.maxAttempts * 3 : CHUNKS + 1;
      assert.ok(sent >= CHUNKS && sent <= cap, `${sent} submissions (at most ${cap})`);
      assert.ok(engine.stats.statusPolls < 200, `${engine.stats.statusPolls} polls`);
    },
  };
}

export const BULK_ROWS: MatrixRow[] = [
  bulkRow('create many', 'add', CREATE_MANY),
  bulkRow('delete many', 'remove', DESTROY_MANY),
  bulkRow('job polling', 'add', SHOW_MANY, {
    '500-after': 'polling writes nothing: the same as 500 before',
    'reset-after': 'polling writes nothing: the same as reset before',
  }),
];
