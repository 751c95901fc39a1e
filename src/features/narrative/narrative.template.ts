/**
 * The report's wording lives in a template an officer can edit: plain paragraphs separated by a
 * blank line, `{{mo_hinh.tong}}` for figures and lists, `{{#if khen_thuong.tong}}…{{else}}…{{/if}}`
 * for parts that depend on the data (a paragraph that comes out empty is left out). Handlebars
 * does the work; before use, the template is parsed and every name checked against the facts, so a
 * typo is a Vietnamese error naming the line, not a blank in a signed report.
 */
import Handlebars from 'handlebars';
import { badInput } from '../../lib/errors.js';
import { Fig, Txt, placeholderList, type ReportFacts } from './narrative.facts.js';

/** The built-in title: the seed's. */
export const DEFAULT_TITLE = 'Kết quả {{ky}} thực hiện chủ đề “{{chu_de}}” của {{don_vi_trong_cau}}';

/** The built-in body: the seed article's structure, every figure a name. */
export const DEFAULT_BODY = `{{#if ke_hoach.so}}Thực hiện Kế hoạch số {{ke_hoach.so}} ngày {{ke_hoach.ngay}} của {{cap_uy}} về “{{ke_hoach.trich_yeu}}”; với{{else}}Với{{/if}} sự vào cuộc tích cực của cả hệ thống chính trị, việc thực hiện chủ đề năm {{nam}} trong {{ky}} đã đạt kết quả đáng khích lệ.

{{#if van_ban.so_luong}}Sau khi ban hành kế hoạch, {{cap_uy}} và các cơ quan tiếp tục ban hành {{van_ban.so_luong}} văn bản chỉ đạo, hướng dẫn nhằm thực hiện hiệu quả chủ đề đã đặt ra: {{van_ban.danh_sach}}. {{/if}}{{#if doi_thoai.so_buoi}}Chính quyền các cấp đẩy mạnh tuyên truyền công tác giải phóng mặt bằng, nắm bắt kịp thời các vấn đề phát sinh để chỉ đạo giải quyết; tổ chức {{doi_thoai.so_buoi}} buổi đối thoại với {{doi_thoai.so_nguoi}} lượt hộ dân, tổ chức trong diện giải phóng mặt bằng nhằm tháo gỡ khó khăn, vướng mắc, đảm bảo dự án được triển khai đúng tiến độ. {{/if}}Mặt trận Tổ quốc, các tổ chức chính trị - xã hội phát động các phong trào thi đua, tuyên truyền, vận động hội viên, đoàn viên và Nhân dân thực hiện chủ đề “{{chu_de}}”.

{{#if to_doi.tong}}{{#if co_so}}Khối vận {{co_so}}{{else}}Khối dân vận {{don_vi_trong_cau}}{{/if}} chủ động nắm tình hình tư tưởng Nhân dân, phát huy vai trò của các tổ dân vận ở {{khu_dan_cu}}, đặc biệt là người có uy tín trong cộng đồng để tuyên truyền, vận động Nhân dân. {{#if to_doi.covid.so_to}}Thành lập {{to_doi.covid.so_to}} Tổ Covid cộng đồng với {{to_doi.covid.thanh_vien}} thành viên tham gia tích cực tuyên truyền, giám sát các hộ gia đình thực hiện các biện pháp phòng, chống dịch Covid-19.{{else}}Trên địa bàn có {{to_doi.danh_sach}}.{{/if}}{{/if}}

{{#if hoi_nghi.giao_ban}}{{cap_uy}} tổ chức {{hoi_nghi.danh_sach}} về việc thực hiện chủ đề năm{{#if hoi_nghi.chu_tri}} do {{hoi_nghi.chu_tri}} chủ trì{{/if}}.{{/if}}

{{#if khen_thuong.tong}}Ban Dân vận thành lập tổ thẩm định đánh giá kết quả thực hiện các mô hình thi đua “Dân vận khéo”, đề xuất Hội đồng Thi đua - Khen thưởng ban hành {{khen_thuong.quyet_dinh}} khen thưởng {{khen_thuong.tong}} mô hình tiêu biểu, có sức lan tỏa trong cộng đồng (bao gồm: {{khen_thuong.theo_linh_vuc}}).{{/if}}

Kết quả {{ky}}, có tổng số {{mo_hinh.tong}} mô hình đăng ký thi đua thực hiện chủ đề năm của {{don_vi_trong_cau}}, trong đó có {{mo_hinh.tap_the}} mô hình tập thể, {{mo_hinh.ca_nhan}} mô hình cá nhân{{#if mo_hinh.tong}} ({{mo_hinh.theo_linh_vuc}}){{/if}}{{#if cung_ky.so_sanh_mo_hinh}}, {{cung_ky.so_sanh_mo_hinh}} so với cùng kỳ năm {{cung_ky.nam}} ({{cung_ky.mo_hinh}} mô hình){{/if}}.{{#if nguon_luc.cau}} Thông qua các mô hình, {{nguon_luc.cau}}.{{/if}}{{#if danh_gia.cau}} Đến nay có {{danh_gia.cau}}.{{/if}} Các mô hình tập thể, cá nhân “Dân vận khéo” trên hầu hết các lĩnh vực đời sống - xã hội đã tạo được sự đồng tình hưởng ứng trong Nhân dân, có tác động tích cực đến việc hoàn thành các nhiệm vụ được giao.

{{#if tieu_bieu.so_luong}}Đã xuất hiện nhiều mô hình tiêu biểu của các tập thể, cá nhân: {{tieu_bieu.so_luong}} mô hình được công nhận là mô hình tiêu biểu ({{tieu_bieu.theo_loai}}), như: {{tieu_bieu.danh_sach}}{{#if tieu_bieu.con_lai}} và {{tieu_bieu.con_lai}} mô hình tiêu biểu khác{{/if}}{{#if dia_ban}} trên địa bàn {{dia_ban}}{{/if}}.{{else}}{{#if khen_thuong.tong}}Các mô hình được khen thưởng ({{khen_thuong.theo_loai}}) gồm: {{khen_thuong.danh_sach}}{{#if khen_thuong.con_lai}} và {{khen_thuong.con_lai}} mô hình khác{{/if}}{{#if dia_ban}} trên địa bàn {{dia_ban}}{{/if}}.{{/if}}{{/if}}

Có thể nói, các mô hình thực hiện chủ đề “{{chu_de}}” của {{don_vi_trong_cau}} đã được duy trì thực hiện tốt. Các tập thể, cá nhân tiêu biểu “Dân vận khéo” đã khéo léo, linh hoạt, biết phát huy sức mạnh đại đoàn kết toàn dân, tạo sự đồng thuận cao trong xã hội.{{#if gpmb.so_du_an}} “Dân vận khéo” đã góp phần vận động Nhân dân chấp hành công tác giải phóng mặt bằng thực hiện {{gpmb.so_du_an}} dự án trên địa bàn ({{gpmb.trong_diem}} dự án trọng điểm, {{gpmb.chuyen_tiep}} dự án chuyển tiếp{{#if gpmb.co_tien_do}}; {{gpmb.dung_tien_do}} dự án đảm bảo đúng tiến độ đề ra{{/if}}){{#if gpmb.theo_doi_ho}}, kịp thời phê duyệt phương án cho {{gpmb.phe_duyet}} hộ, chi trả bồi thường cho {{gpmb.da_chi_tra}} hộ dân, {{gpmb.ban_giao}} hộ đã bàn giao mặt bằng{{/if}}, tạo tiền đề để các dự án được triển khai trên địa bàn.{{/if}} Qua đó tạo động lực thúc đẩy hoàn thành các chỉ tiêu kinh tế - xã hội, đảm bảo an ninh chính trị, trật tự an toàn xã hội trên địa bàn./.`;

