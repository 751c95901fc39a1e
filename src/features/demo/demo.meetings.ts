/**
 * The demo's briefing conferences of 2021 — quarter I and the first 6 months, chaired as the seed
 * says ("do đồng chí Phó bí thư thường trực – trưởng Khối vận Quận chủ trì") — with their
 * conclusions: some done with evidence, some overdue. Details are invented.
 */
import type { Tx } from '../../db/index.js';
import { systemActor } from '../../policy/policy.js';
import { findHouseholdByCode, findProjectByCode } from '../landClearance/landClearance.service.js';
import { raiseIssue, resolveIssue } from '../supervision/supervision.issues.js';
import { savePerson } from '../supervision/supervision.persons.js';
import { assignLeader, completeConclusion, recordMeeting, recordVisit } from '../supervision/supervision.service.js';
import { DEMO_CAMPAIGN } from './demo.campaign.js';
import { DEMO_ROOT, groupCode, wardCode, WARDS } from './demo.data.js';

const CHAIR = 'đồng chí Phó Bí thư Thường trực – Trưởng Khối vận Quận';

export async function loadDemoMeetings(trx: Tx): Promise<void> {
  const actor = systemActor('demo');
  const q1 = await recordMeeting(trx, {
    actor,
    input: {
      unit: DEMO_ROOT,
      campaign: DEMO_CAMPAIGN,
      kind: 'briefing',
      title: 'Hội nghị giao ban quý I',
      heldOn: '2021-04-09',
      chair: CHAIR,
      attendeesCount: 65,
      attendees: 'Thường trực Quận ủy, Ban Dân vận Quận ủy, UBND quận, MTTQ và các đoàn thể quận, Khối vận 14 phường',
      minutes: 'Đánh giá kết quả quý I thực hiện chủ đề năm; tháo gỡ khó khăn, vướng mắc trong công tác giải phóng mặt bằng các dự án trọng điểm.',
      conclusions: [
        { content: 'Rà soát, bổ sung danh sách mô hình "Dân vận khéo" đăng ký năm 2021', owner: 'LB-BDV', dueOn: '2021-04-30' },
        { content: 'Đẩy nhanh bàn giao mặt bằng dự án Cầu Vĩnh Tuy giai đoạn 2', owner: 'LB-BODE', dueOn: '2021-06-30' },
        { content: 'Tổ chức đối thoại với các hộ còn vướng mắc tại dự án đường Vành đai 2,5', owner: 'LB-CUKHOI', dueOn: '2021-05-31' },
      ],
    },
  });
  const h1 = await recordMeeting(trx, {
    actor,
    input: {
      unit: DEMO_ROOT,
      campaign: DEMO_CAMPAIGN,
      kind: 'briefing',
      title: 'Hội nghị giao ban 6 tháng',
      heldOn: '2021-07-09',
      chair: CHAIR,
      attendeesCount: 72,
      attendees: 'Thường trực Quận ủy, Ban Dân vận Quận ủy, UBND quận, MTTQ và các đoàn thể quận, Khối vận 14 phường',
      minutes: 'Sơ kết 6 tháng thực hiện chủ đề năm; thống nhất đề xuất khen thưởng các mô hình tiêu biểu.',
      conclusions: [
        { content: 'Hoàn thành chi trả bồi thường cho các hộ đã có phương án được phê duyệt', owner: 'LB-UBND', dueOn: '2021-08-31' },
        { content: 'Nhân rộng mô hình Tổ Covid cộng đồng tại các tổ dân phố', owner: 'LB-MTTQ', dueOn: '2021-09-15' },
        { content: 'Báo cáo kết quả duy trì các mô hình được khen thưởng sau sơ kết', owner: 'LB-THACHBAN', dueOn: '2021-08-15' },
      ],
    },
  });
  const done = [
    [q1.conclusions[0]!.id, '2021-04-28', 'Báo cáo số 12-BC/BDVQU ngày 28/04/2021: bổ sung 37 mô hình vào sổ đăng ký'],
    [q1.conclusions[1]!.id, '2021-06-25', 'Biên bản bàn giao mặt bằng ngày 25/06/2021 của UBND phường Bồ Đề'],
    [h1.conclusions[1]!.id, '2021-09-10', 'Đã thành lập 220 Tổ Covid cộng đồng với 2.269 thành viên'],
  ] as const;
  for (const [id, doneOn, evidence] of done) await completeConclusion(trx, { actor, id, input: { doneOn, evidence } });
}

/** The standing committee's members (names invented), each supervising two of the 14 wards. */
export const DEMO_LEADERS = ['Nguyễn Văn Hùng', 'Trần Thị Lan', 'Lê Minh Tuấn', 'Phạm Thu Hà', 'Hoàng Văn Nam', 'Đỗ Thị Hương', 'Vũ Đức Thắng'];
const UVTV = 'Ủy viên Ban Thường vụ Quận ủy';

