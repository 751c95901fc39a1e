/** @jsxImportSource hono/jsx */
/**
 * Editors' pages: articles (write, send for review, publish now or at a time, return with a
 * note, take down) and the category tree with the editors limited to each category.
 */
import { Hono } from 'hono';
import { AppError, fieldError, notFound, type FieldIssue } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { formatDateTime, formatNumber, parseDateTimeVn, toDateTimeLocalVn } from '../../lib/vi.js';
import { pageParam } from '../../web/api.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, pageActor, parseBodySafely, str, list, submitForm, uploadProblem, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, Pager, render, SelectField } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { listPublicCampaigns } from '../campaigns/campaigns.service.js';
import { checkUploads, sniff, storeFile } from '../files/files.service.js';
import { raw } from 'hono/html';
import * as portal from './portal.service.js';
import { ARTICLE_STATUS_LABELS } from './portal.table.js';
import { ArticleFields, ArticleStatusCard, CoverForm } from './portal.editor.js';

const idOf = (v: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound('Không tìm thấy bài viết.');
  return n;
};

const toInput = (v: FormValues) => ({
  title: str(v.title),
  slug: str(v.slug),
  category: str(v.category),
  summary: str(v.summary),
  body: str(v.body),
  byline: str(v.byline),
  featured: str(v.featured) === 'on',
  campaign: str(v.campaign),
  related: str(v.related),
  publishedAt: str(v.publishedAt),
});

const flatCategories = (ns: portal.CategoryNode[], depth = 0): { value: string; label: string; link: boolean; id: number }[] =>
  ns.flatMap((n) => [{ value: n.slug, label: `${'— '.repeat(depth)}${n.name}`, link: Boolean(n.link), id: n.id }, ...flatCategories(n.children, depth + 1)]);

/** The article editor: a new article, or one to edit with its state, workflow buttons and cover. */
async function articleForm(c: Ctx, opts: { id?: number; values: FormValues; issues: FieldIssue[]; message?: string; status?: 200 | 403 | 409 | 413 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'article.write');
  const db = c.var.deps.db.db;
  const writable = await portal.writableCategoryIds(db, actor);
  const cats = flatCategories(await portal.categoryTree(db)).filter((x) => !x.link && (writable === 'all' || writable.has(x.id)));
  const campaigns = await listPublicCampaigns(db);
  // shown again after a refused save too: that refusal stays a 403
  const article = opts.id ? await portal.getArticleForEdit(db, actor, opts.id, { forWrite: true }) : null;
  const mayPublish = can(actor, 'article.publish');
  return render(
    c,
    <AdminLayout c={c} title={article ? 'Sửa bài viết' : 'Viết bài mới'} active="bai-viet">
      <ErrorSummary issues={opts.issues} message={opts.message} />
      {article ? <ArticleStatusCard c={c} article={article} mayPublish={mayPublish} /> : null}
      <ArticleFields c={c} article={article} values={opts.values} issues={opts.issues} cats={cats} campaigns={campaigns} mayPublish={mayPublish} />
      {article ? <CoverForm c={c} article={article} issues={opts.issues} /> : null}
    </AdminLayout>,
    opts.status ?? 200,
  );
}

const valuesOf = (a: Awaited<ReturnType<typeof portal.getArticleForEdit>>): FormValues => ({
  title: a.title,
  slug: a.slug,
  category: a.category.slug,
  summary: a.summary ?? '',
  body: a.body,
  byline: a.byline ?? '',
  campaign: a.campaign ?? '',
  related: a.related.join(', '),
  publishedAt: toDateTimeLocalVn(a.publishedAt),
  featured: a.featured ? 'on' : '',
});

const FLASH_OF: Record<string, string> = { luu: 'da-luu', 'gui-duyet': 'da-gui-duyet', dang: 'da-dang' };

