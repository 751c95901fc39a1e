/**
 * The demo's emulation record (issue #23): a ward's proposal to the district's council, decided in
 * the summer of 2021 after the six-month appraisal; and the district's proposal to the city, whose
 * council is not in the demo (the district records the answer). Names are those of a believable
 * ward; no figure of the seed article depends on them.
 */
import { groupCode, wardCode } from './demo.data.js';

export function demoAwardProposals() {
  const bode = wardCode('Bồ Đề');
  return [
    {
      number: '112/TTr-UBND',
      from: bode,
      form: 'GK-HUYEN',
      campaign: 'LB-2021',
      title: 'Đề nghị Chủ tịch UBND quận tặng Giấy khen cho các tập thể, cá nhân, hộ gia đình có thành tích tiêu biểu trong thực hiện "Năm Dân vận khéo" 6 tháng đầu năm 2021',
      recipients: [
        { kind: 'collective', name: 'Tổ dân phố số 1, phường Bồ Đề', unit: groupCode('Bồ Đề', 1), achievement: 'Vận động các hộ bàn giao mặt bằng đúng tiến độ' },
        { kind: 'individual', name: 'Nguyễn Văn Hùng', position: 'Tổ trưởng tổ dân phố số 1', role: 'direct', achievement: 'Trực tiếp vận động 6 hộ hiến đất mở rộng ngõ' },
        { kind: 'individual', name: 'Trần Thị Lan', position: 'Chủ tịch Hội Liên hiệp Phụ nữ phường', role: 'leader', achievement: 'Chỉ đạo mô hình "Phụ nữ Bồ Đề giữ gìn đường phố xanh, sạch"' },
        { kind: 'household', name: 'Hộ ông Đỗ Văn Tư', achievement: 'Hiến 18 m² đất làm đường' },
      ],
      status: 'decided',
      submittedOn: '2021-07-05',
      receivedOn: '2021-07-06',
      reviewedOn: '2021-07-20',
      reviewNote: 'Hội đồng Thi đua – Khen thưởng quận nhất trí đề nghị',
      decidedOn: '2021-07-28',
      decisionNumber: '3181/QĐ-UBND',
    },
    {
      number: '45/TTr-UBND',
      from: 'LB',
      form: 'BK-TINH',
      toBody: 'Ban Thi đua – Khen thưởng thành phố Hà Nội',
      campaign: 'LB-2021',
      title: 'Đề nghị Chủ tịch UBND Thành phố tặng Bằng khen cho tập thể có thành tích xuất sắc trong thực hiện "Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng" năm 2021',
      recipients: [{ kind: 'collective', name: 'Nhân dân và cán bộ phường Bồ Đề', unit: bode, achievement: 'Hoàn thành giải phóng mặt bằng dự án Cầu Vĩnh Tuy giai đoạn 2' }],
      status: 'decided',
      submittedOn: '2021-12-10',
      receivedOn: '2021-12-10',
      decidedOn: '2021-12-30',
      decisionNumber: '6218/QĐ-UBND',
    },
  ];
}
