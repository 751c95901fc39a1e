/**
 * The demo campaign LB-2021: plan 18-KH/QU, five fields, weighted criteria, 220 community Covid
 * teams with 2 269 members, and 451 models registered by 30/09/2021 (353 collective, 98
 * individual) including every model the seed article names, with its unit. Where the seed gives
 * no detail the data is invented, deterministically (a seeded generator), so every start is alike.
 */
import { DEMO_ROOT, DISTRICT_ORGS, groupCode, WARDS, wardCode } from './demo.data.js';

export const DEMO_CAMPAIGN = 'LB-2021';

/** mulberry32: small, seeded, good enough to spread demo data. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The file a demo document's PDF is kept in (src/features/demo/files), made by scripts/demo-document-files.ts. */
export const demoDocumentFileName = (number: string): string => `${number.replace(/\//g, '-')}.pdf`;

export const demoDocuments = () => [
  {
    number: '18-KH/QU',
    kind: 'KH',
    issuer: 'Quận ủy Long Biên',
    unit: 'LB-QU',
    date: '2020-12-30',
    title: 'Thực hiện chủ đề "Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng" trên địa bàn quận năm 2021',
    field: 'Dân vận',
  },
  // directive documents issued after the plan (invented; the seed says "nhiều văn bản chỉ đạo")
  { number: '05-HD/BDVQU', kind: 'HD', issuer: 'Ban Dân vận Quận ủy Long Biên', unit: 'LB-BDV', date: '2021-01-15', title: 'Đăng ký, theo dõi và đánh giá mô hình "Dân vận khéo" năm 2021', field: 'Dân vận' },
  { number: '112-CV/QU', kind: 'CV', issuer: 'Quận ủy Long Biên', unit: 'LB-QU', date: '2021-02-25', title: 'Tăng cường công tác dân vận trong giải phóng mặt bằng các dự án trọng điểm', field: 'Giải phóng mặt bằng' },
  { number: '1520/KH-UBND', kind: 'KH', issuer: 'UBND quận Long Biên', unit: 'LB-UBND', date: '2021-03-08', title: 'Tổ chức đối thoại với hộ gia đình, cá nhân, tổ chức trong diện giải phóng mặt bằng năm 2021', field: 'Giải phóng mặt bằng' },
  { number: '35-TB/QU', kind: 'TB', issuer: 'Quận ủy Long Biên', unit: 'LB-QU', date: '2021-07-12', title: 'Kết luận của Thường trực Quận ủy tại Hội nghị giao ban 6 tháng đầu năm thực hiện chủ đề năm 2021', field: 'Dân vận' },
  { number: '48-KH/QU', kind: 'KH', issuer: 'Quận ủy Long Biên', unit: 'LB-QU', date: '2021-11-15', title: 'Tổng kết thực hiện chủ đề "Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng" năm 2021', field: 'Dân vận' },
];

export const demoCampaign = () => ({
  code: DEMO_CAMPAIGN,
  unit: DEMO_ROOT,
  year: 2021,
  theme: 'Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng',
  plan: '18-KH/QU',
  startsOn: '2021-01-01',
  endsOn: '2021-12-31',
  fields: [
    { code: 'VHXH', name: 'Văn hóa - xã hội' },
    { code: 'MT', name: 'Bảo vệ môi trường' },
    { code: 'GPMB', name: 'Giải phóng mặt bằng' },
    { code: 'KT', name: 'Kinh tế' },
    { code: 'TTDT', name: 'Trật tự đô thị' },
  ],
  criteria: [
    { code: 'sang-tao', name: 'Tính sáng tạo, khéo léo trong cách làm', weight: 30 },
    { code: 'hieu-qua', name: 'Hiệu quả, kết quả đạt được (kiểm chứng được)', weight: 40 },
    { code: 'lan-toa', name: 'Sức lan tỏa, khả năng nhân rộng', weight: 20 },
    { code: 'dong-thuan', name: 'Sự đồng thuận, hưởng ứng của Nhân dân', weight: 10 },
  ],
});

