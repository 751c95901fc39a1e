/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: what its pages share (links, badges, the totals and the projects table, the form post that remembers which form had the problem). */
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { formatDate, formatMoney, formatNumber, formatPercent } from '../../lib/vi.js';
import { type Ctx } from '../../web/context.js';
import { submitForm, type FormValues } from '../../web/forms.js';
import { type ClearanceDashboard, type ClearanceTotals, type ProjectLine } from './landClearance.stats.js';

export const enc = encodeURIComponent;
/** Projects per page of the dashboard (behind schedule first: the first page is the work). */
export const PAGE = 25;
export const P = (code: string) => `/quan-tri/gpmb/${enc(code)}`;
export const H = (code: string) => `/quan-tri/gpmb/ho-dan/${enc(code)}`;
/** Under a list cut at WORK_LIST_MAX: how many more there are. */
export const More = ({ shown, total }: { shown: number; total: number }) => (total > shown ? <p class="muted">… và {formatNumber(total - shown)} việc khác (đang hiện {formatNumber(shown)} việc sớm nhất).</p> : null);
export const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
export const Badge = ({ state, children }: { state: string; children?: Child }) => <span class={`badge state-${state}`}>{children}</span>;
export const Progress = ({ percent, label }: { percent: number; label?: string }) => (
  <progress class="progress" max={100} value={Math.max(0, Math.min(100, percent))} aria-label={label ?? `${percent}%`}>
    {percent}%
  </progress>
);

export type Problem = { issues: FieldIssue[]; message?: string | undefined; status?: 409 | 422 | undefined; values?: FormValues; form?: string };

/** `submitForm` with the problem carrying which of the page's forms it belongs to. */
export const submit = <T,>(c: Ctx, write: () => Promise<T>, redirect: string | ((r: T) => string), page: (p: Problem) => Promise<Response>, form?: string): Promise<Response> =>
  submitForm(c, write, redirect, (p) => page({ issues: p.issues, message: p.message, status: p.status, ...(form ? { form } : {}) }));

export function TotalsView({ t, dialoguesHref, householdsHref }: { t: ClearanceTotals; dialoguesHref?: string | undefined; householdsHref?: ((state: 'phe-duyet' | 'chi-tra' | 'ban-giao') => string) | undefined }) {
  const n = (status: string) => t.bySchedule.find((s) => s.status === status)?.count ?? 0;
  const unfollowed = t.projects - t.followedProjects;
  return (
    <div class="stats" aria-label="Số liệu tổng hợp">
      <div class="stat">
        <b>{formatNumber(t.projects)}</b> dự án ({t.byCategory.map((x) => `${formatNumber(x.count)} ${x.label.toLowerCase()}`).join(', ')})
      </div>
      <div class="stat">
        <b>{formatNumber(n('behind'))}</b> dự án chậm tiến độ;{' '}
        {[
          [n('onSchedule'), 'đúng tiến độ'],
          [n('stepsDone'), 'đã xong các bước, còn hộ chưa bàn giao'],
          [n('notStarted'), 'chưa triển khai'],
          [n('completed'), 'hoàn thành'],
          [n('untracked'), 'chưa cập nhật các bước (chưa rõ tiến độ)'],
        ]
          .filter(([k]) => (k as number) > 0)
          .map(([k, label]) => `${formatNumber(k as number)} ${label as string}`)
          .join(', ')}
      </div>
      <div class="stat">
        <b>{formatNumber(t.householdsAffected)}</b> hộ, tổ chức bị ảnh hưởng (kê khai); {formatNumber(t.followedProjects)} dự án theo dõi đến từng hộ ({formatNumber(t.households)} hộ, tổ chức đã lập hồ sơ)
        {unfollowed > 0 ? `, ${formatNumber(unfollowed)} dự án chưa theo dõi đến từng hộ` : ''}
      </div>
      {t.followedProjects > 0 ? (
        <>
          <div class="stat">
            <b>{householdsHref && t.plansApproved ? <a href={householdsHref('phe-duyet')}>{formatNumber(t.plansApproved)}</a> : formatNumber(t.plansApproved)}</b> phương án đã phê duyệt, {formatMoney(t.amountApproved)} <span class="muted">(ở {formatNumber(t.followedProjects)} dự án theo dõi đến từng hộ)</span>
          </div>
          <div class="stat">
            <b>{householdsHref && t.householdsPaid ? <a href={householdsHref('chi-tra')}>{formatNumber(t.householdsPaid)}</a> : formatNumber(t.householdsPaid)}</b> hộ đã nhận đủ tiền; đã chi {formatMoney(t.amountPaid)} ({formatPercent(t.amountPaid, t.amountApproved)} số được duyệt)
          </div>
          <div class="stat">
            <b>{householdsHref && t.handedOver ? <a href={householdsHref('ban-giao')}>{formatNumber(t.handedOver)}</a> : formatNumber(t.handedOver)}</b>/{formatNumber(t.followedAffected)} hộ, tổ chức đã bàn giao mặt bằng <span class="muted">(ở {formatNumber(t.followedProjects)} dự án theo dõi đến từng hộ)</span>
          </div>
        </>
      ) : (
        <div class="stat">Chưa dự án nào được theo dõi đến từng hộ: số hộ đã phê duyệt phương án, nhận tiền, bàn giao chưa có trong Khéo.</div>
      )}
      <div class="stat">
        <b>{formatNumber(t.dialogues)}</b> buổi đối thoại, {formatNumber(t.dialogueParticipants)} lượt người
        {dialoguesHref && t.dialogues ? (
          <>
            {' '}
            <a href={dialoguesHref}>Xem danh sách</a>
          </>
        ) : null}
      </div>
      <div class="stat">
        <b>{formatNumber(t.complaintsOpen)}</b> đơn chưa giải quyết{t.complaintsOverdue ? `, ${formatNumber(t.complaintsOverdue)} quá hạn` : ''}
      </div>
    </div>
  );
}

