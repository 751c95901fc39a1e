/**
 * Periodic reporting through the services, the API and the admin, on a real database: periods
 * named the Vietnamese way, typed values and rules refused with their messages (nothing
 * written), the workflow and who may do what, completeness and timeliness, roll-up, period
 * close, and the demo's months of 2021.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { actorOf, system } from '../../../test/support/fixtures.js';
import type { Tx } from '../../db/index.js';
import { todayVn } from '../../lib/vi.js';
import { dueDate, parsePeriod, previousPeriod, samePeriodLastYear } from './reporting.periods.js';
import * as reporting from './reporting.service.js';

let t: TestApp;
/** this month: a report sent now is on time, whatever day the suite runs */
const NOW = todayVn().slice(0, 7);
const tx = <T>(fn: (trx: Tx) => Promise<T>): Promise<T> => t.db.db.transaction().execute((trx) => fn(trx));

const FORM = {
  code: 'BC-THU',
  name: 'Báo cáo thử hằng tháng',
  unit: 'HN',
  periodType: 'month',
  deadlineDays: 5,
  reportingKinds: ['ward'],
  indicators: [
    { code: 'ho_tham', name: 'Số hộ được thăm', section: 'Vận động', type: 'int', unit: 'hộ' },
    { code: 'ho_dong_y', name: 'Số hộ đồng thuận', section: 'Vận động', type: 'int', unit: 'hộ' },
    { code: 'ty_le', name: 'Tỷ lệ hài lòng', type: 'decimal', rollup: 'avg' },
    { code: 'quy', name: 'Tiền ủng hộ', type: 'money' },
    { code: 'ghi_chu', name: 'Ghi chú', type: 'text' },
  ],
  rules: [{ left: 'ho_dong_y', op: '<=', right: 'ho_tham', message: 'Số hộ đồng thuận không thể nhiều hơn số hộ được thăm' }],
  targets: [{ indicator: 'ho_tham', unit: 'A', year: 2026, value: 100 }],
};

beforeAll(async () => {
  t = await createTestApp();
  await tx(async (trx) => {
    const { createUser } = await import('../accounts/accounts.service.js');
    await createUser(trx, { actor: system, input: { username: 'officer-hn', fullName: 'Cán bộ thành phố', unit: 'HN', roles: ['officer'], password: 'mat-khau-thu-nghiem-du-dai' } });
    await createUser(trx, { actor: system, input: { username: 'officer-b', fullName: 'Cán bộ phường B', unit: 'B', roles: ['officer'], password: 'mat-khau-thu-nghiem-du-dai' } });
    await reporting.saveForm(trx, { actor: system, input: FORM });
  });
});
afterAll(() => t.close());

describe('periods', () => {
  it('names and chains periods the Vietnamese way', () => {
    const m = parsePeriod('month', '2021-01')!;
    expect(m.label).toBe('Tháng 01/2021');
    expect(previousPeriod(m).key).toBe('2020-12');
    expect(parsePeriod('quarter', '2021-Q1')!.label).toBe('Quý I/2021');
    expect(parsePeriod('half', '2021-H1')).toMatchObject({ label: '6 tháng đầu năm 2021', from: '2021-01-01', to: '2021-06-30' });
    expect(parsePeriod('nine', '2021-9T')).toMatchObject({ label: '9 tháng đầu năm 2021', to: '2021-09-30' });
    expect(samePeriodLastYear(parsePeriod('nine', '2021-9T')!).key).toBe('2020-9T');
    expect(dueDate(parsePeriod('month', '2021-02')!, 5)).toBe('2021-03-05');
    expect(parsePeriod('month', '2021-13')).toBeNull();
    expect(parsePeriod('month', '2021-1')).toBeNull();
  });
});

describe('values and rules', () => {
  it('reads numbers the Vietnamese way and refuses the rest', () => {
    expect(reporting.parseValue('int', '1.234')).toEqual({ value: '1234' });
    expect(reporting.parseValue('money', '1.250.000')).toEqual({ value: '1250000' });
    expect(reporting.parseValue('decimal', '3,50')).toEqual({ value: '3.5' });
    expect(reporting.parseValue('int', 'mười')).toHaveProperty('error');
    expect(reporting.parseValue('int', '-3')).toHaveProperty('error');
    expect(reporting.parseValue('int', '')).toEqual({ value: null });
  });

  it('refuses text in a number field, naming it, and writes nothing', async () => {
    const officer = await actorOf(t.db.db, 'officer-a');
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: officer, form: 'BC-THU', unit: 'A', period: '2026-01', values: { ho_tham: 'nhiều' } }))).rejects.toMatchObject({
      status: 422,
      issues: [{ field: 'values.ho_tham', message: expect.stringContaining('Số hộ được thăm') as string }],
    });
    expect((await reporting.getEntry(t.db.db, officer, { form: 'BC-THU', unit: 'A', period: '2026-01' })).status).toBe('missing');
  });
});

