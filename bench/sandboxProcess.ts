// The sandbox CLI in a process of its own, as the benchmarks run it: its work must not count as
// the client's, and what the client sees must cross a real socket. Controls go over HTTP.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { RecordedRequest } from 'zendesk-sandbox';

export interface SandboxProcess {
  url: string;
  email: string;
  token: string;
  /** The flags it was started with. */
  args: string[];
  /** Requests recorded since the last `clearRequests()` (or start). */
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  /** POST to a `/__sandbox/...` control; returns the parsed answer. */
  control<T = Record<string, unknown>>(route: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** Starts `sandbox/out/src/cli.js --port 0 ...args`; resolves once it prints its URL and admin credentials. */
export function startSandboxProcess(args: string[]): Promise<SandboxProcess> {
  const cli = path.join(path.dirname(require.resolve('zendesk-sandbox')), 'cli.js');
  // A large store (50,000 members, 300,000 memberships) needs more than the default heap on small machines.
  const child = spawn(process.execPath, ['--max-old-space-size=2048', cli, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      const admin = /admin: email=(\S+) token=(\S+)/.exec(out);
      if (url && admin) {
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        resolve(controlled(url, admin[1], admin[2], args, stop));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the sandbox exited (${code}):\n${out}`)));
  });
}

function controlled(url: string, email: string, token: string, args: string[], stop: () => Promise<void>): SandboxProcess {
  const controlCall = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/__sandbox/${route}`, {
      method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} /__sandbox/${route}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json().catch(() => ({}))) as T;
  };
  return {
    url, email, token, args, stop,
    requests: async () => (await controlCall<{ requests: RecordedRequest[] }>('GET', 'requests')).requests,
    clearRequests: async () => { await controlCall('DELETE', 'requests'); },
    control: (route, body) => controlCall('POST', route, body),
  };
}

/**
 * Round trips a caller waited through: requests that reached the sandbox after every earlier one
 * had been answered (parallel requests share one round trip).
 */
export function roundTrips(requests: readonly RecordedRequest[]): number {
  let trips = 0;
  let answeredBy = Number.NEGATIVE_INFINITY;
  for (const request of [...requests].sort((a, b) => a.receivedAt - b.receivedAt)) {
    if (request.receivedAt >= answeredBy) trips++;
    answeredBy = Math.max(answeredBy, request.answeredAt ?? Number.POSITIVE_INFINITY);
  }
  return trips;
}
