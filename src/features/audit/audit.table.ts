import type { Generated, Selectable } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  /** UTC instant, ISO 8601 */
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** ok: done; denied: refused authorisation; failed: e.g. a wrong password */
  outcome: string;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

export type AuditRow = Selectable<AuditLogTable>;
