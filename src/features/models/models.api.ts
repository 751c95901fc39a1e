import { z } from 'zod';
import { pageParam, readJson, readOptionalJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { parseInput } from '../../lib/validation.js';
import { parseId } from '../../lib/validation.js';
import { notFound } from '../../lib/errors.js';
import { ModelOut, ZAccept, ZEditModel, ZModelAssessment, ZModelRecognition, ZModelRecord, ZModelResult, ZModelUpdate, ZModelWork, ZReason, ZStop } from './models.schemas.js';
import * as models from './models.service.js';

const Update = z.object({
  id: z.number(),
  date: z.string(),
  body: z.string(),
  figures: z.array(z.object({ label: z.string(), value: z.number() })),
  files: z.array(z.object({ id: z.number(), name: z.string(), mime: z.string(), size: z.number(), url: z.string(), isImage: z.boolean() })),
});

const figure = z.number().nullable();
const Results = z.object({
  items: z.array(ZModelResult.extend({ id: z.number() })),
  totals: z.object({ moneyVnd: figure, workDays: figure, landDonatedM2: figure, householdsDonating: figure, householdsPersuaded: figure, beneficiaries: figure }).describe('tổng từng số liệu; null: chưa kết quả nào ghi số liệu này (chưa biết)'),
  recognitions: z.array(ZModelRecognition.extend({ id: z.number() })),
  assessments: z.array(ZModelAssessment.extend({ id: z.number() })),
  work: ZModelWork.nullable(),
});
/** The id in the path of a model's result or recognition: a malformed one is a record that does not exist. */
const idParam = (v: string | undefined, what: string): number => {
  const id = parseId(v);
  if (id === null) throw notFound(`Không tìm thấy ${what} này của mô hình.`);
  return id;
};

export const modelsApi: ApiRoute[] = [
  route({ method: 'get', path: '/models', summary: 'Danh sách mô hình (lọc, tìm không dấu, sắp theo tiếng Việt)', tag: 'Mô hình', action: 'model.read', query: { campaign: 'mã chủ đề năm', unit: 'mã đơn vị (cả đơn vị trực thuộc)', field: 'mã lĩnh vực', holder: 'collective | individual', status: 'draft | submitted | registered | returned | stopped', from: 'đăng ký từ ngày', to: 'đăng ký đến ngày', q: 'từ khóa', page: 'trang', pageSize: 'số dòng mỗi trang (tối đa 1000)' }, response: z.object({ items: z.array(ModelOut), total: z.number() }) }, async (c) => {
    const q = c.req.query();
    return c.json(
      await models.listModels(c.var.deps.db.db, requireActor(c), {
        campaign: q.campaign,
        unit: q.unit,
        field: q.field,
        holder: q.holder,
        status: q.status,
        from: q.from,
        to: q.to,
        q: q.q,
        page: pageParam(q.page),
        pageSize: q.pageSize ? pageParam(q.pageSize) : undefined,
      }),
    );
  }),
  route({ method: 'post', path: '/models', summary: 'Đăng ký mô hình (bản ghi theo gói dữ liệu); 409 khi trùng mã', tag: 'Mô hình', action: 'model.edit', status: 201, body: ZModelRecord, response: ModelOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => models.registerModel(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/models/:code', summary: 'Một mô hình', tag: 'Mô hình', action: 'model.read', response: ModelOut }, async (c) => c.json(await models.getModel(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'patch', path: '/models/:code', summary: 'Sửa nội dung mô hình', tag: 'Mô hình', action: 'model.edit', body: ZEditModel, response: ModelOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => models.editModel(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/models/:code/submit', summary: 'Gửi duyệt', tag: 'Mô hình', action: 'model.edit', response: ModelOut }, async (c) => {
    const actor = requireActor(c);
    return c.json(await inTx(c, (trx) => models.submitModel(trx, { actor, code: c.req.param('code') })));
  }),
  route({ method: 'post', path: '/models/:code/accept', summary: 'Duyệt: mô hình được ghi nhận đăng ký', tag: 'Mô hình', action: 'model.decide', body: ZAccept, response: ModelOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readOptionalJson(c);
    return c.json(await inTx(c, (trx) => models.acceptModel(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/models/:code/return', summary: 'Trả lại kèm lý do', tag: 'Mô hình', action: 'model.decide', body: ZReason, response: ModelOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => models.returnModel(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/models/:code/stop', summary: 'Dừng thực hiện kèm lý do', tag: 'Mô hình', action: 'model.decide', body: ZStop, response: ModelOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => models.stopModel(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/models/:code/exemplary', summary: 'Đánh dấu (hoặc bỏ) mô hình tiêu biểu', tag: 'Mô hình', action: 'model.decide', body: z.object({ exemplary: z.boolean() }), response: ModelOut }, async (c) => {
    const actor = requireActor(c);
    const { exemplary } = parseInput(z.object({ exemplary: z.boolean() }), await readJson(c), { exemplary: 'Mô hình tiêu biểu' });
    return c.json(await inTx(c, (trx) => models.setExemplary(trx, { actor, code: c.req.param('code'), exemplary })));
  }),
  route({ method: 'get', path: '/models/:code/updates', summary: 'Tiến độ thực hiện', tag: 'Mô hình', action: 'model.read', response: z.object({ items: z.array(Update) }) }, async (c) => c.json({ items: await models.listModelUpdates(c.var.deps.db.db, requireActor(c), c.req.param('code')) })),
  route({ method: 'post', path: '/models/:code/updates', summary: 'Cập nhật tiến độ (ngày, nội dung, số liệu)', tag: 'Mô hình', action: 'model.edit', status: 201, body: ZModelUpdate, response: Update }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => models.addModelUpdate(trx, { actor, code: c.req.param('code'), input })), 201);
  }),
  route({ method: 'get', path: '/models/:code/results', summary: 'Kết quả đạt được (số liệu theo ngày, tổng) và các lần công nhận của một mô hình', tag: 'Mô hình', action: 'model.read', response: Results }, async (c) => c.json(await models.modelAchievements(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'post', path: '/models/:code/results', summary: 'Ghi một kết quả (tiền, ngày công, đất hiến m², số hộ, số người hưởng lợi; ít nhất một số liệu)', tag: 'Mô hình', action: 'model.edit', status: 201, body: ZModelResult, response: ZModelResult.extend({ id: z.number() }) }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => models.addModelResult(trx, { actor, code: c.req.param('code'), input })), 201);
  }),
  route({ method: 'delete', path: '/models/:code/results/:id', summary: 'Xóa một kết quả ghi nhầm', tag: 'Mô hình', action: 'model.edit', status: 204 }, async (c) => {
    const actor = requireActor(c);
    const id = idParam(c.req.param('id'), 'kết quả');
    await inTx(c, (trx) => models.removeModelResult(trx, { actor, code: c.req.param('code'), id }));
    return c.body(null, 204);
  }),
  route({ method: 'post', path: '/models/:code/recognitions', summary: 'Ghi công nhận mô hình ở một cấp (cấp, ngày, quyết định); mỗi cấp một lần', tag: 'Mô hình', action: 'model.decide', status: 201, body: ZModelRecognition, response: ZModelRecognition.extend({ id: z.number() }) }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => models.addModelRecognition(trx, { actor, code: c.req.param('code'), input })), 201);
  }),
  route({ method: 'delete', path: '/models/:code/recognitions/:id', summary: 'Xóa một lần công nhận ghi nhầm', tag: 'Mô hình', action: 'model.decide', status: 204 }, async (c) => {
    const actor = requireActor(c);
    const id = idParam(c.req.param('id'), 'lần công nhận');
    await inTx(c, (trx) => models.removeModelRecognition(trx, { actor, code: c.req.param('code'), id }));
    return c.body(null, 204);
  }),
];
