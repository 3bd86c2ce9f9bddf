// The job engine's test rig: a sandbox, a client for it, and engines (windows) sharing one globalState.
import { EngineDeps, JobEngine, NewItem } from '../../src/jobs/engine';
import { GlobalStateOperationStore } from '../../src/jobs/globalStateStore';
import type { JobTimings } from '../../src/jobs/timings';
import { ZendeskClient, ZendeskClientOptions, createZendeskClient } from '../../src/zendesk';
import { Sandbox, SandboxOptions, startSandbox } from 'zendesk-sandbox';
import { MemoryMemento } from '../unit/memoryMemento';

export const FAST: Partial<JobTimings> = { pollMinMs: 15, pollMaxMs: 80, backoffMinMs: 20, backoffMaxMs: 80, missesBeforeLost: 3 };

export interface Rig {
  sandbox: Sandbox;
  client: ZendeskClient;
  /** globalState of one profile: every engine (window) of the rig shares it. */
  memento: MemoryMemento;
  /** A window's view of the stored operations, freshly read. */
  stored(): ReturnType<GlobalStateOperationStore['load']>;
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
  return {
    sandbox, client, memento,
    stored: () => new GlobalStateOperationStore(memento).load(),
    engine: (maxInFlight, deps = {}) => new JobEngine({
      clientFor: async () => client, store: new GlobalStateOperationStore(memento), budgetState: memento, maxInFlight: () => maxInFlight, timings: FAST, lease: { settleMs: 5 }, ...deps,
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
