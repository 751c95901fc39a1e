import { pageParam, requireActor, route, type ApiRoute } from '../../web/api.js';
import { listAudit } from './audit.service.js';

export const auditApi: ApiRoute[] = [
  route({
    method: 'get',
    path: '/audit',
    summary: 'Nhật ký hệ thống (mới nhất trước)',
    tag: 'Nhật ký',
    action: 'audit.read',
    query: { actor: 'người thực hiện', action: 'thao tác', entityType: 'loại đối tượng', entityId: 'mã đối tượng', outcome: 'ok | denied | failed', from: 'từ ngày', to: 'đến ngày', page: 'trang' },
  }, async (c) => {
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
}),
];
