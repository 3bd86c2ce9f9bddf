// Typed views of response bodies, used only after the validator has accepted a body: the schema
// check is what makes these casts safe.

export interface CursorPage {
  meta?: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
  links?: { next: string | null; prev: string | null };
}

export interface OffsetPage {
  next_page?: string | null;
  previous_page?: string | null;
  count?: number;
}

export interface Membership {
  id: number;
  user_id: number;
  organization_id: number;
  default: boolean | null;
}

export interface MembershipList extends CursorPage, OffsetPage {
  organization_memberships: Membership[];
  users?: Array<{ id: number }>;
  organizations?: Array<{ id: number }>;
}

export interface JobResult {
  id?: number;
  index?: number;
  action?: string;
  status?: string;
  success?: boolean;
  error?: string;
}

export interface JobStatus {
  id: string;
  status: string;
  progress: number | null;
  total: number | null;
  message: string | null;
  results: JobResult[] | null;
}

export interface JsonApiErrors {
  errors: Array<{ code: string; title: string; status?: string }>;
}

export interface ClassicError {
  error: string;
  description?: string;
}

/** A token endpoint's success body (the sandbox tests' own type). */
export type { TokenBody as OAuthTokens } from '../oauthTestHelpers';

export interface OAuthError {
  error: string;
  error_description: string;
}
