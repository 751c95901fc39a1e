/** @jsxImportSource hono/jsx */
/**
 * "Việc của tôi": what waits on the signed-in user in every module, in one place — reports to
 * send or approve, articles to review, land-clearance steps, plans and payments to approve,
 * overdue steps and complaints. Each module says what is waiting; this page only gathers.
 */
import { Hono } from 'hono';
import { formatDate, formatDateTime, formatNumber, parseDate, todayVn } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { dailyDigest } from './digest.service.js';
import { groupsOf, workOf } from './work.service.js';

export { workOf } from './work.service.js';

const enc = encodeURIComponent;

/** "dd/mm/yyyy" for a date, "dd/mm/yyyy hh:mm" for a date-time. */
const when = (v: string) => (v.length > 10 ? formatDateTime(v) : formatDate(v));

/** How long an item has waited, in whole days (Vietnam time). */
const waitedDays = (since: string, today: string) => {
  // a date-time is counted from its day in Vietnam, a date as it is
  const day = since.length > 10 ? todayVn(new Date(since)) : since;
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000));
};

/**
 * The daily digest (bản tin hằng ngày): one printable page a user reads in the morning — what
 * waits on them, what falls due today, and what happened in their unit the day before.
 */
async function digest(c: Parameters<typeof pageActor>[0]) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const today = todayVn();
  const asked = c.req.query('ngay');
  const parsed = asked ? parseDate(asked) : null;
  const day = parsed && parsed <= today ? parsed : today;
  const d = await dailyDigest(db, actor, day);
  return render(
    c,
    <AdminLayout c={c} title={`Bản tin ngày ${formatDate(day)}`} active="viec-cua-toi">
      <p>
        <a href="/quan-tri/viec-cua-toi">← Việc của tôi</a> · {actor.fullName}, {actor.unitName}
      </p>
      <section class="card">
        <h2>Đang chờ bạn: {formatNumber(d.count)} việc{d.overdue ? `, ${formatNumber(d.overdue)} đã quá hạn` : ''}</h2>
        <table>
          <tbody>
            {d.waiting.map((g) => (
              <tr>
                <th scope="row">{g.label}</th>
                <td>{formatNumber(g.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {d.count === 0 ? <p>Không có việc nào đang chờ bạn.</p> : null}
      </section>
      <section class="card">
        <h2>{day === today ? 'Đến hạn hôm nay' : `Đến hạn ngày ${formatDate(day)}`}</h2>
        {d.dueToday.length ? (
          <ul>
            {d.dueToday.map((x) => (
              <li>
                <a href={x.href}>{x.text}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>Không có việc nào đến hạn.</p>
        )}
      </section>
      {d.events ? (
        <section class="card">
          <h2>Ngày {formatDate(d.before)} trong đơn vị</h2>
          {d.events.length ? (
            <ul>
              {d.events.map((x) => (
                <li>
                  {x.lead}
                  {x.href ? <a href={x.href}>{x.title}</a> : x.title}
                  {x.tail}
                </li>
              ))}
            </ul>
          ) : (
            <p>Không có hoạt động nào được ghi nhận.</p>
          )}
        </section>
      ) : null}
      <p class="muted">
        Xem bản tin ngày khác: <a href={`/quan-tri/viec-cua-toi/ban-tin?ngay=${enc(formatDate(d.before))}`}>{formatDate(d.before)}</a>
      </p>
    </AdminLayout>,
  );
}


export const workAdmin = new Hono<AppEnv>().get('/viec-cua-toi/ban-tin', (c) => digest(c)).get('/viec-cua-toi', async (c) => {
  const actor = pageActor(c);
  const w = await workOf(c.var.deps.db.db, actor);
  const today = todayVn();
  const groups = groupsOf(w);
  return render(
    c,
    <AdminLayout c={c} title="Việc của tôi" active="viec-cua-toi">
      {w.count === 0 ? <p>Không có việc nào đang chờ bạn.</p> : <p>{formatNumber(w.count)} việc đang chờ bạn.</p>}
      <p>
        <a href="/quan-tri/viec-cua-toi/ban-tin">Bản tin hằng ngày (in được)</a> · <a href="/quan-tri/thong-bao">Thông báo về những gì bạn đã gửi</a>
      </p>
      {groups.map((g) => (
        <section class="card work-group" id={`viec-${g.kind.replace('.', '-')}`}>
          <h2>
            {g.label} ({formatNumber(g.total)})
          </h2>
          {g.total > g.items.length ? (
            <p class="muted">
              Dưới đây là {formatNumber(g.items.length)} việc sớm nhất{g.kind.startsWith('clearance') ? <> — <a href="/quan-tri/gpmb/viec-cua-toi">xem theo từng loại</a></> : null}.
            </p>
          ) : null}
          <ul class="work-list">
            {g.items.map((i) => (
              <li class={i.overdue ? 'warn' : ''}>
                <a href={i.url}>{i.title}</a>
                <span class="muted">
                  {i.from ? ` — ${i.from}` : ''}
                  {i.waitingSince ? `, từ ${when(i.waitingSince)} (chờ ${formatNumber(waitedDays(i.waitingSince, today))} ngày)` : ''}
                  {i.dueOn ? `; hạn ${formatDate(i.dueOn)}` : ''}
                  {i.overdue ? ' — đã quá hạn' : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </AdminLayout>,
  );
});
