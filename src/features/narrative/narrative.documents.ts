/**
 * The narrative report as a file: Markdown, a standalone HTML page, and a Word document in the
 * Party's format (Hướng dẫn 36-HD/VPTW): A4, margins 20/20/30/15 mm, Times New Roman; a borderless
 * two-column header (superior body, issuing committee in bold, "*", number | "ĐẢNG CỘNG SẢN VIỆT
 * NAM" with a rule, place and date in italics); "BÁO CÁO" and the title; body 14, justified,
 * first-line indent 1,27 cm; "Nơi nhận:" and the signature block.
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, WidthType, convertMillimetersToTwip, type ParagraphChild } from 'docx';
import { none, page, placeAndDate, run, styles } from '../../lib/docx.js';
import { escapeHtml } from './narrative.facts.js';
import type { NarrativeReport } from './narrative.service.js';

const line = (children: ParagraphChild[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; before?: number; indent?: boolean; rule?: boolean } = {}) =>
  new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: o.after ?? 0, before: o.before ?? 0, line: 300 },
    ...(o.indent ? { indent: { firstLine: convertMillimetersToTwip(12.7) } } : {}),
  });
const noBorders = { top: none, bottom: none, left: none, right: none };
const cell = (children: Paragraph[], pct: number) => new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: noBorders });
// `cantSplit`: the recipients and the signature stay together on one page (a full last page moves them both to the next)
const table = (cells: TableCell[], o: { cantSplit?: boolean } = {}) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: { ...noBorders, insideHorizontal: none, insideVertical: none }, rows: [new TableRow({ children: cells, cantSplit: o.cantSplit ?? false })] });

/** "Số 123-BC/QU"; with no number, room to write it by hand. */
const numberLine = (r: NarrativeReport) => `Số ${r.header.number || '\u00a0\u00a0\u00a0\u00a0\u00a0'}-${r.header.symbol}`;

export async function reportDocx(r: NarrativeReport): Promise<Buffer> {
  const h = r.header;
  const C = AlignmentType.CENTER;
  const header = table([
    cell(
      [
        ...(h.superior ? [line([run(h.superior.toUpperCase())], { align: C })] : []),
        line([run(h.body.toUpperCase(), { bold: true })], { align: C }),
        line([run('*')], { align: C }),
        line([run(numberLine(r))], { align: C }),
      ],
      45,
    ),
    cell(
      [
        // the national Party line, caps 15 bold, with a rule below
        new Paragraph({ alignment: C, children: [run('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true, size: 15 })], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } } }),
        line([run(placeAndDate(h.place, r.date), { italics: true })], { align: C, before: 120 }),
      ],
      55,
    ),
  ]);
  const recipients = [line([run('Nơi nhận:', { underline: true, size: 14 })]), ...h.recipients.map((x) => line([run(`- ${x}`, { size: 12 })], { align: AlignmentType.LEFT }))];
  const signature = [
    ...(h.signFor ? [line([run(h.signFor.toUpperCase(), { bold: true })], { align: C })] : []),
    ...(h.signTitle ? [line([run(h.signTitle.toUpperCase(), { bold: true })], { align: C })] : []),
    line([run('')], { align: C, after: 1400 }),
    line([run(h.signer, { bold: true })], { align: C }),
  ];
  const doc = new Document({
    creator: 'Khéo',
    title: r.title,
    description: `Báo cáo ${r.title}, số liệu đến ngày ${r.through}`,
    styles,
    sections: [
      {
        properties: { page },
        children: [
          header,
          line([run('BÁO CÁO', { bold: true, size: 16 })], { align: C, before: 360 }),
          line([run(r.title, { bold: true })], { align: C }),
          line([run('-----')], { align: C, after: 240 }),
          ...r.paragraphs.map((p) => line([run(p)], { indent: true, after: 120 })),
          new Paragraph({ children: [], spacing: { after: 240 } }),
          table([cell(recipients, 50), cell(signature, 50)], { cantSplit: true }),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

export function reportMarkdown(r: NarrativeReport): string {
  const h = r.header;
  return [
    h.superior ? h.superior.toUpperCase() : '',
    `**${h.body.toUpperCase()}**`,
    '*',
    numberLine(r),
    '',
    '**ĐẢNG CỘNG SẢN VIỆT NAM**',
    `*${placeAndDate(h.place, r.date)}*`,
    '',
    '# BÁO CÁO',
    '',
    `## ${r.title}`,
    '',
    ...r.paragraphs.flatMap((p) => [p, '']),
    '**Nơi nhận:**',
    ...h.recipients.map((x) => `- ${x}`),
    '',
    [h.signFor, h.signTitle].filter(Boolean).map((x) => `**${x.toUpperCase()}**`).join('  \n'),
    '',
    h.signer ? `**${h.signer}**` : '',
    '',
  ]
    .filter((x, i, a) => !(x === '' && a[i - 1] === ''))
    .join('\n');
}

const esc = escapeHtml;

/** The report body with each figure linked to its list (the admin preview), or plain (a file). */
export function reportHtmlBody(r: NarrativeReport, o: { links: boolean }): string {
  const h = r.header;
  const paragraphs = o.links ? r.htmlParagraphs : r.paragraphs.map(esc);
  return `<div class="party-report">
<table class="party-header"><tr>
<td>${h.superior ? `<div>${esc(h.superior.toUpperCase())}</div>` : ''}<div><b>${esc(h.body.toUpperCase())}</b></div><div>*</div><div>${esc(numberLine(r))}</div></td>
<td><div class="party-line"><b>ĐẢNG CỘNG SẢN VIỆT NAM</b></div><div><i>${esc(placeAndDate(h.place, r.date))}</i></div></td>
</tr></table>
<h1>BÁO CÁO</h1>
<h2>${o.links ? r.htmlTitle : esc(r.title)}</h2>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
<table class="party-footer"><tr>
<td><u>Nơi nhận:</u>${h.recipients.map((x) => `<div>- ${esc(x)}</div>`).join('')}</td>
<td>${[h.signFor, h.signTitle].filter(Boolean).map((x) => `<div><b>${esc(x.toUpperCase())}</b></div>`).join('')}<div class="sign-space"></div><div><b>${esc(h.signer)}</b></div></td>
</tr></table>
</div>`;
}

/** A standalone HTML file of the report. */
export function reportHtmlFile(r: NarrativeReport): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>
body { font-family: "Times New Roman", serif; font-size: 14pt; max-width: 165mm; margin: 20mm auto; line-height: 1.5; }
.party-header, .party-footer { width: 100%; border-collapse: collapse; }
.party-header td, .party-footer td { vertical-align: top; text-align: center; width: 50%; }
.party-footer td:first-child { text-align: left; font-size: 12pt; }
.party-line { border-bottom: 1px solid #000; display: inline-block; padding-bottom: 2px; }
h1 { font-size: 16pt; text-align: center; margin: 24px 0 0; }
h2 { font-size: 14pt; text-align: center; margin: 0 0 18px; }
p { text-align: justify; text-indent: 1.27cm; margin: 0 0 6pt; }
.sign-space { height: 70px; }
</style></head>
<body>
${reportHtmlBody(r, { links: false })}
</body></html>
`;
}