/** One Tổ Covid cộng đồng per residential group (220, 2 269 members) and one tổ dân vận each. */
export function demoTeams(groupsPerWard: Record<string, number>) {
  const next = rng(2021);
  const covid: { code: string; unit: string; kind: string; name: string; members: number; establishedOn: string }[] = [];
  const dv: typeof covid = [];
  for (const ward of WARDS) {
    for (let n = 1; n <= (groupsPerWard[ward] ?? 0); n++) {
      const unit = groupCode(ward, n);
      covid.push({ code: `${unit}-COVID`, unit, kind: 'covidCommunity', name: `Tổ Covid cộng đồng TDP số ${n}`, members: 8 + Math.floor(next() * 5), establishedOn: `2021-0${5 + Math.floor(next() * 3)}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}` });
      dv.push({ code: `${unit}-TDV`, unit, kind: 'massMobilisation', name: `Tổ dân vận TDP số ${n}`, members: 5 + Math.floor(next() * 3), establishedOn: '2015-06-01' });
    }
  }
  // bring the members to the seed's 2 269 exactly, a little on each team
  let diff = 2269 - covid.reduce((s, t) => s + t.members, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % covid.length) {
    const step = diff > 0 ? 1 : -1;
    const t = covid[i]!;
    if (t.members + step >= 6 && t.members + step <= 14) {
      t.members += step;
      diff -= step;
    }
  }
  return [...covid, ...dv];
}

/** The models the seed names, with the unit behind each and who carries it out. */
const NAMED: { name: string; unit: string; holder: 'collective' | 'individual'; holderName?: string; field: string }[] = [
  { name: 'Phòng tuyến áo xanh', unit: 'LB-QD', holder: 'collective', field: 'VHXH' },
  { name: '1000 ổ bánh mì - ship ngay tức thì', unit: `${wardCode('Ngọc Lâm')}-MTTQ`, holder: 'individual', holderName: 'Tiệm bánh mì Ông Dung', field: 'VHXH' },
  { name: 'Cơm trưa nghĩa tình - đồng hành chống dịch', unit: wardCode('Việt Hưng'), holder: 'collective', holderName: 'Phường Việt Hưng', field: 'VHXH' },
  { name: 'Shipper không đồng', unit: `${wardCode('Ngọc Lâm')}-DTN`, holder: 'collective', field: 'VHXH' },
  { name: 'Mái ấm mùa dịch', unit: `${wardCode('Thượng Thanh')}-UBND`, holder: 'collective', field: 'VHXH' },
  { name: 'Đi chợ hộ gia đình thực hiện cách ly', unit: `${wardCode('Cự Khối')}-HLHPN`, holder: 'collective', field: 'VHXH' },
  { name: 'Chuyến xe thanh niên - chở năm học mới', unit: `${wardCode('Giang Biên')}-DTN`, holder: 'collective', field: 'VHXH' },
  { name: 'Bếp ăn yêu thương', unit: groupCode('Giang Biên', 9), holder: 'collective', holderName: 'Tổ Covid cộng đồng Tổ dân phố số 9 phường Giang Biên', field: 'VHXH' },
  {
    name: 'Vận động các hộ cho thuê trọ trên địa bàn tổ dân phố miễn, giảm tiền thuê trọ cho các hộ trọ trong thời gian giãn cách xã hội',
    unit: groupCode('Ngọc Thụy', 18),
    holder: 'collective',
    holderName: 'Tổ dân vận tổ dân phố 18 – phường Ngọc Thụy',
    field: 'VHXH',
  },
  { name: 'Khéo trong vận động cán bộ, hội viên tích cực tham gia ủng hộ phòng, chống dịch Covid-19', unit: `${wardCode('Bồ Đề')}-HLHPN`, holder: 'collective', field: 'VHXH' },
  { name: 'Shiper xanh - Cùng em đến trường', unit: `${wardCode('Sài Đồng')}-DTN`, holder: 'collective', holderName: 'Đội hình thanh niên tình nguyện phường Sài Đồng', field: 'VHXH' },
  { name: 'Trạm hạnh phúc - Chạm yêu thương', unit: `${wardCode('Long Biên')}-HLHPN`, holder: 'collective', field: 'VHXH' },
  { name: 'Bếp cơm thiện nguyện', unit: groupCode('Gia Thụy', 7), holder: 'collective', holderName: 'Tổ Covid cộng đồng TDP số 7 phường Gia Thụy', field: 'VHXH' },
  { name: 'Bếp ăn yêu thương', unit: groupCode('Gia Thụy', 9), holder: 'collective', holderName: 'Tổ Covid cộng đồng TDP số 9 phường Gia Thụy', field: 'VHXH' },
  { name: 'Shipper áo xanh', unit: `${wardCode('Thạch Bàn')}-DTN`, holder: 'collective', field: 'VHXH' },
];

