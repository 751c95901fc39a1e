/** @jsxImportSource hono/jsx */
/**
 * The briefing pack (tài liệu giao ban) in the admin: a quarter's or 6 months' key figures, the
 * table per unit, who reported late, projects behind schedule, models without updates, overdue
 * conclusions and issues; each long section's whole list; and its Word file.
 */
import { Hono } from 'hono';
import { AppError, fieldError } from '../../lib/errors.js';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { type AppEnv, type Ctx } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { contentDisposition } from '../files/files.service.js';
import { type Period } from '../reporting/reporting.periods.js';
import * as reporting from '../reporting/reporting.service.js';
import { BRIEFING_FIRST_ROWS, briefingChoices, briefingPack, lateList, resourcesSentence, type BriefingPack } from './briefing.service.js';
import { briefingDocx } from './briefing.documents.js';
import { base, ComparisonTable, enc } from '../reporting/reporting.admin.view.js';

/** The part of a period key after its year, as the period picker sends it: "Q3", "H1", "9T", "" (the year). */
const partOf = (p: Period) => p.key.slice(5);
/** "Quý III", "6 tháng đầu năm", "Cả năm" — a period's name within its year. */
const partLabel = (p: Period) => (p.type === 'year' ? 'Cả năm' : p.label.replace(/\/\d{4}$/, '').replace(/ năm \d{4}$/, ' năm'));

/**
 * The period of the briefing pack: `ky` (a whole key, as links and the Word download carry it),
 * else the year and period chosen in the pickers (a year with reports and a period it has no
 * reports for opens on that year's latest), else the latest period with reports.
 */
async function briefingPeriod(c: Ctx, form: string): Promise<string> {
  const asked = c.req.query('ky');
  if (asked) return asked;
  const db = c.var.deps.db.db;
  const choices = await briefingChoices(db, pageActor(c), form);
  const year = c.req.query('nam') ?? '';
  const part = c.req.query('dot') ?? '';
  if (year) {
    if (!/^\d{4}$/.test(year)) throw fieldError('nam', `Năm: "${year}" không phải một năm`);
    const key = part ? `${year}-${part}` : year;
    if (choices.periods.some((p) => p.key === key) || !choices.years.includes(Number(year))) return key;
    return choices.latestOfYear.get(Number(year))!.key;
  }
  if (choices.latest) return choices.latest.key;
  const f = await reporting.getForm(db, pageActor(c), form);
  const { latest } = await reporting.periodChoices(db, form);
  return f.periodType === 'month' ? `${latest.year}-H1` : latest.key;
}

/** A long section: its first rows, and a link to all of them. */
function SeeAll({ href, shown, total, noun }: { href: string; shown: number; total: number; noun: string }) {
  return total > shown ? (
    <p class="see-all">
      Đang hiện {formatNumber(shown)}/{formatNumber(total)} {noun}. <a href={href}>Xem tất cả {formatNumber(total)} {noun} ›</a>
    </p>
  ) : null;
}

const BRIEFING_LISTS: Record<string, string> = { 'nop-bao-cao': 'Đơn vị nộp muộn hoặc chưa nộp báo cáo', 'du-an-cham': 'Dự án giải phóng mặt bằng chậm tiến độ', 'mo-hinh': 'Mô hình chưa cập nhật tiến độ trong kỳ' };

