/** @jsxImportSource hono/jsx */
/* GET /tim-kiem?q=&loai=&trang=: the portal search page; a plain GET form, no JavaScript needed. */
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { formatDate, formatNumber } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { Pager, PortalLayout, render, SelectField } from '../../web/layout.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { isSearchKind, MAX_QUERY_CHARS, MAX_QUERY_TOKENS, search } from './search.service.js';
import { SEARCH_KIND_LABELS, SEARCH_KINDS } from './search.table.js';

const enc = encodeURIComponent;
const KIND_OPTIONS = SEARCH_KINDS.map((k) => ({ value: k, label: SEARCH_KIND_LABELS[k] }));

export const searchPages = new Hono<AppEnv>().get('/tim-kiem', async (c) => {
  const db = c.var.deps.db.db;
  const loai = c.req.query('loai');
  const kind = isSearchKind(loai) ? loai : null;
  const r = await search(db, { q: c.req.query('q'), kind, page: c.req.query('trang') });
  const site = await getSiteSettings(db);
  const text = r.query.text;
  const href = (p: number) => `/tim-kiem?q=${enc(text)}${kind ? `&loai=${kind}` : ''}${p > 1 ? `&trang=${p}` : ''}`;
  return render(
    c,
    <PortalLayout c={c} site={site} title={text ? `Tìm kiếm: ${text}` : 'Tìm kiếm'}>
      <h1>Tìm kiếm</h1>
      <form method="get" action="/tim-kiem" class="card filters" role="search">
        <div class="field">
          <label for="f-q">Từ khóa</label>
          <p class="hint" id="f-q-hint">
            Gõ có dấu hoặc không dấu, ví dụ: dan van kheo. Tối đa {MAX_QUERY_CHARS} ký tự.
          </p>
          <input id="f-q" type="search" name="q" value={text} aria-describedby="f-q-hint" />
        </div>
        <SelectField name="loai" label="Loại kết quả" value={kind} issues={[]} empty="Tất cả" options={KIND_OPTIONS} />
        <button type="submit">Tìm kiếm</button>
      </form>
      {r.query.truncated ? (
        <p class="notice" role="note">
          Từ khóa quá dài nên đã rút gọn (tối đa {MAX_QUERY_CHARS} ký tự và {MAX_QUERY_TOKENS} từ).
        </p>
      ) : null}
      {text ? (
        <p role="status">
          Tìm thấy {r.capped ? 'hơn ' : ''}
          <b>{formatNumber(r.total)}</b> kết quả cho «{text}»{kind ? ` trong mục ${SEARCH_KIND_LABELS[kind]}` : ''}.
          {r.query.tokens.length ? '' : ' Hãy nhập từ khóa có chữ hoặc số.'}
          {r.capped ? ` Dưới đây là ${formatNumber(r.total)} kết quả mới nhất, xếp theo mức độ phù hợp; hãy thêm từ khóa hoặc chọn loại kết quả để thu hẹp.` : ''}
        </p>
      ) : (
        <p>Nhập từ khóa để tìm bài viết, văn bản, mô hình "Dân vận khéo" và dự án giải phóng mặt bằng trên cổng thông tin.</p>
      )}
      {r.items.length ? (
        <ol class="search-results" start={(r.page - 1) * r.pageSize + 1}>
          {r.items.map((h) => (
            <li class="search-hit">
              <p class="muted">
                <span class="badge">{h.kindLabel}</span>
                {h.date ? ` ${formatDate(h.date)}` : ''}
              </p>
              <h2>
                <a href={h.url}>{raw(h.titleHtml)}</a>
              </h2>
              {h.summaryHtml ? <p>{raw(h.summaryHtml)}</p> : null}
            </li>
          ))}
        </ol>
      ) : null}
      <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={href} />
    </PortalLayout>,
  );
});
