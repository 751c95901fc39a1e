/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: the households of a project, one household's file (plan, payments, handover, obstacles), the register of households by milestone. */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { parseThrough } from '../../lib/validation.js';
import { formatArea, formatDate, formatMoney, formatNumber, todayVn } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import * as hh from './landClearance.households.js';
import { getProject, listStepKinds } from './landClearance.service.js';
import { householdRegister } from './landClearance.stats.js';
import { HOUSEHOLD_KINDS, HOUSEHOLD_STATES, PAYMENT_METHODS } from './landClearance.table.js';
import { P, H, opts, Badge, type Problem, submit, idParam } from './landClearance.admin.view.js';

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
