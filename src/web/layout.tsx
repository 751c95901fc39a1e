/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { UserActor } from '../policy/policy.js';
import { can, inSubtree, type Action } from '../policy/policy.js';
import type { FieldIssue } from '../lib/errors.js';
import { formatNumber } from '../lib/vi.js';
import type { Ctx } from './context.js';

/** Renders a full HTML document with the doctype and a status. */
export async function render(c: Ctx, node: Child, status: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503 | 507 = 200): Promise<Response> {
  const body = await Promise.resolve(String(await (node as { toString(): string | Promise<string> }).toString()));
  return c.html(`<!DOCTYPE html>${body}`, status);
}

function Head({ c, title, extra }: { c: Ctx; title: string; extra?: Child }) {
  const a = c.var.deps.assets;
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="htmx-config" content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}' />
      <title>{title}</title>
      <link rel="stylesheet" href={a.url('app.css')} />
      <link rel="stylesheet" href={a.url('print.css')} media="print" />
      <link rel="icon" href={a.url('favicon.svg')} type="image/svg+xml" />
      {extra}
      <script src={a.url('htmx.min.js')} defer></script>
      {/* not deferred: it puts the reader's saved font size and contrast on <html> before the first paint */}
      <script src={a.url('app.js')}></script>
    </head>
  );
}

