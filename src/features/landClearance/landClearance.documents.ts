/**
 * Land clearance documents in the administrative format of Nghị định 30/2020/NĐ-CP (A4, Times New
 * Roman 14, quốc hiệu and tiêu ngữ in the header table), built with the helpers of the appraisal
 * documents: the monthly progress report of a unit subtree (aggregates only — no household is
 * named in it) with its annex tables, and the minutes of one dialogue with households.
 */
import { AlignmentType, convertMillimetersToTwip, Document, Packer, PageOrientation, Table, TableCell, TableRow, WidthType, type ParagraphChild } from 'docx';
import type { Db } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../lib/vi.js';
import type { Actor } from '../../policy/policy.js';
import { closing, header, noBorders, page, para, placeOf, run, styles, table, type Issuer } from '../../lib/docx.js';
import { findUnitByCode } from '../units/units.service.js';
import { presentDialogues, type PresentedDialogue } from './landClearance.engagement.js';
import { affectedOf, monthOf } from './landClearance.excel.js';
import { authorizeProjectRead, requireProject } from './landClearance.service.js';
import { clearanceDashboard, type ClearanceDashboard } from './landClearance.stats.js';

const TERRITORIAL = new Set(['city', 'province', 'district', 'town', 'ward', 'commune', 'township']);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** An issuing body, with the position that signs for it ("TM. ỦY BAN NHÂN DÂN" / "CHỦ TỊCH"). */
type UnitIssuer = Issuer & { signRole: string };

/** The body a unit's documents are issued by: its People's Committee for a territorial unit, else the unit itself. */
function issuerOf(unit: { name: string; kind: string } | undefined): UnitIssuer {
  if (!unit) return { superior: '', body: 'Khéo', place: '', signTitle: 'NGƯỜI LẬP BÁO CÁO', signRole: '' };
  const territorial = TERRITORIAL.has(unit.kind);
  return {
    superior: '',
    body: territorial ? `Ủy ban nhân dân ${lowerFirst(unit.name)}` : unit.name,
    place: placeOf(unit.name),
    signTitle: territorial ? 'TM. ỦY BAN NHÂN DÂN' : 'THỦ TRƯỞNG ĐƠN VỊ',
    signRole: territorial ? 'CHỦ TỊCH' : '',
  };
}

/** "ngày 05 tháng 02 năm 2021" (days below 10 and months 1–2 with a leading zero). */
export function dayText(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `ngày ${d < 10 ? `0${d}` : d} tháng ${m <= 2 ? `0${m}` : m} năm ${y}`;
}

const center = (children: ParagraphChild[], after = 60) => para(children, { align: AlignmentType.CENTER, after });
const heading = (text: string) => para([run(text, { bold: true })], { align: AlignmentType.LEFT, after: 120 });
/** Multi-line text as paragraphs (a run does not break lines). */
const lines = (text: string | null, empty: string) => {
  const ls = (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return ls.length ? ls.map((l) => para([run(l)], { indent: true })) : [para([run(empty, { italics: true })], { indent: true })];
};

function signature(issuer: UnitIssuer, recipients: string[]): Table {
  const title = center([run(issuer.signTitle.toUpperCase(), { bold: true })], issuer.signRole ? 0 : 1400);
  return closing(recipients, issuer.signRole ? [title, center([run(issuer.signRole, { bold: true })], 1400)] : [title]);
}

const landscape = {
  size: { width: page.size.width, height: page.size.height, orientation: PageOrientation.LANDSCAPE },
  margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(15), left: convertMillimetersToTwip(20), right: convertMillimetersToTwip(15) },
};

// ——— monthly progress report ———

interface MonthlyReport {
  dashboard: ClearanceDashboard;
  issuer: UnitIssuer;
}

/** The figures of a subtree through a date (clearance.read), with the body the report is issued by. */
export async function monthlyReport(db: Db, actor: Actor, q: { unit?: string | undefined; through?: string | undefined }): Promise<MonthlyReport> {
  const dashboard = await clearanceDashboard(db, actor, q);
  const unit = dashboard.unit ? await findUnitByCode(db, dashboard.unit.code) : undefined;
  return { dashboard, issuer: issuerOf(unit) };
}

