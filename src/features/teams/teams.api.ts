import { z } from 'zod';
import { pageParam, readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { TeamOut, ZTeam } from './teams.schemas.js';
import * as teams from './teams.service.js';

export const teamsApi: ApiRoute[] = [
  route({ method: 'get', path: '/teams', summary: 'Tổ, đội trong phạm vi một đơn vị', tag: 'Tổ, đội', action: 'team.read', query: { unit: 'mã đơn vị', kind: 'loại', page: 'trang' }, response: z.object({ items: z.array(TeamOut), total: z.number() }) }, async (c) => {
    const q = c.req.query();
    return c.json(await teams.listTeams(c.var.deps.db.db, requireActor(c), { unit: q.unit, kind: q.kind, page: pageParam(q.page) }));
  }),
  route({ method: 'post', path: '/teams', summary: 'Thành lập tổ, đội', tag: 'Tổ, đội', action: 'team.manage', status: 201, body: ZTeam, response: TeamOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => teams.createTeam(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/teams/:code', summary: 'Một tổ, đội', tag: 'Tổ, đội', action: 'team.read', response: TeamOut }, async (c) => c.json(await teams.getTeam(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'patch', path: '/teams/:code', summary: 'Sửa tổ, đội', tag: 'Tổ, đội', action: 'team.manage', body: ZTeam, response: TeamOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => teams.updateTeam(trx, { actor, code: c.req.param('code'), input })));
  }),
];
