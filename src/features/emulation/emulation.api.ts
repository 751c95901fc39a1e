/** The emulation record over JSON: the catalogue, proposals up and back, and the awards on record. */
import { z } from 'zod';
import { pageParam, readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { parsePageSize } from '../../lib/validation.js';
import { inTx } from '../../web/context.js';
import { ZAwardForm, ZAwardProposal, ZDecide, ZReturn, ZStep, ZUpdateAwardProposal } from './emulation.schemas.js';
import * as emulation from './emulation.service.js';

const TAG = 'Thi đua, khen thưởng';
const idOf = (c: { req: { param: (k: 'id') => string } }) => c.req.param('id');

type Step = typeof emulation.decideProposal;
const step = (path: string, summary: string, body: z.ZodType, fn: Step, action: 'appraisal.manage' | 'reward.decide') =>
  route({ method: 'post', path: `/award-proposals/:id/${path}`, summary, tag: TAG, action, body }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => fn(trx, { actor, id: idOf(c), input })));
  });

export const emulationApi: ApiRoute[] = [
  route({ method: 'get', path: '/award-forms', summary: 'Danh mục danh hiệu thi đua, hình thức khen thưởng và cấp có thẩm quyền', tag: TAG, action: 'appraisal.read' }, async (c) => c.json({ items: await emulation.listAwardForms(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/award-forms', summary: 'Thêm hoặc sửa (theo mã) một danh hiệu, hình thức khen thưởng', tag: TAG, action: 'settings.update', body: ZAwardForm }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => emulation.saveAwardForm(trx, { actor, input })));
  }),
  route({ method: 'get', path: '/award-proposals', summary: 'Tờ trình đề nghị khen thưởng gửi từ hoặc gửi đến đơn vị của người dùng, mới nhất trước, từng trang (kèm tổng số)', tag: TAG, action: 'appraisal.read', query: { status: 'draft | submitted | received | reviewed | decided | returned', page: 'trang, từ 1', pageSize: 'số tờ trình một trang (50 nếu không ghi, tối đa 100)' } }, async (c) => {
    const q = c.req.query();
    return c.json(await emulation.listProposals(c.var.deps.db.db, requireActor(c), { status: q.status, page: pageParam(q.page), pageSize: parsePageSize(q.pageSize, 100) }));
  }),
  route({ method: 'post', path: '/award-proposals', summary: 'Lập tờ trình đề nghị khen thưởng (dự thảo)', tag: TAG, action: 'appraisal.manage', status: 201, body: ZAwardProposal }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => emulation.createProposal(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/award-proposals/:id', summary: 'Một tờ trình (theo id)', tag: TAG, action: 'appraisal.read' }, async (c) => c.json(await emulation.getProposal(c.var.deps.db.db, requireActor(c), idOf(c)))),
  route({ method: 'patch', path: '/award-proposals/:id', summary: 'Sửa dự thảo hoặc tờ trình bị trả lại', tag: TAG, action: 'appraisal.manage', body: ZUpdateAwardProposal }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => emulation.updateProposal(trx, { actor, id: idOf(c), input })));
  }),
  step('submit', 'Gửi tờ trình lên cấp có thẩm quyền', ZStep, emulation.submitProposal, 'appraisal.manage'),
  step('receive', 'Tiếp nhận hồ sơ (hội đồng cấp nhận)', ZStep, emulation.receiveProposal, 'reward.decide'),
  step('review', 'Đã xét hồ sơ, kèm ý kiến', ZStep, emulation.reviewProposal, 'reward.decide'),
  step('decide', 'Ghi quyết định khen thưởng (số, ngày, những người được khen)', ZDecide, emulation.decideProposal, 'reward.decide'),
  step('return', 'Trả lại tờ trình kèm lý do', ZReturn, emulation.returnProposal, 'reward.decide'),
  route({ method: 'get', path: '/awards', summary: 'Tra cứu khen thưởng của người, tập thể, hộ gia đình qua các năm', tag: TAG, action: 'appraisal.read', query: { name: 'tên (không dấu cũng được)', unit: 'mã đơn vị', kind: 'collective | individual | household' } }, async (c) =>
    c.json({ items: await emulation.lookupAwards(c.var.deps.db.db, requireActor(c), { name: c.req.query('name'), unit: c.req.query('unit'), kind: c.req.query('kind') }) }),
  ),
];
