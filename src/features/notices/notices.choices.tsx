/** @jsxImportSource hono/jsx */
/**
 * How one wants to hear of each kind of notice ("Cách nhận thông báo"): e-mail at once, in the
 * daily digest, or no e-mail (the notice always shows in Khéo); and the public page of an
 * e-mail's one-click unsubscribe link, which the signature alone authorises (no sign-in: it is
 * opened from a mailbox, perhaps on a phone).
 */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../lib/errors.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, submitForm } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, fieldErrorOf, fieldId, PortalLayout, render } from '../../web/layout.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { confirmationTarget, confirmOwnAddress, noticeChoices, pendingAddress, requestOwnAddress, setNoticeChoices, unsubscribe, unsubscribeTarget } from './notices.service.js';
import { mailAddressOf } from '../accounts/accounts.service.js';
import { NOTICE_MODES, type NoticeMode } from './notices.table.js';
import { CONFIRM_PATH, UNSUBSCRIBE_PATH } from './notices.unsubscribe.js';

const MODES = Object.keys(NOTICE_MODES) as NoticeMode[];
/** The default, said short enough for a phone's select. */
const SHORT: Record<NoticeMode, string> = { now: 'thư ngay', digest: 'bản tin hằng ngày', off: 'không gửi thư' };

type Problem = { issues: FieldIssue[]; message: string; status: 422 | 409 };

/** One's address for e-mail: the one in use, and a box to set another (used once confirmed from its mailbox). */
function AddressForm({ c, current, pending, problem, value }: { c: Ctx; current: string | null; pending: string | null; problem: Problem | undefined; value: string | undefined }) {
  return (
    <section class="card">
      <h2>Địa chỉ nhận thư</h2>
      <p>{current ? <>Thông báo đang gửi tới <b>{current}</b>.</> : 'Tài khoản chưa có địa chỉ thư điện tử: chưa có thư nào được gửi, thông báo chỉ hiện trong Khéo.'}</p>
      {pending ? (
        <p role="status" class="flash">
          Đang chờ xác nhận <b>{pending}</b>: Khéo đã gửi tới địa chỉ này một thư có liên kết xác nhận; địa chỉ mới được dùng sau khi đồng chí mở liên kết đó (trong 48 giờ).
        </p>
      ) : null}
      {problem ? <ErrorSummary issues={problem.issues} message={problem.message} /> : null}
      <form method="post" action="/quan-tri/thong-bao/dia-chi">
        <Csrf c={c} />
        <Field name="email" maxChars={254} label="Địa chỉ mới" type="email" inputmode="email" value={value ?? ''} issues={problem?.issues ?? []} autocomplete="email" hint="Khéo gửi một thư có liên kết xác nhận tới địa chỉ này; để trống rồi lưu thì thôi nhận thư." />
        <button type="submit" class="secondary">Đặt địa chỉ</button>
      </form>
    </section>
  );
}

