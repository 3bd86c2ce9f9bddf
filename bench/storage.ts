// storage: what globalState holds after `operations` finished operations of `itemsPerOperation`
// additions each (30 are kept, so all are retained), run one after another by one engine into one
// counting memento. A fast sandbox (30 workers, no time per item, no latency, no rate limit) and
// the engine with short poll intervals and a cap of 30: only the stored bytes are measured here,
// and they do not depend on timing.
import { createZendeskClient } from '../src/zendesk';
import { userIdOf } from 'zendesk-sandbox';
import type { BenchConfig } from './config';
import { CountingMemento, newEngine } from './engineRun';
import type { Storage } from './results';
import { startSandboxProcess } from './sandboxProcess';
import { round2 } from './stats';

export async function measureStorage(config: BenchConfig): Promise<Storage> {
  const { operations, itemsPerOperation } = config.storage;
  const sandbox = await startSandboxProcess(['--orgs', '1', '--users', String(itemsPerOperation + 10), '--rate-limit', '0', '--job-workers', '30', '--job-ms-per-item', '0']);
  try {
    const client = createZendeskClient({ baseUrl: sandbox.url, credentials: { kind: 'apiToken', email: sandbox.email, token: sandbox.token } });
    const memento = new CountingMemento();
    const engine = newEngine(client, memento, 30, { pollMinMs: 20, pollMaxMs: 100 });
    for (let operation = 0; operation < operations; operation++) {
      const name = `Storage ${operation + 1}`;
      const organizationId = (await sandbox.control<{ organization: { id: number } }>('organizations', { name })).organization.id;
      const items = Array.from({ length: itemsPerOperation }, (_, index) => ({
        userId: userIdOf(5 + index), organizationId, userLabel: `User ${index}`, organizationLabel: name,
      }));
      const started = engine.start({ origin: sandbox.url, kind: 'add', title: `Add ${itemsPerOperation} to ${name}`, items });
      await engine.whenFinished(started.id);
    }
    await engine.dispose();
    const retained = engine.operations.length;
    if (retained !== operations) throw new Error(`the engine kept ${retained} of ${operations} operations`);
    return {
      globalStateBytes: memento.storedBytes(), afterOperations: retained, itemsPerOperation,
      bytesWrittenMB: round2(memento.bytesWritten / 1e6), writes: memento.writes,
    };
  } finally {
    await sandbox.stop();
  }
}