describe('rules as DHIS2 does them: errors and warnings', () => {
  const RULED = {
    ...FORM,
    code: 'BC-QUY-TAC',
    indicators: [
      { code: 'ho_tham', name: 'Số hộ được thăm', type: 'int', unit: 'hộ' },
      { code: 'ho_dong_y', name: 'Số hộ đồng thuận', type: 'int', unit: 'hộ' },
      { code: 'kn_nhan', name: 'Đơn thư tiếp nhận', type: 'int' },
      { code: 'kn_giai_quyet', name: 'Đơn thư đã giải quyết', type: 'int' },
      { code: 'ghi_chu', name: 'Khó khăn, vướng mắc, đề xuất', type: 'text' },
    ],
    rules: [
      { left: 'ho_dong_y', op: '<=', right: 'ho_tham', message: 'Số hộ đồng thuận không thể nhiều hơn số hộ được thăm' },
      { left: 'kn_giai_quyet', op: '<=', right: 'kn_nhan', severity: 'warning', message: 'Số đơn đã giải quyết nhiều hơn số đơn tiếp nhận trong tháng' },
    ],
    targets: [],
  };
  const q = { form: 'BC-QUY-TAC', unit: 'A', period: NOW };
  const values = { ho_tham: 10, ho_dong_y: 12, kn_nhan: 1, kn_giai_quyet: 3 };

  it('keeps the severity of each rule: absent is an error; the form and the JSON API say which', async () => {
    await tx((trx) => reporting.saveForm(trx, { actor: system, input: RULED }));
    const f = await reporting.getForm(t.db.db, system, 'BC-QUY-TAC');
    expect(f.rules.map((r) => [r.key, r.severity])).toEqual([
      ['ho_dong_y<=ho_tham', 'error'],
      ['kn_giai_quyet<=kn_nhan', 'warning'],
    ]);
    const api = new Client(t);
    await api.login('officer-hn');
    const json = (await (await api.request('/api/v1/report-forms/BC-QUY-TAC')).json()) as { rules: { severity: string }[] };
    expect(json.rules.map((r) => r.severity)).toEqual(['error', 'warning']);
    await expect(tx((trx) => reporting.saveForm(trx, { actor: system, input: { ...RULED, rules: [{ ...RULED.rules[0], severity: 'nghiêm trọng' }] } }))).rejects.toMatchObject({ status: 422 });
  });

  it('saves a draft that breaks an error rule and a warning rule, and shows both', async () => {
    const officer = await actorOf(t.db.db, 'officer-a');
    const saved = await tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values }));
    expect(saved.status).toBe('draft');
    const e = await reporting.getEntry(t.db.db, officer, q);
    expect(e.status).toBe('draft');
    expect(e.lines.find((l) => l.code === 'ho_dong_y')?.value).toBe('12');
    expect(e.checks.map((k) => [k.rule, k.severity, k.explanation])).toEqual([
      ['ho_dong_y<=ho_tham', 'error', null],
      ['kn_giai_quyet<=kn_nhan', 'warning', null],
    ]);
  });

  it('refuses to submit on an error (422 naming the rule), then on an unexplained warning, and accepts it explained', async () => {
    const officer = await actorOf(t.db.db, 'officer-a');
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values, submit: true }))).rejects.toMatchObject({
      status: 422,
      issues: [
        { field: 'values.ho_dong_y', message: expect.stringContaining('ho_dong_y<=ho_tham') as string },
        { field: 'explanations.kn_giai_quyet<=kn_nhan', message: expect.stringContaining('Cần giải trình') as string },
      ],
    });
    const fixed = { ...values, ho_dong_y: 8 };
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values: fixed, submit: true, explanations: { 'kn_giai_quyet<=kn_nhan': '  ' } }))).rejects.toMatchObject({
      status: 422,
      issues: [{ field: 'explanations.kn_giai_quyet<=kn_nhan', message: expect.stringContaining('Số đơn đã giải quyết nhiều hơn số đơn tiếp nhận') as string }],
    });
    expect((await reporting.getEntry(t.db.db, officer, q)).status).toBe('draft');
    // an explanation over the limit is refused, never cut
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values: fixed, submit: true, explanations: { 'kn_giai_quyet<=kn_nhan': 'x'.repeat(reporting.EXPLANATION_MAX + 1) } }))).rejects.toMatchObject({
      status: 422,
      issues: [{ field: 'explanations.kn_giai_quyet<=kn_nhan', message: expect.stringContaining('tối đa 1.000') as string }],
    });
    const note = 'Giải quyết 2 đơn tồn từ tháng trước';
    await tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values: fixed, submit: true, explanations: { 'kn_giai_quyet<=kn_nhan': note } }));
    // the approver sees the warning and its explanation
    const city = await actorOf(t.db.db, 'officer-hn');
    const e = await reporting.getEntry(t.db.db, city, q);
    expect(e.status).toBe('submitted');
    expect(e.checks).toEqual([{ rule: 'kn_giai_quyet<=kn_nhan', severity: 'warning', message: 'Số đơn đã giải quyết nhiều hơn số đơn tiếp nhận trong tháng', field: 'values.kn_giai_quyet', explanation: note }]);
    const page = await (async () => {
      const c = new Client(t);
      await c.login('officer-hn');
      return (await c.request(`/quan-tri/bao-cao/BC-QUY-TAC/A/${NOW}`)).text();
    })();
    expect(page).toContain('Cảnh báo cần giải trình (1)');
    expect(page).toContain(`Giải trình của đơn vị: ${note}`);
    await tx((trx) => reporting.approveReport(trx, { actor: city, ...q }));
    // the bundle carries the explanation, and imports it back
    const { bundle } = await import('../exchange/registry.js');
    const b = await bundle.exportBundle(t.db.db, system);
    const rec = (b.reports as { form: string; unit: string; period: string; explanations?: Record<string, string> }[]).find((r) => r.form === 'BC-QUY-TAC' && r.unit === 'A' && r.period === NOW);
    expect(rec?.explanations).toEqual({ 'kn_giai_quyet<=kn_nhan': note });
    expect((b.reportForms as { code: string; rules: { severity: string }[] }[]).find((f) => f.code === 'BC-QUY-TAC')?.rules.map((r) => r.severity)).toEqual(['error', 'warning']);
  });

  it('through the JSON API and the page: a draft saves, a submit is refused naming the rule and keeps the draft, an explanation lets it through', async () => {
    const api = new Client(t);
    await api.login('officer-b');
    const url = `/api/v1/report-forms/BC-QUY-TAC/reports/B/${NOW}`;
    const draft = await api.request(url, { method: 'PUT', json: { values } });
    expect(draft.status).toBe(200);
    const body = (await draft.json()) as { status: string; checks: { rule: string; severity: string }[] };
    expect(body.status).toBe('draft');
    expect(body.checks.map((k) => k.severity)).toEqual(['error', 'warning']);
    const refused = await api.request(url, { method: 'PUT', json: { values, submit: true } });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(await refused.json())).toContain('ho_dong_y<=ho_tham');
    const page = new Client(t);
    await page.login('officer-b');
    const form = { v_ho_tham: '10', v_ho_dong_y: '8', v_kn_nhan: '1', v_kn_giai_quyet: '3', v_ghi_chu: '', thao_tac: 'nop' };
    const noNote = await page.postForm(`/quan-tri/bao-cao/BC-QUY-TAC/B/${NOW}`, form);
    expect(noNote.status).toBe(422);
    const html = await noNote.text();
    expect(html).toContain('Đã lưu nháp — chưa nộp được');
    expect(html).toContain('name="gt_kn_giai_quyet&lt;=kn_nhan"');
    // what was typed is kept as the draft
    expect((await reporting.getEntry(t.db.db, system, { form: 'BC-QUY-TAC', unit: 'B', period: NOW })).lines.find((l) => l.code === 'ho_dong_y')?.value).toBe('8');
    const ok = await page.postForm(`/quan-tri/bao-cao/BC-QUY-TAC/B/${NOW}`, { ...form, 'gt_kn_giai_quyet<=kn_nhan': 'Giải quyết đơn tồn tháng trước' });
    expect(ok.status).toBe(303);
    expect((await reporting.getEntry(t.db.db, system, { form: 'BC-QUY-TAC', unit: 'B', period: NOW })).status).toBe('submitted');
  });

  it('shows no empty target labels, and labels a text indicator as text', async () => {
    const c = new Client(t);
    await c.login('officer-a');
    const html = await (await c.request(`/quan-tri/bao-cao/BC-QUY-TAC/A/${previousPeriod(parsePeriod('month', NOW)!).key}`)).text();
    expect(html).not.toContain('Chỉ tiêu giao');
    expect(html).toContain('data-label="Nội dung (ghi bằng chữ)"');
    expect(html).not.toMatch(/data-label="Số liệu"[^>]*>\s*<textarea/);
  });
});

