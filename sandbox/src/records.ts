// Stored record shapes. Field names are Zendesk's; fields that depend on other records or on the
// server origin (url, organization_name, a user's organization_id) are added when serializing.

export interface OrganizationRecord {
  id: number;
  name: string;
  external_id: string | null;
  details: string | null;
  notes: string | null;
  domain_names: string[];
  group_id: number | null;
  shared_tickets: boolean;
  shared_comments: boolean;
  tags: string[];
  organization_fields: Record<string, string | number>;
  created_at: string;
  updated_at: string;
}

export type UserRole = 'end-user' | 'agent' | 'admin';

export interface UserRecord {
  id: number;
  name: string;
  /** null for users without an email (they exist live, API-NOTES §13). */
  email: string | null;
  role: UserRole;
  active: boolean;
  verified: boolean;
  suspended: boolean;
  time_zone: string;
  iana_time_zone: string;
  locale: string;
  locale_id: number;
  phone: string | null;
  external_id: string | null;
  tags: string[];
  details: string | null;
  notes: string | null;
  /** A profile picture (an attachment object) or null. */
  photo: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface MembershipRecord {
  id: number;
  user_id: number;
  organization_id: number;
  /** Stored as a boolean; serialized as `true` or `null` like Zendesk. */
  default: boolean;
  created_at: string;
  updated_at: string;
}
