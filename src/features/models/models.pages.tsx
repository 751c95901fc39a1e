/** @jsxImportSource hono/jsx */
/* The public page of one "Dân vận khéo" model: what its registration says publicly. */
import { Hono } from 'hono';
import { formatDate } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { PortalLayout, render } from '../../web/layout.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { getPublicModel } from './models.service.js';

export const modelsPages = new Hono<AppEnv>().get('/mo-hinh/:code', async (c) => {
  const db = c.var.deps.db.db;
  const m = await getPublicModel(db, c.req.param('code'));
  const site = await getSiteSettings(db);
  return render(
    c,
    <PortalLayout c={c} site={site} title={m.name}>
      <p>
        <a href="/mo-hinh-tieu-bieu">← Mô hình "Dân vận khéo" tiêu biểu</a>
      </p>
      <h1>{m.name}</h1>
      <p class="muted">
        Mô hình {m.holderLabel.toLowerCase()} · {m.carriedOutBy}
        {m.carriedOutBy !== m.unitName ? ` — ${m.unitName}` : ''} · Lĩnh vực {m.fieldName}
      </p>
      <p>
        Chủ đề năm {m.campaign.year}: "{m.campaign.theme}"
        {m.registeredOn ? ` · Đăng ký ngày ${formatDate(m.registeredOn)}` : ''}
        {m.exemplary ? (
          <>
            {' '}
            <span class="badge">Mô hình tiêu biểu</span>
          </>
        ) : null}
      </p>
      {m.stoppedOn ? <p class="muted">Mô hình đã dừng thực hiện từ ngày {formatDate(m.stoppedOn)}.</p> : null}
      {m.sections.length ? (
        <section class="card">
          {m.sections.map((s) => (
            <>
              <h2>{s.title}</h2>
              {s.text.split(/\n+/).map((para) => (
                <p>{para}</p>
              ))}
            </>
          ))}
        </section>
      ) : null}
    </PortalLayout>,
  );
});
