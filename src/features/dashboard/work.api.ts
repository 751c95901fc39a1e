import { Hono } from 'hono';
import { requireActor, type ApiSpec } from '../../web/api.js';
import type { AppEnv } from '../../web/context.js';
import { myWorkList } from './work.service.js';

export const workApiSpecs: ApiSpec[] = [
  {
    method: 'get',
    path: '/my-work',
    summary: 'Việc của tôi: mọi việc đang chờ người dùng ở mọi phân hệ — {"items":[{"kind","title","url","from","waitingSince","dueOn","overdue"}],"total"}',
    tag: 'Việc của tôi',
    action: 'admin.enter',
  },
];

export const workApi = new Hono<AppEnv>().get('/my-work', async (c) => c.json(await myWorkList(c.var.deps.db.db, requireActor(c))));
