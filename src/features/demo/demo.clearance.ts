/**
 * The demo's land clearance: 100 projects under way in Long Biên in 2021 (15 key, 28 carried over
 * from earlier years, 57 new), each with its procedure steps dated as they happened, and a dozen
 * followed down to each household — parcels, compensation plans, payments, handover, obstacles,
 * dialogues and complaints — through the same services as everyone. The story runs past
 * 30/09/2021 (so that today's dashboard shows finished and stalled projects too); the 9-month
 * report counts only what is dated on or before its date. Invented, deterministically.
 */
import type { Tx } from '../../db/index.js';
import { addDays, daysBetween, saveCalendarDay, WorkCalendar } from '../calendar/calendar.service.js';
import { systemActor } from '../../policy/policy.js';
import { approvePlan, createHousehold, openObstacle, recordHouseholdStep, recordHandover, recordPayment, resolveObstacle, savePlan } from '../landClearance/landClearance.households.js';
import { receiveComplaint, answerComplaint, recordDialogue } from '../landClearance/landClearance.engagement.js';
import { findHouseholdByCode, stepKindRows as listStepKinds, obstaclesOf, actOnStep, createProject, importStepFacts, type StepFactInput } from '../landClearance/landClearance.service.js';
import { rng } from './demo.campaign.js';
import { WARDS, wardCode } from './demo.data.js';

