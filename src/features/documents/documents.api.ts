import { z } from 'zod';
import { pageParam, readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { notFound } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { DocumentOut, ZDocument } from './documents.schemas.js';
import * as documents from './documents.service.js';

const idParam = (v: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound('Không tìm thấy văn bản.');
  return n;
};

export const documentsApi: ApiRoute[] = [
  route({ method: 'get', path: '/documents', summary: 'Sổ văn bản (tìm không dấu theo số, cơ quan, trích yếu)', tag: 'Văn bản', action: 'document.read', query: { q: 'từ khóa', kind: 'loại (KH, QĐ…)', year: 'năm ban hành', page: 'trang' }, response: z.object({ items: z.array(DocumentOut), total: z.number() }) }, async (c) => {
    const q = c.req.query();
    const year = q.year ? Number.parseInt(q.year, 10) : undefined;
    return c.json(await documents.listDocuments(c.var.deps.db.db, requireActor(c), { q: q.q, kind: q.kind, year: Number.isFinite(year) ? year : undefined, page: pageParam(q.page) }));
  }),
  route({ method: 'post', path: '/documents', summary: 'Vào sổ một văn bản', tag: 'Văn bản', action: 'document.manage', status: 201, body: ZDocument, response: DocumentOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => documents.createDocument(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/documents/:id', summary: 'Một văn bản', tag: 'Văn bản', action: 'document.read', response: DocumentOut }, async (c) => c.json(await documents.getDocument(c.var.deps.db.db, requireActor(c), idParam(c.req.param('id'))))),
  route({ method: 'patch', path: '/documents/:id', summary: 'Sửa văn bản', tag: 'Văn bản', action: 'document.manage', body: ZDocument, response: DocumentOut }, async (c) => {
    const actor = requireActor(c);
    const id = idParam(c.req.param('id'));
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => documents.updateDocument(trx, { actor, id, input })));
  }),
];
