/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, parseBodySafely, str, submitForm, uploadProblem, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { pageParam } from '../../web/api.js';
import { listPublicUnitsFlat } from '../units/units.service.js';
import { authorize, can } from '../../policy/policy.js';
import { listUsers } from '../accounts/accounts.service.js';
import { listCampaigns, listPhases } from '../campaigns/campaigns.service.js';
import { getModel, listModelUpdates } from '../models/models.service.js';
import * as appraisal from './appraisal.service.js';
import { RoundDecisions, RoundFields, RoundProgress, RoundProposal, RoundProposalForm, roundQuery, roundSelection } from './appraisal.round.view.js';
import { ROUND_KINDS } from './appraisal.table.js';
import { placeAndDate } from '../../lib/docx.js';
import { decisionDocx, decisionXlsx, proposalDocx, proposalXlsx } from './appraisal.documents.js';
import { ACCEPT, contentDisposition } from '../files/files.service.js';

const enc = encodeURIComponent;

async function roundForm(c: Ctx, values: FormValues, issues: FieldIssue[], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  authorize(actor, 'appraisal.manage');
  const db = c.var.deps.db.db;
  const [campaigns, phases] = await Promise.all([listCampaigns(db, actor), listPhases(db, actor)]);
  const appraisers = can(actor, 'user.read') ? (await listUsers(db, actor)).filter((u) => u.active && u.roles.includes('appraiser')) : [];
  const chosen = new Set(list(values.appraisers));
  const campaign = campaigns.find((k) => k.code === str(values.campaign)) ?? campaigns[0];
  return render(
    c,
    <AdminLayout c={c} title="Mở đợt thẩm định" active="tham-dinh">
      <ErrorSummary issues={issues} message={message} />
      <form method="post" action="/quan-tri/tham-dinh/moi" class="card" novalidate>
        <Csrf c={c} />
        <SelectField name="campaign" label="Chủ đề năm" value={str(values.campaign)} issues={issues} required options={campaigns.map((k) => ({ value: k.code, label: `${k.year} — ${k.theme}` }))} />
        {phases.length ? (
          <SelectField
            name="phase"
            label="Giai đoạn (không bắt buộc)"
            value={str(values.phase)}
            issues={issues}
            empty="Không: chỉ các mô hình của chủ đề năm đã chọn"
            options={phases.map((p) => ({ value: p.code, label: `${p.name} — ${p.unitName}` }))}
            hint="Đợt thẩm định của giai đoạn chọn trong các mô hình của mọi chủ đề năm thuộc giai đoạn; chủ đề năm đã chọn phải thuộc giai đoạn, và tiêu chí chấm là của chủ đề năm đó."
          />
        ) : null}
        <Field name="code" label="Mã đợt" value={str(values.code)} issues={issues} required hint="Ví dụ LB-2021-6T" />
        <Field name="name" label="Tên đợt thẩm định" value={str(values.name)} issues={issues} required hint="Ví dụ: Sơ kết 6 tháng đầu năm 2021" />
        <SelectField name="kind" label="Loại đợt" value={str(values.kind)} issues={issues} options={Object.entries(ROUND_KINDS).map(([value, label]) => ({ value, label }))} />
        <Field name="cutoffOn" label="Tính mô hình đăng ký đến ngày" value={str(values.cutoffOn)} issues={issues} required hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="opensOn" label="Bắt đầu chấm" value={str(values.opensOn)} issues={issues} required hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="closesOn" label="Kết thúc chấm" value={str(values.closesOn)} issues={issues} required hint="dd/mm/yyyy" inputmode="numeric" />
        <fieldset class="field checks">
          <legend>Tổ thẩm định (tài khoản có vai trò thẩm định)</legend>
          {appraisers.length ? (
            appraisers.map((u) => (
              <label>
                <input type="checkbox" name="appraisers" value={u.username} checked={chosen.has(u.username)} /> {u.fullName} ({u.unitName})
              </label>
            ))
          ) : (
            <Field name="appraisers" label="Tên đăng nhập, cách nhau bởi dấu phẩy" value={list(values.appraisers).join(', ')} issues={issues} />
          )}
        </fieldset>
        {campaign ? (
          <fieldset class="field">
            <legend>Số mô hình đề xuất khen thưởng theo lĩnh vực (để trống nếu không đặt chỉ tiêu)</legend>
            {campaign.fields.map((f) => (
              <Field name={`quota_${f.code}`} label={f.name} value={str(values[`quota_${f.code}`])} issues={issues} inputmode="numeric" />
            ))}
          </fieldset>
        ) : null}
        <Field name="threshold" label="Điểm tối thiểu để được đề xuất (0–100, không bắt buộc)" value={str(values.threshold)} issues={issues} inputmode="numeric" />
        <button type="submit">Mở đợt thẩm định</button>
      </form>
    </AdminLayout>,
    status,
  );
}

