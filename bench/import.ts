/**
 * A 10 000-row workbook (models of a campaign) imported through `kheo import FILE.xlsx` code
 * paths, and a land clearance project's 10 000-row household list: prints rows/s and seconds.
 * `benchImport()` uses a fresh SQLite database holding the demo; `importInto()` is the same into
 * any database (the scale benchmark runs it against the generated city).
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/database.js';
import { openDatabase, type DbHandle } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/policy/policy.js';
import { importWorkbook } from '../src/features/bundle/bundle.excel.js';
import { loadDemo } from '../src/features/demo/demo.service.js';
import { MODEL_SHEET, MODEL_WORKBOOK, modelSheetContext } from '../src/features/models/models.excel.js';
import { groupCode, WARDS } from '../src/features/demo/demo.data.js';
import { HOUSEHOLD_SHEET, importHouseholdWorkbook } from '../src/features/landClearance/landClearance.excel.js';
import { createProject } from '../src/features/landClearance/landClearance.service.js';

export interface ImportTarget {
  label: string;
  campaign: string;
  /** unit codes the models are spread over */
  units: string[];
  /** field names as the workbook writes them */
  fields: string[];
  /** the ward of the household project, and the project's code (must not exist yet) */
  projectUnit: string;
  projectCode: string;
}

/** Imports 10 000 models and 10 000 households into `h`; the seconds of each. */
export async function importInto(h: DbHandle<Database>, t: ImportTarget, rows = 10_000): Promise<{ models: number; households: number }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mô hình');
  ws.addRow(MODEL_SHEET.columns.map((c) => c.header));
  for (let i = 0; i < rows; i++) {
    const unit = t.units[i % t.units.length]!;
    ws.addRow([null, `Mô hình nhập thử số ${i + 1} – vận động Nhân dân (${unit})`, i % 4 ? 'Tập thể' : 'Cá nhân', i % 4 ? null : `Nguyễn Văn ${i}`, unit, t.fields[i % t.fields.length], new Date(Date.UTC(Number(t.campaign.slice(-4)) || 2021, i % 9, 1 + (i % 28))), null, 'Vấn đề ở địa bàn', 'Mục tiêu đo được']);
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const actor = systemActor('đo hiệu năng');
  const { ctx } = await modelSheetContext(h.db, actor, t.campaign);
  const t0 = performance.now();
  const r = await importWorkbook(h.db, actor, { buf, fileName: 'bench.xlsx', ...MODEL_WORKBOOK, ctx, dryRun: false });
  const s = (performance.now() - t0) / 1000;
  console.log(`import (${t.label}): ${r.rows.toLocaleString('vi-VN')} dòng Excel (${(buf.length / 1024 / 1024).toFixed(1)} MB) trong ${s.toFixed(2)} s — ${Math.round(r.rows / s).toLocaleString('vi-VN')} dòng/s; yêu cầu < 10 s`);

  // a land clearance project's household list with plan amounts, one row per household
  const hw = new ExcelJS.Workbook();
  const hs = hw.addWorksheet(HOUSEHOLD_SHEET.sheet);
  hs.addRow(HOUSEHOLD_SHEET.columns.map((c) => c.header));
  const byKey = (row: Record<string, unknown>) => HOUSEHOLD_SHEET.columns.map((c) => row[c.key] ?? null);
  for (let i = 0; i < rows; i++) {
    hs.addRow(byKey({ name: `Hộ ông Nguyễn Văn Thử ${i + 1}`, address: `Số ${i + 1} phố Thạch Bàn`, mapSheet: String(1 + (i % 40)), parcelNo: String(i + 1), landType: 'ODT', areaM2: '120,5', recoveredM2: '85,5', land: '1.200.000.000', assets: '150.000.000', support: '50.000.000' }));
  }
  const hbuf = Buffer.from(await hw.xlsx.writeBuffer());
  await h.db.transaction().execute((trx) => createProject(trx, { actor, input: { code: t.projectCode, name: 'Dự án đo hiệu năng nhập hộ', unit: t.projectUnit, category: 'new' } }));
  const t1 = performance.now();
  const hr = await importHouseholdWorkbook(h.db, actor, { projectCode: t.projectCode, buf: hbuf, fileName: 'ho.xlsx', dryRun: false });
  const hsec = (performance.now() - t1) / 1000;
  console.log(`import hộ GPMB (${t.label}): ${hr.rows.toLocaleString('vi-VN')} dòng (hộ, thửa đất, phương án) trong ${hsec.toFixed(2)} s — ${Math.round(hr.rows / hsec).toLocaleString('vi-VN')} dòng/s; yêu cầu < 10 s`);
  return { models: s, households: hsec };
}

export async function benchImport(rows = 10_000, synchronous: 'full' | 'normal' = 'full'): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kheo-bench-import-'));
  try {
    const h = openDatabase<Database>({ sqliteFile: path.join(dir, 'kheo.sqlite'), sqliteSynchronous: synchronous });
    await migrateToLatest(h);
    await h.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: 'mật khẩu đo hiệu năng' }));
    await importInto(
      h,
      {
        label: `SQLite, synchronous=${synchronous.toUpperCase()}`,
        campaign: 'LB-2021',
        units: Array.from({ length: 9 * WARDS.length }, (_, i) => groupCode(WARDS[i % WARDS.length]!, 1 + (i % 9))),
        fields: ['Văn hóa - xã hội', 'Bảo vệ môi trường', 'Giải phóng mặt bằng', 'Kinh tế', 'Trật tự đô thị'],
        projectUnit: 'LB-THACHBAN',
        projectCode: 'BENCH-DA',
      },
      rows,
    );
    await h.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
