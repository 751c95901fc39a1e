/** @jsxImportSource hono/jsx */
/* The public land clearance pages: every public project's progress, and one project's page. Aggregates only. */
import { Hono } from 'hono';
import { formatArea, formatDate, formatNumber } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import type { AppEnv, Ctx } from '../../web/context.js';
import { Field, Pager, PortalLayout, render, SelectField } from '../../web/layout.js';
import { cachedPage, toHtml } from '../portal/portal.pagecache.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { publicProject, publicProjects } from './landClearance.public.js';
import { PROJECT_CATEGORIES } from './landClearance.table.js';
import { PersuadedByModels } from './landClearance.project.view.js';

const enc = encodeURIComponent;

type PublicList = Awaited<ReturnType<typeof publicProjects>>;

/** The address of the public list with these filters (empty ones left out) and page. */
function listHref(f: { unit?: string | undefined; category?: string | undefined; q?: string | undefined; through?: string | undefined }, page = 1): string {
  const p = new URLSearchParams();
  if (f.through) p.set('den_ngay', f.through);
  if (f.unit) p.set('don_vi', f.unit);
  if (f.category) p.set('loai', f.category);
  if (f.q) p.set('q', f.q);
  if (page > 1) p.set('trang', String(page));
  const s = p.toString();
  return s ? `/gpmb?${s}` : '/gpmb';
}

async function listPage(c: Ctx, r: PublicList) {
  const site = await getSiteSettings(c.var.deps.db.db);
  const { totals, filters } = r;
  const first = totals.projects ? (r.page - 1) * r.pageSize + 1 : 0;
  const last = Math.min(r.page * r.pageSize, totals.projects);
  const filtered = Boolean(filters.unit || filters.category || filters.q);
  const what = [
    filters.unitName ? `ở ${filters.unitName}` : '',
    filters.category ? `loại ${PROJECT_CATEGORIES[filters.category as keyof typeof PROJECT_CATEGORIES].toLowerCase()}` : '',
    filters.q ? `có tên khớp “${filters.q}”` : '',
  ].filter(Boolean);
  return (
    <PortalLayout c={c} site={site} title={r.page > 1 ? `Tiến độ giải phóng mặt bằng — trang ${r.page}` : 'Tiến độ giải phóng mặt bằng'}>
      <h1>Tiến độ giải phóng mặt bằng</h1>
      <p class="lead">Công khai tiến độ các dự án giải phóng mặt bằng trên địa bàn: các bước đã thực hiện, số hộ đã được phê duyệt phương án, nhận tiền bồi thường và bàn giao mặt bằng. Số liệu tổng hợp, cập nhật hằng ngày.</p>
      {filters.through ? (
        <p class="notice">
          Số liệu tính đến ngày {formatDate(r.through)}. <a href={listHref({ ...filters, through: undefined })}>Xem số liệu đến hôm nay ›</a>
        </p>
      ) : null}
      <form method="get" action="/gpmb" class="card filters" role="search">
        {filters.through ? <input type="hidden" name="den_ngay" value={filters.through} /> : null}
        <Field name="q" label="Tìm dự án (không cần dấu)" value={filters.q} issues={[]} type="search" />
        <SelectField name="don_vi" label="Địa bàn" value={filters.unit} issues={[]} empty="Tất cả" options={r.units.map((u) => ({ value: u.code, label: u.name }))} />
        <SelectField name="loai" label="Loại dự án" value={filters.category} issues={[]} empty="Tất cả" options={Object.entries(PROJECT_CATEGORIES).map(([value, label]) => ({ value, label }))} />
        <button type="submit">Xem</button>
      </form>
      <div class="big-numbers">
        <div class="stat">
          <b>{formatNumber(totals.projects)}</b> dự án{totals.projects ? ` (${totals.byCategory.filter((x) => x.count).map((x) => `${formatNumber(x.count)} ${x.label.toLowerCase()}`).join(', ')})` : ''}
        </div>
        <div class="stat">
          <b>{formatNumber(totals.householdsAffected)}</b> hộ, tổ chức bị ảnh hưởng
        </div>
        {totals.followedProjects ? (
          <div class="stat">
            <b>{formatNumber(totals.handedOver)}</b>/{formatNumber(totals.followedAffected)} hộ, tổ chức đã bàn giao mặt bằng đến ngày {formatDate(r.through)} <span class="muted">ở {formatNumber(totals.followedProjects)} dự án được cập nhật đến từng hộ</span>
          </div>
        ) : null}
        <div class="stat">
          <b>{formatNumber(totals.dialogues)}</b> buổi đối thoại với Nhân dân
        </div>
      </div>
      <p class="list-summary" aria-live="polite">
        {totals.projects
          ? `Dự án ${formatNumber(first)}–${formatNumber(last)} trong ${formatNumber(totals.projects)} dự án${what.length ? ` ${what.join(', ')}` : ''}`
          : `Không có dự án nào${what.length ? ` ${what.join(', ')}` : ''}`}
        {filtered ? (
          <>
            {' · '}
            <a href="/gpmb">Xem tất cả {formatNumber(r.all)} dự án</a>
          </>
        ) : null}
      </p>
      {r.items.length ? (
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
              {r.items.map((p) => (
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
            <tfoot>
              <tr class="total">
                <th scope="row" colspan={3}>
                  Tổng cộng ({formatNumber(totals.projects)} dự án{r.pages > 1 ? ', mọi trang' : ''})
                </th>
                <td data-label="Hộ bị ảnh hưởng" class="num">
                  {formatNumber(totals.householdsAffected)}
                </td>
                <td data-label="Đã bàn giao" class="num">
                  {totals.followedProjects ? `${formatNumber(totals.handedOver)}/${formatNumber(totals.followedAffected)}` : <span class="muted">chưa cập nhật đến từng hộ</span>}
                </td>
              </tr>
            </tfoot>
          </table>
          <Pager page={r.page} pageSize={r.pageSize} total={totals.projects} href={(n) => listHref(filters, n)} />
        </div>
      ) : null}
    </PortalLayout>
  );
}

export const clearancePages = new Hono<AppEnv>()
  .get('/gpmb', async (c) => {
    const q = c.req.query();
    const search = (q.q ?? '').trim();
    // the key from the address as given; the page is kept only when that address is the normalised one of what it shows
    const key = `gpmb:${(q.don_vi ?? '').slice(0, 64)}:${(q.loai ?? '').slice(0, 32)}:${(q.trang ?? '1').slice(0, 8)}:${(q.den_ngay ?? '').slice(0, 10)}`;
    const build = async () => {
      const r = await publicProjects(c.var.deps.db.db, { category: q.loai, unit: q.don_vi, q: search, page: pageParam(q.trang), through: q.den_ngay });
      const keep = r.cacheKey === key;
      return { html: await toHtml(await listPage(c, r)), keep };
    };
    if (search) return render(c, await listPage(c, await publicProjects(c.var.deps.db.db, { category: q.loai, unit: q.don_vi, q: search, page: pageParam(q.trang), through: q.den_ngay })));
    return cachedPage(c, key, build);
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
                  {m.householdsPersuaded !== null ? `: đã vận động ${formatNumber(m.householdsPersuaded)} hộ bàn giao mặt bằng` : ''}
                </li>
              ))}
            </ul>
            <PersuadedByModels p={p.persuadedByModels} />
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
