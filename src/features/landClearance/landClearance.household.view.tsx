/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: the parts of one household's file (facts, plan, payments, obstacles, handover and steps) and the household form. */
import type { FieldIssue } from '../../lib/errors.js';
import { formatArea, formatDate, formatMoney, formatNumber, todayVn } from '../../lib/vi.js';
import { type Ctx } from '../../web/context.js';
import { str, type FormValues } from '../../web/forms.js';
import { Csrf, Field, SelectField, TextAreaField } from '../../web/layout.js';
import { type UserActor } from '../../policy/policy.js';
import * as hh from './landClearance.households.js';
import { type listStepKinds } from './landClearance.service.js';
import { HOUSEHOLD_KINDS, PAYMENT_METHODS } from './landClearance.table.js';
import { H, opts, Badge } from './landClearance.admin.view.js';

type Household = Awaited<ReturnType<typeof hh.getHousehold>>;
type StepKind = Awaited<ReturnType<typeof listStepKinds>>[number];

/** Which of the household page's forms had the problem: its issues, and what was typed into it. */
export type HouseholdForms = { form: string | undefined; values: FormValues; formIssues: (form: string) => FieldIssue[]; val: (form: string, name: string) => string };

/** The household form's fields: kind, name, address, phone, the first parcel, note. */
export function HouseholdFields({ v, issues }: { v: FormValues; issues: FieldIssue[] }) {
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

/** The household's facts: state, kind, address, parcels, approved and paid amounts, handover. */
export function HouseholdFacts({ h }: { h: Household }) {
  return (
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
  );
}

/** The form that edits the household's facts (and its first parcel). */
export function HouseholdEditForm({ c, h, f }: { c: Ctx; h: Household; f: HouseholdForms }) {
  const { form, values: v, formIssues } = f;
  const parcel = h.parcels[0];
  return (
    <form method="post" action={H(h.code)} class="card" novalidate>
      <h2>Sửa thông tin</h2>
      <Csrf c={c} />
      <HouseholdFields
        v={form === 'sua' ? v : { kind: h.kind, name: h.name, address: h.address ?? '', phone: h.phone ?? '', note: h.note ?? '', mapSheet: parcel?.mapSheet ?? '', parcelNo: parcel?.parcelNo ?? '', landType: parcel?.landType ?? '', areaM2: parcel?.areaM2 == null ? '' : formatNumber(parcel.areaM2), recoveredM2: parcel?.recoveredM2 == null ? '' : formatNumber(parcel.recoveredM2) }}
        issues={formIssues('sua')}
      />
      <div class="actions">
        <button type="submit">Lưu</button>
      </div>
    </form>
  );
}

/** The household's compensation plans, one row per version. */
function PlansTable({ h }: { h: Household }) {
  return h.plans.length ? (
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
  );
}

/** The form that drafts the plan, or edits the draft there is. */
function PlanDraftForm({ c, h, draft, f }: { c: Ctx; h: Household; draft: Household['plans'][number] | undefined; f: HouseholdForms }) {
  const { formIssues, val } = f;
  return (
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
  );
}

/** The form that approves the draft plan. */
function PlanApprovalForm({ c, h, draft, f }: { c: Ctx; h: Household; draft: Household['plans'][number]; f: HouseholdForms }) {
  const { formIssues, val } = f;
  return (
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
  );
}

/** The plan section: the plans, the draft form, the approval form. */
export function PlansCard({ c, h, manage, approve, f }: { c: Ctx; h: Household; manage: boolean; approve: boolean; f: HouseholdForms }) {
  const draft = h.plans.find((x) => x.status === 'provisional');
  return (
    <div class="card" id="phuong-an">
      <h2>Phương án bồi thường, hỗ trợ, tái định cư</h2>
      <PlansTable h={h} />
      {manage ? <PlanDraftForm c={c} h={h} draft={draft} f={f} /> : null}
      {approve && draft ? <PlanApprovalForm c={c} h={h} draft={draft} f={f} /> : null}
    </div>
  );
}

/** The payments to the household, each with its confirmation. */
function PaymentsTable({ c, h, approve, actor }: { c: Ctx; h: Household; approve: boolean; actor: UserActor }) {
  return h.payments.length ? (
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
  );
}

/** The form that records a payment, with what is left to pay. */
function PaymentForm({ c, h, approvedAmount, f }: { c: Ctx; h: Household; approvedAmount: number; f: HouseholdForms }) {
  const { formIssues, val } = f;
  return (
    <form method="post" action={`${H(h.code)}/chi-tra`} novalidate>
      <h3>Ghi nhận khoản chi trả</h3>
      <p class="hint">Còn phải trả {formatMoney(Math.max(0, approvedAmount - h.payments.reduce((s, x) => s + x.amount, 0)))}. Khoản chi trả được tính sau khi một người khác xác nhận.</p>
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
  );
}

/** The payment section: the payments and the form that records one. */
export function PaymentsCard({ c, h, manage, approve, actor, f }: { c: Ctx; h: Household; manage: boolean; approve: boolean; actor: UserActor; f: HouseholdForms }) {
  return (
    <div class="card" id="chi-tra">
      <h2>Chi trả</h2>
      <PaymentsTable c={c} h={h} approve={approve} actor={actor} />
      {manage && h.approvedAmount !== null ? <PaymentForm c={c} h={h} approvedAmount={h.approvedAmount} f={f} /> : null}
    </div>
  );
}

/** The obstacles: each with how it was resolved or a form to resolve it, and the form that records one. */
export function ObstaclesCard({ c, h, manage, f }: { c: Ctx; h: Household; manage: boolean; f: HouseholdForms }) {
  const { formIssues, val } = f;
  return (
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
  );
}

/** The handover (or the form that records it), the steps done with the household and the form that records one. */
export function HandoverCard({ c, h, manage, kinds, f }: { c: Ctx; h: Household; manage: boolean; kinds: StepKind[]; f: HouseholdForms }) {
  const { formIssues, val } = f;
  return (
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
  );
}