/** Saves (creating or editing) and applies the button's workflow step, in one transaction. */
async function saveArticle(c: Ctx, id: number | undefined): Promise<Response> {
  const actor = pageActor(c);
  const values = await formData(c);
  const step = str(values.thao_tac) || 'luu';
  let saved: { id: number; scheduled: boolean };
  try {
    saved = await inTx(c, async (trx) => {
      const input = toInput(values);
      const a = id ? await portal.updateArticle(trx, { actor, id, input }) : await portal.createArticle(trx, { actor, input });
      if (step === 'gui-duyet' && a.status === 'draft') await portal.submitArticle(trx, { actor, id: a.id });
      if (step === 'dang' && a.status !== 'published') {
        const at = input.publishedAt ? parseDateTimeVn(input.publishedAt) : null;
        const p = await portal.publishArticle(trx, { actor, id: a.id, at });
        return { id: a.id, scheduled: p.scheduled };
      }
      return { id: a.id, scheduled: false };
    });
  } catch (e) {
    const p = formProblem(e);
    if (p) return articleForm(c, { id, values, issues: p.issues, message: p.message, status: p.status });
    if (e instanceof AppError && e.status === 403) return articleForm(c, { id, values, issues: [], message: e.message, status: 403 });
    throw e;
  }
  const flash = saved.scheduled ? 'da-hen-gio' : (FLASH_OF[step] ?? 'da-luu');
  return c.redirect(`/quan-tri/bai-viet/${saved.id}?thongbao=${flash}`, 303);
}

function statusOptions() {
  return [...Object.entries(ARTICLE_STATUS_LABELS).map(([value, label]) => ({ value, label })), { value: 'scheduled', label: 'Hẹn giờ đăng' }];
}

async function categoryForm(c: Ctx, opts: { slug?: string; values: FormValues; issues: FieldIssue[]; message?: string; status?: 200 | 409 | 422 }) {
  const actor = pageActor(c);
  authorize(actor, 'category.manage', { unitPath: '/' });
  const db = c.var.deps.db.db;
  const cats = flatCategories(await portal.categoryTree(db)).filter((x) => x.value !== opts.slug);
  const campaigns = await listPublicCampaigns(db);
  const editors = opts.slug ? await portal.editorUsers(db) : [];
  const chosen = opts.slug ? new Set(await portal.categoryEditors(db, opts.slug)) : new Set<number>();
  const v = opts.values;
  return render(
    c,
    <AdminLayout c={c} title={opts.slug ? 'Sửa chuyên mục' : 'Thêm chuyên mục'} active="chuyen-muc">
      <ErrorSummary issues={opts.issues} message={opts.message} />
      <form method="post" action={opts.slug ? `/quan-tri/chuyen-muc/${opts.slug}` : '/quan-tri/chuyen-muc/moi'} class="card" novalidate>
        <Csrf c={c} />
        <Field name="name" label="Tên chuyên mục" value={str(v.name)} issues={opts.issues} required maxChars={200} />
        <Field name="slug" label="Đường dẫn" value={str(v.slug)} issues={opts.issues} hint="Để trống: tạo từ tên, bỏ dấu." maxChars={150} />
        <SelectField name="parent" label="Chuyên mục cha" value={str(v.parent)} issues={opts.issues} options={cats} empty="(gốc — hiện trên thanh menu)" />
        <Field name="position" label="Thứ tự" value={str(v.position)} issues={opts.issues} inputmode="numeric" hint="Số nhỏ đứng trước." />
        <Field name="description" label="Mô tả" value={str(v.description)} issues={opts.issues} maxChars={1000} />
        <SelectField name="campaign" label="Thuộc chủ đề năm" value={str(v.campaign)} issues={opts.issues} options={campaigns.map((k) => ({ value: k.code, label: `${k.year} — ${k.theme}` }))} empty="(không)" />
        <Field name="link" label="Liên kết thay cho danh sách bài" value={str(v.link)} issues={opts.issues} hint='Ví dụ "/van-ban?co_quan=Thành ủy Hà Nội": mục menu mở trang đó; chuyên mục này không chứa bài.' />
        <div class="field checkbox">
          <input id="f-inMenu" type="checkbox" name="inMenu" checked={str(v.inMenu) === 'on'} />
          <label for="f-inMenu">Hiện trên menu</label>
        </div>
        {opts.slug ? (
          <fieldset class="field">
            <legend>Biên tập viên được phân công</legend>
            <p class="hint">Biên tập viên được chọn ở bất kỳ chuyên mục nào chỉ viết, đăng được bài trong các chuyên mục đã chọn cho mình; chưa chọn ở đâu thì viết được mọi chuyên mục.</p>
            {editors.length ? (
              editors.map((u) => (
                <div class="checkbox">
                  <input id={`f-ed-${u.id}`} type="checkbox" name="editors" value={String(u.id)} checked={chosen.has(u.id)} />
                  <label for={`f-ed-${u.id}`}>
                    {u.full_name} ({u.username})
                  </label>
                </div>
              ))
            ) : (
              <p class="muted">Chưa có tài khoản nào có vai trò biên tập viên.</p>
            )}
          </fieldset>
        ) : null}
        <div class="actions">
          <button type="submit">Lưu</button>
          <a href="/quan-tri/chuyen-muc">Hủy</a>
        </div>
      </form>
      {opts.slug ? (
        <form method="post" action={`/quan-tri/chuyen-muc/${opts.slug}/xoa`} class="card">
          <Csrf c={c} />
          <p>Chỉ xóa được chuyên mục không còn bài viết và chuyên mục con.</p>
          <button type="submit" class="danger">
            Xóa chuyên mục
          </button>
        </form>
      ) : null}
    </AdminLayout>,
    opts.status ?? 200,
  );
}

