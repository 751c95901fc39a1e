/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { AppError, badInput, type FieldIssue } from '../../lib/errors.js';
import { formatNumber, parseArea, parseMoney } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, pageActor, parseBodySafely, str, submitForm, uploadProblem, type FormValues } from '../../web/forms.js';
import { contentDisposition } from '../files/files.service.js';
import { parseId } from '../../lib/validation.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { getCampaign, listCampaigns } from '../campaigns/campaigns.service.js';
import { listPublicUnitsFlat, listUnitsFlat } from '../units/units.service.js';
import type { PresentedModel } from './models.schemas.js';
import * as models from './models.service.js';
import { HOLDER_LABELS, HOLDERS } from './models.table.js';
import { ModelAchievements, ModelDecisionForms, ModelFacts, ModelListFilters, ModelListTable, ModelListToolbar, ModelProgress, ModelReviewLines, ModelScopeLine, Status, TEXTS } from './models.admin.view.js';
import type { Actor } from '../../policy/policy.js';
import type { Db } from '../../db/index.js';

declare module '../../web/context.js' {
  interface DepsExtensions {
    /**
     * Who may read a score's evidence file: the appraisal slice's rule, supplied by createApp
     * (appraisal imports models; models does not import appraisal).
     */
    mayReadEvidence: (db: Db, actor: Actor, e: { round: string; appraiserId: number }) => Promise<boolean>;
  }
}

const toInput = (v: FormValues, campaign: string) => ({
  campaign,
  unit: str(v.unit),
  field: str(v.field),
  holder: str(v.holder),
  holderName: str(v.holderName),
  name: str(v.name),
  ...Object.fromEntries(TEXTS.map((t) => [t.name, str(v[t.name])])),
});

const toValues = (m: PresentedModel): FormValues => ({
  unit: m.unit,
  field: m.field,
  holder: m.holder,
  holderName: m.holderName ?? '',
  name: m.name,
  ...Object.fromEntries(TEXTS.map((t) => [t.name, String(m[t.name] ?? '')])),
});

/** The model list's filters, as they go back into its address: known keys only, the unit kept even when empty. */
const LIST_KEYS = ['chu_de', 'don_vi', 'linh_vuc', 'loai', 'trang_thai', 'tu', 'den', 'q', 'sap_xep', 'trang'] as const;
function listQueryOf(q: Record<string, string | undefined>): URLSearchParams {
  return new URLSearchParams(LIST_KEYS.flatMap((k): [string, string][] => (q[k] !== undefined && (q[k] || k === 'don_vi') ? [[k, String(q[k]).slice(0, 200)]] : [])));
}

