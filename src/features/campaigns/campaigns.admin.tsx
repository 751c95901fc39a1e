/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { badInput, type FieldIssue } from '../../lib/errors.js';
import { formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import { BarChart, ColumnChart } from '../../web/charts.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, pageActor, str, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import type { PresentedCampaign } from './campaigns.schemas.js';
import * as campaigns from './campaigns.service.js';
import { campaignDashboard, parseThrough, type CampaignDashboard } from './campaigns.stats.js';

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
        <div class="actions">
          <button type="submit">{isNew ? 'Tạo chủ đề năm' : 'Lưu thay đổi'}</button>
          <a href={isNew ? '/quan-tri/chu-de' : `/quan-tri/chu-de/${encodeURIComponent(opts.code!)}`}>Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

const delta = (now: number, before: number | undefined) =>
  before === undefined ? null : <span class="delta">{now === before ? 'bằng cùng kỳ năm trước' : `${now > before ? '+' : '−'}${formatNumber(Math.abs(now - before))} so với cùng kỳ năm trước`}</span>;

function Dashboard({ d, code }: { d: CampaignDashboard; code: string }) {
  // "don_vi=" (all units) unless a unit is given: the list opens on a ward officer's own ward otherwise, and the figure must match the list
  const list = (q: Record<string, string>) => `/quan-tri/mo-hinh?${new URLSearchParams({ chu_de: code, don_vi: '', trang_thai: 'registered', den: formatDate(d.through), ...q }).toString()}`;
  const covid = d.teams.byKind.find((k) => k.kind === 'covidCommunity');
  const prev = d.previous;
  return (
    <>
      <div class="big-numbers">
        <a class="stat" href={list({})}>
          <b>{formatNumber(d.models.total)}</b> mô hình đăng ký {delta(d.models.total, prev?.models.total)}
        </a>
        <a class="stat" href={list({ loai: 'collective' })}>
          <b>{formatNumber(d.models.collective)}</b> mô hình tập thể
        </a>
        <a class="stat" href={list({ loai: 'individual' })}>
          <b>{formatNumber(d.models.individual)}</b> mô hình cá nhân
        </a>
        {covid && covid.teams ? (
          <div class="stat">
            <b>{formatNumber(covid.teams)}</b> Tổ Covid cộng đồng, {formatNumber(covid.members)} thành viên
          </div>
        ) : null}
      </div>
      <div class="grid2">
        <section class="card">
          <h2>Mô hình theo lĩnh vực</h2>
          <BarChart title="Mô hình theo lĩnh vực" data={d.models.byField.map((f) => ({ label: f.name, value: f.count }))} />
          <table>
            <thead>
              <tr>
                <th>Lĩnh vực</th>
                <th class="num">Mô hình</th>
                {prev ? <th class="num">Cùng kỳ năm trước</th> : null}
              </tr>
            </thead>
            <tbody>
              {d.models.byField.map((f) => (
                <tr>
                  <td>
                    <a href={list({ linh_vuc: f.code })}>{f.name}</a>
                  </td>
                  <td class="num">{formatNumber(f.count)}</td>
                  {prev ? <td class="num">{formatNumber(prev.models.byField.find((p) => p.code === f.code)?.count ?? 0)}</td> : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="total">
                <th scope="row">Tổng cộng</th>
                <td class="num">
                  <a href={list({})}>{formatNumber(d.models.total)}</a>
                </td>
                {prev ? <td class="num">{formatNumber(prev.models.total)}</td> : null}
              </tr>
            </tfoot>
          </table>
        </section>
        <section class="card">
          <h2>Đăng ký theo tháng</h2>
          <ColumnChart title="Số mô hình đăng ký theo tháng" data={d.byMonth.map((m) => ({ label: `${m.month.slice(5)}/${m.month.slice(2, 4)}`, value: m.count }))} />
          <table>
            <thead>
              <tr>
                <th>Tháng</th>
                <th class="num">Mô hình đăng ký</th>
              </tr>
            </thead>
            <tbody>
              {d.byMonth.map((m) => (
                <tr>
                  <td>
                    {m.month.slice(5)}/{m.month.slice(0, 4)}
                  </td>
                  <td class="num">{formatNumber(m.count)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="total">
                <th scope="row">Tổng cộng</th>
                <td class="num">{formatNumber(d.models.total)}</td>
              </tr>
            </tfoot>
          </table>
        </section>
      </div>
      <section class="card">
        <h2>Theo đơn vị (cộng dồn cả đơn vị trực thuộc)</h2>
        <BarChart title="Mô hình theo đơn vị" data={d.byUnit.map((u) => ({ label: u.name, value: u.models, part: u.collective }))} partLabel="tập thể" restLabel="cá nhân" />
        <table class="responsive">
          <thead>
            <tr>
              <th>Đơn vị</th>
              <th class="num">Mô hình</th>
              <th class="num">Tập thể</th>
              <th class="num">Cá nhân</th>
              <th class="num">Tổ, đội</th>
              <th class="num">Thành viên</th>
            </tr>
          </thead>
          <tbody>
            {d.byUnit.map((u) => (
              <tr>
                <td data-label="Đơn vị">
                  <a href={list({ don_vi: u.code })}>{u.name}</a>
                </td>
                <td data-label="Mô hình" class="num">
                  {formatNumber(u.models)}
                </td>
                <td data-label="Tập thể" class="num">
                  {formatNumber(u.collective)}
                </td>
                <td data-label="Cá nhân" class="num">
                  {formatNumber(u.individual)}
                </td>
                <td data-label="Tổ, đội" class="num">
                  {formatNumber(u.teams)}
                </td>
                <td data-label="Thành viên" class="num">
                  {formatNumber(u.members)}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr class="total">
              <th scope="row">Tổng cộng</th>
              <td data-label="Mô hình" class="num">
                {formatNumber(d.models.total)}
              </td>
              <td data-label="Tập thể" class="num">
                {formatNumber(d.models.collective)}
              </td>
              <td data-label="Cá nhân" class="num">
                {formatNumber(d.models.individual)}
              </td>
              <td data-label="Tổ, đội" class="num">
                {formatNumber(d.teams.total.teams)}
              </td>
              <td data-label="Thành viên" class="num">
                {formatNumber(d.teams.total.members)}
              </td>
            </tr>
          </tfoot>
        </table>
      </section>
      <section class="card">
        <h2>Tổ, đội theo loại</h2>
        <table>
          <thead>
            <tr>
              <th>Loại</th>
              <th class="num">Số tổ, đội</th>
              <th class="num">Thành viên</th>
            </tr>
          </thead>
          <tbody>
            {d.teams.byKind.map((k) => (
              <tr>
                <td>{k.label}</td>
                <td class="num">{formatNumber(k.teams)}</td>
                <td class="num">{formatNumber(k.members)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr class="total">
              <th scope="row">Tổng cộng</th>
              <td class="num">{formatNumber(d.teams.total.teams)}</td>
              <td class="num">{formatNumber(d.teams.total.members)}</td>
            </tr>
          </tfoot>
        </table>
        {prev ? (
          <p class="muted">
            Cùng kỳ năm trước ({prev.campaign.code}, đến {formatDate(prev.through)}): {formatNumber(prev.models.total)} mô hình ({formatNumber(prev.models.collective)} tập thể, {formatNumber(prev.models.individual)} cá nhân).
          </p>
        ) : null}
      </section>
    </>
  );
}

export const campaignsAdmin = new Hono<AppEnv>()
  .get('/chu-de', async (c) => {
    const actor = pageActor(c);
    const list = await campaigns.listCampaigns(c.var.deps.db.db, actor);
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
      </AdminLayout>,
    );
  })
  .get('/chu-de/moi', (c) => formPage(c, { values: { year: todayVn().slice(0, 4), unit: pageActor(c).unitCode }, issues: [] }))
  .post('/chu-de/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    try {
      const k = await inTx(c, (trx) => campaigns.createCampaign(trx, { actor, input: toInput(values) }));
      return c.redirect(`/quan-tri/chu-de/${encodeURIComponent(k.code)}?thongbao=da-tao`, 303);
    } catch (e) {
      const p = formProblem(e);
      if (p) return formPage(c, { values, issues: p.issues, message: p.message, status: p.status });
      throw e;
    }
  })
  .get('/chu-de/:code', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const k = await campaigns.getCampaign(db, actor, c.req.param('code'));
    let through: string;
    let throughError: string | undefined;
    try {
      through = parseThrough(c.req.query('den') || (todayVn() > (k.endsOn ?? '') && k.endsOn ? k.endsOn : undefined));
    } catch {
      through = todayVn();
      throughError = 'Ngày "đến ngày" không hợp lệ; đang hiện số liệu đến hôm nay.';
    }
    const d = await campaignDashboard(db, k.code, through, { viewer: actor });
    return render(
      c,
      <AdminLayout c={c} title={k.theme} active="chu-de">
        <p class="muted">
          Chủ đề năm {k.year} · {k.unitName} · mã {k.code}
          {k.plan ? ` · thực hiện Kế hoạch số ${k.plan.number} ngày ${formatDate(k.plan.date)} của ${k.plan.issuer}` : ''}
        </p>
        <div class="toolbar">
          <form method="get" action={`/quan-tri/chu-de/${encodeURIComponent(k.code)}`} class="toolbar">
            <div class="field">
              <label for="f-den">Số liệu tính đến ngày</label>
              <input id="f-den" name="den" value={formatDate(through)} inputmode="numeric" />
            </div>
            <button type="submit" class="secondary">
              Xem
            </button>
          </form>
          <a class="button secondary" href={`/quan-tri/mo-hinh?chu_de=${encodeURIComponent(k.code)}`}>
            Danh sách mô hình
          </a>
          <a class="button secondary" href={`/quan-tri/chu-de/${encodeURIComponent(k.code)}/bao-cao?den=${encodeURIComponent(formatDate(through))}`}>
            Báo cáo kết quả
          </a>
          <a class="button" href={`/quan-tri/mo-hinh/moi?chu_de=${encodeURIComponent(k.code)}`}>
            Đăng ký mô hình
          </a>
          {can(actor, 'campaign.manage') ? (
            <a class="button secondary" href={`/quan-tri/chu-de/${encodeURIComponent(k.code)}/sua`}>
              Sửa chủ đề năm
            </a>
          ) : null}
        </div>
        {throughError ? <p class="error-summary">{throughError}</p> : null}
        <h2>Kết quả đến ngày {formatDate(through)}</h2>
        <Dashboard d={d} code={k.code} />
        <section class="card">
          <h2>Lĩnh vực và tiêu chí thẩm định</h2>
          <div class="grid2">
            <ul>
              {k.fields.map((f) => (
                <li>
                  {f.name} <span class="muted">({f.code})</span>
                </li>
              ))}
            </ul>
            <table>
              <tbody>
                {k.criteria.map((x) => (
                  <tr>
                    <td>{x.name}</td>
                    <td class="num">{x.weight} điểm</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </AdminLayout>,
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
    try {
      await inTx(c, (trx) => campaigns.updateCampaign(trx, { actor, code, input: toInput(values) }));
    } catch (e) {
      const p = formProblem(e);
      if (p) return formPage(c, { code, values, issues: p.issues, message: p.message, status: p.status });
      throw e;
    }
    return c.redirect(`/quan-tri/chu-de/${encodeURIComponent(code)}?thongbao=da-luu`, 303);
  });
