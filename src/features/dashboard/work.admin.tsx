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
import { can } from '../../policy/policy.js';
import { dayEvents } from '../supervision/supervision.service.js';
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
  const before = todayVn(new Date(Date.parse(`${day}T12:00:00+07:00`) - 86_400_000));
  const [w, e] = await Promise.all([workOf(db, actor), can(actor, 'meeting.read') ? dayEvents(db, actor, before) : null]);
  const dueToday = [
    ...w.conclusions.filter((k) => k.dueOn === day).map((k) => ({ href: `/quan-tri/hoi-nghi/${k.meeting.id}`, text: `Kết luận: ${k.content} (${k.ownerName})` })),
    ...w.reports.toSubmit.filter((r) => r.due === day).map((r) => ({ href: `/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`, text: `Báo cáo: ${r.formName} — ${r.periodLabel}` })),
  ];
  const overdue = w.conclusions.filter((k) => k.overdue).length + w.reports.toSubmit.filter((r) => r.overdue).length + (w.clearance ? w.clearance.totals.overdueSteps + w.clearance.totals.overdueComplaints : 0);
  const waiting: [string, number][] = groupsOf(w).map((g) => [g.label, g.total]);
  return render(
    c,
    <AdminLayout c={c} title={`Bản tin ngày ${formatDate(day)}`} active="viec-cua-toi">
      <p>
        <a href="/quan-tri/viec-cua-toi">← Việc của tôi</a> · {actor.fullName}, {actor.unitName}
      </p>
      <section class="card">
        <h2>Đang chờ bạn: {formatNumber(w.count)} việc{overdue ? `, ${formatNumber(overdue)} đã quá hạn` : ''}</h2>
        <table>
          <tbody>
            {waiting
              .filter(([, n]) => n > 0)
              .map(([label, n]) => (
                <tr>
                  <th scope="row">{label}</th>
                  <td>{formatNumber(n)}</td>
                </tr>
              ))}
          </tbody>
        </table>
        {w.count === 0 ? <p>Không có việc nào đang chờ bạn.</p> : null}
      </section>
      <section class="card">
        <h2>{day === today ? 'Đến hạn hôm nay' : `Đến hạn ngày ${formatDate(day)}`}</h2>
        {dueToday.length ? (
          <ul>
            {dueToday.map((x) => (
              <li>
                <a href={x.href}>{x.text}</a>
              </li>
            ))}
          </ul>
        ) : (
          <p>Không có việc nào đến hạn.</p>
        )}
      </section>
      {e ? (
        <section class="card">
          <h2>Ngày {formatDate(before)} trong đơn vị</h2>
          {e.raised.length + e.resolved.length + e.conclusionsDone.length + e.visits.length === 0 ? <p>Không có hoạt động nào được ghi nhận.</p> : null}
          <ul>
            {e.raised.map((i) => (
              <li>
                Vấn đề mới ở {i.unitName}: <a href={`/quan-tri/van-de/${i.id}`}>{i.title}</a> (chuyển {i.deciderName})
              </li>
            ))}
            {e.resolved.map((i) => (
              <li>
                Đã giải quyết vấn đề của {i.unitName}: <a href={`/quan-tri/van-de/${i.id}`}>{i.title}</a>
              </li>
            ))}
            {e.conclusionsDone.map((k) => (
              <li>
                {k.ownerName} hoàn thành kết luận: <a href={`/quan-tri/hoi-nghi/${k.meeting.id}`}>{k.content}</a>
              </li>
            ))}
            {e.visits.map((v) => (
              <li>
                Đồng chí {v.leader} kiểm tra {v.unitName}: {v.findings}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p class="muted">
        Xem bản tin ngày khác: <a href={`/quan-tri/viec-cua-toi/ban-tin?ngay=${enc(formatDate(before))}`}>{formatDate(before)}</a>
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
