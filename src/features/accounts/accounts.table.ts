import type { Generated, Selectable } from 'kysely';

export interface UserTable {
  id: Generated<number>;
  username: string;
  full_name: string;
  /** where e-mail notifications go; none: in-app only */
  email: string | null;
  unit_id: number;
  password_hash: string;
  password_changed_at: string;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface SessionTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string;
  success: number;
  at: string;
}

export type UserRow = Selectable<UserTable>;
