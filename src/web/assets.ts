/**
 * Static assets served under content-hashed names (`/static/app.3f9a1c2b.css`) so browsers
 * cache them forever; templates ask `asset('app.css')` for the current URL.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface Asset {
  url: string;
  body: Buffer;
  type: string;
}

export interface Assets {
  /** URL of a named asset, e.g. asset('app.css') */
  url(name: string): string;
  byUrl: Map<string, Asset>;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function loadAssets(): Assets {
  const dir = fileURLToPath(new URL('./static/', import.meta.url));
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir)) files.set(name, readFileSync(path.join(dir, name)));
  const require = createRequire(import.meta.url);
  files.set('htmx.min.js', readFileSync(require.resolve('htmx.org/dist/htmx.min.js')));
  const names = new Map<string, string>();
  const byUrl = new Map<string, Asset>();
  for (const [name, body] of files) {
    const ext = path.extname(name);
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
    const url = `/static/${name.slice(0, -ext.length)}.${hash}${ext}`;
    names.set(name, url);
    byUrl.set(url, { url, body, type: TYPES[ext] ?? 'application/octet-stream' });
  }
  return {
    url(name) {
      const u = names.get(name);
      if (!u) throw new Error(`unknown asset ${name}`);
      return u;
    },
    byUrl,
  };
}
