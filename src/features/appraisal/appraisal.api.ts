import { z } from 'zod';
import { readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { ZDecision, ZProposal, ZRevoke, ZRound, ZScore } from './appraisal.schemas.js';
import * as appraisal from './appraisal.service.js';

const DecisionOut = z.object({
  number: z.string(),
  campaign: z.string(),
  round: z.string().nullable(),
  phase: z.object({ code: z.string(), name: z.string() }).nullable().describe('khen thưởng của một giai đoạn: mô hình của các chủ đề năm thuộc giai đoạn'),
  date: z.string(),
  issuer: z.string(),
  form: z.string(),
  status: z.string(),
  models: z.array(z.object({ code: z.string(), name: z.string(), carriedOutBy: z.string(), field: z.string() })),
});

export const appraisalApi: ApiRoute[] = [
  route({ method: 'get', path: '/rounds', summary: 'Các đợt thẩm định', tag: 'Thẩm định', action: 'appraisal.read' }, async (c) => c.json({ items: await appraisal.listRounds(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/rounds', summary: 'Mở đợt thẩm định (tổ thẩm định, hạn chấm, chỉ tiêu theo lĩnh vực)', tag: 'Thẩm định', action: 'appraisal.manage', status: 201, body: ZRound }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => appraisal.createRound(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/rounds/:code', summary: 'Một đợt thẩm định', tag: 'Thẩm định', action: 'appraisal.read' }, async (c) => c.json(await appraisal.getRound(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'get', path: '/rounds/:code/ranking', summary: 'Xếp hạng theo lĩnh vực, tiến độ chấm, đề xuất và các kiểm tra', tag: 'Thẩm định', action: 'appraisal.read' }, async (c) => c.json(await appraisal.ranking(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'put', path: '/rounds/:code/scores/:model', summary: 'Chấm điểm một mô hình (điểm theo tiêu chí, nhận xét, nộp)', tag: 'Thẩm định', action: 'appraisal.score', body: ZScore }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => appraisal.scoreModel(trx, { actor, roundCode: c.req.param('code'), modelCode: c.req.param('model'), input })));
  }),
  route({ method: 'post', path: '/rounds/:code/proposal', summary: 'Lập tờ trình đề xuất (tự động theo chỉ tiêu hoặc chọn tay có lý do)', tag: 'Thẩm định', action: 'appraisal.manage', body: ZProposal }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => appraisal.proposeModels(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'get', path: '/reward-decisions', summary: 'Quyết định khen thưởng', tag: 'Khen thưởng', action: 'appraisal.read' }, async (c) => c.json({ items: await appraisal.listDecisions(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/reward-decisions', summary: 'Dự thảo quyết định khen thưởng', tag: 'Khen thưởng', action: 'reward.decide', status: 201, body: ZDecision, response: DecisionOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => appraisal.createDecision(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/reward-decisions/:number', summary: 'Một quyết định (số ký hiệu mã hóa URL, ví dụ 3179%2FQĐ-UBND)', tag: 'Khen thưởng', action: 'appraisal.read', response: DecisionOut }, async (c) => c.json(await appraisal.getDecision(c.var.deps.db.db, requireActor(c), c.req.param('number')))),
  route({ method: 'post', path: '/reward-decisions/:number/publish', summary: 'Ban hành (cần {"confirm": true}; không hoàn tác; khóa đợt thẩm định)', tag: 'Khen thưởng', action: 'reward.decide', body: z.object({ confirm: z.literal(true) }), response: DecisionOut }, async (c) => {
    const actor = requireActor(c);
    const input = (await readJson(c)) as { confirm?: unknown } | null;
    return c.json(await inTx(c, (trx) => appraisal.publishDecision(trx, { actor, number: c.req.param('number'), confirm: input?.confirm === true })));
  }),
  route({ method: 'post', path: '/reward-decisions/:number/revoke', summary: 'Thu hồi quyết định kèm lý do', tag: 'Khen thưởng', action: 'reward.decide', body: ZRevoke, response: DecisionOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => appraisal.revokeDecision(trx, { actor, number: c.req.param('number'), input })));
  }),
  route({ method: 'get', path: '/rewards', summary: 'Tra cứu khen thưởng của một đơn vị (cả trực thuộc) hoặc một người', tag: 'Khen thưởng', action: 'appraisal.read', query: { unit: 'mã đơn vị', name: 'tên người, tập thể hoặc mô hình' } }, async (c) => c.json({ items: await appraisal.lookupRewards(c.var.deps.db.db, requireActor(c), { unit: c.req.query('unit'), name: c.req.query('name') }) })),
];
