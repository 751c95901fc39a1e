import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { importWorkbook } from '../bundle/bundle.excel.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { TEAM_SHEET } from '../teams/teams.excel.js';
import { exportModelList, exportModelsForImport, MODEL_SHEET, MODEL_WORKBOOK, modelSheetContext, modelTemplate, RESULT_SHEET } from './models.excel.js';
import { findModelByCode } from './models.repository.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute((trx) =>
    createCampaign(trx, { actor: system, input: { code: 'HN-2021', unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }, { code: 'MT', name: 'Bảo vệ môi trường' }] } }),
  );
});
afterAll(() => t.close());

/** Fills the real template the way an officer would. */
async function workbook(rows: Record<string, unknown>[], teams: Record<string, unknown>[] = [], mutate?: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await modelTemplate(t.db.db, system, 'HN-2021')) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Mô hình')!;
  for (const r of rows) ws.addRow(MODEL_SHEET.columns.map((c) => r[c.key] ?? null));
  const ts = wb.getWorksheet('Tổ, đội')!;
  for (const r of teams) ts.addRow(TEAM_SHEET.columns.map((c) => r[c.key] ?? null));
  mutate?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const run = async (buf: Buffer, dryRun = false, fileName = 'mo-hinh.xlsx') => {
  const { ctx } = await modelSheetContext(t.db.db, system, 'HN-2021');
  return importWorkbook(t.db.db, system, { buf, fileName, ...MODEL_WORKBOOK, ctx, dryRun });
};
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { status: number; issues: { message: string }[] });

