/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: dialogues with the people and their follow-ups, complaints, the register of dialogues. */
import { Hono } from 'hono';
import { parseThrough } from '../../lib/validation.js';
import { formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, str } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, SelectField, TextAreaField, unitOptions } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import { listUnitsFlat } from '../units/units.service.js';
import { answerComplaint, completeFollowup, listComplaints, listDialogues, receiveComplaint, recordDialogue } from './landClearance.engagement.js';
import * as hh from './landClearance.households.js';
import { getProject } from './landClearance.service.js';
import { dialogueRegister } from './landClearance.stats.js';
import { COMPLAINT_KINDS } from './landClearance.table.js';
import { P, opts, Badge, type Problem, submit, idParam } from './landClearance.admin.view.js';

// ——— dialogues and complaints ———
async function dialoguesPage(c: Ctx, code: string, problem?: Problem) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const items = await listDialogues(db, actor, code);
  const p = await getProject(db, actor, code);
  const households = can(actor, 'clearance.manage') ? (await hh.listHouseholds(db, actor, code, { page: 1 })).items : [];
  const v = problem?.values ?? {};
  const issues = problem?.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title={`Đối thoại — ${p.name}`} active="gpmb">
      <p>
        <a href={P(code)}>← {p.name}</a>
      </p>
      {items.length ? (
        items.map((d) => (
          <div class="card">
            <h2>
              Đối thoại ngày {formatDate(d.heldOn)} tại {d.place}
            </h2>
            <p>
              Chủ trì: {d.chair}; {formatNumber(d.participants)} người tham dự.{' '}
              <a href={`${P(code)}/doi-thoai/${d.id}/bien-ban.docx`}>Tải biên bản (Word)</a>
            </p>
            {d.households.length ? <p>Hộ tham gia: {d.households.map((x) => x.name).join('; ')}</p> : null}
            {d.issues ? <p><b>Ý kiến nêu ra:</b> {d.issues}</p> : null}
            {d.agreements ? <p><b>Nội dung thống nhất:</b> {d.agreements}</p> : null}
            {d.followups.length ? (
              <ul>
                {d.followups.map((f) => (
                  <li>
                    {f.task} — {f.owner}
                    {f.dueOn ? `, hạn ${formatDate(f.dueOn)}` : ''}: {f.doneOn ? `xong ngày ${formatDate(f.doneOn)}` : f.overdue ? <b>quá hạn</b> : 'đang làm'}
                    {!f.doneOn && can(actor, 'clearance.manage') ? (
                      <form method="post" action={`${P(code)}/doi-thoai/viec/${f.id}`} class="inline">
                        <Csrf c={c} />
                        <input type="hidden" name="doneOn" value={todayVn()} />
                        <button type="submit" class="link">
                          Đánh dấu xong hôm nay
                        </button>
                      </form>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ))
      ) : (
        <p class="muted">Chưa có buổi đối thoại nào.</p>
      )}
      {can(actor, 'clearance.manage') ? (
        <form method="post" action={`${P(code)}/doi-thoai`} class="card" novalidate>
          <h2>Ghi nhận buổi đối thoại</h2>
          <ErrorSummary issues={issues} message={problem?.message} />
          <Csrf c={c} />
          <div class="grid2">
            <Field name="heldOn" label="Ngày đối thoại" value={str(v.heldOn) || formatDate(todayVn())} issues={issues} required inputmode="numeric" />
            <Field name="place" label="Địa điểm" value={str(v.place)} issues={issues} required />
            <Field name="chair" label="Người chủ trì" value={str(v.chair)} issues={issues} required />
            <Field name="participants" label="Số người tham dự" value={str(v.participants)} issues={issues} required inputmode="numeric" />
          </div>
          {households.length ? (
            <fieldset class="field checks">
              <legend>Hộ tham gia</legend>
              {households.map((x) => (
                <label>
                  <input type="checkbox" name="households" value={x.code} checked={list(v.households).includes(x.code)} /> {x.name} ({x.code})
                </label>
              ))}
            </fieldset>
          ) : null}
          <TextAreaField name="issues" label="Ý kiến, vấn đề nêu ra" value={str(v.issues)} issues={issues} rows={4} />
          <TextAreaField name="agreements" label="Nội dung thống nhất" value={str(v.agreements)} issues={issues} rows={4} />
          <TextAreaField name="followups" label="Việc cần làm tiếp (mỗi dòng: nội dung | người, đơn vị thực hiện | hạn dd/mm/yyyy)" value={str(v.followups)} issues={issues} rows={3} />
          <div class="actions">
            <button type="submit">Ghi nhận</button>
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

async function complaintsPage(c: Ctx, code: string, problem?: Problem) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const items = await listComplaints(db, actor, code);
  const p = await getProject(db, actor, code);
  const v = problem?.values ?? {};
  const issues = problem?.form === 'moi' || !problem?.form ? (problem?.issues ?? []) : [];
  const manage = can(actor, 'clearance.manage');
  const households = manage ? await hh.householdChoices(db, actor, code) : [];
  return render(
    c,
    <AdminLayout c={c} title={`Khiếu nại, kiến nghị — ${p.name}`} active="gpmb">
      <p>
        <a href={P(code)}>← {p.name}</a>
      </p>
      <ErrorSummary issues={problem?.issues ?? []} message={problem?.message} />
      <div class="card">
        {items.length ? (
          <table class="responsive">
            <thead>
              <tr>
                <th>Tiếp nhận</th>
                <th>Loại</th>
                <th>Người gửi</th>
                <th>Nội dung</th>
                <th>Hạn giải quyết</th>
                <th>Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr>
                  <td data-label="Tiếp nhận">{formatDate(x.receivedOn)}</td>
                  <td data-label="Loại">{x.kindLabel}</td>
                  <td data-label="Người gửi">{x.household ? x.household.name : '—'}</td>
                  <td data-label="Nội dung">
                    {x.content}
                    {x.answer ? (
                      <>
                        <br />
                        <span class="muted">
                          Trả lời ngày {formatDate(x.answeredOn)}: {x.answer}
                        </span>
                      </>
                    ) : null}
                  </td>
                  <td data-label="Hạn">
                    {formatDate(x.dueOn)}
                    {x.overdueDays ? <Badge state="overdue">quá {formatNumber(x.overdueDays)} ngày</Badge> : null}
                  </td>
                  <td data-label="Trạng thái">
                    {x.statusLabel}
                    {x.handler ? <span class="muted"> ({x.handler})</span> : null}
                    {manage && x.status !== 'answered' ? (
                      <details>
                        <summary>Trả lời</summary>
                        <form method="post" action={`${P(code)}/don/${x.id}/tra-loi`} novalidate>
                          <Csrf c={c} />
                          <TextAreaField name="answer" label="Nội dung trả lời" value="" issues={problem?.form === `tra-loi-${x.id}` ? problem.issues : []} />
                          <Field name="answeredOn" label="Ngày trả lời" value={formatDate(todayVn())} issues={problem?.form === `tra-loi-${x.id}` ? problem.issues : []} inputmode="numeric" />
                          <button type="submit">Ghi nhận trả lời</button>
                        </form>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">Chưa có đơn nào.</p>
        )}
      </div>
      {manage ? (
        <form method="post" action={`${P(code)}/don`} class="card" novalidate>
          <h2>Tiếp nhận đơn</h2>
          <p class="hint">Hạn giải quyết tự tính: khiếu nại 30 ngày (Điều 28 Luật Khiếu nại), kiến nghị 15 ngày kể từ ngày tiếp nhận.</p>
          <Csrf c={c} />
          <SelectField name="kind" label="Loại đơn" value={str(v.kind) || 'complaint'} issues={issues} options={opts(COMPLAINT_KINDS)} />
          {households.length ? (
            <SelectField name="household" label="Hộ gửi đơn" value={str(v.household)} issues={issues} empty="Không thuộc hộ nào trong danh sách" options={households} />
          ) : (
            <Field name="household" label="Mã hộ gửi đơn (nếu có)" value={str(v.household)} issues={issues} />
          )}
          <Field name="receivedOn" label="Ngày tiếp nhận" value={str(v.receivedOn) || formatDate(todayVn())} issues={issues} required inputmode="numeric" />
          <TextAreaField name="content" label="Nội dung" value={str(v.content)} issues={issues} rows={4} />
          <Field name="handler" label="Người, đơn vị xử lý" value={str(v.handler)} issues={issues} />
          <div class="actions">
            <button type="submit">Tiếp nhận</button>
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

const followupLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [task = '', owner = '', dueOn = ''] = l.split('|').map((x) => x.trim());
      return { task, owner, dueOn };
    });

/** /quan-tri/gpmb/doi-thoai: every dialogue of a subtree through a day — the list behind "N buổi đối thoại, M lượt". */
async function dialogueRegisterPage(c: Ctx) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const q = c.req.query();
  const through = parseThrough(q.den);
  const year = /^\d{4}$/.test(q.nam ?? '') ? Number(q.nam) : undefined;
  const r = await dialogueRegister(db, actor, { unit: q.don_vi || undefined, through, year });
  const units = (await listUnitsFlat(db, actor)).filter((u) => u.kind !== 'residentialGroup');
  return render(
    c,
    <AdminLayout c={c} title="Các buổi đối thoại với Nhân dân" active="gpmb">
      <p>
        <a href={`/quan-tri/gpmb?${new URLSearchParams({ ...(q.don_vi ? { don_vi: q.don_vi } : {}), den: formatDate(through) }).toString()}`}>← Giải phóng mặt bằng</a>
      </p>
      <form method="get" action="/quan-tri/gpmb/doi-thoai" class="card filters">
        <SelectField name="don_vi" label="Đơn vị (gồm trực thuộc)" value={q.don_vi} issues={[]} empty="Đơn vị của tôi" options={unitOptions(units)} />
        <Field name="den" label="Tính đến ngày" value={formatDate(through)} issues={[]} inputmode="numeric" />
        {year ? <input type="hidden" name="nam" value={String(year)} /> : null}
        <div class="actions">
          <button type="submit">Xem</button>
        </div>
      </form>
      <h2>
        {r.unit?.name ?? 'Toàn bộ'} — đến ngày {formatDate(r.through)}
      </h2>
      <p>
        <b>{formatNumber(r.total.dialogues)}</b> buổi đối thoại, <b>{formatNumber(r.total.participants)}</b> lượt người tham dự
        {year ? `, ở các dự án thực hiện trong năm ${year}` : ''}.
      </p>
      {r.items.length ? (
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>STT</th>
                <th>Ngày</th>
                <th>Dự án</th>
                <th>Đơn vị</th>
                <th>Địa điểm</th>
                <th>Chủ trì</th>
                <th class="num">Số người dự</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((x, i) => (
                <tr>
                  <td data-label="STT">{formatNumber(i + 1)}</td>
                  <td data-label="Ngày">{formatDate(x.heldOn)}</td>
                  <td data-label="Dự án">
                    <a href={`/quan-tri/gpmb/${encodeURIComponent(x.project)}`}>{x.projectName}</a>
                  </td>
                  <td data-label="Đơn vị">{x.unitName}</td>
                  <td data-label="Địa điểm">{x.place}</td>
                  <td data-label="Chủ trì">{x.chair}</td>
                  <td data-label="Số người dự" class="num">
                    {formatNumber(x.participants)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="total">
                <th scope="row" colspan={6}>
                  Tổng cộng ({formatNumber(r.total.dialogues)} buổi)
                </th>
                <td data-label="Số người dự" class="num">
                  {formatNumber(r.total.participants)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      ) : (
        <p class="muted">Chưa có buổi đối thoại nào đến ngày này.</p>
      )}
    </AdminLayout>,
  );
}

export const clearanceEngagementAdmin = new Hono<AppEnv>()
  .get('/gpmb/doi-thoai', (c) => dialogueRegisterPage(c))
  .get('/gpmb/:code/doi-thoai', (c) => dialoguesPage(c, c.req.param('code')))
  .post('/gpmb/:code/doi-thoai', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    const input = { heldOn: str(v.heldOn), place: str(v.place), chair: str(v.chair), participants: str(v.participants), households: list(v.households), issues: str(v.issues), agreements: str(v.agreements), followups: followupLines(str(v.followups)) };
    return submit(c, () => inTx(c, (trx) => recordDialogue(trx, { actor, projectCode: code, input })), `${P(code)}/doi-thoai?thongbao=da-tao`, (p) => dialoguesPage(c, code, { ...p, values: v }));
  })
  .post('/gpmb/:code/doi-thoai/viec/:id', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    const doneOn = str(v.doneOn) || todayVn();
    return submit(c, () => inTx(c, (trx) => completeFollowup(trx, { actor, projectCode: code, followupId: idParam(c, 'id'), doneOn })), `${P(code)}/doi-thoai?thongbao=da-luu`, (p) => dialoguesPage(c, code, p));
  })
  .get('/gpmb/:code/don', (c) => complaintsPage(c, c.req.param('code')))
  .post('/gpmb/:code/don', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => receiveComplaint(trx, { actor, projectCode: code, input: { kind: str(v.kind), household: str(v.household), receivedOn: str(v.receivedOn), content: str(v.content), handler: str(v.handler) } })), `${P(code)}/don?thongbao=da-tao`, (p) => complaintsPage(c, code, { ...p, values: v, form: 'moi' }));
  })
  .post('/gpmb/:code/don/:id/tra-loi', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const id = idParam(c, 'id');
    const v = await formData(c);
    return submit(c, () => inTx(c, (trx) => answerComplaint(trx, { actor, projectCode: code, complaintId: id, input: { answer: str(v.answer), answeredOn: str(v.answeredOn) } })), `${P(code)}/don?thongbao=da-luu`, (p) => complaintsPage(c, code, { ...p, form: `tra-loi-${id}` }));
  });
