/**
 * Sectors (khối, issue #23): a unit's sector is set on it or inherited from the nearest unit above
 * that has one; the bundle carries what is set (export → import keeps it); a bad sector is a 422
 * naming the field; the public stats count the models by the sector of their unit, with the
 * models of units under no sector as unknown (null), never folded into a sector.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { system } from '../../../test/support/fixtures.js';
import type { Tx } from '../../db/index.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { registerModel } from '../models/models.service.js';

let t: TestApp;
let admin: Client;
const tx = <T,>(fn: (trx: Tx) => Promise<T>) => t.db.db.transaction().execute(fn);

beforeAll(async () => {
  t = await createTestApp();
  admin = new Client(t);
  expect((await admin.login('root')).status).toBe(200);
  await tx(async (trx) => {
    await createCampaign(trx, { actor: system, input: { code: 'HN-2026', unit: 'HN', year: 2026, theme: 'Năm Dân vận khéo', fields: [{ code: 'F1', name: 'Lĩnh vực 1' }] } });
    const model = (unit: string, name: string) => registerModel(trx, { actor: system, input: { campaign: 'HN-2026', unit, field: 'F1', holder: 'collective', name, status: 'registered', registeredOn: '2026-03-01' } });
    await model('A-1', 'Mô hình tổ dân phố A');
    await model('A', 'Mô hình phường A');
    await model('B-1', 'Mô hình tổ dân phố B');
  });
});
afterAll(() => t.close());

const unit = async (code: string) => (await (await admin.request(`/api/v1/units/${code}`)).json()) as { sector: string | null; effectiveSector: string | null };
const stats = async () => ((await (await admin.request('/api/v1/campaigns/HN-2026/stats?through=2026-12-31')).json()) as { models: { total: number; bySector: { sector: string | null; count: number }[] } }).models;

describe('sectors of units', () => {
  it('is unknown until set, then inherited down the tree unless a unit sets its own; the stats count models by it', async () => {
    expect(await unit('A-1')).toMatchObject({ sector: null, effectiveSector: null });
    expect(await stats()).toMatchObject({ total: 3, bySector: [{ sector: null, count: 3 }] });
    const r = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, units: [{ code: 'A', name: 'Phường Ánh Dương', kind: 'ward', parent: 'HN', sector: 'government' }, { code: 'B-1', name: 'Tổ dân phố số 1', kind: 'residentialGroup', parent: 'B', sector: 'front' }] } });
    expect(r.status, await r.clone().text()).toBe(200);
    expect(await unit('A')).toMatchObject({ sector: 'government', effectiveSector: 'government' });
    expect(await unit('A-1')).toMatchObject({ sector: null, effectiveSector: 'government' });
    expect(await unit('B')).toMatchObject({ sector: null, effectiveSector: null });
    expect((await stats()).bySector).toEqual([
      { sector: 'government', count: 2 },
      { sector: 'front', count: 1 },
    ]);
    // a unit's own sector wins over the one above it
    const own = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, units: [{ code: 'A-1', name: 'Tổ dân phố số 1', kind: 'residentialGroup', parent: 'A', sector: 'party' }] } });
    expect(own.status).toBe(200);
    expect((await stats()).bySector).toEqual([
      { sector: 'party', count: 1 },
      { sector: 'government', count: 1 },
      { sector: 'front', count: 1 },
    ]);
  });

  it('export → import keeps what is set, and a record that leaves the sector out keeps it', async () => {
    const bundle = (await (await admin.request('/api/v1/export')).json()) as { units: { code: string; sector?: string }[] };
    expect(bundle.units.find((u) => u.code === 'A')?.sector).toBe('government');
    expect(bundle.units.find((u) => u.code === 'B')?.sector).toBeUndefined();
    const again = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, units: bundle.units.map(({ sector: _s, ...u }) => u) } });
    expect(again.status, await again.clone().text()).toBe(200);
    expect(await unit('A')).toMatchObject({ sector: 'government' });
    expect((await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, units: bundle.units } })).status).toBe(200);
    expect(await unit('A-1')).toMatchObject({ sector: 'party' });
  });

  it('refuses a sector that does not exist, naming the record and the field, and writes nothing', async () => {
    const bad = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, units: [{ code: 'A', name: 'Phường Ánh Dương', kind: 'ward', parent: 'HN', sector: 'army' }] } });
    expect(bad.status).toBe(422);
    const text = JSON.stringify(await bad.json());
    expect(text).toContain('units[0].sector');
    expect(text).toContain('armedForces');
    expect(await unit('A')).toMatchObject({ sector: 'government' });
    // the form: the sector is a choice, and an empty one inherits
    const page = await (await admin.request('/quan-tri/don-vi/A-1')).text();
    expect(page).toContain('Khối Đảng');
    expect(page).toContain('— (theo đơn vị cấp trên)');
    expect(page).toContain('Khối Đảng');
    expect(await (await admin.request('/quan-tri/don-vi/A')).text()).toContain('Khối chính quyền');
    const inherited = await (await admin.request('/quan-tri/don-vi/A')).text();
    expect(inherited).not.toContain('Khối chính quyền (theo đơn vị cấp trên)');
    expect(await (await admin.request('/quan-tri/don-vi/B')).text()).toContain('chưa xếp khối');
  });
});
