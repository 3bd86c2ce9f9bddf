// What route handlers share: the data and the job queue (the origin arrives with each request).
import type { BulkItem } from './jobItems';
import type { JobQueue } from './jobs';
import type { SandboxStore } from './store';

export interface App {
  store: SandboxStore;
  jobs: JobQueue<BulkItem>;
}
