/** @jsxImportSource hono/jsx */
/**
 * A campaign's page for officers: its figures through a date (by unit, by month, against last
 * year), then its fields and criteria. The form pages that create and edit it are campaigns'.
 */
import { Hono } from 'hono';
import { parseThrough } from '../../lib/validation.js';
import { formatDate, todayVn } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import * as campaigns from '../campaigns/campaigns.service.js';
import { campaignDashboard } from './figures.service.js';
import { Dashboard } from './figures.view.js';

export const figuresAdmin = new Hono<AppEnv>().get('/chu-de/:code', async (c) => {
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
