import { z } from 'zod';
import { fieldError } from '../../lib/errors.js';
import { readJson, readOptionalJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx, type Ctx } from '../../web/context.js';
import { ZReportForm } from './reporting.schemas.js';
import * as reporting from './reporting.service.js';

const tag = 'Báo cáo định kỳ';
const ZEntryInput = z.object({
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  submit: z.boolean().optional(),
  /** explanations of broken warning rules, by rule ("kn_giai_quyet<=kn_nhan": "…"); optional */
  explanations: z.record(z.string(), z.union([z.string(), z.null()])).optional(),
});

const q = (c: Ctx) => ({ form: c.req.param('code') ?? '', unit: c.req.param('unit') ?? '', period: c.req.param('period') ?? '' });

export const reportingApi: ApiRoute[] = [
  route({ method: 'get', path: '/report-forms', summary: 'Các biểu mẫu báo cáo định kỳ', tag, action: 'report.read' }, async (c) => c.json({ items: await reporting.listForms(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'get', path: '/report-forms/:code', summary: 'Một biểu mẫu: chỉ tiêu, quy tắc kiểm tra (lỗi hoặc cảnh báo)', tag, action: 'report.read' }, async (c) => c.json(await reporting.getForm(c.var.deps.db.db, requireActor(c), c.req.param('code')))),
  route({ method: 'put', path: '/report-forms/:code', summary: 'Tạo hoặc sửa biểu mẫu (chỉ tiêu, quy tắc, chỉ tiêu giao)', tag, action: 'report.configure', body: ZReportForm }, async (c) => {
    const actor = requireActor(c);
    const input = (await readJson(c)) as Record<string, unknown> | null;
    if (input && typeof input === 'object' && 'code' in input && input.code !== c.req.param('code')) throw fieldError('code', 'Mã biểu mẫu: phải trùng với mã trong đường dẫn');
    return c.json(await inTx(c, (trx) => reporting.saveForm(trx, { actor, input: { ...(input ?? {}), code: c.req.param('code') } })));
  }),
  route({ method: 'get', path: '/report-forms/:code/completeness', summary: 'Tình hình nộp báo cáo của một kỳ (đủ, đúng hạn, muộn, chưa nộp)', tag, action: 'report.read', query: { period: 'kỳ, ví dụ 2021-09' } }, async (c) => c.json(await reporting.completeness(c.var.deps.db.db, requireActor(c), { form: c.req.param('code'), period: c.req.query('period') || undefined }))),
  route({ method: 'get', path: '/report-forms/:code/pivot', summary: 'Tổng hợp chỉ tiêu × đơn vị × kỳ, cộng dồn theo cây đơn vị', tag, action: 'report.read', query: { period: 'kỳ (lặp lại được): 2021-09, 2021-Q3, 2021-H1, 2021-9T, 2021', basis: 'all | approved' } }, async (c) => {
    const periods = (c.req.queries('period') ?? []).filter(Boolean);
    if (!periods.length) throw fieldError('period', 'Kỳ: cần ít nhất một kỳ, ví dụ period=2021-09');
    return c.json(await reporting.pivot(c.var.deps.db.db, requireActor(c), { form: c.req.param('code'), periods, basis: c.req.query('basis') === 'approved' ? 'approved' : 'all' }));
  }),
  route({ method: 'get', path: '/report-forms/:code/reports/:unit/:period', summary: 'Báo cáo của một đơn vị trong một kỳ', tag, action: 'report.read' }, async (c) => c.json(await reporting.getEntry(c.var.deps.db.db, requireActor(c), q(c)))),
  route({ method: 'put', path: '/report-forms/:code/reports/:unit/:period', summary: 'Lưu nháp số liệu của một đơn vị (quy tắc kiểm tra không chặn lưu nháp); nộp khi "submit": true — bị từ chối (422) khi vi phạm quy tắc lỗi hoặc quy tắc cảnh báo chưa có giải trình trong "explanations"', tag, action: 'report.enter', body: ZEntryInput }, async (c) => {
    const actor = requireActor(c);
    const parsed = ZEntryInput.safeParse(await readJson(c));
    if (!parsed.success) throw fieldError('values', 'Số liệu: phải là {"values": {"mã chỉ tiêu": giá trị}, "submit": true|false, "explanations": {"mã quy tắc": "giải trình"}}');
    await inTx(c, (trx) => reporting.saveEntry(trx, { actor, ...q(c), values: parsed.data.values, submit: parsed.data.submit ?? false, explanations: parsed.data.explanations }));
    return c.json(await reporting.getEntry(c.var.deps.db.db, actor, q(c)));
  }),
  route({ method: 'post', path: '/report-forms/:code/reports/:unit/:period/approve', summary: 'Duyệt và khóa báo cáo', tag, action: 'report.approve' }, async (c) => {
    const actor = requireActor(c);
    await inTx(c, (trx) => reporting.approveReport(trx, { actor, ...q(c) }));
    return c.json(await reporting.getEntry(c.var.deps.db.db, actor, q(c)));
  }),
  route({ method: 'post', path: '/report-forms/:code/reports/:unit/:period/return', summary: 'Trả lại báo cáo ({"note": "…"})', tag, action: 'report.approve' }, async (c) => {
    const actor = requireActor(c);
    const body = ((await readOptionalJson(c)) ?? {}) as { note?: unknown };
    await inTx(c, (trx) => reporting.returnReport(trx, { actor, ...q(c), note: typeof body.note === 'string' ? body.note : '' }));
    return c.json(await reporting.getEntry(c.var.deps.db.db, actor, q(c)));
  }),
  route({ method: 'post', path: '/report-forms/:code/periods/:period/close', summary: 'Khóa sổ một kỳ (giữ lại số liệu đã duyệt)', tag, action: 'report.approve' }, async (c) => {
    const actor = requireActor(c);
    await inTx(c, (trx) => reporting.closePeriod(trx, { actor, form: c.req.param('code'), period: c.req.param('period') }));
    return c.json(await reporting.completeness(c.var.deps.db.db, actor, { form: c.req.param('code'), period: c.req.param('period') }));
  }),
];
