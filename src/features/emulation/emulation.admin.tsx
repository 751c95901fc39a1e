/** @jsxImportSource hono/jsx */
/**
 * The emulation record's pages: the proposals sent from and to the user's unit with the lookup of
 * awards across the years, the catalogue, a proposal's form, and a proposal with its steps.
 */
import { Hono } from 'hono';
import { AppError, badInput, type FieldIssue } from '../../lib/errors.js';
import { fold, formatDate, formatNumber } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import { listCampaigns, listPhases } from '../campaigns/campaigns.service.js';
import * as emulation from './emulation.service.js';
import { AWARD_KINDS, AWARD_LEVEL_LABELS, AWARD_LEVELS, PROPOSAL_STATUS, RECIPIENT_KINDS } from './emulation.table.js';

const enc = encodeURIComponent;
const here = (id: number | string) => `/quan-tri/thi-dua/${id}`;

const KIND_WORDS: Record<string, string> = { 'tap the': 'collective', 'ca nhan': 'individual', ho: 'household', 'ho gia dinh': 'household' };
const ROLE_WORDS: Record<string, string> = { 'lanh dao': 'leader', 'lanh dao, quan ly': 'leader', 'quan ly': 'leader', 'truc tiep': 'direct', 'truc tiep lao dong, cong tac': 'direct' };

/** "Loại | Tên | Chức vụ | lãnh đạo/trực tiếp | Mã đơn vị | Mã mô hình | Tóm tắt thành tích", one per line (a tab, as pasted from a spreadsheet, separates too) ↔ recipients. */
function parseRecipients(text: string) {
  const out: Record<string, unknown>[] = [];
  const issues: FieldIssue[] = [];
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const [kind = '', name = '', position = '', role = '', unit = '', model = '', ...rest] = line.split(/[|\t]/).map((p) => p.trim());
      const k = KIND_WORDS[fold(kind)];
      const r = role ? ROLE_WORDS[fold(role)] : '';
      if (!k) issues.push({ field: 'recipients', message: `Danh sách đề nghị: dòng ${i + 1} phải bắt đầu bằng "Tập thể", "Cá nhân" hoặc "Hộ gia đình"` });
      else if (r === undefined) issues.push({ field: 'recipients', message: `Danh sách đề nghị: dòng ${i + 1}, vị trí công tác phải là "lãnh đạo" hoặc "trực tiếp"` });
      else out.push({ kind: k, name, position, role: r, unit, model, achievement: rest.join(' | ') });
    });
  if (issues.length) throw badInput(issues);
  return out;
}

const recipientLines = (p: emulation.PresentedProposal) =>
  p.recipients.map((r) => [r.kindLabel, r.name, r.title ?? '', r.role === 'leader' ? 'lãnh đạo' : r.role === 'direct' ? 'trực tiếp' : '', r.unit ?? '', r.model ?? '', r.achievement ?? ''].join(' | ').replace(/( \| )+$/, '')).join('\n');

const toInput = (v: FormValues) => ({
  number: str(v.number),
  from: str(v.from),
  form: str(v.form),
  toBody: str(v.toBody),
  campaign: str(v.campaign),
  phase: str(v.phase),
  title: str(v.title),
  recipients: parseRecipients(str(v.recipients)),
});

/** A service's issue about one recipient ("recipients[2].role") is the form's list, naming its line. */
const onForm = (issues: FieldIssue[]): FieldIssue[] =>
  issues.map((i) => {
    const m = /^recipients\[(\d+)\]/.exec(i.field ?? '');
    return m ? { field: 'recipients', message: i.message.includes('dòng') ? i.message : `Danh sách đề nghị, dòng ${Number(m[1]) + 1}: ${i.message}` } : i;
  });

