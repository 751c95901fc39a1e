/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { notFound } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, str, submitForm, uploadProblem, uploadsOf, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, fieldErrorOf, fieldId, Pager, render, SelectField, unitOptions } from '../../web/layout.js';
import { authorize, can, systemActor } from '../../policy/policy.js';
import { ACCEPT } from '../files/files.service.js';
import { listUnitsFlat } from '../units/units.service.js';
import type { PresentedDocument } from './documents.schemas.js';
import * as documents from './documents.service.js';
import { DOCUMENT_KINDS } from './documents.table.js';
import { FileLink } from './documents.view.js';
import { fileResponse } from './documents.pages.js';

const kindOptions = Object.entries(DOCUMENT_KINDS).map(([value, label]) => ({ value, label: `${label} (${value})` }));
const toInput = (v: FormValues) => ({
  number: str(v.number),
  kind: str(v.kind),
  issuer: str(v.issuer),
  unit: str(v.unit),
  date: str(v.date),
  effectiveDate: str(v.effectiveDate),
  title: str(v.title),
  signer: str(v.signer),
  field: str(v.field),
  public: str(v.public) === '1',
  // the picker sends nothing when no unit is chosen: the form always states the whole list
  recipients: list(v.recipients).filter(Boolean),
});
const toValues = (d: PresentedDocument): FormValues => ({
  number: d.number,
  kind: d.kind,
  issuer: d.issuer,
  unit: d.unit ?? '',
  date: formatDate(d.date),
  effectiveDate: formatDate(d.effectiveDate),
  title: d.title,
  signer: d.signer ?? '',
  field: d.field ?? '',
  public: d.public ? '1' : '',
  recipients: d.recipients.map((u) => u.code),
});
const idOf = (v: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound('Không tìm thấy văn bản.');
  return n;
};
const fileIdOf = (v: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound('Không tìm thấy tệp.');
  return n;
};
const adminFileUrl = (id: number) => `/quan-tri/van-ban/tep/${id}`;