const TEMPLATES: Record<string, string[]> = {
  VHXH: ['Tủ sách cộng đồng', 'Câu lạc bộ dưỡng sinh người cao tuổi', 'Bữa cơm nghĩa tình', 'Quỹ khuyến học khu dân cư', 'Chăm lo người cao tuổi cô đơn', 'Sân chơi an toàn cho thiếu nhi', 'Hỗ trợ hộ nghèo, cận nghèo', 'Tiếp sức mùa thi', 'Tổ dân phố không có tệ nạn xã hội', 'Gia đình văn hóa tiêu biểu'],
  MT: ['Phân loại rác tại nguồn', 'Nói không với rác thải nhựa', 'Không sử dụng bếp than tổ ong', 'Tuyến phố xanh - sạch - đẹp', 'Giảm chăn nuôi trong khu dân cư', 'Trồng cây xanh khu dân cư', 'Ngõ sạch, không rác', 'Thu gom pin cũ, rác thải nguy hại', 'Vườn hoa cộng đồng'],
  GPMB: ['Vận động hộ dân bàn giao mặt bằng đúng tiến độ', 'Tổ dân vận đồng hành cùng công tác GPMB', 'Đối thoại trực tiếp với hộ dân trong diện GPMB', 'Người có uy tín vận động GPMB', 'Dân vận khéo trong công tác GPMB', 'Tuyên truyền chính sách bồi thường, hỗ trợ, tái định cư', 'Chi bộ gương mẫu bàn giao mặt bằng', 'Hội viên đi đầu giải phóng mặt bằng', 'Cựu chiến binh tiên phong trong GPMB'],
  KT: ['Hỗ trợ vốn phát triển kinh tế hộ', 'Chợ văn minh thương mại', 'Phụ nữ khởi nghiệp', 'Thanh niên lập nghiệp', 'Hộ kinh doanh văn minh', 'Tư vấn chuyển đổi nghề cho hộ sau thu hồi đất'],
  TTDT: ['Tuyến phố văn minh đô thị', 'Vỉa hè thông thoáng', 'Không lấn chiếm lòng đường, vỉa hè', 'Trông giữ xe đúng quy định', 'Camera an ninh khu dân cư', 'Ngõ phố trật tự, an toàn'],
};
/** Registered models per field by 30/09/2021 (451 in all; invented: the seed gives no split). */
const PER_FIELD: Record<string, number> = { VHXH: 150, MT: 95, GPMB: 110, KT: 45, TTDT: 51 };
const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const DEM = ['Văn', 'Thị', 'Đức', 'Minh', 'Thu', 'Thanh', 'Quang', 'Hồng', 'Ngọc', 'Xuân'];
const TEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hạnh', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Nga', 'Phương', 'Quân', 'Sơn', 'Thảo', 'Trung', 'Tuấn', 'Yến'];

