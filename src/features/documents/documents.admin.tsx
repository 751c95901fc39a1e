/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, pageActor, str, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField, unitOptions } from '../../web/layout.js';
import { authorize, can } from '../accounts/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import * as documents from './documents.service.js';
import { DOCUMENT_KINDS } from './documents.table.js';
import { notFound } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';

const kindOptions = Object.entries(DOCUMENT_KINDS).map(([value, label]) => ({ value, label: `${label} (${value})` }));
const toInput = (v: FormValues) => ({ number: str(v.number), kind: str(v.kind), issuer: str(v.issuer), unit: str(v.unit), date: str(v.date), effectiveDate: str(v.effectiveDate), title: str(v.title) });
const idOf = (v: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound('Không tìm thấy văn bản.');
  return n;
};

async function formPage(c: Ctx, opts: { id?: number; values: FormValues; issues: FieldIssue[]; message?: string; status?: 200 | 409 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'document.manage');
  const units = (await listUnitsFlat(c.var.deps.db.db, actor)).filter((u) => u.kind !== 'residentialGroup');
  const v = opts.values;
  return render(
    c,
    <AdminLayout c={c} title={opts.id ? 'Sửa văn bản' : 'Vào sổ văn bản'} active="van-ban">
      <ErrorSummary issues={opts.issues} message={opts.message} />
      <form method="post" action={opts.id ? `/quan-tri/van-ban/${opts.id}` : '/quan-tri/van-ban/moi'} class="card" novalidate>
        <Csrf c={c} />
        <Field name="number" label="Số, ký hiệu" value={str(v.number)} issues={opts.issues} required hint="Ví dụ 18-KH/QU" />
        <SelectField name="kind" label="Loại văn bản" value={str(v.kind)} issues={opts.issues} required options={kindOptions} />
        <Field name="issuer" label="Cơ quan ban hành" value={str(v.issuer)} issues={opts.issues} required hint="Như in trên văn bản, ví dụ Quận ủy Long Biên" />
        <SelectField name="unit" label="Đơn vị quản lý" value={str(v.unit)} issues={opts.issues} required options={unitOptions(units)} />
        <Field name="date" label="Ngày ban hành" value={str(v.date)} issues={opts.issues} required hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="effectiveDate" label="Ngày hiệu lực" value={str(v.effectiveDate)} issues={opts.issues} hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="title" label="Trích yếu" value={str(v.title)} issues={opts.issues} required />
        <div class="actions">
          <button type="submit">Lưu</button>
          <a href="/quan-tri/van-ban">Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

export const documentsAdmin = new Hono<AppEnv>()
  .get('/van-ban', async (c) => {
    const actor = pageActor(c);
    const q = c.req.query();
    const year = q.nam ? Number.parseInt(q.nam, 10) : undefined;
    const r = await documents.listDocuments(c.var.deps.db.db, actor, { q: q.q, kind: q.loai, year: Number.isFinite(year) ? year : undefined, page: pageParam(q.trang) });
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'trang' && v));
    return render(
      c,
      <AdminLayout c={c} title="Sổ văn bản" active="van-ban">
        {can(actor, 'document.manage') ? (
          <div class="toolbar">
            <a class="button" href="/quan-tri/van-ban/moi">
              Vào sổ văn bản
            </a>
          </div>
        ) : null}
        <form method="get" action="/quan-tri/van-ban" class="card filters">
          <Field name="q" label="Tìm (không cần dấu)" value={q.q} issues={[]} type="search" />
          <SelectField name="loai" label="Loại" value={q.loai} issues={[]} empty="Tất cả" options={kindOptions} />
          <Field name="nam" label="Năm ban hành" value={q.nam} issues={[]} inputmode="numeric" />
          <button type="submit">Lọc</button>
        </form>
        <p class="muted">{formatNumber(r.total)} văn bản</p>
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>Số, ký hiệu</th>
                <th>Ngày</th>
                <th>Trích yếu</th>
                <th>Cơ quan ban hành</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((d) => (
                <tr>
                  <td data-label="Số, ký hiệu">{can(actor, 'document.manage') ? <a href={`/quan-tri/van-ban/${d.id}`}>{d.number}</a> : d.number}</td>
                  <td data-label="Ngày">{formatDate(d.date)}</td>
                  <td data-label="Trích yếu">
                    {d.kindLabel} {d.title}
                  </td>
                  <td data-label="Cơ quan">{d.issuer}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={(p) => `/quan-tri/van-ban?${new URLSearchParams([...params, ['trang', String(p)]]).toString()}`} />
        </div>
      </AdminLayout>,
    );
  })
  .get('/van-ban/moi', (c) => formPage(c, { values: { kind: 'KH', unit: pageActor(c).unitCode }, issues: [] }))
  .post('/van-ban/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    try {
      await inTx(c, (trx) => documents.createDocument(trx, { actor, input: toInput(values) }));
    } catch (e) {
      const p = formProblem(e);
      if (p) return formPage(c, { values, issues: p.issues, message: p.message, status: p.status });
      throw e;
    }
    return c.redirect('/quan-tri/van-ban?thongbao=da-tao', 303);
  })
  .get('/van-ban/:id', async (c) => {
    const d = await documents.getDocumentForEdit(c.var.deps.db.db, pageActor(c), idOf(c.req.param('id')));
    return formPage(c, { id: d.id, values: { number: d.number, kind: d.kind, issuer: d.issuer, unit: d.unit ?? '', date: formatDate(d.date), effectiveDate: formatDate(d.effectiveDate), title: d.title }, issues: [] });
  })
  .post('/van-ban/:id', async (c) => {
    const actor = pageActor(c);
    const id = idOf(c.req.param('id'));
    const values = await formData(c);
    try {
      await inTx(c, (trx) => documents.updateDocument(trx, { actor, id, input: toInput(values) }));
    } catch (e) {
      const p = formProblem(e);
      if (p) return formPage(c, { id, values, issues: p.issues, message: p.message, status: p.status });
      throw e;
    }
    return c.redirect('/quan-tri/van-ban?thongbao=da-luu', 303);
  });
