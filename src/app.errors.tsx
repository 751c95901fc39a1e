/** @jsxImportSource hono/jsx */
import { foreignKeyViolation, isBadCharacter, isDatabaseUnavailable, isDiskFull, isUniqueViolation } from './db/dialect.js';
import { tableLabel } from './features/units/units.references.js';
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from './lib/errors.js';
import { ForbiddenError, HiddenError } from './policy/policy.js';
import { audit } from './features/audit/audit.service.js';
import { DEFAULT_SITE, getSiteSettings } from './features/settings/settings.service.js';
import type { AppEnv, Ctx } from './web/context.js';
import { PortalLayout, render } from './web/layout.js';

const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có quyền truy cập',
  404: 'Không tìm thấy trang',
  409: 'Xung đột dữ liệu',
  413: 'Dữ liệu gửi lên quá lớn',
  415: 'Định dạng dữ liệu không được hỗ trợ',
  422: 'Dữ liệu chưa hợp lệ',
  429: 'Quá nhiều yêu cầu',
  500: 'Lỗi hệ thống',
  503: 'Hệ thống tạm thời không phục vụ',
  507: 'Hết dung lượng lưu trữ',
};

const wantsJson = (c: Ctx) => c.req.path.startsWith('/api/') || c.req.path === '/healthz' || c.req.path === '/readyz';

/** The database went away (issue #20): the messages, and how many seconds a client should wait before trying again. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu nên chưa thực hiện được yêu cầu này; dữ liệu đã lưu trước đó không bị ảnh hưởng. Vui lòng thử lại sau ít phút.';
export const DISK_FULL_MESSAGE = 'Hết dung lượng đĩa lưu dữ liệu nên thao tác này chưa được lưu (không có gì bị ghi dở). Vui lòng báo quản trị hệ thống giải phóng dung lượng rồi thử lại.';
export const RETRY_AFTER_SECONDS = { 503: 10, 507: 60 } as const;

/**
 * A page that needs nothing from the database (the portal layout reads the site settings and the
 * menu): for the answers given because the database cannot serve, and when the layout itself fails.
 */
function bareErrorPage(c: Ctx, status: keyof typeof TITLES, message: string) {
  const a = c.var.deps.assets;
  return render(
    c,
    <html lang="vi">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{TITLES[status]}</title>
        <link rel="stylesheet" href={a.url('app.css')} />
        <link rel="icon" href={a.url('favicon.svg')} type="image/svg+xml" />
      </head>
      <body class="portal">
        <main id="noi-dung" class="wrap portal-main">
          <h1>{TITLES[status]}</h1>
          <p>{message}</p>
          <p>
            {c.req.method === 'GET' ? (
              <>
                <a href={new URL(c.req.url).pathname + new URL(c.req.url).search}>Thử lại</a>
                {' · '}
              </>
            ) : null}
            <a href="/">Về trang chủ</a>
          </p>
        </main>
      </body>
    </html>,
    status as 400,
  );
}

async function errorPage(c: Ctx, status: keyof typeof TITLES, message: string) {
  // the database cannot serve: do not ask it for the layout (each try would wait its connect timeout)
  if (status === 503 || status === 507) return bareErrorPage(c, status, message);
  let site = DEFAULT_SITE;
  try {
    site = await getSiteSettings(c.var.deps.db.db);
  } catch {
    /* the database may be the problem: show the page anyway */
  }
  try {
    return await render(
      c,
      <PortalLayout c={c} site={site} title={TITLES[status]}>
        <h1>{TITLES[status]}</h1>
        <p>{message}</p>
        <p>
          {status === 401 ? <a href={`/dang-nhap?tiep=${encodeURIComponent(c.req.path)}`}>Đăng nhập</a> : <a href="/">Về trang chủ</a>}
        </p>
      </PortalLayout>,
      status as 400,
    );
  } catch {
    // the layout's menu comes from the database too
    return bareErrorPage(c, status, message);
  }
}

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) => {
  const message = 'Trang hoặc dữ liệu bạn tìm không tồn tại hoặc đã được chuyển đi.';
  if (wantsJson(c)) return c.json({ error: { code: 'not_found', message } }, 404);
  return errorPage(c, 404, message);
};

const FK_TABLES: Record<string, string> = { units: 'đơn vị', users: 'tài khoản', files: 'tệp', categories: 'chuyên mục', campaigns: 'chủ đề năm', models: 'mô hình', clearance_projects: 'dự án GPMB', clearance_households: 'hộ dân GPMB' };
const labelOf = (table: string) => FK_TABLES[table] ?? tableLabel(table) ?? `bảng ${table}`;

