/**
 * NUL and the other control characters (issue #20, decision): refused with a 422 naming the field
 * wherever input enters — JSON bodies, forms (fields and uploaded files' names), import bundles —
 * on SQLite and PostgreSQL alike (PostgreSQL used to refuse NUL with a 400 and SQLite stored it).
 * Tab, line feed and carriage return stay allowed in text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../support/http.js';

let t: TestApp;
let root: Client;
beforeAll(async () => {
  t = await createTestApp();
  root = new Client(t);
  expect((await root.login('root')).status).toBe(200);
});
afterAll(() => t.close());

const BAD = ['\u0000', '\u0001', '\u0008', '\u000B', '\u001B', '\u007F', '\u0085', '\u009F'];
const unitCount = async () => Number((await t.db.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

describe('control characters', () => {
  it('refuses them in JSON with a 422 naming the field (units, login, models), nothing written', async () => {
    const before = await unitCount();
    for (const ch of BAD) {
      const r = await root.request('/api/v1/units', { method: 'POST', json: { code: 'NUL-1', name: `Tổ${ch}dân phố`, kind: 'residentialGroup', parent: 'A' } });
      expect(r.status, JSON.stringify(ch)).toBe(422);
      const body = (await r.json()) as ErrorBody;
      expect(body.error.field).toBe('name');
      expect(body.error.message).toContain('ký tự điều khiển');
    }
    expect(await unitCount()).toBe(before);
    const login = await new Client(t).request('/api/v1/auth/login', { method: 'POST', json: { username: 'root\u0000', password: 'x' } });
    expect(login.status).toBe(422);
    expect(((await login.json()) as ErrorBody).error.field).toBe('username');
    const model = await root.request('/api/v1/models', { method: 'POST', json: { code: 'M-1', name: 'Mô hình\u0000', campaign: 'X' } });
    expect(model.status).toBe(422);
    expect(((await model.json()) as ErrorBody).error.field).toBe('name');
  });

  it('refuses them in an import bundle, naming the record and field, also in a key', async () => {
    const before = await unitCount();
    const r = await root.request('/api/v1/import', { method: 'POST', json: { version: 1, units: [{ code: 'OK-1', name: 'Tốt', kind: 'ward', parent: 'HN' }, { code: 'NUL-2', name: 'Phường\u0000', kind: 'ward', parent: 'HN' }] } });
    expect(r.status).toBe(422);
    expect(((await r.json()) as ErrorBody).error.field).toBe('units[1].name');
    const k = await root.request('/api/v1/import', { method: 'POST', json: { version: 1, units: [{ code: 'NUL-3', 'na\u0000me': 'x', kind: 'ward', parent: 'HN' }] } });
    expect(k.status).toBe(422);
    expect(await unitCount()).toBe(before);
  });

  it('refuses them in a form field and in an uploaded file\u2019s name (422 naming it)', async () => {
    const r = await root.postForm('/quan-tri/don-vi/moi', { code: 'NUL-4', name: 'Tổ\u0000', kind: 'residentialGroup', parent: 'A' });
    expect(r.status).toBe(422);
    expect(await r.text()).toContain('name: chứa ký tự điều khiển không được phép (U+0000)');
    const fd = new FormData();
    fd.set('_csrf', root.csrf);
    fd.set('file', new File(['{"version":1}'], 'goi\u0007.json', { type: 'application/json' }));
    const up = await root.request('/quan-tri/du-lieu/nhap', { method: 'POST', body: fd });
    expect(up.status).toBe(422);
    expect(await up.text()).toContain('U+0007');
  });

  it('keeps tab, line feed and carriage return where text allows them', async () => {
    const r = await root.request('/api/v1/units', { method: 'POST', json: { code: 'TAB-1', name: 'Tổ\tdân phố', kind: 'residentialGroup', parent: 'A', address: 'Số 1\r\nNgõ 2\nPhường Ánh Dương' } });
    expect(r.status).not.toBe(500);
    expect(((await r.json()) as ErrorBody).error?.message ?? '').not.toContain('ký tự điều khiển');
  });
});