export async function loadDemoSupervision(trx: Tx): Promise<void> {
  const actor = systemActor('demo');
  for (const [i, leader] of DEMO_LEADERS.entries()) {
    await assignLeader(trx, { actor, input: { leader, title: UVTV, campaign: DEMO_CAMPAIGN, units: [wardCode(WARDS[2 * i]!), wardCode(WARDS[2 * i + 1]!)] } });
  }
  const visits = [
    { leader: DEMO_LEADERS[0]!, unit: wardCode('Bồ Đề'), visitedOn: '2021-05-14', inspected: 'Mô hình "Tổ dân phố không rác thải nhựa"; dự án Cầu Vĩnh Tuy giai đoạn 2', findings: 'Mô hình duy trì tốt; còn 3 hộ chưa bàn giao mặt bằng', difficulties: 'Hộ dân kiến nghị giá bồi thường đất nông nghiệp', proposals: 'Đề nghị UBND quận đối thoại trực tiếp với 3 hộ' },
    { leader: DEMO_LEADERS[3]!, unit: wardCode('Ngọc Lâm'), visitedOn: '2021-08-20', inspected: 'Mô hình "Shipper không đồng" của Đoàn thanh niên phường', findings: 'Mô hình hỗ trợ hơn 1.200 lượt hộ trong thời gian giãn cách', difficulties: null, proposals: 'Đề nghị biểu dương, nhân rộng' },
    { leader: DEMO_LEADERS[5]!, unit: wardCode('Thạch Bàn'), visitedOn: '2021-09-08', inspected: 'Tiến độ giải phóng mặt bằng dự án hồ điều hòa', findings: 'Dự án chậm tiến độ 2 bước', difficulties: 'Vướng mắc xác định nguồn gốc đất', proposals: 'Đề nghị Thường trực Quận ủy chỉ đạo tháo gỡ' },
  ];
  const ids: (number | null)[] = [];
  // the difficulties met become issues raised, routed to the district
  for (const v of visits) ids.push((await recordVisit(trx, { actor, input: { ...v, title: UVTV, raiseIssue: Boolean(v.difficulties) } })).issue);
  await resolveIssue(trx, { actor, id: ids[0]!, input: { resolvedOn: '2021-06-10', resolution: 'UBND quận tổ chức đối thoại trực tiếp ngày 08/06/2021; 3 hộ đồng ý phương án, bàn giao mặt bằng ngày 10/06/2021' } });
  await loadDemoIssuesAndPersons(trx);
}

/** Two more issues (one from a dialogue, one from a report), and prestigious persons of the tổ dân vận of a ward with a followed project. */
async function loadDemoIssuesAndPersons(trx: Tx): Promise<void> {
  const actor = systemActor('demo');
  // the first project whose households are followed one by one
  let project: Awaited<ReturnType<typeof findProjectByCode>>;
  for (let i = 1; i <= 100 && !project; i++) {
    const code = `LB-GPMB-${String(i).padStart(3, '0')}`;
    if (await findHouseholdByCode(trx, `${code}-H001`)) project = await findProjectByCode(trx, code);
  }
  if (!project) return;
  const ward = WARDS.find((w) => wardCode(w) === project.unit_code) ?? WARDS[0];
  await raiseIssue(trx, {
    actor,
    input: { unit: wardCode(ward), project: project.code, source: 'dialogue', raisedOn: '2021-08-26', title: 'Hộ dân đề nghị bố trí tái định cư tại chỗ', detail: 'Tại buổi đối thoại ngày 26/08/2021, 2 hộ đề nghị được bố trí tái định cư tại chỗ; vượt thẩm quyền của phường.' },
  });
  const report = await raiseIssue(trx, {
    actor,
    input: { unit: wardCode('Gia Thụy'), source: 'report', raisedOn: '2021-07-05', title: 'Thiếu kinh phí duy trì hoạt động Tổ Covid cộng đồng', detail: 'Báo cáo tháng 6/2021 của phường: các tổ chưa có kinh phí hỗ trợ thành viên.' },
  });
  await resolveIssue(trx, { actor, id: report.id, input: { resolvedOn: '2021-07-20', resolution: 'Ban Thường vụ Quận ủy chỉ đạo MTTQ quận vận động nguồn xã hội hóa hỗ trợ các tổ' } });

  const team = `${groupCode(ward, 1)}-TDV`;
  const persons = [
    { fullName: 'Nguyễn Văn Thước', role: 'Cựu chiến binh, nguyên Bí thư chi bộ', trustedFor: 'Vận động hộ dân bàn giao mặt bằng, hòa giải ở cơ sở', households: ['H001', 'H002'] },
    { fullName: 'Trần Thị Nguyệt', role: 'Chi hội trưởng Chi hội Phụ nữ', trustedFor: 'Vận động hội viên phụ nữ và gia đình chấp hành chính sách GPMB', households: ['H003'] },
    { fullName: 'Lê Đình Khang', role: 'Trưởng họ Lê', trustedFor: 'Vận động các gia đình trong dòng họ', households: [] },
  ];
  for (const p of persons) {
    await savePerson(trx, {
      actor,
      input: {
        team,
        fullName: p.fullName,
        role: p.role,
        trustedFor: p.trustedFor,
        mobilisations: p.households.length
          ? p.households.map((h, i) => ({ project: project.code, household: `${project.code}-${h}`, onDate: `2021-0${6 + i}-15`, outcome: 'Hộ đồng ý phương án bồi thường và bàn giao mặt bằng' }))
          : [{ project: project.code, onDate: '2021-05-20', outcome: 'Tham gia tổ công tác vận động, tuyên truyền chủ trương của dự án' }],
      },
    });
  }
}
