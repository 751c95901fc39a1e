/**
 * Workbooks as officers send them: the same rows written by the app's template (exceljs), re-saved
 * by LibreOffice Calc, and laid out as openpyxl and Excel 365 do (comments kept, threaded comments,
 * an image, merged cells, a hyperlink). Each imports with exactly the same result.
 * The files are in test/fixtures/xlsx (make-fixtures.sh says how each was made).
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../test/support/fixtures.js';
import { createTestApp, type TestApp } from '../../../test/support/http.js';
import type { Tx } from '../../db/index.js';
import { importWorkbook } from '../bundle/bundle.excel.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { MODEL_WORKBOOK, modelSheetContext } from './models.excel.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute((trx) =>
    createCampaign(trx, { actor: system, input: { code: 'HN-2021', unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }, { code: 'MT', name: 'Bảo vệ môi trường' }] } }),
  );
});
afterAll(() => t.close());

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/xlsx/mo-hinh.${name}.xlsx`, import.meta.url));

class Seen extends Error {
  constructor(readonly rows: unknown) {
    super('rolled back');
  }
}

/** Imports the file for real, reads back what was written in the same transaction, then rolls it back. */
async function imported(buf: Buffer, fileName: string) {
  const { ctx } = await modelSheetContext(t.db.db, system, 'HN-2021');
  const snapshot = async (trx: Tx) => {
    const models = await trx
      .selectFrom('models as m')
      .innerJoin('units as u', 'u.id', 'm.unit_id')
      .innerJoin('campaign_fields as f', 'f.id', 'm.field_id')
      .select(['m.code', 'm.name', 'm.holder', 'm.holder_name', 'u.code as unit', 'f.code as field', 'm.registered_on', 'm.status', 'm.problem', 'm.goals', 'm.method', 'm.scope'])
      .orderBy('m.code')
      .execute();
    const teams = await trx.selectFrom('teams as t').innerJoin('units as u', 'u.id', 't.unit_id').select(['t.code', 't.name', 't.kind', 'u.code as unit', 't.members', 't.established_on']).orderBy('t.code').execute();
    throw new Seen({ models, teams });
  };
  const e = await importWorkbook(t.db.db, system, { buf, fileName, ...MODEL_WORKBOOK, ctx, dryRun: false, inTransaction: snapshot }).then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof Seen)) throw e instanceof Error ? e : new Error(String(e));
  return e.rows;
}

describe('Excel from other programs', () => {
  it('exceljs itself throws on the openpyxl layout with notes (issue #2797): the reason the reader leaves those parts out', async () => {
    const wb = new ExcelJS.Workbook();
    await expect(wb.xlsx.load(fixture('openpyxl') as unknown as ArrayBuffer)).rejects.toThrow(/comments/);
  });

  it('imports the template, its LibreOffice Calc re-save, the openpyxl and the Excel 365 layouts with the same result', async () => {
    const expected = await imported(fixture('template'), 'mo-hinh.xlsx');
    expect(expected).toMatchObject({
      models: [
        { code: 'HN-2021-0002', name: 'Nói không với rác thải nhựa', holder: 'individual', holder_name: 'Trần Thị Hòa', unit: 'B', field: 'MT', registered_on: '2021-04-20', method: 'Đến từng nhà; họp tổ dân phố' },
        { code: 'X-1', name: 'Vận động hộ dân bàn giao mặt bằng sớm', holder: 'collective', unit: 'A-1', field: 'GPMB', registered_on: '2021-03-15', status: 'registered', problem: 'Hộ dân chưa đồng thuận với phương án bồi thường' },
        { code: 'X-3', name: 'Mô hình “Khéo” — 50% hộ dân tự nguyện hiến đất', unit: 'A', field: 'GPMB', registered_on: null, scope: 'Phường Ánh Dương' },
      ],
      teams: [
        { name: 'Tổ Covid cộng đồng TDP số 1', kind: 'covidCommunity', unit: 'A-1', members: 12, established_on: '2021-06-01' },
        { code: 'TDV-B', name: 'Tổ dân vận phường Bình Minh', kind: 'massMobilisation', unit: 'B', members: 7, established_on: '2020-12-30' },
      ],
    });
    for (const writer of ['libreoffice', 'openpyxl', 'excel365']) {
      expect(await imported(fixture(writer), `mo-hinh.${writer}.xlsx`), writer).toEqual(expected);
    }
  });
});
