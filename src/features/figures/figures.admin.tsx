/** @jsxImportSource hono/jsx */
/**
 * A campaign's page for officers: its figures through a date (by unit, by month, against last
 * year), then its fields and criteria. The form pages that create and edit it are campaigns'.
 */
import { Hono } from 'hono';
import { parseThrough } from '../../lib/validation.js';
import { formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import * as campaigns from '../campaigns/campaigns.service.js';
import { campaignDashboard, phaseFigures } from './figures.service.js';
import { PhaseTable } from './figures.phase.view.js';
import { Dashboard } from './figures.view.js';

/** "đến ngày" of a page: the day typed, else `fallback`; a bad one says so and counts through today. */
function throughOf(typed: string | undefined, fallback?: string): { through: string; error?: string } {
  try {
    return { through: parseThrough(typed || fallback) };
  } catch {
    return { through: todayVn(), error: 'Ngày "đến ngày" không hợp lệ; đang hiện số liệu đến hôm nay.' };
  }
}

export const figuresAdmin = new Hono<AppEnv>().get('/chu-de/:code', async (c) => {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const k = await campaigns.getCampaign(db, actor, c.req.param('code'));
  // a campaign that has ended counts through its end unless a day is typed
  const { through, error: throughError } = throughOf(c.req.query('den'), todayVn() > (k.endsOn ?? '') && k.endsOn ? k.endsOn : undefined);
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
}).get('/giai-doan/:code', async (c) => {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const { through, error } = throughOf(c.req.query('den'));
  const f = await phaseFigures(db, actor, c.req.param('code'), through);
  const p = f.phase;
  const here = `/quan-tri/giai-doan/${encodeURIComponent(p.code)}`;
  return render(
    c,
    <AdminLayout c={c} title={p.name} active="chu-de">
      <p>
        <a href="/quan-tri/chu-de">← Chủ đề năm và giai đoạn</a>
      </p>
      <p class="muted">
        {p.unitName} · từ năm {p.fromYear} đến năm {p.toYear} · mã {p.code}
      </p>
      <div class="toolbar">
        <form method="get" action={here} class="toolbar">
          <div class="field">
            <label for="f-den">Số liệu tính đến ngày</label>
            <input id="f-den" name="den" value={formatDate(through)} inputmode="numeric" />
          </div>
          <button type="submit" class="secondary">
            Xem
          </button>
        </form>
        {can(actor, 'appraisal.manage', { unitPath: f.unitPath }) && p.campaigns.length ? (
          <a class="button" href={`/quan-tri/tham-dinh/moi?giai_doan=${encodeURIComponent(p.code)}&chu_de=${encodeURIComponent(p.campaigns[p.campaigns.length - 1]!.code)}`}>
            Mở đợt thẩm định giai đoạn
          </a>
        ) : null}
        {can(actor, 'campaign.manage', { unitPath: f.unitPath }) ? (
          <a class="button secondary" href={`${here}/sua`}>
            Sửa giai đoạn
          </a>
        ) : null}
      </div>
      {error ? <p class="error-summary">{error}</p> : null}
      {f.years.length ? (
        <section class="card">
          <h2>So sánh từng năm, đến ngày {formatDate(through)}</h2>
          <p class="hint">Mỗi năm tính như trang chủ đề năm của năm đó, đến hết năm (hoặc đến ngày đã chọn nếu sớm hơn). "—": chưa có số liệu (chưa biết), không phải 0. Dòng dưới mỗi số là mức tăng, giảm so với năm liền trước trong bảng; năm chưa bắt đầu chưa có cột.</p>
          <PhaseTable f={f} money={true} />
        </section>
      ) : (
        <p class="card">
          Chưa có chủ đề năm nào của {p.unitName} trong các năm {p.fromYear}–{p.toYear}. <a href="/quan-tri/chu-de/moi">Tạo chủ đề năm</a>
        </p>
      )}
      <section class="card">
        <h2>Khen thưởng của giai đoạn</h2>
        {f.rewards.decisions.length ? (
          <>
            <p>
              <b>{formatNumber(f.rewards.total)}</b> mô hình được khen thưởng cả giai đoạn
              {f.rewards.byYear.length ? ` (${f.rewards.byYear.map((y) => `${formatNumber(y.count)} mô hình năm ${y.year}`).join(', ')})` : ''}.
            </p>
            <ul>
              {f.rewards.decisions.map((d) => (
                <li>
                  <a href={`/quan-tri/khen-thuong/${encodeURIComponent(d.number)}`}>Quyết định số {d.number}</a> ngày {formatDate(d.date)} của {d.issuer}: {d.form}, {formatNumber(d.models)} mô hình
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p class="muted">Chưa có quyết định khen thưởng nào của giai đoạn đến ngày {formatDate(through)}. Khen thưởng trong từng năm được tính ở dòng "Mô hình được khen thưởng trong năm".</p>
        )}
      </section>
    </AdminLayout>,
  );
});