/** A document for a reader who may not edit it: its register entry, recipients and files. */
function readPage(c: Ctx, d: PresentedDocument) {
  const rows: [string, string][] = [
    ['Số, ký hiệu', d.number],
    ['Loại văn bản', d.kindLabel],
    ['Cơ quan ban hành', d.issuer],
    ['Ngày ban hành', formatDate(d.date)],
    ['Ngày hiệu lực', d.effectiveDate ? formatDate(d.effectiveDate) : '—'],
    ['Người ký', d.signer ?? '—'],
    ['Lĩnh vực', d.field ?? '—'],
    ['Trích yếu', d.title],
    ['Nơi nhận', d.recipients.length ? d.recipients.map((u) => u.name).join(', ') : '—'],
    ['Công khai trên cổng', d.public ? 'Có' : 'Không'],
  ];
  return render(
    c,
    <AdminLayout c={c} title={`${d.kindLabel} ${d.number}`} active="van-ban">
      <p>
        <a href="/quan-tri/van-ban">← Sổ văn bản</a>
      </p>
      <section class="card">
        <h2>{d.title}</h2>
        <dl class="facts">
          {rows.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
        <p class="muted">Bạn xem được văn bản này; chỉ cơ quan ban hành sửa được.</p>
      </section>
      <section class="card" id="tep">
        <h2>Tệp văn bản</h2>
        {d.files.length ? (
          <ul>
            {d.files.map((f) => (
              <li>
                <FileLink f={f} href={adminFileUrl(f.id)} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">Văn bản chưa có tệp đính kèm.</p>
        )}
      </section>
    </AdminLayout>,
  );
}

function FilesSection({ c, doc, issues }: { c: Ctx; doc: PresentedDocument; issues: FieldIssue[] }) {
  const base = `/quan-tri/van-ban/${doc.id}/tep`;
  const maxMb = Math.round(c.var.deps.config.maxUploadBytes / 1048576);
  return (
    <section class="card" id="tep">
      <h2>Tệp đính kèm</h2>
      {doc.public ? (
        <p class="muted">
          Văn bản được công khai: <a href={`/van-ban/${doc.id}`}>xem trên cổng thông tin</a>. Người xem tải được các tệp dưới đây.
        </p>
      ) : (
        <p class="muted">Văn bản không công khai: tệp chỉ tải được trong trang quản trị.</p>
      )}
      {doc.files.length ? (
        <table class="responsive">
          <thead>
            <tr>
              <th>Tệp</th>
              <th>Thứ tự</th>
              <th>Xóa</th>
            </tr>
          </thead>
          <tbody>
            {doc.files.map((f, i) => (
              <tr>
                <td data-label="Tệp">
                  <FileLink f={f} href={adminFileUrl(f.id)} />
                </td>
                <td data-label="Thứ tự">
                  <form method="post" action={`${base}/${f.id}/vi-tri`} class="inline">
                    <Csrf c={c} />
                    <button type="submit" name="huong" value="len" class="secondary" disabled={i === 0} aria-label={`Đưa tệp ${f.name} lên trên`}>
                      ↑ Lên
                    </button>{' '}
                    <button type="submit" name="huong" value="xuong" class="secondary" disabled={i === doc.files.length - 1} aria-label={`Đưa tệp ${f.name} xuống dưới`}>
                      ↓ Xuống
                    </button>
                  </form>
                </td>
                <td data-label="Xóa">
                  <form method="post" action={`${base}/${f.id}/xoa`} data-confirm={`Xóa tệp "${f.name}" khỏi văn bản?`} class="inline">
                    <Csrf c={c} />
                    <button type="submit" class="danger" aria-label={`Xóa tệp ${f.name}`}>
                      Xóa
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">Chưa có tệp nào.</p>
      )}
      <form method="post" action={base} enctype="multipart/form-data" novalidate>
        <Csrf c={c} />
        <div class={fieldErrorOf(issues, 'files') ? 'field has-error' : 'field'}>
          <label for={fieldId('files')}>Thêm tệp (bản ký số, bản chụp văn bản, phụ lục)</label>
          <p class="hint">Tệp PDF hoặc ảnh JPEG, PNG, WebP; chọn được nhiều tệp; mỗi tệp tối đa {maxMb} MB.</p>
          {fieldErrorOf(issues, 'files') ? <p class="field-error">{fieldErrorOf(issues, 'files')}</p> : null}
          <input id={fieldId('files')} type="file" name="files" multiple accept={ACCEPT} aria-invalid={fieldErrorOf(issues, 'files') ? 'true' : undefined} />
        </div>
        <button type="submit" class="secondary">
          Tải lên
        </button>
      </form>
    </section>
  );
}

async function formPage(c: Ctx, opts: { doc?: PresentedDocument; values: FormValues; issues: FieldIssue[]; fileIssues?: FieldIssue[]; message?: string; status?: 200 | 409 | 413 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'document.manage');
  const units = (await listUnitsFlat(c.var.deps.db.db, actor)).filter((u) => u.kind !== 'residentialGroup');
  // a document may be sent to any unit (units are public on /don-vi), not only the editor's subtree
  const allUnits = (await listUnitsFlat(c.var.deps.db.db, systemActor('sổ văn bản'))).filter((u) => u.kind !== 'residentialGroup');
  const v = opts.values;
  const chosen = list(v.recipients);
  const id = opts.doc?.id;
  const allIssues = [...opts.issues, ...(opts.fileIssues ?? [])];
  return render(
    c,
    <AdminLayout c={c} title={id ? `Sửa văn bản ${opts.doc?.number ?? ''}` : 'Vào sổ văn bản'} active="van-ban">
      <p>
        <a href="/quan-tri/van-ban">← Sổ văn bản</a>
      </p>
      <ErrorSummary issues={allIssues} message={opts.message} />
      <form method="post" action={id ? `/quan-tri/van-ban/${id}` : '/quan-tri/van-ban/moi'} class="card" novalidate>
        <Csrf c={c} />
        <Field name="number" maxChars={60} label="Số, ký hiệu" value={str(v.number)} issues={opts.issues} required hint="Ví dụ 18-KH/QU" />
        <SelectField name="kind" label="Loại văn bản" value={str(v.kind)} issues={opts.issues} required options={kindOptions} />
        <Field name="issuer" maxChars={200} label="Cơ quan ban hành" value={str(v.issuer)} issues={opts.issues} required hint="Như in trên văn bản, ví dụ Quận ủy Long Biên" />
        <Field name="signer" maxChars={200} label="Người ký" value={str(v.signer)} issues={opts.issues} hint="Chức vụ và họ tên, ví dụ Phó Bí thư Thường trực Nguyễn Văn A" />
        <SelectField name="unit" label="Đơn vị quản lý" value={str(v.unit)} issues={opts.issues} required options={unitOptions(units)} />
        <Field name="date" label="Ngày ban hành" value={str(v.date)} issues={opts.issues} required hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="effectiveDate" label="Ngày hiệu lực" value={str(v.effectiveDate)} issues={opts.issues} hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="field" maxChars={200} label="Lĩnh vực" value={str(v.field)} issues={opts.issues} hint="Ví dụ Dân vận, Giải phóng mặt bằng" />
        <Field name="title" maxChars={1000} label="Trích yếu" value={str(v.title)} issues={opts.issues} required />
        <div class={fieldErrorOf(opts.issues, 'recipients') || opts.issues.some((i) => i.field.startsWith('recipients[')) ? 'field has-error' : 'field'}>
          <label for={fieldId('recipients')}>Nơi nhận</label>
          <p class="hint" id={`${fieldId('recipients')}-hint`}>
            Các đơn vị được gửi văn bản; giữ Ctrl để chọn nhiều đơn vị. Văn bản không công khai thì đơn vị nhận và các đơn vị trực thuộc của nó cũng đọc được.
          </p>
          {opts.issues
            .filter((i) => i.field === 'recipients' || i.field.startsWith('recipients['))
            .map((i) => (
              <p class="field-error">{i.message}</p>
            ))}
          <select id={fieldId('recipients')} name="recipients" multiple size={6} aria-describedby={`${fieldId('recipients')}-hint`}>
            {unitOptions(allUnits).map((o) => (
              <option value={o.value} selected={chosen.includes(o.value)}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div class={fieldErrorOf(opts.issues, 'public') ? 'field checks has-error' : 'field checks'}>
          <label>
            <input type="checkbox" name="public" value="1" checked={str(v.public) === '1'} /> Công khai trên cổng thông tin (mục Văn bản)
          </label>
        </div>
        <div class="actions">
          <button type="submit">Lưu</button>
          <a href="/quan-tri/van-ban">Hủy</a>
        </div>
      </form>
      {opts.doc ? <FilesSection c={c} doc={opts.doc} issues={opts.fileIssues ?? []} /> : <p class="muted">Lưu văn bản trước, rồi đính kèm tệp.</p>}
    </AdminLayout>,
    opts.status ?? 200,
  );
}

/** Runs a file action; a refused upload re-renders the document page with the reason beside the field. */
async function fileAction(c: Ctx, id: number, run: () => Promise<unknown>, flash: string) {
  try {
    await run();
  } catch (e) {
    const p = uploadProblem(e);
    if (!p) throw e;
    const doc = await documents.getDocumentForEdit(c.var.deps.db.db, pageActor(c), id);
    return formPage(c, { doc, values: toValues(doc), issues: [], fileIssues: p.issues.length ? p.issues : [{ field: 'files', message: p.message }], message: p.message, status: p.status });
  }
  return c.redirect(`/quan-tri/van-ban/${id}?thongbao=${flash}#tep`, 303);
}

export const documentsAdmin = new Hono<AppEnv>()
  .get('/van-ban', async (c) => {
    const actor = pageActor(c);
    const q = c.req.query();
    const year = q.nam ? Number.parseInt(q.nam, 10) : undefined;
    const r = await documents.listDocuments(c.var.deps.db.db, actor, { q: q.q, kind: q.loai, year: Number.isFinite(year) ? year : undefined, page: pageParam(q.trang), unit: q.don_vi, from: q.tu, to: q.den, exceptNumber: q.tru });
    const narrowed = [r.unitName ? `của ${r.unitName} và các đơn vị trực thuộc` : '', r.from ? `từ ngày ${formatDate(r.from)}` : '', r.to ? `đến ngày ${formatDate(r.to)}` : '', q.tru ? `trừ văn bản số ${q.tru}` : ''].filter(Boolean);
    // documents sent to the reader's unit are read here but edited by the issuing unit's line: only
    // those of the reader's subtree link to the edit page (the others would answer 403)
    const editable = can(actor, 'document.manage') ? new Set((await listUnitsFlat(c.var.deps.db.db, actor, { includeInactive: true })).map((u) => u.code)) : new Set<string>();
    const mayEdit = (d: PresentedDocument) => (d.unit ? editable.has(d.unit) : can(actor, 'document.manage', { unitPath: '/' }));
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'trang' && v));
    return render(
      c,
      <AdminLayout c={c} title="Sổ văn bản" active="van-ban">
        {can(actor, 'document.manage') ? (
          <div class="toolbar">
            <a class="button" href="/quan-tri/van-ban/moi">
              Vào sổ văn bản
            </a>
            <a href="/van-ban">Xem kho văn bản trên cổng thông tin</a>
          </div>
        ) : null}
        <form method="get" action="/quan-tri/van-ban" class="card filters">
          {(['don_vi', 'tu', 'den', 'tru'] as const).map((k) => (q[k] ? <input type="hidden" name={k} value={q[k]} /> : null))}
          <Field name="q" label="Tìm (không cần dấu)" value={q.q} issues={[]} type="search" />
          <SelectField name="loai" label="Loại" value={q.loai} issues={[]} empty="Tất cả" options={kindOptions} />
          <Field name="nam" label="Năm ban hành" value={q.nam} issues={[]} inputmode="numeric" />
          <button type="submit">Lọc</button>
        </form>
        <p class="muted">
          {formatNumber(r.total)} văn bản
          {narrowed.length ? (
            <>
              {' '}
              {narrowed.join(', ')} · <a href="/quan-tri/van-ban">Xem tất cả</a>
            </>
          ) : null}
        </p>
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>Số, ký hiệu</th>
                <th>Ngày ban hành</th>
                <th>Trích yếu</th>
                <th>Cơ quan ban hành, người ký</th>
                <th>Lĩnh vực</th>
                <th>Công khai</th>
                <th>Tệp</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((d) => (
                <tr>
                  <td data-label="Số, ký hiệu">
                    <a href={`/quan-tri/van-ban/${d.id}`}>{d.number}</a>
                    {mayEdit(d) ? null : <span class="muted"> (chỉ xem)</span>}
                  </td>
                  <td data-label="Ngày ban hành">{formatDate(d.date)}</td>
                  <td data-label="Trích yếu">
                    {d.kindLabel} {d.title}
                  </td>
                  <td data-label="Cơ quan ban hành">
                    {d.issuer}
                    {d.signer ? (
                      <>
                        <br />
                        <span class="muted">Người ký: {d.signer}</span>
                      </>
                    ) : null}
                    {d.recipients.length ? (
                      <>
                        <br />
                        <span class="muted">Nơi nhận: {d.recipients.map((u) => u.name).join(', ')}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label="Lĩnh vực">{d.field ?? '—'}</td>
                  <td data-label="Công khai">{d.public ? <span class="badge ok">Công khai</span> : <span class="badge off">Không công khai</span>}</td>
                  <td data-label="Tệp">
                    {d.files.length
                      ? d.files.map((f) => (
                          <div>
                            <a href={adminFileUrl(f.id)}>{f.name}</a>
                          </div>
                        ))
                      : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={(p) => `/quan-tri/van-ban?${new URLSearchParams([...params, ['trang', String(p)]]).toString()}`} />
        </div>
      </AdminLayout>,
    );
  })
  .get('/van-ban/moi', (c) => formPage(c, { values: { kind: 'KH', unit: pageActor(c).unitCode, public: '1' }, issues: [] }))
  .post('/van-ban/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(
      c,
      () => inTx(c, (trx) => documents.createDocument(trx, { actor, input: toInput(values) })),
      (d) => `/quan-tri/van-ban/${d.id}?thongbao=da-tao`,
      (p) => formPage(c, { values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/van-ban/tep/:fileId', async (c) => {
    const f = await documents.getDocumentFile(c.var.deps.db.db, pageActor(c), fileIdOf(c.req.param('fileId')));
    return fileResponse(c, f, 'private, max-age=3600');
  })
  .get('/van-ban/:id', async (c) => {
    const actor = pageActor(c);
    const id = idOf(c.req.param('id'));
    // a reader who may not edit it (a unit it was sent to, the line above) gets the document to read
    const { doc, mayManage } = await documents.getDocumentInAdmin(c.var.deps.db.db, actor, id);
    if (!mayManage) return readPage(c, doc);
    const d = await documents.getDocumentForEdit(c.var.deps.db.db, actor, id);
    return formPage(c, { doc: d, values: toValues(d), issues: [] });
  })
  .post('/van-ban/:id', async (c) => {
    const actor = pageActor(c);
    const id = idOf(c.req.param('id'));
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => documents.updateDocument(trx, { actor, id, input: toInput(values) })), '/quan-tri/van-ban?thongbao=da-luu', async (p) =>
      formPage(c, { doc: await documents.getDocumentForEdit(c.var.deps.db.db, actor, id), values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .post('/van-ban/:id/tep', async (c) => {
    const id = idOf(c.req.param('id'));
    const files = await uploadsOf(c, 'files');
    return fileAction(c, id, () => inTx(c, (trx) => documents.attachDocumentFiles(trx, { actor: pageActor(c), id, files, maxFileBytes: c.var.deps.config.maxUploadBytes })), 'da-luu');
  })
  .post('/van-ban/:id/tep/:fileId/xoa', async (c) => {
    const id = idOf(c.req.param('id'));
    const fileId = fileIdOf(c.req.param('fileId'));
    return fileAction(c, id, () => inTx(c, (trx) => documents.removeDocumentFile(trx, { actor: pageActor(c), id, fileId })), 'da-xoa');
  })
  .post('/van-ban/:id/tep/:fileId/vi-tri', async (c) => {
    const id = idOf(c.req.param('id'));
    const fileId = fileIdOf(c.req.param('fileId'));
    const direction = str((await formData(c)).huong) === 'len' ? 'up' : 'down';
    return fileAction(c, id, () => inTx(c, (trx) => documents.moveDocumentFile(trx, { actor: pageActor(c), id, fileId, direction })), 'da-luu');
  });