export function ProjectsTable({ projects, totals }: { projects: ProjectLine[]; totals?: ClearanceTotals }) {
  if (!projects.length) return <p class="muted">Chưa có dự án nào trong phạm vi này.</p>;
  return (
    <table class="responsive">
      <thead>
        <tr>
          <th>Dự án</th>
          <th>Loại</th>
          <th>Đơn vị</th>
          <th>Tiến độ</th>
          <th class="num">Hộ</th>
          <th class="num">Đã duyệt PA</th>
          <th class="num">Đã chi trả</th>
          <th class="num">Đã bàn giao</th>
        </tr>
      </thead>
      <tbody>
        {projects.map((p) => (
          <tr>
            <td data-label="Dự án">
              <a href={P(p.code)}>{p.name}</a>
              <br />
              <span class="muted">{p.code}</span>
            </td>
            <td data-label="Loại">{p.categoryLabel}</td>
            <td data-label="Đơn vị">{p.unitName}</td>
            <td data-label="Tiến độ">
              <Badge state={p.schedule.status}>{p.schedule.label}</Badge>
              {p.schedule.overdue ? <span class="muted"> · {formatNumber(p.schedule.overdue)} bước quá hạn</span> : null}
              <br />
              <Progress percent={p.schedule.percent} label={`${p.schedule.completed}/${p.schedule.applicable} bước`} /> {p.schedule.completed}/{p.schedule.applicable} bước
            </td>
            <td data-label="Hộ" class="num">
              {formatNumber(Math.max(p.households + p.organisations, p.householdsAffected + p.organisationsAffected))}
            </td>
            <td data-label="Đã duyệt PA" class="num">
              {p.followed ? formatNumber(p.plansApproved) : <span class="muted" title="Chưa theo dõi đến từng hộ">—</span>}
            </td>
            <td data-label="Đã chi trả" class="num">
              {p.followed ? formatNumber(p.paid) : <span class="muted" title="Chưa theo dõi đến từng hộ">—</span>}
            </td>
            <td data-label="Đã bàn giao" class="num">
              {p.followed ? formatNumber(p.handedOver) : <span class="muted" title="Chưa theo dõi đến từng hộ">—</span>}
            </td>
          </tr>
        ))}
      </tbody>
      {totals ? (
        <tfoot>
          <tr class="total">
            <th scope="row" colspan={4}>
              Tổng cộng ({formatNumber(totals.projects)} dự án{totals.projects > projects.length ? ', mọi trang' : ''})
            </th>
            <td data-label="Hộ" class="num">
              {formatNumber(totals.householdsAffected)}
            </td>
            <td data-label="Đã duyệt PA" class="num">
              {formatNumber(totals.plansApproved)}
            </td>
            <td data-label="Đã chi trả" class="num">
              {formatNumber(totals.householdsPaid)}
            </td>
            <td data-label="Đã bàn giao" class="num">
              {formatNumber(totals.handedOver)}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}

/** The dashboard's figures unit by unit, with their total (for a unit with more than one unit under it). */
export function UnitsTable({ byUnit, totals, through }: { byUnit: ClearanceDashboard['byUnit']; totals: ClearanceTotals; through: string }) {
  return (
    <div class="card">
      <h2>Theo đơn vị</h2>
      <p class="muted">Phương án đã duyệt, chi trả và bàn giao chỉ tính ở các dự án theo dõi đến từng hộ; đơn vị chưa có dự án nào như vậy ghi "chưa theo dõi đến từng hộ".</p>
      <table class="responsive">
        <thead>
          <tr>
            <th>Đơn vị</th>
            <th class="num">Dự án</th>
            <th class="num">Chậm tiến độ</th>
            <th class="num">Hộ bị ảnh hưởng</th>
            <th class="num">Đã duyệt PA</th>
            <th class="num">Đã chi trả</th>
            <th class="num">Số tiền đã chi</th>
            <th class="num">Đã bàn giao</th>
          </tr>
        </thead>
        <tbody>
          {byUnit.map((u) => (
            <tr>
              <td data-label="Đơn vị">
                <a href={`/quan-tri/gpmb?${new URLSearchParams({ don_vi: u.code, den: formatDate(through) }).toString()}`}>{u.name}</a>
              </td>
              <td data-label="Dự án" class="num">{formatNumber(u.projects)}</td>
              <td data-label="Chậm tiến độ" class="num">{formatNumber(u.bySchedule.find((s) => s.status === 'behind')?.count ?? 0)}</td>
              <td data-label="Hộ bị ảnh hưởng" class="num">{formatNumber(u.householdsAffected)}</td>
              {u.followedProjects ? (
                <>
                  <td data-label="Đã duyệt PA" class="num">{formatNumber(u.plansApproved)}</td>
                  <td data-label="Đã chi trả" class="num">{formatNumber(u.householdsPaid)}</td>
                  <td data-label="Số tiền đã chi" class="money">{formatMoney(u.amountPaid)}</td>
                  <td data-label="Đã bàn giao" class="num">{formatNumber(u.handedOver)}</td>
                </>
              ) : (
                // no project of the unit is followed down to each household: unknown, not 0
                <td data-label="Từng hộ" colspan={4} class="muted">
                  chưa theo dõi đến từng hộ
                </td>
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total">
            <th scope="row">Tổng cộng</th>
            <td data-label="Dự án" class="num">{formatNumber(totals.projects)}</td>
            <td data-label="Chậm tiến độ" class="num">{formatNumber(totals.bySchedule.find((s) => s.status === 'behind')?.count ?? 0)}</td>
            <td data-label="Hộ bị ảnh hưởng" class="num">{formatNumber(totals.householdsAffected)}</td>
            <td data-label="Đã duyệt PA" class="num">{formatNumber(totals.plansApproved)}</td>
            <td data-label="Đã chi trả" class="num">{formatNumber(totals.householdsPaid)}</td>
            <td data-label="Số tiền đã chi" class="money">{formatMoney(totals.amountPaid)}</td>
            <td data-label="Đã bàn giao" class="num">{formatNumber(totals.handedOver)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export const idParam = (c: Ctx, name: string): number => parseId(c.req.param(name)) ?? 0;
