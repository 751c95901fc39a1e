/** @jsxImportSource hono/jsx */
/**
 * The parts of the article editor (portal.admin.tsx): the article's state with its workflow
 * buttons, the form of its fields, and the form of its cover picture.
 */
import { formatDateTime, formatNumber } from '../../lib/vi.js';
import type { FieldIssue } from '../../lib/errors.js';
import type { Ctx } from '../../web/context.js';
import { str, type FormValues } from '../../web/forms.js';
import { CharCount, Csrf, Field, fieldErrorOf, fieldId, SelectField } from '../../web/layout.js';
import type { listPublicCampaigns } from '../campaigns/campaigns.service.js';
import type * as portal from './portal.service.js';

/** An article as the editor shows it. */
export type EditedArticle = Awaited<ReturnType<typeof portal.getArticleForEdit>>;

/** The article's state (published when, views, the reviewer's note) and the workflow buttons it allows. */
export function ArticleStatusCard({ c, article, mayPublish }: { c: Ctx; article: EditedArticle; mayPublish: boolean }) {
  return (
    <div class="card">
      <p>
        Trạng thái: <strong>{article.statusLabel}</strong>
        {article.publishedAt && article.status === 'published' ? (
          <>
            {' '}
            — {article.scheduled ? 'sẽ đăng lúc' : 'đăng lúc'} {formatDateTime(article.publishedAt)}
          </>
        ) : null}
        {article.status === 'published' && !article.scheduled ? <> · Lượt xem: {formatNumber(article.views)}</> : null}
      </p>
      {article.reviewNote ? (
        <p class="error-summary" role="status">
          Bài bị trả lại: {article.reviewNote}
        </p>
      ) : null}
      <div class="toolbar">
        <a class="button secondary" href={`/quan-tri/bai-viet/${article.id}/xem`}>
          Xem trước
        </a>
        {article.status === 'published' && !article.scheduled ? (
          <a class="button secondary" href={`/bai-viet/${article.slug}`}>
            Xem trên cổng
          </a>
        ) : null}
        {article.status === 'review' && mayPublish ? (
          <form method="post" action={`/quan-tri/bai-viet/${article.id}/tra-lai`} class="inline">
            <Csrf c={c} />
            <label for="f-note">Lý do trả lại</label> <input id="f-note" name="note" required data-max={2000} aria-describedby="f-note-count" />
            <CharCount id="f-note" max={2000} />
            <button type="submit" class="secondary">
              Trả lại người viết
            </button>
          </form>
        ) : null}
        {article.status === 'published' && mayPublish ? (
          <form method="post" action={`/quan-tri/bai-viet/${article.id}/go`} class="inline">
            <Csrf c={c} />
            <button type="submit" class="secondary">
              Gỡ bài xuống
            </button>
          </form>
        ) : null}
        {article.status !== 'published' ? (
          <form method="post" action={`/quan-tri/bai-viet/${article.id}/xoa`} class="inline">
            <Csrf c={c} />
            <button type="submit" class="danger">
              Xóa bài
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}

/** What the article form needs: the article (none for a new one), the values, and the choices. */
export interface ArticleFieldsProps {
  c: Ctx;
  article: EditedArticle | null;
  values: FormValues;
  issues: FieldIssue[];
  /** the categories the user may write in */
  cats: { value: string; label: string }[];
  campaigns: Awaited<ReturnType<typeof listPublicCampaigns>>;
  mayPublish: boolean;
}

/** The form of the article's fields, with the buttons to save, send for review or publish. */
export function ArticleFields({ c, article, values: v, issues, cats, campaigns, mayPublish }: ArticleFieldsProps) {
  const bodyErr = fieldErrorOf(issues, 'body');
  return (
    <form method="post" action={article ? `/quan-tri/bai-viet/${article.id}` : '/quan-tri/bai-viet/moi'} class="card" novalidate>
      <Csrf c={c} />
      <Field name="title" label="Tiêu đề" value={str(v.title)} issues={issues} required maxChars={300} />
      <Field name="slug" label="Đường dẫn" value={str(v.slug)} issues={issues} hint="Để trống: tạo từ tiêu đề, bỏ dấu (ví dụ ket-qua-9-thang)." maxChars={150} />
      <SelectField name="category" label="Chuyên mục" value={str(v.category)} issues={issues} required options={cats} empty="— Chọn chuyên mục —" />
      <div class={fieldErrorOf(issues, 'summary') ? 'field has-error' : 'field'}>
        <label for={fieldId('summary')}>Tóm tắt</label>
        <p class="hint">Một, hai câu hiện ở danh sách bài, kết quả tìm kiếm và khi chia sẻ.</p>
        {fieldErrorOf(issues, 'summary') ? <p class="field-error">{fieldErrorOf(issues, 'summary')}</p> : null}
        <textarea id={fieldId('summary')} name="summary" rows={3} data-max={1000} aria-describedby={`${fieldId('summary')}-count`}>
          {str(v.summary)}
        </textarea>
        <CharCount id={fieldId('summary')} value={str(v.summary)} max={1000} />
      </div>
      <div class={bodyErr ? 'field has-error' : 'field'}>
        <label for={fieldId('body')}>Nội dung</label>
        <p class="hint">
          Định dạng đơn giản: đoạn văn, tiêu đề, in đậm, nghiêng, danh sách, trích dẫn, liên kết, bảng. Mã độc, kịch bản và định dạng lạ được loại bỏ khi lưu. Mỗi ảnh cần có lời mô tả (thuộc tính alt) cho người đọc không xem được ảnh — bài có ảnh
          chưa mô tả không đăng được.
        </p>
        {bodyErr ? <p class="field-error">{bodyErr}</p> : null}
        <textarea id={fieldId('body')} name="body" rows={20} data-rich-editor>
          {str(v.body)}
        </textarea>
      </div>
      <Field name="byline" label="Tác giả, nguồn" value={str(v.byline)} issues={issues} hint="Ví dụ: Ban Dân vận Quận ủy" maxChars={200} />
      <SelectField name="campaign" label="Thuộc chủ đề năm" value={str(v.campaign)} issues={issues} options={campaigns.map((k) => ({ value: k.code, label: `${k.year} — ${k.theme}` }))} empty="(theo chuyên mục)" />
      <Field name="related" label="Bài liên quan" value={str(v.related)} issues={issues} hint="Đường dẫn của các bài, cách nhau bằng dấu phẩy. Để trống: tự lấy bài mới cùng chuyên mục." />
      <Field name="publishedAt" label="Thời điểm đăng" value={str(v.publishedAt)} issues={issues} type="datetime-local" hint="Để trống: đăng ngay khi bấm Đăng. Một thời điểm sắp tới: bài tự xuất hiện vào lúc đó." />
      <div class="field checkbox">
        <input id="f-featured" type="checkbox" name="featured" checked={str(v.featured) === 'on'} />
        <label for="f-featured">Tin nổi bật (hiện đầu trang chủ)</label>
      </div>
      <div class="actions">
        <button type="submit" name="thao_tac" value="luu">
          Lưu
        </button>
        {!article || article.status === 'draft' ? (
          <button type="submit" name="thao_tac" value="gui-duyet" class="secondary">
            Lưu và gửi duyệt
          </button>
        ) : null}
        {mayPublish && (!article || article.status !== 'published') ? (
          <button type="submit" name="thao_tac" value="dang" class="secondary">
            Lưu và đăng
          </button>
        ) : null}
        <a href="/quan-tri/bai-viet">Hủy</a>
      </div>
    </form>
  );
}

/** The form that uploads or removes the article's cover picture. */
export function CoverForm({ c, article, issues }: { c: Ctx; article: EditedArticle; issues: FieldIssue[] }) {
  return (
    <form method="post" action={`/quan-tri/bai-viet/${article.id}/anh`} class="card" enctype="multipart/form-data">
      <Csrf c={c} />
      <h2>Ảnh đại diện</h2>
      {article.coverUrl ? <img src={article.coverUrl} alt="Ảnh đại diện hiện tại" width={240} /> : <p class="muted">Chưa có ảnh.</p>}
      <div class={fieldErrorOf(issues, 'cover') ? 'field has-error' : 'field'}>
        <label for="f-cover">Chọn ảnh (JPEG, PNG, WebP; tối đa 10 MB)</label>
        {fieldErrorOf(issues, 'cover') ? <p class="field-error">{fieldErrorOf(issues, 'cover')}</p> : null}
        <input id="f-cover" type="file" name="cover" accept="image/jpeg,image/png,image/webp" />
      </div>
      <div class="actions">
        <button type="submit">Tải ảnh lên</button>
        {article.coverUrl ? (
          <button type="submit" name="bo_anh" value="1" class="secondary">
            Bỏ ảnh
          </button>
        ) : null}
      </div>
    </form>
  );
}
