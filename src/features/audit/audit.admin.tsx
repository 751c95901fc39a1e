/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { pageParam } from '../../web/api.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, Pager, render } from '../../web/layout.js';
import { auditActionChoices } from './audit.labels.js';
import { listAudit } from './audit.service.js';

const OUTCOMES: Record<string, string> = { ok: 'Thành công', denied: 'Bị từ chối', failed: 'Thất bại' };

export const auditAdmin = new Hono<AppEnv>().get('/nhat-ky', async (c) => {
  const actor = pageActor(c);
  const q = c.req.query();
  const page = pageParam(q.trang);
  const filter = { actor: q.nguoi, action: q.thao_tac, entityType: q.loai, entityId: q.ma, outcome: q.ket_qua, from: q.tu, to: q.den, page };
  const r = await listAudit(c.var.deps.db.db, actor, filter);
  const choices = auditActionChoices();
  const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'trang' && v));
  const href = (p: number) => `/quan-tri/nhat-ky?${new URLSearchParams([...params, ['trang', String(p)]]).toString()}`;
  return render(
    c,
    <AdminLayout c={c} title="Nhật ký hệ thống" active="nhat-ky">
      <form method="get" action="/quan-tri/nhat-ky" class="toolbar card">
        <div class="field">
          <label for="f-nguoi">Người thực hiện</label>
          <input id="f-nguoi" name="nguoi" value={q.nguoi ?? ''} />
        </div>
        <div class="field">
          <label for="f-thao-tac">Thao tác</label>
          <select id="f-thao-tac" name="thao_tac">
            <option value="">Tất cả</option>
            {/* an address naming a code not in the list (a part of one: "model.") keeps it chosen */}
            {q.thao_tac && !choices.some((o) => o.value === q.thao_tac) ? (
              <option value={q.thao_tac} selected>
                {q.thao_tac}
              </option>
            ) : null}
            {choices.map((o) => (
              <option value={o.value} selected={q.thao_tac === o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-ma">Mã đối tượng</label>
          <input id="f-ma" name="ma" value={q.ma ?? ''} />
        </div>
        <div class="field">
          <label for="f-ket-qua">Kết quả</label>
          <select id="f-ket-qua" name="ket_qua">
            <option value="">Tất cả</option>
            {Object.entries(OUTCOMES).map(([k, v]) => (
              <option value={k} selected={q.ket_qua === k}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="f-tu">Từ ngày</label>
          <input id="f-tu" name="tu" value={q.tu ?? ''} placeholder="dd/mm/yyyy" inputmode="numeric" />
        </div>
        <div class="field">
          <label for="f-den">Đến ngày</label>
          <input id="f-den" name="den" value={q.den ?? ''} placeholder="dd/mm/yyyy" inputmode="numeric" />
        </div>
        <button type="submit">Lọc</button>
      </form>
      <p class="muted">{r.total.toLocaleString('vi-VN')} bản ghi</p>
      <div class="card">
        <table class="responsive">
          <thead>
            <tr>
              <th>Thời gian</th>
              <th>Người thực hiện</th>
              <th>Thao tác</th>
              <th>Đối tượng</th>
              <th>Kết quả</th>
              <th>Chi tiết</th>
            </tr>
          </thead>
          <tbody>
            {r.items.map((i) => (
              <tr>
                <td data-label="Thời gian">{i.atText}</td>
                <td data-label="Người thực hiện">
                  {i.actor}
                  {i.ip ? <span class="muted"> · {i.ip}</span> : null}
                </td>
                <td data-label="Thao tác" title={i.action}>
                  {i.actionLabel}
                </td>
                <td data-label="Đối tượng">
                  {i.entityLabel}
                  {i.entityId ? ` ${i.entityId}` : ''}
                </td>
                <td data-label="Kết quả">
                  <span class={i.outcome === 'ok' ? 'badge ok' : 'badge off'}>{OUTCOMES[i.outcome] ?? i.outcome}</span>
                </td>
                <td data-label="Chi tiết">
                  {i.before || i.after ? (
                    <details class="json">
                      <summary>Xem</summary>
                      {i.before ? (
                        <>
                          <b>Trước:</b>
                          <pre>{JSON.stringify(i.before, null, 1)}</pre>
                        </>
                      ) : null}
                      {i.after ? (
                        <>
                          <b>Sau:</b>
                          <pre>{JSON.stringify(i.after, null, 1)}</pre>
                        </>
                      ) : null}
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={href} />
      </div>
    </AdminLayout>,
  );
});
