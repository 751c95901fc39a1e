import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { todayVn } from '../../lib/vi.js';
import { addDays } from '../calendar/calendar.service.js';

let t: TestApp;
const as = async (username: string) => {
  const c = new Client(t);
  await c.login(username);
  return c;
};
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('land clearance API', () => {
  it('creates a project and a household: 201, 409 on a duplicate code, 422 naming the field, 403 outside scope, 404 unknown', async () => {
    const officer = await as('officer-a');
    const p = await officer.request('/api/v1/clearance-projects', { method: 'POST', json: { code: 'A-API-1', name: 'Đường nội bộ khu dân cư', unit: 'A', category: 'new', areaM2: '2.500,75', startedOn: addDays(todayVn(), -40) } });
    expect(p.status).toBe(201);
    // started 40 days ago with nothing recorded: the notice (30 days) is overdue (on "Việc của tôi"),
    // but no step was ever recorded, so its schedule is unknown — never "behind" or "on schedule" by default
    expect(await p.json()).toMatchObject({ code: 'A-API-1', areaM2: 2500.75, schedule: { status: 'untracked', label: 'Chưa cập nhật các bước', overdue: 1, completed: 0 } });
    const h = await officer.request('/api/v1/households', { method: 'POST', json: { code: 'A-API-1-H1', project: 'A-API-1', name: 'Hộ ông Đinh Văn Thử'.normalize('NFD'), parcels: [{ mapSheet: '5', parcelNo: '12', recoveredM2: '60,5' }] } });
    expect(h.status).toBe(201);
    expect(await h.json()).toMatchObject({ code: 'A-API-1-H1', name: 'Hộ ông Đinh Văn Thử', state: 'new', recoveredM2: 60.5 });
    expect((await officer.request('/api/v1/households', { method: 'POST', json: { code: 'A-API-1-H1', project: 'A-API-1', name: 'Trùng' } })).status).toBe(409);
    const bad = await officer.request('/api/v1/households/A-API-1-H1/plan', { method: 'POST', json: { land: 1_000_000.5 } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: 'validation_error', field: 'land', issues: [{ field: 'land', message: 'Bồi thường về đất: phải là số nguyên đồng (không có phần thập phân)' }] } });
    expect((await officer.request('/api/v1/clearance-projects', { method: 'POST', json: { name: 'Ngoài phạm vi', unit: 'B', category: 'new' } })).status).toBe(403);
    expect((await officer.request('/api/v1/households/KHONG-CO')).status).toBe(404);
    expect((await new Client(t).request('/api/v1/households/A-API-1-H1')).status).toBe(401);
  });

  it('keeps maker and checker apart: the admin who records a payment cannot confirm it', async () => {
    const admin = await as('admin-a');
    const council = await as('council-a');
    await admin.request('/api/v1/households/A-API-1-H1/plan', { method: 'POST', json: { land: 100_000_000 } });
    expect((await admin.request('/api/v1/households/A-API-1-H1/plan/approve', { method: 'POST', json: { decisionNumber: '9/QĐ-UBND', approvedOn: addDays(todayVn(), -1) } })).status).toBe(403);
    expect((await council.request('/api/v1/households/A-API-1-H1/plan/approve', { method: 'POST', json: { decisionNumber: '9/QĐ-UBND', approvedOn: addDays(todayVn(), -1) } })).status).toBe(200);
    const paid = await admin.request('/api/v1/households/A-API-1-H1/payments', { method: 'POST', json: { amount: 100_000_000, paidOn: todayVn() } });
    expect(paid.status).toBe(201);
    const id = ((await paid.json()) as { payments: { id: number }[] }).payments[0]!.id;
    const self = await admin.request(`/api/v1/households/A-API-1-H1/payments/${id}/confirm`, { method: 'POST', json: {} });
    expect(self.status).toBe(403);
    expect(((await self.json()) as { error: { message: string } }).error.message).toContain('không được tự xác nhận');
    const ok = await council.request(`/api/v1/households/A-API-1-H1/payments/${id}/confirm`, { method: 'POST', json: {} });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ state: 'paid', paidAmount: 100_000_000 });
    const dash = (await (await council.request('/api/v1/clearance/dashboard?unit=A')).json()) as { totals: { householdsPaid: number; amountPaid: number } };
    expect(dash.totals).toMatchObject({ householdsPaid: 1, amountPaid: 100_000_000 });
  });
});