describe('Excel import', () => {
  it('previews without writing, then imports models and teams from the template', async () => {
    const buf = await workbook(
      [
        { code: 'X-1', name: 'Vận động hộ dân bàn giao mặt bằng', holder: 'Tập thể', unit: 'A-1', field: 'Giải phóng mặt bằng', registeredOn: new Date(Date.UTC(2021, 2, 15)) },
        { name: 'Nói không với rác thải nhựa', holder: 'ca nhan', holderName: 'Trần Thị Hòa', unit: 'B', field: 'MT', registeredOn: '20/04/2021' },
      ],
      [{ name: 'Tổ Covid cộng đồng TDP số 1', kind: 'Tổ Covid cộng đồng', unit: 'A-1', members: 12, establishedOn: '01/06/2021' }],
    );
    const preview = await run(buf, true);
    expect(preview).toEqual({ rows: 3, counts: { models: { created: 2, updated: 0 }, teams: { created: 1, updated: 0 }, modelResults: { created: 0, updated: 0 } } });
    expect(await findModelByCode(t.db.db, 'X-1')).toBeUndefined();
    await run(buf);
    expect(await findModelByCode(t.db.db, 'X-1')).toMatchObject({ status: 'registered', registered_on: '2021-03-15', holder: 'collective' });
    const auto = await t.db.db.selectFrom('models').select(['code', 'holder_name', 'registered_on']).where('holder', '=', 'individual').executeTakeFirstOrThrow();
    expect(auto).toEqual({ code: 'HN-2021-0002', holder_name: 'Trần Thị Hòa', registered_on: '2021-04-20' });
  });

  it('refuses the whole file, naming sheet, row and column of every problem', async () => {
    const before = await t.db.db.selectFrom('models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const buf = await workbook([
      { name: 'Dòng tốt', holder: 'Tập thể', unit: 'A', field: 'MT' },
      { name: 'Ngày sai', holder: 'Tập thể', unit: 'A', field: 'MT', registeredOn: '31/02/2021' },
      { name: 'Lĩnh vực sai', holder: 'Tập thể', unit: 'A', field: 'Thể thao' },
      { name: 'Đơn vị sai', holder: 'Tập thể', unit: 'KHONG-CO', field: 'MT' },
    ]);
    const e = await failure(run(buf));
    expect(e?.status).toBe(422);
    const messages = e?.issues.map((i) => i.message) ?? [];
    expect(messages).toContain('Trang "Mô hình", dòng 3, cột "Ngày đăng ký": "31/02/2021" không phải ngày hợp lệ (dd/mm/yyyy)');
    expect(messages.some((m) => m.startsWith('Trang "Mô hình", dòng 4, cột "Lĩnh vực": "Thể thao" không thuộc danh mục'))).toBe(true);
    // a reference found missing only when importing still names its row and column
    const later = await failure(run(await workbook([{ name: 'Đơn vị sai', holder: 'Tập thể', unit: 'KHONG-CO', field: 'MT' }])));
    expect(later?.issues[0]?.message).toBe('Trang "Mô hình", dòng 2, cột "Mã đơn vị": không tìm thấy đơn vị "KHONG-CO"');
    const after = await t.db.db.selectFrom('models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a file that is not Excel, one with missing columns, and a zip bomb before unpacking it', async () => {
    const text = await failure(run(Buffer.from('Tên mô hình;Lĩnh vực\nA;B'), false, 'that-ra-la-csv.xlsx'));
    expect(text?.issues[0]?.message).toBe('Tệp "that-ra-la-csv.xlsx": không phải tệp Excel .xlsx (không đúng định dạng ZIP của Office)');
    const noColumns = await workbook([], [], (wb) => {
      wb.removeWorksheet(wb.getWorksheet('Mô hình')!.id);
      wb.removeWorksheet(wb.getWorksheet('Tổ, đội')!.id);
      wb.addWorksheet('Mô hình').addRow(['Tên mô hình', 'Ghi chú']);
    });
    const missing = await failure(run(noColumns));
    expect(missing?.issues[0]?.message).toBe('Trang "Mô hình": thiếu cột "Tập thể / cá nhân", "Mã đơn vị", "Lĩnh vực"');
    const { deflateRawSync } = await import('node:zlib');
    const bombEntry = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
    const bomb = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), bombEntry]);
    const refused = await failure(run(bomb, false, 'bom.xlsx'));
    expect(refused?.status).toBe(422);
    expect(refused?.issues[0]?.message).toMatch(/^Tệp "bom\.xlsx": /);
  });

  it('exports a filtered list with formula-like text neutralised', async () => {
    await run(await workbook([{ code: 'EVIL', name: '=HYPERLINK("http://evil.example","Bấm vào")', holder: 'Tập thể', unit: 'A', field: 'MT', registeredOn: '01/05/2021' }]));
    const buf = await exportModelsForImport(t.db.db, system, { campaign: 'HN-2021', unit: 'A' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Mô hình')!;
    const names: string[] = [];
    ws.eachRow((r, n) => {
      if (n > 1) names.push(r.getCell(2).text);
    });
    expect(names).toContain('\'=HYPERLINK("http://evil.example","Bấm vào")');
    expect(names.every((n) => !n.startsWith('='))).toBe(true);
    expect(ws.getRow(1).getCell(2).value).toBe('Tên mô hình *');
  });

  it('"Xuất Excel" of the list is a list: title with unit, campaign and date, STT, names not codes, plain headers, a total, dd-mm-yyyy file name', async () => {
    const { buf, fileName } = await exportModelList(t.db.db, system, { campaign: 'HN-2021' }, '2021-09-30');
    expect(fileName).toBe('Danh sách mô hình HN-2021 30-09-2021.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Danh sách mô hình')!;
    const text = (r: number) => (ws.getRow(r).values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : (typeof v === 'string' || typeof v === 'number' ? String(v) : '')));
    expect(text(1)[0]).toBe('DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO”');
    expect(text(2)[0]).toBe('Thành phố Hà Nội — Chủ đề năm 2021: Năm Dân vận khéo');
    expect(text(3)[0]).toBe('Tính đến ngày 30/09/2021');
    expect(text(5)).toEqual(['STT', 'Tên mô hình', 'Tập thể / cá nhân', 'Cá nhân, tập thể thực hiện', 'Đơn vị', 'Lĩnh vực', 'Ngày đăng ký', 'Trạng thái', 'Mã mô hình']);
    const rows = Array.from({ length: ws.rowCount - 5 }, (_, i) => text(i + 6));
    const total = rows.pop()!;
    expect(rows.map((r) => r[0])).toEqual(rows.map((_, i) => String(i + 1)));
    const x1 = rows.find((r) => r[8] === 'X-1')!;
    expect([x1[1], x1[2], x1[5], x1[6]]).toEqual(['Vận động hộ dân bàn giao mặt bằng', 'Tập thể', 'Giải phóng mặt bằng', '2021-03-15']);
    expect(x1[4]).toContain('Tổ dân phố số 1');
    const individual = rows.filter((r) => r[2] === 'Cá nhân').length;
    expect(total[0]).toBe(`Tổng cộng: ${rows.length} mô hình (${rows.length - individual} tập thể, ${individual} cá nhân)`);
    expect(ws.pageSetup.orientation).toBe('landscape');
  });
});