/** The portal menu: root categories shown in the menu, each with its children as a submenu (no script needed). */
async function PortalMenu({ c }: { c: Ctx }) {
  const tree = await c.var.deps.layout.menu(c.var.deps.db.db);
  return (
    <>
      {tree
        .filter((n) => n.inMenu)
        .map((n) => {
          const kids = n.children.filter((k) => k.inMenu);
          return kids.length ? (
            <div class="menu-group">
              <a href={n.url}>{n.name}</a>
              <ul class="submenu">
                {kids.map((k) => (
                  <li>
                    <a href={k.url}>{k.name}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <a href={n.url}>{n.name}</a>
          );
        })}
    </>
  );
}

/** What the portal's frame shows of the site settings (the settings slice's SiteSettings has these). */
interface SiteFrame {
  siteName: string;
  owner: string;
  address: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
}

export function PortalLayout({ c, site, title, head, children }: { c: Ctx; site: SiteFrame; title?: string; head?: Child; children?: Child }) {
  const actor = c.var.actor;
  return (
    <html lang="vi">
      <Head c={c} title={title ? `${title} — ${site.siteName}` : site.siteName} extra={head} />
      <body class="portal">
        <a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
        <header class="portal-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="emblem" aria-hidden="true">★</span>
              <span>
                <span class="brand-top">Cổng thông tin điện tử</span>
                <span class="brand-name">{site.siteName}</span>
              </span>
            </a>
            <div class="header-tools">
              <form class="site-search" method="get" action="/tim-kiem" role="search" aria-label="Tìm kiếm trên cổng">
                <label for="site-q" class="visually-hidden">
                  Tìm kiếm trên cổng
                </label>
                <input id="site-q" name="q" type="search" placeholder="Tìm bài viết, văn bản, mô hình…" maxlength={200} />
                <button type="submit">Tìm</button>
              </form>
              <div class="reader-tools" role="group" aria-label="Cỡ chữ và độ tương phản" hidden>
                <button type="button" data-reader="smaller" title="Giảm cỡ chữ">
                  A−<span class="visually-hidden"> Giảm cỡ chữ</span>
                </button>
                <button type="button" data-reader="larger" title="Tăng cỡ chữ">
                  A+<span class="visually-hidden"> Tăng cỡ chữ</span>
                </button>
                <button type="button" data-reader="contrast" aria-pressed="false">
                  Tương phản cao
                </button>
              </div>
            </div>
          </div>
          <nav class="portal-nav" aria-label="Chuyên mục">
            <div class="wrap">
              <a href="/">Trang chủ</a>
              <PortalMenu c={c} />
              <a href="/mo-hinh-tieu-bieu">Mô hình khen thưởng</a>
              <a href="/gpmb">Giải phóng mặt bằng</a>
              {actor ? <a href="/quan-tri">Quản trị</a> : <a href="/dang-nhap">Đăng nhập</a>}
            </div>
          </nav>
        </header>
        <main id="noi-dung" class="wrap portal-main">
          {children}
        </main>
        <footer class="portal-footer">
          <div class="wrap">
            <nav class="footer-links" aria-label="Liên kết cuối trang">
              <a href="/van-ban">Văn bản</a>
              <a href="/khen-thuong">Khen thưởng</a>
              <a href="/don-vi">Hệ thống đơn vị</a>
              <a href="/rss.xml">RSS</a>
              <a href="/sitemap.xml">Sơ đồ cổng</a>
            </nav>
            <p class="footer-owner">Bản quyền {site.owner}.</p>
            {site.address ? <p>Địa chỉ: {site.address}</p> : null}
            {site.phone || site.fax ? (
              <p>
                {site.phone ? `Tel: ${site.phone}` : ''}
                {site.phone && site.fax ? ', ' : ''}
                {site.fax ? `Fax: ${site.fax}` : ''}
              </p>
            ) : null}
            {site.email ? (
              <p>
                Email: <a href={`mailto:${site.email}`}>{site.email}</a>
              </p>
            ) : null}
          </div>
        </footer>
      </body>
    </html>
  );
}

interface NavItem {
  href: string;
  label: string;
  /** what the page needs to be opened */
  action: Action;
  /**
   * what the user does there: the entry shows to those allowed one of these. A viewer's work is
   * to follow (`follow`): the entries a viewer reads show to them too.
   */
  acts: Action[];
  follow?: boolean;
  /** the work is done at a campaign's unit (rounds, rewards, leaders' assignments): shown to those whose subtree holds one */
  campaignLevel?: boolean;
  key: string;
  /** "/" for installation-wide pages (top-level admins only) */
  unitPath?: string;
}

/** The admin sidebar: one entry per module; later slices add theirs here. */
const ADMIN_NAV: NavItem[] = [
  { key: 'tong-quan', href: '/quan-tri', label: 'Tổng quan', action: 'admin.enter', acts: ['admin.enter'] },
  { key: 'viec-cua-toi', href: '/quan-tri/viec-cua-toi', label: 'Việc của tôi', action: 'admin.enter', acts: ['admin.enter'] },
  { key: 'chu-de', href: '/quan-tri/chu-de', label: 'Chủ đề năm', action: 'campaign.read', acts: ['campaign.manage'], follow: true, campaignLevel: true },
  { key: 'mo-hinh', href: '/quan-tri/mo-hinh', label: 'Mô hình', action: 'model.read', acts: ['model.edit', 'model.decide'], follow: true },
  { key: 'tham-dinh', href: '/quan-tri/tham-dinh', label: 'Thẩm định', action: 'appraisal.read', acts: ['appraisal.manage', 'appraisal.score', 'reward.decide'], campaignLevel: true },
  { key: 'khen-thuong', href: '/quan-tri/khen-thuong', label: 'Khen thưởng', action: 'appraisal.read', acts: ['appraisal.manage', 'reward.decide'], campaignLevel: true },
  { key: 'thi-dua', href: '/quan-tri/thi-dua', label: 'Thi đua', action: 'appraisal.read', acts: ['appraisal.manage', 'reward.decide'] },
  { key: 'to-doi', href: '/quan-tri/to-doi', label: 'Tổ, đội', action: 'team.read', acts: ['team.manage'] },
  { key: 'gpmb', href: '/quan-tri/gpmb', label: 'Giải phóng mặt bằng', action: 'clearance.read', acts: ['clearance.manage', 'clearance.approve'], follow: true },
  { key: 'bao-cao', href: '/quan-tri/bao-cao', label: 'Báo cáo định kỳ', action: 'report.read', acts: ['report.enter', 'report.approve', 'report.configure'], follow: true },
  { key: 'hoi-nghi', href: '/quan-tri/hoi-nghi', label: 'Hội nghị, kết luận', action: 'meeting.read', acts: ['meeting.manage'], follow: true },
  { key: 'phan-cong', href: '/quan-tri/phan-cong', label: 'Phân công phụ trách', action: 'meeting.read', acts: ['meeting.manage'], follow: true, campaignLevel: true },
  { key: 'kiem-tra', href: '/quan-tri/kiem-tra', label: 'Kiểm tra, giám sát', action: 'meeting.read', acts: ['meeting.manage'], follow: true, campaignLevel: true },
  { key: 'van-de', href: '/quan-tri/van-de', label: 'Vấn đề phát sinh', action: 'meeting.read', acts: ['issue.raise', 'issue.resolve'], follow: true },
  { key: 'nguoi-uy-tin', href: '/quan-tri/nguoi-uy-tin', label: 'Người có uy tín', action: 'team.read', acts: ['team.manage'] },
  { key: 'van-ban', href: '/quan-tri/van-ban', label: 'Văn bản', action: 'document.read', acts: ['document.manage'] },
  { key: 'bai-viet', href: '/quan-tri/bai-viet', label: 'Bài viết', action: 'article.read', acts: ['article.write', 'article.publish'] },
  { key: 'chuyen-muc', href: '/quan-tri/chuyen-muc', label: 'Chuyên mục', action: 'category.manage', acts: ['category.manage'], unitPath: '/' },
  { key: 'don-vi', href: '/quan-tri/don-vi', label: 'Đơn vị', action: 'unit.read', acts: ['unit.create', 'unit.update'] },
  { key: 'tai-khoan', href: '/quan-tri/tai-khoan', label: 'Tài khoản', action: 'user.read', acts: ['user.manage'] },
  { key: 'nhat-ky', href: '/quan-tri/nhat-ky', label: 'Nhật ký hệ thống', action: 'audit.read', acts: ['audit.read'], unitPath: '/' },
  { key: 'thu-di', href: '/quan-tri/thu-di', label: 'Thư đi', action: 'audit.read', acts: ['audit.read'], unitPath: '/' },
  { key: 'du-lieu', href: '/quan-tri/du-lieu', label: 'Nhập / xuất dữ liệu', action: 'bundle.export', acts: ['bundle.import', 'bundle.export'] },
  { key: 'cau-hinh', href: '/quan-tri/cau-hinh', label: 'Cấu hình cổng', action: 'settings.update', acts: ['settings.update'], unitPath: '/' },
];

/**
 * The entries a user sees: those they may open and have something to do on — an action of the
 * entry, or following it as a viewer; work done at a campaign's unit only for those whose subtree
 * holds a campaign's unit (a ward officer has no rounds, rewards or leaders to run).
 */
function navFor(actor: UserActor, campaignUnitPaths: readonly string[]): NavItem[] {
  const atCampaign = campaignUnitPaths.some((p) => inSubtree(actor, p));
  return ADMIN_NAV.filter((n) => {
    const scope = n.unitPath ? { unitPath: n.unitPath } : {};
    if (!can(actor, n.action, scope)) return false;
    const acting = n.acts.some((a) => can(actor, a, scope));
    const following = !!n.follow && actor.roles.includes('viewer');
    if (!acting && !following) return false;
    // a scorer (appraiser) or the council works on rounds wherever they sit; an officer only at a campaign's level
    if (n.campaignLevel && !atCampaign && !(n.key === 'tham-dinh' && can(actor, 'appraisal.score')) && !((n.key === 'tham-dinh' || n.key === 'khen-thuong') && can(actor, 'reward.decide'))) return false;
    return true;
  });
}

const FLASH: Record<string, string> = {
  'da-luu': 'Đã lưu thay đổi.',
  'da-giai-quyet': 'Đã ghi kết quả giải quyết.',
  'da-chuyen-len': 'Đã chuyển vấn đề lên cấp trên.',
  'da-tao': 'Đã tạo mới.',
  'da-xoa': 'Đã xóa.',
  'da-xoa-giai-doan': 'Đã xóa giai đoạn.',
  'da-chuyen': 'Đã chuyển đơn vị.',
  'da-ngung': 'Đã ngừng hoạt động đơn vị.',
  'da-kich-hoat': 'Đã cho hoạt động trở lại.',
  'da-nhap': 'Đã nhập dữ liệu.',
  'da-doi-mat-khau': 'Đã đổi mật khẩu.',
  'da-gui-duyet': 'Đã lưu và gửi bài đi duyệt.',
  'da-dang': 'Đã đăng bài lên cổng.',
  'da-hen-gio': 'Đã hẹn giờ: bài sẽ tự xuất hiện trên cổng vào thời điểm đăng.',
  'da-tra-lai': 'Đã trả bài lại người viết.',
  'da-go': 'Đã gỡ bài khỏi cổng.',
  'da-nop-bao-cao': 'Đã nộp báo cáo. Đơn vị cấp trên sẽ duyệt.',
  'da-duyet-bao-cao': 'Đã duyệt và khóa báo cáo.',
  'da-tao-bai-bao-cao': 'Đã tạo bài viết nháp từ báo cáo. Hãy đọc lại, sửa nếu cần, rồi gửi duyệt hoặc đăng.',
};

export async function AdminLayout({ c, title, active, children }: { c: Ctx; title: string; active: string; children?: Child }) {
  const actor = c.var.actor as UserActor;
  const nav = navFor(actor, await c.var.deps.layout.campaignUnitPaths(c.var.deps.db.db));
  const flash = FLASH[c.req.query('thongbao') ?? ''];
  return (
    <html lang="vi">
      <Head c={c} title={`${title} — Quản trị Khéo`} />
      <body class="admin" hx-headers={JSON.stringify({ 'X-CSRF-Token': c.var.csrfToken ?? '' })}>
        <a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
        <header class="admin-header">
          <a class="brand-admin" href="/quan-tri">Khéo · Quản trị</a>
          <div class="whoami">
            <span title={actor.unitName}>
              {actor.fullName} · {actor.unitName}
            </span>
            <a href="/quan-tri/thong-bao" class={c.var.unreadNotices ? 'notices-link has-unread' : 'notices-link'}>
              Thông báo{c.var.unreadNotices ? <span class="badge" aria-label={`${c.var.unreadNotices} chưa đọc`}>{c.var.unreadNotices}</span> : null}
            </a>
            <a href="/doi-mat-khau">Đổi mật khẩu</a>
            <a href="/">Xem cổng</a>
            <form method="post" action="/dang-xuat" class="inline">
              <input type="hidden" name="_csrf" value={c.var.csrfToken ?? ''} />
              <button type="submit" class="link">Đăng xuất</button>
            </form>
          </div>
        </header>
        <div class="admin-body">
          {/* on a phone the menu folds behind "Menu" (a checkbox and its label: no script needed) */}
          <input type="checkbox" id="menu-mo" class="menu-toggle" aria-controls="menu-quan-tri" />
          <label for="menu-mo" class="menu-button">
            Menu
          </label>
          <nav class="sidebar" id="menu-quan-tri" aria-label="Phân hệ">
            {nav.map((n) => (
              <a href={n.href} class={n.key === active ? 'active' : ''} aria-current={n.key === active ? 'page' : undefined}>
                {n.label}
              </a>
            ))}
          </nav>
          <main id="noi-dung" class="admin-main">
            <h1>{title}</h1>
            {flash ? (
              <p class="flash" role="status">
                {flash}
              </p>
            ) : null}
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}

/** The CSRF hidden field every admin form carries. */
export const Csrf = ({ c }: { c: Ctx }) => <input type="hidden" name="_csrf" value={c.var.csrfToken ?? ''} />;

/** Form-level error summary (GOV.UK style), each linking to its field. */
export function ErrorSummary({ issues, message }: { issues: FieldIssue[]; message?: string | undefined }) {
  if (!issues.length && !message) return null;
  return (
    <div class="error-summary" role="alert" tabindex={-1}>
      {/* a refusal with no field to mend (a 409: the record is in use, or changed meanwhile) is no list of errors to fix */}
      <h2>{issues.length ? 'Chưa lưu được — vui lòng sửa các lỗi sau' : 'Chưa thực hiện được'}</h2>
      {message && !issues.length ? <p>{message}</p> : null}
      <ul>
        {issues.map((i) => (
          <li>
            <a href={`#f-${i.field.replace(/[^\w-]/g, '-')}`}>{i.message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * "12/300 ký tự" under an input or textarea carrying `data-max` and `aria-describedby="<id>-count"`.
 * No `maxlength`: a browser would cut pasted text silently; the server refuses over-limit text
 * with a 422 naming the field, and app.js keeps this count live as the user types.
 */
export function CharCount(props: { id: string; value?: string | null | undefined; max: number }) {
  const len = (props.value ?? '').normalize('NFC').trim().length;
  const over = len > props.max;
  return (
    <p class={over ? 'char-count over' : 'char-count'} id={`${props.id}-count`} data-count-for={props.id}>
      {charCountText(len, props.max)}
    </p>
  );
}

/** The counter's wording; app.js repeats it (keep the two in step). */
export function charCountText(len: number, max: number): string {
  const n = formatNumber;
  return len > max ? `${n(len)}/${n(max)} ký tự — quá ${n(len - max)} ký tự, cần rút gọn` : `${n(len)}/${n(max)} ký tự`;
}

export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, '-')}`;

export function fieldErrorOf(issues: FieldIssue[], name: string): string | undefined {
  return issues.find((i) => i.field === name || i.field.startsWith(`${name}.`) || i.field.startsWith(`${name}[`))?.message;
}

/** A labelled input with its error below, accessible by id. */
export function Field(props: {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  issues: FieldIssue[];
  type?: string;
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputmode?: 'numeric' | 'text' | 'email' | 'tel' | 'decimal';
  /** The server's limit in characters: shown with a live counter, never enforced by truncating. */
  maxChars?: number;
}) {
  const err = fieldErrorOf(props.issues, props.name);
  const id = fieldId(props.name);
  const value = props.value == null ? '' : String(props.value);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {err ? <p class="field-error">{err}</p> : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={value}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        data-max={props.maxChars}
        aria-describedby={props.maxChars ? `${id}-count` : undefined}
        aria-invalid={err ? 'true' : undefined}
      />
      {props.maxChars ? <CharCount id={id} value={value} max={props.maxChars} /> : null}
    </div>
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  value?: string | null | undefined;
  options: { value: string; label: string }[];
  issues: FieldIssue[];
  required?: boolean;
  empty?: string;
  hint?: string;
}) {
  const err = fieldErrorOf(props.issues, props.name);
  const id = fieldId(props.name);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={id}>
        {props.label}
        {props.required ? <span class="req" aria-hidden="true"> *</span> : null}
      </label>
      {props.hint ? <p class="hint">{props.hint}</p> : null}
      {err ? <p class="field-error">{err}</p> : null}
      <select id={id} name={props.name} required={props.required} aria-invalid={err ? 'true' : undefined}>
        {props.empty !== undefined ? <option value="">{props.empty}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Units as select options, indented by depth so the tree shows in a plain <select>. */
export function unitOptions(units: { code: string; name: string; depth: number }[]): { value: string; label: string }[] {
  const base = Math.min(...units.map((u) => u.depth), 0);
  return units.map((u) => ({ value: u.code, label: '\u00a0\u00a0'.repeat(Math.max(0, u.depth - base)) + u.name }));
}

/** A labelled textarea with its error, like Field. */
export function TextAreaField({ name, label, value, issues, hint, rows, maxChars }: { name: string; label: string; value: string; issues: FieldIssue[]; hint?: string | undefined; rows?: number; maxChars?: number }) {
  const err = fieldErrorOf(issues, name);
  const id = fieldId(name);
  return (
    <div class={err ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint">{hint}</p> : null}
      {err ? <p class="field-error">{err}</p> : null}
      <textarea id={id} name={name} rows={rows ?? 3} data-max={maxChars} aria-describedby={maxChars ? `${id}-count` : undefined}>
        {value}
      </textarea>
      {maxChars ? <CharCount id={id} value={value} max={maxChars} /> : null}
    </div>
  );
}

export function Pager({ page, pageSize, total, href }: { page: number; pageSize: number; total: number; href: (p: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  // an address past the end (a hand-edited ?trang=, or the list shrank since): say so and lead back
  if (page > pages)
    return (
      <nav class="pager" aria-label="Phân trang">
        <span>
          Không có trang {page}: danh sách có {pages} trang.
        </span>
        <a href={href(pages)}>{pages > 1 ? `‹ Về trang cuối (${pages})` : '‹ Về trang đầu'}</a>
      </nav>
    );
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Phân trang">
      {page > 1 ? <a href={href(page - 1)}>‹ Trang trước</a> : null}
      <span>
        Trang {page}/{pages}
      </span>
      {page < pages ? <a href={href(page + 1)}>Trang sau ›</a> : null}
    </nav>
  );
}