describe('the workflow', () => {
  it('lets a ward save, submit; locks it; the city returns it with a note and approves it; every change is kept', async () => {
    const officer = await actorOf(t.db.db, 'officer-a');
    const city = await actorOf(t.db.db, 'officer-hn');
    const q = { form: 'BC-THU', unit: 'A', period: '2026-02' };
    await tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values: { ho_tham: '40', ho_dong_y: '30' } }));
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values: { ho_tham: '40', ho_dong_y: '30' }, submit: true }))).rejects.toMatchObject({ status: 422 }); // tỷ lệ, quỹ missing
    await tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values: { ho_tham: '42', ho_dong_y: '30', ty_le: '4,5', quy: '2.000.000' }, submit: true }));
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values: { ho_tham: '50' } }))).rejects.toMatchObject({ status: 409 });
    // nobody approves their own unit's report
    await expect(tx((trx) => reporting.approveReport(trx, { actor: officer, ...q }))).rejects.toMatchObject({ status: 403 });
    await expect(tx((trx) => reporting.returnReport(trx, { actor: city, ...q, note: ' ' }))).rejects.toMatchObject({ status: 422 });
    await tx((trx) => reporting.returnReport(trx, { actor: city, ...q, note: 'Kiểm tra lại số hộ' }));
    await tx((trx) => reporting.saveEntry(trx, { actor: officer, ...q, values: { ho_tham: '45', ho_dong_y: '30', ty_le: '4,5', quy: '2.000.000' }, submit: true }));
    await tx((trx) => reporting.approveReport(trx, { actor: city, ...q }));
    const e = await reporting.getEntry(t.db.db, officer, q);
    expect(e).toMatchObject({ status: 'approved', editable: false });
    expect(e.lines.find((l) => l.code === 'quy')?.shown).toBe('2.000.000 đ');
    expect(e.history.filter((h) => h.code === 'ho_tham').map((h) => [h.old, h.new])).toEqual([
      [null, '40'],
      ['40', '42'],
      ['42', '45'],
    ]);
    expect(e.lines.find((l) => l.code === 'ho_tham')?.target).toMatchObject({ value: '100', toDate: '45', percent: 45 });
  });

  it('keeps each unit to its own reports', async () => {
    const other = await actorOf(t.db.db, 'officer-b');
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: other, form: 'BC-THU', unit: 'A', period: '2026-03', values: { ho_tham: 1 } }))).rejects.toMatchObject({ status: 403 });
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: other, form: 'BC-THU', unit: 'A-1', period: '2026-03', values: {} }))).rejects.toMatchObject({ status: 404 });
  });

  it('approves a level only once the levels below it are approved', async () => {
    await tx(async (trx) => {
      await reporting.saveForm(trx, { actor: system, input: { ...FORM, code: 'BC-2CAP', reportingKinds: ['ward', 'residentialGroup'], rules: [], targets: [] } });
      for (const unit of ['A', 'A-1']) await reporting.saveEntry(trx, { actor: system, form: 'BC-2CAP', unit, period: '2026-04', values: { ho_tham: 5, ho_dong_y: 1, ty_le: 3, quy: 0 }, submit: true });
    });
    const city = await actorOf(t.db.db, 'officer-hn');
    const ward = await actorOf(t.db.db, 'officer-a');
    await expect(tx((trx) => reporting.approveReport(trx, { actor: city, form: 'BC-2CAP', unit: 'A', period: '2026-04' }))).rejects.toMatchObject({ status: 409, message: expect.stringContaining('Tổ dân phố số 1') as string });
    await tx((trx) => reporting.approveReport(trx, { actor: ward, form: 'BC-2CAP', unit: 'A-1', period: '2026-04' }));
    await tx((trx) => reporting.approveReport(trx, { actor: city, form: 'BC-2CAP', unit: 'A', period: '2026-04' }));
  });
});

