/** @jsxImportSource hono/jsx */
/**
 * The first screen of the admin (/quan-tri): what the signed-in user's role needs, each figure
 * from the function the module's own page uses and linking to the list that shows it —
 * - everyone: what waits on them ("Việc của tôi": the count and the first items);
 * - below the current campaign's unit (a ward officer): their unit's models, its report of the
 *   open period, its land-clearance projects behind schedule;
 * - at the campaign's unit or above (the Ban Dân vận, the admin): the campaign's figures, report
 *   completeness for the open period, projects behind schedule, approvals waiting;
 * - a leader with units assigned: those units at a glance (the leaders' page);
 * - the admin: units and accounts.
 */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { listUsers } from '../accounts/accounts.service.js';
import { can, inSubtree, ROLE_LABELS, type UserActor } from '../../policy/policy.js';
import { listCampaigns } from '../campaigns/campaigns.service.js';
import { campaignStats } from '../figures/figures.service.js';
import { clearanceDashboard } from '../landClearance/landClearance.stats.js';
import { listModels } from '../models/models.service.js';
import { completeness, listForms } from '../reporting/reporting.service.js';
import { leaders, type LeaderSummary } from './leaders.service.js';
import { listUnitsFlat, requireUnit, UNIT_KIND_LABELS, type UnitKind } from '../units/units.service.js';
import { workOf } from './work.admin.js';

type Db = Parameters<typeof workOf>[0];
const enc = encodeURIComponent;
const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

/**
 * The campaign the user works in now: of their unit or a unit above it, the latest year with
 * models (the latest year when none has any), the nearest unit first within a year. Its figures
 * run through today, or through its last day once it has ended (as its dashboard does).
 */
async function currentCampaign(db: Db, actor: UserActor) {
  const mine = [];
  for (const k of await listCampaigns(db, actor)) {
    const unit = await requireUnit(db, k.unit);
    if (actor.unitPath.startsWith(unit.path)) mine.push({ ...k, unitPath: unit.path });
  }
  mine.sort((a, b) => b.year - a.year || b.unitPath.length - a.unitPath.length);
  let chosen = mine[0];
  for (const k of mine) {
    if ((await listModels(db, actor, { campaign: k.code, pageSize: 1 })).total > 0) {
      chosen = k;
      break;
    }
  }
  if (!chosen) return null;
  const today = todayVn();
  return { ...chosen, through: chosen.endsOn && today > chosen.endsOn ? chosen.endsOn : today };
}

/** The first items of "Việc của tôi", in its order, each with its link. */
function firstWork(w: Awaited<ReturnType<typeof workOf>>, n: number): { href: string; text: string; late: boolean }[] {
  const out: { href: string; text: string; late: boolean }[] = [];
  for (const k of w.conclusions) out.push({ href: `/quan-tri/hoi-nghi/${k.meeting.id}`, text: `Kết luận: ${k.content} — hạn ${formatDate(k.dueOn)}${k.overdue ? ' (đã quá hạn)' : ''}`, late: k.overdue });
  for (const i of w.issues) out.push({ href: `/quan-tri/van-de/${i.id}`, text: `Vấn đề của ${i.unitName}: ${i.title} (chờ ${formatNumber(i.days)} ngày)`, late: i.days > 30 });
  for (const r of w.reports.toSubmit) out.push({ href: `/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`, text: `Nộp báo cáo: ${r.formName} — ${r.periodLabel}, hạn ${formatDate(r.due)}${r.overdue ? ' (đã quá hạn)' : ''}`, late: r.overdue });
  for (const r of w.reports.toApprove) out.push({ href: `/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`, text: `Duyệt báo cáo: ${r.unitName} — ${r.periodLabel}`, late: false });
  for (const a of w.review?.items ?? []) out.push({ href: `/quan-tri/bai-viet/${a.id}`, text: `Duyệt bài: ${a.title}`, late: false });
  const g = w.clearance;
  if (g) {
    for (const s of g.approveSteps) out.push({ href: `/quan-tri/gpmb/${enc(s.project)}`, text: `Duyệt bước "${s.stepName}" — ${s.projectName}`, late: false });
    for (const p of g.approvePlans) out.push({ href: `/quan-tri/gpmb/${enc(p.project)}`, text: `Duyệt phương án hộ ${p.household} — ${p.projectName}`, late: false });
    for (const p of g.confirmPayments) out.push({ href: `/quan-tri/gpmb/${enc(p.project)}`, text: `Xác nhận chi trả hộ ${p.household} — ${p.projectName}`, late: false });
    for (const s of g.dueSteps) out.push({ href: `/quan-tri/gpmb/${enc(s.project)}`, text: `${s.stepName} — ${s.projectName}, hạn ${formatDate(s.dueOn)}`, late: s.state === 'overdue' });
    for (const k of g.overdueComplaints) out.push({ href: `/quan-tri/gpmb/${enc(k.project)}/don`, text: `Đơn nhận ${formatDate(k.receivedOn)} quá hạn giải quyết ${formatDate(k.dueOn)} — ${k.projectName}`, late: true });
  }
  return out.slice(0, n);
}

