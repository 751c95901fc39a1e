/** @jsxImportSource hono/jsx */
/* One appraisal round in the admin: its filters, and the parts of its page (decisions, the team's progress, the proposal, the fields and their ranked models). */
import type { PresentedDecision, RankedModel } from './appraisal.service.js';
import type * as appraisal from './appraisal.service.js';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { type Ctx } from '../../web/context.js';
import { pageParam } from '../../web/api.js';
import { Csrf, Pager, SelectField } from '../../web/layout.js';

const enc = encodeURIComponent;
const pct = (x: number) => `${formatNumber(Math.round(x * 1000) / 10)}%`;

type Ranking = Awaited<ReturnType<typeof appraisal.ranking>>;

/** The round page's filters: a field, what to show of its models, and the page within a field. */
const ROUND_SHOW = { 'chua-cham': 'Chưa có phiếu chấm', 'da-cham': 'Đã có phiếu chấm', 'de-xuat': 'Được đề xuất' } as const;
type RoundShow = keyof typeof ROUND_SHOW;
/** Rows of a field shown when every field is on the page; a chosen field is paged by ROUND_PAGE. */
const ROUND_FIRST = 10;
const ROUND_PAGE = 50;

export function roundQuery(q: { field?: string | undefined; show?: string | undefined; page?: number | undefined }): string {
  const p = new URLSearchParams();
  if (q.field) p.set('linh_vuc', q.field);
  if (q.show) p.set('hien', q.show);
  if (q.page && q.page > 1) p.set('trang', String(q.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** What the round page shows of the ranking under its filters: the fields with their counts, the rows on screen, and the proposed models off it. */
export function roundSelection(r: Ranking, q: Record<string, string | undefined>) {
  // filters: unknown values are ignored
  const field = r.byField.find((f) => f.code === q.linh_vuc)?.code;
  const show: RoundShow | undefined = q.hien && Object.hasOwn(ROUND_SHOW, q.hien) ? (q.hien as RoundShow) : undefined;
  const keep = (m: RankedModel) => (show === 'chua-cham' ? m.sheets === 0 : show === 'da-cham' ? m.sheets > 0 : show === 'de-xuat' ? m.proposed : true);
  const fields = r.byField.map((f) => ({ ...f, ranked: f.models.map((m, i) => ({ m, rank: i + 1 })), scored: f.models.filter((m) => m.sheets > 0).length, proposed: f.models.filter((m) => m.proposed).length }));
  const shownFields = fields.filter((f) => !field || f.code === field);
  const pageOf = (n: number) => Math.max(1, Math.ceil(n / ROUND_PAGE));
  const selected = shownFields.map((f) => {
    const rows = f.ranked.filter((x) => keep(x.m));
    const page = field ? Math.min(pageParam(q.trang), pageOf(rows.length)) : 1;
    return { ...f, rows, page, visible: field ? rows.slice((page - 1) * ROUND_PAGE, page * ROUND_PAGE) : rows.slice(0, ROUND_FIRST) };
  });
  const visibleCodes = new Set(selected.flatMap((f) => f.visible.map((x) => x.m.code)));
  // proposed models not on the screen stay proposed when the form is saved
  const hiddenProposed = r.byField.flatMap((f) => f.models).filter((m) => m.proposed && !visibleCodes.has(m.code));
  const here = roundQuery({ field, show, page: selected[0]?.page });
  return { field, show, fields, selected, hiddenProposed, here };
}

type Selection = ReturnType<typeof roundSelection>;
type FieldRows = Selection['selected'][number];

/** The round's reward decisions, or a line saying it has none yet. */
export function RoundDecisions({ decisions }: { decisions: PresentedDecision[] }) {
  return decisions.length ? (
    <p class="round-decisions">
      Quyết định khen thưởng của đợt:{' '}
      {decisions.map((d, i) => (
        <>
          {i ? '; ' : ''}
          <a href={`/quan-tri/khen-thuong/${enc(d.number)}`}>
            số {d.number} ngày {formatDate(d.date)}
          </a>{' '}
          ({d.statusLabel.toLowerCase()}, {formatNumber(d.models.length)} mô hình)
        </>
      ))}
    </p>
  ) : (
    <p class="muted">Đợt này chưa có quyết định khen thưởng.</p>
  );
}

/** The team's scoring progress: sheets submitted and missing per appraiser, with totals. */
export function RoundProgress({ r }: { r: Ranking }) {
  return (
    <section class="card">
      <h2>Tiến độ chấm điểm ({formatNumber(r.eligible)} mô hình đủ điều kiện)</h2>
      <table class="responsive">
        <thead>
          <tr>
            <th>Thành viên tổ thẩm định</th>
            <th class="num">Đã nộp</th>
            <th class="num">Phải chấm</th>
            <th>Còn thiếu</th>
          </tr>
        </thead>
        <tbody>
          {r.progress.map((p) => (
            <tr>
              <td data-label="Thành viên">
                {p.fullName} <span class="muted">({p.unitName})</span>
              </td>
              <td data-label="Đã nộp" class="num">
                {formatNumber(p.submitted)}
              </td>
              <td data-label="Phải chấm" class="num">
                {formatNumber(p.toScore)}
              </td>
              <td data-label="Còn thiếu">{p.missing.length ? `${p.missing.slice(0, 8).join(', ')}${p.missing.length > 8 ? ` và ${formatNumber(p.missing.length - 8)} mô hình khác` : ''}` : 'Đã chấm đủ'}</td>
            </tr>
          ))}
        </tbody>
        {r.progress.length ? (
          <tfoot>
            <tr class="total">
              <th scope="row">Tổng cộng</th>
              <td data-label="Đã nộp" class="num">
                {formatNumber(r.progress.reduce((n, p) => n + p.submitted, 0))}
              </td>
              <td data-label="Phải chấm" class="num">
                {formatNumber(r.progress.reduce((n, p) => n + p.toScore, 0))}
              </td>
              <td data-label="Còn thiếu">{formatNumber(r.progress.reduce((n, p) => n + p.missing.length, 0))} phiếu</td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </section>
  );
}

/** The proposal (tờ trình) in figures, its warnings, and the downloads and actions on it. */
export function RoundProposal({ c, r, code, here, manage, open, decide }: { c: Ctx; r: Ranking; code: string; here: string; manage: boolean; open: boolean; decide: boolean }) {
  return (
    <section class="card">
      <h2>Đề xuất khen thưởng (tờ trình)</h2>
      <p>
        Đề xuất {formatNumber(r.proposal.total)} mô hình, bằng {pct(r.proposal.share)} số mô hình đủ điều kiện; theo lĩnh vực: {r.proposal.byField.map((f) => `${f.name} ${formatNumber(f.count)}`).join('; ')}.
        {r.proposal.byHand ? ` ${formatNumber(r.proposal.byHand)} mô hình được chọn ngoài chỉ tiêu, có lý do.` : ''}
      </p>
      {r.proposal.alreadyRewarded.length ? <p class="error-summary">Cảnh báo — đã được khen thưởng: {r.proposal.alreadyRewarded.map((x) => `"${x.name}" (QĐ ${x.number})`).join('; ')}</p> : null}
      <div class="actions">
        {r.proposal.total ? (
          <a class="button secondary" href={`/quan-tri/tham-dinh/${enc(code)}/to-trinh.docx`}>
            Tải tờ trình (.docx)
          </a>
        ) : null}
        {r.proposal.total ? (
          <a class="button secondary" href={`/quan-tri/tham-dinh/${enc(code)}/de-xuat.xlsx`}>
            Tải danh sách đề xuất (.xlsx)
          </a>
        ) : null}
        {manage && open ? (
          <form method="post" action={`/quan-tri/tham-dinh/${enc(code)}/de-xuat${here}`} class="inline">
            <Csrf c={c} />
            <input type="hidden" name="mode" value="auto" />
            <button type="submit">Đề xuất theo chỉ tiêu, điểm</button>
          </form>
        ) : null}
        {decide && open && r.proposal.total ? (
          <a class="button secondary" href={`/quan-tri/khen-thuong/moi?dot=${enc(code)}`}>
            Dự thảo quyết định khen thưởng
          </a>
        ) : null}
      </div>
    </section>
  );
}

/** The fields with their counts (eligible, scored, proposed, quota), totals, and the page's filter form. */
export function RoundFields({ r, code, s }: { r: Ranking; code: string; s: Selection }) {
  const { fields, field, show } = s;
  const scoredTotal = fields.reduce((n, f) => n + f.scored, 0);
  return (
    <section class="card">
      <h2>Theo lĩnh vực</h2>
      <table class="responsive round-fields">
        <thead>
          <tr>
            <th>Lĩnh vực</th>
            <th class="num">Đủ điều kiện</th>
            <th class="num">Đã có phiếu chấm</th>
            <th class="num">Chưa có phiếu</th>
            <th class="num">Đề xuất</th>
            <th class="num">Chỉ tiêu</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr>
              <td data-label="Lĩnh vực">
                <a href={`/quan-tri/tham-dinh/${enc(code)}${roundQuery({ field: f.code, show })}`}>{f.name}</a>
              </td>
              <td data-label="Đủ điều kiện" class="num">
                {formatNumber(f.models.length)}
              </td>
              <td data-label="Đã có phiếu chấm" class="num">
                {formatNumber(f.scored)}
              </td>
              <td data-label="Chưa có phiếu" class="num">
                {formatNumber(f.models.length - f.scored)}
              </td>
              <td data-label="Đề xuất" class="num">
                {formatNumber(f.proposed)}
              </td>
              <td data-label="Chỉ tiêu" class="num">
                {f.quota === null ? '—' : formatNumber(f.quota)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total">
            <th scope="row">Tổng cộng</th>
            <td data-label="Đủ điều kiện" class="num">
              {formatNumber(r.eligible)}
            </td>
            <td data-label="Đã có phiếu chấm" class="num">
              {formatNumber(scoredTotal)}
            </td>
            <td data-label="Chưa có phiếu" class="num">
              {formatNumber(r.eligible - scoredTotal)}
            </td>
            <td data-label="Đề xuất" class="num">
              {formatNumber(r.proposal.total)}
            </td>
            <td data-label="Chỉ tiêu" class="num">
              {fields.some((f) => f.quota !== null) ? formatNumber(fields.reduce((n, f) => n + (f.quota ?? 0), 0)) : '—'}
            </td>
          </tr>
        </tfoot>
      </table>
      <form method="get" action={`/quan-tri/tham-dinh/${enc(code)}`} class="filters">
        <SelectField name="linh_vuc" label="Lĩnh vực" value={field} issues={[]} empty="Tất cả (mỗi lĩnh vực 10 mô hình đầu)" options={r.byField.map((f) => ({ value: f.code, label: f.name }))} />
        <SelectField name="hien" label="Hiện" value={show} issues={[]} empty="Mọi mô hình" options={Object.entries(ROUND_SHOW).map(([value, label]) => ({ value, label }))} />
        <button type="submit">Lọc</button>
      </form>
    </section>
  );
}

/** The ranked models of one field on screen: score, band, sheets, and the proposal box (or badge). */
function RankingTable({ f, code, member, manage, open, years }: { f: FieldRows; code: string; member: boolean; manage: boolean; open: boolean; years: boolean }) {
  return (
    <table class="responsive">
      <thead>
        <tr>
          <th class="num">Hạng</th>
          <th>Mô hình</th>
          <th class="num">Điểm TB</th>
          <th>Xếp loại</th>
          <th class="num">Phiếu</th>
          <th>Đề xuất</th>
        </tr>
      </thead>
      <tbody>
        {f.visible.map(({ m, rank }) => (
          <tr>
            <td data-label="Hạng" class="num">
              {rank}
            </td>
            <td data-label="Mô hình">
              {member && open ? <a href={`/quan-tri/tham-dinh/${enc(code)}/cham/${enc(m.code)}`}>{m.name}</a> : <a href={`/quan-tri/mo-hinh/${enc(m.code)}`}>{m.name}</a>}
              <span class="muted">
                {' '}
                — {m.carriedOutBy}
                {years ? ` · năm ${m.campaignYear}` : ''}
              </span>
              {m.rewardedIn ? <span class="badge ok"> QĐ {m.rewardedIn}</span> : null}
            </td>
            <td data-label="Điểm TB" class="num">
              {m.mean === null ? '—' : formatNumber(m.mean)}
            </td>
            <td data-label="Xếp loại">{m.band ?? ''}</td>
            <td data-label="Phiếu" class="num">
              {m.sheets}
            </td>
            <td data-label="Đề xuất">
              {manage && open ? (
                <>
                  <label class="checks">
                    <input type="checkbox" name="models" value={m.code} checked={m.proposed} /> Đề xuất
                  </label>
                  <input name={`reason_${m.code}`} value={m.byHandReason ?? ''} placeholder="Lý do, nếu ngoài chỉ tiêu" aria-label={`Lý do đề xuất ${m.name}`} />
                </>
              ) : m.proposed ? (
                <span class="badge ok">Đề xuất{m.byHandReason ? ` (${m.byHandReason})` : ''}</span>
              ) : (
                ''
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One field's section: how many of its models match, the ranked rows on screen, and the link or pager to the rest. */
function RoundFieldSection({ f, code, s, member, manage, open, years }: { f: FieldRows; code: string; s: Selection; member: boolean; manage: boolean; open: boolean; years: boolean }) {
  const { field, show } = s;
  return (
    <section class="card">
      <h2>
        {f.name} {f.quota !== null ? <span class="muted">(chỉ tiêu đề xuất: {f.quota})</span> : null}
      </h2>
      <p class="muted">
        {show ? `${ROUND_SHOW[show]}: ${formatNumber(f.rows.length)} trong ${formatNumber(f.models.length)} mô hình` : `${formatNumber(f.models.length)} mô hình`}
        {f.rows.length > f.visible.length ? ` — đang hiện hạng ${formatNumber(f.visible[0]!.rank)} đến ${formatNumber(f.visible[f.visible.length - 1]!.rank)}` : ''}
      </p>
      {f.visible.length ? <RankingTable f={f} code={code} member={member} manage={manage} open={open} years={years} /> : <p class="muted">{f.models.length ? 'Không có mô hình nào khớp bộ lọc.' : 'Không có mô hình đủ điều kiện.'}</p>}
      {!field && f.rows.length > f.visible.length ? (
        <p>
          <a href={`/quan-tri/tham-dinh/${enc(code)}${roundQuery({ field: f.code, show })}`}>
            Xem tất cả {formatNumber(f.rows.length)} mô hình {f.name} ›
          </a>
        </p>
      ) : null}
      {field ? <Pager page={f.page} pageSize={ROUND_PAGE} total={f.rows.length} href={(n) => `/quan-tri/tham-dinh/${enc(code)}${roundQuery({ field, show, page: n })}`} /> : null}
    </section>
  );
}

/** The hand-picked proposal form: every field's section on screen, the proposed models off screen kept as hidden inputs, and the save button. */
/** years: the round ranks the models of several years (a phase's): each says its year */
export function RoundProposalForm({ c, code, s, member, manage, open, years }: { c: Ctx; code: string; s: Selection; member: boolean; manage: boolean; open: boolean; years: boolean }) {
  return (
    <form method="post" action={`/quan-tri/tham-dinh/${enc(code)}/de-xuat${s.here}`} novalidate>
      <Csrf c={c} />
      <input type="hidden" name="mode" value="manual" />
      {manage && open
        ? s.hiddenProposed.map((m) => (
            <>
              <input type="hidden" name="models" value={m.code} />
              {m.byHandReason ? <input type="hidden" name={`reason_${m.code}`} value={m.byHandReason} /> : null}
            </>
          ))
        : null}
      {s.selected.map((f) => (
        <RoundFieldSection f={f} code={code} s={s} member={member} manage={manage} open={open} years={years} />
      ))}
      {manage && open ? (
        <div class="actions card">
          <button type="submit">Lưu đề xuất đã chọn</button>
          <span class="hint">Mô hình chọn ngoài chỉ tiêu hoặc dưới điểm sàn cần ghi lý do. Các mô hình đã đề xuất không hiện trên trang này vẫn được giữ.</span>
        </div>
      ) : null}
    </form>
  );
}
