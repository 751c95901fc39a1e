/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: the households of a project, one household's file (plan, payments, handover, obstacles), the register of households by milestone. */
import { Hono } from 'hono';
import { parseThrough } from '../../lib/validation.js';
import { formatArea, formatDate, formatMoney, formatNumber } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField, unitOptions } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import * as hh from './landClearance.households.js';
import { getProject, listStepKinds } from './landClearance.service.js';
import { householdRegister } from './landClearance.stats.js';
import { HOUSEHOLD_STATES } from './landClearance.table.js';
import { P, H, opts, Badge, type Problem, submit, idParam } from './landClearance.admin.view.js';
import { HandoverCard, HouseholdEditForm, HouseholdFacts, HouseholdFields, ObstaclesCard, PaymentsCard, PlansCard, type HouseholdForms } from './landClearance.household.view.js';

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
  const v = problem?.values ?? {};
  const f: HouseholdForms = { form: problem?.form, values: v, formIssues: (form) => (problem?.form === form ? issues : []), val: (form, name) => (problem?.form === form ? str(v[name]) : '') };
  const kinds = await listStepKinds(c.var.deps.db.db, actor);
  return render(
    c,
    <AdminLayout c={c} title={`${h.name} (${h.code})`} active="gpmb">
      <p>
        <a href={`${P(h.project)}/ho`}>← Hộ bị ảnh hưởng — {h.projectName}</a>
      </p>
      <ErrorSummary issues={issues} message={problem?.message} />
      <div class="grid2">
        <HouseholdFacts h={h} />
        {manage ? <HouseholdEditForm c={c} h={h} f={f} /> : null}
      </div>

      <PlansCard c={c} h={h} manage={manage} approve={approve} f={f} />

      <PaymentsCard c={c} h={h} manage={manage} approve={approve} actor={actor} f={f} />

      <div class="grid2">
        <ObstaclesCard c={c} h={h} manage={manage} f={f} />
        <HandoverCard c={c} h={h} manage={manage} kinds={kinds} f={f} />
      </div>
    </AdminLayout>,
    problem?.status ?? 200,
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

export const clearanceHouseholdsAdmin = new Hono<AppEnv>()
  .get('/gpmb/ho-dan', (c) => householdRegisterPage(c))
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
  });
