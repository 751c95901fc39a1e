/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: dashboard, projects and their steps, households, dialogues, complaints, my work, the step catalogue and the holiday calendar. */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import type { FieldIssue } from '../../lib/errors.js';
import { parseId, parseThrough } from '../../lib/validation.js';
import { formatArea, formatDate, formatMoney, formatNumber, formatPercent, todayVn } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, list, pageActor, str, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { authorize, can, type UserActor } from '../../policy/policy.js';
import { CALENDAR_DAY_KINDS, listCalendarDays, removeCalendarDay, saveCalendarDay } from '../calendar/calendar.service.js';
import { listUnitsFlat } from '../units/units.service.js';
import { answerComplaint, completeFollowup, listComplaints, listDialogues, receiveComplaint, recordDialogue } from './landClearance.engagement.js';
import * as hh from './landClearance.households.js';
import { actOnStep, createProject, getProject, listStepKinds, maySeePersonal, requireProject, saveStepKind, updateProject, type PresentedProject } from './landClearance.service.js';
import { clearanceDashboard, dialogueRegister, householdRegister, myWork, SCHEDULE_FILTERS, type ClearanceTotals, type ProjectLine } from './landClearance.stats.js';
import { COMPLAINT_KINDS, HOUSEHOLD_KINDS, HOUSEHOLD_STATES, PAYMENT_METHODS, PROJECT_CATEGORIES } from './landClearance.table.js';

const enc = encodeURIComponent;
/** Projects per page of the dashboard (behind schedule first: the first page is the work). */
const PAGE = 25;
const P = (code: string) => `/quan-tri/gpmb/${enc(code)}`;
const H = (code: string) => `/quan-tri/gpmb/ho-dan/${enc(code)}`;
/** Under a list cut at WORK_LIST_MAX: how many more there are. */
const More = ({ shown, total }: { shown: number; total: number }) => (total > shown ? <p class="muted">… và {formatNumber(total - shown)} việc khác (đang hiện {formatNumber(shown)} việc sớm nhất).</p> : null);
const opts = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
const Badge = ({ state, children }: { state: string; children?: Child }) => <span class={`badge state-${state}`}>{children}</span>;
const Progress = ({ percent, label }: { percent: number; label?: string }) => (
  <progress class="progress" max={100} value={Math.max(0, Math.min(100, percent))} aria-label={label ?? `${percent}%`}>
    {percent}%
  </progress>
);

type Problem = { issues: FieldIssue[]; message?: string | undefined; status?: 409 | 422 | undefined; values?: FormValues; form?: string };

/** Runs a write; on a form problem (422, 409) re-renders `page` with it, else redirects (303). */
async function submit<T>(c: Ctx, write: () => Promise<T>, redirect: string | ((r: T) => string), page: (p: Problem) => Promise<Response>, form?: string): Promise<Response> {
  let result: T;
  try {
    result = await write();
  } catch (e) {
    const p = formProblem(e);
    if (p) return page({ issues: p.issues, message: p.message, status: p.status, ...(form ? { form } : {}) });
    throw e;
  }
  return c.redirect(typeof redirect === 'string' ? redirect : redirect(result), 303);
}

