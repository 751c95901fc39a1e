/** @jsxImportSource hono/jsx */
/**
 * The pivot of a form in the admin: chosen periods (a monthly form also by quarter, 6 and 9
 * months and year), every unit down the hierarchy, targets reached, a chart of one indicator over
 * the periods, and its XLSX. Pages only; every rule is in the service.
 */
import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import { formatNumber, todayVn } from '../../lib/vi.js';
import { ColumnChart } from '../../web/charts.js';
import { type AppEnv, type Ctx } from '../../web/context.js';
import { list, pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { contentDisposition } from '../files/files.service.js';
import { periodsOfYear, previousPeriod, type Period } from './reporting.periods.js';
import * as reporting from './reporting.service.js';
import type { PeriodType } from './reporting.table.js';
import { safeCell, workbookBuffer } from '../../lib/cells.js';
import { base, numberOf } from './reporting.admin.view.js';

async function pivotWorkbook(p: reporting.Pivot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tổng hợp');
  ws.addRow([p.form.name]).font = { bold: true };
  const targets = p.rows.some((r) => r.target);
  ws.addRow(['Chỉ tiêu', 'Đơn vị tính', 'Đơn vị', ...p.periods.map((x) => x.label), ...(targets ? [`Chỉ tiêu giao năm ${p.periods[p.periods.length - 1]?.year}`, 'Đã đạt', 'Tỷ lệ (%)'] : [])]).font = { bold: true };
  for (const r of p.rows) {
    // text that a spreadsheet would read as a formula is written as text (workbookBuffer checks every cell again)
    const row = ws.addRow([
      safeCell(r.indicator.name),
      r.indicator.unit ?? '',
      `${'  '.repeat(r.unit.depth)}${String(safeCell(r.unit.name))}`,
      ...r.values.map(safeCell),
      ...(targets ? (r.target ? [r.target.value, r.target.reached, r.target.percent] : ['', '', '']) : []),
    ]);
    // decimals and averages keep their fraction; counts and money are whole
    const fmt = r.indicator.type === 'decimal' || r.indicator.rollup === 'avg' ? '#,##0.##' : '#,##0';
    for (let i = 4; i < 4 + p.periods.length; i++) row.getCell(i).numFmt = fmt;
  }
  ws.getColumn(1).width = 48;
  ws.getColumn(3).width = 30;
  for (let i = 4; i < 4 + p.periods.length; i++) ws.getColumn(i).width = 16;
  return workbookBuffer(wb);
}

/** The periods asked for, or the six latest with reports. */
async function pivotPeriods(c: Ctx, form: string): Promise<string[]> {
  const asked = list(c.req.queries('ky') ?? []).filter(Boolean).slice(0, 24);
  if (asked.length) return asked;
  const { latest } = await reporting.periodChoices(c.var.deps.db.db, form);
  const out: string[] = [];
  for (let p = latest; out.length < 6 && p.year === latest.year; p = previousPeriod(p)) out.unshift(p.key);
  return out;
}

/** What the pivot's period boxes offer: the form's periods, and for a monthly form the quarters, 6 and 9 months and years of the same years. */
async function pivotChoices(c: Ctx, form: string, type: PeriodType): Promise<Period[]> {
  const own = (await reporting.periodChoices(c.var.deps.db.db, form)).periods;
  if (type !== 'month') return own;
  const years = [...new Set(own.map((p) => p.year))];
  const today = todayVn();
  return [...years.flatMap((y) => [...periodsOfYear('year', y), ...periodsOfYear('nine', y), ...periodsOfYear('half', y), ...periodsOfYear('quarter', y)].filter((p) => p.from <= today)), ...own];
}

/** The pivot page: the period boxes, the basis, the chart of one indicator and the table. */
async function pivotPage(c: Ctx, form: string) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const f = await reporting.getForm(db, actor, form);
  const basis = c.req.query('co_so') === 'da-duyet' ? 'approved' : 'all';
  const p = await reporting.pivot(db, actor, { form, periods: await pivotPeriods(c, form), basis });
  const choices = await pivotChoices(c, form, f.periodType as PeriodType);
  const chosen = c.req.query('chi_tieu') ?? p.form.indicators.find((i) => i.type !== 'text')?.code;
  const hasTargets = p.rows.some((r) => r.target && (chosen === 'tat-ca' || r.indicator.code === chosen));
  const top = p.rows.find((r) => r.unit.depth === 0 && r.indicator.code === (chosen === 'tat-ca' ? p.form.indicators.find((i) => i.type !== 'text')?.code : chosen));
  const qs = new URLSearchParams([...p.periods.map((x): [string, string] => ['ky', x.key]), ...(basis === 'approved' ? [['co_so', 'da-duyet'] as [string, string]] : [])]).toString();
  return render(
    c,
    <AdminLayout c={c} title={`Tổng hợp: ${f.name}`} active="bao-cao">
      <form method="get" action={`${base(form)}/tong-hop`} class="card filters">
        <details class="wide">
          <summary>Các kỳ: {p.periods.map((x) => x.label).join(', ')}</summary>
          <p class="hint">Chọn kỳ của biểu mẫu; biểu mẫu tháng còn cộng được theo quý, 6 tháng, 9 tháng và năm.</p>
          <div class="checkbox-grid">
            {choices
              .filter((x, i, a) => a.findIndex((y) => y.key === x.key) === i)
              .slice(0, 60)
              .map((x) => (
                <label class="checkbox">
                  <input type="checkbox" name="ky" value={x.key} checked={p.periods.some((y) => y.key === x.key)} /> {x.label}
                </label>
              ))}
          </div>
        </details>
        <input type="hidden" name="chi_tieu" value={chosen ?? ''} />
        <label for="f-co-so">Tính số liệu</label>
        <select id="f-co-so" name="co_so">
          <option value="">Báo cáo đã nộp và đã duyệt</option>
          <option value="da-duyet" selected={basis === 'approved'}>
            Chỉ báo cáo đã duyệt
          </option>
        </select>
        <button type="submit">Xem</button>
        <a class="button secondary" href={`${base(form)}/tong-hop.xlsx?${qs}`}>
          Tải Excel
        </a>
      </form>
      {top ? (
        <div class="card">
          <form method="get" action={`${base(form)}/tong-hop`} class="filters">
            {p.periods.map((x) => (
              <input type="hidden" name="ky" value={x.key} />
            ))}
            <label for="f-chi-tieu">Chỉ tiêu</label>
            <select id="f-chi-tieu" name="chi_tieu">
              <option value="tat-ca" selected={chosen === 'tat-ca'}>
                Tất cả (bảng đầy đủ)
              </option>
              {p.form.indicators
                .filter((i) => i.type !== 'text')
                .map((i) => (
                  <option value={i.code} selected={i.code === chosen}>
                    {i.name}
                  </option>
                ))}
            </select>
            {basis === 'approved' ? <input type="hidden" name="co_so" value="da-duyet" /> : null}
            <button type="submit" class="secondary">
              Xem
            </button>
          </form>
          <ColumnChart title={`${top.indicator.name} — ${f.unitName}`} data={p.periods.map((x, i) => ({ label: x.short, value: typeof top.values[i] === 'number' ? (top.values[i]) : 0 }))} />
        </div>
      ) : null}
      <div class="card table-scroll">
        <table class="pivot">
          <thead>
            <tr>
              <th scope="col">Chỉ tiêu</th>
              <th scope="col">Đơn vị</th>
              {p.periods.map((x) => (
                <th scope="col">{x.label}</th>
              ))}
              {hasTargets ? <th scope="col">Chỉ tiêu giao năm {p.periods[p.periods.length - 1]?.year} (đã đạt)</th> : null}
            </tr>
          </thead>
          <tbody>
            {p.rows
              .filter((r) => chosen === 'tat-ca' || r.indicator.code === chosen)
              .map((r) => (
              <tr class={r.unit.depth === 0 ? 'total' : ''}>
                <td>{r.unit.depth === 0 ? r.indicator.name : ''}</td>
                <td class={`depth-${Math.min(r.unit.depth, 4)}`}>{r.unit.name}</td>
                {r.values.map((v) => (
                  <td class="num">{r.indicator.type === 'money' && typeof v === 'number' ? `${formatNumber(v)} đ` : numberOf(v)}</td>
                ))}
                {hasTargets ? <td class="num">{r.target ? `${formatNumber(r.target.value)} (${formatNumber(r.target.reached)}, ${formatNumber(r.target.percent)}%)` : ''}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </AdminLayout>,
  );
}

export const reportAnalysisAdmin = new Hono<AppEnv>()
  .get('/bao-cao/:form/tong-hop', (c) => pivotPage(c, c.req.param('form')))
  .get('/bao-cao/:form/tong-hop.xlsx', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const form = c.req.param('form');
    const f = await reporting.getForm(db, actor, form);
    const p = await reporting.pivot(db, actor, { form, periods: await pivotPeriods(c, form), basis: c.req.query('co_so') === 'da-duyet' ? 'approved' : 'all' });
    return c.body(new Uint8Array(await pivotWorkbook(p)), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(`Tổng hợp ${f.code}.xlsx`, false),
    });
  });
