import { parseId, parseThrough } from '../../lib/validation.js';
import { notFound } from '../../lib/errors.js';
import { pageParam, readJson, readOptionalJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { answerComplaint, listComplaints, listDialogues, receiveComplaint, recordDialogue } from './landClearance.engagement.js';
import * as households from './landClearance.households.js';
import { ZComplaint, ZComplaintAnswer, ZDialogue, ZHandover, ZHousehold, ZObstacle, ZObstacleResolve, ZPayment, ZPlan, ZPlanApproval, ZProject, ZStepAction } from './landClearance.schemas.js';
import { actOnStep, createProject, getProject, updateProject } from './landClearance.service.js';
import { clearanceDashboard, myWork, type ProjectLine } from './landClearance.stats.js';

const TAG = 'Giải phóng mặt bằng';
/** A dashboard line for clients: the unit's code and name, not its internal path. */
const withoutPath = ({ unitPath: _unitPath, ...line }: ProjectLine) => line;
const idOf = (v: string) => {
  const id = parseId(v);
  if (!id) throw notFound();
  return id;
};

export const clearanceApi: ApiRoute[] = [
  route({ method: 'get', path: '/clearance/dashboard', summary: 'Bảng điều hành GPMB của một đơn vị tính đến ngày: số liệu theo dự án, theo đơn vị (chỉ số liệu tổng hợp)', tag: TAG, action: 'clearance.read', query: { unit: 'mã đơn vị (mặc định đơn vị của người dùng)', through: 'YYYY-MM-DD', category: 'key | carriedOver | new' } }, async (c) => {
    const q = c.req.query();
    const d = await clearanceDashboard(c.var.deps.db.db, requireActor(c), { unit: q.unit, through: parseThrough(q.through), category: q.category });
    return c.json({ ...d, projects: d.projects.map(withoutPath) });
  }),
  route({ method: 'get', path: '/clearance/my-work', summary: 'Việc của tôi: bước, phương án, khoản chi trả chờ duyệt; bước quá hạn, sắp đến hạn', tag: TAG, action: 'clearance.read' }, async (c) => c.json(await myWork(c.var.deps.db.db, requireActor(c)))),
  route({ method: 'get', path: '/clearance-projects', summary: 'Dự án GPMB trong phạm vi (chậm tiến độ trước)', tag: TAG, action: 'clearance.read', query: { unit: 'mã đơn vị', category: 'key | carriedOver | new', q: 'từ khóa', through: 'YYYY-MM-DD', page: 'trang (100 dự án mỗi trang)' } }, async (c) => {
    const q = c.req.query();
    const d = await clearanceDashboard(c.var.deps.db.db, requireActor(c), { unit: q.unit, through: parseThrough(q.through), category: q.category, q: q.q });
    const page = pageParam(q.page);
    return c.json({ items: d.projects.slice((page - 1) * 100, page * 100).map(withoutPath), total: d.projects.length, page, pageSize: 100 });
  }),
  route({ method: 'post', path: '/clearance-projects', summary: 'Tạo dự án GPMB', tag: TAG, action: 'clearance.manage', status: 201, body: ZProject }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => createProject(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/clearance-projects/:code', summary: 'Một dự án với các bước, hạn luật định và trạng thái tiến độ', tag: TAG, action: 'clearance.read', query: { through: 'YYYY-MM-DD' } }, async (c) => c.json(await getProject(c.var.deps.db.db, requireActor(c), c.req.param('code'), c.req.query('through') ? parseThrough(c.req.query('through')) : undefined))),
  route({ method: 'patch', path: '/clearance-projects/:code', summary: 'Sửa dự án', tag: TAG, action: 'clearance.manage', body: ZProject }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => updateProject(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/clearance-projects/:code/steps/:step', summary: 'Một bước: plan | done | approve (người khác duyệt) | notApplicable | pause (kèm lý do) | resume', tag: TAG, action: 'clearance.manage', body: ZStepAction }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => actOnStep(trx, { actor, code: c.req.param('code'), step: c.req.param('step'), input })));
  }),
  route({ method: 'get', path: '/clearance-projects/:code/households', summary: 'Hộ bị ảnh hưởng của dự án (thông tin cá nhân)', tag: TAG, action: 'clearance.personal', query: { state: 'new | inProgress | agreed | paid | handedOver | blocked', page: 'trang' } }, async (c) => {
    const q = c.req.query();
    return c.json(await households.listHouseholds(c.var.deps.db.db, requireActor(c), c.req.param('code'), { page: pageParam(q.page), state: q.state }));
  }),
  route({ method: 'get', path: '/clearance-projects/:code/dialogues', summary: 'Các buổi đối thoại', tag: TAG, action: 'clearance.personal' }, async (c) => c.json({ items: await listDialogues(c.var.deps.db.db, requireActor(c), c.req.param('code')) })),
  route({ method: 'post', path: '/clearance-projects/:code/dialogues', summary: 'Ghi nhận buổi đối thoại', tag: TAG, action: 'clearance.manage', status: 201, body: ZDialogue }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => recordDialogue(trx, { actor, projectCode: c.req.param('code'), input })), 201);
  }),
  route({ method: 'get', path: '/clearance-projects/:code/complaints', summary: 'Đơn khiếu nại, kiến nghị', tag: TAG, action: 'clearance.personal' }, async (c) => c.json({ items: await listComplaints(c.var.deps.db.db, requireActor(c), c.req.param('code')) })),
  route({ method: 'post', path: '/clearance-projects/:code/complaints', summary: 'Tiếp nhận đơn (hạn giải quyết tính theo luật)', tag: TAG, action: 'clearance.manage', status: 201, body: ZComplaint }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    const id = await inTx(c, (trx) => receiveComplaint(trx, { actor, projectCode: c.req.param('code'), input }));
    return c.json((await listComplaints(c.var.deps.db.db, actor, c.req.param('code'))).find((x) => x.id === id), 201);
  }),
  route({ method: 'post', path: '/clearance-projects/:code/complaints/:id/answer', summary: 'Trả lời đơn', tag: TAG, action: 'clearance.manage', body: ZComplaintAnswer }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    const id = idOf(c.req.param('id'));
    await inTx(c, (trx) => answerComplaint(trx, { actor, projectCode: c.req.param('code'), complaintId: id, input }));
    return c.json((await listComplaints(c.var.deps.db.db, actor, c.req.param('code'))).find((x) => x.id === id));
  }),
  route({ method: 'post', path: '/households', summary: 'Thêm hộ bị ảnh hưởng vào dự án', tag: TAG, action: 'clearance.manage', status: 201, body: ZHousehold }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => households.createHousehold(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/households/:code', summary: 'Hồ sơ một hộ: thửa đất, phương án, chi trả, bàn giao, vướng mắc', tag: TAG, action: 'clearance.personal' }, async (c) => c.json(await households.getHousehold(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'patch', path: '/households/:code', summary: 'Sửa thông tin hộ', tag: TAG, action: 'clearance.manage', body: ZHousehold }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => households.updateHousehold(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/households/:code/plan', summary: 'Lưu phương án dự thảo (đồng, số nguyên)', tag: TAG, action: 'clearance.manage', body: ZPlan }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => households.savePlan(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/households/:code/plan/approve', summary: 'Phê duyệt phương án (người khác người lập)', tag: TAG, action: 'clearance.approve', body: ZPlanApproval }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => households.approvePlan(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/households/:code/payments', summary: 'Ghi nhận khoản chi trả (không vượt số được duyệt)', tag: TAG, action: 'clearance.manage', status: 201, body: ZPayment }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => households.recordPayment(trx, { actor, code: c.req.param('code'), input })), 201);
  }),
  route({ method: 'post', path: '/households/:code/payments/:id/confirm', summary: 'Xác nhận khoản chi trả (người khác người ghi)', tag: TAG, action: 'clearance.approve' }, async (c) => {
    const actor = requireActor(c);
    await readOptionalJson(c);
    const paymentId = idOf(c.req.param('id'));
    return c.json(await inTx(c, (trx) => households.confirmPayment(trx, { actor, code: c.req.param('code'), paymentId })));
  }),
  route({ method: 'post', path: '/households/:code/handover', summary: 'Bàn giao mặt bằng', tag: TAG, action: 'clearance.manage', body: ZHandover }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => households.recordHandover(trx, { actor, code: c.req.param('code'), input })));
  }),
  route({ method: 'post', path: '/households/:code/obstacles', summary: 'Ghi vướng mắc', tag: TAG, action: 'clearance.manage', status: 201, body: ZObstacle }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => households.openObstacle(trx, { actor, code: c.req.param('code'), input })), 201);
  }),
  route({ method: 'post', path: '/households/:code/obstacles/:id/resolve', summary: 'Giải quyết vướng mắc', tag: TAG, action: 'clearance.manage', body: ZObstacleResolve }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    const obstacleId = idOf(c.req.param('id'));
    return c.json(await inTx(c, (trx) => households.resolveObstacle(trx, { actor, code: c.req.param('code'), obstacleId, input })));
  }),
];
