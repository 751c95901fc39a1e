/** @jsxImportSource hono/jsx */
/**
 * The parts of the admin's first screen (/quan-tri, dashboard.admin.tsx): what waits on the user,
 * the leader's units, the current campaign's figures, approvals waiting, units and accounts.
 */
import type { Child } from 'hono/jsx';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { can, type UserActor } from '../../policy/policy.js';
import type { CampaignStats } from '../figures/figures.service.js';
import type { ClearanceDashboard } from '../landClearance/landClearance.stats.js';
import { ResourceStats } from '../models/models.resources.js';
import type { Resources } from '../models/models.service.js';
import type { completeness } from '../reporting/reporting.service.js';
import { UNIT_KIND_LABELS, type UnitKind } from '../units/units.service.js';
import type { LeaderSummary } from './leaders.service.js';

const enc = encodeURIComponent;
const qs = (q: Record<string, string>) => new URLSearchParams(q).toString();

/** One report form's completeness for its open period. */
type Completeness = Awaited<ReturnType<typeof completeness>>;

/** A count of the unit's models in one status. */
export interface ModelCount {
  status: 'registered' | 'submitted' | 'returned';
  total: number;
}

/** A figure that opens the list showing it. */
export const Figure = ({ n, href, children, warn }: { n: number | string; href: string; children?: Child; warn?: boolean }) => (
  <a class={warn ? 'stat warn' : 'stat'} href={href}>
    {/* a state in words ("Đã nộp, chờ duyệt") is smaller than a number */}
    <b class={typeof n === 'string' && !/^[\d./]+$/.test(n) ? 'words' : undefined}>{typeof n === 'number' ? formatNumber(n) : n}</b> {children}
  </a>
);

/** What waits on the user: the count of "Việc của tôi" and its first items. */
export function WorkPanel({ count, items }: { count: number; items: { href: string; text: string; late: boolean }[] }) {
  return (
    <section class={count ? 'card work-panel' : 'work-panel'} aria-labelledby="viec-dang-cho">
      <h2 id="viec-dang-cho">{count ? <a href="/quan-tri/viec-cua-toi">{formatNumber(count)} việc đang chờ bạn</a> : 'Không có việc nào đang chờ bạn.'}</h2>
      {items.length ? (
        <ul class="work-list">
          {items.map((i) => (
            <li class={i.late ? 'warn' : ''}>
              <a href={i.href}>{i.text}</a>
            </li>
          ))}
        </ul>
      ) : null}
      {count > items.length ? (
        <p>
          <a href="/quan-tri/viec-cua-toi">Xem tất cả {formatNumber(count)} việc ›</a>
        </p>
      ) : null}
    </section>
  );
}


/** A unit's periodic reports of the latest period in a table cell: each one's status, late ones marked (the leaders' page and the first screen). */
export function UnitReports({ unit, reports }: { unit: string; reports: LeaderSummary['units'][number]['reports'] }) {
  return (
    <td data-label="Báo cáo">
      {reports.length
        ? reports.map((r) => (
            <div class={r.missing || (r.daysLate ?? 0) > 0 ? 'warn' : ''}>
              <a href={`/quan-tri/bao-cao/${enc(r.form)}/${enc(unit)}/${enc(r.period)}`}>{r.periodLabel}</a>: {r.statusLabel}
              {r.daysLate ? ` (muộn ${formatNumber(r.daysLate)} ngày)` : ''}
            </div>
          ))
        : '—'}
    </td>
  );
}
/** A leader's units at a glance: models, projects, latest reports, conclusions, issues. */
export function LeaderUnits({ l }: { l: LeaderSummary }) {
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
              <UnitReports unit={u.code} reports={u.reports} />
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
          Kiểm tra gần đây:{' '}
          {l.visits
            .slice(0, 3)
            .map((x) => `${x.unit} (${formatDate(x.visitedOn)})`)
            .join('; ')}{' '}
          · <a href="/quan-tri/kiem-tra">Kiểm tra, giám sát ›</a>
        </p>
      ) : null}
    </section>
  );
}

/** Report completeness for the open period: the whole campaign's, or the user's own unit's report. */
function ReportFigures({ reports, whole, unitCode }: { reports: Completeness[]; whole: boolean; unitCode: string }) {
  return (
    <>
      {reports.map((r) =>
        whole ? (
          <Figure n={`${formatNumber(r.submitted)}/${formatNumber(r.expected)}`} href={`/quan-tri/bao-cao/${enc(r.form.code)}?${qs({ ky: r.period.key })}`} warn={r.missing > 0}>
            {/* the service's sentence ("13/14 phường đã nộp, 1 nộp muộn") after its leading fraction */}
            {r.summary.slice(r.summary.indexOf(' ') + 1)} — {r.period.label}
            <span class="muted"> · {r.form.name}</span>
          </Figure>
        ) : (
          r.lines
            .filter((l) => l.unit.code === unitCode)
            .map((l) => (
              <Figure n={l.statusLabel} href={`/quan-tri/bao-cao/${enc(r.form.code)}/${enc(l.unit.code)}/${enc(r.period.key)}`} warn={l.daysLate === null || (l.daysLate ?? 0) > 0}>
                báo cáo {r.period.label}
                {l.daysLate ? ` (muộn ${formatNumber(l.daysLate)} ngày)` : ''}
                <span class="muted"> · {r.form.name}</span>
              </Figure>
            ))
        ),
      )}
    </>
  );
}

