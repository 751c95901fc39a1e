/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { badInput, type FieldIssue } from '../../lib/errors.js';
import { formatDate, todayVn } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import type { PresentedCampaign, PresentedPhase } from './campaigns.schemas.js';
import * as campaigns from './campaigns.service.js';

/** "VHXH | Văn hóa - xã hội" lines ↔ field records; "hq | Hiệu quả | 40" for criteria. */
function parseLines(text: string, name: 'fields' | 'criteria' | 'bands') {
  const out: Record<string, unknown>[] = [];
  const issues: FieldIssue[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (!line) return;
      const parts = line.split('|').map((p) => p.trim());
      if (name === 'fields' && parts.length === 2) out.push({ code: parts[0], name: parts[1] });
      else if (name === 'bands' && parts.length === 2) out.push({ name: parts[0], min: parts[1] });
      else if (name === 'criteria' && parts.length === 3) out.push({ code: parts[0], name: parts[1], weight: parts[2] });
      else {
        const [label, shape] = { fields: ['Lĩnh vực', '"MÃ | Tên lĩnh vực"'], criteria: ['Tiêu chí', '"mã | Tên tiêu chí | trọng số"'], bands: ['Xếp loại', '"Tên xếp loại | điểm tối thiểu"'] }[name];
        issues.push({ field: name, message: `${label}: dòng ${i + 1} phải có dạng ${shape}` });
      }
    });
  if (issues.length) throw badInput(issues);
  return out;
}

const toInput = (v: FormValues) => ({
  code: str(v.code),
  unit: str(v.unit),
  year: str(v.year),
  theme: str(v.theme),
  plan: str(v.plan),
  planDate: str(v.planDate),
  startsOn: str(v.startsOn),
  endsOn: str(v.endsOn),
  fields: parseLines(str(v.fields), 'fields'),
  criteria: parseLines(str(v.criteria), 'criteria'),
  bands: parseLines(str(v.bands), 'bands'),
  publishMoney: str(v.publishMoney) === '1',
});

const toValues = (c: PresentedCampaign): FormValues => ({
  code: c.code,
  unit: c.unit,
  year: String(c.year),
  theme: c.theme,
  plan: c.plan?.number ?? '',
  planDate: formatDate(c.plan?.date),
  startsOn: formatDate(c.startsOn),
  endsOn: formatDate(c.endsOn),
  fields: c.fields.map((f) => `${f.code} | ${f.name}`).join('\n'),
  criteria: c.criteria.map((k) => `${k.code} | ${k.name} | ${k.weight}`).join('\n'),
  bands: c.bands.map((b) => `${b.name} | ${b.min}`).join('\n'),
  publishMoney: c.publishMoney ? '1' : '',
});


