/** @jsxImportSource hono/jsx */
/**
 * "Thông báo": the outcomes of what the user sent, newest first. A notice is marked read when it
 * is opened (a POST: no GET changes anything) or when the user marks them all read.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { parseId } from '../../lib/validation.js';
import { notFound } from '../../lib/errors.js';
import { formatDateTime, formatNumber } from '../../lib/vi.js';
import { inTx, type AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, Csrf, Pager, render } from '../../web/layout.js';
import { pageParam } from '../../web/api.js';
import { markNoticesRead, myNotices, openNotice, outbox, resendMail, unreadNotices } from './notices.service.js';
import { MAIL_STATUS_LABELS, type MailStatus } from './notices.table.js';

/** Puts the signed-in user's unread count on the request, for the admin header. */
export const unreadCount: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.var.actor;
  if (actor && c.req.method === 'GET') c.set('unreadNotices', await unreadNotices(c.var.deps.db.db, actor));
  return next();
};

/** Only links inside the admin or the portal are followed from a notice. */
const safeUrl = (u: string) => (u.startsWith('/') && !u.startsWith('//') && !u.includes('\\') ? u : '/quan-tri');

export const noticesAdmin = new Hono<AppEnv>()
  .get('/thong-bao', async (c) => {
    const actor = pageActor(c);
    const page = pageParam(c.req.query('trang'));
    const n = await myNotices(c.var.deps.db.db, actor, page);
    return render(
      c,
      <AdminLayout c={c} title="Thông báo" active="thong-bao">
        <p class="muted">
          <a href="/quan-tri/thong-bao/cach-nhan">Cách nhận thông báo</a> — chọn loại nào gửi thư ngay, gộp vào bản tin hằng ngày, hoặc không gửi thư.
        </p>
        <p>
          {n.total ? `${formatNumber(n.total)} thông báo, ${formatNumber(n.unread)} chưa đọc.` : 'Chưa có thông báo nào. Kết quả xử lý những gì bạn gửi (mô hình, báo cáo, bài viết, hồ sơ GPMB) sẽ hiện ở đây.'}
        </p>
        {n.unread ? (
          <form method="post" action="/quan-tri/thong-bao/doc-het" class="inline">
            <Csrf c={c} />
            <button type="submit">Đánh dấu tất cả đã đọc</button>
          </form>
        ) : null}
        <ul class="notices">
          {n.items.map((x) => (
            <li class={x.read ? 'notice' : 'notice unread'}>
              <form method="post" action={`/quan-tri/thong-bao/${x.id}`} class="inline">
                <Csrf c={c} />
                <button type="submit" class="link">
                  {x.read ? '' : <b>Mới · </b>}
                  {x.title}
                </button>
              </form>
              {x.body ? <p class="notice-body">{x.body}</p> : null}
              <p class="muted">
                {x.kindLabel} · {formatDateTime(x.createdAt)}
                {x.from ? ` · ${x.from}` : ''}
              </p>
            </li>
          ))}
        </ul>
        <Pager page={n.page} pageSize={n.pageSize} total={n.total} href={(p) => `/quan-tri/thong-bao?trang=${p}`} />
      </AdminLayout>,
    );
  })
  .post('/thong-bao/doc-het', async (c) => {
    const actor = pageActor(c);
    await inTx(c, (trx) => markNoticesRead(trx, actor, 'all'));
    return c.redirect('/quan-tri/thong-bao', 303);
  })
  .post('/thong-bao/:id', async (c) => {
    const actor = pageActor(c);
    const id = parseId(c.req.param('id'));
    if (!id) throw notFound('Không tìm thấy thông báo.');
    const n = await inTx(c, (trx) => openNotice(trx, actor, id));
    return c.redirect(safeUrl(n.url), 303);
  })
  .get('/thu-di', async (c) => {
    const actor = pageActor(c);
    const asked = c.req.query('trang_thai');
    const status = asked && Object.hasOwn(MAIL_STATUS_LABELS, asked) ? (asked as MailStatus) : undefined;
    const o = await outbox(c.var.deps.db.db, actor, { status, page: pageParam(c.req.query('trang')) });
    const configured = Boolean(c.var.deps.config.smtpUrl);
    const link = (s: MailStatus | '') => `/quan-tri/thu-di${s ? `?trang_thai=${s}` : ''}`;
    return render(
      c,
      <AdminLayout c={c} title="Thư đi" active="thu-di">
        {configured ? null : (
          <p class="error-summary" role="status">
            Chưa cấu hình máy chủ thư (KHEO_SMTP_URL): Khéo chưa gửi thư nào, thông báo chỉ hiện trong trang quản trị.
          </p>
        )}
        <p>
          <a href={link('')}>Tất cả</a>
          {(Object.keys(MAIL_STATUS_LABELS) as MailStatus[]).map((s) => (
            <>
              {' · '}
              <a href={link(s)} aria-current={status === s ? 'page' : undefined}>
                {MAIL_STATUS_LABELS[s]}: {formatNumber(o.counts[s])}
              </a>
            </>
          ))}
        </p>
        {o.items.length ? (
          <div class="card table-scroll">
            <table class="responsive">
              <thead>
                <tr>
                  <th>Lúc tạo</th>
                  <th>Người nhận</th>
                  <th>Tiêu đề</th>
                  <th>Trạng thái</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {o.items.map((m) => (
                  <tr class={m.status === 'failed' ? 'warn' : ''}>
                    <td data-label="Lúc tạo">{formatDateTime(m.createdAt)}</td>
                    <td data-label="Người nhận">{m.to}</td>
                    <td data-label="Tiêu đề">
                      {m.subject}
                      <span class="muted"> · {m.kindLabel}</span>
                    </td>
                    <td data-label="Trạng thái">
                      {m.statusLabel}
                      {m.status === 'sent' && m.sentAt ? ` lúc ${formatDateTime(m.sentAt)}` : ''}
                      {m.status === 'waiting' && m.attempts ? ` (đã thử ${formatNumber(m.attempts)} lần, thử lại lúc ${formatDateTime(m.dueAt)})` : ''}
                      {m.lastError ? <p class="muted">Máy chủ thư trả lời: {m.lastError}</p> : null}
                    </td>
                    <td>
                      {m.status === 'failed' ? (
                        <form method="post" action={`/quan-tri/thu-di/${m.id}/gui-lai`} class="inline">
                          <Csrf c={c} />
                          <button type="submit" class="secondary">
                            Gửi lại
                          </button>
                        </form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Không có thư nào{status ? ` ở trạng thái "${MAIL_STATUS_LABELS[status].toLowerCase()}"` : ''}.</p>
        )}
        <Pager page={o.page} pageSize={o.pageSize} total={o.total} href={(p) => `${link(status ?? '')}${status ? '&' : '?'}trang=${p}`} />
      </AdminLayout>,
    );
  })
  .post('/thu-di/:id/gui-lai', async (c) => {
    const actor = pageActor(c);
    const id = parseId(c.req.param('id'));
    if (!id) throw notFound('Không tìm thấy thư này trong hộp thư đi.');
    await inTx(c, (trx) => resendMail(trx, actor, id));
    return c.redirect('/quan-tri/thu-di?trang_thai=waiting&thongbao=da-luu', 303);
  });