/** The first land-clearance projects behind schedule, with a link to all of them. */
function BehindProjects({ behind, gpmbList }: { behind: ClearanceDashboard['projects']; gpmbList: string }) {
  return behind.length ? (
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
  ) : null;
}

/** The figures of the current campaign: the whole campaign's, or (below its unit) the user's unit's. */
export interface CampaignFiguresProps {
  k: { code: string; year: number; theme: string };
  whole: boolean;
  unitCode: string | null;
  unitName: string;
  /** the last day counted, as shown ("dd/mm/yyyy") */
  den: string;
  actorUnitCode: string;
  stats: CampaignStats | null;
  modelCounts: ModelCount[] | null;
  reports: Completeness[];
  clearance: ClearanceDashboard | null;
  /** what the models counted here mobilised (the whole campaign's, or the user's unit's) */
  resources: Resources | null;
}

/** The current campaign's card: models, reports, land-clearance projects behind schedule. */
export function CampaignFigures({ k, whole, unitCode, unitName, den, actorUnitCode, stats, modelCounts, reports, clearance, resources }: CampaignFiguresProps) {
  const modelList = (q: Record<string, string>) => `/quan-tri/mo-hinh?${qs({ chu_de: k.code, ...(whole ? {} : { don_vi: unitCode! }), ...q })}`;
  const behind = clearance ? clearance.projects.filter((p) => p.schedule.status === 'behind') : [];
  const gpmbList = `/quan-tri/gpmb?${qs({ don_vi: unitCode ?? '', den })}`;
  return (
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
        {resources ? <ResourceStats r={resources} money /> : null}
        <ReportFigures reports={reports} whole={whole} unitCode={actorUnitCode} />
        {clearance ? (
          <Figure n={behind.length} href={gpmbList} warn={behind.length > 0}>
            dự án GPMB chậm tiến độ (trong {formatNumber(clearance.totals.projects)} dự án)
          </Figure>
        ) : null}
      </div>
      <BehindProjects behind={behind} gpmbList={gpmbList} />
    </section>
  );
}

/** What waits for approval across the campaign: models sent, periodic reports, land-clearance steps. */
export function WaitingApprovals({ actor, code, waitingModels, reportsToApprove, gpmbApprovals }: { actor: UserActor; code: string; waitingModels: { total: number } | null; reportsToApprove: number; gpmbApprovals: number | null }) {
  return (
    <section class="card" aria-labelledby="cho-duyet">
      <h2 id="cho-duyet">Đang chờ duyệt</h2>
      <div class="stats">
        {waitingModels ? (
          <Figure n={waitingModels.total} href={`/quan-tri/mo-hinh?${qs({ chu_de: code, trang_thai: 'submitted' })}`} warn={waitingModels.total > 0}>
            mô hình gửi đăng ký chờ duyệt
          </Figure>
        ) : null}
        {can(actor, 'report.approve') ? (
          <Figure n={reportsToApprove} href="/quan-tri/viec-cua-toi">
            báo cáo định kỳ chờ duyệt
          </Figure>
        ) : null}
        {gpmbApprovals !== null && can(actor, 'clearance.approve') ? (
          <Figure n={gpmbApprovals} href="/quan-tri/gpmb/viec-cua-toi">
            bước, phương án, khoản chi trả GPMB chờ duyệt
          </Figure>
        ) : null}
      </div>
    </section>
  );
}

/** The admin's count of active units (by kind) and active accounts. */
export function UnitsAndAccounts({ units, users }: { units: { kind: string }[]; users: { active: boolean }[] | null }) {
  const byKind = new Map<string, number>();
  for (const u of units) byKind.set(u.kind, (byKind.get(u.kind) ?? 0) + 1);
  return (
    <section class="card" aria-labelledby="he-thong">
      <h2 id="he-thong">Đơn vị và tài khoản</h2>
      <div class="stats">
        <Figure n={units.length} href="/quan-tri/don-vi">
          đơn vị đang hoạt động
          <span class="muted">
            {' '}
            (
            {[...byKind.entries()]
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
  );
}
