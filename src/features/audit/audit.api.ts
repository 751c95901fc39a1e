import { Hono } from 'hono';
import type { ApiSpec } from '../../web/api.js';
import { pageParam, requireActor } from '../../web/api.js';
import type { AppEnv } from '../../web/context.js';
import { listAudit } from './audit.service.js';

export const auditApiSpecs: ApiSpec[] = [
  {
    method: 'get',
    path: '/audit',
    summary: 'Nhật ký hệ thống (mới nhất trước)',
    tag: 'Nhật ký',
    action: 'audit.read',
    query: { actor: 'người thực hiện', action: 'thao tác', entityType: 'loại đối tượng', entityId: 'mã đối tượng', outcome: 'ok | denied | failed', from: 'từ ngày', to: 'đến ngày', page: 'trang' },
  },
];

export const auditApi = new Hono<AppEnv>().get('/audit', async (c) => {
  const actor = requireActor(c);
  const q = c.req.query();
  return c.json(
    await listAudit(c.var.deps.db.db, actor, {
      actor: q.actor,
      action: q.action,
      entityType: q.entityType,
      entityId: q.entityId,
      outcome: q.outcome,
      from: q.from,
      to: q.to,
      page: pageParam(q.page),
    }),
  );
});
