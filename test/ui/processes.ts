// The processes under the code-server a UI run started, read from /proc (Linux): enough to find
// its extension host and kill it the way a crash would. Only descendants of the given pid are
// ever considered, so other code-servers on the machine are never touched.
import * as fs from 'node:fs';

/** Every live process under `rootPid` (children, grandchildren, …) with its command line. */
export function descendants(rootPid: number): Array<{ pid: number; args: string[] }> {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // the name may hold spaces and ')'
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // the process ended while being read
    }
  }
  const found: Array<{ pid: number; args: string[] }> = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const parent = queue.shift() as number;
    for (const [pid, ppid] of parents) {
      if (ppid !== parent) continue;
      queue.push(pid);
      try {
        found.push({ pid, args: fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean) });
      } catch {
        // gone
      }
    }
  }
  return found;
}

/** The extension host code-server runs for the window (a node child with `--type=extensionHost`), if one is running. */
export function extensionHostPid(rootPid: number): number | undefined {
  return descendants(rootPid).find(({ args }) => args.some((arg) => arg === '--type=extensionHost'))?.pid;
}
