/** The OpenAPI 3.1 document, generated from the zod schemas each route declares. */
import { z } from 'zod';
import { toOpenApiPath, type ApiSpec } from './api.js';

const ErrorOut = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    field: z.string().optional(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});

function schemaOf(s: z.ZodType, io: 'input' | 'output'): unknown {
  try {
    return z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' });
  } catch {
    return {};
  }
}

export function buildOpenApi(specs: ApiSpec[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const s of specs) {
    const p = toOpenApiPath(s.path);
    const params = [...p.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = Object.entries(s.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } }));
    const responses: Record<string, unknown> = {
      [String(s.status ?? (s.response ? 200 : 204))]: {
        description: 'Thành công',
        ...(s.response ? { content: { 'application/json': { schema: schemaOf(s.response, 'output') } } } : {}),
      },
      '422': { description: 'Dữ liệu không hợp lệ (nêu tên trường)', content: { 'application/json': { schema: schemaOf(ErrorOut, 'output') } } },
    };
    if (!s.public) {
      responses['401'] = { description: 'Chưa đăng nhập' };
      responses['403'] = { description: 'Ngoài phạm vi quyền' };
    }
    paths[p] ??= {};
    paths[p][s.method] = {
      summary: s.summary,
      tags: [s.tag],
      ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
      ...(s.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(s.body, 'input') } } } } : {}),
      responses,
      ...(s.public ? { security: [] } : {}),
      ...(s.action ? { 'x-kheo-action': s.action } : {}),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Khéo API', version: '1', description: 'API JSON của Khéo. Ngoài các đường dẫn công khai, cần phiên đăng nhập (cookie) hoặc khóa API (Authorization: Bearer …).' },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Khóa tạo bằng `kheo token create --user TÊN`' },
        session: { type: 'apiKey', in: 'cookie', name: 'kheo_session' },
      },
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
  };
}
