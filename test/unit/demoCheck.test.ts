// The demo check's "shut down cleanly" half: it must notice a port still in use and a child
// process still running, and pass once both are gone.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { checkStopped } from '../harness/demoCheck';

describe('demo check: after stopping', () => {
  it('reports a port still in use and a child still running, and passes once the child has exited', async () => {
    const child = spawn(process.execPath, ['-e',
      'const s = require("net").createServer().listen(0, "127.0.0.1", () => console.log(s.address().port));'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [chunk] = await once(child.stdout, 'data') as [Buffer];
      const port = Number(chunk.toString().trim());
      const ports = [{ port, host: '127.0.0.1', what: 'the server' }];

      const running = await checkStopped(ports, undefined);
      assert.equal(running.length, 2);
      assert.equal(running[0].problem, 'still in use');
      assert.match(running[1].problem ?? '', new RegExp(`pid ${child.pid}: `));

      child.kill('SIGTERM');
      await once(child, 'exit');
      assert.deepEqual((await checkStopped(ports, undefined)).map((finding) => finding.problem), [undefined, undefined]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
