/**
 * Makes the PDF files of the demo's Long Biên documents (src/features/demo/files/*.pdf): one page
 * each in the layout of a Party or State document — issuing body, number, place and date, kind,
 * the "trích yếu" — marked as an illustration. The demo's documents are partly invented (the seed
 * article names only plan 18-KH/QU), so the files say that they are not the original text.
 *
 * Written as DOCX with the `docx` library, turned into PDF by LibreOffice (headless); the PDFs are
 * committed, so neither is needed at run time. Run again after changing demoDocuments():
 *   npx tsx scripts/demo-document-files.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType, type ParagraphChild } from 'docx';
import { none, noBorders, page, para, placeAndDate, run, styles } from '../src/lib/docx.js';
import { demoDocuments, demoDocumentFileName } from '../src/features/demo/demo.campaign.js';
import { formatDate } from '../src/lib/vi.js';

const OUT = new URL('../src/features/demo/files/', import.meta.url);

/** The body above and the issuing body as the header writes them, and whether it is a Party body. */
const ISSUERS: Record<string, { superior: string; body: string; party: boolean; signer: string }> = {
  'Quận ủy Long Biên': { superior: 'Đảng bộ thành phố Hà Nội', body: 'Quận ủy Long Biên', party: true, signer: 'T/M BAN THƯỜNG VỤ' },
  'Ban Dân vận Quận ủy Long Biên': { superior: 'Quận ủy Long Biên', body: 'Ban Dân vận', party: true, signer: 'TRƯỞNG BAN' },
  'UBND quận Long Biên': { superior: 'UBND thành phố Hà Nội', body: 'Ủy ban nhân dân quận Long Biên', party: false, signer: 'TM. ỦY BAN NHÂN DÂN' },
};

const KIND_TITLES: Record<string, string> = { KH: 'KẾ HOẠCH', HD: 'HƯỚNG DẪN', CV: 'CÔNG VĂN', TB: 'THÔNG BÁO', NQ: 'NGHỊ QUYẾT', KL: 'KẾT LUẬN' };

const center = (children: ParagraphChild[], after = 0) => para(children, { align: AlignmentType.CENTER, after });

function header(d: ReturnType<typeof demoDocuments>[number]): Table {
  const who = ISSUERS[d.issuer];
  if (!who) throw new Error(`Chưa có cách viết phần đầu cho cơ quan "${d.issuer}"`);
  const cell = (children: Paragraph[], pct: number) => new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: { top: none, bottom: none, left: none, right: none } });
  const right = who.party
    ? [center([run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, size: 14, underline: true })], 120)]
    : [center([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 })]), center([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14 })]), center([run('———————————', { size: 13 })], 120)];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              center([run(who.superior.toUpperCase(), { size: 13 })]),
              center([run(who.body.toUpperCase(), { bold: true, size: 13 })]),
              center([run(who.party ? '*' : '———', { size: 13 })], 60),
              center([run(`Số ${d.number}`, { size: 13 })]),
            ],
            45,
          ),
          cell([...right, center([run(placeAndDate('Long Biên', d.date), { italics: true, size: 14 })])], 55),
        ],
      }),
    ],
  });
}

async function docx(d: ReturnType<typeof demoDocuments>[number]): Promise<Buffer> {
  const who = ISSUERS[d.issuer]!;
  const doc = new Document({
    styles,
    sections: [
      {
        properties: { page },
        children: [
          header(d),
          new Paragraph({ text: '' }),
          center([run(KIND_TITLES[d.kind] ?? d.kind, { bold: true, size: 15 })], 60),
          center([run(d.title, { bold: true, size: 14 })], 240),
          para([run('Bản minh họa trong dữ liệu mẫu của Khéo.', { italics: true })], { indent: true }),
          para(
            [
              run(
                `Tệp này thay cho bản văn bản số ${d.number} ngày ${formatDate(d.date)} của ${d.issuer} trong dữ liệu mẫu, để thử việc công khai và tải văn bản trên cổng thông tin. ` +
                  'Nội dung văn bản gốc không có trong dữ liệu mẫu; trang này chỉ ghi số, ký hiệu, ngày ban hành, cơ quan ban hành, lĩnh vực và trích yếu như sổ văn bản của Khéo.',
              ),
            ],
            { indent: true },
          ),
          para([run('Lĩnh vực: ', { bold: true }), run(d.field)], { indent: true }),
          new Paragraph({ text: '' }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            borders: noBorders,
            rows: [
              new TableRow({
                children: [
                  new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: [para([run('Nơi nhận:', { bold: true, italics: true, size: 12 })], { align: AlignmentType.LEFT, after: 0 }), para([run('- Như trên;', { size: 11 })], { align: AlignmentType.LEFT, after: 0 }), para([run('- Lưu Văn phòng.', { size: 11 })], { align: AlignmentType.LEFT, after: 0 })] }),
                  new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children: [center([run(who.signer, { bold: true, size: 13 })], 1200), center([run('(dữ liệu mẫu)', { italics: true, size: 13 })])] }),
                ],
              }),
            ],
          }),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const work = mkdtempSync(join(tmpdir(), 'kheo-demo-docs-'));
try {
  for (const d of demoDocuments()) writeFileSync(join(work, demoDocumentFileName(d.number).replace(/\.pdf$/, '.docx')), await docx(d));
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, ...readdirSync(work).filter((f) => f.endsWith('.docx')).map((f) => join(work, f))], { stdio: 'inherit' });
  for (const d of demoDocuments()) {
    const name = demoDocumentFileName(d.number);
    writeFileSync(new URL(name, OUT), readFileSync(join(work, name)));
    console.log(`${name}: ${readFileSync(join(work, name)).length} byte`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