interface DemoModel {
  code: string;
  campaign: string;
  unit: string;
  field: string;
  holder: 'collective' | 'individual';
  holderName?: string;
  name: string;
  registeredOn?: string;
  status?: string;
  exemplary?: boolean;
  problem?: string;
  method?: string;
  expectedResults?: string;
  results?: DemoResult[];
  recognitions?: { level: 'commune' | 'district'; on: string; decision: string }[];
  assessments?: { on: string; effective: boolean; note: string }[];
}

interface DemoResult {
  on: string;
  moneyVnd?: number;
  workDays?: number;
  landDonatedM2?: number;
  householdsDonating?: number;
  householdsPersuaded?: number;
  beneficiaries?: number;
}

/**
 * 451 registered by 30/09/2021 (353 collective, 98 individual), 24 more registered in the last
 * quarter, and a few drafts and submissions still waiting: the report through 30/09 counts 451.
 */
export function demoModels(groupsPerWard: Record<string, number>, unitNames: Map<string, string>): DemoModel[] {
  const next = rng(451);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const date = (fromMonth: number, toMonth: number) => {
    const m = fromMonth + Math.floor(next() * (toMonth - fromMonth + 1));
    return `2021-${String(m).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  };
  const wardUnits = WARDS.flatMap((w) => [wardCode(w), `${wardCode(w)}-UBND`, `${wardCode(w)}-MTTQ`, `${wardCode(w)}-DTN`, `${wardCode(w)}-HLHPN`]);
  const groupUnits = WARDS.flatMap((w) => Array.from({ length: groupsPerWard[w] ?? 0 }, (_, i) => groupCode(w, i + 1)));
  const collectiveUnits = [...DISTRICT_ORGS, ...wardUnits, ...wardUnits, ...groupUnits];
  const where = (unit: string) => {
    const u = unitNames.get(unit) ?? unit;
    const ward = WARDS.find((w) => unit.startsWith(wardCode(w)));
    return ward && !u.includes(ward) ? `${u}, phường ${ward}` : u;
  };
  const out: DemoModel[] = [];
  let seq = 0;
  const code = () => `${DEMO_CAMPAIGN}-${String(++seq).padStart(4, '0')}`;

  for (const m of NAMED) {
    out.push({ code: code(), campaign: DEMO_CAMPAIGN, ...m, registeredOn: date(5, 9), exemplary: true, problem: 'Hỗ trợ Nhân dân trong thời gian giãn cách xã hội phòng, chống dịch Covid-19.' });
  }
  const namedCollective = NAMED.filter((m) => m.holder === 'collective').length;
  const namedIndividual = NAMED.length - namedCollective;
  let collectiveLeft = 353 - namedCollective;
  let individualLeft = 98 - namedIndividual;
  const fieldLeft = { ...PER_FIELD, VHXH: (PER_FIELD.VHXH ?? 0) - NAMED.length };
  const fieldBag = Object.entries(fieldLeft).flatMap(([f, n]) => Array.from({ length: n }, () => f));
  // shuffle the bag so that holders and fields mix
  for (let i = fieldBag.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [fieldBag[i], fieldBag[j]] = [fieldBag[j]!, fieldBag[i]!];
  }
  for (const field of fieldBag) {
    const individual = individualLeft > 0 && (collectiveLeft === 0 || next() < individualLeft / (individualLeft + collectiveLeft));
    const template = pick(TEMPLATES[field]!);
    if (individual) {
      individualLeft--;
      const unit = pick(groupUnits);
      const person = `${pick(HO)} ${pick(DEM)} ${pick(TEN)}`;
      out.push({ code: code(), campaign: DEMO_CAMPAIGN, unit, field, holder: 'individual', holderName: person, name: `${template} (${person}, ${where(unit)})`, registeredOn: date(2, 9) });
    } else {
      collectiveLeft--;
      const unit = pick(collectiveUnits);
      out.push({ code: code(), campaign: DEMO_CAMPAIGN, unit, field, holder: 'collective', name: `${template} – ${where(unit)}`, registeredOn: date(2, 9) });
    }
  }
  // the last quarter: registered after the 9-month report
  for (let i = 0; i < 24; i++) {
    const field = pick(Object.keys(PER_FIELD));
    const unit = pick(collectiveUnits);
    out.push({ code: code(), campaign: DEMO_CAMPAIGN, unit, field, holder: 'collective', name: `${pick(TEMPLATES[field]!)} – ${where(unit)}`, registeredOn: date(10, 12) });
  }
  // still waiting: drafts and submissions never count
  for (let i = 0; i < 6; i++) {
    const field = pick(Object.keys(PER_FIELD));
    const unit = pick(groupUnits);
    out.push({ code: code(), campaign: DEMO_CAMPAIGN, unit, field, holder: 'collective', name: `${pick(TEMPLATES[field]!)} – ${where(unit)}`, ...(i % 2 ? { status: 'submitted' as const, submittedAt: `2021-12-${14 + i}T09:${10 + i}:00+07:00` } : { status: 'draft' as const }) });
  }
  addAchievements(out);
  return out;
}

/**
 * What the registered models achieved (issue #23; invented — the seed says only "huy động được
 * nhiều nguồn lực trong Nhân dân"): about a third record one or two results, figures that suit
 * their field; the exemplary models are recognised by the district on the day of its reward
 * decision, some others by their ward. A generator of its own, so the models stay as they were.
 */
function addAchievements(models: DemoModel[]): void {
  const next = rng(2021);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const day = (from: string, to: string) => {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + Math.floor(next() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  };
  const figures = (field: string): Omit<DemoResult, 'on'> => {
    switch (field) {
      case 'GPMB': {
        const donating = next() < 0.4 ? int(1, 3) : 0;
        return { householdsPersuaded: int(1, 6), workDays: int(10, 80), ...(donating ? { householdsDonating: donating, landDonatedM2: int(500, 6000) / 100 } : {}) };
      }
      case 'VHXH':
        return { moneyVnd: int(10, 120) * 500_000, workDays: int(10, 100), beneficiaries: int(20, 300) };
      case 'MT':
        return { workDays: int(20, 200), beneficiaries: int(50, 500), ...(next() < 0.5 ? { moneyVnd: int(4, 40) * 500_000 } : {}) };
      case 'KT':
        return { moneyVnd: int(4, 40) * 5_000_000, beneficiaries: int(5, 50) };
      default:
        return { workDays: int(10, 60), beneficiaries: int(30, 400), ...(next() < 0.25 ? { householdsDonating: 1, landDonatedM2: int(200, 1500) / 100 } : {}) };
    }
  };
  let decision = 100;
  for (const m of models) {
    if (!m.registeredOn || m.status) continue;
    if (next() < 0.35) {
      const first = day(m.registeredOn, m.registeredOn < '2021-09-01' ? '2021-09-30' : '2021-12-20');
      m.results = [{ on: first, ...figures(m.field) }];
      if (next() < 0.3 && first < '2021-12-01') m.results.push({ on: day(first, '2021-12-20'), ...figures(m.field) });
    }
    const ward = WARDS.find((w) => m.unit.startsWith(wardCode(w)));
    if (m.exemplary) {
      m.assessments = [{ on: '2021-07-20', effective: true, note: 'Tổ thẩm định đánh giá triển khai hiệu quả, có sức lan tỏa trong cộng đồng' }];
      m.recognitions = [{ level: 'district', on: '2021-07-28', decision: 'Quyết định số 3179/QĐ-UBND ngày 28/07/2021 của UBND quận Long Biên' }];
    }
    else if (ward && next() < 0.12) {
      const on = day(m.registeredOn, '2021-12-15');
      m.recognitions = [{ level: 'commune', on, decision: `Quyết định số ${++decision}/QĐ-UBND ngày ${on.split('-').reverse().join('/')} của UBND phường ${ward}` }];
    }
  }
}
