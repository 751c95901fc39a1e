/**
 * The campaign's figures over JSON: the public stats (DESIGN's contract, read by other tools) and
 * the officers' dashboard. One definition (figures.service.ts) behind both and every page.
 */
import { z } from 'zod';
import { parseThrough } from '../../lib/validation.js';
import { requireActor, route, type ApiRoute } from '../../web/api.js';
import { getCampaign } from '../campaigns/campaigns.service.js';
import { campaignDashboard, campaignStats, phaseFigures } from './figures.service.js';

const Stats = z.object({
  campaign: z.object({ code: z.string(), year: z.number(), theme: z.string(), unit: z.string(), unitName: z.string() }),
  through: z.string(),
  units: z.array(z.object({ kind: z.string(), label: z.string(), count: z.number() })),
  models: z.object({ total: z.number(), collective: z.number(), individual: z.number(), byField: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })), bySector: z.array(z.object({ sector: z.string().nullable().describe('party | government | front | armedForces; null: đơn vị chưa thuộc khối nào (chưa biết)'), count: z.number() })), byRecognitionLevel: z.array(z.object({ level: z.string().describe('commune | district | province | national'), count: z.number() })), assessed: z.object({ effective: z.number(), notEffective: z.number() }).describe('theo lần đánh giá gần nhất đến ngày: triển khai hiệu quả / chưa hiệu quả; còn lại: chưa đánh giá'), works: z.number().describe('số mô hình được gắn biển công trình "Dân vận khéo" đến ngày') }),
  resources: z
    .object({ moneyVnd: z.number().nullable(), workDays: z.number().nullable(), landDonatedM2: z.number().nullable(), householdsDonating: z.number().nullable(), householdsPersuaded: z.number().nullable(), beneficiaries: z.number().nullable() })
    .describe('kết quả các mô hình được tính huy động được đến ngày; null: chưa mô hình nào ghi số liệu này (chưa biết), không phải 0'),
  resourcesBy: z
    .object({
      field: z.array(z.object({ code: z.string(), name: z.string(), resources: z.record(z.string(), z.number().nullable()) })),
      holder: z.array(z.object({ holder: z.string().describe('collective | individual'), resources: z.record(z.string(), z.number().nullable()) })),
      unit: z.array(z.object({ code: z.string(), name: z.string(), resources: z.record(z.string(), z.number().nullable()) })).describe('các đơn vị trực thuộc đơn vị của chủ đề năm (cộng dồn cả cấp dưới) và mô hình trực tiếp của đơn vị đó; chỉ đơn vị có kết quả'),
      sector: z.array(z.object({ sector: z.string().nullable().describe('party | government | front | armedForces; null: chưa xếp khối'), resources: z.record(z.string(), z.number().nullable()) })),
      level: z.array(z.object({ level: z.string().nullable().describe('cấp công nhận cao nhất của mô hình đến ngày: commune | district | province | national; null: chưa được công nhận'), resources: z.record(z.string(), z.number().nullable()) })),
    })
    .describe('nguồn lực theo lĩnh vực, chủ thể, đơn vị, khối và cấp công nhận; mỗi danh sách cộng lại bằng resources'),
  teams: z.object({ total: z.object({ teams: z.number(), members: z.number() }), byKind: z.array(z.object({ kind: z.string(), label: z.string(), teams: z.number(), members: z.number() })) }),
  rewards: z.object({
    total: z.number(),
    byField: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
    bySector: z.array(z.object({ sector: z.string().nullable().describe('party | government | front | armedForces; null: chưa xếp khối'), count: z.number() })).describe('mô hình được khen thưởng theo khối của đơn vị'),
    decisions: z.array(z.object({ number: z.string(), date: z.string(), issuer: z.string(), form: z.string(), models: z.number() })),
  }),
  clearance: z.object({
    projects: z.number(),
    byCategory: z.array(z.object({ category: z.string(), label: z.string(), count: z.number() })),
    bySchedule: z.array(z.object({ status: z.string(), label: z.string(), count: z.number() })),
    householdsAffected: z.number(),
    households: z.number(),
    followedProjects: z.number().describe('dự án theo dõi đến từng hộ: các số hộ dưới đây chỉ tính các dự án này'),
    followedAffected: z.number().describe('hộ, tổ chức bị ảnh hưởng của các dự án theo dõi đến từng hộ'),
    trackedProjects: z.number().describe('dự án đã cập nhật các bước (có trạng thái tiến độ)'),
    plansApproved: z.number().nullable().describe('null: chưa dự án nào theo dõi đến từng hộ (chưa biết), không phải 0'),
    householdsPaid: z.number().nullable(),
    handedOver: z.number().nullable(),
    dialogues: z.number(),
    dialogueParticipants: z.number(),
    complaintsOpen: z.number(),
    complaintsOverdue: z.number(),
  }),
  documents: z.array(z.object({ number: z.string(), kind: z.string(), issuer: z.string(), date: z.string(), title: z.string() })),
  exemplary: z.array(z.object({ code: z.string(), name: z.string(), by: z.string(), field: z.string(), holder: z.string() })),
});

export const figuresApi: ApiRoute[] = [
  route({ method: 'get', path: '/campaigns/:code/stats', summary: 'Số liệu công khai của chủ đề năm tính đến ngày (through)', tag: 'Chủ đề năm', public: true, query: { through: 'YYYY-MM-DD; mặc định hôm nay' }, response: Stats }, async (c) => {
    const through = parseThrough(c.req.query('through'));
    // public: the portal's projects only, and no amounts of money (a day's change would tell one household's)
    const s = await campaignStats(c.var.deps.db.db, c.req.param('code'), through, { publicOnly: true });
    const { amountApproved: _approved, amountPaid: _paid, ...clearance } = s.clearance;
    // the household figures of no followed project are unknown, not 0
    const known = clearance.followedProjects > 0;
    return c.json({ ...s, clearance: { ...clearance, plansApproved: known ? clearance.plansApproved : null, householdsPaid: known ? clearance.householdsPaid : null, handedOver: known ? clearance.handedOver : null } });
  }),
  route({ method: 'get', path: '/campaigns/:code/dashboard', summary: 'Bảng điều hành: số liệu theo đơn vị, theo tháng, so với năm trước', tag: 'Chủ đề năm', action: 'campaign.read', query: { through: 'YYYY-MM-DD' } }, async (c) => {
    const actor = requireActor(c);
    await getCampaign(c.var.deps.db.db, actor, c.req.param('code'));
    return c.json(await campaignDashboard(c.var.deps.db.db, c.req.param('code'), parseThrough(c.req.query('through')), { previous: 'all', viewer: actor }));
  }),
  route({ method: 'get', path: '/phases/:code/stats', summary: 'Số liệu của giai đoạn: từng năm (đến hết năm hoặc đến ngày through), cộng cả giai đoạn, và khen thưởng của giai đoạn', tag: 'Chủ đề năm', action: 'campaign.read', query: { through: 'YYYY-MM-DD; mặc định hôm nay' } }, async (c) => {
    const actor = requireActor(c);
    return c.json(await phaseFigures(c.var.deps.db.db, actor, c.req.param('code'), parseThrough(c.req.query('through'))));
  }),
];
