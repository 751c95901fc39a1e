import type { Db } from '../../db/index.js';
import type { AuditRow } from './audit.table.js';
import { likeContains } from '../../db/dialect.js';

export interface NewAudit {
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  outcome: string;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

export async function insertAudit(db: Db, row: NewAudit): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Many audit rows, in order, a few hundred a statement. */
export async function insertAudits(db: Db, rows: readonly NewAudit[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('audit_log').values(rows.slice(i, i + 500)).execute();
}

interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

export async function findAudit(db: Db, f: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  let q = db.selectFrom('audit_log');
  if (f.actor) q = q.where(likeContains('actor_name', f.actor));
  if (f.action) q = q.where(likeContains('action', f.action));
  if (f.entityType) q = q.where('entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<', f.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total.n) };
}

