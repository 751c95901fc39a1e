/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { Db } from '../../db/index.js';
import type { AppEnv } from '../../web/context.js';
import { PortalLayout, render } from '../../web/layout.js';
import { notFound } from '../../lib/errors.js';
import { formatDate, formatNumber, vnDayEnd } from '../../lib/vi.js';
import { getDecision, listDecisions, type PresentedDecision } from '../appraisal/appraisal.service.js';
import { listPublicCampaigns, publicThrough } from '../campaigns/campaigns.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { publicUnitTree, type UnitTreeNode } from '../units/units.service.js';

function UnitBranch({ nodes }: { nodes: UnitTreeNode[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li>
          {n.name}
          {n.children.length ? <UnitBranch nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export const unitPages = new Hono<AppEnv>()
  .get('/don-vi', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const roots = await publicUnitTree(db);
    return render(
      c,
      <PortalLayout c={c} site={site} title="Hệ thống đơn vị">
        <h1>Hệ thống đơn vị</h1>
        <div class="tree card">
          <UnitBranch nodes={roots} />
        </div>
      </PortalLayout>,
    );
  });

/** "Tổ dân phố số 9, phường Phúc Đồng" or "Đoàn thanh niên phường Ngọc Lâm" → "Phường Phúc Đồng" / "Phường Ngọc Lâm". */
function wardOf(unitName: string): string | null {
  const m = /(phường|xã|thị trấn)\s+(.+)$/iu.exec(unitName);
  return m ? `${m[1]!.charAt(0).toUpperCase()}${m[1]!.slice(1).toLowerCase()} ${m[2]}` : null;
}

/** Published reward decisions and the exemplary (rewarded) models, by field and unit. */
/**
 * The published reward decisions; with a campaign's code (?chu_de=), that campaign's decisions
 * through the day its public figures are counted to (publicThrough), so the list holds exactly the
 * home page's "mô hình được khen thưởng". An unknown code lists them all.
 */
async function publishedDecisions(db: Db, code: string | undefined) {
  const campaign = code ? (await listPublicCampaigns(db)).find((k) => k.code === code) : undefined;
  const through = campaign ? publicThrough(campaign) : undefined;
  // through a day, a decision counts if it was in force then: published, or revoked only after that day
  // (as the campaign's rewarded figure counts it: appraisal.repository rewardedByField)
  const inForce = (d: PresentedDecision) => d.status === 'published' || (through !== undefined && d.status === 'revoked' && d.revokedAt !== null && d.revokedAt >= vnDayEnd(through));
  const decisions = (await listDecisions(db, null)).filter((d) => (campaign && through ? d.campaign === campaign.code && d.phase === null && d.date <= through && inForce(d) : d.status === 'published'));
  return { campaign, through, decisions };
}

export const rewardsPages = new Hono<AppEnv>()
  .get('/khen-thuong', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const { decisions } = await publishedDecisions(db, c.req.query('chu_de'));
    return render(
      c,
      <PortalLayout c={c} site={site} title="Quyết định khen thưởng">
        <h1>Quyết định khen thưởng</h1>
        {decisions.length ? (
          <ul>
            {decisions.map((d) => (
              <li>
                <a href={`/khen-thuong/${encodeURIComponent(d.number)}`}>
                  Quyết định số {d.number} ngày {formatDate(d.date)}
                </a>{' '}
                của {d.issuer} — {d.form} cho {formatNumber(d.models.length)} mô hình
              </li>
            ))}
          </ul>
        ) : (
          <p>Chưa có quyết định khen thưởng nào được công bố.</p>
        )}
      </PortalLayout>,
    );
  })
  .get('/khen-thuong/:number', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const d = await getDecision(db, null, c.req.param('number'));
    if (d.status === 'draft') throw notFound();
    return render(
      c,
      <PortalLayout c={c} site={site} title={`Quyết định số ${d.number}`}>
        <h1>
          Quyết định số {d.number} ngày {formatDate(d.date)}
        </h1>
        <p>
          {d.issuer} tặng {d.form} cho {formatNumber(d.models.length)} mô hình "Dân vận khéo" tiêu biểu.
        </p>
        {d.status === 'revoked' ? <p class="error-summary">Quyết định đã bị thu hồi. Lý do: {d.revokeReason}</p> : null}
        <ol>
          {d.models.map((m) => (
            <li>
              Mô hình "{m.name}" của {m.carriedOutBy} <span class="muted">({m.fieldName})</span>
            </li>
          ))}
        </ol>
      </PortalLayout>,
    );
  })
  .get('/mo-hinh-tieu-bieu', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const { campaign, through, decisions } = await publishedDecisions(db, c.req.query('chu_de'));
    const models = decisions.flatMap((d) => d.models.map((m) => ({ ...m, decision: d.number, year: d.date.slice(0, 4) })));
    const fields = [...new Map(models.map((m) => [m.field, m.fieldName])).entries()];
    const field = c.req.query('linh_vuc');
    const ward = c.req.query('phuong');
    const wards = [...new Set(models.map((m) => wardOf(m.unitName)).filter((w): w is string => Boolean(w)))].sort((a, b) => a.localeCompare(b, 'vi'));
    const shown = models.filter((m) => (!field || m.field === field) && (!ward || wardOf(m.unitName) === ward));
    return render(
      c,
      <PortalLayout c={c} site={site} title="Mô hình Dân vận khéo tiêu biểu">
        <h1>Mô hình "Dân vận khéo" được khen thưởng</h1>
        <p class="muted">
          {campaign ? `Các mô hình được khen thưởng trong chủ đề năm ${campaign.year} theo quyết định đã công bố đến ngày ${formatDate(through)}.` : 'Các mô hình đã được khen thưởng theo quyết định đã công bố.'}{' '}
          Mô hình tiêu biểu của từng năm xem trong <a href="/kho-tu-lieu">Kho tư liệu</a>.
        </p>
        <nav class="toolbar" aria-label="Lĩnh vực">
          <a class={field ? 'button secondary' : 'button'} href={campaign ? `/mo-hinh-tieu-bieu?chu_de=${encodeURIComponent(campaign.code)}` : '/mo-hinh-tieu-bieu'}>
            Tất cả ({formatNumber(models.length)})
          </a>
          {fields.map(([code, name]) => (
            <a class={field === code ? 'button' : 'button secondary'} href={`/mo-hinh-tieu-bieu?${campaign ? `chu_de=${encodeURIComponent(campaign.code)}&` : ''}linh_vuc=${encodeURIComponent(code)}`}>
              {name} ({formatNumber(models.filter((m) => m.field === code).length)})
            </a>
          ))}
        </nav>
        {wards.length ? (
          <form method="get" action="/mo-hinh-tieu-bieu" class="toolbar">
            {campaign ? <input type="hidden" name="chu_de" value={campaign.code} /> : null}
            {field ? <input type="hidden" name="linh_vuc" value={field} /> : null}
            <label for="f-phuong">Phường, xã</label>
            <select id="f-phuong" name="phuong">
              <option value="">Tất cả</option>
              {wards.map((w) => (
                <option value={w} selected={w === ward}>
                  {w}
                </option>
              ))}
            </select>
            <button type="submit" class="secondary">
              Xem
            </button>
          </form>
        ) : null}
        {shown.length ? null : <p>Không có mô hình nào khớp lựa chọn.</p>}
        <div class="gallery">
          {shown.map((m) => (
            <article class="card">
              <h2>{m.name}</h2>
              <p>
                {m.carriedOutBy}
                {m.carriedOutBy !== m.unitName ? <span class="muted"> — {m.unitName}</span> : null}
              </p>
              <p class="muted">
                {m.fieldName} · khen thưởng năm {m.year} (QĐ {m.decision})
              </p>
            </article>
          ))}
        </div>
      </PortalLayout>,
    );
  });
