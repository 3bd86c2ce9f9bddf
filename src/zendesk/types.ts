// Zendesk's objects as the live API returns them: field names are Zendesk's own (snake_case).
// Only the fields the extension relies on are typed; the rest pass through untouched.

export interface OrganizationMembership {
  id: number;
  url?: string;
  user_id: number;
  organization_id: number;
  organization_name?: string;
  /** true for the user's default organization; Zendesk sends `null`, not false, otherwise. */
  default: boolean | null;
  view_tickets?: boolean;
  created_at?: string;
  updated_at?: string;
  [extra: string]: unknown;
}

export interface Organization {
  id: number;
  url?: string;
  name: string;
  external_id?: string | null;
  details?: string | null;
  notes?: string | null;
  domain_names?: string[];
  group_id?: number | null;
  shared_tickets?: boolean;
  shared_comments?: boolean;
  tags?: string[];
  created_at?: string;
  updated_at?: string;
  [extra: string]: unknown;
}

export type UserRole = 'end-user' | 'agent' | 'admin' | string;

export interface User {
  id: number;
  url?: string;
  name: string;
  email?: string | null;
  role?: UserRole;
  /** The user's default organization. */
  organization_id?: number | null;
  active?: boolean;
  suspended?: boolean;
  created_at?: string;
  updated_at?: string;
  [extra: string]: unknown;
}

/** Zendesk lists `queued`, `working`, `completed`, `failed`; older docs and peer clients add `killed`. */
export type JobState = 'queued' | 'working' | 'completed' | 'failed' | 'killed' | string;

export const TERMINAL_JOB_STATES: ReadonlySet<string> = new Set(['completed', 'failed', 'killed']);

export interface JobStatus {
  id: string;
  url?: string;
  job_type?: string;
  status: JobState;
  /** null while queued */
  progress: number | null;
  total: number | null;
  message: string | null;
  /** null until processed; an object form exists for some job types. */
  results: JobResult[] | { success: boolean } | null;
  [extra: string]: unknown;
}

/**
 * One entry of `results`. The spec models it as a oneOf without a discriminator and live
 * payloads vary, so every field is optional; read it through `interpretJobResult`.
 */
export interface JobResult {
  id?: number;
  index?: number;
  action?: string;
  status?: string;
  success?: boolean;
  /** Usually text; live payloads also carry lists and objects here. */
  error?: unknown;
  errors?: unknown;
  details?: unknown;
  [extra: string]: unknown;
}

/** Users and organizations sideloaded with `include=users,organizations`. */
export interface MembershipSideloads {
  users?: User[];
  organizations?: Organization[];
}
