/**
 * Shared pieces of the outage scripts (`pg-outage.ts`, `disk-full.ts`): timed GET requests and the
 * checks of what Khéo answers while its database cannot serve.
 */
import http from 'node:http';

export interface Answer {
  status: number;
  ms: number;
  type: string;
  retryAfter: string | null;
  body: string;
}

/** One GET (a fresh connection each time), timed; throws on a network error or after `timeoutMs`. */
export function get(port: number, path: string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Answer> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', agent: false, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: performance.now() - t0,
          type: String(res.headers['content-type'] ?? ''),
          retryAfter: (res.headers['retry-after']) ?? null,
          body: Buffer.concat(chunks).toString(),
        }),
      );
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`GET ${path}: không trả lời sau ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** One POST of JSON with a bearer token, timed. */
export function postJson(port: number, path: string, token: string, body: unknown, timeoutMs = 30_000): Promise<Answer> {
  const data = Buffer.from(JSON.stringify(body));
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': data.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - t0,
            type: String(res.headers['content-type'] ?? ''),
            retryAfter: (res.headers['retry-after']) ?? null,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`POST ${path}: không trả lời sau ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** Records what went wrong, once per distinct message (with a count). */
export class Problems {
  private readonly seen = new Map<string, number>();
  add(message: string): void {
    this.seen.set(message, (this.seen.get(message) ?? 0) + 1);
  }
  get list(): string[] {
    return [...this.seen.entries()].map(([m, n]) => (n > 1 ? `${m} (×${n})` : m));
  }
}

const errorCode = (body: string): string | undefined => {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

/** A JSON answer `{ error: { code, message } }` with this status and code, a Vietnamese message and Retry-After. */
export function expectJsonError(p: Problems, what: string, a: Answer, status: number, code: string, words: RegExp): void {
  if (a.status !== status) return p.add(`${what}: ${a.status} thay vì ${status} (${a.body.slice(0, 160)})`);
  if (!a.type.includes('application/json')) p.add(`${what}: không phải JSON (${a.type})`);
  if (errorCode(a.body) !== code) p.add(`${what}: mã lỗi ${String(errorCode(a.body))} thay vì ${code}`);
  if (!words.test(a.body)) p.add(`${what}: thông báo không như mong đợi (${a.body.slice(0, 160)})`);
  if (!a.retryAfter) p.add(`${what}: thiếu Retry-After`);
}

/** An HTML page with this status, in Vietnamese (lang="vi", the title and the message), with Retry-After. */
export function expectHtmlError(p: Problems, what: string, a: Answer, status: number, title: string, words: RegExp): void {
  if (a.status !== status) return p.add(`${what}: ${a.status} thay vì ${status} (${a.body.slice(0, 160)})`);
  if (!a.type.includes('text/html')) p.add(`${what}: không phải HTML (${a.type})`);
  if (!a.body.includes('<html lang="vi"')) p.add(`${what}: thiếu <html lang="vi">`);
  if (!a.body.includes(title)) p.add(`${what}: thiếu tiêu đề "${title}"`);
  if (!words.test(a.body)) p.add(`${what}: thông báo không như mong đợi`);
  if (!a.retryAfter) p.add(`${what}: thiếu Retry-After`);
}

export const pct = (xs: number[], q: number): number => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** The login form's double-submit token and cookie (GET /dang-nhap), for a form post without a session. */
export async function loginForm(port: number): Promise<{ csrf: string; cookie: string }> {
  const a = await new Promise<{ body: string; cookies: string[] }>((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/dang-nhap', agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ body: Buffer.concat(chunks).toString(), cookies: res.headers['set-cookie'] ?? [] }));
      })
      .on('error', reject);
  });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(a.body)?.[1];
  const cookie = a.cookies.map((c) => c.split(';')[0]!).join('; ');
  if (!csrf || !cookie) throw new Error('trang đăng nhập không có mã chống CSRF');
  return { csrf, cookie };
}

/** One POST of a form (urlencoded), timed. */
export function postForm(port: number, path: string, fields: Record<string, string>, cookie: string, timeoutMs = 30_000): Promise<Answer> {
  const data = Buffer.from(new URLSearchParams(fields).toString());
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, method: 'POST', agent: false, headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': data.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - t0,
            type: String(res.headers['content-type'] ?? ''),
            retryAfter: (res.headers['retry-after']) ?? null,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`POST ${path}: không trả lời sau ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(data);
  });
}
