/**
 * The demo's periodic reporting: the monthly form "Báo cáo công tác dân vận tháng" of the
 * district, with submissions from the 14 wards for January–September 2021 — most on time, a
 * few late, one missing — approved by the district through August, January–June closed.
 * Figures are invented (deterministic); two indicators come from live data.
 */
import type { Tx } from '../../db/index.js';
import { systemActor } from '../../policy/policy.js';
import { approveReport, closePeriod, saveEntry, saveForm } from '../reporting/reporting.service.js';
import { DEMO_CAMPAIGN } from './demo.campaign.js';
import { DEMO_ROOT, wardCode, WARDS } from './demo.data.js';

const DEMO_FORM = 'BC-DV-THANG';

/** Late submissions (ward, month, days after the deadline) and the one report never sent. */
const DEMO_LATE: [string, number, number][] = [
  ['Thạch Bàn', 3, 3],
  ['Gia Thụy', 6, 5],
  ['Sài Đồng', 6, 2],
  ['Việt Hưng', 9, 2],
];
const DEMO_MISSING: [string, number] = ['Cự Khối', 9];

const pad = (n: number) => String(n).padStart(2, '0');
/** A stable pseudo-random integer in [lo, hi] for a ward, a month and a salt. */
const pick = (w: number, m: number, salt: number, lo: number, hi: number) => lo + ((w * 7919 + m * 104_729 + salt * 1_299_709) % (hi - lo + 1));

const demoReportForm = () => ({
  code: DEMO_FORM,
  name: 'Báo cáo công tác dân vận tháng',
  unit: DEMO_ROOT,
  campaign: DEMO_CAMPAIGN,
  periodType: 'month',
  deadlineDays: 5,
  reportingKinds: ['ward'],
  indicators: [
    { code: 'ho_tham', name: 'Số hộ được đến thăm, nắm tình hình', section: 'Tuyên truyền, vận động Nhân dân', type: 'int', unit: 'hộ' },
    { code: 'ho_van_dong', name: 'Số hộ được vận động thành công', section: 'Tuyên truyền, vận động Nhân dân', type: 'int', unit: 'hộ' },
    { code: 'doi_thoai', name: 'Số buổi đối thoại với Nhân dân', section: 'Tuyên truyền, vận động Nhân dân', type: 'int', unit: 'buổi' },
    { code: 'kn_nhan', name: 'Đơn thư khiếu nại, kiến nghị tiếp nhận', section: 'Tiếp nhận, giải quyết kiến nghị', type: 'int', unit: 'đơn' },
    { code: 'kn_giai_quyet', name: 'Đơn thư khiếu nại, kiến nghị đã giải quyết', section: 'Tiếp nhận, giải quyết kiến nghị', type: 'int', unit: 'đơn' },
    { code: 'quy_covid', name: 'Tiền ủng hộ Quỹ phòng, chống dịch Covid-19', section: 'Huy động nguồn lực', type: 'money', unit: 'đồng' },
    { code: 'giam_chan_nuoi', name: 'Số hộ giảm, chấm dứt chăn nuôi trong khu dân cư', section: 'Vệ sinh môi trường', type: 'int', unit: 'hộ' },
    { code: 'bep_than', name: 'Số bếp than tổ ong được xóa bỏ', section: 'Vệ sinh môi trường', type: 'int', unit: 'bếp' },
    { code: 'mo_hinh_moi', name: 'Mô hình "Dân vận khéo" đăng ký trong tháng', section: 'Mô hình "Dân vận khéo"', type: 'int', unit: 'mô hình', source: 'models.registered' },
    { code: 'mo_hinh_cap_nhat', name: 'Mô hình có cập nhật tiến độ trong tháng', section: 'Mô hình "Dân vận khéo"', type: 'int', unit: 'mô hình', source: 'models.updated' },
    { code: 'ghi_chu', name: 'Khó khăn, vướng mắc, đề xuất', section: 'Kiến nghị', type: 'text' },
  ],
  rules: [
    { left: 'ho_van_dong', op: '<=', right: 'ho_tham', severity: 'error', message: 'Số hộ được vận động thành công không thể nhiều hơn số hộ được đến thăm' },
    // cases resolved in a month include the backlog of earlier months: a warning the ward explains, not an error
    { left: 'kn_giai_quyet', op: '<=', right: 'kn_nhan', severity: 'warning', message: 'Số đơn thư đã giải quyết nhiều hơn số đơn thư tiếp nhận trong tháng: nếu có giải quyết đơn tồn đọng từ các tháng trước, ghi rõ trong phần giải trình' },
  ],
  targets: WARDS.flatMap((w, i) => [
    { indicator: 'giam_chan_nuoi', unit: wardCode(w), year: 2021, value: 20 + (i % 5) * 5 },
    { indicator: 'bep_than', unit: wardCode(w), year: 2021, value: 30 + (i % 4) * 10 },
  ]),
});

export async function loadDemoReporting(trx: Tx): Promise<void> {
  const actor = systemActor('demo');
  await saveForm(trx, { actor, input: demoReportForm() });
  for (let m = 1; m <= 9; m++) {
    for (const [w, ward] of WARDS.entries()) {
      if (DEMO_MISSING[0] === ward && DEMO_MISSING[1] === m) continue;
      const late = DEMO_LATE.find(([x, mm]) => x === ward && mm === m)?.[2] ?? 0;
      const next = m === 12 ? `2022-01` : `2021-${pad(m + 1)}`;
      const day = late ? 5 + late : 1 + pick(w, m, 1, 0, 3);
      const tham = pick(w, m, 2, 40, 160);
      const kn = pick(w, m, 4, 0, 6);
      await saveEntry(trx, {
        actor,
        form: DEMO_FORM,
        unit: wardCode(ward),
        period: `2021-${pad(m)}`,
        at: `${next}-${pad(day)}T09:${pad(pick(w, m, 9, 0, 59))}:00+07:00`,
        submit: true,
        values: {
          ho_tham: tham,
          ho_van_dong: tham - pick(w, m, 3, 0, 25),
          doi_thoai: pick(w, m, 5, 0, 3),
          kn_nhan: kn,
          kn_giai_quyet: kn - pick(w, m, 6, 0, Math.min(kn, 2)),
          quy_covid: m >= 5 && m <= 9 ? pick(w, m, 7, 5, 60) * 1_000_000 : 0,
          giam_chan_nuoi: pick(w, m, 8, 0, 4),
          bep_than: pick(w, m, 10, 1, 6),
          ghi_chu: late ? 'Nộp chậm do tập trung công tác phòng, chống dịch.' : '',
        },
      });
      if (m <= 8) await approveReport(trx, { actor, form: DEMO_FORM, unit: wardCode(ward), period: `2021-${pad(m)}`, at: `${next}-10T15:00:00+07:00` });
    }
    if (m <= 6) await closePeriod(trx, { actor, form: DEMO_FORM, period: `2021-${pad(m)}`, at: `2021-07-12T10:00:00+07:00` });
  }
}