/** The sentences of part I: every figure of the totals, in words an official report uses. */
function reportSentences(d: ClearanceDashboard): string[] {
  const t = d.totals;
  const cats = t.byCategory.map((c) => `${lowerFirst(c.label)} ${formatNumber(c.count)}`).join(', ');
  const sched = t.bySchedule.map((s) => `${lowerFirst(s.label)} ${formatNumber(s.count)}`).join(', ');
  return [
    `Tổng số dự án có thu hồi đất đang theo dõi: ${formatNumber(t.projects)} dự án (${cats}); theo tiến độ: ${sched}.`,
    `Số hộ gia đình, cá nhân, tổ chức bị ảnh hưởng: ${formatNumber(t.householdsAffected)}; ${formatNumber(t.followedProjects)} dự án được theo dõi đến từng hộ, đã lập danh sách chi tiết ${formatNumber(t.households)} hộ, tổ chức${t.projects > t.followedProjects ? `; ${formatNumber(t.projects - t.followedProjects)} dự án chưa cập nhật đến từng hộ (số liệu dưới đây không gồm các dự án này)` : ''}.`,
    ...(t.followedProjects
      ? [
          `Phương án bồi thường, hỗ trợ, tái định cư đã được phê duyệt: ${formatNumber(t.plansApproved)} hộ, tổng kinh phí ${formatMoney(t.amountApproved)}.`,
          `Đã chi trả đủ cho ${formatNumber(t.householdsPaid)}/${formatNumber(t.plansApproved)} hộ có phương án được phê duyệt; số tiền đã chi trả ${formatMoney(t.amountPaid)}/${formatMoney(t.amountApproved)}, đạt ${formatPercent(t.amountPaid, t.amountApproved)} kinh phí đã phê duyệt.`,
          `Đã bàn giao mặt bằng: ${formatNumber(t.handedOver)}/${formatNumber(t.followedAffected)} hộ, tổ chức của các dự án theo dõi đến từng hộ (${formatPercent(t.handedOver, t.followedAffected)}).`,
        ]
      : []),
    `Công tác dân vận: đã tổ chức ${formatNumber(t.dialogues)} buổi đối thoại với ${formatNumber(t.dialogueParticipants)} lượt người tham dự.`,
    `Đơn thư khiếu nại, kiến nghị chưa giải quyết xong: ${formatNumber(t.complaintsOpen)} đơn, trong đó ${formatNumber(t.complaintsOverdue)} đơn quá hạn giải quyết.`,
  ];
}

