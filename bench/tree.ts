// treePage and memory, measured by treeProbe.ts in a process of its own (see there).
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import type { BenchConfig } from './config';
import type { Memory, TreePage } from './results';

export function measureTree(config: BenchConfig): Promise<{ treePage: TreePage; memory: Memory }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--expose-gc', path.join(__dirname, 'treeProbe.js'), JSON.stringify(config)], { maxBuffer: 10 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`treeProbe failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { treePage: TreePage; memory: Memory });
    });
  });
}
