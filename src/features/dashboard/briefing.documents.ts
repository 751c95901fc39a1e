/** The briefing pack as a Word document: A4 landscape-free, Times New Roman, tables that split cleanly. */
import { AlignmentType, Document, Packer } from 'docx';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { page, para, run, styles, table } from '../../lib/docx.js';
import { BRIEFING_FIRST_ROWS, lateList, resourcesSentence, type BriefingPack } from './briefing.service.js';
import { formatValue } from '../reporting/reporting.service.js';

const num = (type: string, v: number | string | null) => (v === null ? '' : typeof v === 'string' ? v : formatValue(type, String(Math.round(v * 100) / 100)));

/** In a table of units, money without " đ" (the header says "đồng"). */
const cell = (type: string, v: number | string | null) => (type === 'money' && typeof v === 'number' ? formatNumber(Math.round(v)) : num(type, v));

/**
 * The pack as a Word document. Long sections are shortened as on the page: totals (per unit,
 * with "Tổng cộng"), the first rows, and how many more the full list on Khéo holds.
 */
export async function briefingDocx(b: BriefingPack): Promise<Buffer> {
  const h = (text: string) => para([run(text, { bold: true })], { after: 80 });
  const more = (shown: number, total: number, noun: string) =>
    total > shown ? [para([run(`… và ${formatNumber(total - shown)} ${noun} khác (danh sách đầy đủ trong mục Tài liệu giao ban trên Khéo).`, { italics: true })], { indent: true })] : [];
  const late = lateList(b);
  const lateCount = b.reporting.reduce((a, r) => a + r.late.length, 0);
  const missingCount = b.reporting.reduce((a, r) => a + r.missing.length, 0);
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
      // money needs about twice the width of a count
      [{ title: 'Đơn vị', pct: 16 }, ...b.table.indicators.map((i) => ({ title: i.unit ? `${i.name} (${i.unit})` : i.name, pct: Math.floor((84 * (i.type === 'money' ? 2 : 1)) / Math.max(1, b.table.indicators.reduce((a, x) => a + (x.type === 'money' ? 2 : 1), 0))), align: 'right' as const }))],
      [...b.table.rows.map((r) => [r.unit, ...r.values.map((v, j) => cell(b.table.indicators[j]!.type, v))]), ['Tổng cộng', ...b.table.total.map((v, j) => cell(b.table.indicators[j]!.type, v))]],
      9,
      true,
    ),
    h('3. Tình hình nộp báo cáo'),
    ...b.reporting.map((r) => para([run(`${r.period}: ${r.summary}.`)], { indent: true, after: 40 })),
    ...(late.length
      ? [
          para([run(`Đơn vị nộp muộn hoặc chưa nộp: ${formatNumber(lateCount)} lượt nộp muộn, ${formatNumber(missingCount)} lượt chưa nộp.`)], { indent: true, after: 20 }),
          ...late.slice(0, BRIEFING_FIRST_ROWS).map((l) => para([run(`- ${l}`)], { indent: true, after: 20 })),
          ...more(Math.min(BRIEFING_FIRST_ROWS, late.length), late.length, 'lượt'),
        ]
      : [para([run('Các đơn vị đều nộp báo cáo đúng hạn.')], { indent: true })]),
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
            [
              ...b.behindSchedule.slice(0, BRIEFING_FIRST_ROWS).map((p) => [p.name, p.unitName, p.categoryLabel, formatNumber(p.overdue)]),
              ...(b.behindSchedule.length > BRIEFING_FIRST_ROWS ? [[`… và ${formatNumber(b.behindSchedule.length - BRIEFING_FIRST_ROWS)} dự án khác`, '', '', '']] : []),
              [`Tổng cộng: ${formatNumber(b.behindSchedule.length)} dự án`, '', '', formatNumber(b.behindSchedule.reduce((a, p) => a + p.overdue, 0))],
            ],
            10,
            true,
          ),
        ]
      : [para([run('Không có dự án chậm tiến độ.')], { indent: true })]),
    h(`5. Mô hình chưa cập nhật tiến độ trong kỳ (${formatNumber(b.withoutUpdates.total)})`),
    para([run(resourcesSentence(b))], { indent: true, after: 40 }),
    ...(b.withoutUpdates.total
      ? [
          table(
            [
              { title: 'Đơn vị', pct: 70 },
              { title: 'Số mô hình', pct: 30, align: 'right' as const },
            ],
            [...b.withoutUpdates.byUnit.map((r) => [r.unit, formatNumber(r.count)]), ['Tổng cộng', formatNumber(b.withoutUpdates.total)]],
            10,
            true,
          ),
          para([run(b.withoutUpdates.total > b.withoutUpdates.items.length ? `${formatNumber(b.withoutUpdates.items.length)} mô hình đăng ký sớm nhất:` : 'Gồm:')], { indent: true, after: 20 }),
          ...b.withoutUpdates.items.map((m) => para([run(`- Mô hình "${m.name}" — ${m.unitName}`)], { indent: true, after: 20 })),
          ...more(b.withoutUpdates.items.length, b.withoutUpdates.total, 'mô hình'),
        ]
      : [para([run('Các mô hình đều có cập nhật tiến độ trong kỳ.')], { indent: true })]),
    h(`6. Kết luận hội nghị quá hạn chưa thực hiện (${formatNumber(b.overdueConclusions.length)})`),
    ...(b.overdueConclusions.length
      ? b.overdueConclusions.map((k) => para([run(`- ${k.content} — ${k.ownerName}, hạn ${formatDate(k.dueOn)} (${k.meeting})`)], { indent: true, after: 20 }))
      : [para([run('Không có kết luận quá hạn.')], { indent: true })]),
    h('7. Vấn đề phát sinh, khó khăn vướng mắc'),
    para([run(`Trong kỳ ghi nhận ${formatNumber(b.issues.total.raised)}, giải quyết ${formatNumber(b.issues.total.resolved)}; cuối kỳ còn ${formatNumber(b.issues.total.open)} vấn đề chờ giải quyết.`)], { indent: true }),
    ...(b.issues.rows.length
      ? [
          table(
            [
              { title: 'Đơn vị', pct: 46 },
              { title: 'Ghi nhận', pct: 18, align: 'right' as const },
              { title: 'Đã giải quyết', pct: 18, align: 'right' as const },
              { title: 'Còn chờ', pct: 18, align: 'right' as const },
            ],
            [
              ...b.issues.rows.map((r) => [r.unit, formatNumber(r.raised), formatNumber(r.resolved), formatNumber(r.open)]),
              ['Tổng cộng', ...(['raised', 'resolved', 'open'] as const).map((k) => formatNumber(b.issues.rows.reduce((a, r) => a + r[k], 0)))],
            ],
            10,
            true,
          ),
        ]
      : []),
  ];
  const doc = new Document({ styles, sections: [{ properties: { page }, children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}