const hb = Handlebars.create();
/** `if` and `unless` test a figure by its value (0 is "nothing"), a text by its emptiness. */
const truthy = (v: unknown) => (v instanceof Fig ? v.n !== 0 : v instanceof Txt ? !v.empty : Boolean(v));
hb.registerHelper('if', function (this: unknown, v: unknown, options: Handlebars.HelperOptions) {
  return truthy(v) ? options.fn(this) : options.inverse(this);
});
hb.registerHelper('unless', function (this: unknown, v: unknown, options: Handlebars.HelperOptions) {
  return truthy(v) ? options.inverse(this) : options.fn(this);
});
const HELPERS = new Set(['if', 'unless']);

type Node = hbs.AST.Node & Record<string, unknown>;
type Found = { name: string; line: number } | { refused: string; line: number };

/** A plain name: `mo_hinh.tong` — not `this`, `../x`, `@root`, a literal or a helper call. */
const plainName = (p: hbs.AST.Expression): p is hbs.AST.PathExpression => {
  if (p.type !== 'PathExpression') return false;
  const path = p as hbs.AST.PathExpression;
  return !path.data && path.depth === 0 && path.parts.length > 0 && !/^this\b|\.\.|^@/.test(path.original);
};

/**
 * Walks a template and lists every name it uses, or the first construct it may not use. Allowed:
 * text, comments, `{{name}}` (escaped), and `{{#if name}}…{{else}}…{{/if}}` / `{{#unless name}}`.
 * Everything else (triple-stash, literals, sub-expressions, hash arguments, other blocks,
 * partials, `../`, `@root`) is refused, so a saved template always renders, and renders escaped.
 */
