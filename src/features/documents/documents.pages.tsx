/** @jsxImportSource hono/jsx */
/*
 * The public document archive (Nghị định 42/2022/NĐ-CP): /van-ban lists the public documents,
 * newest first, with filters by kind, issuer (several at once: a menu entry can link to
 * "văn bản chỉ đạo của Trung ương, Thành phố"), year, and a search without diacritics;
 * /van-ban/:id shows one with its files; /van-ban/tep/:fileId[/name] downloads a file.
 */
import { Hono } from 'hono';
import { notFound } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import type { AppEnv, Ctx } from '../../web/context.js';
import { PortalLayout, render } from '../../web/layout.js';
import { contentDisposition } from '../files/files.service.js';
import type { FileRow } from '../files/files.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import * as documents from './documents.service.js';
import { FileLink } from './documents.view.js';

/**
 * Sends a stored file: its detected type, its name per RFC 6266, sandboxed, with an ETag (the
 * content hash) so a repeat download is a 304.
 */
export function fileResponse(c: Ctx, f: FileRow, cacheControl: string): Response {
  const etag = `"${f.sha256}"`;
  const headers: Record<string, string> = {
    ETag: etag,
    'Cache-Control': cacheControl,
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) return c.body(null, 304, headers);
  return c.body(new Uint8Array(f.data), 200, {
    ...headers,
    'Content-Type': f.mime,
    'Content-Length': String(f.size),
    'Content-Disposition': contentDisposition(f.name, f.mime.startsWith('image/')),
  });
}

/** Public files never change under their id; a week in caches (a withdrawn document's files may linger that long). */
const PUBLIC_FILE_CACHE = 'public, max-age=604800';

const noDocument = () => notFound('Không tìm thấy văn bản, hoặc văn bản này không được công khai.');

async function publicFile(c: Ctx) {
  const id = parseId(c.req.param('fileId'));
  if (id === null) throw notFound('Không tìm thấy tệp, hoặc văn bản của tệp này không được công khai.');
  return fileResponse(c, await documents.getPublicDocumentFile(c.var.deps.db.db, id), PUBLIC_FILE_CACHE);
}

/** The public list of documents, its filters and the filters applied. */
type PublicDocuments = Awaited<ReturnType<typeof documents.listPublicDocuments>>;