const categoryInput = (v: FormValues) => ({
  name: str(v.name),
  slug: str(v.slug),
  parent: str(v.parent),
  position: str(v.position),
  description: str(v.description),
  campaign: str(v.campaign),
  link: str(v.link),
  inMenu: str(v.inMenu) === 'on',
});

function CategoryRows({ nodes, depth }: { nodes: portal.CategoryNode[]; depth: number }) {
  return (
    <>
      {nodes.map((n) => (
        <>
          <tr>
            <td data-label="Chuyên mục">
              {'— '.repeat(depth)}
              <a href={`/quan-tri/chuyen-muc/${n.slug}`}>{n.name}</a>
            </td>
            <td data-label="Đường dẫn">
              <a href={n.url}>{n.url}</a>
            </td>
            <td data-label="Menu">{n.inMenu ? 'Có' : 'Không'}</td>
            <td data-label="Chủ đề năm">{n.campaign ?? ''}</td>
          </tr>
          <CategoryRows nodes={n.children} depth={depth + 1} />
        </>
      ))}
    </>
  );
}

export const portalAdmin = new Hono<AppEnv>()
  .get('/bai-viet', async (c) => {
    const actor = pageActor(c);
    const q = c.req.query();
    const db = c.var.deps.db.db;
    const r = await portal.listArticlesForAdmin(db, actor, { q: q.q?.slice(0, 200), status: q.trang_thai, category: q.chuyen_muc, page: pageParam(q.trang) });
    const cats = flatCategories(await portal.categoryTree(db)).filter((x) => !x.link);
    const params = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'trang' && v));
    return render(
      c,
      <AdminLayout c={c} title="Bài viết" active="bai-viet">
        {can(actor, 'article.write') ? (
          <div class="toolbar">
            <a class="button" href="/quan-tri/bai-viet/moi">
              Viết bài mới
            </a>
          </div>
        ) : null}
        <form method="get" action="/quan-tri/bai-viet" class="card filters">
          <Field name="q" label="Tìm (không cần dấu)" value={q.q} issues={[]} type="search" />
          <SelectField name="trang_thai" label="Trạng thái" value={q.trang_thai} issues={[]} empty="Tất cả" options={statusOptions()} />
          <SelectField name="chuyen_muc" label="Chuyên mục" value={q.chuyen_muc} issues={[]} empty="Tất cả" options={cats} />
          <button type="submit">Lọc</button>
        </form>
        <p class="muted">{formatNumber(r.total)} bài viết</p>
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>Tiêu đề</th>
                <th>Chuyên mục</th>
                <th>Trạng thái</th>
                <th>Người viết</th>
                <th>Cập nhật</th>
                <th>Lượt xem</th>
              </tr>
            </thead>
            <tbody>
              {r.items.map((a) => (
                <tr>
                  <td data-label="Tiêu đề">
                    <a href={`/quan-tri/bai-viet/${a.id}`}>{a.title}</a>
                  </td>
                  <td data-label="Chuyên mục">{a.categoryName}</td>
                  <td data-label="Trạng thái">{a.statusLabel}</td>
                  <td data-label="Người viết">{a.authorName ?? ''}</td>
                  <td data-label="Cập nhật">{formatDateTime(a.updatedAt)}</td>
                  <td data-label="Lượt xem">{formatNumber(a.views)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={r.page} pageSize={r.pageSize} total={r.total} href={(p) => `/quan-tri/bai-viet?${new URLSearchParams([...params, ['trang', String(p)]]).toString()}`} />
        </div>
      </AdminLayout>,
    );
  })
  .get('/bai-viet/moi', (c) => articleForm(c, { values: { category: c.req.query('chuyen_muc') ?? '' }, issues: [] }))
  .post('/bai-viet/moi', (c) => saveArticle(c, undefined))
  .get('/bai-viet/:id', async (c) => {
    const a = await portal.getArticleForEdit(c.var.deps.db.db, pageActor(c), idOf(c.req.param('id')));
    return articleForm(c, { id: a.id, values: valuesOf(a), issues: [] });
  })
  .post('/bai-viet/:id', (c) => saveArticle(c, idOf(c.req.param('id'))))
  .get('/bai-viet/:id/xem', async (c) => {
    const a = await portal.getArticleForEdit(c.var.deps.db.db, pageActor(c), idOf(c.req.param('id')));
    return render(
      c,
      <AdminLayout c={c} title="Xem trước bài viết" active="bai-viet">
        <p class="muted">
          Bản xem trước — {a.statusLabel}. <a href={`/quan-tri/bai-viet/${a.id}`}>Quay lại sửa</a>
        </p>
        <article class="article card">
          <h2>{a.title}</h2>
          {a.summary ? <p class="lead">{a.summary}</p> : null}
          <div class="article-body">{raw(a.body)}</div>
          {a.byline ? <p class="byline">{a.byline}</p> : null}
        </article>
      </AdminLayout>,
    );
  })
  .post('/bai-viet/:id/tra-lai', async (c) => {
    const id = idOf(c.req.param('id'));
    const v = await formData(c);
    await inTx(c, (trx) => portal.returnArticle(trx, { actor: pageActor(c), id, note: str(v.note) }));
    return c.redirect(`/quan-tri/bai-viet/${id}?thongbao=da-tra-lai`, 303);
  })
  .post('/bai-viet/:id/go', async (c) => {
    const id = idOf(c.req.param('id'));
    await inTx(c, (trx) => portal.unpublishArticle(trx, { actor: pageActor(c), id }));
    return c.redirect(`/quan-tri/bai-viet/${id}?thongbao=da-go`, 303);
  })
  .post('/bai-viet/:id/xoa', async (c) => {
    const id = idOf(c.req.param('id'));
    await inTx(c, (trx) => portal.deleteArticle(trx, { actor: pageActor(c), id }));
    return c.redirect('/quan-tri/bai-viet?thongbao=da-xoa', 303);
  })
  .post('/bai-viet/:id/anh', async (c) => {
    const actor = pageActor(c);
    const id = idOf(c.req.param('id'));
    const body = await parseBodySafely(c);
    const remove = body.bo_anh === '1';
    const file = [body.cover].flat().find((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''));
    try {
      await inTx(c, async (trx) => {
        if (remove) return portal.setArticleCover(trx, { actor, id, fileId: null });
        if (!file) throw fieldError('cover', 'Ảnh đại diện: hãy chọn một tệp ảnh');
        const upload = { name: file.name, bytes: Buffer.from(await file.arrayBuffer()) };
        checkUploads([upload], 'cover', c.var.deps.config.maxUploadBytes);
        if (!/^image\//.test(sniff(upload.bytes)?.mime ?? '')) {
          throw fieldError('cover', 'Ảnh đại diện: chỉ nhận ảnh JPEG, PNG hoặc WebP');
        }
        const fileId = await storeFile(trx, actor, upload);
        await portal.setArticleCover(trx, { actor, id, fileId });
      });
    } catch (e) {
      const p = uploadProblem(e);
      if (p) {
        const a = await portal.getArticleForEdit(c.var.deps.db.db, actor, id, { forWrite: true });
        return articleForm(c, { id, values: valuesOf(a), issues: p.issues, message: p.message, status: p.status });
      }
      throw e;
    }
    return c.redirect(`/quan-tri/bai-viet/${id}?thongbao=da-luu`, 303);
  })
  .get('/chuyen-muc', async (c) => {
    const actor = pageActor(c);
    authorize(actor, 'category.manage', { unitPath: '/' });
    const tree = await portal.categoryTree(c.var.deps.db.db);
    return render(
      c,
      <AdminLayout c={c} title="Chuyên mục" active="chuyen-muc">
        <div class="toolbar">
          <a class="button" href="/quan-tri/chuyen-muc/moi">
            Thêm chuyên mục
          </a>
        </div>
        <div class="card">
          <table class="responsive">
            <thead>
              <tr>
                <th>Chuyên mục</th>
                <th>Đường dẫn</th>
                <th>Trên menu</th>
                <th>Chủ đề năm</th>
              </tr>
            </thead>
            <tbody>
              <CategoryRows nodes={tree} depth={0} />
            </tbody>
          </table>
        </div>
      </AdminLayout>,
    );
  })
  .get('/chuyen-muc/moi', (c) => categoryForm(c, { values: { inMenu: 'on' }, issues: [] }))
  .post('/chuyen-muc/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(
      c,
      () => inTx(c, (trx) => portal.createCategory(trx, { actor, input: categoryInput(values) })),
      '/quan-tri/chuyen-muc?thongbao=da-tao',
      (p) => categoryForm(c, { values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/chuyen-muc/:slug', async (c) => {
    const actor = pageActor(c);
    authorize(actor, 'category.manage', { unitPath: '/' });
    const cat = portal.presentCategory(await portal.requireCategory(c.var.deps.db.db, c.req.param('slug')));
    return categoryForm(c, {
      slug: cat.slug,
      values: { name: cat.name, slug: cat.slug, parent: cat.parent ?? '', position: String(cat.position), description: cat.description ?? '', campaign: cat.campaign ?? '', link: cat.link ?? '', inMenu: cat.inMenu ? 'on' : '' },
      issues: [],
    });
  })
  .post('/chuyen-muc/:slug', async (c) => {
    const actor = pageActor(c);
    const slug = c.req.param('slug');
    const values = await formData(c);
    return submitForm(
      c,
      () =>
        inTx(c, async (trx) => {
          const saved = await portal.updateCategory(trx, { actor, slug, input: categoryInput(values) });
          await portal.setCategoryEditors(trx, {
            actor,
            slug: saved.slug,
            userIds: list(values.editors)
              .map(Number)
              .filter((n) => Number.isInteger(n) && n > 0),
          });
        }),
      '/quan-tri/chuyen-muc?thongbao=da-luu',
      (p) => categoryForm(c, { slug, values, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .post('/chuyen-muc/:slug/xoa', async (c) => {
    await inTx(c, (trx) => portal.deleteCategory(trx, { actor: pageActor(c), slug: c.req.param('slug') }));
    return c.redirect('/quan-tri/chuyen-muc?thongbao=da-xoa', 303);
  });
