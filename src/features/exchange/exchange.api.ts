import { z } from 'zod';
import { readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { bundle } from './registry.js';
import { todayVn } from '../../lib/vi.js';

const Counts = z.record(z.string(), z.object({ created: z.number(), updated: z.number() }));

export const bundleApi: ApiRoute[] = [
  route({ method: 'post', path: '/import', summary: 'Nhập gói dữ liệu JSON (tất cả hoặc không gì cả)', tag: 'Dữ liệu', action: 'bundle.import', body: z.object({ version: z.literal(1) }).loose(), response: z.object({ imported: Counts }) }, async (c) => {
    const actor = requireActor(c);
    const doc = await readJson(c);
    const imported = await inTx(c, (trx) => bundle.importBundle(trx, actor, doc));
    return c.json({ imported });
  }),
  route({ method: 'get', path: '/export', summary: 'Xuất gói dữ liệu JSON trong phạm vi', tag: 'Dữ liệu', action: 'bundle.export' }, async (c) => {
    const actor = requireActor(c);
    const doc = await bundle.exportBundle(c.var.deps.db.db, actor);
    c.header('Content-Disposition', `attachment; filename="kheo-${todayVn()}.json"`);
    return c.json(doc);
  }),
];
