/* GET /api/v1/search: the portal search as JSON (DESIGN §5), public like the portal itself. */
import { z } from 'zod';
import { search } from './search.service.js';
import { SEARCH_KINDS } from './search.table.js';
import { route, type ApiRoute } from '../../web/api.js';

const SearchHitOut = z.object({
  kind: z.enum(SEARCH_KINDS),
  title: z.string(),
  url: z.string(),
  summary: z.string().nullable(),
  /** yyyy-mm-dd */
  date: z.string().nullable(),
});

const SearchOut = z.object({
  items: z.array(SearchHitOut),
  /** hits one can page through: every match, or 1 000 when more matched (`capped`) */
  total: z.number().int(),
  /** more than 1 000 matched: the 1 000 most recent were ranked; narrow the query to see others */
  capped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** the query was cut (over 200 characters or 10 words) */
  truncated: z.boolean(),
});

export const searchApi: ApiRoute[] = [
  route({
    method: 'get',
    path: '/search',
    summary: 'Tìm kiếm trên cổng thông tin (không phân biệt dấu): bài viết, văn bản, mô hình và dự án GPMB công khai, xếp theo mức liên quan',
    tag: 'Cổng thông tin',
    public: true,
    query: { q: 'từ khóa (tối đa 200 ký tự, 10 từ)', kind: 'article | document | model | project', page: 'trang (20 kết quả mỗi trang)' },
    response: SearchOut,
  }, async (c) => {
  const r = await search(c.var.deps.db.db, { q: c.req.query('q'), kind: c.req.query('kind'), page: c.req.query('page') });
  const out: z.infer<typeof SearchOut> = {
    items: r.items.map((h) => ({ kind: h.kind, title: h.title, url: h.url, summary: h.summary, date: h.date })),
    total: r.total,
    capped: r.capped,
    page: r.page,
    pageSize: r.pageSize,
    truncated: r.query.truncated,
  };
  return c.json(out);
}),
];
