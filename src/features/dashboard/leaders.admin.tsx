/** @jsxImportSource hono/jsx */
/**
 * The leaders' page, /quan-tri/phan-cong: each leader's units at a glance (leaders.service.ts) and
 * the form that assigns a leader to units (supervision's assignLeader).
 */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { compareVi, formatDate, formatNumber } from '../../lib/vi.js';
import { can } from '../../policy/policy.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, fieldErrorOf, render } from '../../web/layout.js';
import { assignLeader } from '../supervision/supervision.service.js';
import { listUnitsFlat } from '../units/units.service.js';
import { leaders } from './leaders.service.js';
import { UnitReports } from './dashboard.view.js';

/** Unit codes as the form sends them: ticked boxes (one value each) or, as before, one text of codes separated by commas. */
const unitCodesOf = (v: string | string[] | undefined): string[] => [...new Set(list(v).flatMap((s) => s.split(/[,\s]+/)).filter(Boolean))];

/** The active units in the user's scope a leader may be assigned to, by Vietnamese name, each with its parent to tell apart namesakes. */
async function assignableUnits(c: Ctx): Promise<{ code: string; name: string; parentName: string | null }[]> {
  const all = await listUnitsFlat(c.var.deps.db.db, pageActor(c));
  const nameOf = new Map(all.map((u) => [u.code, u.name]));
  return all
    .filter((u) => u.active && u.kind !== 'residentialGroup')
    .map((u) => ({ code: u.code, name: u.name, parentName: u.parent ? (nameOf.get(u.parent) ?? null) : null }))
    .sort((a, b) => compareVi(a.name, b.name) || compareVi(a.parentName ?? '', b.parentName ?? ''));
}

async function leadersPage(c: Ctx, o: { values?: FormValues; issues?: FieldIssue[]; message?: string; status?: 200 | 409 | 422 } = {}) {
  const actor = pageActor(c);
  const list = await leaders(c.var.deps.db.db, actor);
  const v = o.values ?? {};
  // a refused unit (units[2]) is reported on the picker as a whole
  const issues = (o.issues ?? []).map((i) => (i.field.startsWith('units') ? { ...i, field: 'units' } : i));
  const picker = can(actor, 'meeting.manage') ? await assignableUnits(c) : [];
  const chosen = new Set(unitCodesOf(v.units));
  const unitsErr = fieldErrorOf(issues, 'units');
  return render(
    c,
    <AdminLayout c={c} title="Phân công phụ trách" active="phan-cong">
      {list.length ? null : <p>Chưa có phân công nào.</p>}
      {list.map((l) => (
        <section class="card">
          <h2>
            Đồng chí {l.leader} <span class="muted">— {l.title}</span>
          </h2>
          <table class="responsive">
            <thead>
              <tr>
                <th>Đơn vị phụ trách</th>
                <th>Mô hình đang thực hiện</th>
                <th>Dự án GPMB (chậm tiến độ)</th>
                <th>Báo cáo kỳ gần nhất</th>
                <th>Kết luận chưa xong (quá hạn)</th>
                <th>Vấn đề chờ giải quyết</th>
              </tr>
            </thead>
            <tbody>
              {l.units.map((u) => (
                <tr class={u.overdueConclusions ? 'warn' : ''}>
                  <td data-label="Đơn vị">{u.name}</td>
                  <td data-label="Mô hình">
                    <a href={`/quan-tri/mo-hinh?don_vi=${encodeURIComponent(u.code)}&trang_thai=registered`}>{formatNumber(u.models)}</a>
                  </td>
                  <td data-label="Dự án GPMB">
                    {u.projects ? (
                      <a href={`/quan-tri/gpmb?don_vi=${encodeURIComponent(u.code)}`}>
                        {formatNumber(u.projects)} ({formatNumber(u.projectsBehind)})
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <UnitReports unit={u.code} reports={u.reports} />
                  <td data-label="Kết luận">
                    {formatNumber(u.openConclusions)} ({formatNumber(u.overdueConclusions)})
                  </td>
                  <td data-label="Vấn đề">{u.openIssues ? <a href={`/quan-tri/van-de?don_vi=${encodeURIComponent(u.code)}`}>{formatNumber(u.openIssues)}</a> : '0'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {l.visits.length ? (
            <p class="muted">
              Kiểm tra gần đây: {l.visits.map((x) => `${x.unit} (${formatDate(x.visitedOn)})`).join('; ')}
            </p>
          ) : null}
        </section>
      ))}
      {can(actor, 'meeting.manage') ? (
        <form method="post" action="/quan-tri/phan-cong" class="card" novalidate>
          <h2>Phân công thêm</h2>
          <ErrorSummary issues={issues} message={o.message} />
          <Csrf c={c} />
          <Field name="leader" label="Đồng chí phụ trách" value={str(v.leader)} issues={issues} required />
          <Field name="title" label="Chức vụ" value={str(v.title) || 'Ủy viên Ban Thường vụ'} issues={issues} required />
          <fieldset id="f-units" class={unitsErr ? 'field unit-picker has-error' : 'field unit-picker'} aria-describedby="f-units-hint">
            <legend>
              Các đơn vị phụ trách<span class="req" aria-hidden="true"> *</span>
            </legend>
            <p class="hint" id="f-units-hint">
              Đánh dấu các đơn vị đồng chí này phụ trách ({formatNumber(picker.length)} đơn vị trong phạm vi của bạn, xếp theo tên).
            </p>
            {unitsErr ? <p class="field-error">{unitsErr}</p> : null}
            <p class="unit-filter" hidden>
              <label for="f-units-filter">Lọc theo tên</label> <input id="f-units-filter" type="search" data-filter-list="f-units-list" autocomplete="off" />
            </p>
            <ul id="f-units-list" class="checklist">
              {picker.map((u) => (
                <li>
                  <label>
                    <input type="checkbox" name="units" value={u.code} checked={chosen.has(u.code)} /> {u.name}
                    {u.parentName ? <span class="muted"> — thuộc {u.parentName}</span> : null}
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div class="actions">
            <button type="submit">Lưu phân công</button>
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    o.status ?? 200,
  );
}

export const leadersAdmin = new Hono<AppEnv>()
  .get('/phan-cong', (c) => leadersPage(c))
  .post('/phan-cong', async (c) => {
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => assignLeader(trx, { actor: pageActor(c), input: { leader: str(v.leader), title: str(v.title), units: unitCodesOf(v.units) } })), '/quan-tri/phan-cong?thongbao=da-luu', (p) =>
      leadersPage(c, { values: v, issues: p.issues, message: p.message, status: p.status }),
    );
  });
