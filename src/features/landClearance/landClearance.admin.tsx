/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: the dashboard, projects and their steps, my work. Households, dialogues and complaints, the step catalogue each have their own file; the holiday calendar is the calendar slice's. */
import { Hono } from 'hono';
import type { Child } from 'hono/jsx';
import { parseThrough } from '../../lib/validation.js';
import { formatArea, formatDate, formatMoney, formatNumber, formatPercent, todayVn } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, str, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { authorize, can, type UserActor } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import { actOnStep, createProject, getProject, maySeePersonal, requireProject, updateProject, type PresentedProject } from './landClearance.service.js';
import { clearanceDashboard, myWork, SCHEDULE_FILTERS } from './landClearance.stats.js';
import { COMPLAINT_KINDS, PROJECT_CATEGORIES } from './landClearance.table.js';
import { enc, PAGE, P, H, More, opts, Badge, Progress, type Problem, submit, TotalsView, ProjectsTable } from './landClearance.admin.view.js';

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
  });