async function formPage(c: Ctx, opts: { code?: string; values: FormValues; issues: FieldIssue[]; message?: string; status?: 200 | 409 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'campaign.manage');
  const units = await listUnitsFlat(c.var.deps.db.db, actor);
  const isNew = !opts.code;
  const v = opts.values;
  return render(
    c,
    <AdminLayout c={c} title={isNew ? 'Tạo chủ đề năm' : `Sửa chủ đề năm ${opts.code}`} active="chu-de">
      <ErrorSummary issues={opts.issues} message={opts.message} />
      <form method="post" action={isNew ? '/quan-tri/chu-de/moi' : `/quan-tri/chu-de/${encodeURIComponent(opts.code!)}/sua`} class="card" novalidate>
        <Csrf c={c} />
        {isNew ? <Field name="code" label="Mã chủ đề năm" value={str(v.code)} issues={opts.issues} required hint="Ví dụ LB-2021; không đổi được sau khi tạo." /> : null}
        <SelectField name="unit" label="Đơn vị phát động" value={str(v.unit)} issues={opts.issues} required options={unitOptions(units)} />
        <Field name="year" label="Năm" value={str(v.year)} issues={opts.issues} required type="number" />
        <Field name="theme" maxChars={500} label="Chủ đề" value={str(v.theme)} issues={opts.issues} required hint='Ví dụ: Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng' />
        <Field name="plan" maxChars={60} label="Kế hoạch thực hiện (số, ký hiệu văn bản)" value={str(v.plan)} issues={opts.issues} hint="Văn bản phải có trong sổ văn bản, ví dụ 18-KH/QU." />
        <Field name="planDate" label="Ngày ban hành kế hoạch (khi có nhiều văn bản cùng số)" value={str(v.planDate)} issues={opts.issues} hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="startsOn" label="Ngày bắt đầu" value={str(v.startsOn)} issues={opts.issues} hint="dd/mm/yyyy; mặc định 01/01 của năm" inputmode="numeric" />
        <Field name="endsOn" label="Ngày kết thúc" value={str(v.endsOn)} issues={opts.issues} hint="dd/mm/yyyy; mặc định 31/12 của năm" inputmode="numeric" />
        <TextAreaField name="fields" label="Lĩnh vực (mỗi dòng một lĩnh vực)" value={str(v.fields)} issues={opts.issues} hint='Dạng "MÃ | Tên lĩnh vực", ví dụ "GPMB | Giải phóng mặt bằng".' />
        <TextAreaField name="criteria" label="Tiêu chí thẩm định (tổng trọng số bằng 100)" value={str(v.criteria)} issues={opts.issues} hint='Dạng "mã | Tên tiêu chí | trọng số", ví dụ "hieu-qua | Hiệu quả | 40".' />
        <TextAreaField name="bands" label="Xếp loại theo điểm trung bình (cao xuống thấp)" value={str(v.bands)} issues={opts.issues} hint='Dạng "Tên | điểm tối thiểu", ví dụ "Xuất sắc | 90". Để trống: Xuất sắc 90, Tốt 80, Khá 65, Đạt 50.' />
        <div class="field">
          <label>
            <input type="checkbox" name="publishMoney" value="1" checked={str(v.publishMoney) === '1'} /> Công bố trên cổng thông tin số tiền Nhân dân đóng góp qua các mô hình
          </label>
          <p class="hint">Không chọn: cán bộ vẫn thấy số tiền trong trang quản trị và báo cáo; cổng chỉ công bố ngày công, đất hiến, số hộ, số người hưởng lợi.</p>
        </div>
        <div class="actions">
          <button type="submit">{isNew ? 'Tạo chủ đề năm' : 'Lưu thay đổi'}</button>
          <a href={isNew ? '/quan-tri/chu-de' : `/quan-tri/chu-de/${encodeURIComponent(opts.code!)}`}>Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

const phaseInput = (v: FormValues) => ({ code: str(v.code), name: str(v.name), unit: str(v.unit), fromYear: str(v.fromYear), toYear: str(v.toYear) });
const phaseValues = (p: PresentedPhase): FormValues => ({ code: p.code, name: p.name, unit: p.unit, fromYear: String(p.fromYear), toYear: String(p.toYear) });

/** The form of a phase (giai đoạn): a unit's campaigns from one year to another. */
async function phaseFormPage(c: Ctx, opts: { code?: string; values: FormValues; issues: FieldIssue[]; message?: string; status?: 200 | 409 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'campaign.manage');
  const units = await listUnitsFlat(c.var.deps.db.db, actor);
  const isNew = !opts.code;
  const v = opts.values;
  return render(
    c,
    <AdminLayout c={c} title={isNew ? 'Tạo giai đoạn' : `Sửa giai đoạn ${opts.code}`} active="chu-de">
      <p class="muted">Một giai đoạn gồm các chủ đề năm của một đơn vị từ năm đầu đến năm cuối. Đợt thẩm định và quyết định khen thưởng của giai đoạn chọn trong các mô hình của những năm đó; báo cáo giai đoạn so sánh từng năm.</p>
      <ErrorSummary issues={opts.issues} message={opts.message} />
      <form method="post" action={isNew ? '/quan-tri/giai-doan/moi' : `/quan-tri/giai-doan/${encodeURIComponent(opts.code!)}/sua`} class="card" novalidate>
        <Csrf c={c} />
        {isNew ? <Field name="code" label="Mã giai đoạn" value={str(v.code)} issues={opts.issues} required hint="Ví dụ LB-2021-2025; không đổi được sau khi tạo." /> : null}
        <Field name="name" maxChars={300} label="Tên giai đoạn" value={str(v.name)} issues={opts.issues} required hint="Ví dụ: Giai đoạn 2021–2025" />
        <SelectField name="unit" label="Đơn vị" value={str(v.unit)} issues={opts.issues} required options={unitOptions(units)} />
        <Field name="fromYear" label="Từ năm" value={str(v.fromYear)} issues={opts.issues} required type="number" />
        <Field name="toYear" label="Đến năm" value={str(v.toYear)} issues={opts.issues} required type="number" />
        <div class="actions">
          <button type="submit">{isNew ? 'Tạo giai đoạn' : 'Lưu thay đổi'}</button>
          <a href={isNew ? '/quan-tri/chu-de' : `/quan-tri/giai-doan/${encodeURIComponent(opts.code!)}`}>Hủy</a>
        </div>
      </form>
      {isNew ? null : (
        <form method="post" action={`/quan-tri/giai-doan/${encodeURIComponent(opts.code!)}/xoa`} class="card" data-confirm={`Xóa hẳn giai đoạn ${opts.code}? Chỉ xóa được giai đoạn tạo nhầm, chưa được dùng ở đâu.`}>
          <Csrf c={c} />
          <p class="hint">Chỉ xóa được giai đoạn tạo nhầm: chưa có đợt thẩm định, quyết định khen thưởng hay tờ trình đề nghị khen thưởng nào theo giai đoạn này. Các chủ đề năm của giai đoạn vẫn giữ nguyên.</p>
          <button type="submit" class="danger">
            Xóa giai đoạn
          </button>
        </form>
      )}
    </AdminLayout>,
    opts.status ?? 200,
  );
}

export const campaignsAdmin = new Hono<AppEnv>()
  .get('/chu-de', async (c) => {
    const actor = pageActor(c);
    const [list, phases] = await Promise.all([campaigns.listCampaigns(c.var.deps.db.db, actor), campaigns.listPhases(c.var.deps.db.db, actor)]);
    return render(
      c,
      <AdminLayout c={c} title="Chủ đề năm" active="chu-de">
        {can(actor, 'campaign.manage') ? (
          <div class="toolbar">
            <a class="button" href="/quan-tri/chu-de/moi">
              Tạo chủ đề năm
            </a>
          </div>
        ) : null}
        <div class="card">
          {list.length ? (
            <table class="responsive">
              <thead>
                <tr>
                  <th>Năm</th>
                  <th>Chủ đề</th>
                  <th>Đơn vị phát động</th>
                  <th>Kế hoạch</th>
                </tr>
              </thead>
              <tbody>
                {list.map((k) => (
                  <tr>
                    <td data-label="Năm">{k.year}</td>
                    <td data-label="Chủ đề">
                      <a href={`/quan-tri/chu-de/${encodeURIComponent(k.code)}`}>{k.theme}</a> <span class="muted">({k.code})</span>
                    </td>
                    <td data-label="Đơn vị">{k.unitName}</td>
                    <td data-label="Kế hoạch">{k.plan ? `${k.plan.number} ngày ${formatDate(k.plan.date)}` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Chưa có chủ đề năm nào.</p>
          )}
        </div>
        <section class="card">
          <h2>Giai đoạn</h2>
          {phases.length ? (
            <table class="responsive">
              <thead>
                <tr>
                  <th>Giai đoạn</th>
                  <th>Đơn vị</th>
                  <th>Các năm</th>
                </tr>
              </thead>
              <tbody>
                {phases.map((p) => (
                  <tr>
                    <td data-label="Giai đoạn">
                      <a href={`/quan-tri/giai-doan/${encodeURIComponent(p.code)}`}>{p.name}</a> <span class="muted">({p.code})</span>
                    </td>
                    <td data-label="Đơn vị">{p.unitName}</td>
                    <td data-label="Các năm">
                      {p.fromYear}–{p.toYear} · {p.campaigns.length ? p.campaigns.map((k) => k.year).join(', ') : 'chưa có chủ đề năm nào'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Chưa có giai đoạn nào. Một giai đoạn (ví dụ 2021–2025) gom các chủ đề năm của một đơn vị để sơ kết, tổng kết và khen thưởng cả giai đoạn.</p>
          )}
          {can(actor, 'campaign.manage') ? (
            <a class="button secondary" href="/quan-tri/giai-doan/moi">
              Tạo giai đoạn
            </a>
          ) : null}
        </section>
      </AdminLayout>,
    );
  })
  .get('/giai-doan/moi', (c) => {
    const y = Number(todayVn().slice(0, 4));
    return phaseFormPage(c, { values: { unit: pageActor(c).unitCode, fromYear: String(y - 4), toYear: String(y) }, issues: [] });
  })
  .post('/giai-doan/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => campaigns.createPhase(trx, { actor, input: phaseInput(values) })), (p) => `/quan-tri/giai-doan/${encodeURIComponent(p.code)}?thongbao=da-tao`, (p) =>
      phaseFormPage(c, { values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/giai-doan/:code/sua', async (c) => {
    const actor = pageActor(c);
    const p = await campaigns.getPhase(c.var.deps.db.db, actor, c.req.param('code'));
    // the form of a phase the user may not change is refused as its saving is
    await campaigns.mayManagePhase(c.var.deps.db.db, actor, p.code);
    return phaseFormPage(c, { code: p.code, values: phaseValues(p), issues: [] });
  })
  .post('/giai-doan/:code/sua', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const values = await formData(c);
    const { code: _code, ...input } = phaseInput(values);
    return submitForm(c, () => inTx(c, (trx) => campaigns.updatePhase(trx, { actor, code, input })), `/quan-tri/giai-doan/${encodeURIComponent(code)}?thongbao=da-luu`, (p) =>
      phaseFormPage(c, { code, values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .post('/giai-doan/:code/xoa', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    // a phase in use (409): the edit form again, with the reason
    return submitForm(c, () => inTx(c, (trx) => campaigns.deletePhase(trx, { actor, code })), '/quan-tri/chu-de?thongbao=da-xoa-giai-doan', async (p) =>
      phaseFormPage(c, { code, values: phaseValues(await campaigns.getPhase(c.var.deps.db.db, actor, code)), issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/chu-de/moi', (c) => formPage(c, { values: { year: todayVn().slice(0, 4), unit: pageActor(c).unitCode }, issues: [] }))
  .post('/chu-de/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => campaigns.createCampaign(trx, { actor, input: toInput(values) })), (k) => `/quan-tri/chu-de/${encodeURIComponent(k.code)}?thongbao=da-tao`, (p) =>
      formPage(c, { values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/chu-de/:code/sua', async (c) => {
    const actor = pageActor(c);
    const k = await campaigns.getCampaign(c.var.deps.db.db, actor, c.req.param('code'));
    return formPage(c, { code: k.code, values: toValues(k), issues: [] });
  })
  .post('/chu-de/:code/sua', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => campaigns.updateCampaign(trx, { actor, code, input: toInput(values) })), `/quan-tri/chu-de/${encodeURIComponent(code)}?thongbao=da-luu`, (p) =>
      formPage(c, { code, values, issues: p.issues, message: p.message, status: p.status }),
    );
  });
