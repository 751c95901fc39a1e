import { z } from 'zod';
import { readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { CampaignOut, PhaseOut, ZCampaign, ZPhase, ZUpdateCampaign, ZUpdatePhase } from './campaigns.schemas.js';
import * as campaigns from './campaigns.service.js';

export const campaignsApi: ApiRoute[] = [
  route({ method: 'get', path: '/campaigns', summary: 'Các chủ đề năm liên quan đến đơn vị của người dùng', tag: 'Chủ đề năm', action: 'campaign.read', response: z.object({ items: z.array(CampaignOut) }) }, async (c) => c.json({ items: await campaigns.listCampaigns(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/campaigns', summary: 'Tạo chủ đề năm', tag: 'Chủ đề năm', action: 'campaign.manage', status: 201, body: ZCampaign, response: CampaignOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => campaigns.createCampaign(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/campaigns/:code', summary: 'Một chủ đề năm (lĩnh vực, tiêu chí, kế hoạch)', tag: 'Chủ đề năm', action: 'campaign.read', response: CampaignOut }, async (c) => c.json(await campaigns.getCampaign(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'patch', path: '/campaigns/:code', summary: 'Sửa chủ đề năm', tag: 'Chủ đề năm', action: 'campaign.manage', body: ZUpdateCampaign, response: CampaignOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => campaigns.updateCampaign(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'get', path: '/phases', summary: 'Các giai đoạn (nhiều chủ đề năm của một đơn vị) liên quan đến đơn vị của người dùng', tag: 'Chủ đề năm', action: 'campaign.read', response: z.object({ items: z.array(PhaseOut) }) }, async (c) => c.json({ items: await campaigns.listPhases(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/phases', summary: 'Tạo giai đoạn (ví dụ 2021–2025)', tag: 'Chủ đề năm', action: 'campaign.manage', status: 201, body: ZPhase, response: PhaseOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => campaigns.createPhase(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/phases/:code', summary: 'Một giai đoạn và các chủ đề năm của nó', tag: 'Chủ đề năm', action: 'campaign.read', response: PhaseOut }, async (c) => c.json(await campaigns.getPhase(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'patch', path: '/phases/:code', summary: 'Sửa giai đoạn', tag: 'Chủ đề năm', action: 'campaign.manage', body: ZUpdatePhase, response: PhaseOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => campaigns.updatePhase(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'delete', path: '/phases/:code', summary: 'Xóa giai đoạn tạo nhầm (khi chưa có đợt thẩm định, quyết định khen thưởng hay tờ trình nào dùng nó)', tag: 'Chủ đề năm', action: 'campaign.manage', status: 204 }, async (c) => {
    const actor = requireActor(c);
    await inTx(c, (trx) => campaigns.deletePhase(trx, { actor, code: c.req.param('code') }));
    return c.body(null, 204);
  }),
];