describe('Excel pages', () => {
  it('previews, then imports on confirmation, as an officer', async () => {
    const c = new Client(t);
    await c.login('officer-a');
    const tpl = await c.request('/quan-tri/mo-hinh/mau.xlsx?chu_de=HN-2021');
    expect(tpl.status).toBe(200);
    expect(tpl.headers.get('content-disposition')).toContain("filename*=UTF-8''M%E1%BA%ABu");
    const buf = await workbook([{ code: 'WEB-1', name: 'Tuyến phố văn minh', holder: 'Tập thể', unit: 'A-1', field: 'MT' }]);
    const fd = new FormData();
    fd.set('_csrf', c.csrf);
    fd.set('chu_de', 'HN-2021');
    fd.set('file', new File([buf], 'mo-hinh.xlsx'));
    const preview = await c.request('/quan-tri/mo-hinh/nhap', { method: 'POST', body: fd });
    const html = await preview.text();
    expect(preview.status).toBe(200);
    expect(html).toContain('mô hình: thêm mới 1, cập nhật 0');
    const fileId = /name="file" value="(\d+)"/.exec(html)?.[1];
    expect(await findModelByCode(t.db.db, 'WEB-1')).toBeUndefined();
    const done = await c.postForm('/quan-tri/mo-hinh/nhap/xac-nhan', { file: fileId!, chu_de: 'HN-2021' });
    expect(await done.text()).toContain('Đã nhập xong');
    expect(await findModelByCode(t.db.db, 'WEB-1')).toMatchObject({ status: 'draft' });
    // the staged file is used up: replaying the confirmation imports nothing twice
    expect((await c.postForm('/quan-tri/mo-hinh/nhap/xac-nhan', { file: fileId!, chu_de: 'HN-2021' })).status).toBe(404);
    // someone else cannot confirm this staged file
    const other = new Client(t);
    await other.login('admin-a');
    expect((await other.postForm('/quan-tri/mo-hinh/nhap/xac-nhan', { file: fileId!, chu_de: 'HN-2021' })).status).toBe(404);
  });
});