/** The whole of one long section of the briefing pack ("xem tất cả"), numbered. */
async function briefingListPage(c: Ctx, form: string, what: string) {
  const title = BRIEFING_LISTS[what];
  if (!title) throw new AppError(404, 'not_found', 'Không có danh sách này trong tài liệu giao ban.');
  const b = await briefingPack(c.var.deps.db.db, pageActor(c), { form, period: await briefingPeriod(c, form), rows: BRIEFING_ALL_ROWS });
  const back = `${base(form)}/giao-ban?ky=${enc(b.period.key)}`;
  // the models: a page of BRIEFING_PAGE at a time
  const pages = Math.max(1, Math.ceil(b.withoutUpdates.items.length / BRIEFING_PAGE));
  const pageNo = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('trang') ?? '1', 10) || 1));
  const first = (pageNo - 1) * BRIEFING_PAGE;
  const pageUrl = (n: number) => `${base(form)}/giao-ban/${what}?ky=${enc(b.period.key)}&trang=${n}`;
  return render(
    c,
    <AdminLayout c={c} title={`${title} — ${b.period.label}`} active="bao-cao">
      <p>
        <a href={back}>← Tài liệu giao ban {b.period.label}</a>
      </p>
      <div class="card table-scroll">
        {what === 'nop-bao-cao' ? (
          <table class="responsive briefing-list">
            <thead>
              <tr>
                <th class="num">STT</th>
                <th>Đơn vị</th>
                <th>Kỳ báo cáo</th>
                <th>Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {b.reporting
                .flatMap((r) => [...r.late.map((l) => ({ unit: l.unit, period: r.period, state: `Nộp muộn ${formatNumber(l.days)} ngày` })), ...r.missing.map((m) => ({ unit: m, period: r.period, state: 'Chưa nộp' }))])
                .map((l, i) => (
                  <tr>
                    <td data-label="STT" class="num">{formatNumber(i + 1)}</td>
                    <td data-label="Đơn vị">{l.unit}</td>
                    <td data-label="Kỳ báo cáo">{l.period}</td>
                    <td data-label="Tình trạng">{l.state}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ) : what === 'du-an-cham' ? (
          <table class="responsive briefing-list">
            <thead>
              <tr>
                <th class="num">STT</th>
                <th>Dự án</th>
                <th>Đơn vị</th>
                <th>Loại</th>
                <th class="num">Bước quá hạn</th>
              </tr>
            </thead>
            <tbody>
              {b.behindSchedule.map((p, i) => (
                <tr>
                  <td data-label="STT" class="num">{formatNumber(i + 1)}</td>
                  <td data-label="Dự án">
                    <a href={`/quan-tri/gpmb/${enc(p.code)}`}>{p.name}</a>
                  </td>
                  <td data-label="Đơn vị">{p.unitName}</td>
                  <td data-label="Loại">{p.categoryLabel}</td>
                  <td data-label="Bước quá hạn" class="num">{formatNumber(p.overdue)}</td>
                </tr>
              ))}
              <tr class="total">
                <td></td>
                <td colspan={3}>Tổng cộng: {formatNumber(b.behindSchedule.length)} dự án</td>
                <td class="num">{formatNumber(b.behindSchedule.reduce((a, p) => a + p.overdue, 0))}</td>
              </tr>
            </tbody>
          </table>
        ) : (
          <>
            <table class="briefing-list">
              <thead>
                <tr>
                  <th class="num">STT</th>
                  <th>Mô hình</th>
                  <th>Đơn vị</th>
                </tr>
              </thead>
              <tbody>
                {b.withoutUpdates.items.slice(first, first + BRIEFING_PAGE).map((m, i) => (
                  <tr>
                    <td data-label="STT" class="num">{formatNumber(first + i + 1)}</td>
                    <td data-label="Mô hình">
                      <a href={`/quan-tri/mo-hinh/${enc(m.code)}`}>{m.name}</a>
                    </td>
                    <td data-label="Đơn vị">{m.unitName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              Tổng cộng: <strong>{formatNumber(b.withoutUpdates.total)}</strong> mô hình chưa cập nhật tiến độ trong {b.period.label.charAt(0).toLowerCase() + b.period.label.slice(1)}
              {b.withoutUpdates.total > b.withoutUpdates.items.length ? ` (hiện ${formatNumber(b.withoutUpdates.items.length)} mô hình đăng ký sớm nhất)` : ''}.
            </p>
            {pages > 1 ? (
              <nav class="pager" aria-label="Trang">
                {pageNo > 1 ? <a href={pageUrl(pageNo - 1)}>‹ Trang trước</a> : null} Trang {formatNumber(pageNo)}/{formatNumber(pages)} ({formatNumber(first + 1)}–{formatNumber(Math.min(first + BRIEFING_PAGE, b.withoutUpdates.items.length))}){' '}
                {pageNo < pages ? <a href={pageUrl(pageNo + 1)}>Trang sau ›</a> : null}
              </nav>
            ) : null}
          </>
        )}
      </div>
    </AdminLayout>,
  );
}

/** How many rows "xem tất cả" reads at most, and shows on a page. */
const BRIEFING_ALL_ROWS = 5000;
const BRIEFING_PAGE = 50;

/** A figure of the pack: "—" when unknown, money in whole đồng, others as their indicator shows them. */
const num = (type: string, v: number | string | null) => (v === null ? '—' : typeof v === 'string' ? v : type === 'money' ? formatNumber(Math.round(v)) : reporting.formatValue(type, String(Math.round(v * 100) / 100)));

/** The pickers of the year and the period, and the Word download. */
function BriefingPicker({ b, form, years, parts, choices }: { b: BriefingPack; form: string; years: number[]; parts: Period[]; choices: { years: number[] } }) {
  return (
    <>
      <form method="get" action={`${base(form)}/giao-ban`} class="card filters">
        <label for="f-nam">Năm</label>
        <select id="f-nam" name="nam">
          {years.map((y) => (
            <option value={String(y)} selected={y === b.period.year}>
              {y}
            </option>
          ))}
        </select>
        <label for="f-dot">Kỳ giao ban</label>
        <select id="f-dot" name="dot">
          {parts.map((p) => (
            <option value={partOf(p)} selected={p.key === b.period.key}>
              {partLabel(p)}
            </option>
          ))}
        </select>
        <button type="submit">Xem</button>
        <a class="button secondary" href={`${base(form)}/giao-ban.docx?ky=${enc(b.period.key)}`}>
          Tải Word (.docx)
        </a>
      </form>
      {choices.years.length ? (
        <p class="hint">Có báo cáo các năm {choices.years.join(', ')}; chọn năm rồi bấm "Xem" để xem kỳ mới nhất của năm đó.</p>
      ) : (
        <p class="hint">Biểu mẫu này chưa có báo cáo nào.</p>
      )}
    </>
  );
}

/** Section 2: each reporting unit's figure per number indicator, and the total. */
function UnitFigures({ b }: { b: BriefingPack }) {
  return (
    <>
      <h3>2. Số liệu theo đơn vị</h3>
      <div class="table-scroll">
        <table class="pivot briefing-units">
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              {b.table.indicators.map((i) => (
                <th scope="col">
                  {i.name}
                  {i.unit ? <span class="muted"> ({i.unit})</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.table.rows.map((r) => (
              <tr>
                <th scope="row" class="unit-name">
                  {r.unit}
                </th>
                {r.values.map((v, j) => (
                  <td class="num">{num(b.table.indicators[j]!.type, v)}</td>
                ))}
              </tr>
            ))}
            <tr class="total">
              <th scope="row" class="unit-name">
                Tổng cộng
              </th>
              {b.table.total.map((v, j) => (
                <td class="num">{num(b.table.indicators[j]!.type, v)}</td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Section 3: who reported, late or not at all. */
function ReportingSection({ b, list }: { b: BriefingPack; list: (what: string) => string }) {
  const late = lateList(b);
  const lateShown = late.slice(0, BRIEFING_FIRST_ROWS);
  const lateCount = b.reporting.reduce((a, r) => a + r.late.length, 0);
  const missingCount = b.reporting.reduce((a, r) => a + r.missing.length, 0);
  return (
    <>
      <h3>3. Tình hình nộp báo cáo</h3>
      <ul>
        {b.reporting.map((r) => (
          <li>
            {r.period}: {r.summary}
          </li>
        ))}
      </ul>
      {late.length ? (
        <>
          <p>
            Đơn vị nộp muộn hoặc chưa nộp: {formatNumber(lateCount)} lượt nộp muộn, {formatNumber(missingCount)} lượt chưa nộp.
          </p>
          <ul class="late-list">
            {lateShown.map((l) => (
              <li>{l}</li>
            ))}
          </ul>
          <SeeAll href={list('nop-bao-cao')} shown={lateShown.length} total={late.length} noun="lượt" />
        </>
      ) : (
        <p>Các đơn vị đều nộp báo cáo đúng hạn.</p>
      )}
    </>
  );
}

/** Section 4: land-clearance projects behind schedule, the first ones. */
function BehindSchedule({ b, list }: { b: BriefingPack; list: (what: string) => string }) {
  return (
    <>
      <h3>4. Dự án giải phóng mặt bằng chậm tiến độ ({formatNumber(b.behindSchedule.length)})</h3>
      {b.behindSchedule.length ? (
        <>
          <ul>
            {b.behindSchedule.slice(0, BRIEFING_FIRST_ROWS).map((p) => (
              <li>
                <a href={`/quan-tri/gpmb/${enc(p.code)}`}>{p.name}</a> — {p.unitName} ({p.categoryLabel.toLowerCase()}, {formatNumber(p.overdue)} bước quá hạn)
              </li>
            ))}
          </ul>
          <SeeAll href={list('du-an-cham')} shown={Math.min(BRIEFING_FIRST_ROWS, b.behindSchedule.length)} total={b.behindSchedule.length} noun="dự án" />
        </>
      ) : (
        <p>Không có dự án chậm tiến độ.</p>
      )}
    </>
  );
}

/** Section 5: models with no progress update in the period, per unit and the first ones. */
function WithoutUpdates({ b, list }: { b: BriefingPack; list: (what: string) => string }) {
  return (
    <>
      <h3>5. Mô hình chưa cập nhật tiến độ trong kỳ ({formatNumber(b.withoutUpdates.total)})</h3>
      <p class="briefing-resources">{resourcesSentence(b)}</p>
      {b.withoutUpdates.total ? (
        <>
          <table class="pivot briefing-counts">
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Số mô hình</th>
              </tr>
            </thead>
            <tbody>
              {b.withoutUpdates.byUnit.map((r) => (
                <tr>
                  <th scope="row" class="unit-name">
                    {r.unit}
                  </th>
                  <td class="num">{formatNumber(r.count)}</td>
                </tr>
              ))}
              <tr class="total">
                <th scope="row" class="unit-name">
                  Tổng cộng
                </th>
                <td class="num">{formatNumber(b.withoutUpdates.total)}</td>
              </tr>
            </tbody>
          </table>
          <p>{b.withoutUpdates.total > b.withoutUpdates.items.length ? `${formatNumber(b.withoutUpdates.items.length)} mô hình đăng ký sớm nhất:` : 'Gồm:'}</p>
          <ul class="without-updates">
            {b.withoutUpdates.items.map((m) => (
              <li>
                <a href={`/quan-tri/mo-hinh/${enc(m.code)}`}>Mô hình "{m.name}"</a> — {m.unitName}
              </li>
            ))}
          </ul>
          <SeeAll href={list('mo-hinh')} shown={b.withoutUpdates.items.length} total={b.withoutUpdates.total} noun="mô hình" />
        </>
      ) : (
        <p>Các mô hình đều có cập nhật tiến độ trong kỳ.</p>
      )}
    </>
  );
}

/** Section 6: conference conclusions past their due date and not done. */
function OverdueConclusions({ b }: { b: BriefingPack }) {
  return (
    <>
      <h3>6. Kết luận hội nghị quá hạn chưa thực hiện ({formatNumber(b.overdueConclusions.length)})</h3>
      {b.overdueConclusions.length ? (
        <ul class="overdue-conclusions">
          {b.overdueConclusions.map((k) => (
            <li>
              {k.content} — {k.ownerName}, hạn {formatDate(k.dueOn)} ({k.meeting})
            </li>
          ))}
        </ul>
      ) : (
        <p>Không có kết luận quá hạn.</p>
      )}
    </>
  );
}

/** Section 7: issues raised, resolved and still open in the period, per unit. */
function IssuesSection({ b }: { b: BriefingPack }) {
  const issueTotals = b.issues.rows.reduce((a, r) => ({ raised: a.raised + r.raised, resolved: a.resolved + r.resolved, open: a.open + r.open }), { raised: 0, resolved: 0, open: 0 });
  return (
    <>
      <h3>7. Vấn đề phát sinh, khó khăn vướng mắc</h3>
      <p>
        Trong kỳ ghi nhận {formatNumber(b.issues.total.raised)}, giải quyết {formatNumber(b.issues.total.resolved)}; cuối kỳ còn {formatNumber(b.issues.total.open)} vấn đề chờ giải quyết.
      </p>
      {b.issues.rows.length ? (
        <table class="pivot issue-counts">
          <thead>
            <tr>
              <th scope="col">Đơn vị</th>
              <th scope="col">Ghi nhận</th>
              <th scope="col">Đã giải quyết</th>
              <th scope="col">Còn chờ</th>
            </tr>
          </thead>
          <tbody>
            {b.issues.rows.map((r) => (
              <tr>
                <th scope="row" class="unit-name">
                  {r.unit}
                </th>
                <td class="num">{formatNumber(r.raised)}</td>
                <td class="num">{formatNumber(r.resolved)}</td>
                <td class="num">{formatNumber(r.open)}</td>
              </tr>
            ))}
            <tr class="total">
              <th scope="row" class="unit-name">
                Tổng cộng
              </th>
              <td class="num">{formatNumber(issueTotals.raised)}</td>
              <td class="num">{formatNumber(issueTotals.resolved)}</td>
              <td class="num">{formatNumber(issueTotals.open)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </>
  );
}

async function briefingPage(c: Ctx, form: string) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const b = await briefingPack(db, actor, { form, period: await briefingPeriod(c, form) });
  const choices = await briefingChoices(db, actor, form);
  const years = [...new Set([...choices.years, b.period.year])].sort((x, y) => y - x);
  const parts = choices.periods.filter((p) => p.year === b.period.year);
  if (!parts.some((p) => p.key === b.period.key)) parts.unshift(b.period);
  const list = (what: string) => `${base(form)}/giao-ban/${what}?ky=${enc(b.period.key)}`;
  return render(
    c,
    <AdminLayout c={c} title={`Tài liệu giao ban — ${b.period.label}`} active="bao-cao">
      <BriefingPicker b={b} form={form} years={years} parts={parts} choices={choices} />
      <article class="card paper briefing">
        <h2>
          {b.form.name} — {b.period.label}
        </h2>
        <p class="muted">Số liệu lập ngày {formatDate(b.madeOn)}, theo các báo cáo đã nộp (kỳ đã khóa sổ: số liệu khóa sổ).</p>
        <h3>1. Các chỉ tiêu chính</h3>
        <ComparisonTable label={b.period.label} lines={b.figures} />
        <UnitFigures b={b} />
        <ReportingSection b={b} list={list} />
        <BehindSchedule b={b} list={list} />
        <WithoutUpdates b={b} list={list} />
        <OverdueConclusions b={b} />
        <IssuesSection b={b} />
      </article>
    </AdminLayout>,
  );
}

export const briefingAdmin = new Hono<AppEnv>()
  .get('/bao-cao/:form/giao-ban', (c) => briefingPage(c, c.req.param('form')))
  .get('/bao-cao/:form/giao-ban/:what', (c) => briefingListPage(c, c.req.param('form'), c.req.param('what')))
  .get('/bao-cao/:form/giao-ban.docx', async (c) => {
    const form = c.req.param('form');
    const b = await briefingPack(c.var.deps.db.db, pageActor(c), { form, period: await briefingPeriod(c, form) });
    return c.body(new Uint8Array(await briefingDocx(b)), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': contentDisposition(`Giao ban ${b.period.label}.docx`, false),
    });
  });