describe('completeness, roll-up and close', () => {
  it('counts on time, late and missing, and rolls figures up with sum and average', async () => {
    await tx(async (trx) => {
      await reporting.saveForm(trx, { actor: system, input: { ...FORM, code: 'BC-TH', rules: [], targets: [] } });
      const put = (unit: string, period: string, at: string, v: number, rate: number) =>
        reporting.saveEntry(trx, { actor: system, form: 'BC-TH', unit, period, at, values: { ho_tham: v, ho_dong_y: 0, ty_le: rate, quy: 1000 }, submit: true });
      await put('A', '2025-01', '2025-02-03T09:00:00+07:00', 10, 4);
      await put('B', '2025-01', '2025-02-09T09:00:00+07:00', 20, 5);
      await put('A', '2025-02', '2025-03-01T09:00:00+07:00', 30, 3);
    });
    const jan = await reporting.completeness(t.db.db, system, { form: 'BC-TH', period: '2025-01' });
    expect(jan.summary).toBe('2/2 phường đã nộp, 1 nộp muộn');
    expect(jan.lines.map((l) => [l.unit.code, l.daysLate])).toEqual([
      ['A', 0],
      ['B', 4],
    ]);
    const feb = await reporting.completeness(t.db.db, system, { form: 'BC-TH', period: '2025-02' });
    expect(feb.summary).toBe('1/2 phường đã nộp');
    expect(feb.lines.find((l) => l.unit.code === 'B')?.status).toBe('missing');
    const p = await reporting.pivot(t.db.db, system, { form: 'BC-TH', periods: ['2025-01', '2025-Q1'] });
    const row = (ind: string, unit: string) => p.rows.find((r) => r.indicator.code === ind && r.unit.code === unit)!.values;
    expect(row('ho_tham', 'HN')).toEqual([30, 60]);
    expect(row('ho_tham', 'A')).toEqual([10, 40]);
    expect(row('ty_le', 'HN')).toEqual([4.5, 4.25]);
    expect(row('quy', 'B')).toEqual([1000, 1000]);
  });

  it('freezes a closed period and compares with the one before', async () => {
    const city = await actorOf(t.db.db, 'officer-hn');
    await tx(async (trx) => {
      for (const unit of ['A', 'B']) await reporting.approveReport(trx, { actor: city, form: 'BC-TH', unit, period: '2025-01' });
      await reporting.approveReport(trx, { actor: city, form: 'BC-TH', unit: 'A', period: '2025-02' });
    });
    await tx((trx) => reporting.closePeriod(trx, { actor: city, form: 'BC-TH', period: '2025-01' }));
    await expect(tx((trx) => reporting.closePeriod(trx, { actor: city, form: 'BC-TH', period: '2025-01' }))).rejects.toMatchObject({ status: 409 });
    await expect(tx((trx) => reporting.saveEntry(trx, { actor: system, form: 'BC-TH', unit: 'A', period: '2025-01', values: { ho_tham: 99 } }))).rejects.toMatchObject({ status: 409, message: expect.stringContaining('khóa sổ') as string });
    const jan = await reporting.compareTotals(t.db.db, system, { form: 'BC-TH', period: '2025-01' });
    expect(jan.closed).toBe(true);
    expect(jan.lines.find((l) => l.indicator.code === 'ho_tham')?.value).toBe(30);
    const feb = await reporting.compareTotals(t.db.db, system, { form: 'BC-TH', period: '2025-02' });
    expect(feb.lines.find((l) => l.indicator.code === 'ho_tham')).toMatchObject({ value: 30, previous: 30, changePrevious: 'tương đương kỳ trước' });
    expect(reporting.changeText(112, 100, 'cùng kỳ')).toBe('tăng 12% so với cùng kỳ');
  });
});