/** The search and filters of the archive: text, kind, year, issuers (several at once). */
function ArchiveFilters({ query, filters, filtered }: { query: PublicDocuments['query']; filters: PublicDocuments['filters']; filtered: boolean }) {
  const chosenIssuers = new Set(query.issuers);
  return (
    <form method="get" action="/van-ban" class="card filters archive-filters" role="search" aria-label="Tìm, lọc văn bản">
      <div class="field wide">
        <label for="f-q">Tìm văn bản</label>
        <p class="hint">Theo số, ký hiệu, trích yếu hoặc cơ quan ban hành; gõ có dấu hay không dấu đều được.</p>
        <input id="f-q" name="q" type="search" value={query.q} maxlength={documents.MAX_QUERY} />
      </div>
      <div class="field">
        <label for="f-loai">Loại văn bản</label>
        <select id="f-loai" name="loai">
          <option value="">Tất cả</option>
          {filters.kinds.map((k) => (
            <option value={k.value} selected={k.value === query.kind}>
              {k.label} ({formatNumber(k.count)})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="f-nam">Năm ban hành</label>
        <select id="f-nam" name="nam">
          <option value="">Tất cả</option>
          {filters.years.map((y) => (
            <option value={y.value} selected={y.value === String(query.year ?? '')}>
              {y.value} ({formatNumber(y.count)})
            </option>
          ))}
        </select>
      </div>
      {filters.issuers.length ? (
        <fieldset class="checks wide">
          <legend>Cơ quan ban hành</legend>
          {filters.issuers.map((i) => (
            <label>
              <input type="checkbox" name="co_quan" value={i.value} checked={chosenIssuers.has(i.value)} /> {i.value} ({formatNumber(i.count)})
            </label>
          ))}
        </fieldset>
      ) : null}
      <div class="actions wide">
        <button type="submit">Tìm</button>
        {filtered ? <a href="/van-ban">Bỏ lọc, xem tất cả</a> : null}
      </div>
    </form>
  );
}

/** The documents of one page: number, date, kind and title, issuer, files to download. */
function DocumentTable({ items }: { items: PublicDocuments['items'] }) {
  return (
    <div class="card">
      <table class="responsive documents">
        <thead>
          <tr>
            <th scope="col">Số, ký hiệu</th>
            <th scope="col">Ngày ban hành</th>
            <th scope="col">Trích yếu</th>
            <th scope="col">Cơ quan ban hành</th>
            <th scope="col">Tệp</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr>
              <td data-label="Số, ký hiệu">
                <a href={`/van-ban/${d.id}`}>{d.number}</a>
              </td>
              <td data-label="Ngày ban hành">{formatDate(d.date)}</td>
              <td data-label="Trích yếu">
                <span class="muted">{d.kindLabel}</span> {d.title}
              </td>
              <td data-label="Cơ quan ban hành">{d.issuer}</td>
              <td data-label="Tệp">
                {d.files.length ? (
                  <ul class="plain">
                    {d.files.map((f) => (
                      <li>
                        <FileLink f={f} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span class="muted">Chưa có tệp</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The previous and next page of the archive, when it has more than one. */
function ArchivePager({ page, pages, href }: { page: number; pages: number; href: (p: number) => string }) {
  return pages > 1 ? (
    <nav class="pager" aria-label="Phân trang">
      {page > 1 ? <a href={href(Math.min(page - 1, pages))}>‹ Trang trước</a> : null}
      <span>
        Trang {formatNumber(Math.min(page, pages))}/{formatNumber(pages)}
      </span>
      {page < pages ? <a href={href(page + 1)}>Trang sau ›</a> : null}
    </nav>
  ) : null;
}

export const documentsPages = new Hono<AppEnv>()
  .get('/van-ban', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const year = Number.parseInt(c.req.query('nam') ?? '', 10);
    const r = await documents.listPublicDocuments(db, {
      q: c.req.query('q'),
      kind: c.req.query('loai'),
      issuers: c.req.queries('co_quan') ?? [],
      year: Number.isFinite(year) ? year : undefined,
      page: pageParam(c.req.query('trang')),
    });
    const { query, filters } = r;
    const params: [string, string][] = [];
    if (query.q) params.push(['q', query.q]);
    if (query.kind) params.push(['loai', query.kind]);
    for (const i of query.issuers) params.push(['co_quan', i]);
    if (query.year) params.push(['nam', String(query.year)]);
    const href = (p: number) => `/van-ban?${new URLSearchParams([...params, ...(p > 1 ? [['trang', String(p)] as [string, string]] : [])]).toString()}`.replace(/\?$/, '');
    const filtered = params.length > 0;
    const pages = Math.max(1, Math.ceil(r.total / r.pageSize));
    return render(
      c,
      <PortalLayout c={c} site={site} title="Văn bản">
        <h1>Văn bản</h1>
        <p class="lead">Nghị quyết, chỉ thị, kế hoạch, hướng dẫn, thông báo… của các cơ quan, được công khai để cán bộ và Nhân dân tra cứu; văn bản có tệp đính kèm thì tải về được.</p>
        <ArchiveFilters query={query} filters={filters} filtered={filtered} />
        <p aria-live="polite">
          {r.total
            ? `${filtered ? 'Tìm thấy' : 'Có'} ${formatNumber(r.total)} văn bản${pages > 1 ? ` — trang ${formatNumber(Math.min(r.page, pages))}/${formatNumber(pages)}` : ''}.`
            : filtered
              ? 'Không có văn bản nào phù hợp. Hãy thử bỏ bớt điều kiện lọc hoặc tìm bằng từ khác.'
              : 'Chưa có văn bản nào được công khai.'}
        </p>
        {r.items.length ? (
          <DocumentTable items={r.items} />
        ) : r.total > 0 ? (
          <p>
            Trang {formatNumber(r.page)} không có văn bản. <a href={href(1)}>Về trang đầu</a>.
          </p>
        ) : null}
        <ArchivePager page={r.page} pages={pages} href={href} />
      </PortalLayout>,
    );
  })
  .get('/van-ban/tep/:fileId', publicFile)
  .get('/van-ban/tep/:fileId/:name', publicFile)
  .get('/van-ban/:id', async (c) => {
    const db = c.var.deps.db.db;
    const id = parseId(c.req.param('id'));
    if (id === null) throw noDocument();
    const d = await documents.getPublicDocument(db, id);
    const site = await getSiteSettings(db);
    const heading = `${d.kind === 'K' ? 'Văn bản' : d.kindLabel} số ${d.number}`;
    return render(
      c,
      <PortalLayout c={c} site={site} title={`${heading}: ${d.title}`}>
        <p>
          <a href="/van-ban">← Văn bản</a>
        </p>
        <h1>{heading}</h1>
        <p class="lead">{d.title}</p>
        <section class="card">
          <h2>Thông tin văn bản</h2>
          <dl class="facts">
            <dt>Số, ký hiệu</dt>
            <dd>{d.number}</dd>
            <dt>Loại văn bản</dt>
            <dd>{d.kindLabel}</dd>
            <dt>Cơ quan ban hành</dt>
            <dd>
              <a href={`/van-ban?${new URLSearchParams([['co_quan', d.issuer]]).toString()}`}>{d.issuer}</a>
            </dd>
            <dt>Người ký</dt>
            <dd>{d.signer ?? '—'}</dd>
            <dt>Ngày ban hành</dt>
            <dd>{formatDate(d.date)}</dd>
            <dt>Ngày hiệu lực</dt>
            <dd>{d.effectiveDate ? formatDate(d.effectiveDate) : '—'}</dd>
            <dt>Lĩnh vực</dt>
            <dd>{d.field ?? '—'}</dd>
            <dt>Trích yếu</dt>
            <dd>{d.title}</dd>
            <dt>Nơi nhận</dt>
            <dd>{d.recipients.length ? d.recipients.map((u) => u.name).join(', ') : '—'}</dd>
          </dl>
        </section>
        <section class="card">
          <h2>Tệp văn bản</h2>
          {d.files.length ? (
            <ul>
              {d.files.map((f) => (
                <li>
                  <FileLink f={f} />
                </li>
              ))}
            </ul>
          ) : (
            <p class="muted">Văn bản chưa có tệp đính kèm.</p>
          )}
        </section>
      </PortalLayout>,
    );
  });
