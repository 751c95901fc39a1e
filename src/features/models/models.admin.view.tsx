/** @jsxImportSource hono/jsx */
/* "Dân vận khéo" models in the admin: the registration's free-text parts, and the parts of the model's page and of the model list. */
import type { FieldIssue } from '../../lib/errors.js';
import { formatDate, formatDateTime, formatMoney, formatNumber, todayVn } from '../../lib/vi.js';
import { type Ctx } from '../../web/context.js';
import { ACCEPT } from '../files/files.service.js';
import { Csrf, Field, fieldErrorOf, fieldId, Pager, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import type { getCampaign, listCampaigns } from '../campaigns/campaigns.service.js';
import type { listPublicUnitsFlat } from '../units/units.service.js';
import type { PresentedModel } from './models.schemas.js';
import * as models from './models.service.js';
import { HOLDER_LABELS, HOLDERS, MODEL_STATUS_LABELS, MODEL_STATUSES, RECOGNITION_LEVEL_LABELS, RECOGNITION_LEVELS } from './models.table.js';

type Campaign = Awaited<ReturnType<typeof getCampaign>>;
type ListedCampaign = Awaited<ReturnType<typeof listCampaigns>>[number];
type Trail = Awaited<ReturnType<typeof models.modelTrail>>;
type Rights = Awaited<ReturnType<typeof models.modelRights>>;
type Update = Awaited<ReturnType<typeof models.listModelUpdates>>[number];
type ModelList = Awaited<ReturnType<typeof models.listModels>>;

/** The registration form's free-text parts, in the order units file them. */
export const TEXTS: { name: 'problem' | 'goals' | 'method' | 'scope' | 'forces' | 'resources' | 'timeline' | 'expectedResults' | 'replicability'; label: string; hint: string }[] = [
  { name: 'problem', label: 'Vấn đề cần giải quyết', hint: 'Thực trạng ở địa bàn, vì sao cần mô hình.' },
  { name: 'goals', label: 'Mục tiêu và tiêu chí đo được', hint: 'Ví dụ: 100% hộ trong diện GPMB được đối thoại; giảm 50% bếp than tổ ong.' },
  { name: 'method', label: 'Cách làm', hint: 'Các bước, cách tiếp cận Nhân dân.' },
  { name: 'scope', label: 'Địa bàn, đối tượng thụ hưởng', hint: '' },
  { name: 'forces', label: 'Lực lượng tham gia', hint: 'Tổ dân vận, người có uy tín, đoàn viên, hội viên…' },
  { name: 'resources', label: 'Nguồn lực', hint: 'Kinh phí, xã hội hóa, cơ sở vật chất.' },
  { name: 'timeline', label: 'Thời gian thực hiện', hint: '' },
  { name: 'expectedResults', label: 'Kết quả dự kiến (kiểm chứng được)', hint: '' },
  { name: 'replicability', label: 'Khả năng nhân rộng', hint: '' },
];

/** A model's status as a coloured label. */
export const Status = ({ m }: { m: { status: string; statusLabel: string } }) => <span class={`status status-${m.status}`}>{m.statusLabel}</span>;

/** Where the model stands in its review: waiting for the deciding unit, returned with the reason, or accepted by whom. */
export function ModelReviewLines({ m, trail }: { m: PresentedModel; trail: Trail }) {
  return (
    <>
      {m.status === 'submitted' ? (
        <p class="notice-line">
          Đang chờ {trail.deciderUnit} duyệt{trail.sentBy ? ` — gửi bởi ${trail.sentBy}` : ''}
          {trail.sentAt ? `, lúc ${formatDateTime(trail.sentAt)}` : ''}.
        </p>
      ) : null}
      {m.status === 'returned' && m.returnReason ? (
        <p class="error-summary">
          <b>Lý do trả lại:</b> {m.returnReason}
          {trail.decidedBy ? ` — ${trail.decidedBy}` : ''}
          {trail.decidedAt ? `, ${formatDateTime(trail.decidedAt)}` : ''}. Sửa nội dung rồi bấm "Gửi duyệt" để gửi lại.
        </p>
      ) : null}
      {m.status === 'registered' && trail.decidedBy && trail.decidedAt ? (
        <p class="muted">
          Được {trail.decidedBy} duyệt lúc {formatDateTime(trail.decidedAt)}.
        </p>
      ) : null}
    </>
  );
}

/** The model's registration (campaign, dates, free-text parts) and the buttons its reader may use on it. */
export function ModelFacts({ c, m, campaign, rights, base }: { c: Ctx; m: PresentedModel; campaign: Campaign | null; rights: Rights; base: string }) {
  const canEdit = rights.edit;
  const canDecide = rights.decide;
  return (
    <section class="card">
      <dl class="facts">
        <dt>Chủ đề năm</dt>
        <dd>{campaign ? `${campaign.year} — ${campaign.theme}` : m.campaign}</dd>
        <dt>Ngày đăng ký</dt>
        <dd>{m.registeredOn ? formatDate(m.registeredOn) : 'chưa được ghi nhận'}</dd>
        {m.stoppedOn ? (
          <>
            <dt>Dừng thực hiện</dt>
            <dd>
              {formatDate(m.stoppedOn)}
              {m.stopReason ? ` — ${m.stopReason}` : ''}
            </dd>
          </>
        ) : null}
        {TEXTS.filter((t) => m[t.name]).map((t) => (
          <>
            <dt>{t.label}</dt>
            <dd>{String(m[t.name])}</dd>
          </>
        ))}
      </dl>
      <div class="actions">
        {canEdit && (m.status === 'draft' || m.status === 'returned' || canDecide) && m.status !== 'stopped' ? (
          <a class="button secondary" href={`${base}/sua`}>
            Sửa nội dung
          </a>
        ) : null}
        {canEdit && (m.status === 'draft' || m.status === 'returned') ? (
          <form method="post" action={`${base}/gui-duyet`} class="inline">
            <Csrf c={c} />
            <button type="submit">Gửi duyệt</button>
          </form>
        ) : null}
        {rights.accept && m.status === 'submitted' ? (
          <form method="post" action={`${base}/duyet`} class="inline">
            <Csrf c={c} />
            <button type="submit">Duyệt, ghi nhận đăng ký</button>
          </form>
        ) : null}
        {canDecide && (m.status === 'registered' || m.status === 'stopped') ? (
          <form method="post" action={`${base}/tieu-bieu`} class="inline">
            <Csrf c={c} />
            <input type="hidden" name="exemplary" value={m.exemplary ? '0' : '1'} />
            <button type="submit" class="secondary">
              {m.exemplary ? 'Bỏ đánh dấu tiêu biểu' : 'Đánh dấu mô hình tiêu biểu'}
            </button>
          </form>
        ) : null}
      </div>
    </section>
  );
}

/** The deciding unit's forms: return a submitted model with a reason, or stop a registered one. */
export function ModelDecisionForms({ c, m, canDecide, base, issues }: { c: Ctx; m: PresentedModel; canDecide: boolean; base: string; issues: FieldIssue[] }) {
  return (
    <>
      {canDecide && m.status === 'submitted' ? (
        <form method="post" action={`${base}/tra-lai`} class="card" novalidate>
          <h2>Trả lại để bổ sung</h2>
          <Csrf c={c} />
          <TextAreaField name="reason" label="Lý do trả lại (bắt buộc)" value="" issues={issues} />
          <button type="submit" class="danger">
            Trả lại
          </button>
        </form>
      ) : null}
      {canDecide && m.status === 'registered' ? (
        <form method="post" action={`${base}/dung`} class="card" novalidate data-confirm="Dừng thực hiện mô hình này?">
          <h2>Dừng thực hiện</h2>
          <Csrf c={c} />
          <Field name="date" label="Ngày dừng" value={formatDate(todayVn())} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
          <TextAreaField name="reason" label="Lý do (bắt buộc)" value="" issues={issues} />
          <button type="submit" class="danger">
            Dừng thực hiện
          </button>
        </form>
      ) : null}
    </>
  );
}

/** The progress updates so far, each with its figures and attached photos or files. */
function UpdateList({ updates }: { updates: Update[] }) {
  return updates.length ? (
    <ul>
      {updates.map((u) => (
        <li>
          <b>{formatDate(u.date)}</b>: {u.body}
          {u.figures.length ? <span class="muted"> ({u.figures.map((f) => `${f.label}: ${formatNumber(f.value)}`).join('; ')})</span> : null}
          {u.files.length ? (
            <div class="attachments">
              {u.files.map((f) =>
                f.isImage ? (
                  <a href={f.url}>
                    <img src={f.url} alt={f.name} loading="lazy" width="160" height="120" />
                  </a>
                ) : (
                  <a href={f.url}>
                    📄 {f.name} ({formatNumber(Math.max(1, Math.round(f.size / 1024)))} KB)
                  </a>
                ),
              )}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  ) : (
    <p class="muted">Chưa có cập nhật tiến độ.</p>
  );
}

type Achievements = Awaited<ReturnType<typeof models.modelAchievements>>;
/** A figure of a result, or "—" where it was not recorded (unknown, never 0). */
const fig = (v: number | null | undefined, show: (n: number) => string = formatNumber) => (v === null || v === undefined ? <span title="Chưa ghi số liệu">—</span> : show(v));
const area = (m2: number) => `${formatNumber(m2)} m²`;

/**
 * What the model achieved, as figures (issue #23): each dated result and their sums — what the
 * stats, the report and the portal add up — and the form recording one, for those who may edit
 * it; then its recognitions by level, recorded by those who accept models in its campaign.
 */
export function ModelAchievements({ c, m, a, canEdit, canDecide, base, issues, values }: { c: Ctx; m: PresentedModel; a: Achievements; canEdit: boolean; canDecide: boolean; base: string; issues: FieldIssue[]; values: Record<string, string> }) {
  const open = m.status !== 'stopped';
  const v = (k: string, d = '') => values[k] ?? d;
  return (
    <>
      <section class="card" id="ket-qua">
        <h2>Kết quả đạt được</h2>
        {a.items.length ? (
          <div class="table-scroll">
            <table class="results">
              <thead>
                <tr>
                  <th scope="col">Ngày</th>
                  <th scope="col">Tiền Nhân dân đóng góp</th>
                  <th scope="col">Ngày công</th>
                  <th scope="col">Đất hiến</th>
                  <th scope="col">Hộ hiến đất</th>
                  <th scope="col">Hộ được vận động bàn giao mặt bằng</th>
                  <th scope="col">Người hưởng lợi</th>
                  {canEdit && open ? <th scope="col"><span class="visually-hidden">Xóa</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {a.items.map((r) => (
                  <tr>
                    <td>{formatDate(r.on)}</td>
                    <td class="num">{fig(r.moneyVnd, formatMoney)}</td>
                    <td class="num">{fig(r.workDays)}</td>
                    <td class="num">{fig(r.landDonatedM2, area)}</td>
                    <td class="num">{fig(r.householdsDonating)}</td>
                    <td class="num">{fig(r.householdsPersuaded)}</td>
                    <td class="num">{fig(r.beneficiaries)}</td>
                    {canEdit && open ? (
                      <td>
                        <form method="post" action={`${base}/ket-qua/${r.id}/xoa`} class="inline">
                          <Csrf c={c} />
                          <button type="submit" class="link danger" aria-label={`Xóa kết quả ngày ${formatDate(r.on)}`}>
                            Xóa
                          </button>
                        </form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Cộng</th>
                  <td class="num">{fig(a.totals.moneyVnd, formatMoney)}</td>
                  <td class="num">{fig(a.totals.workDays)}</td>
                  <td class="num">{fig(a.totals.landDonatedM2, area)}</td>
                  <td class="num">{fig(a.totals.householdsDonating)}</td>
                  <td class="num">{fig(a.totals.householdsPersuaded)}</td>
                  <td class="num">{fig(a.totals.beneficiaries)}</td>
                  {canEdit && open ? <td /> : null}
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <p class="muted">Chưa ghi kết quả bằng số liệu. Những gì mô hình huy động được (tiền, ngày công, đất hiến…) được cộng vào số liệu của chủ đề năm, báo cáo và cổng thông tin.</p>
        )}
        {canEdit && open ? (
          <details class="form-toggle" open={'moneyVnd' in values}>
            <summary>Ghi kết quả</summary>
            <form method="post" action={`${base}/ket-qua`} novalidate>
              <Csrf c={c} />
              <p class="hint">Nhập những số liệu đã biết, để trống số liệu chưa biết. Số viết kiểu Việt Nam: 15.000.000; diện tích 35,5.</p>
              <div class="field-grid">
                <Field name="on" label="Ngày ghi nhận" value={v('on', formatDate(todayVn()))} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
                <Field name="moneyVnd" label="Tiền Nhân dân đóng góp (đồng)" value={v('moneyVnd')} issues={issues} inputmode="numeric" />
                <Field name="workDays" label="Ngày công" value={v('workDays')} issues={issues} inputmode="numeric" />
                <Field name="landDonatedM2" label="Đất hiến (m²)" value={v('landDonatedM2')} issues={issues} inputmode="decimal" />
                <Field name="householdsDonating" label="Số hộ hiến đất" value={v('householdsDonating')} issues={issues} inputmode="numeric" />
                <Field name="householdsPersuaded" label="Số hộ được vận động bàn giao mặt bằng" value={v('householdsPersuaded')} issues={issues} inputmode="numeric" />
                <Field name="beneficiaries" label="Số người hưởng lợi" value={v('beneficiaries')} issues={issues} inputmode="numeric" />
              </div>
              <button type="submit" class="secondary">
                Ghi kết quả
              </button>
            </form>
          </details>
        ) : null}
      </section>
      <section class="card" id="cong-nhan">
        <h2>Công nhận</h2>
        {a.recognitions.length ? (
          <ul>
            {a.recognitions.map((r) => (
              <li>
                <b>{RECOGNITION_LEVEL_LABELS[r.level]}</b>: {r.decision}, ngày {formatDate(r.on)}
                {canDecide ? (
                  <form method="post" action={`${base}/cong-nhan/${r.id}/xoa`} class="inline">
                    <Csrf c={c} />{' '}
                    <button type="submit" class="link danger" aria-label={`Xóa công nhận ${RECOGNITION_LEVEL_LABELS[r.level].toLowerCase()}`}>
                      Xóa
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Mô hình chưa được ghi công nhận ở cấp nào.</p>
        )}
        {canDecide && (m.status === 'registered' || m.status === 'stopped') ? (
          <details class="form-toggle" open={'recognisedOn' in values}>
            <summary>Ghi công nhận</summary>
            <form method="post" action={`${base}/cong-nhan`} novalidate>
              <Csrf c={c} />
              <SelectField name="level" label="Cấp công nhận" value={v('level', RECOGNITION_LEVELS.find((l) => !a.recognitions.some((r) => r.level === l)) ?? 'commune')} options={RECOGNITION_LEVELS.map((l) => ({ value: l, label: RECOGNITION_LEVEL_LABELS[l] }))} issues={issues} />
              <Field name="recognisedOn" label="Ngày công nhận" value={v('recognisedOn', formatDate(todayVn()))} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
              <Field name="decision" label="Quyết định (số, cơ quan ban hành)" value={v('decision')} issues={issues} hint='Ví dụ "Quyết định số 123/QĐ-UBND của UBND quận Long Biên"' />
              <button type="submit" class="secondary">
                Ghi công nhận
              </button>
            </form>
          </details>
        ) : null}
      </section>
      <section class="card" id="danh-gia">
        <h2>Đánh giá, công trình “Dân vận khéo”</h2>
        {a.work ? (
          <p>
            <b>Công trình “Dân vận khéo”</b>
            {a.work.name ? `: ${a.work.name}` : ''} — gắn biển theo {a.work.decision}, ngày {formatDate(a.work.on)}
          </p>
        ) : null}
        {a.assessments.length ? (
          <ul>
            {a.assessments.map((x) => (
              <li>
                {formatDate(x.on)}: {x.effective ? <span class="badge ok">Triển khai hiệu quả</span> : <span class="badge warn">Chưa hiệu quả</span>}
                {x.note ? ` — ${x.note}` : ''}
                {canDecide ? (
                  <form method="post" action={`${base}/danh-gia/${x.id}/xoa`} class="inline">
                    <Csrf c={c} />{' '}
                    <button type="submit" class="link danger" aria-label={`Xóa đánh giá ngày ${formatDate(x.on)}`}>
                      Xóa
                    </button>
                  </form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Mô hình chưa được đánh giá. “Triển khai hiệu quả” là kết quả một lần đánh giá có ngày, không tự suy ra.</p>
        )}
        {canDecide && (m.status === 'registered' || m.status === 'stopped') ? (
          <>
            <details class="form-toggle" open={'assessedOn' in values}>
              <summary>Ghi đánh giá</summary>
              <form method="post" action={`${base}/danh-gia`} novalidate>
                <Csrf c={c} />
                <Field name="assessedOn" label="Ngày đánh giá" value={v('assessedOn', formatDate(todayVn()))} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
                <SelectField name="effective" label="Kết quả đánh giá" value={v('effective', '1')} options={[{ value: '1', label: 'Triển khai hiệu quả' }, { value: '0', label: 'Chưa hiệu quả' }]} issues={issues} />
                <TextAreaField name="note" label="Nhận xét (không bắt buộc)" value={v('note')} issues={issues} />
                <button type="submit" class="secondary">
                  Ghi đánh giá
                </button>
              </form>
            </details>
            <details class="form-toggle" open={'workOn' in values}>
              <summary>{a.work ? 'Sửa quyết định gắn biển công trình' : 'Ghi công trình “Dân vận khéo” (gắn biển)'}</summary>
              <form method="post" action={`${base}/cong-trinh`} novalidate>
                <Csrf c={c} />
                <Field name="workName" label="Tên công trình (không bắt buộc)" value={v('workName', a.work?.name ?? '')} issues={issues} />
                <Field name="workOn" label="Ngày quyết định gắn biển" value={v('workOn', a.work ? formatDate(a.work.on) : formatDate(todayVn()))} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
                <Field name="workDecision" label="Quyết định gắn biển (số, cơ quan ban hành)" value={v('workDecision', a.work?.decision ?? '')} issues={issues} />
                <button type="submit" class="secondary">
                  Lưu công trình
                </button>
                {a.work ? (
                  <button type="submit" name="remove" value="1" class="link danger">
                    Bỏ công trình
                  </button>
                ) : null}
              </form>
            </details>
          </>
        ) : null}
      </section>
    </>
  );
}

/** The model's progress: its updates, and the form adding one (with evidence files) for those who may edit it. */
export function ModelProgress({ c, m, updates, canEdit, base, issues }: { c: Ctx; m: PresentedModel; updates: Update[]; canEdit: boolean; base: string; issues: FieldIssue[] }) {
  return (
    <section class="card">
      <h2>Tiến độ thực hiện</h2>
      <UpdateList updates={updates} />
      {canEdit && m.status !== 'stopped' ? (
        <form method="post" action={`${base}/tien-do`} enctype="multipart/form-data" novalidate>
          <Csrf c={c} />
          <Field name="date" label="Ngày" value={formatDate(todayVn())} issues={issues} hint="dd/mm/yyyy" inputmode="numeric" />
          <TextAreaField name="body" label="Kết quả đạt được" value="" issues={issues} />
          <Field name="figureLabel" label="Chỉ số (không bắt buộc)" value="" issues={issues} hint='Ví dụ "Số hộ đã bàn giao mặt bằng"' />
          <Field name="figureValue" label="Giá trị" value="" issues={issues} inputmode="decimal" />
          <div class={fieldErrorOf(issues, 'files') ? 'field has-error' : 'field'}>
            <label for={fieldId('files')}>Ảnh, tệp PDF minh chứng</label>
            <p class="hint">Ảnh JPEG, PNG, WebP hoặc PDF; mỗi tệp tối đa {Math.round(c.var.deps.config.maxUploadBytes / 1048576)} MB. Trên điện thoại có thể chụp ảnh trực tiếp.</p>
            {fieldErrorOf(issues, 'files') ? <p class="field-error">{fieldErrorOf(issues, 'files')}</p> : null}
            <input id={fieldId('files')} type="file" name="files" multiple accept={ACCEPT} />
          </div>
          <button type="submit" class="secondary">
            Cập nhật tiến độ
          </button>
        </form>
      ) : null}
    </section>
  );
}

/** The model list's buttons: register and import (for editors), and the two Excel exports of the list as filtered. */
export function ModelListToolbar({ canEdit, campaign, listQuery, q }: { canEdit: boolean; campaign: string | undefined; listQuery: URLSearchParams; q: Record<string, string> }) {
  return (
    <div class="toolbar">
      {canEdit ? (
        <>
          <a class="button" href={`/quan-tri/mo-hinh/moi${campaign ? `?chu_de=${encodeURIComponent(campaign)}` : ''}`}>
            Đăng ký mô hình
          </a>
          <a class="button secondary" href={`/quan-tri/mo-hinh/nhap${campaign ? `?chu_de=${encodeURIComponent(campaign)}` : ''}`}>
            Nhập từ Excel
          </a>
        </>
      ) : null}
      <a class="button secondary" href={`/quan-tri/mo-hinh/xuat.xlsx?${new URLSearchParams([...listQuery].filter(([, v]) => v)).toString()}`}>
        Xuất Excel danh sách này
      </a>
      <a class="button secondary" href={`/quan-tri/mo-hinh/xuat-de-sua.xlsx?${new URLSearchParams(Object.entries({ ...q, chu_de: campaign ?? '' }).filter(([k, v]) => k !== 'trang' && v)).toString()}`}>
        Xuất để sửa rồi nhập lại
      </a>
    </div>
  );
}

/** Whose models the list shows (a unit with its subunits, or the whole campaign), with links to widen or narrow it. */
export function ModelScopeLine(p: { unitName: string | null; unit: string | undefined; ownUnit: string | undefined; chosen: ListedCampaign | undefined; wholeHref: string; ownHref: string | null }) {
  const { unitName, unit, ownUnit, chosen, wholeHref, ownHref } = p;
  return (
    <p class="scope-line">
      {unitName ? (
        <>
          Đang xem mô hình của <b>{unitName}</b> (gồm đơn vị trực thuộc){unit === ownUnit ? ' — đơn vị của bạn' : ''}. <a href={wholeHref}>Xem toàn bộ chủ đề năm</a>
          {ownHref && unit !== ownUnit ? (
            <>
              {' · '}
              <a href={ownHref}>Về đơn vị của tôi</a>
            </>
          ) : null}
        </>
      ) : (
        <>
          Đang xem mô hình của toàn bộ chủ đề năm{chosen ? ` (${chosen.unitName})` : ''}.
          {ownHref ? (
            <>
              {' '}
              <a href={ownHref}>Chỉ xem đơn vị của tôi</a>
            </>
          ) : null}
        </>
      )}
    </p>
  );
}

/** The model list's filter form; a date the list refused is marked on its field. */
export function ModelListFilters(p: {
  q: Record<string, string>;
  campaign: string | undefined;
  campaigns: ListedCampaign[];
  chosen: ListedCampaign | undefined;
  units: Awaited<ReturnType<typeof listPublicUnitsFlat>>;
  unit: string | undefined;
  order: string;
  problem: { issues: FieldIssue[]; message: string } | null;
}) {
  const { q, campaign, chosen, units, unit, order, problem } = p;
  return (
    <form method="get" action="/quan-tri/mo-hinh" class="card filters">
      <SelectField name="chu_de" label="Chủ đề năm" value={campaign} issues={[]} options={p.campaigns.map((k) => ({ value: k.code, label: `${k.year} — ${k.code}` }))} />
      <SelectField name="don_vi" label="Đơn vị (gồm trực thuộc)" value={unit} issues={[]} empty="Tất cả" options={unitOptions(units.filter((u) => u.kind !== 'residentialGroup'))} />
      <SelectField name="linh_vuc" label="Lĩnh vực" value={q.linh_vuc} issues={[]} empty="Tất cả" options={(chosen?.fields ?? []).map((f) => ({ value: f.code, label: f.name }))} />
      <SelectField name="loai" label="Tập thể / cá nhân" value={q.loai} issues={[]} empty="Tất cả" options={HOLDERS.map((h) => ({ value: h, label: HOLDER_LABELS[h] }))} />
      <SelectField name="trang_thai" label="Trạng thái" value={q.trang_thai} issues={[]} empty="Tất cả" options={MODEL_STATUSES.map((s) => ({ value: s, label: MODEL_STATUS_LABELS[s] }))} />
      <Field name="tu" label="Đăng ký từ ngày" value={q.tu} issues={problem?.issues.map((i) => ({ ...i, field: i.field === 'from' ? 'tu' : i.field })) ?? []} inputmode="numeric" />
      <Field name="den" label="đến ngày" value={q.den} issues={problem?.issues.map((i) => ({ ...i, field: i.field === 'to' ? 'den' : i.field })) ?? []} inputmode="numeric" />
      <Field name="q" label="Tìm (không cần dấu)" value={q.q} issues={[]} type="search" />
      <SelectField name="sap_xep" label="Sắp xếp" value={order} issues={[]} options={Object.entries(models.MODEL_ORDERS).map(([value, label]) => ({ value, label }))} />
      <button type="submit">Lọc</button>
    </form>
  );
}

/** One page of the model list as a table (each name linking to the model, remembering the list), and its pager. */
export function ModelListTable({ r, back, href }: { r: ModelList; back: string; href: (p: number) => string }) {
  return (
    <div class="card">
      {r.items.length ? (
        <table class="responsive">
          <thead>
            <tr>
              <th>Tên mô hình</th>
              <th>Của</th>
              <th>Lĩnh vực</th>
              <th>Ngày đăng ký</th>
              <th>Trạng thái</th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((m) => (
              <tr>
                <td data-label="Tên mô hình">
                  <a href={`/quan-tri/mo-hinh/${encodeURIComponent(m.code)}?${new URLSearchParams({ ds: back }).toString()}`}>{m.name}</a>
                  {m.exemplary ? <span class="badge ok"> Tiêu biểu</span> : null}
                </td>
                <td data-label="Của">
                  {m.carriedOutBy} <span class="muted">({m.holderLabel.toLowerCase()})</span>
                </td>
                <td data-label="Lĩnh vực">{m.fieldName}</td>
                <td data-label="Ngày đăng ký">{formatDate(m.registeredOn)}</td>
                <td data-label="Trạng thái">
                  <Status m={m} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>Không có mô hình nào khớp bộ lọc.</p>
      )}
      <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={href} />
    </div>
  );
}
