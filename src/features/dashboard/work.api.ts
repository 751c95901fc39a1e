import { requireActor, route, type ApiRoute } from '../../web/api.js';
import { myWorkList } from './work.service.js';

export const workApi: ApiRoute[] = [
  route({
    method: 'get',
    path: '/my-work',
    summary: 'Việc của tôi: mọi việc đang chờ người dùng ở mọi phân hệ — {"items":[{"kind","title","url","from","waitingSince","dueOn","overdue"}],"total"}',
    tag: 'Việc của tôi',
    action: 'admin.enter',
  }, async (c) => c.json(await myWorkList(c.var.deps.db.db, requireActor(c)))),
];
