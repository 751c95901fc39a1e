/** @jsxImportSource hono/jsx */
/** Meetings and conclusions in the admin: list, record a meeting with its conclusions, close a conclusion with evidence. */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { formatDate, todayVn } from '../../lib/vi.js';
import { listUnitsFlat } from '../units/units.service.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, pageActor, str, submitForm, uploadProblem, uploadsOf, type FormValues } from '../../web/forms.js';
import { AdminLayout, CharCount, Csrf, ErrorSummary, Field, fieldErrorOf, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { listCampaigns } from '../campaigns/campaigns.service.js';
import { authorize, can } from '../../policy/policy.js';
import { notFound } from '../../lib/errors.js';
import { fileResponse } from '../documents/documents.pages.js';
import { ACCEPT } from '../files/files.service.js';
import * as supervision from './supervision.service.js';

const idOf = (v: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound('Không tìm thấy hội nghị.');
  return n;
};

/** "Nội dung | MÃ-ĐƠN-VỊ | dd/mm/yyyy", one conclusion a line. */
const conclusionsOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [content = '', owner = '', dueOn = ''] = l.split('|').map((x) => x.trim());
      return { content, owner, dueOn };
    });

async function meetingForm(c: Ctx, o: { values: FormValues; issues?: FieldIssue[]; message?: string; status?: 200 | 409 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'meeting.manage');
  const db = c.var.deps.db.db;
  const units = (await listUnitsFlat(db, actor)).filter((u) => u.active);
  const campaigns = await listCampaigns(db, actor);
  const v = o.values;
  const issues = o.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title="Ghi hội nghị" active="hoi-nghi">
      <ErrorSummary issues={issues} message={o.message} />
      <form method="post" action="/quan-tri/hoi-nghi/moi" class="card" novalidate>
        <Csrf c={c} />
        <SelectField name="kind" label="Loại" value={str(v.kind) || 'briefing'} issues={issues} options={[{ value: 'briefing', label: 'Hội nghị giao ban' }, { value: 'other', label: 'Hội nghị, cuộc họp khác' }]} />
        <Field name="title" label="Tên hội nghị" value={str(v.title)} issues={issues} required hint="Ví dụ: Hội nghị giao ban quý I năm 2021 thực hiện chủ đề năm" />
        <SelectField name="unit" label="Đơn vị tổ chức" value={str(v.unit) || actor.unitCode} issues={issues} required options={unitOptions(units)} />
        <SelectField name="campaign" label="Chủ đề năm" value={str(v.campaign)} issues={issues} empty="Không gắn với chủ đề năm nào" options={campaigns.map((x) => ({ value: x.code, label: `${x.year} — ${x.theme} (${x.unitName})` }))} />
        <Field name="heldOn" label="Ngày họp" value={str(v.heldOn)} issues={issues} required hint="dd/mm/yyyy" inputmode="numeric" />
        <Field name="chair" label="Chủ trì" value={str(v.chair)} issues={issues} required />
        <Field name="attendeesCount" label="Số người dự" value={str(v.attendeesCount)} issues={issues} required inputmode="numeric" />
        <TextAreaField name="attendees" label="Thành phần dự" value={str(v.attendees)} issues={issues} />
        <TextAreaField name="minutes" label="Biên bản, nội dung chính" value={str(v.minutes)} issues={issues} rows={6} />
        <TextAreaField
          name="conclusions"
          label="Kết luận"
          value={str(v.conclusions)}
          issues={issues.map((i) => (i.field.startsWith('conclusions') ? { ...i, field: 'conclusions' } : i))}
          rows={6}
          hint="Mỗi kết luận một dòng: nội dung | mã đơn vị chịu trách nhiệm | hạn hoàn thành (dd/mm/yyyy)"
        />
        <div class="actions">
          <button type="submit">Lưu hội nghị</button>
          <a href="/quan-tri/hoi-nghi">Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    o.status ?? 200,
  );
}

