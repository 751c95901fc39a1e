/** @jsxImportSource hono/jsx */
import { foreignKeyViolation, isBadCharacter, isUniqueViolation } from '../db/dialect.js';
import { tableLabel } from '../features/units/units.references.js';
import type { ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../lib/errors.js';
import { ForbiddenError, HiddenError } from '../features/accounts/policy.js';
import { audit } from '../features/audit/audit.service.js';
import { DEFAULT_SITE, getSiteSettings } from '../features/settings/settings.service.js';
import type { AppEnv, Ctx } from './context.js';
import { PortalLayout, render } from './layout.js';

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
};

const wantsJson = (c: Ctx) => c.req.path.startsWith('/api/') || c.req.path === '/healthz';

async function errorPage(c: Ctx, status: keyof typeof TITLES, message: string) {
  let site = DEFAULT_SITE;
  try {
    site = await getSiteSettings(c.var.deps.db.db);
  } catch {
    /* the database may be the problem: show the page anyway */
  }
  return render(
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
  else {
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
  if (wantsJson(c)) {
    return c.json({ error: { code: e.id, message: e.message, ...(e.issues.length ? { issues: e.issues, field: e.issues[0]?.field } : {}) } }, e.status);
  }
  if (e.status === 401 && c.req.method === 'GET') {
    const u = new URL(c.req.url);
    return c.redirect(`/dang-nhap?tiep=${encodeURIComponent(u.pathname + u.search)}`, 302);
  }
  return errorPage(c, e.status, e.issues.length ? e.issues.map((i) => i.message).join('; ') : e.message);
};
