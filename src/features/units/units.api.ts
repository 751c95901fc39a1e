import { z } from 'zod';
import { readJson, readOptionalJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { UnitOut, ZCreateUnit, ZDeactivateUnit, ZMoveUnit, ZUpdateUnit } from './units.schemas.js';
import * as units from './units.service.js';

export const unitsApi: ApiRoute[] = [
  route({ method: 'get', path: '/units', summary: 'Danh sách đơn vị trong phạm vi', tag: 'Đơn vị', action: 'unit.read', response: z.object({ items: z.array(UnitOut) }), query: { inactive: 'có (1) hay không kèm đơn vị đã ngừng hoạt động' } }, async (c) => {
    const actor = requireActor(c);
    const items = await units.listUnitsFlat(c.var.deps.db.db, actor, { includeInactive: c.req.query('inactive') === '1' });
    return c.json({ items });
  }),
  route({ method: 'post', path: '/units', summary: 'Tạo đơn vị', tag: 'Đơn vị', action: 'unit.create', status: 201, body: ZCreateUnit, response: UnitOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    const unit = await inTx(c, (trx) => units.createUnit(trx, { actor, input }));
    return c.json(unit, 201);
  }),
  route({ method: 'get', path: '/units/:code', summary: 'Một đơn vị', tag: 'Đơn vị', action: 'unit.read', response: UnitOut }, async (c) => {
    const actor = requireActor(c);
    return c.json(await units.getUnit(c.var.deps.db.db, actor, c.req.param('code')));
  }),
  route({ method: 'patch', path: '/units/:code', summary: 'Sửa đơn vị', tag: 'Đơn vị', action: 'unit.update', body: ZUpdateUnit, response: UnitOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => units.updateUnit(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/units/:code/move', summary: 'Chuyển đơn vị sang đơn vị cấp trên khác', tag: 'Đơn vị', action: 'unit.move', body: ZMoveUnit, response: UnitOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => units.moveUnit(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/units/:code/deactivate', summary: 'Ngừng hoạt động (sáp nhập, giải thể)', tag: 'Đơn vị', action: 'unit.deactivate', body: ZDeactivateUnit, response: UnitOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readOptionalJson(c);
    return c.json(await inTx(c, (trx) => units.deactivateUnit(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/units/:code/reactivate', summary: 'Cho hoạt động trở lại', tag: 'Đơn vị', action: 'unit.deactivate', response: UnitOut }, async (c) => {
    const actor = requireActor(c);
    return c.json(await inTx(c, (trx) => units.reactivateUnit(trx, { actor, code: c.req.param('code') })));
  }),
  route({ method: 'delete', path: '/units/:code', summary: 'Xóa đơn vị tạo nhầm (khi không có gì tham chiếu)', tag: 'Đơn vị', action: 'unit.deactivate', status: 204 }, async (c) => {
    const actor = requireActor(c);
    await inTx(c, (trx) => units.deleteUnit(trx, { actor, code: c.req.param('code') }));
    return c.body(null, 204);
  }),
];
