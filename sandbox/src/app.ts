// What route handlers share: the data and the job queue (the origin arrives with each request).
import type { BulkItem } from './jobItems';
import type { JobQueue } from './jobs';
import type { SideloadSupport } from './options';
import type { SandboxStore } from './store';
import type { Texts } from './wording';

export interface App {
  store: SandboxStore;
  jobs: JobQueue<BulkItem>;
  /** How "already a member" and "not found" are worded (SandboxOptions.wording). */
  texts: Texts;
  /** Whether the per-organization membership list sideloads (SandboxOptions.orgMembershipsInclude). */
  orgMembershipsInclude: SideloadSupport;
}