async function formPage(c: Ctx, opts: { campaign: string | undefined; code?: string; values: FormValues; issues: FieldIssue[]; message?: string; status?: 200 | 409 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'model.edit');
  const db = c.var.deps.db.db;
  const all = await listCampaigns(db, actor);
  const chosen = opts.campaign ?? (all.length === 1 ? all[0]!.code : undefined);
  if (!chosen) {
    return render(
      c,
      <AdminLayout c={c} title="Đăng ký mô hình" active="mo-hinh">
        <form method="get" action="/quan-tri/mo-hinh/moi" class="card">
          <SelectField name="chu_de" label="Chọn chủ đề năm" issues={[]} options={all.map((k) => ({ value: k.code, label: `${k.year} — ${k.theme} (${k.unitName})` }))} />
          <button type="submit">Tiếp tục</button>
        </form>
      </AdminLayout>,
    );
  }
  const campaign = await getCampaign(db, actor, chosen, { forWrite: true });
  const units = (await listUnitsFlat(db, actor)).filter((u) => u.active);
  const v = opts.values;
  const isNew = !opts.code;
  return render(
    c,
    <AdminLayout c={c} title={isNew ? 'Đăng ký mô hình "Dân vận khéo"' : `Sửa mô hình ${opts.code}`} active="mo-hinh">
      <p class="muted">
        Chủ đề năm {campaign.year}: {campaign.theme}
      </p>
      <ErrorSummary issues={opts.issues} message={opts.message} />
      <form method="post" action={isNew ? `/quan-tri/mo-hinh/moi?chu_de=${encodeURIComponent(campaign.code)}` : `/quan-tri/mo-hinh/${encodeURIComponent(opts.code!)}/sua`} class="card" novalidate>
        <Csrf c={c} />
        <Field name="name" label="Tên mô hình" value={str(v.name)} issues={opts.issues} required maxChars={300} />
        <SelectField name="holder" label="Mô hình của" value={str(v.holder) || 'collective'} issues={opts.issues} required options={HOLDERS.map((h) => ({ value: h, label: HOLDER_LABELS[h] }))} />
        <Field name="holderName" label="Họ và tên cá nhân (hoặc tên tập thể nếu không phải đơn vị, ví dụ một tổ, đội)" value={str(v.holderName)} issues={opts.issues} maxChars={200} hint="Bắt buộc với mô hình cá nhân." />
        <SelectField name="unit" label="Đơn vị" value={str(v.unit)} issues={opts.issues} required options={unitOptions(units)} />
        <SelectField name="field" label="Lĩnh vực" value={str(v.field)} issues={opts.issues} required empty="— chọn lĩnh vực —" options={campaign.fields.map((f) => ({ value: f.code, label: f.name }))} />
        {TEXTS.map((t) => (
          <TextAreaField name={t.name} label={t.label} hint={t.hint} value={str(v[t.name])} issues={opts.issues} maxChars={4000} />
        ))}
        <div class="actions">
          <button type="submit">{isNew ? 'Lưu bản nháp' : 'Lưu thay đổi'}</button>
          <a href={isNew ? '/quan-tri/mo-hinh' : `/quan-tri/mo-hinh/${encodeURIComponent(opts.code!)}`}>Hủy</a>
        </div>
        {isNew ? <p class="hint">Sau khi lưu, bấm "Gửi duyệt" để đơn vị phát động xem xét và ghi nhận đăng ký.</p> : null}
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

/** One model: its review state, registration, the actions on it, and its progress updates. */
async function modelPage(c: Ctx, code: string, issues: FieldIssue[] = [], message?: string, status: 200 | 409 | 413 | 422 = 200, values: FormValues = {}) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const m = await models.getModel(db, actor, code);
  const [updates, achieved] = await Promise.all([models.listModelUpdates(db, actor, code), models.modelAchievements(db, actor, code)]);
  const campaign = await getCampaign(db, actor, m.campaign).catch(() => null);
  const base = `/quan-tri/mo-hinh/${encodeURIComponent(m.code)}`;
  const rights = await models.modelRights(db, actor, code);
  const canEdit = rights.edit;
  const canDecide = rights.decide;
  const trail = await models.modelTrail(db, actor, code);
  const done = MODEL_FLASH[c.req.query('thongbao') ?? '']?.(m.name, trail.deciderUnit);
  return render(
    c,
    <AdminLayout c={c} title={m.name} active="mo-hinh">
      <p>
        <a href={`/quan-tri/mo-hinh?${listQueryOf(Object.fromEntries(new URLSearchParams(c.req.query('ds') ?? `chu_de=${m.campaign}`))).toString()}`}>← Mô hình</a>
      </p>
      <p class="muted">
        {m.holderLabel} · {m.carriedOutBy}
        {m.holderName ? ` (${m.unitName})` : ''} · {m.fieldName} · mã {m.code} <Status m={m} />
        {m.exemplary ? <span class="badge ok"> Tiêu biểu</span> : null}
      </p>
      {done ? (
        <p class="flash" role="status">
          {done}
        </p>
      ) : null}
      <ErrorSummary issues={issues} message={message} />
      <ModelReviewLines m={m} trail={trail} />
      <ModelFacts c={c} m={m} campaign={campaign} rights={rights} base={base} />
      <ModelDecisionForms c={c} m={m} canDecide={canDecide} base={base} issues={issues} />
      <ModelAchievements c={c} m={m} a={achieved} canEdit={canEdit} canDecide={canDecide} base={base} issues={issues} values={Object.fromEntries(Object.entries(values).map(([k, v]) => [k, str(v)]))} />
      <ModelProgress c={c} m={m} updates={updates} canEdit={canEdit} base={base} issues={issues} />
    </AdminLayout>,
    status,
  );
}

/** What an action did, said on the model's page afterwards (the name and the deciding unit filled in there). */
const MODEL_FLASH: Record<string, (name: string, decider: string) => string> = {
  'da-gui-mo-hinh': (n, d) => `Đã gửi mô hình "${n}" cho ${d} duyệt. Kết quả sẽ báo về mục Thông báo của bạn.`,
  'da-duyet': (n) => `Đã duyệt mô hình "${n}": mô hình được ghi nhận đăng ký và hiện trên cổng. Người gửi đã được báo.`,
  'da-tra-lai-mo-hinh': (n) => `Đã trả lại mô hình "${n}" cho đơn vị, kèm lý do. Người gửi đã được báo.`,
  'da-dung': (n) => `Đã ghi nhận mô hình "${n}" dừng thực hiện.`,
  'da-danh-dau': (n) => `Đã cập nhật đánh dấu tiêu biểu của mô hình "${n}".`,
  'da-cap-nhat-tien-do': (n) => `Đã ghi tiến độ mới của mô hình "${n}".`,
  'da-ghi-ket-qua': (n) => `Đã ghi kết quả của mô hình "${n}".`,
  'da-xoa-ket-qua': (n) => `Đã xóa một kết quả của mô hình "${n}".`,
  'da-ghi-cong-nhan': (n) => `Đã ghi công nhận mô hình "${n}".`,
  'da-xoa-cong-nhan': (n) => `Đã xóa một lần công nhận của mô hình "${n}".`,
  'da-ghi-danh-gia': (n) => `Đã ghi đánh giá mô hình "${n}".`,
  'da-xoa-danh-gia': (n) => `Đã xóa một lần đánh giá của mô hình "${n}".`,
  'da-ghi-cong-trinh': (n) => `Đã cập nhật công trình "Dân vận khéo" của mô hình "${n}".`,
};

/** Runs a model action from a form; a refusal of the rules shows on the model's page, with what was typed (`values`). */
async function action(c: Ctx, code: string, run: () => Promise<unknown>, said = 'da-luu', values: FormValues = {}, anchor = '') {
  try {
    await run();
  } catch (e) {
    const p = uploadProblem(e);
    if (p) return modelPage(c, code, p.issues, p.message, p.status, values);
    throw e;
  }
  return c.redirect(`/quan-tri/mo-hinh/${encodeURIComponent(code)}?thongbao=${said}${anchor}`, 303);
}

/** Runs `run`; a refusal names the page form's own fields (`map`: the rule's field → the form's). */
const formNames = (run: () => Promise<unknown>, map: Record<string, string>) => () =>
  run().catch((e: unknown) => {
    if (e instanceof AppError && e.issues) for (const i of e.issues) if (Object.hasOwn(map, i.field)) i.field = map[i.field]!;
    throw e;
  });

/** A whole number typed the Vietnamese way ("1.234" is one thousand two hundred thirty-four): the number, or the text itself (which the rules then refuse, naming the field). */
function wholeFromForm(s: string): number | string {
  const t = s.replace(/\s+/g, '');
  return /^\d+$/.test(t) || /^\d{1,3}(\.\d{3})+$/.test(t) ? Number(t.replace(/\./g, '')) : s;
}

/**
 * A result as the model page's form types it, for the rules: money and counts written the
 * Vietnamese way ("15.000.000"), land with a decimal comma ("35,5"), a date as dd/mm/yyyy; a
 * blank figure is not recorded. A figure that cannot be read is refused here, naming its field.
 */
function resultFromForm(v: FormValues): Record<string, unknown> {
  const issues: FieldIssue[] = [];
  const out: Record<string, unknown> = { on: str(v.on) };
  const money = str(v.moneyVnd).trim();
  if (money) {
    const p = parseMoney(money);
    if ('error' in p) issues.push({ field: 'moneyVnd', message: `${models.resultLabels.moneyVnd}: ${p.error}` });
    else out.moneyVnd = p.value;
  }
  const land = str(v.landDonatedM2).trim();
  if (land) {
    const p = parseArea(land);
    if ('error' in p) issues.push({ field: 'landDonatedM2', message: `${models.resultLabels.landDonatedM2}: ${p.error}` });
    else out.landDonatedM2 = p.value / 100;
  }
  for (const k of ['workDays', 'householdsDonating', 'householdsPersuaded', 'beneficiaries'] as const) {
    const t = str(v[k]).trim();
    if (t) out[k] = wholeFromForm(t);
  }
  if (issues.length) throw badInput(issues);
  return out;
}

export const modelsAdmin = new Hono<AppEnv>()
  .get('/mo-hinh', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const q = c.req.query();
    const campaignsList = await listCampaigns(db, actor);
    const campaign = q.chu_de ?? campaignsList[0]?.code;
    const chosen = campaignsList.find((k) => k.code === campaign);
    const units = await listPublicUnitsFlat(db);
    // no "don_vi" at all: the user's own unit when it lies under the campaign's; "don_vi=" (Tất cả): the whole campaign
    const ownUnit = await models.defaultListUnit(db, actor, chosen?.code);
    const unit = 'don_vi' in q ? q.don_vi || undefined : ownUnit;
    const order = models.isModelOrder(q.sap_xep) ? q.sap_xep : 'action';
    let r: Awaited<ReturnType<typeof models.listModels>> = { items: [], total: 0, page: 1, pageSize: 50 };
    let problem: { issues: FieldIssue[]; message: string } | null = null;
    try {
      r = await models.listModels(db, actor, { campaign, unit, field: q.linh_vuc, holder: q.loai, status: q.trang_thai, from: q.tu, to: q.den, q: q.q, page: pageParam(q.trang), order });
    } catch (e) {
      const p = formProblem(e);
      if (!p) throw e;
      problem = p;
    }
    // the list's own query, the unit always explicit (an empty one is "Tất cả"), so paging, export and the detail's back link keep it
    const listQuery = listQueryOf({ ...q, chu_de: campaign ?? '', don_vi: unit ?? '', trang: undefined });
    const href = (p: number) => `/quan-tri/mo-hinh?${new URLSearchParams([...listQuery, ['trang', String(p)]]).toString()}`;
    const back = new URLSearchParams([...listQuery, ...(r.page > 1 ? [['trang', String(r.page)] as [string, string]] : [])]).toString();
    const unitName = unit ? (units.find((u) => u.code === unit)?.name ?? unit) : null;
    const wholeHref = `/quan-tri/mo-hinh?${new URLSearchParams([...[...listQuery].filter(([k]) => k !== 'don_vi'), ['don_vi', '']]).toString()}`;
    const ownHref = ownUnit ? `/quan-tri/mo-hinh?${new URLSearchParams([...[...listQuery].filter(([k]) => k !== 'don_vi'), ['don_vi', ownUnit]]).toString()}` : null;
    return render(
      c,
      <AdminLayout c={c} title="Mô hình “Dân vận khéo”" active="mo-hinh">
        <ModelListToolbar canEdit={can(actor, 'model.edit')} campaign={campaign} listQuery={listQuery} q={q} />
        <ModelScopeLine unitName={unitName} unit={unit} ownUnit={ownUnit} chosen={chosen} wholeHref={wholeHref} ownHref={ownHref} />
        <ModelListFilters q={q} campaign={campaign} campaigns={campaignsList} chosen={chosen} units={units} unit={unit} order={order} problem={problem} />
        {problem ? <ErrorSummary issues={problem.issues} message={problem.message} /> : null}
        <p class="muted">
          {formatNumber(r.total)} mô hình{order === 'action' ? ' — chờ duyệt, trả lại và bản nháp ở đầu danh sách' : ''}
        </p>
        <ModelListTable r={r} back={back} href={href} />
      </AdminLayout>,
    );
  })
  .get('/mo-hinh/moi', (c) => formPage(c, { campaign: c.req.query('chu_de') || undefined, values: { unit: pageActor(c).unitCode, holder: 'collective' }, issues: [] }))
  .post('/mo-hinh/moi', async (c) => {
    const actor = pageActor(c);
    const campaign = c.req.query('chu_de') ?? '';
    const values = await formData(c);
    return submitForm(
      c,
      () => inTx(c, (trx) => models.registerModel(trx, { actor, input: toInput(values, campaign) })),
      (m) => `/quan-tri/mo-hinh/${encodeURIComponent(m.code)}?thongbao=da-tao`,
      (p) => formPage(c, { campaign, values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/mo-hinh/:code', (c) => modelPage(c, c.req.param('code')))
  .get('/mo-hinh/:code/sua', async (c) => {
    const m = await models.getModelForEdit(c.var.deps.db.db, pageActor(c), c.req.param('code'));
    return formPage(c, { campaign: m.campaign, code: m.code, values: toValues(m), issues: [] });
  })
  .post('/mo-hinh/:code/sua', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const values = await formData(c);
    const current = await models.getModel(c.var.deps.db.db, actor, code, { forWrite: true });
    return submitForm(c, () => inTx(c, (trx) => models.editModel(trx, { actor, code, input: toInput(values, current.campaign) })), `/quan-tri/mo-hinh/${encodeURIComponent(code)}?thongbao=da-luu`, (p) =>
      formPage(c, { campaign: current.campaign, code, values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .post('/mo-hinh/:code/gui-duyet', (c) => {
    const code = c.req.param('code');
    return action(c, code, () => inTx(c, (trx) => models.submitModel(trx, { actor: pageActor(c), code })), 'da-gui-mo-hinh');
  })
  .post('/mo-hinh/:code/duyet', (c) => {
    const code = c.req.param('code');
    return action(c, code, () => inTx(c, (trx) => models.acceptModel(trx, { actor: pageActor(c), code })), 'da-duyet');
  })
  .post('/mo-hinh/:code/tra-lai', async (c) => {
    const code = c.req.param('code');
    const v = await formData(c);
    return action(c, code, () => inTx(c, (trx) => models.returnModel(trx, { actor: pageActor(c), code, input: { reason: str(v.reason) } })), 'da-tra-lai-mo-hinh');
  })
  .post('/mo-hinh/:code/dung', async (c) => {
    const code = c.req.param('code');
    const v = await formData(c);
    return action(c, code, () => inTx(c, (trx) => models.stopModel(trx, { actor: pageActor(c), code, input: { reason: str(v.reason), date: str(v.date) } })), 'da-dung');
  })
  .post('/mo-hinh/:code/tieu-bieu', async (c) => {
    const code = c.req.param('code');
    const v = await formData(c);
    return action(c, code, () => inTx(c, (trx) => models.setExemplary(trx, { actor: pageActor(c), code, exemplary: str(v.exemplary) === '1' })), 'da-danh-dau');
  })
  .post('/mo-hinh/:code/tien-do', async (c) => {
    const code = c.req.param('code');
    const body = await parseBodySafely(c);
    const v = await formData(c);
    const uploads = await Promise.all(
      [body['files']]
        .flat()
        // an empty part with no name is "no file chosen"; an empty named file is kept, and refused
        .filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''))
        .map(async (f) => ({ name: f.name, bytes: Buffer.from(await f.arrayBuffer()) })),
    );
    const figures = str(v.figureLabel) || str(v.figureValue) ? [{ label: str(v.figureLabel), value: str(v.figureValue).replace(/\./g, '').replace(',', '.') }] : [];
    return action(c, code, () =>
      inTx(c, (trx) => models.addModelUpdate(trx, { actor: pageActor(c), code, input: { date: str(v.date), body: str(v.body), figures }, files: uploads, maxFileBytes: c.var.deps.config.maxUploadBytes })),
      'da-cap-nhat-tien-do',
    );
  })
  .post('/mo-hinh/:code/ket-qua', async (c) => {
    const code = c.req.param('code');
    const v = await formData(c);
    return action(c, code, () => inTx(c, (trx) => models.addModelResult(trx, { actor: pageActor(c), code, input: resultFromForm(v) })), 'da-ghi-ket-qua', v, '#ket-qua');
  })
  .post('/mo-hinh/:code/ket-qua/:id/xoa', (c) => {
    const code = c.req.param('code');
    return action(c, code, () => inTx(c, (trx) => models.removeModelResult(trx, { actor: pageActor(c), code, id: parseId(c.req.param('id')) ?? 0 })), 'da-xoa-ket-qua', {}, '#ket-qua');
  })
  .post('/mo-hinh/:code/cong-nhan', async (c) => {
    const code = c.req.param('code');
    const v = await formData(c);
    const input = { level: str(v.level), on: str(v.recognisedOn), decision: str(v.decision) };
    return action(c, code, formNames(() => inTx(c, (trx) => models.addModelRecognition(trx, { actor: pageActor(c), code, input })), { on: 'recognisedOn' }), 'da-ghi-cong-nhan', v, '#cong-nhan');
  })
  .post('/mo-hinh/:code/danh-gia', async (c) => {
    const code = c.req.param('code');
    const v = await formData(c);
    // the form's choice, read as it is: anything but 1 or 0 is refused naming the field, never taken for "no"
    const input = { on: str(v.assessedOn), effective: str(v.effective) === '1' ? true : str(v.effective) === '0' ? false : str(v.effective), note: str(v.note) };
    return action(c, code, formNames(() => inTx(c, (trx) => models.addModelAssessment(trx, { actor: pageActor(c), code, input })), { on: 'assessedOn' }), 'da-ghi-danh-gia', v, '#danh-gia');
  })
  .post('/mo-hinh/:code/danh-gia/:id/xoa', (c) => {
    const code = c.req.param('code');
    return action(c, code, () => inTx(c, (trx) => models.removeModelAssessment(trx, { actor: pageActor(c), code, id: parseId(c.req.param('id')) ?? 0 })), 'da-xoa-danh-gia', {}, '#danh-gia');
  })
  .post('/mo-hinh/:code/cong-trinh', async (c) => {
    const code = c.req.param('code');
    const v = await formData(c);
    const input = str(v.remove) === '1' ? null : { name: str(v.workName), on: str(v.workOn), decision: str(v.workDecision) };
    return action(c, code, formNames(() => inTx(c, (trx) => models.setModelWork(trx, { actor: pageActor(c), code, input })), { name: 'workName', on: 'workOn', decision: 'workDecision' }), 'da-ghi-cong-trinh', v, '#danh-gia');
  })
  .post('/mo-hinh/:code/cong-nhan/:id/xoa', (c) => {
    const code = c.req.param('code');
    return action(c, code, () => inTx(c, (trx) => models.removeModelRecognition(trx, { actor: pageActor(c), code, id: parseId(c.req.param('id')) ?? 0 })), 'da-xoa-cong-nhan', {}, '#cong-nhan');
  })
  .get('/tep/:id', async (c) => {
    const db = c.var.deps.db.db;
    const actor = pageActor(c);
    const f = await models.getModelFile(db, actor, parseId(c.req.param('id')) ?? 0, (e) => c.var.deps.mayReadEvidence(db, actor, e));
    const inline = f.mime.startsWith('image/');
    return c.body(new Uint8Array(f.data), 200, {
      'Content-Type': f.mime,
      'Content-Length': String(f.size),
      'Content-Disposition': contentDisposition(f.name, inline),
      'Cache-Control': 'private, max-age=3600',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
  });
