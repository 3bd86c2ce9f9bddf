// The job engine's test rig: a sandbox, a client for it, and engines (windows) sharing one globalState.
import { EngineDeps, JobEngine, NewItem } from '../../src/jobs/engine';
import { FileOperationStore } from '../../src/jobs/fileOperationStore';
import { MemoryOperationFiles } from '../../src/jobs/operationFiles';
import type { JobTimings } from '../../src/jobs/timings';
import { ZendeskClient, ZendeskClientOptions, createZendeskClient } from '../../src/zendesk';
import { Sandbox, SandboxOptions, startSandbox } from 'zendesk-sandbox';
import { MemoryMemento } from '../unit/memoryMemento';

export const FAST: Partial<JobTimings> = { pollMinMs: 15, pollMaxMs: 80, pollMarginMs: 5, pollsPerMinute: 100_000, backoffMinMs: 20, backoffMaxMs: 80, missesBeforeLost: 3 };

export interface Rig {
  sandbox: Sandbox;
  client: ZendeskClient;
  /** globalState of one profile: every engine (window) of the rig shares it. */
  memento: MemoryMemento;
  /** The profile's globalStorage folder (the operations' files), shared the same way. */
  files: MemoryOperationFiles;
  /** A window's view of the stored operations, freshly read. */
  stored(): ReturnType<FileOperationStore['load']>;
  engine(maxInFlight: number, deps?: Partial<EngineDeps>): JobEngine;
}

export async function rig(options: SandboxOptions, clientOptions: Partial<ZendeskClientOptions> = {}): Promise<Rig> {
  // Unfamiliar answers by default: nothing the client does may rest on the wording of failures,
  // the order of job results or a 404's body (API-NOTES §13). A test may ask for others.
  const sandbox = await startSandbox({ rateLimit: 0, orgs: 3, wording: 'varied', jobResultOrder: 'shuffled', emptyNotFoundEvery: 3, ...options });
  const client = createZendeskClient({
    baseUrl: sandbox.url,
    credentials: { kind: 'apiToken', email: sandbox.credentials.admin.email, token: sandbox.credentials.admin.token },
    retry: { backoffBaseMs: 10, backoffCapMs: 50 },
    ...clientOptions,
  });
  const memento = new MemoryMemento();
  const files = new MemoryOperationFiles();
  return {
    sandbox, client, memento, files,
    stored: () => new FileOperationStore(memento, files).load(),
    engine: (maxInFlight, deps = {}) => new JobEngine({
      clientFor: async () => client, store: new FileOperationStore(memento, files), budgetState: memento, maxInFlight: () => maxInFlight, timings: FAST, lease: { settleMs: 5 }, ...deps,
    }),
  };
}

/** Additions of users[from..to) of the sandbox into one organization. */
export function additions(sandbox: Sandbox, organizationId: number, from: number, to: number): NewItem[] {
  return Array.from({ length: to - from }, (_, offset) => {
    const user = sandbox.store.users.at(from + offset);
    return { userId: user.id, organizationId, userLabel: user.name, organizationLabel: String(organizationId) };
  });
}

export const createManyCount = (sandbox: Sandbox) => sandbox.requests.filter((request) => request.path.endsWith('/create_many')).length;