async function meetingPage(c: Ctx, id: number, o: { issues?: FieldIssue[]; message?: string; status?: 200 | 409 | 422; conclusion?: number } = {}) {
  const actor = pageActor(c);
  const m = await supervision.getMeeting(c.var.deps.db.db, actor, id);
  const issues = o.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title={m.title} active="hoi-nghi">
      <p>
        <a href="/quan-tri/hoi-nghi">← Hội nghị</a>
      </p>
      <div class="card">
        <p>
          {m.kindLabel} · {m.unitName} · ngày {formatDate(m.heldOn)} · chủ trì: {m.chair} · {m.attendeesCount} người dự
        </p>
        {m.attendees ? <p class="muted">Thành phần: {m.attendees}</p> : null}
        {m.minutes ? <p>{m.minutes}</p> : null}
      </div>
      <ErrorSummary issues={issues} message={o.message} />
      <div class="card">
        <h2>Kết luận ({m.conclusions.length})</h2>
        <ol>
          {m.conclusions.map((k) => (
            <li class={k.overdue ? 'warn' : ''}>
              <p>
                {k.content} — <strong>{k.ownerName}</strong>, hạn {formatDate(k.dueOn)}:{' '}
                {k.status === 'done' ? (
                  <span>
                    đã hoàn thành ngày {formatDate(k.doneOn)} ({k.doneBy}). Minh chứng: {k.evidence}
                  </span>
                ) : k.overdue ? (
                  <strong>quá hạn</strong>
                ) : (
                  'đang thực hiện'
                )}
              </p>
              {k.status === 'open' && can(actor, 'meeting.manage') ? (
                <form method="post" action={`/quan-tri/hoi-nghi/ket-luan/${k.id}`} class="inline-form">
                  <Csrf c={c} />
                  <label for={`f-ev-${k.id}`}>Minh chứng</label>
                  <input id={`f-ev-${k.id}`} name="evidence" data-max={5000} aria-describedby={`f-ev-${k.id}-count`} aria-invalid={o.conclusion === k.id && fieldErrorOf(issues, 'evidence') ? 'true' : undefined} />
                  <CharCount id={`f-ev-${k.id}`} max={5000} />
                  <label for={`f-done-${k.id}`}>Ngày hoàn thành</label>
                  <input id={`f-done-${k.id}`} name="doneOn" value={formatDate(todayVn())} inputmode="numeric" size={10} />
                  <button type="submit" class="secondary">
                    Ghi nhận hoàn thành
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ol>
      </div>
    </AdminLayout>,
    o.status ?? 200,
  );
}

async function visitsPage(c: Ctx, o: { values?: FormValues; issues?: FieldIssue[]; message?: string; status?: 200 | 409 | 413 | 422 } = {}) {
  const actor = pageActor(c);
  const list = await supervision.listVisits(c.var.deps.db.db, actor);
  const units = can(actor, 'meeting.manage') ? (await listUnitsFlat(c.var.deps.db.db, actor)).filter((u) => u.active) : [];
  const v = o.values ?? {};
  const issues = o.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title="Kiểm tra, giám sát" active="kiem-tra">
      {can(actor, 'meeting.manage') ? (
        <form method="post" action="/quan-tri/kiem-tra" class="card" enctype="multipart/form-data" novalidate>
          <h2>Ghi một lần kiểm tra</h2>
          <ErrorSummary issues={issues} message={o.message} />
          <Csrf c={c} />
          <Field name="leader" label="Đồng chí kiểm tra" value={str(v.leader)} issues={issues} required />
          <Field name="title" label="Chức vụ" value={str(v.title) || 'Ủy viên Ban Thường vụ'} issues={issues} required />
          <SelectField name="unit" label="Đơn vị được kiểm tra" value={str(v.unit)} issues={issues} required empty="— Chọn đơn vị —" options={unitOptions(units)} />
          <Field name="visitedOn" label="Ngày kiểm tra" value={str(v.visitedOn)} issues={issues} required hint="dd/mm/yyyy" inputmode="numeric" />
          <TextAreaField name="inspected" label="Nội dung kiểm tra (mô hình, dự án…)" value={str(v.inspected)} issues={issues} />
          <TextAreaField name="findings" label="Kết quả kiểm tra" value={str(v.findings)} issues={issues} rows={4} />
          <TextAreaField name="difficulties" label="Khó khăn, vướng mắc" value={str(v.difficulties)} issues={issues} />
          <div class="field">
            <label>
              <input type="checkbox" name="raiseIssue" value="1" checked={str(v.raiseIssue) === '1' || v.leader === undefined} /> Ghi khó khăn, vướng mắc thành vấn đề phát sinh để cấp trên xem xét, giải quyết
            </label>
          </div>
          <TextAreaField name="proposals" label="Đề xuất Ban Thường vụ, Thường trực" value={str(v.proposals)} issues={issues} />
          <Field name="note" label="Ghi chú" value={str(v.note)} issues={issues} hint="Bắt buộc khi đồng chí kiểm tra không được phân công phụ trách đơn vị này: ghi lý do." />
          <div class={fieldErrorOf(issues, 'files') ? 'field has-error' : 'field'}>
            <label for="f-files">Tệp đính kèm (biên bản, hình ảnh)</label>
            {fieldErrorOf(issues, 'files') ? (
              <p class="error" id="f-files-error">
                {fieldErrorOf(issues, 'files')}
              </p>
            ) : null}
            <input id="f-files" type="file" name="files" multiple accept={ACCEPT} />
            <p class="hint">Ảnh JPEG, PNG, WebP hoặc PDF, mỗi tệp tối đa {Math.round(c.var.deps.config.maxUploadBytes / 1048576)} MB.</p>
          </div>
          <div class="actions">
            <button type="submit">Lưu</button>
          </div>
        </form>
      ) : null}
      <div class="card">
        <h2>Các lần kiểm tra</h2>
        {list.length ? (
          <ul>
            {list.map((x) => (
              <li>
                <strong>{formatDate(x.visitedOn)}</strong> — đồng chí {x.leader} ({x.title}) kiểm tra {x.unitName}: {x.inspected}. Kết quả: {x.findings}
                {x.difficulties ? ` Khó khăn, vướng mắc: ${x.difficulties}` : ''}
                {x.proposals ? ` Đề xuất: ${x.proposals}` : ''}
                {x.note ? <span class="muted"> ({x.note})</span> : null}
                {x.files.length ? (
                  <span>
                    {' '}
                    Tệp:{' '}
                    {x.files.map((f, i) => (
                      <>
                        {i ? ', ' : ''}
                        <a href={`/quan-tri/kiem-tra/tep/${f.id}`}>{f.name}</a>
                      </>
                    ))}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>Chưa có lần kiểm tra nào.</p>
        )}
      </div>
    </AdminLayout>,
    o.status ?? 200,
  );
}

export const supervisionAdmin = new Hono<AppEnv>()
  .get('/kiem-tra', (c) => visitsPage(c))
  .post('/kiem-tra', async (c) => {
    const v = await formData(c);
    const files = await uploadsOf(c, 'files');
    try {
      const r = await inTx(c, (trx) =>
        supervision.recordVisit(trx, {
          actor: pageActor(c),
          input: {
            leader: str(v.leader),
            title: str(v.title),
            unit: str(v.unit),
            visitedOn: str(v.visitedOn),
            inspected: str(v.inspected),
            findings: str(v.findings),
            difficulties: str(v.difficulties),
            proposals: str(v.proposals),
            note: str(v.note),
            raiseIssue: str(v.raiseIssue) === '1' && str(v.difficulties).trim() !== '',
          },
          files,
          maxFileBytes: c.var.deps.config.maxUploadBytes,
        }),
      );
      return c.redirect(r.issue ? `/quan-tri/van-de/${r.issue}?thongbao=da-tao` : '/quan-tri/kiem-tra?thongbao=da-luu', 303);
    } catch (e) {
      const p = uploadProblem(e);
      if (p) return visitsPage(c, { values: v, issues: p.issues, message: p.message, status: p.status });
      throw e;
    }
  })
  .get('/kiem-tra/tep/:fileId', async (c) => {
    const f = await supervision.getVisitFile(c.var.deps.db.db, pageActor(c), parseId(c.req.param('fileId')) ?? 0);
    return fileResponse(c, f, 'private, no-cache');
  })
  .get('/hoi-nghi', async (c) => {
    const actor = pageActor(c);
    const list = await supervision.listMeetings(c.var.deps.db.db, actor);
    return render(
      c,
      <AdminLayout c={c} title="Hội nghị và kết luận" active="hoi-nghi">
        {can(actor, 'meeting.manage') ? (
          <div class="toolbar">
            <a class="button" href="/quan-tri/hoi-nghi/moi">
              Ghi hội nghị
            </a>
          </div>
        ) : null}
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>Ngày</th>
                <th>Hội nghị</th>
                <th>Đơn vị</th>
                <th>Kết luận</th>
              </tr>
            </thead>
            <tbody>
              {list.map((m) => (
                <tr>
                  <td data-label="Ngày">{formatDate(m.heldOn)}</td>
                  <td data-label="Hội nghị">
                    <a href={`/quan-tri/hoi-nghi/${m.id}`}>{m.title}</a>
                  </td>
                  <td data-label="Đơn vị">{m.unitName}</td>
                  <td data-label="Kết luận">
                    {m.conclusions.filter((k) => k.status === 'done').length}/{m.conclusions.length} hoàn thành
                    {m.conclusions.some((k) => k.overdue) ? `, ${m.conclusions.filter((k) => k.overdue).length} quá hạn` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </AdminLayout>,
    );
  })
  .get('/hoi-nghi/moi', (c) => meetingForm(c, { values: { unit: pageActor(c).unitCode, attendeesCount: '0' } }))
  .post('/hoi-nghi/moi', async (c) => {
    const v = await formData(c);
    return submitForm(
      c,
      () =>
        inTx(c, (trx) =>
          supervision.recordMeeting(trx, {
            actor: pageActor(c),
            input: { kind: str(v.kind), title: str(v.title), unit: str(v.unit), campaign: str(v.campaign), heldOn: str(v.heldOn), chair: str(v.chair), attendeesCount: str(v.attendeesCount), attendees: str(v.attendees), minutes: str(v.minutes), conclusions: conclusionsOf(str(v.conclusions)) },
          }),
        ),
      (m) => `/quan-tri/hoi-nghi/${m.id}?thongbao=da-tao`,
      (p) => meetingForm(c, { values: v, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/hoi-nghi/:id', (c) => meetingPage(c, idOf(c.req.param('id'))))
  .post('/hoi-nghi/ket-luan/:id', async (c) => {
    const id = idOf(c.req.param('id'));
    const v = await formData(c);
    try {
      const k = await inTx(c, (trx) => supervision.completeConclusion(trx, { actor: pageActor(c), id, input: { evidence: str(v.evidence), doneOn: str(v.doneOn) } }));
      return c.redirect(`/quan-tri/hoi-nghi/${k.meeting.id}?thongbao=da-luu`, 303);
    } catch (e) {
      const p = formProblem(e);
      const c2 = await supervision.conclusionMeeting(c.var.deps.db.db, id);
      if (p && c2) return meetingPage(c, c2, { issues: p.issues, message: p.message, status: p.status, conclusion: id });
      throw e;
    }
  });