function foreignKeyMessage(fk: { referencedBy?: string; missingIn?: string }): string {
  if (fk.referencedBy) return `Không thể xóa hoặc đổi bản ghi này vì đang có ${labelOf(fk.referencedBy)} tham chiếu đến nó. Hãy gỡ các tham chiếu đó trước (hoặc dùng "Ngừng hoạt động").`;
  if (fk.missingIn) return `Dữ liệu tham chiếu đến ${labelOf(fk.missingIn)} không còn tồn tại (có thể vừa bị xóa). Vui lòng tải lại và thử lại.`;
  return 'Không thể thực hiện vì bản ghi này đang được bản ghi khác tham chiếu đến (hoặc tham chiếu đến bản ghi không còn tồn tại). Hãy gỡ các tham chiếu trước (hoặc dùng "Ngừng hoạt động").';
}

/** Every error ends here: ours become a Vietnamese answer with their status; others a 500. */
export const errorHandler: ErrorHandler<AppEnv> = async (err, c) => {
  let e: AppError;
  let fk: ReturnType<typeof foreignKeyViolation>;
  if (err instanceof AppError) e = err;
  else if (err instanceof HTTPException && err.status === 413) e = new AppError(413, 'payload_too_large', 'Dữ liệu gửi lên quá lớn.');
  else if (err instanceof HTTPException && err.status < 500) e = new AppError(400, 'bad_request', 'Yêu cầu không hợp lệ.');
  // two writes racing for one code (automatic codes, concurrent creation): the loser is told, not a 500
  else if (isUniqueViolation(err)) e = new AppError(409, 'conflict', 'Dữ liệu trùng với một bản ghi vừa được lưu cùng lúc (ví dụ cùng mã). Vui lòng thử lại.');
  // a row still referred to (a delete) or a reference to a row gone meanwhile: a conflict, never a 500
  else if ((fk = foreignKeyViolation(err))) e = new AppError(409, 'conflict', foreignKeyMessage(fk));
  else if (isBadCharacter(err)) e = new AppError(400, 'bad_character', 'Dữ liệu gửi lên chứa ký tự không hợp lệ (ví dụ ký tự NUL).');
  // the disk under the database is full: the transaction was rolled back, nothing is half-written
  else if (isDiskFull(err)) {
    c.var.deps?.logger.error({ code: (err as { code?: unknown }).code, path: c.req.path, method: c.req.method }, 'hết dung lượng đĩa của cơ sở dữ liệu');
    e = new AppError(507, 'disk_full', DISK_FULL_MESSAGE);
  }
  // the database cannot be reached (stopped, restarting, cut off, no connection in time): 503, try later
  else if (isDatabaseUnavailable(err)) {
    const x = err as { code?: unknown; message?: unknown };
    c.var.deps?.logger.warn({ code: x.code, error: String(x.message), path: c.req.path, method: c.req.method }, 'không kết nối được cơ sở dữ liệu');
    e = new AppError(503, 'database_unavailable', DATABASE_UNAVAILABLE_MESSAGE);
  } else {
    c.var.deps?.logger.error({ err, path: c.req.path, method: c.req.method }, 'lỗi không mong đợi');
    e = new AppError(500, 'internal', 'Đã có lỗi xảy ra phía máy chủ. Vui lòng thử lại sau; nếu vẫn lỗi, hãy báo quản trị hệ thống.');
  }
  if ((err instanceof ForbiddenError || err instanceof HiddenError) && c.var.actor) {
    try {
      await audit(c.var.deps.db.db, c.var.actor, {
        action: err.action,
        entityType: err.resource.entityType ?? 'route',
        entityId: err.resource.entityId ?? `${c.req.method} ${c.req.path}`,
        outcome: 'denied',
      });
    } catch (auditErr) {
      c.var.deps.logger.error({ err: auditErr }, 'không ghi được nhật ký từ chối');
    }
  }
  if (e.status === 429) c.header('Retry-After', '900');
  if (e.status === 503 || e.status === 507) c.header('Retry-After', String(RETRY_AFTER_SECONDS[e.status]));
  if (wantsJson(c)) {
    return c.json({ error: { code: e.id, message: e.message, ...(e.issues.length ? { issues: e.issues, field: e.issues[0]?.field } : {}) } }, e.status);
  }
  if (e.status === 401 && c.req.method === 'GET') {
    const u = new URL(c.req.url);
    return c.redirect(`/dang-nhap?tiep=${encodeURIComponent(u.pathname + u.search)}`, 302);
  }
  return errorPage(c, e.status, e.issues.length ? e.issues.map((i) => i.message).join('; ') : e.message);
};
