/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: the dashboard, projects and their steps, my work. Households, dialogues and complaints, the step catalogue each have their own file; the holiday calendar is the calendar slice's. */
import { Hono } from 'hono';
import { parseThrough } from '../../lib/validation.js';
import { formatDate, formatMoney, formatNumber } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, str, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import { actOnStep, createProject, getProject, maySeePersonal, requireProject, updateProject } from './landClearance.service.js';
import { clearanceDashboard, myWork, SCHEDULE_FILTERS } from './landClearance.stats.js';
import { COMPLAINT_KINDS, PROJECT_CATEGORIES } from './landClearance.table.js';
import { enc, PAGE, P, H, More, opts, Badge, type Problem, submit, TotalsView, ProjectsTable, UnitsTable } from './landClearance.admin.view.js';
import { ProjectFacts, ProjectProgress, StepsCard } from './landClearance.project.view.js';

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
        <ProjectFacts p={p} />
        <ProjectProgress p={p} line={line} />
      </div>
      <StepsCard c={c} p={p} actor={actor} />
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
        {d.byUnit.length > 1 ? <UnitsTable byUnit={d.byUnit} totals={d.totals} through={through} /> : null}
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
    const empty = !w.approveSteps.length && !w.approvePlans.length && !w.confirmPayments.length && !w.dueSteps.length && !w.dueComplaints.length;
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
        {w.dueComplaints.length ? (
          <div class="card">
            <h2>Đơn khiếu nại, kiến nghị quá hạn, sắp đến hạn giải quyết ({formatNumber(w.totals.dueComplaints)})</h2>
            <ul>
              {w.dueComplaints.map((x) => (
                <li>
                  <a href={`${P(x.project)}/don`}>{COMPLAINT_KINDS[x.kind]}</a> — {x.projectName}: tiếp nhận {formatDate(x.receivedOn)}, hạn {formatDate(x.dueOn)}{x.handler ? ` (${x.handler})` : ''}{' '}
                  {x.overdue ? <Badge state="overdue">quá {formatNumber(-x.daysLeft)} ngày</Badge> : <Badge state="dueSoon">{x.daysLeft === 0 ? 'đến hạn hôm nay' : `còn ${formatNumber(x.daysLeft)} ngày`}</Badge>}
                </li>
              ))}
            </ul>
            <More shown={w.dueComplaints.length} total={w.totals.dueComplaints} />
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