function TotalsView({ t, dialoguesHref, householdsHref }: { t: ClearanceTotals; dialoguesHref?: string | undefined; householdsHref?: ((state: 'phe-duyet' | 'chi-tra' | 'ban-giao') => string) | undefined }) {
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

function ProjectsTable({ projects, totals }: { projects: ProjectLine[]; totals?: ClearanceTotals }) {
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

// ——— project form ———
const projectInput = (v: FormValues) => ({
  name: str(v.name),
  unit: str(v.unit),
  units: list(v.units),
  category: str(v.category),
  investor: str(v.investor),
  areaM2: str(v.areaM2),
  householdsAffected: str(v.householdsAffected),
  organisationsAffected: str(v.organisationsAffected),
  startedOn: str(v.startedOn),
  dueOn: str(v.dueOn),
  officer: str(v.officer),
  documents: str(v.documents),
  models: str(v.models),
  description: str(v.description),
  isPublic: str(v.isPublic) === '1',
});

async function projectForm(c: Ctx, o: { code?: string; values: FormValues; problem?: Problem }) {
  const actor = pageActor(c);
  authorize(actor, 'clearance.manage');
  const units = (await listUnitsFlat(c.var.deps.db.db, actor)).filter((u) => u.active && u.kind !== 'residentialGroup');
  const v = o.values;
  const issues = o.problem?.issues ?? [];
  const isNew = !o.code;
  return render(
    c,
    <AdminLayout c={c} title={isNew ? 'Thêm dự án giải phóng mặt bằng' : `Sửa dự án ${o.code}`} active="gpmb">
      <ErrorSummary issues={issues} message={o.problem?.message} />
      <form method="post" action={isNew ? '/quan-tri/gpmb/moi' : `${P(o.code!)}/sua`} class="card" novalidate>
        <Csrf c={c} />
        <Field name="name" label="Tên dự án" value={str(v.name)} issues={issues} required />
        <SelectField name="category" label="Loại dự án" value={str(v.category)} issues={issues} required options={opts(PROJECT_CATEGORIES)} />
        <SelectField name="unit" label="Đơn vị chủ trì (phường, quận)" value={str(v.unit)} issues={issues} required options={unitOptions(units)} />
        <div class="field">
          <label for="f-units">Địa bàn liên quan khác</label>
          <p class="hint">Giữ Ctrl để chọn nhiều đơn vị.</p>
          <select id="f-units" name="units" multiple size={5}>
            {units.map((u) => (
              <option value={u.code} selected={list(v.units).includes(u.code)}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <Field name="investor" label="Chủ đầu tư" value={str(v.investor)} issues={issues} />
        <Field name="areaM2" label="Diện tích thu hồi (m²)" value={str(v.areaM2)} issues={issues} inputmode="decimal" hint="Ví dụ 12.345,5" />
        <div class="grid2">
          <Field name="householdsAffected" label="Số hộ bị ảnh hưởng" value={str(v.householdsAffected)} issues={issues} inputmode="numeric" />
          <Field name="organisationsAffected" label="Số tổ chức bị ảnh hưởng" value={str(v.organisationsAffected)} issues={issues} inputmode="numeric" />
          <Field name="startedOn" label="Ngày bắt đầu" value={str(v.startedOn)} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
          <Field name="dueOn" label="Hạn hoàn thành" value={str(v.dueOn)} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
        </div>
        <Field name="officer" label="Cán bộ phụ trách (tên đăng nhập)" value={str(v.officer)} issues={issues} />
        <TextAreaField name="documents" label="Văn bản căn cứ (mỗi dòng một số văn bản)" value={str(v.documents)} issues={issues} hint="Ví dụ 18-KH/QU" />
        <TextAreaField name="models" label='Mô hình "Dân vận khéo" gắn với dự án (mã, mỗi dòng một mã)' value={str(v.models)} issues={issues} />
        <TextAreaField name="description" label="Mô tả" value={str(v.description)} issues={issues} rows={4} />
        <div class="field checks">
          <label>
            <input type="checkbox" name="isPublic" value="1" checked={str(v.isPublic) === '1'} /> Công khai tiến độ (số liệu tổng hợp) trên cổng thông tin
          </label>
        </div>
        <div class="actions">
          <button type="submit">{isNew ? 'Thêm dự án' : 'Lưu thay đổi'}</button>
          <a href={isNew ? '/quan-tri/gpmb' : P(o.code!)}>Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    o.problem?.status ?? 200,
  );
}

// ——— project page ———
function StepActions({ c, p, s, actor }: { c: Ctx; p: PresentedProject; s: PresentedProject['steps'][number]; actor: UserActor }) {
  const action = `${P(p.code)}/buoc/${enc(s.code)}`;
  const manage = can(actor, 'clearance.manage');
  const approve = can(actor, 'clearance.approve');
  const Act = ({ label, kind, children }: { label: string; kind: string; children?: Child }) => (
    <details>
      <summary>{label}</summary>
      <form method="post" action={action}>
        <Csrf c={c} />
        <input type="hidden" name="action" value={kind} />
        {children}
        <button type="submit">{label}</button>
      </form>
    </details>
  );
  return (
    <div class="step-actions">
      {manage && s.status === 'pending' ? (
        <Act label="Đã thực hiện" kind="done">
          <Field name="doneOn" label="Ngày thực hiện" value={formatDate(todayVn())} issues={[]} inputmode="numeric" />
          <Field name="note" label="Ghi chú" issues={[]} />
        </Act>
      ) : null}
      {approve && s.status === 'done' && s.doneBy !== actor.username ? (
        <form method="post" action={action} class="inline">
          <Csrf c={c} />
          <input type="hidden" name="action" value="approve" />
          <button type="submit">Duyệt</button>
        </form>
      ) : null}
      {manage && s.status !== 'approved' && s.status !== 'paused' && s.status !== 'notApplicable' ? (
        <>
          <Act label="Đặt ngày dự kiến" kind="plan">
            <Field name="plannedOn" label="Ngày dự kiến" value={formatDate(s.plannedOn)} issues={[]} inputmode="numeric" />
          </Act>
          <Act label="Tạm dừng" kind="pause">
            <Field name="reason" label="Lý do" issues={[]} />
          </Act>
          <Act label="Không áp dụng" kind="notApplicable">
            <Field name="reason" label="Lý do" issues={[]} />
          </Act>
        </>
      ) : null}
      {manage && (s.status === 'paused' || s.status === 'notApplicable') ? (
        <form method="post" action={action} class="inline">
          <Csrf c={c} />
          <input type="hidden" name="action" value="resume" />
          <button type="submit">Tiếp tục</button>
        </form>
      ) : null}
    </div>
  );
}

async function projectPage(c: Ctx, code: string, problem?: Problem) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const p = await getProject(db, actor, code);
  const row = await requireProject(db, code);
  const personal = maySeePersonal(actor, row.unit_path);
  const dash = await clearanceDashboard(db, actor, { unit: p.unit, q: p.code });
  const line = dash.projects.find((x) => x.code === p.code);
  return render(
    c,
    <AdminLayout c={c} title={p.name} active="gpmb">
      <p>
        <a href="/quan-tri/gpmb">← Giải phóng mặt bằng</a>
      </p>
      <ErrorSummary issues={problem?.issues ?? []} message={problem?.message} />
      <div class="toolbar">
        {can(actor, 'clearance.manage') ? (
          <a class="button" href={`${P(p.code)}/sua`}>
            Sửa dự án
          </a>
        ) : null}
        {personal ? <a href={`${P(p.code)}/ho`}>Hộ bị ảnh hưởng</a> : null}
        {personal ? <a href={`${P(p.code)}/doi-thoai`}>Đối thoại</a> : null}
        {personal ? <a href={`${P(p.code)}/don`}>Khiếu nại, kiến nghị</a> : null}
        {p.isPublic ? <a href={`/gpmb/${enc(p.code)}`}>Trang công khai</a> : null}
      </div>
      <div class="grid2">
        <div class="card">
          <h2>Thông tin dự án</h2>
          <dl class="facts">
            <dt>Mã dự án</dt>
            <dd>{p.code}</dd>
            <dt>Loại</dt>
            <dd>{p.categoryLabel}</dd>
            <dt>Đơn vị chủ trì</dt>
            <dd>{p.unitName}</dd>
            {p.units.length ? (
              <>
                <dt>Địa bàn liên quan</dt>
                <dd>{p.units.map((u) => u.name).join('; ')}</dd>
              </>
            ) : null}
            <dt>Chủ đầu tư</dt>
            <dd>{p.investor ?? '—'}</dd>
            <dt>Diện tích thu hồi</dt>
            <dd>{p.areaM2 === null ? '—' : formatArea(Math.round(p.areaM2 * 100))}</dd>
            <dt>Hộ, tổ chức bị ảnh hưởng</dt>
            <dd>
              {formatNumber(p.householdsAffected)} hộ, {formatNumber(p.organisationsAffected)} tổ chức
            </dd>
            <dt>Thời gian</dt>
            <dd>
              {formatDate(p.startedOn) || '—'} – {formatDate(p.dueOn) || '—'}
            </dd>
            <dt>Cán bộ phụ trách</dt>
            <dd>{p.officerName ?? '—'}</dd>
            <dt>Công khai</dt>
            <dd>{p.isPublic ? 'Có (số liệu tổng hợp)' : 'Không'}</dd>
          </dl>
          {p.documents.length ? (
            <>
              <h3>Văn bản căn cứ</h3>
              <ul>
                {p.documents.map((d) => (
                  <li>
                    {d.number} ngày {formatDate(d.date)}: {d.title}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {p.models.length ? (
            <>
              <h3>Mô hình "Dân vận khéo" gắn với dự án</h3>
              <ul>
                {p.models.map((m) => (
                  <li>
                    <a href={`/quan-tri/mo-hinh/${enc(m.code)}`}>{m.name}</a> — {m.unitName}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
        <div class="card">
          <h2>Tiến độ</h2>
          <p>
            <Badge state={p.schedule.status}>{p.schedule.label}</Badge> · {p.schedule.completed}/{p.schedule.applicable} bước hoàn thành <Progress percent={p.schedule.percent} />
          </p>
          {line && !line.followed ? (
            <p class="muted">
              Dự án chưa theo dõi đến từng hộ trong Khéo: đã biết {formatNumber(p.householdsAffected)} hộ, {formatNumber(p.organisationsAffected)} tổ chức bị ảnh hưởng (kê khai); số hộ đã phê duyệt phương án, nhận tiền, bàn giao mặt bằng chưa được cập nhật.
              {line.dialogues ? ` ${formatNumber(line.dialogues)} buổi đối thoại.` : ''}
            </p>
          ) : null}
          {line && line.followed ? (
            <ul>
              <li>{formatNumber(line.households + line.organisations)} hộ, tổ chức đã lập hồ sơ</li>
              <li>
                {formatNumber(line.plansApproved)} phương án đã phê duyệt ({formatMoney(line.amountApproved)})
              </li>
              <li>
                {formatNumber(line.paid)} hộ đã nhận đủ tiền; đã chi {formatMoney(line.amountPaid)} ({formatPercent(line.amountPaid, line.amountApproved)})
              </li>
              <li>{formatNumber(line.handedOver)} hộ đã bàn giao mặt bằng</li>
              {line.blocked ? <li>{formatNumber(line.blocked)} hộ còn vướng mắc</li> : null}
              <li>
                {formatNumber(line.dialogues)} buổi đối thoại; {formatNumber(line.complaintsOpen)} đơn chưa giải quyết
                {line.complaintsOverdue ? `, ${formatNumber(line.complaintsOverdue)} quá hạn` : ''}
              </li>
            </ul>
          ) : null}
        </div>
      </div>
      <div class="card">
        <h2>Các bước theo quy trình</h2>
        <table class="responsive">
          <thead>
            <tr>
              <th>Bước</th>
              <th>Thời hạn</th>
              <th>Hạn</th>
              <th>Thực hiện</th>
              <th>Trạng thái</th>
              <th>Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {p.steps.map((s) => (
              <tr id={`buoc-${s.code}`}>
                <td data-label="Bước">
                  {s.name}
                  {s.legalBasis ? (
                    <>
                      <br />
                      <span class="muted">{s.legalBasis}</span>
                    </>
                  ) : null}
                </td>
                <td data-label="Thời hạn">{s.deadline ?? (s.optional ? 'Khi cần' : '—')}</td>
                <td data-label="Hạn">
                  {formatDate(s.dueOn) || '—'}
                  {s.plannedOn ? (
                    <>
                      <br />
                      <span class="muted">Dự kiến {formatDate(s.plannedOn)}</span>
                    </>
                  ) : null}
                </td>
                <td data-label="Thực hiện">
                  {s.doneOn ? `${formatDate(s.doneOn)} (${s.doneBy ?? ''})` : '—'}
                  {s.approvedOn ? (
                    <>
                      <br />
                      <span class="muted">
                        Duyệt {formatDate(s.approvedOn)} ({s.approvedBy})
                      </span>
                    </>
                  ) : null}
                </td>
                <td data-label="Trạng thái">
                  <Badge state={s.state}>
                    {s.state === 'overdue' ? `Quá hạn ${formatNumber(s.lateDays)} ngày` : s.state === 'dueSoon' && s.daysLeft !== null ? `Còn ${formatNumber(s.daysLeft)} ngày` : s.stateLabel}
                  </Badge>
                  {s.state === 'completed' && s.lateDays ? <span class="muted"> (chậm {formatNumber(s.lateDays)} ngày)</span> : null}
                  {s.reason ? (
                    <>
                      <br />
                      <span class="muted">Lý do: {s.reason}</span>
                    </>
                  ) : null}
                </td>
                <td data-label="Thao tác">
                  <StepActions c={c} p={p} s={s} actor={actor} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {can(actor, 'clearance.approve') ? <p class="hint">Người đánh dấu một bước đã thực hiện không tự duyệt bước đó: cần một người khác duyệt.</p> : null}
      </div>
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

// ——— households ———
const householdInput = (v: FormValues, project: string) => ({
  project,
  kind: str(v.kind) || 'household',
  name: str(v.name),
  address: str(v.address),
  phone: str(v.phone),
  note: str(v.note),
  parcels: str(v.mapSheet) || str(v.parcelNo) || str(v.areaM2) || str(v.recoveredM2) ? [{ mapSheet: str(v.mapSheet), parcelNo: str(v.parcelNo), landType: str(v.landType), areaM2: str(v.areaM2), recoveredM2: str(v.recoveredM2) }] : [],
});

function HouseholdFields({ v, issues }: { v: FormValues; issues: FieldIssue[] }) {
  const fix = issues.map((i) => ({ ...i, field: i.field.replace(/^parcels\[0\]\./, '') }));
  return (
    <>
      <SelectField name="kind" label="Loại" value={str(v.kind) || 'household'} issues={fix} options={opts(HOUSEHOLD_KINDS)} />
      <Field name="name" label="Tên hộ, tổ chức" value={str(v.name)} issues={fix} required />
      <Field name="address" label="Địa chỉ" value={str(v.address)} issues={fix} />
      <Field name="phone" label="Điện thoại" value={str(v.phone)} issues={fix} inputmode="tel" />
      <div class="grid2">
        <Field name="mapSheet" label="Tờ bản đồ" value={str(v.mapSheet)} issues={fix} />
        <Field name="parcelNo" label="Số thửa" value={str(v.parcelNo)} issues={fix} />
        <Field name="landType" label="Loại đất" value={str(v.landType)} issues={fix} hint="Ví dụ ODT, LUC" />
        <Field name="areaM2" label="Diện tích thửa (m²)" value={str(v.areaM2)} issues={fix} inputmode="decimal" hint="Ví dụ 120,5" />
        <Field name="recoveredM2" label="Diện tích thu hồi (m²)" value={str(v.recoveredM2)} issues={fix} inputmode="decimal" hint="Ví dụ 85,5" />
      </div>
      <TextAreaField name="note" label="Ghi chú" value={str(v.note)} issues={fix} />
    </>
  );
}

async function householdsPage(c: Ctx, code: string, problem?: Problem) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const state = c.req.query('trang_thai') || undefined;
  const r = await hh.listHouseholds(db, actor, code, { page: pageParam(c.req.query('trang')), state });
  const p = await getProject(db, actor, code);
  const v = problem?.values ?? {};
  return render(
    c,
    <AdminLayout c={c} title={`Hộ bị ảnh hưởng — ${p.name}`} active="gpmb">
      <p>
        <a href={P(code)}>← {p.name}</a>
      </p>
      <div class="toolbar">
        <a href={`${P(code)}/ho-x-buoc`}>Bảng hộ × bước</a>
        <a href={`${P(code)}/ho-x-buoc.xlsx`}>Tải bảng hộ × bước (Excel)</a>
        {can(actor, 'clearance.manage') ? <a href={`${P(code)}/nhap-ho`}>Nhập danh sách hộ từ Excel</a> : null}
      </div>
      <form method="get" action={`${P(code)}/ho`} class="card filters">
        <SelectField name="trang_thai" label="Trạng thái" value={state} issues={[]} empty="Tất cả" options={[...opts(HOUSEHOLD_STATES), { value: 'blocked', label: 'Còn vướng mắc' }]} />
        <button type="submit">Lọc</button>
      </form>
      <div class="card">
        <p>{formatNumber(r.total)} hộ, tổ chức</p>
        <table class="responsive">
          <thead>
            <tr>
              <th>Mã</th>
              <th>Tên</th>
              <th>Thửa đất</th>
              <th>Trạng thái</th>
              <th class="num">Được duyệt</th>
              <th class="num">Đã chi trả</th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((h) => (
              <tr>
                <td data-label="Mã">
                  <a href={H(h.code)}>{h.code}</a>
                </td>
                <td data-label="Tên">
                  {h.name}
                  {h.address ? (
                    <>
                      <br />
                      <span class="muted">{h.address}</span>
                    </>
                  ) : null}
                </td>
                <td data-label="Thửa đất">{h.parcels.map((x) => hh.parcelText(x) + (x.recoveredM2 !== null ? ` (thu hồi ${formatArea(Math.round(x.recoveredM2 * 100))})` : '')).join('; ')}</td>
                <td data-label="Trạng thái">
                  <Badge state={h.state}>{h.stateLabel}</Badge>
                  {h.openObstacles ? <span class="badge off">vướng mắc</span> : null}
                </td>
                <td data-label="Được duyệt" class="money">
                  {h.approvedAmount === null ? '—' : formatMoney(h.approvedAmount)}
                </td>
                <td data-label="Đã chi trả" class="money">
                  {formatMoney(h.paidAmount)}
                </td>
              </tr>
            ))}
          </tbody>
          {r.total ? (
            <tfoot>
              <tr class="total">
                <th scope="row" colspan={4}>
                  Tổng cộng ({formatNumber(r.total)} hộ, tổ chức{r.total > r.items.length ? ', mọi trang' : ''})
                </th>
                <td data-label="Được duyệt" class="money">
                  {formatMoney(r.totals.approvedAmount)}
                </td>
                <td data-label="Đã chi trả" class="money">
                  {formatMoney(r.totals.paidAmount)}
                </td>
              </tr>
            </tfoot>
          ) : null}
        </table>
        <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={(n) => `${P(code)}/ho?${new URLSearchParams({ ...(state ? { trang_thai: state } : {}), trang: String(n) }).toString()}`} />
      </div>
      {can(actor, 'clearance.manage') ? (
        <form method="post" action={`${P(code)}/ho`} class="card" novalidate id="them-ho">
          <h2>Thêm hộ, tổ chức</h2>
          <ErrorSummary issues={problem?.issues ?? []} message={problem?.message} />
          <Csrf c={c} />
          <HouseholdFields v={v} issues={problem?.issues ?? []} />
          <div class="actions">
            <button type="submit">Thêm</button>
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

async function householdPage(c: Ctx, code: string, problem?: Problem) {
  const actor = pageActor(c);
  const h = await hh.getHousehold(c.var.deps.db.db, actor, code);
  const manage = can(actor, 'clearance.manage');
  const approve = can(actor, 'clearance.approve');
  const issues = problem?.issues ?? [];
  const formIssues = (form: string) => (problem?.form === form ? issues : []);
  const v = problem?.values ?? {};
  const val = (form: string, name: string) => (problem?.form === form ? str(v[name]) : '');
  const draft = h.plans.find((x) => x.status === 'provisional');
  const parcel = h.parcels[0];
  const kinds = await listStepKinds(c.var.deps.db.db, actor);
  return render(
    c,
    <AdminLayout c={c} title={`${h.name} (${h.code})`} active="gpmb">
      <p>
        <a href={`${P(h.project)}/ho`}>← Hộ bị ảnh hưởng — {h.projectName}</a>
      </p>
      <ErrorSummary issues={issues} message={problem?.message} />
      <div class="grid2">
        <div class="card">
          <h2>Thông tin</h2>
          <p>
            <Badge state={h.state}>{h.stateLabel}</Badge>
          </p>
          <dl class="facts">
            <dt>Loại</dt>
            <dd>{h.kindLabel}</dd>
            <dt>Địa chỉ</dt>
            <dd>{h.address ?? '—'}</dd>
            <dt>Điện thoại</dt>
            <dd>{h.phone ?? '—'}</dd>
            <dt>Thửa đất</dt>
            <dd>
              {h.parcels.map((x) => (
                <div>
                  {hh.parcelText(x) || 'Chưa rõ số tờ, số thửa'}
                  {x.landType ? `, đất ${x.landType}` : ''}
                  {x.areaM2 !== null ? `, diện tích ${formatArea(Math.round(x.areaM2 * 100))}` : ''}
                  {x.recoveredM2 !== null ? `, thu hồi ${formatArea(Math.round(x.recoveredM2 * 100))}` : ''}
                </div>
              ))}
            </dd>
            <dt>Phương án được duyệt</dt>
            <dd>{h.approvedAmount === null ? 'Chưa có' : `${formatMoney(h.approvedAmount)} (ngày ${formatDate(h.approvedOn)})`}</dd>
            <dt>Đã chi trả</dt>
            <dd>
              {formatMoney(h.paidAmount)}
              {h.payBy ? <span class="muted"> · hạn chi trả {formatDate(h.payBy)}</span> : null}
            </dd>
            <dt>Bàn giao</dt>
            <dd>{h.handover ? `${formatDate(h.handover.handedOn)}${h.handover.minutesNo ? `, biên bản ${h.handover.minutesNo}` : ''}${h.handover.earlyAgreement ? ` (bàn giao trước: ${h.handover.earlyAgreement})` : ''}` : 'Chưa'}</dd>
          </dl>
        </div>
        {manage ? (
          <form method="post" action={H(h.code)} class="card" novalidate>
            <h2>Sửa thông tin</h2>
            <Csrf c={c} />
            <HouseholdFields
              v={problem?.form === 'sua' ? v : { kind: h.kind, name: h.name, address: h.address ?? '', phone: h.phone ?? '', note: h.note ?? '', mapSheet: parcel?.mapSheet ?? '', parcelNo: parcel?.parcelNo ?? '', landType: parcel?.landType ?? '', areaM2: parcel?.areaM2 == null ? '' : formatNumber(parcel.areaM2), recoveredM2: parcel?.recoveredM2 == null ? '' : formatNumber(parcel.recoveredM2) }}
              issues={formIssues('sua')}
            />
            <div class="actions">
              <button type="submit">Lưu</button>
            </div>
          </form>
        ) : null}
      </div>

      <div class="card" id="phuong-an">
        <h2>Phương án bồi thường, hỗ trợ, tái định cư</h2>
        {h.plans.length ? (
          <table class="responsive">
            <thead>
              <tr>
                <th>Lần</th>
                <th class="num">Về đất</th>
                <th class="num">Tài sản</th>
                <th class="num">Hỗ trợ</th>
                <th class="num">Tái định cư</th>
                <th class="num">Tổng cộng</th>
                <th>Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {h.plans.map((x) => (
                <tr>
                  <td data-label="Lần">{x.version}</td>
                  <td data-label="Về đất" class="money">{x.land === null ? '—' : formatMoney(x.land)}</td>
                  <td data-label="Tài sản" class="money">{x.assets === null ? '—' : formatMoney(x.assets)}</td>
                  <td data-label="Hỗ trợ" class="money">{x.support === null ? '—' : formatMoney(x.support)}</td>
                  <td data-label="Tái định cư" class="money">{x.resettlement === null ? '—' : formatMoney(x.resettlement)}</td>
                  <td data-label="Tổng cộng" class="money"><b>{formatMoney(x.total)}</b></td>
                  <td data-label="Trạng thái">
                    {x.statusLabel}
                    {x.decisionNumber ? ` — QĐ ${x.decisionNumber} ngày ${formatDate(x.approvedOn)}` : ''} <span class="muted">(lập: {x.createdBy}{x.approvedBy ? `; duyệt: ${x.approvedBy}` : ''})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">Chưa lập phương án.</p>
        )}
        {manage ? (
          <form method="post" action={`${H(h.code)}/phuong-an`} novalidate>
            <h3>{draft ? 'Sửa phương án dự thảo' : 'Lập phương án dự thảo'}</h3>
            <Csrf c={c} />
            <div class="grid2">
              <Field name="land" label="Bồi thường về đất (đồng)" value={val('phuong-an', 'land') || (draft?.land != null ? formatNumber(draft.land) : '')} issues={formIssues('phuong-an')} inputmode="numeric" hint="Số nguyên đồng, ví dụ 1.250.000.000" />
              <Field name="assets" label="Bồi thường nhà, công trình, tài sản (đồng)" value={val('phuong-an', 'assets') || (draft?.assets != null ? formatNumber(draft.assets) : '')} issues={formIssues('phuong-an')} inputmode="numeric" />
              <Field name="support" label="Hỗ trợ (đồng)" value={val('phuong-an', 'support') || (draft?.support != null ? formatNumber(draft.support) : '')} issues={formIssues('phuong-an')} inputmode="numeric" />
              <Field name="resettlement" label="Tái định cư (đồng)" value={val('phuong-an', 'resettlement') || (draft?.resettlement != null ? formatNumber(draft.resettlement) : '')} issues={formIssues('phuong-an')} inputmode="numeric" />
            </div>
            <div class="actions">
              <button type="submit">Lưu phương án dự thảo</button>
            </div>
          </form>
        ) : null}
        {approve && draft ? (
          <form method="post" action={`${H(h.code)}/phe-duyet`} novalidate>
            <h3>Phê duyệt phương án lần {draft.version} ({formatMoney(draft.total)})</h3>
            <p class="hint">Người lập phương án không tự phê duyệt. Sau khi phê duyệt, phương án không sửa được nữa.</p>
            <Csrf c={c} />
            <div class="grid2">
              <Field name="decisionNumber" label="Số quyết định phê duyệt" value={val('phe-duyet', 'decisionNumber')} issues={formIssues('phe-duyet')} required hint="Ví dụ 1234/QĐ-UBND" />
              <Field name="approvedOn" label="Ngày phê duyệt" value={val('phe-duyet', 'approvedOn')} issues={formIssues('phe-duyet')} required inputmode="numeric" hint="dd/mm/yyyy" />
              <Field name="effectiveOn" label="Ngày quyết định có hiệu lực" value={val('phe-duyet', 'effectiveOn')} issues={formIssues('phe-duyet')} inputmode="numeric" hint="Để trống nếu có hiệu lực từ ngày ký" />
            </div>
            <div class="actions">
              <button type="submit">Phê duyệt</button>
            </div>
          </form>
        ) : null}
      </div>

      <div class="card" id="chi-tra">
        <h2>Chi trả</h2>
        {h.payments.length ? (
          <table class="responsive">
            <thead>
              <tr>
                <th>Ngày</th>
                <th class="num">Số tiền</th>
                <th>Hình thức, chứng từ</th>
                <th>Trạng thái</th>
                <th>Chậm chi trả</th>
              </tr>
            </thead>
            <tbody>
              {h.payments.map((x) => (
                <tr>
                  <td data-label="Ngày">{formatDate(x.paidOn)}</td>
                  <td data-label="Số tiền" class="money">{formatMoney(x.amount)}</td>
                  <td data-label="Hình thức">
                    {x.methodLabel}
                    {x.receiptNo ? `, ${x.receiptNo}` : ''}
                  </td>
                  <td data-label="Trạng thái">
                    {x.statusLabel} <span class="muted">(ghi: {x.recordedBy}{x.confirmedBy ? `; xác nhận: ${x.confirmedBy}` : ''})</span>
                    {approve && x.status === 'recorded' && x.recordedBy !== actor.username ? (
                      <form method="post" action={`${H(h.code)}/chi-tra/${x.id}/xac-nhan`} class="inline">
                        <Csrf c={c} />
                        <button type="submit">Xác nhận</button>
                      </form>
                    ) : null}
                  </td>
                  <td data-label="Chậm chi trả">{x.lateDays ? `${formatNumber(x.lateDays)} ngày; tiền chậm trả phải trả thêm ${formatMoney(x.lateAmount)}` : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">Chưa có khoản chi trả.</p>
        )}
        {manage && h.approvedAmount !== null ? (
          <form method="post" action={`${H(h.code)}/chi-tra`} novalidate>
            <h3>Ghi nhận khoản chi trả</h3>
            <p class="hint">Còn phải trả {formatMoney(Math.max(0, h.approvedAmount - h.payments.reduce((s, x) => s + x.amount, 0)))}. Khoản chi trả được tính sau khi một người khác xác nhận.</p>
            <Csrf c={c} />
            <div class="grid2">
              <Field name="amount" label="Số tiền (đồng)" value={val('chi-tra', 'amount')} issues={formIssues('chi-tra')} required inputmode="numeric" />
              <Field name="paidOn" label="Ngày chi trả" value={val('chi-tra', 'paidOn') || formatDate(todayVn())} issues={formIssues('chi-tra')} required inputmode="numeric" />
              <SelectField name="method" label="Hình thức" value={val('chi-tra', 'method') || 'transfer'} issues={formIssues('chi-tra')} options={opts(PAYMENT_METHODS)} />
              <Field name="receiptNo" label="Số chứng từ" value={val('chi-tra', 'receiptNo')} issues={formIssues('chi-tra')} />
            </div>
            <div class="actions">
              <button type="submit">Ghi nhận</button>
            </div>
          </form>
        ) : null}
      </div>

      <div class="grid2">
        <div class="card" id="vuong-mac">
          <h2>Vướng mắc</h2>
          {h.obstacles.length ? (
            <ul>
              {h.obstacles.map((o) => (
                <li>
                  {formatDate(o.openedOn)}: {o.description} —{' '}
                  {o.resolvedOn ? (
                    <span>
                      đã giải quyết {formatDate(o.resolvedOn)} ({o.resolution}), sau {formatNumber(o.daysOpen)} ngày
                    </span>
                  ) : (
                    <b>đang mở {formatNumber(o.daysOpen)} ngày</b>
                  )}
                  {manage && !o.resolvedOn ? (
                    <details>
                      <summary>Giải quyết</summary>
                      <form method="post" action={`${H(h.code)}/vuong-mac/${o.id}/giai-quyet`} novalidate>
                        <Csrf c={c} />
                        <Field name="resolvedOn" label="Ngày giải quyết" value={formatDate(todayVn())} issues={formIssues(`giai-quyet-${o.id}`)} inputmode="numeric" />
                        <Field name="resolution" label="Cách giải quyết" issues={formIssues(`giai-quyet-${o.id}`)} />
                        <button type="submit">Ghi nhận đã giải quyết</button>
                      </form>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Không có vướng mắc.</p>
          )}
          {manage && !h.handover ? (
            <form method="post" action={`${H(h.code)}/vuong-mac`} novalidate>
              <h3>Ghi vướng mắc</h3>
              <Csrf c={c} />
              <Field name="openedOn" label="Ngày phát sinh" value={val('vuong-mac', 'openedOn') || formatDate(todayVn())} issues={formIssues('vuong-mac')} inputmode="numeric" />
              <TextAreaField name="description" label="Nội dung vướng mắc" value={val('vuong-mac', 'description')} issues={formIssues('vuong-mac')} />
              <button type="submit">Ghi vướng mắc</button>
            </form>
          ) : null}
        </div>
        <div class="card" id="ban-giao">
          <h2>Bàn giao mặt bằng</h2>
          {h.handover ? (
            <p>
              Đã bàn giao ngày {formatDate(h.handover.handedOn)}
              {h.handover.areaM2 !== null ? `, diện tích ${formatArea(Math.round(h.handover.areaM2 * 100))}` : ''}.
            </p>
          ) : manage ? (
            <form method="post" action={`${H(h.code)}/ban-giao`} novalidate>
              <Csrf c={c} />
              <Field name="handedOn" label="Ngày bàn giao" value={val('ban-giao', 'handedOn') || formatDate(todayVn())} issues={formIssues('ban-giao')} required inputmode="numeric" />
              <Field name="areaM2" label="Diện tích bàn giao (m²)" value={val('ban-giao', 'areaM2')} issues={formIssues('ban-giao')} inputmode="decimal" />
              <Field name="minutesNo" label="Số biên bản" value={val('ban-giao', 'minutesNo')} issues={formIssues('ban-giao')} />
              <TextAreaField name="earlyAgreement" label="Thỏa thuận bàn giao trước khi phê duyệt phương án (nếu có)" value={val('ban-giao', 'earlyAgreement')} issues={formIssues('ban-giao')} />
              <button type="submit">Ghi nhận bàn giao</button>
            </form>
          ) : (
            <p class="muted">Chưa bàn giao.</p>
          )}
          <h3>Các bước đã làm với hộ</h3>
          {h.steps.length ? (
            <ul>
              {h.steps.map((s) => (
                <li>
                  {kinds.find((k) => k.code === s.step)?.name ?? s.step}: {formatDate(s.doneOn)}
                  {s.note ? ` (${s.note})` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Chưa ghi nhận.</p>
          )}
          {manage ? (
            <form method="post" action={`${H(h.code)}/buoc`} novalidate>
              <Csrf c={c} />
              <SelectField name="step" label="Bước" value={val('buoc', 'step') || 'kiem-dem'} issues={formIssues('buoc')} options={kinds.filter((k) => k.active).map((k) => ({ value: k.code, label: k.name }))} />
              <Field name="doneOn" label="Ngày thực hiện" value={val('buoc', 'doneOn') || formatDate(todayVn())} issues={formIssues('buoc')} inputmode="numeric" />
              <Field name="note" label="Ghi chú" value={val('buoc', 'note')} issues={formIssues('buoc')} />
              <button type="submit">Ghi nhận</button>
            </form>
          ) : null}
        </div>
      </div>
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

// ——— dialogues and complaints ———
async function dialoguesPage(c: Ctx, code: string, problem?: Problem) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const items = await listDialogues(db, actor, code);
  const p = await getProject(db, actor, code);
  const households = can(actor, 'clearance.manage') ? (await hh.listHouseholds(db, actor, code, { page: 1 })).items : [];
  const v = problem?.values ?? {};
  const issues = problem?.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title={`Đối thoại — ${p.name}`} active="gpmb">
      <p>
        <a href={P(code)}>← {p.name}</a>
      </p>
      {items.length ? (
        items.map((d) => (
          <div class="card">
            <h2>
              Đối thoại ngày {formatDate(d.heldOn)} tại {d.place}
            </h2>
            <p>
              Chủ trì: {d.chair}; {formatNumber(d.participants)} người tham dự.{' '}
              <a href={`${P(code)}/doi-thoai/${d.id}/bien-ban.docx`}>Tải biên bản (Word)</a>
            </p>
            {d.households.length ? <p>Hộ tham gia: {d.households.map((x) => x.name).join('; ')}</p> : null}
            {d.issues ? <p><b>Ý kiến nêu ra:</b> {d.issues}</p> : null}
            {d.agreements ? <p><b>Nội dung thống nhất:</b> {d.agreements}</p> : null}
            {d.followups.length ? (
              <ul>
                {d.followups.map((f) => (
                  <li>
                    {f.task} — {f.owner}
                    {f.dueOn ? `, hạn ${formatDate(f.dueOn)}` : ''}: {f.doneOn ? `xong ngày ${formatDate(f.doneOn)}` : f.overdue ? <b>quá hạn</b> : 'đang làm'}
                    {!f.doneOn && can(actor, 'clearance.manage') ? (
                      <form method="post" action={`${P(code)}/doi-thoai/viec/${f.id}`} class="inline">
                        <Csrf c={c} />
                        <input type="hidden" name="doneOn" value={todayVn()} />
                        <button type="submit" class="link">
                          Đánh dấu xong hôm nay
                        </button>
                      </form>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ))
      ) : (
        <p class="muted">Chưa có buổi đối thoại nào.</p>
      )}
      {can(actor, 'clearance.manage') ? (
        <form method="post" action={`${P(code)}/doi-thoai`} class="card" novalidate>
          <h2>Ghi nhận buổi đối thoại</h2>
          <ErrorSummary issues={issues} message={problem?.message} />
          <Csrf c={c} />
          <div class="grid2">
            <Field name="heldOn" label="Ngày đối thoại" value={str(v.heldOn) || formatDate(todayVn())} issues={issues} required inputmode="numeric" />
            <Field name="place" label="Địa điểm" value={str(v.place)} issues={issues} required />
            <Field name="chair" label="Người chủ trì" value={str(v.chair)} issues={issues} required />
            <Field name="participants" label="Số người tham dự" value={str(v.participants)} issues={issues} required inputmode="numeric" />
          </div>
          {households.length ? (
            <fieldset class="field checks">
              <legend>Hộ tham gia</legend>
              {households.map((x) => (
                <label>
                  <input type="checkbox" name="households" value={x.code} checked={list(v.households).includes(x.code)} /> {x.name} ({x.code})
                </label>
              ))}
            </fieldset>
          ) : null}
          <TextAreaField name="issues" label="Ý kiến, vấn đề nêu ra" value={str(v.issues)} issues={issues} rows={4} />
          <TextAreaField name="agreements" label="Nội dung thống nhất" value={str(v.agreements)} issues={issues} rows={4} />
          <TextAreaField name="followups" label="Việc cần làm tiếp (mỗi dòng: nội dung | người, đơn vị thực hiện | hạn dd/mm/yyyy)" value={str(v.followups)} issues={issues} rows={3} />
          <div class="actions">
            <button type="submit">Ghi nhận</button>
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

async function complaintsPage(c: Ctx, code: string, problem?: Problem) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const items = await listComplaints(db, actor, code);
  const p = await getProject(db, actor, code);
  const v = problem?.values ?? {};
  const issues = problem?.form === 'moi' || !problem?.form ? (problem?.issues ?? []) : [];
  const manage = can(actor, 'clearance.manage');
  const households = manage ? await hh.householdChoices(db, actor, code) : [];
  return render(
    c,
    <AdminLayout c={c} title={`Khiếu nại, kiến nghị — ${p.name}`} active="gpmb">
      <p>
        <a href={P(code)}>← {p.name}</a>
      </p>
      <ErrorSummary issues={problem?.issues ?? []} message={problem?.message} />
      <div class="card">
        {items.length ? (
          <table class="responsive">
            <thead>
              <tr>
                <th>Tiếp nhận</th>
                <th>Loại</th>
                <th>Người gửi</th>
                <th>Nội dung</th>
                <th>Hạn giải quyết</th>
                <th>Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr>
                  <td data-label="Tiếp nhận">{formatDate(x.receivedOn)}</td>
                  <td data-label="Loại">{x.kindLabel}</td>
                  <td data-label="Người gửi">{x.household ? x.household.name : '—'}</td>
                  <td data-label="Nội dung">
                    {x.content}
                    {x.answer ? (
                      <>
                        <br />
                        <span class="muted">
                          Trả lời ngày {formatDate(x.answeredOn)}: {x.answer}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td data-label="Hạn">
                    {formatDate(x.dueOn)}
                    {x.overdueDays ? <Badge state="overdue">quá {formatNumber(x.overdueDays)} ngày</Badge> : null}
                  </td>
                  <td data-label="Trạng thái">
                    {x.statusLabel}
                    {x.handler ? <span class="muted"> ({x.handler})</span> : null}
                    {manage && x.status !== 'answered' ? (
                      <details>
                        <summary>Trả lời</summary>
                        <form method="post" action={`${P(code)}/don/${x.id}/tra-loi`} novalidate>
                          <Csrf c={c} />
                          <TextAreaField name="answer" label="Nội dung trả lời" value="" issues={problem?.form === `tra-loi-${x.id}` ? problem.issues : []} />
                          <Field name="answeredOn" label="Ngày trả lời" value={formatDate(todayVn())} issues={problem?.form === `tra-loi-${x.id}` ? problem.issues : []} inputmode="numeric" />
                          <button type="submit">Ghi nhận trả lời</button>
                        </form>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">Chưa có đơn nào.</p>
        )}
      </div>
      {manage ? (
        <form method="post" action={`${P(code)}/don`} class="card" novalidate>
          <h2>Tiếp nhận đơn</h2>
          <p class="hint">Hạn giải quyết tự tính: khiếu nại 30 ngày (Điều 28 Luật Khiếu nại), kiến nghị 15 ngày kể từ ngày tiếp nhận.</p>
          <Csrf c={c} />
          <SelectField name="kind" label="Loại đơn" value={str(v.kind) || 'complaint'} issues={issues} options={opts(COMPLAINT_KINDS)} />
          {households.length ? (
            <SelectField name="household" label="Hộ gửi đơn" value={str(v.household)} issues={issues} empty="Không thuộc hộ nào trong danh sách" options={households} />
          ) : (
            <Field name="household" label="Mã hộ gửi đơn (nếu có)" value={str(v.household)} issues={issues} />
          )}
          <Field name="receivedOn" label="Ngày tiếp nhận" value={str(v.receivedOn) || formatDate(todayVn())} issues={issues} required inputmode="numeric" />
          <TextAreaField name="content" label="Nội dung" value={str(v.content)} issues={issues} rows={4} />
          <Field name="handler" label="Người, đơn vị xử lý" value={str(v.handler)} issues={issues} />
          <div class="actions">
            <button type="submit">Tiếp nhận</button>
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

const followupLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [task = '', owner = '', dueOn = ''] = l.split('|').map((x) => x.trim());
      return { task, owner, dueOn };
    });

// ——— catalogue and calendar ———
async function catalogPage(c: Ctx, problem?: Problem) {
  const actor = pageActor(c);
  const kinds = await listStepKinds(c.var.deps.db.db, actor);
  const configure = can(actor, 'clearance.configure', { unitPath: '/' });
  const v = problem?.values ?? {};
  const issues = problem?.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title="Quy trình giải phóng mặt bằng" active="gpmb">
      <p>
        <a href="/quan-tri/gpmb">← Giải phóng mặt bằng</a>
      </p>
      <p>Các bước và thời hạn theo Luật Đất đai 2024 và văn bản hướng dẫn. Khi luật hoặc quy định của thành phố thay đổi thời hạn, sửa ở đây: hạn của mọi dự án được tính lại theo bảng này và lịch ngày nghỉ.</p>
      <ErrorSummary issues={issues} message={problem?.message} />
      <div class="card">
        <table class="responsive">
          <thead>
            <tr>
              <th>Thứ tự</th>
              <th>Bước</th>
              <th>Thời hạn</th>
              <th>Tính từ</th>
              <th>Căn cứ</th>
              <th>Đang dùng</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr>
                <td data-label="Thứ tự">{k.sortOrder}</td>
                <td data-label="Bước">
                  {k.name} <span class="muted">({k.code})</span>
                  {k.optional ? <span class="badge">khi cần</span> : null}
                </td>
                <td data-label="Thời hạn">{k.deadlineDays === null ? '—' : `${k.deadlineDays} ${k.dayKind === 'working' ? 'ngày làm việc' : 'ngày'}`}</td>
                <td data-label="Tính từ">{k.countedFrom ? (kinds.find((x) => x.code === k.countedFrom)?.name ?? k.countedFrom) : 'Ngày bắt đầu dự án'}</td>
                <td data-label="Căn cứ">{k.legalBasis ?? '—'}</td>
                <td data-label="Đang dùng">{k.active ? 'Có' : 'Không'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {configure ? (
        <form method="post" action="/quan-tri/gpmb/quy-trinh" class="card" novalidate>
          <h2>Thêm hoặc sửa một bước</h2>
          <p class="hint">Nhập mã của bước có sẵn để sửa bước đó; mã mới để thêm bước.</p>
          <Csrf c={c} />
          <div class="grid2">
            <Field name="code" label="Mã bước" value={str(v.code)} issues={issues} required hint="Ví dụ chi-tra" />
            <Field name="name" label="Tên bước" value={str(v.name)} issues={issues} required />
            <Field name="sortOrder" label="Thứ tự" value={str(v.sortOrder)} issues={issues} inputmode="numeric" />
            <Field name="deadlineDays" label="Thời hạn (số ngày)" value={str(v.deadlineDays)} issues={issues} inputmode="numeric" hint="Để trống nếu không có thời hạn luật định" />
            <SelectField name="dayKind" label="Cách tính" value={str(v.dayKind) || 'calendar'} issues={issues} options={[{ value: 'calendar', label: 'Ngày (theo lịch)' }, { value: 'working', label: 'Ngày làm việc' }]} />
            <SelectField name="countedFrom" label="Tính từ khi xong bước" value={str(v.countedFrom)} issues={issues} empty="Ngày bắt đầu dự án" options={kinds.map((k) => ({ value: k.code, label: k.name }))} />
          </div>
          <Field name="legalBasis" label="Căn cứ pháp lý" value={str(v.legalBasis)} issues={issues} />
          <div class="field checks">
            <label>
              <input type="checkbox" name="optional" value="1" checked={str(v.optional) === '1'} /> Chỉ khi cần (ví dụ cưỡng chế)
            </label>
            <label>
              <input type="checkbox" name="active" value="1" checked={str(v.active ?? '1') !== ''} /> Đang dùng
            </label>
          </div>
          <button type="submit">Lưu bước</button>
        </form>
      ) : null}
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

async function calendarPage(c: Ctx, problem?: Problem) {
  const actor = pageActor(c);
  const days = await listCalendarDays(c.var.deps.db.db, actor);
  const configure = can(actor, 'clearance.configure', { unitPath: '/' });
  const v = problem?.values ?? {};
  const issues = problem?.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title="Lịch ngày nghỉ lễ, Tết và ngày làm bù" active="gpmb">
      <p>
        <a href="/quan-tri/gpmb">← Giải phóng mặt bằng</a>
      </p>
      <p>Thời hạn tính theo ngày làm việc bỏ qua thứ Bảy, Chủ nhật và các ngày nghỉ dưới đây, và tính cả các ngày làm bù. Tết Nguyên đán và Giỗ Tổ theo âm lịch: cập nhật mỗi năm theo thông báo của Chính phủ.</p>
      <ErrorSummary issues={issues} message={problem?.message} />
      {configure ? (
        <form method="post" action="/quan-tri/gpmb/lich-nghi" class="card filters" novalidate>
          <Csrf c={c} />
          <Field name="day" label="Ngày" value={str(v.day)} issues={issues} required inputmode="numeric" hint="dd/mm/yyyy" />
          <SelectField name="kind" label="Loại ngày" value={str(v.kind) || 'holiday'} issues={issues} options={opts(CALENDAR_DAY_KINDS)} />
          <Field name="name" label="Tên" value={str(v.name)} issues={issues} required hint="Ví dụ Tết Nguyên đán" />
          <button type="submit">Thêm vào lịch</button>
        </form>
      ) : null}
      <div class="card">
        {days.length ? (
          <table class="responsive">
            <thead>
              <tr>
                <th>Ngày</th>
                <th>Loại</th>
                <th>Tên</th>
                {configure ? <th></th> : null}
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((d) => (
                <tr>
                  <td data-label="Ngày">{formatDate(d.day)}</td>
                  <td data-label="Loại">{CALENDAR_DAY_KINDS[d.kind]}</td>
                  <td data-label="Tên">{d.name}</td>
                  {configure ? (
                    <td>
                      <form method="post" action="/quan-tri/gpmb/lich-nghi/xoa" class="inline">
                        <Csrf c={c} />
                        <input type="hidden" name="day" value={d.day} />
                        <button type="submit" class="link">
                          Xóa
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">Chưa có ngày nghỉ nào trong lịch.</p>
        )}
      </div>
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

/** /quan-tri/gpmb/doi-thoai: every dialogue of a subtree through a day — the list behind "N buổi đối thoại, M lượt". */
async function dialogueRegisterPage(c: Ctx) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const q = c.req.query();
  const through = parseThrough(q.den);
  const year = /^\d{4}$/.test(q.nam ?? '') ? Number(q.nam) : undefined;
  const r = await dialogueRegister(db, actor, { unit: q.don_vi || undefined, through, year });
  const units = (await listUnitsFlat(db, actor)).filter((u) => u.kind !== 'residentialGroup');
  return render(
    c,
    <AdminLayout c={c} title="Các buổi đối thoại với Nhân dân" active="gpmb">
      <p>
        <a href={`/quan-tri/gpmb?${new URLSearchParams({ ...(q.don_vi ? { don_vi: q.don_vi } : {}), den: formatDate(through) }).toString()}`}>← Giải phóng mặt bằng</a>
      </p>
      <form method="get" action="/quan-tri/gpmb/doi-thoai" class="card filters">
        <SelectField name="don_vi" label="Đơn vị (gồm trực thuộc)" value={q.don_vi} issues={[]} empty="Đơn vị của tôi" options={unitOptions(units)} />
        <Field name="den" label="Tính đến ngày" value={formatDate(through)} issues={[]} inputmode="numeric" />
        {year ? <input type="hidden" name="nam" value={String(year)} /> : null}
        <div class="actions">
          <button type="submit">Xem</button>
        </div>
      </form>
      <h2>
        {r.unit?.name ?? 'Toàn bộ'} — đến ngày {formatDate(r.through)}
      </h2>
      <p>
        <b>{formatNumber(r.total.dialogues)}</b> buổi đối thoại, <b>{formatNumber(r.total.participants)}</b> lượt người tham dự
        {year ? `, ở các dự án thực hiện trong năm ${year}` : ''}.
      </p>
      {r.items.length ? (
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>STT</th>
                <th>Ngày</th>
                <th>Dự án</th>
                <th>Đơn vị</th>
                <th>Địa điểm</th>
                <th>Chủ trì</th>
                <th class="num">Số người dự</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((x, i) => (
                <tr>
                  <td data-label="STT">{formatNumber(i + 1)}</td>
                  <td data-label="Ngày">{formatDate(x.heldOn)}</td>
                  <td data-label="Dự án">
                    <a href={`/quan-tri/gpmb/${encodeURIComponent(x.project)}`}>{x.projectName}</a>
                  </td>
                  <td data-label="Đơn vị">{x.unitName}</td>
                  <td data-label="Địa điểm">{x.place}</td>
                  <td data-label="Chủ trì">{x.chair}</td>
                  <td data-label="Số người dự" class="num">
                    {formatNumber(x.participants)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="total">
                <th scope="row" colspan={6}>
                  Tổng cộng ({formatNumber(r.total.dialogues)} buổi)
                </th>
                <td data-label="Số người dự" class="num">
                  {formatNumber(r.total.participants)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : (
        <p class="muted">Chưa có buổi đối thoại nào đến ngày này.</p>
      )}
    </AdminLayout>,
  );
}

/** The household register's states: URL word, milestone, what the list is and its date column. */
const MILESTONE_PAGES = {
  'phe-duyet': { milestone: 'approved', title: 'Hộ, tổ chức đã được phê duyệt phương án', date: 'Ngày phê duyệt' },
  'chi-tra': { milestone: 'paid', title: 'Hộ, tổ chức đã nhận đủ tiền bồi thường, hỗ trợ', date: 'Ngày nhận đủ' },
  'ban-giao': { milestone: 'handedOver', title: 'Hộ, tổ chức đã bàn giao mặt bằng', date: 'Ngày bàn giao' },
} as const;

/** /quan-tri/gpmb/ho-dan: the households behind a household figure of the dashboard or the report. */
async function householdRegisterPage(c: Ctx) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const q = c.req.query();
  const word = (q.trang_thai ?? 'ban-giao') in MILESTONE_PAGES ? ((q.trang_thai ?? 'ban-giao') as keyof typeof MILESTONE_PAGES) : 'ban-giao';
  const m = MILESTONE_PAGES[word];
  const through = parseThrough(q.den);
  const year = /^\d{4}$/.test(q.nam ?? '') ? Number(q.nam) : undefined;
  const r = await householdRegister(db, actor, { unit: q.don_vi || undefined, through, year, milestone: m.milestone, page: pageParam(q.trang) });
  const units = (await listUnitsFlat(db, actor)).filter((u) => u.kind !== 'residentialGroup');
  const params = (extra: Record<string, string>) => new URLSearchParams({ ...(q.don_vi ? { don_vi: q.don_vi } : {}), den: formatDate(through), ...(year ? { nam: String(year) } : {}), trang_thai: word, ...extra }).toString();
  return render(
    c,
    <AdminLayout c={c} title={m.title} active="gpmb">
      <p>
        <a href={`/quan-tri/gpmb?${new URLSearchParams({ ...(q.don_vi ? { don_vi: q.don_vi } : {}), den: formatDate(through) }).toString()}`}>← Giải phóng mặt bằng</a>
      </p>
      <nav class="toolbar" aria-label="Chọn danh sách">
        {Object.entries(MILESTONE_PAGES).map(([w, x]) => (
          <a href={`/quan-tri/gpmb/ho-dan?${params({ trang_thai: w })}`} aria-current={w === word ? 'page' : undefined}>
            {x.title.replace('Hộ, tổ chức đã ', 'Đã ')}
          </a>
        ))}
      </nav>
      <form method="get" action="/quan-tri/gpmb/ho-dan" class="card filters">
        <SelectField name="don_vi" label="Đơn vị (gồm trực thuộc)" value={q.don_vi} issues={[]} empty="Đơn vị của tôi" options={unitOptions(units)} />
        <Field name="den" label="Tính đến ngày" value={formatDate(through)} issues={[]} inputmode="numeric" />
        <input type="hidden" name="trang_thai" value={word} />
        {year ? <input type="hidden" name="nam" value={String(year)} /> : null}
        <div class="actions">
          <button type="submit">Xem</button>
        </div>
      </form>
      <h2>
        {m.title} — {r.unit?.name ?? 'Toàn bộ'}, đến ngày {formatDate(r.through)}
      </h2>
      <p>
        <b>{formatNumber(r.total)}</b> hộ, tổ chức{m.milestone === 'approved' ? `; tổng số tiền được duyệt ${formatMoney(r.approvedTotal)}` : ''}
        {year ? `, ở các dự án thực hiện trong năm ${year}` : ''} <span class="muted">(chỉ các dự án theo dõi đến từng hộ)</span>.
      </p>
      {r.items.length ? (
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>STT</th>
                <th>Hộ, tổ chức</th>
                <th>Dự án</th>
                <th>Đơn vị</th>
                <th>{m.date}</th>
                {m.milestone === 'approved' ? <th class="money">Số tiền được duyệt</th> : null}
              </tr>
            </thead>
            <tbody>
              {r.items.map((h, i) => (
                <tr>
                  <td data-label="STT">{formatNumber((r.page - 1) * r.pageSize + i + 1)}</td>
                  <td data-label="Hộ, tổ chức">
                    {h.name === null ? h.code : <a href={`/quan-tri/gpmb/ho-dan/${encodeURIComponent(h.code)}`}>{`${h.code} — ${h.name}`}</a>}
                  </td>
                  <td data-label="Dự án">
                    <a href={P(h.project)}>{h.projectName}</a>
                  </td>
                  <td data-label="Đơn vị">{h.unitName}</td>
                  <td data-label={m.date}>{formatDate(h.on)}</td>
                  {m.milestone === 'approved' ? (
                    <td data-label="Số tiền được duyệt" class="money">
                      {h.approvedAmount === null ? '—' : formatMoney(h.approvedAmount)}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="total">
                <th scope="row" colspan={5}>
                  Tổng cộng ({formatNumber(r.total)} hộ, tổ chức{r.total > r.pageSize ? ', mọi trang' : ''})
                </th>
                {m.milestone === 'approved' ? (
                  <td data-label="Số tiền được duyệt" class="money">
                    {formatMoney(r.approvedTotal)}
                  </td>
                ) : null}
              </tr>
            </tfoot>
          </table>
          <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={(n) => `/quan-tri/gpmb/ho-dan?${params({ trang: String(n) })}`} />
        </div>
      ) : (
        <p class="muted">Chưa có hộ, tổ chức nào đến ngày này.</p>
      )}
    </AdminLayout>,
  );
}

const idParam = (c: Ctx, name: string): number => parseId(c.req.param(name)) ?? 0;

export const clearanceAdmin = new Hono<AppEnv>()
  .get('/gpmb', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const q = c.req.query();
    const through = parseThrough(q.den);
    const schedule = q.tien_do && SCHEDULE_FILTERS[q.tien_do] ? q.tien_do : undefined;
    const year = /^\d{4}$/.test(q.nam ?? '') ? Number(q.nam) : undefined;
    const d = await clearanceDashboard(db, actor, { unit: q.don_vi || undefined, through, category: q.loai || undefined, q: q.q || undefined, schedule, year });
    const units = (await listUnitsFlat(db, actor)).filter((u) => u.kind !== 'residentialGroup');
    const page = pageParam(q.trang);
    const reportQuery = new URLSearchParams({ den: formatDate(through), ...(q.don_vi ? { don_vi: q.don_vi } : {}) }).toString();
    const narrowed = Boolean(q.loai || q.q || schedule);
    const listQuery = new URLSearchParams({ den: formatDate(through), ...(q.don_vi ? { don_vi: q.don_vi } : {}), ...(year ? { nam: String(year) } : {}) }).toString();
    return render(
      c,
      <AdminLayout c={c} title="Giải phóng mặt bằng" active="gpmb">
        <div class="toolbar">
          {can(actor, 'clearance.manage') ? (
            <a class="button" href="/quan-tri/gpmb/moi">
              Thêm dự án
            </a>
          ) : null}
          <a href="/quan-tri/gpmb/viec-cua-toi">Việc của tôi</a>
          <a href={`/quan-tri/gpmb/bao-cao-thang.xlsx?${reportQuery}`}>Báo cáo tiến độ (Excel)</a>
          <a href={`/quan-tri/gpmb/bao-cao-thang.docx?${reportQuery}`}>Báo cáo tiến độ (Word)</a>
          <a href="/quan-tri/gpmb/quy-trinh">Quy trình, thời hạn</a>
          <a href="/quan-tri/gpmb/lich-nghi">Lịch ngày nghỉ</a>
        </div>
        <form method="get" action="/quan-tri/gpmb" class="card filters">
          <SelectField name="don_vi" label="Đơn vị (gồm trực thuộc)" value={q.don_vi} issues={[]} empty="Đơn vị của tôi" options={unitOptions(units)} />
          <SelectField name="loai" label="Loại dự án" value={q.loai} issues={[]} empty="Tất cả" options={opts(PROJECT_CATEGORIES)} />
          <Field name="den" label="Tính đến ngày" value={formatDate(through)} issues={[]} inputmode="numeric" />
          <Field name="q" label="Tìm dự án" value={q.q} issues={[]} />
          <SelectField name="tien_do" label="Tiến độ" value={schedule} issues={[]} empty="Tất cả" options={Object.entries(SCHEDULE_FILTERS).map(([value, f]) => ({ value, label: `Dự án ${f.label}` }))} />
          {year ? <input type="hidden" name="nam" value={String(year)} /> : null}
          <button type="submit">Xem</button>
        </form>
        <h2>
          {d.unit?.name ?? 'Toàn bộ'} — tính đến ngày {formatDate(d.through)}
        </h2>
        {schedule || year ? (
          <p class="notice">
            Đang xem {schedule ? `các dự án ${SCHEDULE_FILTERS[schedule]!.label}` : 'các dự án'}
            {year ? ` thực hiện trong năm ${year}` : ''}.{' '}
            <a href={`/quan-tri/gpmb?${new URLSearchParams({ ...(q.don_vi ? { don_vi: q.don_vi } : {}), den: formatDate(through) }).toString()}`}>Xem tất cả dự án</a>
          </p>
        ) : null}
        <TotalsView
          t={d.totals}
          dialoguesHref={narrowed ? undefined : `/quan-tri/gpmb/doi-thoai?${listQuery}`}
          householdsHref={narrowed ? undefined : (state) => `/quan-tri/gpmb/ho-dan?${listQuery}&trang_thai=${state}`}
        />
        {d.byUnit.length > 1 ? (
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
                {d.byUnit.map((u) => (
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
                  <td data-label="Dự án" class="num">{formatNumber(d.totals.projects)}</td>
                  <td data-label="Chậm tiến độ" class="num">{formatNumber(d.totals.bySchedule.find((s) => s.status === 'behind')?.count ?? 0)}</td>
                  <td data-label="Hộ bị ảnh hưởng" class="num">{formatNumber(d.totals.householdsAffected)}</td>
                  <td data-label="Đã duyệt PA" class="num">{formatNumber(d.totals.plansApproved)}</td>
                  <td data-label="Đã chi trả" class="num">{formatNumber(d.totals.householdsPaid)}</td>
                  <td data-label="Số tiền đã chi" class="money">{formatMoney(d.totals.amountPaid)}</td>
                  <td data-label="Đã bàn giao" class="num">{formatNumber(d.totals.handedOver)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        ) : null}
        <div class="card">
          <h2>Dự án (chậm tiến độ trước)</h2>
          <ProjectsTable projects={d.projects.slice((page - 1) * PAGE, page * PAGE)} totals={d.totals} />
          <Pager page={page} pageSize={PAGE} total={d.projects.length} href={(n) => `/quan-tri/gpmb?${new URLSearchParams({ ...q, trang: String(n) }).toString()}`} />
        </div>
      </AdminLayout>,
    );
  })
  .get('/gpmb/moi', (c) => projectForm(c, { values: { category: 'new', unit: pageActor(c).unitCode, isPublic: '1' } }))
  .post('/gpmb/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submit(c, () => inTx(c, (trx) => createProject(trx, { actor, input: projectInput(values) })), (p) => `${P(p.code)}?thongbao=da-tao`, (p) => projectForm(c, { values, problem: p }));
  })
  .get('/gpmb/doi-thoai', (c) => dialogueRegisterPage(c))
  .get('/gpmb/ho-dan', (c) => householdRegisterPage(c))
  .get('/gpmb/viec-cua-toi', async (c) => {
    const actor = pageActor(c);
    authorize(actor, 'clearance.read');
    const w = await myWork(c.var.deps.db.db, actor);
    const empty = !w.approveSteps.length && !w.approvePlans.length && !w.confirmPayments.length && !w.dueSteps.length && !w.overdueComplaints.length;
    return render(
      c,
      <AdminLayout c={c} title="Việc của tôi — giải phóng mặt bằng" active="gpmb">
        <p>
          <a href="/quan-tri/gpmb">← Giải phóng mặt bằng</a>
        </p>
        {empty ? <p>Không có việc nào đang chờ bạn.</p> : null}
        {w.dueSteps.length ? (
          <div class="card">
            <h2>Bước quá hạn, sắp đến hạn ({formatNumber(w.totals.dueSteps)})</h2>
            <ul>
              {w.dueSteps.map((s) => (
                <li>
                  <a href={`${P(s.project)}#buoc-${s.step}`}>{s.stepName}</a> — {s.projectName}: hạn {formatDate(s.dueOn)}{' '}
                  {s.state === 'overdue' ? <Badge state="overdue">quá {formatNumber(s.lateDays)} ngày</Badge> : <Badge state="dueSoon">còn {formatNumber(s.daysLeft ?? 0)} ngày</Badge>}
                </li>
              ))}
            </ul>
            <More shown={w.dueSteps.length} total={w.totals.dueSteps} />
          </div>
        ) : null}
        {w.overdueComplaints.length ? (
          <div class="card">
            <h2>Đơn khiếu nại, kiến nghị quá hạn giải quyết ({formatNumber(w.totals.overdueComplaints)})</h2>
            <ul>
              {w.overdueComplaints.map((x) => (
                <li>
                  <a href={`${P(x.project)}/don`}>{COMPLAINT_KINDS[x.kind]}</a> — {x.projectName}: tiếp nhận {formatDate(x.receivedOn)}, hạn {formatDate(x.dueOn)}{x.handler ? ` (${x.handler})` : ''}
                </li>
              ))}
            </ul>
            <More shown={w.overdueComplaints.length} total={w.totals.overdueComplaints} />
          </div>
        ) : null}
        {w.approveSteps.length ? (
          <div class="card">
            <h2>Bước chờ bạn duyệt ({formatNumber(w.totals.approveSteps)})</h2>
            <ul>
              {w.approveSteps.map((s) => (
                <li>
                  <a href={`${P(s.project)}#buoc-${s.step}`}>{s.stepName}</a> — {s.projectName}: thực hiện {formatDate(s.doneOn)} ({s.doneBy})
                </li>
              ))}
            </ul>
            <More shown={w.approveSteps.length} total={w.totals.approveSteps} />
          </div>
        ) : null}
        {w.approvePlans.length ? (
          <div class="card">
            <h2>Phương án chờ phê duyệt ({formatNumber(w.totals.approvePlans)})</h2>
            <ul>
              {w.approvePlans.map((x) => (
                <li>
                  <a href={`${H(x.household)}#phuong-an`}>{x.household}</a> — {x.projectName}: lần {x.version}, {formatMoney(x.total)} (lập: {x.createdBy})
                </li>
              ))}
            </ul>
            <More shown={w.approvePlans.length} total={w.totals.approvePlans} />
          </div>
        ) : null}
        {w.confirmPayments.length ? (
          <div class="card">
            <h2>Khoản chi trả chờ xác nhận ({formatNumber(w.totals.confirmPayments)})</h2>
            <ul>
              {w.confirmPayments.map((x) => (
                <li>
                  <a href={`${H(x.household)}#chi-tra`}>{x.household}</a> — {x.projectName}: {formatMoney(x.amount)} ngày {formatDate(x.paidOn)} (ghi: {x.recordedBy})
                </li>
              ))}
            </ul>
            <More shown={w.confirmPayments.length} total={w.totals.confirmPayments} />
          </div>
        ) : null}
      </AdminLayout>,
    );
  })
  .get('/gpmb/quy-trinh', (c) => catalogPage(c))
  .post('/gpmb/quy-trinh', async (c) => {
    const actor = pageActor(c);
    const v = await formData(c);
    const input = { code: str(v.code), name: str(v.name), sortOrder: str(v.sortOrder) || '0', deadlineDays: str(v.deadlineDays), dayKind: str(v.dayKind), countedFrom: str(v.countedFrom), optional: str(v.optional), legalBasis: str(v.legalBasis), active: str(v.active) };
    return submit(c, () => inTx(c, (trx) => saveStepKind(trx, { actor, input })), '/quan-tri/gpmb/quy-trinh?thongbao=da-luu', (p) => catalogPage(c, { ...p, values: v }));
  })
  .get('/gpmb/lich-nghi', (c) => calendarPage(c))
  .post('/gpmb/lich-nghi', async (c) => {
    const actor = pageActor(c);
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => saveCalendarDay(trx, { actor, input: { day: str(v.day), kind: str(v.kind), name: str(v.name) } })), '/quan-tri/gpmb/lich-nghi?thongbao=da-luu', (p) => calendarPage(c, { ...p, values: v }));
  })
  .post('/gpmb/lich-nghi/xoa', async (c) => {
    const actor = pageActor(c);
    const v = await formData(c);
    await inTx(c, (trx) => removeCalendarDay(trx, { actor, day: str(v.day) }));
    return c.redirect('/quan-tri/gpmb/lich-nghi?thongbao=da-xoa', 303);
  })
  .get('/gpmb/ho-dan/:hh', (c) => householdPage(c, c.req.param('hh')))
  .post('/gpmb/ho-dan/:hh', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const v = await formData(c);
    const h = await hh.getHousehold(c.var.deps.db.db, actor, code, { forWrite: true });
    return submit(c, () => inTx(c, (trx) => hh.updateHousehold(trx, { actor, code, input: householdInput(v, h.project) })), `${H(code)}?thongbao=da-luu`, (p) => householdPage(c, code, { ...p, values: v }), 'sua');
  })
  .post('/gpmb/ho-dan/:hh/buoc', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => hh.recordHouseholdStep(trx, { actor, code, input: { step: str(v.step), doneOn: str(v.doneOn), note: str(v.note) } })), `${H(code)}?thongbao=da-luu`, (p) => householdPage(c, code, { ...p, values: v }), 'buoc');
  })
  .post('/gpmb/ho-dan/:hh/phuong-an', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => hh.savePlan(trx, { actor, code, input: { land: str(v.land), assets: str(v.assets), support: str(v.support), resettlement: str(v.resettlement) } })), `${H(code)}?thongbao=da-luu#phuong-an`, (p) => householdPage(c, code, { ...p, values: v }), 'phuong-an');
  })
  .post('/gpmb/ho-dan/:hh/phe-duyet', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => hh.approvePlan(trx, { actor, code, input: { decisionNumber: str(v.decisionNumber), approvedOn: str(v.approvedOn), effectiveOn: str(v.effectiveOn) } })), `${H(code)}?thongbao=da-luu#phuong-an`, (p) => householdPage(c, code, { ...p, values: v }), 'phe-duyet');
  })
  .post('/gpmb/ho-dan/:hh/chi-tra', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => hh.recordPayment(trx, { actor, code, input: { amount: str(v.amount), paidOn: str(v.paidOn), method: str(v.method), receiptNo: str(v.receiptNo) } })), `${H(code)}?thongbao=da-luu#chi-tra`, (p) => householdPage(c, code, { ...p, values: v }), 'chi-tra');
  })
  .post('/gpmb/ho-dan/:hh/chi-tra/:id/xac-nhan', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const paymentId = idParam(c, 'id');
    return submit(c, () => inTx(c, (trx) => hh.confirmPayment(trx, { actor, code, paymentId })), `${H(code)}?thongbao=da-luu#chi-tra`, (p) => householdPage(c, code, p), 'chi-tra');
  })
  .post('/gpmb/ho-dan/:hh/ban-giao', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => hh.recordHandover(trx, { actor, code, input: { handedOn: str(v.handedOn), areaM2: str(v.areaM2), minutesNo: str(v.minutesNo), earlyAgreement: str(v.earlyAgreement) } })), `${H(code)}?thongbao=da-luu#ban-giao`, (p) => householdPage(c, code, { ...p, values: v }), 'ban-giao');
  })
  .post('/gpmb/ho-dan/:hh/vuong-mac', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => hh.openObstacle(trx, { actor, code, input: { openedOn: str(v.openedOn), description: str(v.description) } })), `${H(code)}?thongbao=da-luu#vuong-mac`, (p) => householdPage(c, code, { ...p, values: v }), 'vuong-mac');
  })
  .post('/gpmb/ho-dan/:hh/vuong-mac/:id/giai-quyet', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('hh');
    const obstacleId = idParam(c, 'id');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => hh.resolveObstacle(trx, { actor, code, obstacleId, input: { resolvedOn: str(v.resolvedOn), resolution: str(v.resolution) } })), `${H(code)}?thongbao=da-luu#vuong-mac`, (p) => householdPage(c, code, { ...p, values: v }), `giai-quyet-${obstacleId}`);
  })
  .get('/gpmb/:code', (c) => projectPage(c, c.req.param('code')))
  .get('/gpmb/:code/sua', async (c) => {
    const p = await getProject(c.var.deps.db.db, pageActor(c), c.req.param('code'));
    authorize(pageActor(c), 'clearance.manage');
    return projectForm(c, {
      code: p.code,
      values: {
        name: p.name,
        category: p.category,
        unit: p.unit,
        units: p.units.map((u) => u.code),
        investor: p.investor ?? '',
        areaM2: p.areaM2 === null ? '' : formatNumber(p.areaM2),
        householdsAffected: String(p.householdsAffected),
        organisationsAffected: String(p.organisationsAffected),
        startedOn: formatDate(p.startedOn),
        dueOn: formatDate(p.dueOn),
        officer: p.officer ?? '',
        documents: p.documents.map((d) => d.number).join('\n'),
        models: p.models.map((m) => m.code).join('\n'),
        description: p.description ?? '',
        isPublic: p.isPublic ? '1' : '',
      },
    });
  })
  .post('/gpmb/:code/sua', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const values = await formData(c);
    return submit(c, () => inTx(c, (trx) => updateProject(trx, { actor, code, input: projectInput(values) })), `${P(code)}?thongbao=da-luu`, (p) => projectForm(c, { code, values, problem: p }));
  })
  .post('/gpmb/:code/buoc/:step', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => actOnStep(trx, { actor, code, step: c.req.param('step'), input: { action: str(v.action), plannedOn: str(v.plannedOn), doneOn: str(v.doneOn), reason: str(v.reason), note: str(v.note) } })), `${P(code)}?thongbao=da-luu#buoc-${c.req.param('step')}`, (p) => projectPage(c, code, p));
  })
  .get('/gpmb/:code/ho', (c) => householdsPage(c, c.req.param('code')))
  .post('/gpmb/:code/ho', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => hh.createHousehold(trx, { actor, input: householdInput(v, code) })), (h) => `${H(h.code)}?thongbao=da-tao`, (p) => householdsPage(c, code, { ...p, values: v }));
  })
  .get('/gpmb/:code/ho-x-buoc', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const db = c.var.deps.db.db;
    const pivot = await hh.householdPivot(db, actor, code);
    const p = await getProject(db, actor, code);
    return render(
      c,
      <AdminLayout c={c} title={`Bảng hộ × bước — ${p.name}`} active="gpmb">
        <p>
          <a href={`${P(code)}/ho`}>← Hộ bị ảnh hưởng</a> · <a href={`${P(code)}/ho-x-buoc.xlsx`}>Tải về (Excel)</a>
        </p>
        <div class="card scroll-x">
          <table class="pivot">
            <thead>
              <tr>
                <th>Hộ</th>
                <th>Trạng thái</th>
                {pivot.steps.map((s) => (
                  <th>{s.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {pivot.rows.map((r) => (
                <tr>
                  <td>
                    <a href={H(r.code)}>{r.name}</a>
                  </td>
                  <td>{r.state}</td>
                  {r.cells.map((d) => (
                    <td class={d ? 'done' : ''}>{d ? formatDate(d) : ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </AdminLayout>,
    );
  })
  .get('/gpmb/:code/doi-thoai', (c) => dialoguesPage(c, c.req.param('code')))
  .post('/gpmb/:code/doi-thoai', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    const input = { heldOn: str(v.heldOn), place: str(v.place), chair: str(v.chair), participants: str(v.participants), households: list(v.households), issues: str(v.issues), agreements: str(v.agreements), followups: followupLines(str(v.followups)) };
    return submit(c, () => inTx(c, (trx) => recordDialogue(trx, { actor, projectCode: code, input })), `${P(code)}/doi-thoai?thongbao=da-tao`, (p) => dialoguesPage(c, code, { ...p, values: v }));
  })
  .post('/gpmb/:code/doi-thoai/viec/:id', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    const doneOn = str(v.doneOn) || todayVn();
    return submit(c, () => inTx(c, (trx) => completeFollowup(trx, { actor, projectCode: code, followupId: idParam(c, 'id'), doneOn })), `${P(code)}/doi-thoai?thongbao=da-luu`, (p) => dialoguesPage(c, code, p));
  })
  .get('/gpmb/:code/don', (c) => complaintsPage(c, c.req.param('code')))
  .post('/gpmb/:code/don', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => receiveComplaint(trx, { actor, projectCode: code, input: { kind: str(v.kind), household: str(v.household), receivedOn: str(v.receivedOn), content: str(v.content), handler: str(v.handler) } })), `${P(code)}/don?thongbao=da-tao`, (p) => complaintsPage(c, code, { ...p, values: v, form: 'moi' }));
  })
  .post('/gpmb/:code/don/:id/tra-loi', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const id = idParam(c, 'id');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => answerComplaint(trx, { actor, projectCode: code, complaintId: id, input: { answer: str(v.answer), answeredOn: str(v.answeredOn) } })), `${P(code)}/don?thongbao=da-luu`, (p) => complaintsPage(c, code, { ...p, form: `tra-loi-${id}` }));
  });
