/**
 * The demo's briefing conferences of 2021 — quarter I and the first 6 months, chaired as the seed
 * says ("do đồng chí Phó bí thư thường trực – trưởng Khối vận Quận chủ trì") — with their
 * conclusions: some done with evidence, some overdue. Details are invented.
 */
import type { Tx } from '../../db/index.js';
import { systemActor } from '../accounts/policy.js';
import { assignLeader, completeConclusion, recordMeeting, recordVisit } from '../supervision/supervision.service.js';
import { DEMO_CAMPAIGN } from './demo.campaign.js';
import { DEMO_ROOT, wardCode, WARDS } from './demo.data.js';

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
  for (const v of visits) await recordVisit(trx, { actor, input: { ...v, title: UVTV } });
}
