/** @jsxImportSource hono/jsx */
/**
 * Issues raised from below and prestigious persons in the admin: `/quan-tri/van-de` (record an
 * issue, see counts per unit, resolve or send up), `/quan-tri/nguoi-uy-tin` (persons of the
 * teams and whom they helped mobilise).
 */
import { Hono } from 'hono';
import { notFound, type FieldIssue } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { projectChoices } from '../landClearance/landClearance.service.js';
import { modelChoices } from '../models/models.service.js';
import { teamChoices } from '../teams/teams.service.js';
import { listUnitsFlat, unitsAbove } from '../units/units.service.js';
import { can } from '../../policy/policy.js';
import * as issues from './supervision.issues.js';
import * as persons from './supervision.persons.js';
import { ISSUE_SOURCES } from './supervision.table.js';

const enc = encodeURIComponent;
const idOf = (v: string, what: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound(`Không tìm thấy ${what}.`);
  return n;
};
type Problem = { values?: FormValues; issues?: FieldIssue[]; message?: string; status?: 200 | 409 | 422 };

async function issuesPage(c: Ctx, o: Problem = {}) {
  const actor = pageActor(c);
  const status = c.req.query('trang_thai') === 'da-giai-quyet' ? 'resolved' : c.req.query('trang_thai') === 'tat-ca' ? undefined : 'open';
  const unit = c.req.query('don_vi') ?? '';
  const all = await issues.listIssues(c.var.deps.db.db, actor);
  const list = all.filter((i) => (!status || i.status === status) && (!unit || i.unit === unit));
  const byUnit = issues.countByUnit(all);
  const db = c.var.deps.db.db;
  // units, projects and models are picked by name, never typed as codes (issue #19 item 6)
  const choices = can(actor, 'issue.raise')
    ? { units: (await listUnitsFlat(db, actor)).filter((u) => u.active), above: await unitsAbove(db, actor), projects: await projectChoices(db, actor), models: await modelChoices(db, actor) }
    : { units: [], above: [], projects: [], models: [] };
  const v = o.values ?? {};
  const problems = o.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title="Vấn đề phát sinh, khó khăn vướng mắc" active="van-de">
      <nav class="toolbar" aria-label="Lọc theo trạng thái">
        <a href="/quan-tri/van-de" aria-current={status === 'open' ? 'page' : undefined}>
          Chờ giải quyết
        </a>
        <a href="/quan-tri/van-de?trang_thai=da-giai-quyet" aria-current={status === 'resolved' ? 'page' : undefined}>
          Đã giải quyết
        </a>
        <a href="/quan-tri/van-de?trang_thai=tat-ca" aria-current={status === undefined ? 'page' : undefined}>
          Tất cả
        </a>
      </nav>
      <div class="card">
        <h2>{status === 'open' ? 'Đang chờ giải quyết' : status === 'resolved' ? 'Đã giải quyết' : 'Tất cả vấn đề'}{unit ? ` — ${list[0]?.unitName ?? unit}` : ''}</h2>
        {list.length ? (
          <table class="responsive">
            <thead>
              <tr>
                <th>Ngày</th>
                <th>Vấn đề</th>
                <th>Đơn vị</th>
                <th>Cấp xem xét</th>
                <th>Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {list.map((i) => (
                <tr class={i.status === 'open' && i.days > 30 ? 'warn' : ''}>
                  <td data-label="Ngày">{formatDate(i.raisedOn)}</td>
                  <td data-label="Vấn đề">
                    <a href={`/quan-tri/van-de/${i.id}`}>{i.title}</a>
                    {i.project ? <span class="muted"> · {i.project.name}</span> : null}
                  </td>
                  <td data-label="Đơn vị">{i.unitName}</td>
                  <td data-label="Cấp xem xét">{i.deciderName}</td>
                  <td data-label="Tình trạng">{i.status === 'open' ? `chờ ${formatNumber(i.days)} ngày` : `đã giải quyết ${formatDate(i.resolvedOn)}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>Không có vấn đề nào.</p>
        )}
      </div>
      {byUnit.length ? (
        <div class="card">
          <h2>Theo đơn vị</h2>
          <table class="responsive">
            <thead>
              <tr>
                <th>Đơn vị</th>
                <th>Chờ giải quyết</th>
                <th>Đã giải quyết</th>
              </tr>
            </thead>
            <tbody>
              {byUnit.map((u) => (
                <tr>
                  <td data-label="Đơn vị">
                    <a href={`/quan-tri/van-de?trang_thai=tat-ca&don_vi=${enc(u.unit)}`}>{u.unitName}</a>
                  </td>
                  <td data-label="Chờ giải quyết">{formatNumber(u.open)}</td>
                  <td data-label="Đã giải quyết">{formatNumber(u.resolved)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {can(actor, 'issue.raise') ? (
        <form method="post" action="/quan-tri/van-de" class="card" novalidate>
          <h2>Ghi một vấn đề phát sinh</h2>
          <ErrorSummary issues={problems} message={o.message} />
          <Csrf c={c} />
          <Field name="title" label="Vấn đề" value={str(v.title)} issues={problems} required hint="Ví dụ: Hộ dân chưa đồng thuận với đơn giá bồi thường đất nông nghiệp" />
          <TextAreaField name="detail" label="Chi tiết" value={str(v.detail)} issues={problems} rows={4} />
          <SelectField name="unit" label="Đơn vị phát sinh" value={str(v.unit) || actor.unitCode} issues={problems} required options={unitOptions(choices.units)} />
          <SelectField name="source" label="Nguồn" value={str(v.source) || 'other'} issues={problems} options={Object.entries(ISSUE_SOURCES).map(([value, label]) => ({ value, label }))} />
          <Field name="raisedOn" label="Ngày ghi nhận" value={str(v.raisedOn) || formatDate(todayVn())} issues={problems} hint="dd/mm/yyyy" inputmode="numeric" />
          <SelectField name="decider" label="Đơn vị xem xét, quyết định" value={str(v.decider)} issues={problems} empty="Cấp trên trực tiếp của đơn vị phát sinh" hint="Đơn vị phát sinh hoặc một đơn vị cấp trên của đơn vị đó." options={unitOptions([...choices.above, ...choices.units])} />
          <SelectField name="project" label="Dự án GPMB liên quan" value={str(v.project)} issues={problems} empty="Không có" options={choices.projects} />
          <SelectField name="model" label="Mô hình liên quan" value={str(v.model)} issues={problems} empty="Không có" options={choices.models} />
          <div class="actions">
            <button type="submit">Ghi vấn đề</button>
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    o.status ?? 200,
  );
}

async function issuePage(c: Ctx, id: number, o: Problem & { form?: 'resolve' | 'escalate' } = {}) {
  const actor = pageActor(c);
  const { issue: i, mayDecide } = await issues.issueWithRights(c.var.deps.db.db, actor, id);
  const problems = o.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title={i.title} active="van-de">
      <p>
        <a href="/quan-tri/van-de">← Vấn đề phát sinh</a>
      </p>
      <div class="card">
        <dl class="facts">
          <dt>Đơn vị phát sinh</dt>
          <dd>{i.unitName}</dd>
          <dt>Nguồn</dt>
          <dd>
            {i.sourceLabel}
            {i.visit ? ` (đồng chí ${i.visit.leader} kiểm tra ngày ${formatDate(i.visit.visitedOn)})` : ''}
          </dd>
          {i.project ? (
            <>
              <dt>Dự án GPMB</dt>
              <dd>
                <a href={`/quan-tri/gpmb/${enc(i.project.code)}`}>{i.project.name}</a>
              </dd>
            </>
          ) : null}
          {i.model ? (
            <>
              <dt>Mô hình</dt>
              <dd>
                <a href={`/quan-tri/mo-hinh/${enc(i.model.code)}`}>{i.model.name}</a>
              </dd>
            </>
          ) : null}
          <dt>Ghi nhận</dt>
          <dd>
            {formatDate(i.raisedOn)}, {i.raisedBy}
          </dd>
          <dt>Cấp xem xét, quyết định</dt>
          <dd>{i.deciderName}</dd>
          <dt>Tình trạng</dt>
          <dd>{i.status === 'open' ? `Chờ giải quyết (${formatNumber(i.days)} ngày)` : `Đã giải quyết ngày ${formatDate(i.resolvedOn)} (${i.resolvedBy}), sau ${formatNumber(i.days)} ngày`}</dd>
        </dl>
        {i.detail && i.detail !== i.title ? <p class="prewrap">{i.detail}</p> : null}
        {i.routingNote ? (
          <p class="muted prewrap">
            <strong>Chuyển cấp:</strong> {i.routingNote}
          </p>
        ) : null}
        {i.resolution ? (
          <p class="prewrap">
            <strong>Kết quả giải quyết:</strong> {i.resolution}
          </p>
        ) : null}
      </div>
      {mayDecide ? (
        <>
          <form method="post" action={`/quan-tri/van-de/${i.id}/giai-quyet`} class="card" novalidate>
            <h2>Ghi kết quả giải quyết</h2>
            {o.form === 'resolve' ? <ErrorSummary issues={problems} message={o.message} /> : null}
            <Csrf c={c} />
            <TextAreaField name="resolution" label="Kết quả giải quyết" value={o.form === 'resolve' ? str(o.values?.resolution) : ''} issues={o.form === 'resolve' ? problems : []} rows={4} maxChars={10_000} hint="Đã chỉ đạo, tháo gỡ thế nào; văn bản nếu có." />
            <Field name="resolvedOn" label="Ngày giải quyết" value={o.form === 'resolve' ? str(o.values?.resolvedOn) : formatDate(todayVn())} issues={o.form === 'resolve' ? problems : []} hint="dd/mm/yyyy" inputmode="numeric" />
            <div class="actions">
              <button type="submit">Ghi kết quả</button>
            </div>
          </form>
          <form method="post" action={`/quan-tri/van-de/${i.id}/chuyen-len`} class="card" novalidate>
            <h2>Chuyển lên cấp trên</h2>
            {o.form === 'escalate' ? <ErrorSummary issues={problems} message={o.message} /> : null}
            <Csrf c={c} />
            <Field name="note" label="Lý do chuyển" value={o.form === 'escalate' ? str(o.values?.note) : ''} issues={o.form === 'escalate' ? problems : []} maxChars={2000} />
            <div class="actions">
              <button type="submit" class="secondary">
                Chuyển lên
              </button>
            </div>
          </form>
        </>
      ) : null}
    </AdminLayout>,
    o.status ?? 200,
  );
}

async function personsPage(c: Ctx, o: Problem & { person?: number } = {}) {
  const actor = pageActor(c);
  const list = await persons.listPersons(c.var.deps.db.db, actor);
  const v = o.values ?? {};
  const problems = o.issues ?? [];
  const manage = can(actor, 'team.manage');
  const db = c.var.deps.db.db;
  const projects = manage ? await projectChoices(db, actor) : [];
  const teams = manage ? await teamChoices(db, actor, 'massMobilisation') : [];
  // a person mobilises for the projects of their team's unit, the units above it and below it
  const parents = new Map((manage ? await listUnitsFlat(db, actor) : []).map((u) => [u.code, u.parent]));
  const within = (unit: string, of: string) => {
    for (let u: string | null | undefined = unit; u; u = parents.get(u)) if (u === of) return true;
    return false;
  };
  const projectsFor = (unit: string) => projects.filter((x) => within(unit, x.unit) || within(x.unit, unit));
  return render(
    c,
    <AdminLayout c={c} title="Người có uy tín trong cộng đồng" active="nguoi-uy-tin">
      {o.person === undefined ? null : <ErrorSummary issues={problems} message={o.message} />}
      {list.length ? null : <p>Chưa ghi người có uy tín nào.</p>}
      {list.map((p) => (
        <section class="card" id={`nguoi-${p.id}`}>
          <h2>
            {p.fullName} {p.role ? <span class="muted">— {p.role}</span> : null}
          </h2>
          <p>
            {p.teamName}, {p.unitName}. Được tín nhiệm: {p.trustedFor}
            {p.active ? '' : ' (không còn tham gia)'}
          </p>
          {p.mobilisations.length ? (
            <ul>
              {p.mobilisations.map((m) => (
                <li>
                  {formatDate(m.onDate)} — vận động {m.household ? `${m.householdName ?? `hộ ${m.household}`}, ` : ''}dự án {m.projectName}: {m.outcome}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Chưa ghi lần vận động nào.</p>
          )}
          {manage ? (
            <details open={o.person === p.id}>
              <summary>Ghi lần vận động</summary>
              <form method="post" action={`/quan-tri/nguoi-uy-tin/${p.id}/van-dong`} novalidate>
                <Csrf c={c} />
                <SelectField name="project" label="Dự án GPMB" value={o.person === p.id ? str(v.project) : ''} issues={o.person === p.id ? problems : []} required empty="— Chọn dự án —" options={projectsFor(p.unit)} />
                <Field name="household" label="Mã hộ (nếu vận động một hộ)" value={o.person === p.id ? str(v.household) : ''} issues={o.person === p.id ? problems : []} hint="Mã hộ ghi trong danh sách hộ của dự án; để trống nếu vận động chung." />
                <Field name="onDate" label="Ngày vận động" value={o.person === p.id ? str(v.onDate) : formatDate(todayVn())} issues={o.person === p.id ? problems : []} hint="dd/mm/yyyy" inputmode="numeric" />
                <Field name="outcome" label="Kết quả vận động" value={o.person === p.id ? str(v.outcome) : ''} issues={o.person === p.id ? problems : []} required />
                <div class="actions">
                  <button type="submit" class="secondary">
                    Ghi lần vận động
                  </button>
                </div>
              </form>
            </details>
          ) : null}
        </section>
      ))}
      {manage ? (
        <form method="post" action="/quan-tri/nguoi-uy-tin" class="card" novalidate>
          <h2>Thêm người có uy tín</h2>
          {o.person === undefined ? <ErrorSummary issues={problems} message={o.message} /> : null}
          <Csrf c={c} />
          <Field name="fullName" label="Họ và tên" value={o.person === undefined ? str(v.fullName) : ''} issues={o.person === undefined ? problems : []} required />
          <SelectField name="team" label="Thuộc tổ (tổ dân vận…)" value={o.person === undefined ? str(v.team) : ''} issues={o.person === undefined ? problems : []} required empty="— Chọn tổ —" options={teams} />
          <Field name="role" label="Vai trò trong cộng đồng" value={o.person === undefined ? str(v.role) : ''} issues={o.person === undefined ? problems : []} hint="Ví dụ: Trưởng họ, Cựu chiến binh, nguyên Bí thư chi bộ" />
          <Field name="trustedFor" label="Được tín nhiệm về" value={o.person === undefined ? str(v.trustedFor) : ''} issues={o.person === undefined ? problems : []} required hint="Ví dụ: vận động hộ dân GPMB, hòa giải ở cơ sở" />
          <div class="actions">
            <button type="submit">Thêm</button>
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    o.status ?? 200,
  );
}

export const issuesAdmin = new Hono<AppEnv>()
  .get('/van-de', (c) => issuesPage(c))
  .post('/van-de', async (c) => {
    const v = await formData(c);
    return submitForm(
      c,
      () =>
        inTx(c, (trx) =>
          issues.raiseIssue(trx, {
            actor: pageActor(c),
            input: { unit: str(v.unit), title: str(v.title), detail: str(v.detail), source: str(v.source), raisedOn: str(v.raisedOn), decider: str(v.decider), project: str(v.project), model: str(v.model) },
          }),
        ),
      (i) => `/quan-tri/van-de/${i.id}?thongbao=da-tao`,
      (p) => issuesPage(c, { values: v, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/van-de/:id', (c) => issuePage(c, idOf(c.req.param('id'), 'vấn đề phát sinh')))
  .post('/van-de/:id/giai-quyet', async (c) => {
    const id = idOf(c.req.param('id'), 'vấn đề phát sinh');
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => issues.resolveIssue(trx, { actor: pageActor(c), id, input: { resolution: str(v.resolution), resolvedOn: str(v.resolvedOn) } })), `/quan-tri/van-de/${id}?thongbao=da-giai-quyet`, (p) =>
      issuePage(c, id, { values: v, issues: p.issues, message: p.message, status: p.status, form: 'resolve' }),
    );
  })
  .post('/van-de/:id/chuyen-len', async (c) => {
    const id = idOf(c.req.param('id'), 'vấn đề phát sinh');
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => issues.escalateIssue(trx, { actor: pageActor(c), id, input: { note: str(v.note) } })), `/quan-tri/van-de/${id}?thongbao=da-chuyen-len`, (p) =>
      issuePage(c, id, { values: v, issues: p.issues, message: p.message, status: p.status, form: 'escalate' }),
    );
  })
  .get('/nguoi-uy-tin', (c) => personsPage(c))
  .post('/nguoi-uy-tin', async (c) => {
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => persons.savePerson(trx, { actor: pageActor(c), input: { team: str(v.team), fullName: str(v.fullName), role: str(v.role), trustedFor: str(v.trustedFor) } })), (r) => `/quan-tri/nguoi-uy-tin?thongbao=da-tao#nguoi-${r.id}`, (p) =>
      personsPage(c, { values: v, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .post('/nguoi-uy-tin/:id/van-dong', async (c) => {
    const id = idOf(c.req.param('id'), 'người có uy tín');
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => persons.recordMobilisation(trx, { actor: pageActor(c), id, input: { project: str(v.project), household: str(v.household), onDate: str(v.onDate), outcome: str(v.outcome) } })), `/quan-tri/nguoi-uy-tin?thongbao=da-luu#nguoi-${id}`, (p) =>
      personsPage(c, { values: v, issues: p.issues, message: p.message, status: p.status, person: id }),
    );
  });