describe('the "Kết quả" sheet: what models achieved, from the workbook (issue #23)', () => {
  const withResults = (rows: Record<string, unknown>[]) =>
    workbook([], [], (wb) => {
      const ws = wb.getWorksheet('Kết quả')!;
      for (const r of rows) ws.addRow(RESULT_SHEET.columns.map((c) => r[c.key] ?? null));
    });
  const resultsOf = async (code: string) =>
    t.db.db.selectFrom('model_results').innerJoin('models', 'models.id', 'model_results.model_id').select(['on_date', 'money_vnd', 'work_days', 'land_centi_m2', 'households_persuaded']).where('models.code', '=', code).orderBy('on_date').execute();

  it('adds each row to its model, the figures typed the Vietnamese way or as numbers; importing the same rows again adds nothing', async () => {
    const buf = await withResults([
      { model: 'X-1', on: '30/06/2021', moneyVnd: '15.000.000', workDays: 120, landDonatedM2: '1.234,5', householdsPersuaded: 2 },
      { model: 'X-1', on: new Date(Date.UTC(2021, 8, 30)), landDonatedM2: 0.25 },
    ]);
    const preview = await run(buf, true);
    expect(preview.counts.modelResults).toEqual({ created: 2, updated: 0 });
    expect(await resultsOf('X-1')).toEqual([]);
    await run(buf);
    const rows = (await resultsOf('X-1')).map((r) => ({ ...r, money_vnd: r.money_vnd === null ? null : Number(r.money_vnd), land_centi_m2: r.land_centi_m2 === null ? null : Number(r.land_centi_m2) }));
    expect(rows).toEqual([
      { on_date: '2021-06-30', money_vnd: 15_000_000, work_days: 120, land_centi_m2: 123_450, households_persuaded: 2 },
      { on_date: '2021-09-30', money_vnd: null, work_days: null, land_centi_m2: 25, households_persuaded: null },
    ]);
    expect((await run(buf)).counts.modelResults).toEqual({ created: 0, updated: 0 });
    expect(await resultsOf('X-1')).toHaveLength(2);
    // the list exported to correct carries them, and imports back adding nothing
    const exported = await exportModelsForImport(t.db.db, system, { campaign: 'HN-2021' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Kết quả')!.rowCount).toBe(3);
    expect((await run(exported)).counts.modelResults).toEqual({ created: 0, updated: 0 });
    expect(await resultsOf('X-1')).toHaveLength(2);
    // a figure corrected on an exported row changes that result; it is not added beside it
    const sheet = wb.getWorksheet('Kết quả')!;
    const col = (key: string) => RESULT_SHEET.columns.findIndex((c) => c.key === key) + 1;
    expect(sheet.getRow(2).getCell(col('id')).value).toEqual(expect.any(Number));
    sheet.getRow(2).getCell(col('workDays')).value = 125;
    const corrected = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await run(corrected)).counts.modelResults).toEqual({ created: 0, updated: 1 });
    expect((await resultsOf('X-1')).map((r) => r.work_days)).toEqual([125, null]);
    // an id that is not one of the model's results is named
    sheet.getRow(2).getCell(col('id')).value = 999_999;
    const e = await failure(run(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(e?.issues[0]?.message).toBe('Trang "Kết quả", dòng 2, cột "Số hiệu kết quả": mô hình "X-1" không có kết quả số hiệu 999999');
    expect((await resultsOf('X-1')).map((r) => r.work_days)).toEqual([125, null]);
  });

  it('reads a formula by its value, and a typed "1.5" as no whole number', async () => {
    const e = await failure(run(await withResults([{ model: 'X-1', on: '01/08/2021', workDays: { formula: '3/2', result: 1.5 } }, { model: 'X-1', on: '02/08/2021', workDays: '1.5' }])));
    expect(e?.issues.map((i) => i.message)).toEqual(['Trang "Kết quả", dòng 2, cột "Ngày công": "1.5" phải là số nguyên', 'Trang "Kết quả", dòng 3, cột "Ngày công": "1.5" phải là số nguyên']);
    await run(await withResults([{ model: 'X-1', on: '03/08/2021', landDonatedM2: { formula: '25/2', result: 12.5 }, workDays: { formula: '2*6', result: 12 } }]));
    const added = (await resultsOf('X-1')).find((r) => r.on_date === '2021-08-03');
    expect({ land: Number(added?.land_centi_m2), days: added?.work_days }).toEqual({ land: 1250, days: 12 });
  });

  it('refuses bad figures naming sheet, row and column, and writes nothing', async () => {
    const e = await failure(
      run(
        await withResults([
          { model: 'X-1', on: '01/07/2021', moneyVnd: -5 },
          { model: 'X-1', on: '02/07/2021', landDonatedM2: '35.5' },
          { model: 'X-1', on: '03/07/2021', landDonatedM2: 1.234 },
          { model: 'KHONG-CO', on: '04/07/2021', workDays: 3 },
          { model: 'X-1', on: '05/07/2099', workDays: 3 },
          { model: 'X-1', on: '06/07/2021' },
        ]),
      ),
    );
    expect(e?.status).toBe(422);
    const messages = e?.issues.map((i) => i.message) ?? [];
    // checked first, before anything is imported: a text the sheet cannot read as a number
    expect(messages).toEqual(['Trang "Kết quả", dòng 3, cột "Đất hiến (m²)": "35.5" phải là số (viết kiểu Việt Nam: 1.234,5)']);
    const e2 = await failure(run(await withResults([{ model: 'X-1', on: '01/07/2021', moneyVnd: -5 }, { model: 'X-1', on: '03/07/2021', landDonatedM2: 1.234 }])));
    expect(e2?.issues.map((i) => i.message)).toEqual(['Trang "Kết quả", dòng 2, cột "Tiền Nhân dân đóng góp (đồng)": không được âm', 'Trang "Kết quả", dòng 3, cột "Đất hiến (m²)": tối đa hai chữ số thập phân (m²)']);
    for (const [row, want] of [
      [{ model: 'KHONG-CO', on: '04/07/2021', workDays: 3 }, /^Trang "Kết quả", dòng 2, cột "Mã mô hình": .*KHONG-CO/],
      [{ model: 'X-1', on: '05/07/2099', workDays: 3 }, /^Trang "Kết quả", dòng 2, cột "Ngày ghi nhận": 05\/07\/2099 là ngày chưa tới/],
      [{ model: 'X-1', on: '06/07/2021' }, /^Trang "Kết quả", dòng 2.*nhập ít nhất một số liệu/],
    ] as const) {
      const f = await failure(run(await withResults([row])));
      expect(f?.status, JSON.stringify(row)).toBe(422);
      expect(f?.issues[0]?.message).toMatch(want);
    }
    expect(await resultsOf('X-1')).toHaveLength(3);
  });
});
