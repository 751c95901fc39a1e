import { Hono } from 'hono';
import { z } from 'zod';
import { pageParam, readJson, requireActor, type ApiSpec } from '../../web/api.js';
import { inTx, type AppEnv } from '../../web/context.js';
import { notFound } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { DocumentOut, ZDocument } from './documents.schemas.js';
import * as documents from './documents.service.js';

export const documentsApiSpecs: ApiSpec[] = [
  { method: 'get', path: '/documents', summary: 'Sổ văn bản (tìm không dấu theo số, cơ quan, trích yếu)', tag: 'Văn bản', action: 'document.read', query: { q: 'từ khóa', kind: 'loại (KH, QĐ…)', year: 'năm ban hành', page: 'trang' }, response: z.object({ items: z.array(DocumentOut), total: z.number() }) },
  { method: 'post', path: '/documents', summary: 'Vào sổ một văn bản', tag: 'Văn bản', action: 'document.manage', status: 201, body: ZDocument, response: DocumentOut },
  { method: 'get', path: '/documents/:id', summary: 'Một văn bản', tag: 'Văn bản', action: 'document.read', response: DocumentOut },
  { method: 'patch', path: '/documents/:id', summary: 'Sửa văn bản', tag: 'Văn bản', action: 'document.manage', body: ZDocument, response: DocumentOut },
];

const idParam = (v: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound('Không tìm thấy văn bản.');
  return n;
};

export const documentsApi = new Hono<AppEnv>()
  .get('/documents', async (c) => {
    const q = c.req.query();
    const year = q.year ? Number.parseInt(q.year, 10) : undefined;
    return c.json(await documents.listDocuments(c.var.deps.db.db, requireActor(c), { q: q.q, kind: q.kind, year: Number.isFinite(year) ? year : undefined, page: pageParam(q.page) }));
  })
  .post('/documents', async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => documents.createDocument(trx, { actor, input })), 201);
  })
  .get('/documents/:id', async (c) => c.json(await documents.getDocument(c.var.deps.db.db, requireActor(c), idParam(c.req.param('id')))))
  .patch('/documents/:id', async (c) => {
    const actor = requireActor(c);
    const id = idParam(c.req.param('id'));
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => documents.updateDocument(trx, { actor, id, input })));
  });
