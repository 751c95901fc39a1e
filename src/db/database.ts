/* The whole schema as Kysely sees it: each slice contributes its tables. */
import type { ApiTokenTable, LoginAttemptTable, SessionTable, UserRoleTable, UserTable } from '../features/accounts/accounts.table.js';
import type { AuditLogTable } from '../features/audit/audit.table.js';
import type { SettingTable } from '../features/settings/settings.table.js';
import type { UnitSuccessorTable, UnitTable } from '../features/units/units.table.js';
import type { Kysely, Transaction } from 'kysely';

export interface Database {
  units: UnitTable;
  unit_successors: UnitSuccessorTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
}

/** A database or a transaction: repositories take either. */
export type Db = Kysely<Database> | Transaction<Database>;
export type Tx = Transaction<Database>;