function roundInput(v: FormValues) {
  const quotas: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (k.startsWith('quota_') && str(x).trim()) quotas[k.slice(6)] = str(x).trim();
  const team = list(v.appraisers).flatMap((x) => x.split(',')).map((x) => x.trim()).filter(Boolean);
  return { code: str(v.code), campaign: str(v.campaign), phase: str(v.phase), name: str(v.name), kind: str(v.kind) || 'sixMonth', opensOn: str(v.opensOn), closesOn: str(v.closesOn), cutoffOn: str(v.cutoffOn), appraisers: team, quotas, threshold: str(v.threshold) };
}

/** One round: its decisions, the team's progress, the proposal, the fields, and each field's ranked models with the proposal boxes. */
async function roundPage(c: Ctx, code: string, issues: FieldIssue[] = [], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const r = await appraisal.ranking(db, actor, code);
  const decisions = (await appraisal.listDecisions(db, actor)).filter((d) => d.round === r.round.code);
  const manage = can(actor, 'appraisal.manage');
  const member = r.round.appraisers.some((a) => a.username === actor.username);
  const open = r.round.status === 'open';
  const s = roundSelection(r, c.req.query());
  return render(
    c,
    <AdminLayout c={c} title={r.round.name} active="tham-dinh">
      <p>
        <a href="/quan-tri/tham-dinh">← Đợt thẩm định</a>
      </p>
      <p class="muted">
        {r.round.kindLabel} · chủ đề năm {r.round.campaignYear} ({r.round.campaign})
        {r.round.phase ? (
          <>
            {' '}
            · <a href={`/quan-tri/giai-doan/${enc(r.round.phase.code)}`}>{r.round.phase.name}</a>: chọn trong các mô hình của các năm {r.round.campaigns.map((k) => k.year).join(', ')}
          </>
        ) : null}{' '}
        · mô hình đăng ký đến {formatDate(r.round.cutoffOn)} · chấm từ {formatDate(r.round.opensOn)} đến {formatDate(r.round.closesOn)} · <span class={open ? 'badge ok' : 'badge off'}>{r.round.statusLabel}</span>
      </p>
      <RoundDecisions decisions={decisions} />
      <ErrorSummary issues={issues} message={message} />
      <RoundProgress r={r} />
      <RoundProposal c={c} r={r} code={code} here={s.here} manage={manage} open={open} decide={can(actor, 'reward.decide')} />
      <RoundFields r={r} code={code} s={s} />
      <RoundProposalForm c={c} code={code} s={s} member={member} manage={manage} open={open} years={r.round.campaigns.length > 1} />
    </AdminLayout>,
    status,
  );
}