describe('through the admin and the API', () => {
  it('lets a ward officer fill and submit a month in the browser form, with errors beside the fields', async () => {
    const c = new Client(t);
    await c.login('officer-a');
    const page = await c.request(`/quan-tri/bao-cao/BC-THU/A/${NOW}`);
    expect(page.status).toBe(200);
    const bad = await c.postForm(`/quan-tri/bao-cao/BC-THU/A/${NOW}`, { v_ho_tham: 'mười', v_ho_dong_y: '20', thao_tac: 'luu' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Số hộ được thăm: ');
    // a broken rule does not stop a draft; it stops the submit
    expect((await c.postForm(`/quan-tri/bao-cao/BC-THU/A/${NOW}`, { v_ho_tham: '10', v_ho_dong_y: '20', thao_tac: 'luu' })).status).toBe(303);
    const broken = await c.postForm(`/quan-tri/bao-cao/BC-THU/A/${NOW}`, { v_ho_tham: '10', v_ho_dong_y: '20', v_ty_le: '4', v_quy: '0', thao_tac: 'nop' });
    expect(broken.status).toBe(422);
    expect(await broken.text()).toContain('Số hộ đồng thuận không thể nhiều hơn số hộ được thăm');
    const ok = await c.postForm(`/quan-tri/bao-cao/BC-THU/A/${NOW}`, { v_ho_tham: '20', v_ho_dong_y: '10', v_ty_le: '4', v_quy: '0', v_ghi_chu: 'Ổn', thao_tac: 'nop' });
    expect(ok.status).toBe(303);
    const api = new Client(t);
    await api.login('officer-hn');
    const k = (await (await api.request(`/api/v1/report-forms/BC-THU/completeness?period=${NOW}`)).json()) as { summary: string };
    expect(k.summary).toBe('1/2 phường đã nộp');
    expect((await api.request(`/api/v1/report-forms/BC-THU/reports/A/${NOW}/approve`, { method: 'POST', json: {} })).status).toBe(200);
    const pv = (await (await api.request(`/api/v1/report-forms/BC-THU/pivot?period=${NOW}`)).json()) as reporting.Pivot;
    expect(pv.rows.find((r) => r.indicator.code === 'ho_tham' && r.unit.code === 'HN')?.values).toEqual([20]);
    const xlsx = await api.request(`/quan-tri/bao-cao/BC-THU/tong-hop.xlsx?ky=${NOW}`);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const admin = new Client(t);
    await admin.login('root');
    const notJson = await admin.postForm('/quan-tri/bao-cao/thiet-lap', { definition: '{ "code": ' });
    expect(notJson.status).toBe(422);
    expect(await notJson.text()).toContain('không phải JSON hợp lệ');
    const noIndicators = await admin.postForm('/quan-tri/bao-cao/thiet-lap', { definition: JSON.stringify({ code: 'BC-RONG', name: 'Rỗng', unit: 'HN', periodType: 'month', deadlineDays: 5, reportingKinds: ['ward'], indicators: [] }) });
    expect(noIndicators.status).toBe(422);
    expect(await noIndicators.text()).toContain('cần ít nhất một chỉ tiêu');
    const made = await admin.postForm('/quan-tri/bao-cao/thiet-lap', { definition: JSON.stringify({ code: 'BC-QUY', name: 'Báo cáo quý', unit: 'HN', periodType: 'quarter', deadlineDays: 10, reportingKinds: ['ward'], indicators: [{ code: 'so_buoi', name: 'Số buổi', type: 'int' }] }) });
    expect(made.status).toBe(303);
    expect(await (await admin.request('/quan-tri/bao-cao/BC-QUY/thiet-lap')).text()).toContain('&quot;periodType&quot;: &quot;quarter&quot;');
    const badPeriod = await api.request('/api/v1/report-forms/BC-THU/reports/A/2026-5', { method: 'PUT', json: { values: {} } });
    expect(badPeriod.status).toBe(422);
  });
});

describe('the bundle and the briefing pack', () => {
  it('exports forms and reports and imports them into an empty database with the same figures', async () => {
    const { bundle } = await import('../exchange/registry.js');
    const { createTestDb } = await import('../../../test/support/db.js');
    const b = await bundle.exportBundle(t.db.db, system);
    expect((b.reports as unknown[]).length).toBeGreaterThan(3);
    const other = await createTestDb();
    try {
      await other.db.transaction().execute((trx) => bundle.importBundle(trx, system, b));
      const again = await bundle.exportBundle(other.db, system);
      expect(again.reportForms).toEqual(b.reportForms);
      expect(again.reports).toEqual(b.reports);
      // a second import of the same bundle changes nothing
      await other.db.transaction().execute((trx) => bundle.importBundle(trx, system, b));
      expect((await bundle.exportBundle(other.db, system)).reports).toEqual(b.reports);
    } finally {
      await other.destroy();
    }
    // a second database migrated from scratch and two whole imports: on PostgreSQL on a busy machine, more than 30 s
  }, 120_000);

  it('refuses a submitted report record with a broken rule, naming the record, and imports nothing', async () => {
    const { bundle } = await import('../exchange/registry.js');
    const bad = { version: 1, reports: [{ form: 'BC-THU', unit: 'B', period: '2026-06', status: 'submitted', values: { ho_tham: 1, ho_dong_y: 5, ty_le: 1, quy: 0 } }] };
    await expect(tx((trx) => bundle.importBundle(trx, system, bad))).rejects.toMatchObject({ status: 422, issues: [{ field: 'reports[0].values.ho_dong_y' }] });
    expect((await reporting.getEntry(t.db.db, system, { form: 'BC-THU', unit: 'B', period: '2026-06' })).status).toBe('missing');
  });

  it('makes the briefing pack of a quarter with late and missing reports', async () => {
    const { briefingPack, lateList } = await import('../dashboard/briefing.service.js');
    const { briefingDocx } = await import('../dashboard/briefing.documents.js');
    const b = await briefingPack(t.db.db, system, { form: 'BC-TH', period: '2025-Q1' });
    expect(b.period.label).toBe('Quý I/2025');
    expect(b.reporting.map((r) => r.summary)).toEqual(['2/2 phường đã nộp, 1 nộp muộn', '1/2 phường đã nộp', '0/2 phường đã nộp']);
    expect(lateList(b)).toContain('Phường Bình Minh — Tháng 01/2025: nộp muộn 4 ngày');
    expect(lateList(b)).toContain('Phường Bình Minh — Tháng 02/2025: chưa nộp');
    expect(b.table.total[b.table.indicators.findIndex((i) => i.code === 'ho_tham')]).toBe(60);
    const docx = await briefingDocx(b);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
  });

  it('opens the briefing pack on the latest period with reports, offers every year and period with reports, and refuses bad pickers with 422', async () => {
    const { briefingChoices } = await import('../dashboard/briefing.service.js');
    await tx(async (trx) => {
      await reporting.saveForm(trx, { actor: system, input: { ...FORM, code: 'BC-GB', rules: [], targets: [] } });
      for (let m = 1; m <= 9; m++) {
        const period = `2021-${String(m).padStart(2, '0')}`;
        await reporting.saveEntry(trx, { actor: system, form: 'BC-GB', unit: 'A', period, values: { ho_tham: 10, ho_dong_y: 5, ty_le: 4, quy: 1000 }, submit: true, at: `2021-${String(m + 1).padStart(2, '0')}-02T09:00:00+07:00` });
      }
      await reporting.saveEntry(trx, { actor: system, form: 'BC-GB', unit: 'A', period: '2020-11', values: { ho_tham: 3, ho_dong_y: 1, ty_le: 4, quy: 0 }, submit: true, at: '2020-12-02T09:00:00+07:00' });
      // a draft is not yet a figure of the pack: it does not move the default
      await reporting.saveEntry(trx, { actor: system, form: 'BC-GB', unit: 'B', period: '2022-03', values: { ho_tham: 1 } });
    });
    const ch = await briefingChoices(t.db.db, system, 'BC-GB');
    expect(ch.years).toEqual([2021, 2020]);
    expect(ch.latest?.key).toBe('2021-9T');
    expect(ch.periods.filter((p) => p.year === 2021).map((p) => p.key)).toEqual(['2021', '2021-H2', '2021-9T', '2021-Q3', '2021-H1', '2021-Q2', '2021-Q1']);
    expect(ch.periods.filter((p) => p.year === 2020).map((p) => p.key)).toEqual(['2020', '2020-H2', '2020-Q4']);
    const c = new Client(t);
    await c.login('officer-hn');
    const page = await c.request('/quan-tri/bao-cao/BC-GB/giao-ban');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<title>Tài liệu giao ban — 9 tháng đầu năm 2021');
    expect(html).toMatch(/<option value="2020">2020<\/option>/);
    expect(html).toMatch(/<option value="9T" selected="">9 tháng đầu năm<\/option>/);
    expect(html).not.toContain('value="Q4"');
    // the per-unit table ends with "Tổng cộng"; the unit names are row headers kept on one line
    expect(html).toMatch(/<th scope="row" class="unit-name">Tổng cộng<\/th>/);
    // another year opens on its latest period with reports
    expect(await (await c.request('/quan-tri/bao-cao/BC-GB/giao-ban?nam=2020&dot=9T')).text()).toContain('<title>Tài liệu giao ban — Năm 2020');
    expect(await (await c.request('/quan-tri/bao-cao/BC-GB/giao-ban?nam=2021&dot=Q2')).text()).toContain('<title>Tài liệu giao ban — Quý II/2021');
    expect((await c.request('/quan-tri/bao-cao/BC-GB/giao-ban?nam=hai-nghin')).status).toBe(422);
    expect((await c.request('/quan-tri/bao-cao/BC-GB/giao-ban?ky=2021-Q9')).status).toBe(422);
    expect((await c.request('/quan-tri/bao-cao/BC-GB/giao-ban/khong-co?ky=2021-9T')).status).toBe(404);
    expect((await c.request('/quan-tri/bao-cao/BC-GB/giao-ban/nop-bao-cao?ky=2021-9T')).status).toBe(200);
    // a form with no report yet still opens
    expect((await c.request('/quan-tri/bao-cao/BC-QUY/giao-ban')).status).toBe(200);
  });
});

describe('review fixes', () => {
  it("keeps a ward to its own figures: no totals above it, no other ward's status", async () => {
    const viewerB = await actorOf(t.db.db, 'viewer-b').catch(async () => {
      await tx(async (trx) => {
        const { createUser } = await import('../accounts/accounts.service.js');
        await createUser(trx, { actor: system, input: { username: 'viewer-b', fullName: 'Xem phường B', unit: 'B', roles: ['viewer'], password: 'mat-khau-thu-nghiem-du-dai' } });
      });
      return actorOf(t.db.db, 'viewer-b');
    });
    const p = await reporting.pivot(t.db.db, viewerB, { form: 'BC-TH', periods: ['2025-01'] });
    expect([...new Set(p.rows.map((r) => r.unit.code))]).toEqual(['B']);
    await expect(reporting.compareTotals(t.db.db, viewerB, { form: 'BC-TH', period: '2025-01' })).rejects.toMatchObject({ status: 403 });
    const k = await reporting.completeness(t.db.db, await actorOf(t.db.db, 'officer-b'), { form: 'BC-TH', period: '2025-01' });
    expect(k.lines.map((l) => l.unit.code)).toEqual(['B']);
  });

  it('does not let the one who submitted a report approve it', async () => {
    const city = await actorOf(t.db.db, 'officer-hn');
    await tx((trx) => reporting.saveEntry(trx, { actor: city, form: 'BC-THU', unit: 'B', period: '2026-07', values: { ho_tham: 3, ho_dong_y: 1, ty_le: 4, quy: 0 }, submit: true }));
    await expect(tx((trx) => reporting.approveReport(trx, { actor: city, form: 'BC-THU', unit: 'B', period: '2026-07' }))).rejects.toMatchObject({ status: 403 });
  });

  it("adds a closed month into its quarter as its snapshot says, and compares periods before 1990's edge without failing", async () => {
    const q1 = await reporting.compareTotals(t.db.db, system, { form: 'BC-TH', period: '2025-Q1' });
    const jan = await reporting.compareTotals(t.db.db, system, { form: 'BC-TH', period: '2025-01' });
    const feb = await reporting.compareTotals(t.db.db, system, { form: 'BC-TH', period: '2025-02' });
    const v = (c: typeof q1) => c.lines.find((l) => l.indicator.code === 'ho_tham')?.value ?? 0;
    expect(v(q1)).toBe(v(jan) + v(feb));
    await expect(reporting.compareTotals(t.db.db, system, { form: 'BC-TH', period: '1990-01' })).resolves.toMatchObject({ period: { key: '1990-01' } });
  });

  it('refuses to add up end-of-period counts over months', async () => {
    await expect(tx((trx) => reporting.saveForm(trx, { actor: system, input: { ...FORM, code: 'BC-TO', rules: [], targets: [], indicators: [{ code: 'tv', name: 'Thành viên tổ', type: 'int', source: 'teams.members', rollup: 'sum' }] } }))).rejects.toMatchObject({ status: 422 });
  });
});

describe('what waits on each user', () => {
  it('shows a ward officer the report to send and the city the reports to approve, across modules on one page', async () => {
    const officer = await actorOf(t.db.db, 'officer-a');
    const w = await reporting.myReportWork(t.db.db, officer);
    expect(w.toSubmit.some((r) => r.form === 'BC-THU' && r.unit === 'A')).toBe(true);
    const city = await actorOf(t.db.db, 'officer-hn');
    await tx((trx) => reporting.saveEntry(trx, { actor: officer, form: 'BC-THU', unit: 'A', period: '2026-08', values: { ho_tham: 3, ho_dong_y: 1, ty_le: 4, quy: 0 }, submit: true }));
    expect((await reporting.myReportWork(t.db.db, city)).toApprove.some((r) => r.form === 'BC-THU' && r.unit === 'A' && r.period === '2026-08')).toBe(true);
    // the submitter never sees their own report as one to approve
    expect((await reporting.myReportWork(t.db.db, officer)).toApprove).toEqual([]);
    const c = new Client(t);
    await c.login('officer-hn');
    const page = await (await c.request('/quan-tri/viec-cua-toi')).text();
    expect(page).toContain('Báo cáo chờ bạn duyệt');
    expect(page).toContain('/quan-tri/bao-cao/BC-THU/A/2026-08');
  });
});