async function choicesPage(c: Ctx, problem?: Problem, posted?: Record<string, string>, addressProblem?: Problem, addressValue?: string) {
  const actor = pageActor(c);
  const [{ choices }, mine, pending] = await Promise.all([noticeChoices(c.var.deps.db.db, actor), mailAddressOf(c.var.deps.db.db, actor.userId), pendingAddress(c.var.deps.db.db, actor.userId)]);
  const address = mine?.address ?? null;
  const mailOn = Boolean(c.var.deps.config.smtpUrl);
  return render(
    c,
    <AdminLayout c={c} title="Cách nhận thông báo" active="thong-bao">
      <p>
        <a href="/quan-tri/thong-bao">← Thông báo</a>
      </p>
      <p>
        Mọi thông báo đều hiện trong mục Thông báo của Khéo. Ở đây đồng chí chọn, với từng loại, có gửi thư điện tử hay không: gửi ngay, gộp vào bản tin hằng ngày (gửi một lần mỗi sáng), hoặc không gửi thư.
      </p>
      <AddressForm c={c} current={address} pending={pending} problem={addressProblem} value={addressValue} />
      {mailOn ? null : <p class="muted">Máy chủ thư của Khéo chưa được cấu hình: lựa chọn được lưu và có hiệu lực khi quản trị viên bật gửi thư.</p>}
      {problem ? <ErrorSummary issues={problem.issues} message={problem.message} /> : null}
      <form method="post" action="/quan-tri/thong-bao/cach-nhan">
        <Csrf c={c} />
        <div class="card table-scroll">
          <table class="responsive">
            <thead>
              <tr>
                <th>Loại thông báo</th>
                <th>Thư điện tử</th>
              </tr>
            </thead>
            <tbody>
              {choices.map((ch) => {
                const value = posted?.[ch.kind] ?? (ch.chosen ? ch.mode : 'default');
                const err = problem ? fieldErrorOf(problem.issues, ch.kind) : undefined;
                return (
                  <tr>
                    <td data-label="Loại thông báo">
                      <label for={fieldId(ch.kind)}>{ch.label}</label>
                    </td>
                    <td data-label="Thư điện tử">
                      <select id={fieldId(ch.kind)} name={ch.kind} aria-invalid={err ? 'true' : undefined}>
                        <option value="default" selected={value === 'default'}>
                          Mặc định ({SHORT[ch.byDefault]})
                        </option>
                        {MODES.map((m) => (
                          <option value={m} selected={value === m}>
                            {NOTICE_MODES[m]}
                          </option>
                        ))}
                      </select>
                      {err ? <p class="field-error">{err}</p> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p>
          <button type="submit">Lưu lựa chọn</button>
        </p>
      </form>
    </AdminLayout>,
    problem?.status ?? addressProblem?.status ?? 200,
  );
}

export const noticeChoicesAdmin = new Hono<AppEnv>()
  .get('/thong-bao/cach-nhan', (c) => choicesPage(c))
  .post('/thong-bao/cach-nhan', async (c) => {
    const actor = pageActor(c);
    const form = Object.fromEntries(Object.entries(await formData(c)).map(([k, v]) => [k, str(v)]));
    return submitForm(
      c,
      () => inTx(c, (trx) => setNoticeChoices(trx, actor, form)),
      '/quan-tri/thong-bao/cach-nhan?thongbao=da-luu',
      (p) => choicesPage(c, p, form),
    );
  })
  .post('/thong-bao/dia-chi', async (c) => {
    const actor = pageActor(c);
    const email = str((await formData(c)).email);
    return submitForm(
      c,
      () => inTx(c, (trx) => requestOwnAddress(trx, actor, { email })),
      '/quan-tri/thong-bao/cach-nhan?thongbao=da-luu',
      (p) => choicesPage(c, undefined, undefined, p, email),
    );
  });

/** The query of a confirmation link, as it came. */
const confirmOf = (c: Ctx) => ({ u: c.req.query('u'), a: c.req.query('a'), e: c.req.query('e'), s: c.req.query('s') });

/** The query of an unsubscribe link, as it came. */
const linkOf = (c: Ctx) => ({ u: c.req.query('u'), k: c.req.query('k'), s: c.req.query('s') });

async function unsubscribeFrame(c: Ctx, title: string, body: Child, status: 200 | 404 = 200) {
  // a person's name and address: never kept by a cache on the way
  c.header('Cache-Control', 'no-store');
  return render(
    c,
    <PortalLayout c={c} site={await getSiteSettings(c.var.deps.db.db)} title={title}>
      <h1>{title}</h1>
      {body}
    </PortalLayout>,
    status,
  );
}

/**
 * The unsubscribe link of every e-mail. Opening it (GET) changes nothing — a mail scanner that
 * follows links must not unsubscribe anyone — and asks to confirm; the POST (the button, or a
 * mail client's one-click POST of RFC 8058) turns that kind of e-mail off.
 */
export const unsubscribePages = new Hono<AppEnv>()
  .get(UNSUBSCRIBE_PATH, async (c) => {
    const target = await unsubscribeTarget(c.var.deps.db.db, linkOf(c));
    const q = new URL(c.req.url).search;
    return unsubscribeFrame(
      c,
      'Huỷ nhận thư',
      <>
        <p>
          Đồng chí {target.name} sẽ không nhận thư điện tử loại <b>{target.label}</b> của Khéo nữa. Thông báo vẫn hiện trong mục Thông báo khi đăng nhập.
        </p>
        <form method="post" action={`${UNSUBSCRIBE_PATH}${q}`}>
          <Csrf c={c} />
          <button type="submit">Huỷ nhận thư loại này</button>
        </form>
        <p class="muted">Có thể bật lại bất cứ lúc nào ở trang Quản trị → Thông báo → Cách nhận thông báo.</p>
      </>,
    );
  })
  .get(CONFIRM_PATH, async (c) => {
    const target = await confirmationTarget(c.var.deps.db.db, confirmOf(c));
    return unsubscribeFrame(
      c,
      'Xác nhận địa chỉ thư',
      <>
        <p>
          Dùng <b>{target.address}</b> làm địa chỉ nhận thông báo của Khéo cho đồng chí {target.name}?
        </p>
        <form method="post" action={`${CONFIRM_PATH}${new URL(c.req.url).search}`}>
          <Csrf c={c} />
          <button type="submit">Xác nhận địa chỉ này</button>
        </form>
      </>,
    );
  })
  .post(CONFIRM_PATH, async (c) => {
    const done = await inTx(c, (trx) => confirmOwnAddress(trx, confirmOf(c)));
    return unsubscribeFrame(
      c,
      'Đã xác nhận địa chỉ thư',
      <p>
        Từ nay thông báo của Khéo cho đồng chí {done.name} được gửi tới <b>{done.address}</b>. <a href="/quan-tri/thong-bao/cach-nhan">Chọn cách nhận từng loại thông báo</a>
      </p>,
    );
  })
  .post(UNSUBSCRIBE_PATH, async (c) => {
    const done = await inTx(c, (trx) => unsubscribe(trx, linkOf(c)));
    return unsubscribeFrame(
      c,
      'Đã huỷ nhận thư',
      <>
        <p>
          Đã dừng gửi thư loại <b>{done.label}</b> cho đồng chí {done.name}. Thông báo vẫn hiện trong Khéo.
        </p>
        <p>
          <a href="/quan-tri/thong-bao/cach-nhan">Xem và đổi cách nhận thông báo</a>
        </p>
      </>,
    );
  });