async function scorePage(c: Ctx, code: string, model: string, issues: FieldIssue[] = [], message?: string, status: 200 | 409 | 413 | 422 = 200) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const [round, sheet, m, updates] = await Promise.all([appraisal.getRound(db, actor, code), appraisal.scoreSheetFor(db, actor, code, model), getModel(db, actor, model), listModelUpdates(db, actor, model)]);
  return render(
    c,
    <AdminLayout c={c} title={`Chấm điểm: ${m.name}`} active="tham-dinh">
      <p class="muted">
        {round.name} · {m.carriedOutBy} · {m.fieldName} · đăng ký {formatDate(m.registeredOn)}
      </p>
      <ErrorSummary issues={issues} message={message} />
      <div class="grid2">
        <section class="card">
          <h2>Hồ sơ mô hình</h2>
          <dl class="facts">
            {(
              [
                ['Vấn đề', m.problem],
                ['Mục tiêu', m.goals],
                ['Cách làm', m.method],
                ['Kết quả dự kiến', m.expectedResults],
                ['Khả năng nhân rộng', m.replicability],
              ] as const
            )
              .filter(([, v]) => v)
              .map(([k, v]) => (
                <>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </>
              ))}
          </dl>
          <h3>Tiến độ</h3>
          {updates.length ? (
            <ul>
              {updates.map((u) => (
                <li>
                  <b>{formatDate(u.date)}</b>: {u.body}
                  {u.files.map((f) => (
                    <>
                      {' '}
                      <a href={f.url}>{f.name}</a>
                    </>
                  ))}
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Chưa có cập nhật tiến độ.</p>
          )}
        </section>
        <section class="card">
          <h2>Phiếu chấm của bạn</h2>
          {sheet.conflict ? <p class="error-summary">Mô hình thuộc đơn vị của bạn: thành viên tổ thẩm định không chấm (xung đột lợi ích).</p> : null}
          {sheet.mayScore ? (
            <form method="post" action={`/quan-tri/tham-dinh/${enc(code)}/cham/${enc(model)}`} enctype="multipart/form-data" novalidate>
              <Csrf c={c} />
              {sheet.criteria.map((k) => (
                <fieldset class="field">
                  <Field name={`points.${k.code}`} label={`${k.name} (0–${k.weight} điểm)`} value={k.points === null ? '' : String(k.points)} issues={issues} type="number" inputmode="numeric" />
                  <label for={`f-evidence-${k.code}`} class="hint">
                    Minh chứng cho tiêu chí này (ảnh, PDF; không bắt buộc)
                    {k.evidence ? (
                      <>
                        {' '}— đã có: <a href={k.evidence.url}>{k.evidence.name}</a>
                      </>
                    ) : null}
                  </label>
                  <input id={`f-evidence-${k.code}`} type="file" name={`evidence.${k.code}`} accept={ACCEPT} />
                </fieldset>
              ))}
              <TextAreaField name="comment" label="Nhận xét" value={sheet.comment} issues={issues} />
              {sheet.submitted ? <TextAreaField name="reason" label="Lý do sửa điểm đã nộp (bắt buộc)" value="" issues={issues} /> : null}
              <div class="actions">
                {sheet.submitted ? (
                  <button type="submit" name="submit" value="1">
                    Lưu điểm sửa
                  </button>
                ) : (
                  <>
                    <button type="submit" name="submit" value="1">
                      Nộp phiếu chấm
                    </button>
                    <button type="submit" name="submit" value="0" class="secondary">
                      Lưu nháp
                    </button>
                  </>
                )}
                <a href={`/quan-tri/tham-dinh/${enc(code)}`}>Về đợt thẩm định</a>
              </div>
              {sheet.total !== null ? <p class="muted">Tổng điểm hiện tại: {sheet.total}/100{sheet.submitted ? ' (đã nộp)' : ' (nháp)'}</p> : null}
            </form>
          ) : sheet.conflict ? null : (
            <p class="muted">Bạn không chấm được mô hình này (không thuộc tổ thẩm định hoặc đợt đã khóa).</p>
          )}
        </section>
      </div>
    </AdminLayout>,
    status,
  );
}

async function decisionPage(c: Ctx, number: string, issues: FieldIssue[] = [], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  const d = await appraisal.getDecision(c.var.deps.db.db, actor, number);
  const decide = can(actor, 'reward.decide');
  const base = `/quan-tri/khen-thuong/${enc(number)}`;
  return render(
    c,
    <AdminLayout c={c} title={`Quyết định số ${d.number}`} active="khen-thuong">
      <p>
        <a href="/quan-tri/khen-thuong">← Quyết định khen thưởng</a>
        {d.round ? (
          <>
            {' · '}
            <a href={`/quan-tri/tham-dinh/${enc(d.round)}`}>Đợt thẩm định {d.round}</a>
          </>
        ) : null}
        {d.phase ? (
          <>
            {' · '}
            <a href={`/quan-tri/giai-doan/${enc(d.phase.code)}`}>{d.phase.name}</a>
          </>
        ) : null}
      </p>
      <p class="muted">
        Ngày {formatDate(d.date)} · {d.issuer} · hình thức: {d.form} · <span class={d.status === 'published' ? 'badge ok' : 'badge off'}>{d.statusLabel}</span>
      </p>
      {d.revokeReason ? <p class="error-summary">Lý do thu hồi: {d.revokeReason}</p> : null}
      <ErrorSummary issues={issues} message={message} />
      <section class="card">
        <h2>Khen thưởng {formatNumber(d.models.length)} mô hình</h2>
        <ol>
          {d.models.map((m) => (
            <li>
              Mô hình "{m.name}" của {m.carriedOutBy} <span class="muted">— {m.fieldName}</span>
            </li>
          ))}
        </ol>
      </section>
      <div class="toolbar">
        <a class="button secondary" href={`${base}/quyet-dinh.docx`}>
          Tải quyết định (.docx)
        </a>
        <a class="button secondary" href={`${base}/danh-sach.xlsx`}>
          Tải danh sách (.xlsx)
        </a>
        <a class="button secondary" href={`${base}/giay-khen`}>
          In giấy khen (A4)
        </a>
      </div>
      {decide && d.status === 'draft' ? (
        <form method="post" action={`${base}/ban-hanh`} class="card" novalidate>
          <h2>Ban hành quyết định</h2>
          <Csrf c={c} />
          <label class="checks">
            <input type="checkbox" name="confirm" value="1" /> Tôi xác nhận ban hành quyết định này. Sau khi ban hành không thể sửa; đợt thẩm định sẽ bị khóa.
          </label>
          <div class="actions">
            <button type="submit">Ban hành</button>
          </div>
        </form>
      ) : null}
      {decide && d.status === 'published' ? (
        <form method="post" action={`${base}/thu-hoi`} class="card" novalidate data-confirm="Thu hồi quyết định khen thưởng này?">
          <h2>Thu hồi quyết định</h2>
          <Csrf c={c} />
          <TextAreaField name="reason" label="Lý do thu hồi (bắt buộc)" value="" issues={issues} />
          <button type="submit" class="danger">
            Thu hồi
          </button>
        </form>
      ) : null}
    </AdminLayout>,
    status,
  );
}

async function decisionForm(c: Ctx, values: FormValues, issues: FieldIssue[], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  authorize(actor, 'reward.decide');
  const round = str(values.round) ? await appraisal.getRound(c.var.deps.db.db, actor, str(values.round)) : null;
  return render(
    c,
    <AdminLayout c={c} title="Dự thảo quyết định khen thưởng" active="khen-thuong">
      <ErrorSummary issues={issues} message={message} />
      <form method="post" action="/quan-tri/khen-thuong/moi" class="card" novalidate>
        <Csrf c={c} />
        {round ? (
          <p>
            Theo đề xuất của đợt thẩm định <b>{round.name}</b> ({round.campaign}){round.phase ? `, khen thưởng ${round.phase.name.charAt(0).toLowerCase()}${round.phase.name.slice(1)}` : ''}.
          </p>
        ) : null}
        <input type="hidden" name="round" value={str(values.round)} />
        <input type="hidden" name="campaign" value={round?.campaign ?? str(values.campaign)} />
        <Field name="number" label="Số, ký hiệu" value={str(values.number)} issues={issues} required hint="Ví dụ 125/QĐ-UBND" />
        <Field name="date" label="Ngày quyết định" value={str(values.date)} issues={issues} required hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="issuer" label="Cấp khen thưởng" value={str(values.issuer) || 'Chủ tịch UBND'} issues={issues} required />
        <Field name="form" label="Hình thức khen thưởng" value={str(values.form) || 'Giấy khen'} issues={issues} required />
        <Field name="signer" label="Người ký" value={str(values.signer)} issues={issues} />
        <Field name="signerTitle" label="Chức vụ người ký" value={str(values.signerTitle)} issues={issues} />
        <button type="submit">Lưu dự thảo</button>
      </form>
    </AdminLayout>,
    status,
  );
}

export const appraisalAdmin = new Hono<AppEnv>()
  .get('/tham-dinh', async (c) => {
    const actor = pageActor(c);
    const rounds = await appraisal.listRounds(c.var.deps.db.db, actor);
    return render(
      c,
      <AdminLayout c={c} title="Thẩm định mô hình" active="tham-dinh">
        {can(actor, 'appraisal.manage') ? (
          <div class="toolbar">
            <a class="button" href="/quan-tri/tham-dinh/moi">
              Mở đợt thẩm định
            </a>
          </div>
        ) : null}
        <div class="card">
          {rounds.length ? (
            <table class="responsive">
              <thead>
                <tr>
                  <th>Đợt</th>
                  <th>Chủ đề năm</th>
                  <th>Hạn chấm</th>
                  <th>Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {rounds.map((r) => (
                  <tr>
                    <td data-label="Đợt">
                      <a href={`/quan-tri/tham-dinh/${enc(r.code)}`}>{r.name}</a>
                    </td>
                    <td data-label="Chủ đề năm">{r.campaignYear}</td>
                    <td data-label="Hạn chấm">{formatDate(r.closesOn)}</td>
                    <td data-label="Trạng thái">{r.statusLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Chưa có đợt thẩm định nào.</p>
          )}
        </div>
      </AdminLayout>,
    );
  })
  .get('/tham-dinh/moi', (c) => roundForm(c, c.req.query('giai_doan') ? { kind: 'phase', phase: c.req.query('giai_doan') ?? '', campaign: c.req.query('chu_de') ?? '' } : { kind: 'sixMonth', campaign: c.req.query('chu_de') ?? '' }, []))
  .post('/tham-dinh/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(
      c,
      () => inTx(c, (trx) => appraisal.createRound(trx, { actor, input: roundInput(values) })),
      (r) => `/quan-tri/tham-dinh/${enc(r.code)}?thongbao=da-tao`,
      (p) => roundForm(c, values, p.issues, p.message, p.status),
    );
  })
  .get('/tham-dinh/:code', (c) => roundPage(c, c.req.param('code')))
  .post('/tham-dinh/:code/de-xuat', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    const reasons = Object.fromEntries(Object.entries(v).filter(([k, x]) => k.startsWith('reason_') && str(x).trim()).map(([k, x]) => [k.slice(7), str(x).trim()]));
    return submitForm(
      c,
      () => inTx(c, (trx) => appraisal.proposeModels(trx, { actor, code, input: { mode: str(v.mode) || 'auto', models: list(v.models), reasons } })),
      () => {
        const back = new URLSearchParams(roundQuery({ field: c.req.query('linh_vuc')?.slice(0, 32), show: c.req.query('hien')?.slice(0, 16), page: pageParam(c.req.query('trang')) }));
        back.set('thongbao', 'da-luu');
        return `/quan-tri/tham-dinh/${enc(code)}?${back.toString()}`;
      },
      (p) => roundPage(c, code, p.issues, p.message, p.status),
    );
  })
  .get('/tham-dinh/:code/to-trinh.docx', async (c) => {
    const p = await appraisal.proposalContext(c.var.deps.db.db, pageActor(c), c.req.param('code'));
    return c.body(new Uint8Array(await proposalDocx(p)), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': contentDisposition(`Tờ trình đề nghị khen thưởng ${c.req.param('code')}.docx`, false),
    });
  })
  .get('/tham-dinh/:code/de-xuat.xlsx', async (c) => {
    const p = await appraisal.proposalContext(c.var.deps.db.db, pageActor(c), c.req.param('code'));
    return c.body(new Uint8Array(await proposalXlsx(p)), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(`Đề xuất khen thưởng ${c.req.param('code')}.xlsx`, false),
    });
  })
  .get('/tham-dinh/:code/cham/:model', (c) => scorePage(c, c.req.param('code'), c.req.param('model')))
  .post('/tham-dinh/:code/cham/:model', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const model = c.req.param('model');
    const body = await parseBodySafely(c);
    const v = await formData(c);
    const points = Object.fromEntries(Object.entries(v).filter(([k, x]) => k.startsWith('points.') && str(x).trim() !== '').map(([k, x]) => [k.slice(7), str(x).trim()]));
    const evidence: Record<string, { name: string; bytes: Buffer }> = {};
    for (const [k, f] of Object.entries(body)) {
      if (k.startsWith('evidence.') && f instanceof File && (f.size > 0 || f.name !== '')) evidence[k.slice(9)] = { name: f.name, bytes: Buffer.from(await f.arrayBuffer()) };
    }
    try {
      await inTx(c, (trx) =>
        appraisal.scoreModel(trx, { actor, roundCode: code, modelCode: model, input: { points, comment: str(v.comment), submit: str(v.submit) === '1', reason: str(v.reason) }, evidence, maxFileBytes: c.var.deps.config.maxUploadBytes }),
      );
    } catch (e) {
      const p = uploadProblem(e);
      if (p) return scorePage(c, code, model, p.issues, p.message, p.status);
      throw e;
    }
    return c.redirect(`/quan-tri/tham-dinh/${enc(code)}?thongbao=da-luu`, 303);
  })
  .get('/khen-thuong', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const decisions = await appraisal.listDecisions(db, actor);
    const unitCode = c.req.query('don_vi') ?? '';
    const name = c.req.query('ten') ?? '';
    const units = await listPublicUnitsFlat(db);
    const found = unitCode || name.trim() ? await appraisal.lookupRewards(db, actor, { unit: unitCode || undefined, name }) : null;
    return render(
      c,
      <AdminLayout c={c} title="Quyết định khen thưởng" active="khen-thuong">
        <form method="get" action="/quan-tri/khen-thuong" class="card filters">
          <SelectField name="don_vi" label="Tra cứu khen thưởng của đơn vị (gồm trực thuộc)" value={unitCode} issues={[]} empty="—" options={unitOptions(units.filter((u) => u.kind !== 'residentialGroup'))} />
          <Field name="ten" label="hoặc của người, tập thể, mô hình (không cần dấu)" value={name} issues={[]} type="search" />
          <button type="submit">Tra cứu</button>
        </form>
        {found ? (
          <section class="card">
            <h2>Kết quả tra cứu: {formatNumber(found.length)} lượt khen thưởng</h2>
            <ul>
              {found.map((r) => (
                <li>
                  {r.form} năm {r.year} (QĐ {r.decision} ngày {formatDate(r.date)}, {r.issuer}): mô hình "{r.name}" — {r.carriedOutBy}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <div class="card">
          {decisions.length ? (
            <table class="responsive">
              <thead>
                <tr>
                  <th>Số, ký hiệu</th>
                  <th>Ngày</th>
                  <th>Cấp khen</th>
                  <th class="num">Mô hình</th>
                  <th>Trạng thái</th>
                </tr>
              </thead>
              <tbody>
                {decisions.map((d) => (
                  <tr>
                    <td data-label="Số">
                      <a href={`/quan-tri/khen-thuong/${enc(d.number)}`}>{d.number}</a>
                    </td>
                    <td data-label="Ngày">{formatDate(d.date)}</td>
                    <td data-label="Cấp khen">
                      {d.form} — {d.issuer}
                    </td>
                    <td data-label="Mô hình" class="num">
                      {formatNumber(d.models.length)}
                    </td>
                    <td data-label="Trạng thái">{d.statusLabel}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>Chưa có quyết định khen thưởng.</p>
          )}
        </div>
      </AdminLayout>,
    );
  })
  .get('/khen-thuong/moi', (c) => decisionForm(c, { round: c.req.query('dot') ?? '' }, []))
  .post('/khen-thuong/moi', async (c) => {
    const actor = pageActor(c);
    const v = await formData(c);
    return submitForm(
      c,
      () =>
        inTx(c, (trx) =>
          appraisal.createDecision(trx, { actor, input: { number: str(v.number), campaign: str(v.campaign), round: str(v.round), date: str(v.date), issuer: str(v.issuer), form: str(v.form), signer: str(v.signer), signerTitle: str(v.signerTitle) } }),
        ),
      (d) => `/quan-tri/khen-thuong/${enc(d.number)}?thongbao=da-tao`,
      (p) => decisionForm(c, v, p.issues, p.message, p.status),
    );
  })
  .get('/khen-thuong/:number', (c) => decisionPage(c, c.req.param('number')))
  .get('/khen-thuong/:number/quyet-dinh.docx', async (c) => {
    const ctx = await appraisal.decisionContext(c.var.deps.db.db, pageActor(c), c.req.param('number'));
    const buf = await decisionDocx(ctx.decision, ctx);
    return c.body(new Uint8Array(buf), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': contentDisposition(`Quyết định ${ctx.decision.number.replace(/\//g, '-')}.docx`, false),
    });
  })
  .get('/khen-thuong/:number/danh-sach.xlsx', async (c) => {
    const d = await appraisal.getDecision(c.var.deps.db.db, pageActor(c), c.req.param('number'));
    const buf = await decisionXlsx(d);
    return c.body(new Uint8Array(buf), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(`Danh sách khen thưởng ${d.number.replace(/\//g, '-')}.xlsx`, false),
    });
  })
  .get('/khen-thuong/:number/giay-khen', async (c) => {
    const ctx = await appraisal.decisionContext(c.var.deps.db.db, pageActor(c), c.req.param('number'));
    const d = ctx.decision;
    const a = c.var.deps.assets;
    return render(
      c,
        <html lang="vi">
          <head>
            <meta charset="utf-8" />
            <title>Giấy khen — Quyết định {d.number}</title>
            <link rel="stylesheet" href={a.url('app.css')} />
          </head>
          <body class="certificates">
            <p class="no-print">
              {d.models.length} giấy khen, mỗi trang A4 một giấy. Dùng lệnh In của trình duyệt (Ctrl+P). <a href={`/quan-tri/khen-thuong/${enc(d.number)}`}>Quay lại</a>
            </p>
            {d.models.map((m) => (
              <section class="certificate">
                <p class="cert-nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
                <p class="cert-motto">Độc lập - Tự do - Hạnh phúc</p>
                <p class="cert-issuer">{ctx.issuer.signTitle.toUpperCase()} {ctx.issuer.body.toUpperCase()}</p>
                <p class="cert-title">{d.form.toUpperCase()}</p>
                <p>Tặng</p>
                <p class="cert-name">{m.carriedOutBy}</p>
                <p>Đã có thành tích xuất sắc với mô hình "Dân vận khéo"</p>
                <p class="cert-model">"{m.name}"</p>
                <p>{ctx.reason.replace(/^mô hình "Dân vận khéo" tiêu biểu,?\s*/, '')}</p>
                <p class="cert-date">
                  {placeAndDate(ctx.issuer.place, d.date)}
                  <br />
                  Số: {d.number}
                </p>
                <p class="cert-sign">{ctx.issuer.signTitle.toUpperCase()}</p>
                <p class="cert-signer">{d.signer ?? ''}</p>
              </section>
            ))}
          </body>
        </html>,
    );
  })
  .post('/khen-thuong/:number/ban-hanh', async (c) => {
    const actor = pageActor(c);
    const number = c.req.param('number');
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => appraisal.publishDecision(trx, { actor, number, confirm: str(v.confirm) === '1' })), `/quan-tri/khen-thuong/${enc(number)}?thongbao=da-luu`, (p) =>
      decisionPage(c, number, p.issues, p.message, p.status),
    );
  })
  .post('/khen-thuong/:number/thu-hoi', async (c) => {
    const actor = pageActor(c);
    const number = c.req.param('number');
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => appraisal.revokeDecision(trx, { actor, number, input: { reason: str(v.reason) } })), `/quan-tri/khen-thuong/${enc(number)}?thongbao=da-luu`, (p) =>
      decisionPage(c, number, p.issues, p.message, p.status),
    );
  });