/** Public holidays and make-up working days of 2019–2023 (Tết and Giỗ Tổ follow the lunar calendar). */
const DEMO_HOLIDAYS: { day: string; kind: 'holiday' | 'workday'; name: string }[] = [
  ...['2020-01-01'].map((day) => ({ day, kind: 'holiday' as const, name: 'Tết Dương lịch' })),
  ...['2020-01-23', '2020-01-24', '2020-01-27', '2020-01-28', '2020-01-29'].map((day) => ({ day, kind: 'holiday' as const, name: 'Tết Nguyên đán Canh Tý' })),
  { day: '2020-04-02', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' },
  { day: '2020-04-30', kind: 'holiday', name: 'Ngày Giải phóng miền Nam' },
  { day: '2020-05-01', kind: 'holiday', name: 'Ngày Quốc tế Lao động' },
  { day: '2020-09-02', kind: 'holiday', name: 'Quốc khánh' },
  { day: '2021-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
  ...['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'].map((day) => ({ day, kind: 'holiday' as const, name: 'Tết Nguyên đán Tân Sửu' })),
  { day: '2021-04-21', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' },
  { day: '2021-04-30', kind: 'holiday', name: 'Ngày Giải phóng miền Nam' },
  { day: '2021-05-03', kind: 'holiday', name: 'Nghỉ bù Ngày Quốc tế Lao động' },
  { day: '2021-09-02', kind: 'holiday', name: 'Quốc khánh' },
  { day: '2021-09-03', kind: 'holiday', name: 'Quốc khánh (ngày liền kề)' },
  { day: '2022-01-03', kind: 'holiday', name: 'Nghỉ bù Tết Dương lịch' },
  ...['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'].map((day) => ({ day, kind: 'holiday' as const, name: 'Tết Nguyên đán Nhâm Dần' })),
  { day: '2022-04-11', kind: 'holiday', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { day: '2022-05-02', kind: 'holiday', name: 'Nghỉ bù Ngày Giải phóng miền Nam' },
  { day: '2022-05-03', kind: 'holiday', name: 'Nghỉ bù Ngày Quốc tế Lao động' },
  { day: '2022-09-01', kind: 'holiday', name: 'Quốc khánh (ngày liền kề)' },
  { day: '2022-09-02', kind: 'holiday', name: 'Quốc khánh' },
  { day: '2023-01-02', kind: 'holiday', name: 'Nghỉ bù Tết Dương lịch' },
  ...['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'].map((day) => ({ day, kind: 'holiday' as const, name: 'Tết Nguyên đán Quý Mão' })),
  { day: '2023-01-14', kind: 'workday', name: 'Làm bù cho ngày 26/01/2023' },
];

const KEY_PROJECTS = [
  'Cầu Vĩnh Tuy giai đoạn 2 (phần thuộc quận Long Biên)',
  'Đường Vành đai 2,5 đoạn từ cầu Vĩnh Tuy đến đường Nguyễn Văn Linh',
  'Tuyến đường quy hoạch 40 m từ đường Ngô Gia Tự đến đê Tả Hồng',
  'Mở rộng đường Nguyễn Văn Cừ đoạn nút giao Gia Thụy',
  'Đường Lý Sơn kéo dài đến đê sông Đuống',
  'Tuyến đường 30 m nối khu đô thị Việt Hưng với Quốc lộ 5',
  'Hồ điều hòa và công viên cây xanh Thạch Bàn',
  'Trạm bơm tiêu Thạch Bàn và kênh dẫn',
  'Đường Long Biên – Thạch Bàn giai đoạn 2',
  'Tuyến đường Cổ Linh kéo dài đến cầu Thanh Trì',
  'Nút giao đường Trường Lâm với đường Ngô Gia Tự',
  'Khu tái định cư phục vụ giải phóng mặt bằng tại phường Giang Biên',
  'Trường trung học phổ thông công lập quận Long Biên',
  'Bệnh viện đa khoa quận Long Biên (mở rộng)',
  'Đường Ngọc Thụy – Thượng Thanh giai đoạn 1',
];
const OTHER_KINDS = [
  (w: string) => `Xây dựng tuyến đường quy hoạch 17,5 m phường ${w}`,
  (w: string) => `Xây dựng trường mầm non công lập phường ${w}`,
  (w: string) => `Xây dựng trường tiểu học phường ${w}`,
  (w: string) => `Hạ tầng kỹ thuật khu đấu giá quyền sử dụng đất phường ${w}`,
  (w: string) => `Cải tạo hệ thống thoát nước khu dân cư phường ${w}`,
  (w: string) => `Xây dựng nhà văn hóa tổ dân phố phường ${w}`,
  (w: string) => `Mở rộng ngõ, ngách theo quy hoạch tại phường ${w}`,
  (w: string) => `Xây dựng vườn hoa, sân chơi công cộng phường ${w}`,
  (w: string) => `Trạm biến áp 110 kV và đường dây đấu nối tại phường ${w}`,
  (w: string) => `Chỉnh trang mương thoát nước, kết hợp đường giao thông phường ${w}`,
  (w: string) => `Xây dựng trụ sở công an phường ${w}`,
  (w: string) => `Bãi đỗ xe công cộng phường ${w}`,
];
const INVESTORS = ['Ban Quản lý dự án đầu tư xây dựng quận Long Biên', 'Ban Quản lý dự án đầu tư xây dựng công trình giao thông thành phố Hà Nội', 'Trung tâm Phát triển quỹ đất quận Long Biên', 'Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp thành phố Hà Nội'];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Ngô', 'Dương', 'Lý'];
const MEN = { middle: ['Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Ngọc'], given: ['An', 'Bình', 'Cường', 'Dũng', 'Hải', 'Hùng', 'Long', 'Nam', 'Phúc', 'Sơn', 'Thắng', 'Tuấn'] };
const WOMEN = { middle: ['Thị', 'Thị Thu', 'Thị Minh', 'Ngọc', 'Thanh'], given: ['Hà', 'Hạnh', 'Lan', 'Mai', 'Thủy', 'Yến', 'Hoa', 'Hương', 'Nga'] };
const STREETS = ['Ngô Gia Tự', 'Nguyễn Văn Cừ', 'Thạch Bàn', 'Cổ Linh', 'Lý Sơn', 'Hồng Tiến', 'Ngọc Thụy', 'Phúc Lợi', 'Trường Lâm', 'Đức Giang'];
const FOLLOWED = 12;

interface DemoProject {
  code: string;
  ward: string;
  category: 'key' | 'carriedOver' | 'new';
  startedOn: string;
  steps: Map<string, string>;
  stalled: boolean;
  /** households listed one by one (the dozen followed projects), else 0 */
  listed: number;
}

/** The demo's random draws: one seeded sequence, drawn in the same order on every load. */
interface Draws {
  next: () => number;
  pick: <T>(xs: readonly T[]) => T;
  between: (a: number, b: number) => number;
  person: (man: boolean) => string;
}

function drawsOf(seed: number): Draws {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const between = (a: number, b: number) => a + Math.floor(next() * (b - a + 1));
  const person = (man: boolean) => {
    const names = man ? MEN : WOMEN;
    return `Hộ ${man ? 'ông' : 'bà'} ${pick(SURNAMES)} ${pick(names.middle)} ${pick(names.given)}`;
  };
  return { next, pick, between, person };
}

type StepKinds = Awaited<ReturnType<typeof listStepKinds>>;

/** One project of the demo: its steps as they happened (late, stalled or on schedule), the project, and its step facts. */
async function loadDemoProject(trx: Tx, r: Draws, q: { i: number; category: DemoProject['category']; kinds: StepKinds; cal: WorkCalendar; usedNames: Set<string>; projects: DemoProject[]; gpmbModels: { code: string; unit: string }[] }): Promise<void> {
  const { next, pick, between } = r;
  const { i, category, kinds, cal, usedNames, projects, gpmbModels } = q;
  const actor = systemActor('demo');
  const ward = WARDS[i % WARDS.length]!;
  let name = category === 'key' ? KEY_PROJECTS[i]! : pick(OTHER_KINDS)(ward);
  for (let n = 2; usedNames.has(name); n++) name = `${name.replace(/ \(giai đoạn \d+\)$/, '')} (giai đoạn ${n})`;
  usedNames.add(name);
  let startedOn =
    category === 'carriedOver' ? `${pick(['2019', '2020', '2020'])}-${String(between(3, 11)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}` : `2021-${String(between(1, category === 'key' ? 4 : 8)).padStart(2, '0')}-${String(between(1, 28)).padStart(2, '0')}`;
  const code = `LB-GPMB-${String(i + 1).padStart(3, '0')}`;
  // the steps as they happened: each within (or, for a few slow projects, beyond) its time limit
  // the seed: "15 dự án trọng điểm, 28 dự án chuyển tiếp đảm bảo đúng tiến độ đề ra" — only new
  // projects run late or stall
  const slow = next() < 0.12 && category === 'new';
  const stalledAt = next() < 0.06 && category === 'new' ? between(3, 7) : -1;
  const steps = new Map<string, string>();
  let last = startedOn;
  for (const [k, kind] of kinds.entries()) {
    if (k === stalledAt) break;
    const base = kind.counted_from ? (steps.get(kind.counted_from) ?? last) : startedOn;
    const limit = kind.deadline_days ?? 30;
    const pace = slow ? 1.15 + next() * 0.5 : 0.45 + next() * 0.5;
    let done = kind.day_kind === 'working' ? cal.addWorkingDays(base, Math.round(limit * pace)) : addDays(base, Math.round(limit * pace));
    if (done < last) done = last;
    steps.set(kind.code, done);
    last = done;
  }
  // a carried-over project began before 2021 and is still under way in it, on schedule: the
  // whole chain is moved so that it straddles the new year
  if (category === 'carriedOver') {
    const length = daysBetween(startedOn, last);
    const start = addDays('2020-12-20', -between(0, Math.max(0, length - 60)));
    const delta = daysBetween(startedOn, start);
    startedOn = start;
    for (const [k, d] of steps) steps.set(k, addDays(d, delta));
  }
  const listed = steps.has('phe-duyet') && stalledAt < 0 && projects.filter((x) => x.listed).length < FOLLOWED ? (category === 'key' ? between(18, 30) : between(8, 16)) : 0;
  projects.push({ code, ward, category, startedOn, steps, stalled: stalledAt >= 0, listed });
  const units = category === 'key' && i % 3 === 0 ? [wardCode(WARDS[(i + 1) % WARDS.length]!)] : [];
  const models = gpmbModels.filter((m) => m.unit.startsWith(wardCode(ward))).slice(0, i % 4 === 0 ? 2 : 0).map((m) => m.code);
  await createProject(trx, {
    actor,
    input: {
      code,
      name,
      unit: wardCode(ward),
      units,
      category,
      investor: pick(INVESTORS),
      areaM2: between(2_000, category === 'key' ? 250_000 : 40_000) + between(0, 9) / 10,
      householdsAffected: listed ? listed - 1 : category === 'key' ? between(40, 400) : between(5, 120),
      organisationsAffected: listed ? 1 : between(0, category === 'key' ? 12 : 3),
      startedOn,
      dueOn: category === 'carriedOver' ? `2021-12-${between(15, 31)}` : addDays(startedOn, category === 'key' ? between(540, 900) : between(365, 730)),
      models,
      description: category === 'carriedOver' ? 'Dự án chuyển tiếp từ các năm trước, tiếp tục thực hiện trong năm 2021.' : null,
    },
  });
  const facts: StepFactInput[] = [...steps.entries()].map(([step, doneOn]) => ({ step, status: 'approved', doneOn }));
  if (stalledAt >= 0) facts.push({ step: kinds[stalledAt]!.code, status: 'paused', reason: 'Vướng mắc về nguồn gốc đất, chờ thành phố hướng dẫn' });
  await importStepFacts(trx, { actor, code, steps: facts });
  // the "đối thoại" step does not apply where everyone agreed with the plan
  if (!steps.has('doi-thoai') && stalledAt < 0) await actOnStep(trx, { actor, code, step: 'doi-thoai', input: { action: 'notApplicable', reason: 'Các hộ đều đồng thuận với phương án' } });
}

/** One household (the last one of a project: an organisation) of a followed project, down to its plan, payments and handover; returns its code when it holds out. */
async function loadDemoHousehold(trx: Tx, r: Draws, p: DemoProject, n: number, dates: { approvedOn: string; surveyed: string }): Promise<string | null> {
  const { next, pick, between, person } = r;
  const { approvedOn, surveyed } = dates;
  const count = p.listed;
  const actor = systemActor('demo');
  const org = n === count;
  const name = org ? `Công ty cổ phần ${pick(['Thương mại', 'Xây dựng', 'Vận tải'])} ${pick(STREETS)}` : person(n % 3 !== 0);
  const area = between(40, 300);
  const h = await createHousehold(trx, {
    actor,
    input: {
      code: `${p.code}-H${String(n).padStart(3, '0')}`,
      project: p.code,
      kind: org ? 'organisation' : 'household',
      name,
      address: `Số ${between(1, 120)}, ngõ ${between(1, 60)} phố ${pick(STREETS)}, phường ${p.ward}`,
      phone: `09${between(10_000_000, 99_999_999)}`,
      parcels: [{ mapSheet: String(between(5, 40)), parcelNo: String(between(1, 400)), landType: pick(['ODT', 'ODT', 'LUC', 'CLN']), areaM2: `${area},${between(0, 9)}`, recoveredM2: `${between(20, area - 1)},${between(0, 9)}` }],
    },
  });
  for (const step of ['thong-bao', 'kiem-dem'] as const) {
    const on = p.steps.get(step);
    if (on) await recordHouseholdStep(trx, { actor, code: h.code, input: { step, doneOn: on } });
  }
  const land = between(2, 60) * 50_000_000;
  const assets = between(1, 30) * 10_000_000;
  const support = between(1, 20) * 5_000_000;
  const resettlement = next() < 0.2 ? between(5, 15) * 100_000_000 : 0;
  await savePlan(trx, { actor, code: h.code, input: { land, assets, support, resettlement } });
  const holdout = next() < 0.15;
  if (holdout) {
    await openObstacle(trx, { actor, code: h.code, input: { openedOn: addDays(surveyed, between(1, 20)), description: pick(['Chưa đồng ý với đơn giá bồi thường về đất', 'Tranh chấp ranh giới thửa đất với hộ liền kề', 'Đề nghị được bố trí tái định cư tại chỗ', 'Chưa thống nhất về nguồn gốc đất']) } });
    return h.code;
  }
  await approvePlan(trx, { actor, code: h.code, input: { decisionNumber: `${between(1000, 9999)}/QĐ-UBND`, approvedOn } });
  const total = land + assets + support + resettlement;
  const late = next() < 0.1;
  const paidOn = addDays(approvedOn, late ? between(31, 55) : between(5, 28));
  const split = next() < 0.3;
  if (split) {
    await recordPayment(trx, { actor, code: h.code, input: { amount: Math.round(total * 0.7), paidOn, method: 'treasury', receiptNo: `UNC-${between(100, 999)}` } });
    await recordPayment(trx, { actor, code: h.code, input: { amount: total - Math.round(total * 0.7), paidOn: addDays(paidOn, between(3, 20)), method: 'treasury', receiptNo: `UNC-${between(100, 999)}` } });
  } else {
    await recordPayment(trx, { actor, code: h.code, input: { amount: total, paidOn, method: pick(['transfer', 'treasury']), receiptNo: `UNC-${between(100, 999)}` } });
  }
  if (next() < 0.85) await recordHandover(trx, { actor, code: h.code, input: { handedOn: addDays(paidOn, between(split ? 25 : 3, 40)), minutesNo: `BB-${between(10, 99)}/BGMB` } });
  return null;
}

/** Loads the calendar, the projects with their steps, and the households of a dozen projects. */
export async function loadDemoClearance(trx: Tx, gpmbModels: { code: string; unit: string }[]): Promise<void> {
  const actor = systemActor('demo');
  const r = drawsOf(2021_09);
  const { next, pick, between } = r;
  for (const d of DEMO_HOLIDAYS) await saveCalendarDay(trx, { actor, input: d });
  const cal = new WorkCalendar(DEMO_HOLIDAYS);
  const kinds = (await listStepKinds(trx, true)).filter((k) => !k.optional);

  const projects: DemoProject[] = [];
  const categories: DemoProject['category'][] = [...Array<'key'>(15).fill('key'), ...Array<'carriedOver'>(28).fill('carriedOver'), ...Array<'new'>(57).fill('new')];
  const usedNames = new Set<string>();
  for (const [i, category] of categories.entries()) await loadDemoProject(trx, r, { i, category, kinds, cal, usedNames, projects, gpmbModels });

  // a dozen projects followed down to each household
  const followed = projects.filter((p) => p.listed);
  let complaintNo = 0;
  for (const p of followed) {
    const count = p.listed;
    const approvedOn = p.steps.get('phe-duyet')!;
    const surveyed = p.steps.get('kiem-dem') ?? approvedOn;
    const holdouts: string[] = [];
    for (let n = 1; n <= count; n++) {
      const holdout = await loadDemoHousehold(trx, r, p, n, { approvedOn, surveyed });
      if (holdout) holdouts.push(holdout);
    }
    // dialogues with the households that disagreed, during the public listing of the plan
    const listedOn = p.steps.get('niem-yet') ?? approvedOn;
    const dialogues = holdouts.length ? between(1, 3) : 1;
    for (let d = 0; d < dialogues; d++) {
      await recordDialogue(trx, {
        actor,
        projectCode: p.code,
        input: {
          heldOn: addDays(listedOn, -between(1, 20) + d * 7),
          place: `Hội trường UBND phường ${p.ward}`,
          chair: pick(['Đồng chí Bí thư Đảng ủy phường', 'Đồng chí Chủ tịch UBND phường', 'Đồng chí Phó Chủ tịch UBND quận']),
          participants: between(15, 80),
          households: holdouts,
          issues: 'Một số hộ đề nghị xem xét lại đơn giá bồi thường về đất, hỗ trợ chuyển đổi nghề nghiệp và bố trí tái định cư.',
          agreements: 'Hội đồng bồi thường giải thích chính sách theo quy định; các hộ thống nhất phối hợp kiểm đếm và nhận tiền theo phương án được phê duyệt.',
          followups: [{ task: 'Rà soát nguồn gốc đất các hộ còn ý kiến', owner: `UBND phường ${p.ward}`, dueOn: addDays(listedOn, 15 + d * 7) }],
        },
      });
    }
    for (const code of holdouts.slice(0, 2)) {
      const receivedOn = addDays(listedOn, between(1, 25));
      const id = await receiveComplaint(trx, { actor, projectCode: p.code, input: { household: code, kind: (complaintNo++ % 3 === 0 ? 'petition' : 'complaint'), receivedOn, content: 'Đề nghị xem xét lại đơn giá bồi thường về đất và hỗ trợ ổn định đời sống.', handler: 'Phòng Tài nguyên và Môi trường quận' } });
      if (next() < 0.6) await answerComplaint(trx, { actor, projectCode: p.code, complaintId: id, input: { answer: 'Đã giải thích chính sách bồi thường theo quy định; đơn giá áp dụng đúng quyết định của UBND thành phố.', answeredOn: addDays(receivedOn, between(10, 28)) } });
    }
    // one obstacle settled after a dialogue
    const first = holdouts[0];
    if (first && next() < 0.5) {
      const h = (await findHouseholdByCode(trx, first))!;
      const o = (await obstaclesOf(trx, h.id))[0]!;
      await resolveObstacle(trx, { actor, code: first, obstacleId: o.id, input: { resolvedOn: addDays(o.opened_on, between(10, 40)), resolution: 'Sau đối thoại, hộ đồng ý với phương án; chờ phê duyệt phương án điều chỉnh.' } });
    }
  }
}