/** A figure that opens the list showing it. */
const Figure = ({ n, href, children, warn }: { n: number | string; href: string; children?: Child; warn?: boolean }) => (
  <a class={warn ? 'stat warn' : 'stat'} href={href}>
    {/* a state in words ("Đã nộp, chờ duyệt") is smaller than a number */}
    <b class={typeof n === 'string' && !/^[\d./]+$/.test(n) ? 'words' : undefined}>{typeof n === 'number' ? formatNumber(n) : n}</b> {children}
  </a>
);

function LeaderUnits({ l }: { l: LeaderSummary }) {
  return (
    <section class="card">
      <h2>Đơn vị đồng chí phụ trách</h2>
      <p class="muted">
        {l.title} · <a href="/quan-tri/phan-cong">Phân công phụ trách ›</a>
      </p>
      <table class="responsive leader-units">
        <thead>
          <tr>
            <th>Đơn vị</th>
            <th class="num">Mô hình</th>
            <th>Dự án GPMB (chậm tiến độ)</th>
            <th>Báo cáo kỳ gần nhất</th>
            <th>Kết luận chưa xong (quá hạn)</th>
            <th class="num">Vấn đề chờ giải quyết</th>
          </tr>
        </thead>
        <tbody>
          {l.units.map((u) => (
            <tr class={u.overdueConclusions ? 'warn' : ''}>
              <td data-label="Đơn vị">{u.name}</td>
              <td data-label="Mô hình" class="num">
                <a href={`/quan-tri/mo-hinh?don_vi=${enc(u.code)}`}>{formatNumber(u.models)}</a>
              </td>
              <td data-label="Dự án GPMB">
                {u.projects ? (
                  <a href={`/quan-tri/gpmb?don_vi=${enc(u.code)}`}>
                    {formatNumber(u.projects)} ({formatNumber(u.projectsBehind)} chậm)
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td data-label="Báo cáo">
                {u.reports.length
                  ? u.reports.map((r) => (
                      <div class={r.missing || (r.daysLate ?? 0) > 0 ? 'warn' : ''}>
                        <a href={`/quan-tri/bao-cao/${enc(r.form)}/${enc(u.code)}/${enc(r.period)}`}>{r.periodLabel}</a>: {r.statusLabel}
                        {r.daysLate ? ` (muộn ${formatNumber(r.daysLate)} ngày)` : ''}
                      </div>
                    ))
                  : '—'}
              </td>
              <td data-label="Kết luận">
                <a href="/quan-tri/hoi-nghi">
                  {formatNumber(u.openConclusions)} ({formatNumber(u.overdueConclusions)} quá hạn)
                </a>
              </td>
              <td data-label="Vấn đề" class="num">
                {u.openIssues ? <a href={`/quan-tri/van-de?don_vi=${enc(u.code)}`}>{formatNumber(u.openIssues)}</a> : '0'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {l.visits.length ? (
        <p class="muted">
          Kiểm tra gần đây: {l.visits.slice(0, 3).map((x) => `${x.unit} (${formatDate(x.visitedOn)})`).join('; ')} · <a href="/quan-tri/kiem-tra">Kiểm tra, giám sát ›</a>
        </p>
      ) : null}
    </section>
  );
}

export const dashboardAdmin = new Hono<AppEnv>().get('/', async (c) => {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const [work, campaign, led] = await Promise.all([workOf(db, actor), currentCampaign(db, actor), can(actor, 'meeting.read') ? leaders(db, actor, actor.fullName) : Promise.resolve([])]);
  const items = firstWork(work, 5);
  const k = campaign;
  // at the campaign's unit or above: the whole campaign; below it (a ward): the user's own unit
  const whole = k ? inSubtree(actor, k.unitPath) : false;
  const unitCode = k ? (whole ? k.unit : actor.unitCode) : null;
  const unitName = k ? (whole ? k.unitName : actor.unitName) : '';
  const den = k ? formatDate(k.through) : '';
  const modelList = (q: Record<string, string>) => `/quan-tri/mo-hinh?${qs({ chu_de: k!.code, ...(whole ? {} : { don_vi: unitCode! }), ...q })}`;

  const [stats, modelCounts, reports, clearance, waitingModels] = k
    ? await Promise.all([
        whole ? campaignStats(db, k.code, k.through) : null,
        whole
          ? null
          : Promise.all(
              (['registered', 'submitted', 'returned'] as const).map(async (status) => ({
                status,
                total: (await listModels(db, actor, { campaign: k.code, unit: unitCode!, status, ...(status === 'registered' ? { to: den } : {}), pageSize: 1 })).total,
              })),
            ),
        can(actor, 'report.read') ? listForms(db, actor).then((forms) => Promise.all(forms.filter((f) => f.active).map((f) => completeness(db, actor, { form: f.code })))) : [],
        can(actor, 'clearance.read') ? clearanceDashboard(db, actor, { unit: unitCode!, through: k.through }) : null,
        whole && can(actor, 'model.decide', { unitPath: k.unitPath }) ? listModels(db, actor, { campaign: k.code, status: 'submitted', pageSize: 1 }) : null,
      ])
    : [null, null, [], null, null];
  const behind = clearance ? clearance.projects.filter((p) => p.schedule.status === 'behind') : [];
  const gpmbList = `/quan-tri/gpmb?${qs({ don_vi: unitCode ?? '', den })}`;

  const admin = can(actor, 'unit.create') && can(actor, 'user.read');
  const [units, users] = admin ? await Promise.all([listUnitsFlat(db, actor), listUsers(db, actor)]) : [[], null];
  const byKind = new Map<string, number>();
  for (const u of units) byKind.set(u.kind, (byKind.get(u.kind) ?? 0) + 1);
  const g = work.clearance;
  const gpmbApprovals = g ? g.totals.approveSteps + g.totals.approvePlans + g.totals.confirmPayments : 0;

  return render(
    c,
    <AdminLayout c={c} title="Tổng quan" active="tong-quan">
      <p class="lead">
        Xin chào <b>{actor.fullName}</b> — {actor.unitName}. <span class="muted">Vai trò: {actor.roles.map((r) => ROLE_LABELS[r]).join(', ')}.</span>
      </p>
      <section class={work.count ? 'card work-panel' : 'work-panel'} aria-labelledby="viec-dang-cho">
        <h2 id="viec-dang-cho">
          {work.count ? (
            <a href="/quan-tri/viec-cua-toi">{formatNumber(work.count)} việc đang chờ bạn</a>
          ) : (
            'Không có việc nào đang chờ bạn.'
          )}
        </h2>
        {items.length ? (
          <ul class="work-list">
            {items.map((i) => (
              <li class={i.late ? 'warn' : ''}>
                <a href={i.href}>{i.text}</a>
              </li>
            ))}
          </ul>
        ) : null}
        {work.count > items.length ? (
          <p>
            <a href="/quan-tri/viec-cua-toi">Xem tất cả {formatNumber(work.count)} việc ›</a>
          </p>
        ) : null}
      </section>

      {led.map((l) => (
        <LeaderUnits l={l} />
      ))}

      {k ? (
        <section class="card" aria-labelledby="so-lieu">
          <h2 id="so-lieu">
            {whole ? 'Chủ đề năm' : unitName} — {k.year}
          </h2>
          <p class="muted">
            <a href={`/quan-tri/chu-de/${enc(k.code)}`}>{k.theme}</a> · số liệu đến ngày {den}
          </p>
          <div class="stats">
            {stats ? (
              <>
                <Figure n={stats.models.total} href={`/quan-tri/mo-hinh?${qs({ chu_de: k.code, trang_thai: 'registered', den })}`}>
                  mô hình đăng ký ({formatNumber(stats.models.collective)} tập thể, {formatNumber(stats.models.individual)} cá nhân)
                </Figure>
                <Figure n={stats.rewards.total} href="/quan-tri/khen-thuong">
                  mô hình được khen thưởng
                </Figure>
              </>
            ) : null}
            {modelCounts
              ? modelCounts.map((m) => (
                  <Figure n={m.total} href={modelList({ trang_thai: m.status, ...(m.status === 'registered' ? { den } : {}) })} warn={m.status === 'returned' && m.total > 0}>
                    {m.status === 'registered' ? 'mô hình đã đăng ký' : m.status === 'submitted' ? 'mô hình đang chờ duyệt' : 'mô hình bị trả lại'}
                  </Figure>
                ))
              : null}
            {reports.map((r) =>
              whole ? (
                <Figure n={`${formatNumber(r.submitted)}/${formatNumber(r.expected)}`} href={`/quan-tri/bao-cao/${enc(r.form.code)}?${qs({ ky: r.period.key })}`} warn={r.missing > 0}>
                  {/* the service's sentence ("13/14 phường đã nộp, 1 nộp muộn") after its leading fraction */}
                  {r.summary.slice(r.summary.indexOf(' ') + 1)} — {r.period.label}
                  <span class="muted"> · {r.form.name}</span>
                </Figure>
              ) : (
                r.lines
                  .filter((l) => l.unit.code === actor.unitCode)
                  .map((l) => (
                    <Figure n={l.statusLabel} href={`/quan-tri/bao-cao/${enc(r.form.code)}/${enc(l.unit.code)}/${enc(r.period.key)}`} warn={l.daysLate === null || (l.daysLate ?? 0) > 0}>
                      báo cáo {r.period.label}
                      {l.daysLate ? ` (muộn ${formatNumber(l.daysLate)} ngày)` : ''}
                      <span class="muted"> · {r.form.name}</span>
                    </Figure>
                  ))
              ),
            )}
            {clearance ? (
              <Figure n={behind.length} href={gpmbList} warn={behind.length > 0}>
                dự án GPMB chậm tiến độ (trong {formatNumber(clearance.totals.projects)} dự án)
              </Figure>
            ) : null}
          </div>
          {behind.length ? (
            <>
              <h3>Dự án chậm tiến độ</h3>
              <ul>
                {behind.slice(0, 5).map((p) => (
                  <li>
                    <a href={`/quan-tri/gpmb/${enc(p.code)}`}>{p.name}</a> <span class="muted">— {p.unitName}</span>
                  </li>
                ))}
              </ul>
              {behind.length > 5 ? (
                <p>
                  <a href={gpmbList}>Xem tất cả {formatNumber(behind.length)} dự án chậm tiến độ ›</a>
                </p>
              ) : null}
            </>
          ) : null}
        </section>
      ) : (
        <p class="muted">Chưa có chủ đề năm nào của đơn vị bạn hoặc đơn vị cấp trên.</p>
      )}

      {k && whole && (waitingModels || work.reports.toApprove.length || gpmbApprovals) ? (
        <section class="card" aria-labelledby="cho-duyet">
          <h2 id="cho-duyet">Đang chờ duyệt</h2>
          <div class="stats">
            {waitingModels ? (
              <Figure n={waitingModels.total} href={`/quan-tri/mo-hinh?${qs({ chu_de: k.code, trang_thai: 'submitted' })}`} warn={waitingModels.total > 0}>
                mô hình gửi đăng ký chờ duyệt
              </Figure>
            ) : null}
            {can(actor, 'report.approve') ? (
              <Figure n={work.reports.toApprove.length} href="/quan-tri/viec-cua-toi">
                báo cáo định kỳ chờ duyệt
              </Figure>
            ) : null}
            {g && can(actor, 'clearance.approve') ? (
              <Figure n={gpmbApprovals} href="/quan-tri/gpmb/viec-cua-toi">
                bước, phương án, khoản chi trả GPMB chờ duyệt
              </Figure>
            ) : null}
          </div>
        </section>
      ) : null}

      {admin ? (
        <section class="card" aria-labelledby="he-thong">
          <h2 id="he-thong">Đơn vị và tài khoản</h2>
          <div class="stats">
            <Figure n={units.length} href="/quan-tri/don-vi">
              đơn vị đang hoạt động
              <span class="muted">
                {' '}
                ({[...byKind.entries()]
                  .sort((a, b) => b[1] - a[1])
                  .map(([kind, n]) => `${formatNumber(n)} ${(UNIT_KIND_LABELS[kind as UnitKind] ?? kind).toLowerCase()}`)
                  .join(', ')}
                )
              </span>
            </Figure>
            {users ? (
              <Figure n={users.filter((u) => u.active).length} href="/quan-tri/tai-khoan">
                tài khoản hoạt động
              </Figure>
            ) : null}
          </div>
        </section>
      ) : null}
    </AdminLayout>,
  );
});
