/** @jsxImportSource hono/jsx */
/**
 * "Việc của tôi": what waits on the signed-in user in every module, in one place — reports to
 * send or approve, articles to review, land-clearance steps, plans and payments to approve,
 * overdue steps and complaints. Each module says what is waiting; this page only gathers.
 */
import { Hono } from 'hono';
import { formatDate, formatDateTime, formatMoney, formatNumber, parseDate, todayVn } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { can } from '../accounts/policy.js';
import { myWork } from '../landClearance/landClearance.stats.js';
import { listArticlesForAdmin } from '../portal/portal.service.js';
import { myReportWork } from '../reporting/reporting.service.js';
import { issuesToDecide } from '../supervision/supervision.issues.js';
import { dayEvents, openConclusionsOf } from '../supervision/supervision.service.js';

const enc = encodeURIComponent;

/** Everything waiting on the user, gathered from the modules. */
export async function workOf(db: Parameters<typeof myWork>[0], actor: Parameters<typeof myWork>[1]) {
  const soon = new Date(Date.now() + 7 * 86_400_000);
  const [reports, clearance, review, conclusions, issues] = await Promise.all([
    myReportWork(db, actor),
    can(actor, 'clearance.read') ? myWork(db, actor) : null,
    can(actor, 'article.publish') ? listArticlesForAdmin(db, actor, { status: 'review' }) : null,
    // conclusions of meetings my unit (or a unit below it) must carry out, overdue or due within a week
    can(actor, 'meeting.manage') ? openConclusionsOf(db, actor.unitPath, todayVn(soon)) : Promise.resolve([]),
    // issues raised from below that my unit must decide
    issuesToDecide(db, actor),
  ]);
  const count =
    conclusions.length +
    issues.length +
    reports.toSubmit.length +
    reports.toApprove.length +
    (review?.total ?? 0) +
    (clearance ? clearance.totals.approveSteps + clearance.totals.approvePlans + clearance.totals.confirmPayments + clearance.totals.overdueSteps + clearance.totals.overdueComplaints : 0);
  return { reports, clearance, review, conclusions, issues, count };
}

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
  const waiting: [string, number][] = [
    ['Kết luận hội nghị cần thực hiện', w.conclusions.length],
    ['Vấn đề phát sinh chờ giải quyết', w.issues.length],
    ['Báo cáo định kỳ cần nộp', w.reports.toSubmit.length],
    ['Báo cáo chờ duyệt', w.reports.toApprove.length],
    ['Bài viết chờ duyệt', w.review?.total ?? 0],
    ['GPMB: bước, phương án, khoản chi trả chờ duyệt', w.clearance ? w.clearance.totals.approveSteps + w.clearance.totals.approvePlans + w.clearance.totals.confirmPayments : 0],
  ];
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
  const g = w.clearance;
  return render(
    c,
    <AdminLayout c={c} title="Việc của tôi" active="viec-cua-toi">
      {w.count === 0 ? <p>Không có việc nào đang chờ bạn.</p> : <p>{formatNumber(w.count)} việc đang chờ bạn.</p>}
      <p>
        <a href="/quan-tri/viec-cua-toi/ban-tin">Bản tin hằng ngày (in được)</a>
      </p>
      {w.conclusions.length ? (
        <section class="card">
          <h2>Kết luận hội nghị cần thực hiện ({formatNumber(w.conclusions.length)})</h2>
          <ul>
            {w.conclusions.map((k) => (
              <li class={k.overdue ? 'warn' : ''}>
                <a href={`/quan-tri/hoi-nghi/${k.meeting.id}`}>{k.content}</a> — {k.ownerName}, hạn {formatDate(k.dueOn)}
                {k.overdue ? ' (đã quá hạn)' : ''} <span class="muted">({k.meeting.title})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {w.issues.length ? (
        <section class="card">
          <h2>Vấn đề phát sinh chờ đơn vị bạn giải quyết ({formatNumber(w.issues.length)})</h2>
          <ul>
            {w.issues.map((i) => (
              <li class={i.days > 30 ? 'warn' : ''}>
                <a href={`/quan-tri/van-de/${i.id}`}>{i.title}</a> — {i.unitName}, ghi nhận {formatDate(i.raisedOn)} (chờ {formatNumber(i.days)} ngày)
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {w.reports.toSubmit.length ? (
        <section class="card">
          <h2>Báo cáo định kỳ cần nộp</h2>
          <ul>
            {w.reports.toSubmit.map((r) => (
              <li class={r.overdue ? 'warn' : ''}>
                <a href={`/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`}>
                  {r.formName} — {r.periodLabel}
                </a>{' '}
                ({r.statusLabel}; hạn {formatDate(r.due)}
                {r.overdue ? ', đã quá hạn' : ''})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {w.reports.toApprove.length ? (
        <section class="card">
          <h2>Báo cáo chờ bạn duyệt ({formatNumber(w.reports.toApprove.length)})</h2>
          <ul>
            {w.reports.toApprove.map((r) => (
              <li>
                <a href={`/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`}>
                  {r.unitName} — {r.formName}, {r.periodLabel}
                </a>
                {r.submittedAt ? <span class="muted"> (nộp {formatDateTime(r.submittedAt)})</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {w.review && w.review.total ? (
        <section class="card">
          <h2>Bài viết chờ duyệt ({formatNumber(w.review.total)})</h2>
          <ul>
            {w.review.items.map((a) => (
              <li>
                <a href={`/quan-tri/bai-viet/${a.id}`}>{a.title}</a> <span class="muted">— {a.authorName ?? ''}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {g && (g.approveSteps.length || g.approvePlans.length || g.confirmPayments.length) ? (
        <section class="card">
          <h2>Giải phóng mặt bằng: chờ bạn duyệt</h2>
          {g.totals.approveSteps + g.totals.approvePlans + g.totals.confirmPayments > g.approveSteps.length + g.approvePlans.length + g.confirmPayments.length ? (
            <p class="muted">
              {formatNumber(g.totals.approveSteps)} bước, {formatNumber(g.totals.approvePlans)} phương án, {formatNumber(g.totals.confirmPayments)} khoản chi trả; dưới đây là những việc sớm nhất —{' '}
              <a href="/quan-tri/gpmb/viec-cua-toi">xem theo từng loại</a>.
            </p>
          ) : null}
          <ul>
            {g.approveSteps.map((s) => (
              <li>
                <a href={`/quan-tri/gpmb/${enc(s.project)}`}>{s.projectName}</a>: bước "{s.stepName}" ({s.doneBy}, {formatDate(s.doneOn)})
              </li>
            ))}
            {g.approvePlans.map((p) => (
              <li>
                <a href={`/quan-tri/gpmb/${enc(p.project)}`}>{p.projectName}</a>: phương án hộ {p.household} — {formatMoney(p.total)}
              </li>
            ))}
            {g.confirmPayments.map((p) => (
              <li>
                <a href={`/quan-tri/gpmb/${enc(p.project)}`}>{p.projectName}</a>: khoản chi trả {formatMoney(p.amount)} cho hộ {p.household} ({formatDate(p.paidOn)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {g && (g.dueSteps.length || g.overdueComplaints.length) ? (
        <section class="card">
          <h2>Giải phóng mặt bằng: quá hạn, sắp đến hạn</h2>
          {g.totals.dueSteps + g.totals.overdueComplaints > g.dueSteps.length + g.overdueComplaints.length ? (
            <p class="muted">
              {formatNumber(g.totals.dueSteps)} bước, {formatNumber(g.totals.overdueComplaints)} đơn; dưới đây là những việc sớm nhất — <a href="/quan-tri/gpmb/viec-cua-toi">xem theo từng loại</a>.
            </p>
          ) : null}
          <ul>
            {g.dueSteps.map((s) => (
              <li class={s.state === 'overdue' ? 'warn' : ''}>
                <a href={`/quan-tri/gpmb/${enc(s.project)}`}>{s.projectName}</a>: {s.stepName} — hạn {formatDate(s.dueOn)}
                {s.state === 'overdue' ? ` (quá ${formatNumber(s.lateDays)} ngày)` : s.daysLeft !== null ? ` (còn ${formatNumber(s.daysLeft)} ngày)` : ''}
              </li>
            ))}
            {g.overdueComplaints.map((k) => (
              <li class="warn">
                <a href={`/quan-tri/gpmb/${enc(k.project)}/don`}>{k.projectName}</a>: đơn nhận {formatDate(k.receivedOn)} quá hạn giải quyết {formatDate(k.dueOn)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </AdminLayout>,
  );
});
