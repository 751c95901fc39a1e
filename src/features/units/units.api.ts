import { Hono } from 'hono';
import { z } from 'zod';
import type { ApiSpec } from '../../web/api.js';
import { readJson, readOptionalJson, requireActor } from '../../web/api.js';
import { inTx, type AppEnv } from '../../web/context.js';
import { UnitOut, ZCreateUnit, ZDeactivateUnit, ZMoveUnit, ZUpdateUnit } from './units.schemas.js';
import * as units from './units.service.js';

export const unitsApiSpecs: ApiSpec[] = [
  { method: 'get', path: '/units', summary: 'Danh sách đơn vị trong phạm vi', tag: 'Đơn vị', action: 'unit.read', response: z.object({ items: z.array(UnitOut) }), query: { inactive: 'có (1) hay không kèm đơn vị đã ngừng hoạt động' } },
  { method: 'post', path: '/units', summary: 'Tạo đơn vị', tag: 'Đơn vị', action: 'unit.create', status: 201, body: ZCreateUnit, response: UnitOut },
  { method: 'get', path: '/units/:code', summary: 'Một đơn vị', tag: 'Đơn vị', action: 'unit.read', response: UnitOut },
  { method: 'patch', path: '/units/:code', summary: 'Sửa đơn vị', tag: 'Đơn vị', action: 'unit.update', body: ZUpdateUnit, response: UnitOut },
  { method: 'post', path: '/units/:code/move', summary: 'Chuyển đơn vị sang đơn vị cấp trên khác', tag: 'Đơn vị', action: 'unit.move', body: ZMoveUnit, response: UnitOut },
  { method: 'post', path: '/units/:code/deactivate', summary: 'Ngừng hoạt động (sáp nhập, giải thể)', tag: 'Đơn vị', action: 'unit.deactivate', body: ZDeactivateUnit, response: UnitOut },
  { method: 'post', path: '/units/:code/reactivate', summary: 'Cho hoạt động trở lại', tag: 'Đơn vị', action: 'unit.deactivate', response: UnitOut },
  { method: 'delete', path: '/units/:code', summary: 'Xóa đơn vị tạo nhầm (khi không có gì tham chiếu)', tag: 'Đơn vị', action: 'unit.deactivate', status: 204 },
];

export const unitsApi = new Hono<AppEnv>()
  .get('/units', async (c) => {
    const actor = requireActor(c);
    const items = await units.listUnitsFlat(c.var.deps.db.db, actor, { includeInactive: c.req.query('inactive') === '1' });
    return c.json({ items });
  })
  .post('/units', async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    const unit = await inTx(c, (trx) => units.createUnit(trx, { actor, input }));
    return c.json(unit, 201);
  })
  .get('/units/:code', async (c) => {
    const actor = requireActor(c);
    return c.json(await units.getUnit(c.var.deps.db.db, actor, c.req.param('code')));
  })
  .patch('/units/:code', async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => units.updateUnit(trx, { actor, code: c.req.param('code'), input })));
  })
  .post('/units/:code/move', async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => units.moveUnit(trx, { actor, code: c.req.param('code'), input })));
  })
  .post('/units/:code/deactivate', async (c) => {
    const actor = requireActor(c);
    const input = await readOptionalJson(c);
    return c.json(await inTx(c, (trx) => units.deactivateUnit(trx, { actor, code: c.req.param('code'), input })));
  })
  .post('/units/:code/reactivate', async (c) => {
    const actor = requireActor(c);
    return c.json(await inTx(c, (trx) => units.reactivateUnit(trx, { actor, code: c.req.param('code') })));
  })
  .delete('/units/:code', async (c) => {
    const actor = requireActor(c);
    await inTx(c, (trx) => units.deleteUnit(trx, { actor, code: c.req.param('code') }));
    return c.body(null, 204);
  });