function walk(program: hbs.AST.Program): Found[] {
  const out: Found[] = [];
  const visit = (n: Node | null | undefined): void => {
    if (!n) return;
    const line = (n.loc as hbs.AST.SourceLocation | undefined)?.start.line ?? 1;
    switch (n.type) {
      case 'Program':
        for (const s of (n as unknown as hbs.AST.Program).body) visit(s as Node);
        return;
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const m = n as unknown as hbs.AST.MustacheStatement;
        if (!m.escaped) return void out.push({ refused: '{{{…}}} hoặc {{&…}} (chèn nguyên văn, không thoát ký tự)', line });
        if (m.params.length || (m.hash && m.hash.pairs.length) || !plainName(m.path)) return void out.push({ refused: `{{${(m.path as hbs.AST.PathExpression).original ?? '…'} …}}`, line });
        out.push({ name: m.path.original, line });
        return;
      }
      case 'BlockStatement': {
        const b = n as unknown as hbs.AST.BlockStatement;
        const helper = (b.path).original;
        if (!HELPERS.has(helper) || b.params.length !== 1 || (b.hash && b.hash.pairs.length) || !plainName(b.params[0]!)) return void out.push({ refused: `{{#${helper ?? '…'} …}}`, line });
        out.push({ name: (b.params[0]).original, line });
        visit(b.program as unknown as Node);
        visit(b.inverse as unknown as Node);
        return;
      }
      default:
        out.push({ refused: n.type === 'PartialStatement' || n.type === 'PartialBlockStatement' ? '{{> …}}' : 'cú pháp này', line });
    }
  };
  visit(program as unknown as Node);
  return out;
}

/** A small cache by template text (the same few templates render again and again); the oldest entry goes first. */
function cached<V>(max: number): (key: string, make: () => V) => V {
  const m = new Map<string, V>();
  return (key, make) => {
    let v = m.get(key);
    if (v === undefined) {
      v = make();
      if (m.size >= max) m.delete(m.keys().next().value!);
      m.set(key, v);
    }
    return v;
  };
}
const walked = cached<Found[] | Error>(100);
const compiled = cached<HandlebarsTemplateDelegate>(200);
const knownNames = new WeakMap<ReportFacts, Set<string>>();

/** Parses and checks a template against the names the facts offer; 422 naming the field and line. */
export function checkTemplate(field: 'title' | 'body', label: string, source: string, facts: ReportFacts): void {
  const found = walked(source, () => {
    try {
      return walk(hb.parse(source));
    } catch (e) {
      return e as Error;
    }
  });
  if (found instanceof Error) {
    const line = /line (\d+)/.exec(String(found.message))?.[1];
    throw badInput([{ field, message: `${label}${line ? `, dòng ${line}` : ''}: sai cú pháp — kiểm tra các cặp {{ }}, {{#if …}} … {{/if}}` }]);
  }
  let known = knownNames.get(facts);
  if (!known) knownNames.set(facts, (known = new Set(placeholderList(facts).map((p) => p.name))));
  for (const u of found) {
    if ('refused' in u) throw badInput([{ field, message: `${label}, dòng ${u.line}: không dùng được ${u.refused} — chỉ có {{tên trường}}, {{#if tên trường}} … {{else}} … {{/if}} và {{#unless …}}` }]);
    if (!known.has(u.name)) {
      const near = [...known].filter((k) => k.split('.')[0] === u.name.split('.')[0]).slice(0, 6);
      throw badInput([{ field, message: `${label}, dòng ${u.line}: không có trường {{${u.name}}}${near.length ? ` — có thể là: ${near.map((k) => `{{${k}}}`).join(', ')}` : ''}` }]);
    }
  }
}

/** Renders a checked template; `html` escapes the wording and links every figure. A failure is a 422, never a 500. */
export function renderTemplate(source: string, facts: ReportFacts, mode: 'text' | 'html'): string {
  const src = mode === 'html' ? source.replace(/[&<>]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[ch]!) : source;
  try {
    const render = compiled(`${mode}\n${src}`, () => hb.compile(src, { strict: true, knownHelpersOnly: true, knownHelpers: { if: true, unless: true }, noEscape: mode === 'text' }));
    return render(facts);
  } catch {
    throw badInput([{ field: 'body', message: 'Mẫu báo cáo: không viết được báo cáo theo mẫu này — hãy sửa mẫu hoặc dùng lại mẫu có sẵn' }]);
  }
}

/** The paragraphs of rendered text: blank lines separate them; empty ones (a false condition) are left out. */
export const paragraphsOf = (rendered: string): string[] =>
  rendered
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').replace(/ {2,}/g, ' ').trim())
    .filter(Boolean);