async function proposalForm(c: Ctx, opts: { id?: number | string; number?: string; values: FormValues; issues: FieldIssue[]; message?: string; status?: 200 | 409 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'appraisal.manage');
  const db = c.var.deps.db.db;
  const [units, forms, campaigns, phases] = await Promise.all([listUnitsFlat(db, actor), emulation.listAwardForms(db, actor), listCampaigns(db, actor), listPhases(db, actor)]);
  const isNew = opts.id === undefined;
  const v = opts.values;
  const issues = onForm(opts.issues);
  return render(
    c,
    <AdminLayout c={c} title={isNew ? 'Lập tờ trình đề nghị khen thưởng' : `Sửa tờ trình số ${opts.number ?? ''}`} active="thi-dua">
      <p class="muted">Tờ trình gửi lên cấp có thẩm quyền của danh hiệu, hình thức khen thưởng đã chọn. Khi cấp đó không có trong Khéo, hãy ghi tên cơ quan quyết định: tờ trình đi qua đơn vị cao nhất phía trên trong Khéo, Hội đồng Thi đua – Khen thưởng của đơn vị đó chuyển đến cơ quan ấy và ghi lại kết quả khi có.</p>
      <ErrorSummary issues={issues} message={opts.message} />
      <form method="post" action={isNew ? '/quan-tri/thi-dua/moi' : `${here(opts.id!)}/sua`} class="card" novalidate>
        <Csrf c={c} />
        {isNew ? <Field name="number" maxChars={60} label="Số tờ trình" value={str(v.number)} issues={issues} required hint="Ví dụ 45/TTr-UBND" /> : null}
        {isNew ? <SelectField name="from" label="Đơn vị đề nghị" value={str(v.from)} issues={issues} required options={unitOptions(units)} /> : null}
        <SelectField name="form" label="Danh hiệu, hình thức khen thưởng" value={str(v.form)} issues={issues} required options={forms.map((f) => ({ value: f.code, label: `${f.name} — ${f.levelLabel.toLowerCase()}` }))} />
        <Field name="toBody" maxChars={300} label="Cơ quan quyết định (khi cấp đó không có trong Khéo)" value={str(v.toBody)} issues={issues} hint="Ví dụ: Ban Thi đua – Khen thưởng thành phố Hà Nội. Tờ trình đi qua đơn vị cao nhất phía trên trong Khéo; hội đồng của đơn vị đó chuyển đi và ghi lại kết quả." />
        <TextAreaField name="title" maxChars={1000} rows={2} label="Nội dung đề nghị" value={str(v.title)} issues={issues} hint='Ví dụ: khen thưởng các tập thể, cá nhân có thành tích xuất sắc trong thực hiện "Năm Dân vận khéo" năm 2021' />
        <SelectField name="campaign" label="Chủ đề năm (không bắt buộc)" value={str(v.campaign)} issues={issues} empty="—" options={campaigns.map((k) => ({ value: k.code, label: `${k.year} — ${k.theme}` }))} />
        {phases.length ? <SelectField name="phase" label="Giai đoạn (không bắt buộc)" value={str(v.phase)} issues={issues} empty="—" options={phases.map((p) => ({ value: p.code, label: p.name }))} /> : null}
        <TextAreaField
          name="recipients"
          label="Danh sách đề nghị (mỗi dòng một người, tập thể hoặc hộ)"
          value={str(v.recipients)}
          issues={issues}
          hint='Dạng "Loại | Tên | Chức vụ | lãnh đạo hoặc trực tiếp | Mã đơn vị | Mã mô hình | Tóm tắt thành tích", ví dụ "Cá nhân | Nguyễn Văn An | Tổ trưởng tổ dân phố số 1 | trực tiếp | | LB-2021-0001 | Vận động 5 hộ hiến đất". Tập thể, hộ gia đình: để trống chức vụ và vị trí; mã đơn vị khi tập thể là một đơn vị. Dán từ bảng tính (các cột cách nhau bởi tab) cũng được.'
        />
        <div class="actions">
          <button type="submit">{isNew ? 'Lưu dự thảo' : 'Lưu thay đổi'}</button>
          <a href={isNew ? '/quan-tri/thi-dua' : here(opts.id!)}>Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

const valuesOf = (p: emulation.PresentedProposal): FormValues => ({ form: p.form.code, toBody: p.toBody ?? '', title: p.title, campaign: p.campaign ?? '', phase: p.phase ?? '', recipients: recipientLines(p) });

function Steps({ p }: { p: emulation.PresentedProposal }) {
  const rows: [string, string | null, string | null][] = [
    ['Gửi đề nghị', p.submittedOn, null],
    ['Tiếp nhận', p.receivedOn, null],
    ['Xét hồ sơ', p.reviewedOn, p.reviewNote],
    ['Quyết định', p.decidedOn, p.decisionNumber ? `Quyết định số ${p.decisionNumber}` : null],
    ['Trả lại', p.returnedOn, p.returnReason ? `Lý do: ${p.returnReason}` : null],
  ];
  return (
    <ol class="steps">
      {rows
        .filter(([, on]) => on)
        .map(([label, on, note]) => (
          <li>
            <b>{label}</b> ngày {formatDate(on)}
            {note ? <span class="muted"> — {note}</span> : null}
          </li>
        ))}
    </ol>
  );
}

async function proposalPage(c: Ctx, id: string, issues: FieldIssue[] = [], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  const p = await emulation.getProposal(c.var.deps.db.db, actor, id);
  const pending = p.status === 'submitted' || p.status === 'received' || p.status === 'reviewed';
  const editable = p.status === 'draft' || p.status === 'returned';
  const action = (path: string) => `${here(p.id)}/${path}`;
  return render(
    c,
    <AdminLayout c={c} title={`Tờ trình số ${p.number}`} active="thi-dua">
      <p>
        <a href="/quan-tri/thi-dua">← Thi đua, khen thưởng</a>
      </p>
      <p class="muted">
        {p.from.name} đề nghị <b>{p.form.name}</b> ({p.form.grantor}) · gửi {p.toBody ? `${p.toBody}${p.to ? ` qua ${p.to.name}` : ''}` : `Hội đồng Thi đua – Khen thưởng ${p.to?.name ?? ''}`} ·{' '}
        <span class={p.status === 'decided' ? 'badge ok' : p.status === 'returned' ? 'badge warn' : 'badge off'}>{p.statusLabel}</span>
      </p>
      <p>{p.title}</p>
      {p.status === 'returned' && p.returnReason ? <p class="error-summary">Bị trả lại: {p.returnReason}</p> : null}
      {p.toBody && pending && p.may.decide ? <p class="hint">Cấp quyết định không có trong Khéo: hãy chuyển tờ trình đến {p.toBody}, rồi ghi lại từng bước khi có trả lời (số, ngày quyết định).</p> : null}
      <ErrorSummary issues={issues} message={message} />
      <section class="card">
        <h2>Các bước</h2>
        {p.submittedOn ? <Steps p={p} /> : <p class="muted">Dự thảo, chưa gửi.</p>}
      </section>
      <section class="card">
        <h2>
          Danh sách đề nghị: {formatNumber(p.counts.collective)} tập thể, {formatNumber(p.counts.individual)} cá nhân ({formatNumber(p.counts.leader)} lãnh đạo, quản lý; {formatNumber(p.counts.direct)} trực tiếp lao động, công tác)
          {p.counts.household ? `, ${formatNumber(p.counts.household)} hộ gia đình` : ''}
        </h2>
        <div class="table-scroll">
          <table class="responsive">
            <thead>
              <tr>
                <th class="num">TT</th>
                <th>Tên</th>
                <th>Loại</th>
                <th>Chức vụ, vị trí</th>
                <th>Thành tích</th>
                {p.status === 'decided' ? <th>Kết quả</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.recipients.map((r) => (
                <tr>
                  <td data-label="TT" class="num">
                    {r.position}
                  </td>
                  <td data-label="Tên">
                    {r.name}
                    {r.unitName && r.unitName !== r.name ? <span class="muted"> — {r.unitName}</span> : null}
                  </td>
                  <td data-label="Loại">{r.kindLabel}</td>
                  <td data-label="Chức vụ, vị trí">{[r.title, r.roleLabel].filter(Boolean).join('; ')}</td>
                  <td data-label="Thành tích">
                    {r.achievement ?? ''}
                    {r.model ? (
                      <>
                        {' '}
                        <a href={`/quan-tri/mo-hinh/${enc(r.model)}`}>{r.modelName ?? r.model}</a>
                      </>
                    ) : null}
                  </td>
                  {p.status === 'decided' ? <td data-label="Kết quả">{r.awarded ? <span class="badge ok">Được khen thưởng</span> : <span class="badge off">Không</span>}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {editable && p.may.edit ? (
        <section class="card">
          <h2>{p.status === 'returned' ? 'Sửa và gửi lại' : 'Gửi đề nghị'}</h2>
          <p>
            <a class="button secondary" href={`${here(p.id)}/sua`}>
              Sửa tờ trình
            </a>
          </p>
          <form method="post" action={action('gui')} class="toolbar" novalidate>
            <Csrf c={c} />
            <Field name="on" label="Ngày gửi" value="" issues={issues} hint="dd/mm/yyyy; để trống là hôm nay" inputmode="numeric" />
            <button type="submit">Gửi {p.to ? `Hội đồng Thi đua – Khen thưởng ${p.to.name}` : 'đi'}</button>
          </form>
        </section>
      ) : null}
      {pending && p.may.decide ? (
        <section class="card">
          <h2>Xử lý tờ trình</h2>
          {p.status === 'submitted' ? (
            <form method="post" action={action('tiep-nhan')} class="toolbar" novalidate>
              <Csrf c={c} />
              <Field name="on" label="Ngày tiếp nhận" value="" issues={issues} hint="dd/mm/yyyy; để trống là hôm nay" inputmode="numeric" />
              <button type="submit">Tiếp nhận hồ sơ</button>
            </form>
          ) : null}
          {p.status === 'received' ? (
            <form method="post" action={action('xet')} novalidate>
              <Csrf c={c} />
              <Field name="on" label="Ngày xét" value="" issues={issues} hint="dd/mm/yyyy; để trống là hôm nay" inputmode="numeric" />
              <TextAreaField name="note" label="Ý kiến của hội đồng (không bắt buộc)" value="" issues={issues} />
              <button type="submit">Ghi đã xét</button>
            </form>
          ) : null}
          {p.status !== 'submitted' ? (
            <form method="post" action={action('quyet-dinh')} novalidate>
              <Csrf c={c} />
              <Field name="decisionNumber" maxChars={60} label="Số quyết định khen thưởng" value="" issues={issues} required />
              <Field name="on" label="Ngày quyết định" value="" issues={issues} hint="dd/mm/yyyy; để trống là hôm nay" inputmode="numeric" />
              <fieldset class="field checks">
                <legend>Được khen thưởng</legend>
                {p.recipients.map((r) => (
                  <label>
                    <input type="checkbox" name="awarded" value={String(r.position)} checked /> {r.position}. {r.name}
                  </label>
                ))}
              </fieldset>
              <button type="submit">Ghi quyết định</button>
            </form>
          ) : null}
          <form method="post" action={action('tra-lai')} novalidate>
            <Csrf c={c} />
            <TextAreaField name="reason" label="Lý do trả lại" value="" issues={issues} />
            <button type="submit" class="secondary">
              Trả lại tờ trình
            </button>
          </form>
        </section>
      ) : null}
    </AdminLayout>,
    status,
  );
}

const stepRoute = (write: (v: FormValues) => unknown, fn: typeof emulation.decideProposal) => async (c: Ctx) => {
  const actor = pageActor(c);
  const id = c.req.param('id') ?? '';
  const v = await formData(c);
  return submitForm(c, () => inTx(c, (trx) => fn(trx, { actor, id, input: write(v) })), `${here(id)}?thongbao=da-luu`, (p) => proposalPage(c, id, p.issues, p.message, p.status));
};

async function cataloguePage(c: Ctx, values: FormValues = {}, issues: FieldIssue[] = [], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  const forms = await emulation.listAwardForms(c.var.deps.db.db, actor);
  return render(
    c,
    <AdminLayout c={c} title="Danh mục danh hiệu, hình thức khen thưởng" active="thi-dua">
      <p>
        <a href="/quan-tri/thi-dua">← Thi đua, khen thưởng</a>
      </p>
      <div class="card table-scroll">
        <table class="responsive">
          <thead>
            <tr>
              <th>Tên</th>
              <th>Loại</th>
              <th>Cấp</th>
              <th>Người có thẩm quyền</th>
            </tr>
          </thead>
          <tbody>
            {forms.map((f) => (
              <tr>
                <td data-label="Tên">
                  {f.name} <span class="muted">({f.code})</span>
                </td>
                <td data-label="Loại">{f.kindLabel}</td>
                <td data-label="Cấp">{f.levelLabel}</td>
                <td data-label="Thẩm quyền">{f.grantor}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {can(actor, 'settings.update', { unitPath: '/' }) ? (
        <form method="post" action="/quan-tri/thi-dua/danh-muc" class="card" novalidate>
          <h2>Thêm hoặc sửa (theo mã)</h2>
          <ErrorSummary issues={issues} message={message} />
          <Csrf c={c} />
          <Field name="code" label="Mã" value={str(values.code)} issues={issues} required hint="Ví dụ BK-TINH; mã đã có thì sửa mục đó" />
          <Field name="name" maxChars={300} label="Tên" value={str(values.name)} issues={issues} required />
          <SelectField name="kind" label="Loại" value={str(values.kind)} issues={issues} options={Object.entries(AWARD_KINDS).map(([value, label]) => ({ value, label }))} />
          <SelectField name="level" label="Cấp khen thưởng" value={str(values.level)} issues={issues} options={AWARD_LEVELS.map((l) => ({ value: l, label: AWARD_LEVEL_LABELS[l] }))} />
          <Field name="grantor" maxChars={300} label="Người có thẩm quyền" value={str(values.grantor)} issues={issues} required hint="Ví dụ: Chủ tịch UBND cấp tỉnh" />
          <button type="submit">Lưu</button>
        </form>
      ) : null}
    </AdminLayout>,
    status,
  );
}

export const emulationAdmin = new Hono<AppEnv>()
  .get('/thi-dua', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const q = { name: c.req.query('ten') ?? '', kind: c.req.query('loai') ?? '' };
    // a status the list does not know (a hand-edited address) lists them all, as "Tất cả" does
    const asked = c.req.query('trang_thai') ?? '';
    const status = Object.hasOwn(PROPOSAL_STATUS, asked) ? asked : '';
    const [proposals, awards] = await Promise.all([emulation.listProposals(db, actor, { status: status || undefined, page: pageParam(c.req.query('trang')) }), q.name.trim() || q.kind ? emulation.lookupAwards(db, actor, { name: q.name, kind: q.kind }) : Promise.resolve(null)]);
    const pageHref = (n: number) => `/quan-tri/thi-dua?${new URLSearchParams({ ...(status ? { trang_thai: status } : {}), ...(q.name ? { ten: q.name } : {}), ...(q.kind ? { loai: q.kind } : {}), trang: String(n) }).toString()}`;
    return render(
      c,
      <AdminLayout c={c} title="Thi đua, khen thưởng" active="thi-dua">
        <div class="toolbar">
          {can(actor, 'appraisal.manage') ? (
            <a class="button" href="/quan-tri/thi-dua/moi">
              Lập tờ trình đề nghị khen thưởng
            </a>
          ) : null}
          <a class="button secondary" href="/quan-tri/thi-dua/danh-muc">
            Danh mục khen thưởng
          </a>
          <a class="button secondary" href="/quan-tri/khen-thuong">
            Quyết định khen thưởng mô hình
          </a>
        </div>
        <section class="card">
          <h2>Tờ trình đề nghị khen thưởng</h2>
          <form method="get" action="/quan-tri/thi-dua" class="toolbar">
            <SelectField name="trang_thai" label="Trạng thái" value={status} issues={[]} empty="Tất cả" options={Object.entries(PROPOSAL_STATUS).map(([value, label]) => ({ value, label }))} />
            <button type="submit" class="secondary">
              Lọc
            </button>
          </form>
          {proposals.items.length ? (
            <table class="responsive">
              <thead>
                <tr>
                  <th>Số</th>
                  <th>Đơn vị đề nghị</th>
                  <th>Đề nghị</th>
                  <th>Gửi đến</th>
                  <th>Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {proposals.items.map((p) => (
                  <tr>
                    <td data-label="Số">
                      <a href={here(p.id)}>{p.number}</a>
                    </td>
                    <td data-label="Đơn vị">{p.from.name}</td>
                    <td data-label="Đề nghị">
                      {p.form.name} <span class="muted">— {emulation.recipientsPhrase(p.counts)}</span>
                    </td>
                    <td data-label="Gửi đến">{p.to?.name ?? p.toBody ?? ''}</td>
                    <td data-label="Trạng thái">{p.statusLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p class="muted">{proposals.total ? 'Không có tờ trình nào ở trang này.' : `Chưa có tờ trình nào${status ? ' ở trạng thái này' : ''}.`}</p>
          )}
          <Pager page={proposals.page} pageSize={proposals.pageSize} total={proposals.total} href={pageHref} />
        </section>
        <section class="card">
          <h2>Tra cứu khen thưởng qua các năm</h2>
          <form method="get" action="/quan-tri/thi-dua" class="toolbar">
            <div class="field">
              <label for="f-ten">Tên người, tập thể, hộ</label>
              <input id="f-ten" name="ten" value={q.name} />
            </div>
            <SelectField name="loai" label="Loại" value={q.kind} issues={[]} empty="Tất cả" options={Object.entries(RECIPIENT_KINDS).map(([value, label]) => ({ value, label }))} />
            <button type="submit" class="secondary">
              Tra cứu
            </button>
          </form>
          {awards === null ? (
            <p class="hint">Gõ tên (có dấu hay không dấu đều được) để xem các danh hiệu, hình thức khen thưởng đã nhận qua các năm.</p>
          ) : awards.length ? (
            <table class="responsive">
              <thead>
                <tr>
                  <th>Năm</th>
                  <th>Tên</th>
                  <th>Khen thưởng</th>
                  <th>Quyết định</th>
                </tr>
              </thead>
              <tbody>
                {awards.map((a) => (
                  <tr>
                    <td data-label="Năm">{a.year ?? ''}</td>
                    <td data-label="Tên">
                      {a.name} <span class="muted">({[a.kindLabel, a.title, a.roleLabel].filter(Boolean).join('; ')})</span>
                    </td>
                    <td data-label="Khen thưởng">{a.form}</td>
                    <td data-label="Quyết định">
                      <a href={here(a.proposal)}>
                        {a.decisionNumber} ngày {formatDate(a.decidedOn)}
                      </a>
                      {a.decidedBy ? <span class="muted"> — của {a.decidedBy} (ngoài Khéo, kết quả do hội đồng thi đua – khen thưởng ghi lại)</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Không tìm thấy khen thưởng nào.</p>
          )}
        </section>
      </AdminLayout>,
    );
  })
  .get('/thi-dua/danh-muc', (c) => cataloguePage(c))
  .post('/thi-dua/danh-muc', async (c) => {
    const actor = pageActor(c);
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => emulation.saveAwardForm(trx, { actor, input: { code: str(v.code), name: str(v.name), kind: str(v.kind), level: str(v.level), grantor: str(v.grantor) } })), '/quan-tri/thi-dua/danh-muc?thongbao=da-luu', (p) =>
      cataloguePage(c, v, p.issues, p.message, p.status),
    );
  })
  .get('/thi-dua/moi', (c) => proposalForm(c, { values: { from: pageActor(c).unitCode }, issues: [] }))
  .post('/thi-dua/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(c, () => inTx(c, async (trx) => emulation.createProposal(trx, { actor, input: toInput(values) })), (p) => `${here(p.id)}?thongbao=da-tao`, (p) =>
      proposalForm(c, { values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/thi-dua/:id', (c) => proposalPage(c, c.req.param('id')))
  .get('/thi-dua/:id/sua', async (c) => {
    const id = c.req.param('id');
    let p: emulation.PresentedProposal;
    try {
      p = await emulation.proposalToEdit(c.var.deps.db.db, pageActor(c), id);
    } catch (e) {
      // sent and not returned: not to be edited; its page says why, as a refused step does
      if (e instanceof AppError && e.status === 409) return proposalPage(c, id, [], e.message, 409);
      throw e;
    }
    return proposalForm(c, { id, number: p.number, values: valuesOf(p), issues: [] });
  })
  .post('/thi-dua/:id/sua', async (c) => {
    const actor = pageActor(c);
    const id = c.req.param('id');
    const values = await formData(c);
    return submitForm(
      c,
      () =>
        inTx(c, async (trx) => {
          const { number: _n, from: _f, ...input } = toInput(values);
          return emulation.updateProposal(trx, { actor, id, input });
        }),
      `${here(id)}?thongbao=da-luu`,
      (p) => proposalForm(c, { id, values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .post('/thi-dua/:id/gui', stepRoute((v) => ({ on: str(v.on) }), emulation.submitProposal))
  .post('/thi-dua/:id/tiep-nhan', stepRoute((v) => ({ on: str(v.on) }), emulation.receiveProposal))
  .post('/thi-dua/:id/xet', stepRoute((v) => ({ on: str(v.on), note: str(v.note) }), emulation.reviewProposal))
  .post('/thi-dua/:id/quyet-dinh', stepRoute((v) => ({ on: str(v.on), decisionNumber: str(v.decisionNumber), awarded: list(v.awarded) }), emulation.decideProposal))
  .post('/thi-dua/:id/tra-lai', stepRoute((v) => ({ on: str(v.on), reason: str(v.reason) }), emulation.returnProposal));
