/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField, unitOptions } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import * as teams from './teams.service.js';
import { TEAM_KINDS, teamKindLabel } from './teams.table.js';

const kindOptions = Object.entries(TEAM_KINDS).map(([value, label]) => ({ value, label }));
const toInput = (v: FormValues) => ({ unit: str(v.unit), kind: str(v.kind), name: str(v.name), members: str(v.members) || '0', establishedOn: str(v.establishedOn), dissolvedOn: str(v.dissolvedOn) });

async function formPage(c: Ctx, opts: { code?: string; values: FormValues; issues: FieldIssue[]; message?: string; status?: 200 | 409 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'team.manage');
  const units = (await listUnitsFlat(c.var.deps.db.db, actor)).filter((u) => u.active);
  const v = opts.values;
  const isNew = !opts.code;
  return render(
    c,
    <AdminLayout c={c} title={isNew ? 'Thành lập tổ, đội' : `Sửa ${str(v.name)}`} active="to-doi">
      <ErrorSummary issues={opts.issues} message={opts.message} />
      <form method="post" action={isNew ? '/quan-tri/to-doi/moi' : `/quan-tri/to-doi/${encodeURIComponent(opts.code!)}`} class="card" novalidate>
        <Csrf c={c} />
        <SelectField name="kind" label="Loại" value={str(v.kind)} issues={opts.issues} required options={kindOptions} />
        <Field name="name" maxChars={200} label="Tên tổ, đội" value={str(v.name)} issues={opts.issues} required hint="Ví dụ: Tổ Covid cộng đồng TDP số 9" />
        <SelectField name="unit" label="Thuộc đơn vị" value={str(v.unit)} issues={opts.issues} required options={unitOptions(units)} />
        <Field name="members" label="Số thành viên" value={str(v.members)} issues={opts.issues} type="number" />
        <Field name="establishedOn" label="Ngày thành lập" value={str(v.establishedOn)} issues={opts.issues} hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="dissolvedOn" label="Ngày giải thể (nếu có)" value={str(v.dissolvedOn)} issues={opts.issues} hint="dd/mm/yyyy" inputmode="numeric" />
        <div class="actions">
          <button type="submit">{isNew ? 'Thành lập' : 'Lưu thay đổi'}</button>
          <a href="/quan-tri/to-doi">Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

export const teamsAdmin = new Hono<AppEnv>()
  .get('/to-doi', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const q = c.req.query();
    const r = await teams.listTeams(db, actor, { unit: q.don_vi || undefined, kind: q.loai || undefined, page: pageParam(q.trang) });
    const units = (await listUnitsFlat(db, actor)).filter((u) => u.kind !== 'residentialGroup');
    const byKind = await teams.summariseTeams(db, actor, { unit: q.don_vi || undefined });
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'trang' && v));
    return render(
      c,
      <AdminLayout c={c} title="Tổ, đội" active="to-doi">
        {can(actor, 'team.manage') ? (
          <div class="toolbar">
            <a class="button" href="/quan-tri/to-doi/moi">
              Thành lập tổ, đội
            </a>
          </div>
        ) : null}
        <form method="get" action="/quan-tri/to-doi" class="card filters">
          <SelectField name="don_vi" label="Đơn vị (gồm trực thuộc)" value={q.don_vi} issues={[]} empty="Đơn vị của tôi" options={unitOptions(units)} />
          <SelectField name="loai" label="Loại" value={q.loai} issues={[]} empty="Tất cả" options={kindOptions} />
          <button type="submit">Lọc</button>
        </form>
        <div class="big-numbers">
          {byKind.map((k) => (
            <div class="stat">
              <b>{formatNumber(k.teams)}</b> {k.label}, {formatNumber(k.members)} thành viên
            </div>
          ))}
        </div>
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>Tên</th>
                <th>Loại</th>
                <th>Đơn vị</th>
                <th class="num">Thành viên</th>
                <th>Thành lập</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((t) => (
                <tr>
                  <td data-label="Tên">{can(actor, 'team.manage') ? <a href={`/quan-tri/to-doi/${encodeURIComponent(t.code)}`}>{t.name}</a> : t.name}</td>
                  <td data-label="Loại">{teamKindLabel(t.kind)}</td>
                  <td data-label="Đơn vị">{t.unitName}</td>
                  <td data-label="Thành viên" class="num">
                    {formatNumber(t.members)}
                  </td>
                  <td data-label="Thành lập">{formatDate(t.establishedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={(p) => `/quan-tri/to-doi?${new URLSearchParams([...params, ['trang', String(p)]]).toString()}`} />
        </div>
      </AdminLayout>,
    );
  })
  .get('/to-doi/moi', (c) => formPage(c, { values: { kind: 'massMobilisation', unit: pageActor(c).unitCode, members: '0' }, issues: [] }))
  .post('/to-doi/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => teams.createTeam(trx, { actor, input: toInput(values) })), '/quan-tri/to-doi?thongbao=da-tao', (p) =>
      formPage(c, { values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/to-doi/:code', async (c) => {
    const t = await teams.getTeam(c.var.deps.db.db, pageActor(c), c.req.param('code'));
    return formPage(c, {
      code: t.code,
      values: { unit: t.unit, kind: t.kind, name: t.name, members: String(t.members), establishedOn: formatDate(t.establishedOn), dissolvedOn: formatDate(t.dissolvedOn) },
      issues: [],
    });
  })
  .post('/to-doi/:code', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => teams.updateTeam(trx, { actor, code, input: toInput(values) })), '/quan-tri/to-doi?thongbao=da-luu', (p) =>
      formPage(c, { code, values, issues: p.issues, message: p.message, status: p.status }),
    );
  });
