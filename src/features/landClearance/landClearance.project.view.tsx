/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: the parts of a project's page (its facts, its progress, its steps and what can be done with each). */
import type { Child } from 'hono/jsx';
import { formatArea, formatDate, formatMoney, formatNumber, formatPercent, todayVn } from '../../lib/vi.js';
import { type Ctx } from '../../web/context.js';
import { Csrf, Field } from '../../web/layout.js';
import { can, type UserActor } from '../../policy/policy.js';
import { type PresentedProject } from './landClearance.service.js';
import { type ProjectLine } from './landClearance.stats.js';
import { enc, P, Badge, Progress } from './landClearance.admin.view.js';

type Step = PresentedProject['steps'][number];

/** What the user may do with one step: record it done, approve it, plan, pause, set aside or resume it. */
function StepActions({ c, p, s, actor }: { c: Ctx; p: PresentedProject; s: Step; actor: UserActor }) {
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

/** The project's facts: code, category, units, investor, area, households, dates, officer, documents, models. */
export function ProjectFacts({ p }: { p: PresentedProject }) {
  return (
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
                {m.householdsPersuaded !== null ? `: đã vận động ${formatNumber(m.householdsPersuaded)} hộ bàn giao mặt bằng` : ''}
                {m.otherProjects > 0 ? ` (mô hình còn gắn với ${formatNumber(m.otherProjects)} dự án khác)` : ''}
              </li>
            ))}
          </ul>
          <PersuadedByModels p={p.persuadedByModels} />
        </>
      ) : null}
    </div>
  );
}

/** The project's progress: its schedule, and the household figures if it is followed household by household. */
export function ProjectProgress({ p, line }: { p: PresentedProject; line: ProjectLine | undefined }) {
  return (
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
  );
}

/** One step of the project: deadline, due and planned dates, who did and approved it, its state, its actions. */
function StepRow({ c, p, s, actor }: { c: Ctx; p: PresentedProject; s: Step; actor: UserActor }) {
  return (
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
  );
}

/** The project's steps by the procedure, with what can be done with each. */
export function StepsCard({ c, p, actor }: { c: Ctx; p: PresentedProject; actor: UserActor }) {
  return (
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
          {p.steps.map((s) => <StepRow c={c} p={p} s={s} actor={actor} />)}
        </tbody>
      </table>
      {can(actor, 'clearance.approve') ? <p class="hint">Người đánh dấu một bước đã thực hiện không tự duyệt bước đó: cần một người khác duyệt.</p> : null}
    </div>
  );
}

/** The households the project's models persuaded to hand over land, by their results; unknown until a result gives it. */
export function PersuadedByModels({ p }: { p: { households: number | null; shared: boolean } }) {
  if (p.households === null && !p.shared) return null;
  return (
    <p class="muted">
      {p.households !== null ? `Theo kết quả các mô hình, đã vận động ${formatNumber(p.households)} hộ bàn giao mặt bằng cho dự án.` : ''}
      {p.shared ? ' Có mô hình tham gia cả dự án khác: số hộ mô hình đó vận động chưa tách riêng được cho dự án này.' : ''}
    </p>
  );
}
