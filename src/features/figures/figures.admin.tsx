/** @jsxImportSource hono/jsx */
/**
 * A campaign's page for officers: its figures through a date (by unit, by month, against last
 * year), then its fields and criteria. The form pages that create and edit it are campaigns'.
 */
import { Hono } from 'hono';
import { parseThrough } from '../../lib/validation.js';
import { formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import { BarChart, ColumnChart } from '../../web/charts.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import * as campaigns from '../campaigns/campaigns.service.js';
import { campaignDashboard, type CampaignDashboard } from './figures.service.js';

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

export const figuresAdmin = new Hono<AppEnv>()
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
  });
