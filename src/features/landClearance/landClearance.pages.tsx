/** @jsxImportSource hono/jsx */
/* The public land clearance pages: every public project's progress, and one project's page. Aggregates only. */
import { Hono } from 'hono';
import { formatArea, formatDate, formatNumber } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { PortalLayout, render, SelectField } from '../../web/layout.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { publicProject, publicProjects } from './landClearance.public.js';
import { PROJECT_CATEGORIES } from './landClearance.table.js';

const enc = encodeURIComponent;

export const clearancePages = new Hono<AppEnv>()
  .get('/gpmb', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const category = c.req.query('loai') || undefined;
    const { items, totals } = await publicProjects(db, { category });
    return render(
      c,
      <PortalLayout c={c} site={site} title="Tiến độ giải phóng mặt bằng">
        <h1>Tiến độ giải phóng mặt bằng</h1>
        <p class="lead">Công khai tiến độ các dự án giải phóng mặt bằng trên địa bàn: các bước đã thực hiện, số hộ đã được phê duyệt phương án, nhận tiền bồi thường và bàn giao mặt bằng. Số liệu tổng hợp, cập nhật hằng ngày.</p>
        <div class="big-numbers">
          <div class="stat">
            <b>{formatNumber(totals.projects)}</b> dự án ({totals.byCategory.map((x) => `${formatNumber(x.count)} ${x.label.toLowerCase()}`).join(', ')})
          </div>
          <div class="stat">
            <b>{formatNumber(totals.householdsAffected)}</b> hộ, tổ chức bị ảnh hưởng
          </div>
          {totals.followedProjects ? (
            <div class="stat">
              <b>{formatNumber(totals.handedOver)}</b>/{formatNumber(totals.followedAffected)} hộ, tổ chức đã bàn giao mặt bằng <span class="muted">ở {formatNumber(totals.followedProjects)} dự án được cập nhật đến từng hộ</span>
            </div>
          ) : null}
          <div class="stat">
            <b>{formatNumber(totals.dialogues)}</b> buổi đối thoại với Nhân dân
          </div>
        </div>
        <form method="get" action="/gpmb" class="card filters">
          <SelectField name="loai" label="Loại dự án" value={category} issues={[]} empty="Tất cả" options={Object.entries(PROJECT_CATEGORIES).map(([value, label]) => ({ value, label }))} />
          <button type="submit">Xem</button>
        </form>
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>Dự án</th>
                <th>Địa bàn</th>
                <th>Tiến độ</th>
                <th class="num">Hộ bị ảnh hưởng</th>
                <th class="num">Đã bàn giao</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr>
                  <td data-label="Dự án">
                    <a href={`/gpmb/${enc(p.code)}`}>{p.name}</a>
                    <br />
                    <span class="muted">{p.categoryLabel}</span>
                  </td>
                  <td data-label="Địa bàn">{p.unitName}</td>
                  <td data-label="Tiến độ">
                    <span class={`badge state-${p.schedule.status}`}>{p.schedule.label}</span>{' '}
                    <progress class="progress" max={100} value={p.schedule.percent} aria-label={`${p.schedule.percent}% các bước`}>
                      {p.schedule.percent}%
                    </progress>
                  </td>
                  <td data-label="Hộ bị ảnh hưởng" class="num">
                    {formatNumber(p.households)}
                  </td>
                  <td data-label="Đã bàn giao" class="num">
                    {p.handedOver === null ? <span class="muted">chưa cập nhật đến từng hộ</span> : `${formatNumber(p.handedOver)} (${p.handedOverPercent ?? 0}%)`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </PortalLayout>,
    );
  })
  .get('/gpmb/:code', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const p = await publicProject(db, c.req.param('code'));
    return render(
      c,
      <PortalLayout c={c} site={site} title={p.name}>
        <p>
          <a href="/gpmb">← Tiến độ giải phóng mặt bằng</a>
        </p>
        <h1>{p.name}</h1>
        <p class="muted">
          Dự án {p.categoryLabel.toLowerCase()} · {p.units.join('; ')}
          {p.investor ? ` · Chủ đầu tư: ${p.investor}` : ''}
        </p>
        {p.description ? <p>{p.description}</p> : null}
        <div class="big-numbers">
          <div class="stat">
            <b>{p.schedule.percent}%</b> các bước đã hoàn thành ({p.schedule.completed}/{p.schedule.applicable}) — <span class={`badge state-${p.schedule.status}`}>{p.schedule.label}</span>
          </div>
          <div class="stat">
            <b>{formatNumber(p.households)}</b> hộ, tổ chức bị ảnh hưởng{p.areaM2 !== null ? `, ${formatArea(Math.round(p.areaM2 * 100))} đất thu hồi` : ''}
          </div>
          {p.followed ? (
            <>
              <div class="stat">
                <b>{formatNumber(p.plansApproved ?? 0)}</b> hộ đã được phê duyệt phương án bồi thường
              </div>
              <div class="stat">
                <b>{formatNumber(p.paid ?? 0)}</b> hộ đã nhận tiền bồi thường, hỗ trợ
              </div>
              <div class="stat">
                <b>{formatNumber(p.handedOver ?? 0)}</b> hộ đã bàn giao mặt bằng ({p.handedOverPercent ?? 0}%)
              </div>
            </>
          ) : (
            <div class="stat">Số hộ đã được phê duyệt phương án, nhận tiền và bàn giao mặt bằng của dự án này chưa được cập nhật đến từng hộ.</div>
          )}
          <div class="stat">
            <b>{formatNumber(p.dialogues.count)}</b> buổi đối thoại với {formatNumber(p.dialogues.participants)} lượt người dân
          </div>
        </div>
        <section class="card">
          <h2>Các bước thực hiện</h2>
          <p class="muted">
            Thời gian thực hiện: {formatDate(p.startedOn) || '—'} – {formatDate(p.dueOn) || '—'}
          </p>
          <ol>
            {p.steps.map((s) => (
              <li>
                {s.name}: <span class={`badge state-${s.state}`}>{s.stateLabel}</span>
                {s.doneOn ? ` ngày ${formatDate(s.doneOn)}` : s.dueOn ? ` (hạn ${formatDate(s.dueOn)})` : ''}
              </li>
            ))}
          </ol>
        </section>
        {p.models.length ? (
          <section class="card">
            <h2>Mô hình "Dân vận khéo" vận động Nhân dân</h2>
            <ul>
              {p.models.map((m) => (
                <li>
                  {m.name} — {m.unitName}
                  {m.exemplary ? ' (tiêu biểu)' : ''}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {p.documents.length ? (
          <section class="card">
            <h2>Văn bản căn cứ</h2>
            <ul>
              {p.documents.map((d) => (
                <li>
                  <a href={`/van-ban/${d.id}`}>{d.number}</a> ngày {formatDate(d.date)}: {d.title}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </PortalLayout>,
    );
  });
