/** The briefing pack as a Word document: A4 landscape-free, Times New Roman, tables that split cleanly. */
import { AlignmentType, Document, Packer } from 'docx';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { page, para, run, styles } from '../appraisal/appraisal.documents.js';
import { table } from '../landClearance/landClearance.documents.js';
import { lateList, type BriefingPack } from './reporting.briefing.js';
import { formatValue } from './reporting.service.js';

const num = (type: string, v: number | string | null) => (v === null ? '' : typeof v === 'string' ? v : formatValue(type, String(Math.round(v * 100) / 100)));

export async function briefingDocx(b: BriefingPack): Promise<Buffer> {
  const h = (text: string) => para([run(text, { bold: true })], { after: 80 });
  const children = [
    para([run(b.form.unitName.toUpperCase(), { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
    para([run('TÀI LIỆU GIAO BAN', { bold: true, size: 16 })], { align: AlignmentType.CENTER, after: 0 }),
    para([run(`${b.form.name} — ${b.period.label}`, { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
    para([run(`Số liệu lập ngày ${formatDate(b.madeOn)}`, { italics: true })], { align: AlignmentType.CENTER, after: 240 }),
    h('1. Các chỉ tiêu chính'),
    table(
      [
        { title: 'Chỉ tiêu', pct: 40 },
        { title: b.period.label, pct: 18, align: 'right' },
        { title: 'So với kỳ trước', pct: 21 },
        { title: 'So với cùng kỳ', pct: 21 },
      ],
      b.figures.map((f) => [f.indicator.name + (f.indicator.unit ? ` (${f.indicator.unit})` : ''), num(f.indicator.type, f.value), f.changePrevious ?? '—', f.changeLastYear ?? '—']),
    ),
    h('2. Số liệu theo đơn vị'),
    table(
      [{ title: 'Đơn vị', pct: 20 }, ...b.table.indicators.map((i) => ({ title: i.name, pct: Math.floor(80 / Math.max(1, b.table.indicators.length)), align: 'right' as const }))],
      [...b.table.rows.map((r) => [r.unit, ...r.values.map((v, j) => num(b.table.indicators[j]!.type, v))]), ['Tổng cộng', ...b.table.total.map((v, j) => num(b.table.indicators[j]!.type, v))]],
      9,
      true,
    ),
    h('3. Tình hình nộp báo cáo'),
    ...b.reporting.map((r) => para([run(`${r.period}: ${r.summary}.`)], { indent: true, after: 40 })),
    ...(lateList(b).length ? lateList(b).map((l) => para([run(`- ${l}`)], { indent: true, after: 20 })) : [para([run('Các đơn vị đều nộp báo cáo đúng hạn.')], { indent: true })]),
    h(`4. Dự án giải phóng mặt bằng chậm tiến độ (${formatNumber(b.behindSchedule.length)})`),
    ...(b.behindSchedule.length
      ? [
          table(
            [
              { title: 'Dự án', pct: 50 },
              { title: 'Đơn vị', pct: 25 },
              { title: 'Loại', pct: 13 },
              { title: 'Bước quá hạn', pct: 12, align: 'right' },
            ],
            b.behindSchedule.map((p) => [p.name, p.unitName, p.categoryLabel, formatNumber(p.overdue)]),
            10,
          ),
        ]
      : [para([run('Không có dự án chậm tiến độ.')], { indent: true })]),
    h(`5. Mô hình chưa cập nhật tiến độ trong kỳ (${formatNumber(b.withoutUpdates.total)})`),
    ...b.withoutUpdates.items.map((m) => para([run(`- Mô hình "${m.name}" — ${m.unitName}`)], { indent: true, after: 20 })),
    ...(b.withoutUpdates.total > b.withoutUpdates.items.length ? [para([run(`… và ${formatNumber(b.withoutUpdates.total - b.withoutUpdates.items.length)} mô hình khác.`, { italics: true })], { indent: true })] : []),
    h(`6. Kết luận hội nghị quá hạn chưa thực hiện (${formatNumber(b.overdueConclusions.length)})`),
    ...(b.overdueConclusions.length
      ? b.overdueConclusions.map((k) => para([run(`- ${k.content} — ${k.ownerName}, hạn ${formatDate(k.dueOn)} (${k.meeting})`)], { indent: true, after: 20 }))
      : [para([run('Không có kết luận quá hạn.')], { indent: true })]),
    h('7. Vấn đề phát sinh, khó khăn vướng mắc'),
    para([run(`Trong kỳ ghi nhận ${formatNumber(b.issues.total.raised)}, giải quyết ${formatNumber(b.issues.total.resolved)}; cuối kỳ còn ${formatNumber(b.issues.total.open)} vấn đề chờ giải quyết.`)], { indent: true }),
    ...b.issues.rows.map((r) => para([run(`- ${r.unit}: ghi nhận ${formatNumber(r.raised)}, đã giải quyết ${formatNumber(r.resolved)}, còn chờ ${formatNumber(r.open)}`)], { indent: true, after: 20 })),
  ];
  const doc = new Document({ styles, sections: [{ properties: { page }, children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}