/** The monthly report as a DOCX: the report on A4 portrait, its two annex tables in landscape. */
export async function monthlyReportDocx(r: MonthlyReport): Promise<Buffer> {
  const d = r.dashboard;
  const unitName = d.unit?.name ?? 'toàn hệ thống';
  const behind = d.projects.filter((p) => p.schedule.status === 'behind');
  const n = (x: number) => formatNumber(x);
  const unitRows = d.byUnit.map((u, i) => [String(i + 1), u.name, n(u.projects), n(u.bySchedule.find((s) => s.status === 'behind')?.count ?? 0), n(u.householdsAffected), n(u.plansApproved), n(u.amountApproved), n(u.householdsPaid), n(u.amountPaid), n(u.handedOver), n(u.dialogues), `${n(u.complaintsOpen)} (${n(u.complaintsOverdue)})`]);
  const t = d.totals;
  unitRows.push(['', 'Tổng cộng', n(t.projects), n(t.bySchedule.find((s) => s.status === 'behind')?.count ?? 0), n(t.householdsAffected), n(t.plansApproved), n(t.amountApproved), n(t.householdsPaid), n(t.amountPaid), n(t.handedOver), n(t.dialogues), `${n(t.complaintsOpen)} (${n(t.complaintsOverdue)})`]);
  const doc = new Document({
    creator: 'Khéo',
    title: `Báo cáo tiến độ giải phóng mặt bằng ${monthOf(d.through)}`,
    styles,
    sections: [
      {
        properties: { page },
        children: [
          header(r.issuer, '      /BC-GPMB', d.through),
          center([run('')], 120),
          center([run('BÁO CÁO', { bold: true })]),
          center([run(`Tiến độ công tác giải phóng mặt bằng ${monthOf(d.through)}`, { bold: true })]),
          center([run(`(Số liệu tính đến ${dayText(d.through)})`, { italics: true })], 240),
          para([run(`Căn cứ số liệu cập nhật trên hệ thống Khéo, ${r.issuer.body} báo cáo tiến độ công tác giải phóng mặt bằng trên địa bàn ${lowerFirst(unitName)} như sau:`)], { indent: true }),
          heading('I. KẾT QUẢ THỰC HIỆN'),
          ...reportSentences(d).map((s, i) => para([run(`${i + 1}. `, { bold: true }), run(s)], { indent: true })),
          heading('II. ĐÁNH GIÁ'),
          para(
            [
              run(
                behind.length
                  ? `Có ${n(behind.length)} dự án chậm tiến độ: ${behind.map((p) => `${p.name} (${n(p.schedule.overdue)} bước quá hạn)`).join('; ')}. Đề nghị các đơn vị chủ trì tập trung tháo gỡ vướng mắc, đẩy nhanh tiến độ.`
                  : 'Không có dự án chậm tiến độ.',
              ),
            ],
            { indent: true },
          ),
          para([run('Kết quả chi tiết theo đơn vị và theo từng dự án tại các biểu kèm theo.')], { indent: true }),
          center([run('')], 120),
          signature(r.issuer, ['- Cấp ủy, chính quyền cấp trên (để báo cáo);', '- Các đơn vị liên quan;', '- Lưu: VT.']),
        ],
      },
      {
        properties: { page: landscape },
        children: [
          center([run('Biểu 1', { bold: true })]),
          center([run(`KẾT QUẢ GIẢI PHÓNG MẶT BẰNG THEO ĐƠN VỊ ĐẾN ${dayText(d.through).toUpperCase()}`, { bold: true })], 160),
          table(
            [
              { title: 'TT', pct: 4, align: 'center' },
              { title: 'Đơn vị', pct: 18 },
              { title: 'Số dự án', pct: 6, align: 'right' },
              { title: 'Chậm tiến độ', pct: 7, align: 'right' },
              { title: 'Hộ bị ảnh hưởng', pct: 8, align: 'right' },
              { title: 'Phương án đã phê duyệt (hộ)', pct: 8, align: 'right' },
              { title: 'Kinh phí đã phê duyệt (đồng)', pct: 12, align: 'right' },
              { title: 'Đã chi trả (hộ)', pct: 7, align: 'right' },
              { title: 'Số tiền đã chi trả (đồng)', pct: 12, align: 'right' },
              { title: 'Đã bàn giao (hộ)', pct: 7, align: 'right' },
              { title: 'Buổi đối thoại', pct: 5, align: 'right' },
              { title: 'Đơn chưa giải quyết (quá hạn)', pct: 6, align: 'right' },
            ],
            unitRows,
            10,
            true,
          ),
          center([run('')], 240),
          center([run('Biểu 2', { bold: true })]),
          center([run('TIẾN ĐỘ TỪNG DỰ ÁN (DỰ ÁN CHẬM TIẾN ĐỘ XẾP TRƯỚC)', { bold: true })], 160),
          table(
            [
              { title: 'TT', pct: 4, align: 'center' },
              { title: 'Dự án', pct: 20 },
              { title: 'Đơn vị chủ trì', pct: 11 },
              { title: 'Loại', pct: 7 },
              { title: 'Tiến độ', pct: 8 },
              { title: 'Bước hoàn thành / quá hạn', pct: 7, align: 'center' },
              { title: 'Hạn hoàn thành', pct: 8, align: 'center' },
              { title: 'Hộ bị ảnh hưởng', pct: 6, align: 'right' },
              { title: 'Phương án đã duyệt', pct: 6, align: 'right' },
              { title: 'Đã chi trả (hộ / đồng)', pct: 12, align: 'right' },
              { title: 'Đã bàn giao', pct: 6, align: 'right' },
              { title: 'Đơn chưa giải quyết (quá hạn)', pct: 5, align: 'right' },
            ],
            d.projects.map((p, i) => [
              String(i + 1),
              `${p.name} (${p.code})`,
              p.unitName,
              p.categoryLabel,
              p.schedule.label,
              `${n(p.schedule.completed)}/${n(p.schedule.applicable)} · ${n(p.schedule.overdue)}`,
              formatDate(p.dueOn),
              n(affectedOf(p)),
              n(p.plansApproved),
              `${n(p.paid)} hộ / ${n(p.amountPaid)}`,
              n(p.handedOver),
              `${n(p.complaintsOpen)} (${n(p.complaintsOverdue)})`,
            ]),
            10,
          ),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

// ——— dialogue minutes (personal data) ———

interface DialogueMinutes {
  project: { code: string; name: string; unitName: string; investor: string | null };
  dialogue: PresentedDialogue;
  issuer: UnitIssuer;
}

/** One dialogue of a project with the households that took part (clearance.personal on the project's unit). */
export async function dialogueMinutes(db: Db, actor: Actor, projectCode: string, dialogueId: number | null): Promise<DialogueMinutes> {
  const p = await requireProject(db, projectCode);
  authorizeProjectRead(actor, p, 'clearance.personal');
  const dialogue = dialogueId === null ? undefined : (await presentDialogues(db, p.id, { personal: true })).find((x) => x.id === dialogueId);
  if (!dialogue) throw notFound('Không tìm thấy buổi đối thoại này của dự án.');
  const unit = await findUnitByCode(db, p.unit_code);
  return { project: { code: p.code, name: p.name, unitName: p.unit_name, investor: p.investor }, dialogue, issuer: issuerOf(unit) };
}

/** The minutes (biên bản) of a dialogue as a DOCX. */
export async function dialogueMinutesDocx(m: DialogueMinutes): Promise<Buffer> {
  const d = m.dialogue;
  const sign = (title: string, name = '') =>
    new TableCell({ width: { size: 33, type: WidthType.PERCENTAGE }, borders: noBorders, children: [center([run(title, { bold: true })]), center([run('(Ký, ghi rõ họ tên)', { italics: true, size: 12 })], 1200), center([run(name, { bold: true })])] });
  const doc = new Document({
    creator: 'Khéo',
    title: `Biên bản đối thoại ${formatDate(d.heldOn)} — ${m.project.name}`,
    styles,
    sections: [
      {
        properties: { page },
        children: [
          header(m.issuer, '      /BB-ĐT', d.heldOn),
          center([run('')], 120),
          center([run('BIÊN BẢN', { bold: true })]),
          center([run('Đối thoại với hộ gia đình, cá nhân, tổ chức có đất bị thu hồi', { bold: true })]),
          center([run(`Dự án: ${m.project.name}`, { bold: true })], 240),
          para([run(`Hôm nay, ${dayText(d.heldOn)}, tại ${d.place}, ${m.issuer.body} tổ chức đối thoại với các hộ gia đình, cá nhân, tổ chức có đất bị thu hồi để thực hiện dự án ${m.project.name} (mã dự án ${m.project.code})${m.project.investor ? `, chủ đầu tư: ${m.project.investor}` : ''}.`)], { indent: true }),
          heading('I. THÀNH PHẦN THAM DỰ'),
          para([run('1. Chủ trì: ', { bold: true }), run(`${d.chair}.`)], { indent: true }),
          para([run('2. Số người tham dự: ', { bold: true }), run(`${formatNumber(d.participants)} người.`)], { indent: true }),
          para([run('3. Các hộ, tổ chức tham gia đối thoại: ', { bold: true }), run(d.households.length ? `${formatNumber(d.households.length)} hộ, tổ chức, gồm:` : 'không ghi danh sách.')], { indent: true }),
          ...d.households.map((h, i) => para([run(`${i + 1}. ${h.name} (mã hộ ${h.code})${i === d.households.length - 1 ? '.' : ';'}`)], { indent: true, after: 40 })),
          heading('II. NỘI DUNG ĐỐI THOẠI'),
          para([run('1. Ý kiến, vấn đề các hộ nêu ra:', { bold: true })], { indent: true }),
          ...lines(d.issues, '(Không ghi nhận.)'),
          para([run('2. Nội dung đã thống nhất:', { bold: true })], { indent: true }),
          ...lines(d.agreements, '(Không ghi nhận.)'),
          heading('III. CÁC VIỆC CẦN LÀM TIẾP'),
          ...(d.followups.length
            ? [
                table(
                  [
                    { title: 'TT', pct: 8, align: 'center' },
                    { title: 'Nội dung công việc', pct: 50 },
                    { title: 'Người, đơn vị thực hiện', pct: 26 },
                    { title: 'Thời hạn', pct: 16, align: 'center' },
                  ],
                  d.followups.map((f, i) => [String(i + 1), f.task, f.owner, f.dueOn ? formatDate(f.dueOn) : 'Không ghi hạn']),
                  12,
                ),
              ]
            : [para([run('Không có.')], { indent: true })]),
          center([run('')], 120),
          para([run('Biên bản được lập xong cùng ngày, đã đọc lại cho những người tham dự cùng nghe, thống nhất nội dung và ký tên dưới đây./.')], { indent: true }),
          center([run('')], 120),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: noBorders, rows: [new TableRow({ children: [sign('ĐẠI DIỆN CÁC HỘ'), sign('THƯ KÝ'), sign('CHỦ TRÌ', d.chair)] })] }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
