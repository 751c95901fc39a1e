/**
 * The audit trail: who did what, when (UTC), to which entity, with the values before and after.
 * Writes call `audit()` inside their own transaction, so a write and its audit row land together.
 */
import type { Db } from '../../db/index.js';
import { formatDateTime, parseDate, vnDayEnd, vnDayStart } from '../../lib/vi.js';
import { authorize, type Actor, type AnonymousActor } from '../../policy/policy.js';
import { auditActionLabel, auditEntityLabel } from './audit.labels.js';
import * as repo from './audit.repository.js';

interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'ok' | 'denied' | 'failed';
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

const auditRow = (actor: Actor | AnonymousActor, e: AuditEntry, at: string): repo.NewAudit => ({
  at,
  actor_id: actor.kind === 'user' ? actor.userId : null,
  actor_name: actor.username,
  action: e.action,
  entity_type: e.entityType,
  entity_id: e.entityId == null ? null : String(e.entityId),
  outcome: e.outcome ?? 'ok',
  before_json: json(e.before),
  after_json: json(e.after),
  ip: actor.ip,
});

/** Records one audit row with `db` — pass the write's transaction. */
export async function audit(db: Db, actor: Actor | AnonymousActor, e: AuditEntry): Promise<void> {
  await repo.insertAudit(db, auditRow(actor, e, new Date().toISOString()));
}

/** Records many audit rows of one actor, in order (a bulk import), in the write's transaction. */
export async function auditMany(db: Db, actor: Actor | AnonymousActor, entries: readonly AuditEntry[]): Promise<void> {
  const at = new Date().toISOString();
  await repo.insertAudits(db, entries.map((e) => auditRow(actor, e, at)));
}

interface PresentedAudit {
  id: number;
  at: string;
  atText: string;
  actor: string;
  action: string;
  /** the action's Vietnamese name ("Sửa giai đoạn"), or its code when none is known */
  actionLabel: string;
  entityType: string;
  /** the entity type's Vietnamese name, or its code */
  entityLabel: string;
  entityId: string | null;
  outcome: string;
  before: unknown;
  after: unknown;
  ip: string | null;
}

const parseJson = (s: string | null): unknown => (s ? (JSON.parse(s) as unknown) : null);

interface AuditQuery {
  actor?: string | undefined;
  action?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  outcome?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page?: number | undefined;
}

/** Lists audit rows, newest first, for an admin. Dates in the filter are Vietnam calendar days. */
export async function listAudit(db: Db, actor: Actor, q: AuditQuery): Promise<{ items: PresentedAudit[]; total: number; page: number; pageSize: number }> {
  // The log spans every unit: only a top-level unit's admin reads it.
  authorize(actor, 'audit.read', { unitPath: '/', entityType: 'audit_log' });
  const pageSize = 50;
  const page = Math.min(Math.max(1, q.page ?? 1), 100_000);
  const from = q.from ? parseDate(q.from) : null;
  const to = q.to ? parseDate(q.to) : null;
  const { rows, total } = await repo.findAudit(db, {
    actor: q.actor,
    action: q.action,
    entityType: q.entityType,
    entityId: q.entityId,
    outcome: q.outcome,
    from: from ? vnDayStart(from) : undefined,
    to: to ? vnDayEnd(to) : undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      atText: formatDateTime(r.at),
      actor: r.actor_name,
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      entityType: r.entity_type,
      entityLabel: auditEntityLabel(r.entity_type),
      entityId: r.entity_id,
      outcome: r.outcome,
      before: parseJson(r.before_json),
      after: parseJson(r.after_json),
      ip: r.ip,
    })),
    total,
    page,
    pageSize,
  };
}
