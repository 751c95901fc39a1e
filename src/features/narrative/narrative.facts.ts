/**
 * What the narrative report can say, as the names its template uses: every figure comes from
 * `campaignStats` (the function behind the public stats API), none is typed. In the HTML preview
 * each figure and list renders as a link to the filtered list that produced it (`toHTML`, which
 * Handlebars calls when it escapes), so an officer can check it before signing; in text it is the
 * Vietnamese number ("2.269") or the Vietnamese list ("a; b và c").
 */
import { formatDate, formatMoney, formatMoneyWords, formatNumber, joinVi } from '../../lib/vi.js';
import type { CampaignStats } from '../figures/figures.service.js';
import { RECOGNITION_LEVEL_LABELS } from '../models/models.service.js';
import { UNIT_SECTOR_LABELS } from '../units/units.service.js';

/** Text for HTML (content or attribute). */
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A counted figure: prints as "2.269", links to its list in the preview; `if` tests its value. */
export class Fig {
  constructor(
    readonly n: number,
    readonly href?: string,
  ) {}
  toString(): string {
    return formatNumber(this.n);
  }
  toHTML(): string {
    const text = formatNumber(this.n);
    return this.href ? `<a class="fig" href="${escapeHtml(this.href)}">${text}</a>` : text;
  }
}

/** A piece of text built from data (a list, a date), with optional links for its parts. */
export class Txt {
  constructor(
    readonly text: string,
    readonly html?: string,
  ) {}
  toString(): string {
    return this.text;
  }
  toHTML(): string {
    return this.html ?? escapeHtml(this.text);
  }
  get empty(): boolean {
    return this.text === '';
  }
}

const link = (href: string, text: string) => `<a class="fig" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
/** A Vietnamese list whose items may each link somewhere. */
const list = (items: { text: string; href?: string | undefined }[], sep = '; ') =>
  new Txt(joinVi(items.map((i) => i.text), sep), joinVi(items.map((i) => (i.href ? link(i.href, i.text) : escapeHtml(i.text))), sep));

/** "Quận Long Biên" → "quận Long Biên" in running text; other names stay as they are. */
const inSentence = (name: string) => name.replace(/^(Phường|Quận|Xã|Huyện|Thị xã|Thị trấn|Thành phố|Tỉnh)\s(?=\p{Lu})/u, (m) => m.toLowerCase());

/** "9 tháng đầu năm 2021", "6 tháng đầu năm 2021", "quý I năm 2021", "năm 2021" — from the dates. */
export function periodLabel(year: number, through: string): string {
  const [y, m, d] = through.split('-').map(Number) as [number, number, number];
  if (y > year) return `năm ${year}`;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d !== lastDay) return `từ đầu năm ${year} đến ngày ${formatDate(through)}`;
  if (m === 12) return `năm ${year}`;
  if (m === 3) return `quý I năm ${year}`;
  return `${m} tháng đầu năm ${year}`;
}

const TEAM_KEYS: Record<string, string> = { covidCommunity: 'covid', massMobilisation: 'dan_van', digitalCommunity: 'cong_nghe_so', selfManagement: 'tu_quan' };

export interface FactsOptions {
  /** the issuing party committee as named in running text, e.g. "Quận ủy" */
  committee: string;
  /** the same unit's previous campaign through the same day of its year, when there is one */
  previous?: CampaignStats | null;
  /** the campaign's periodic reports through the date: per indicator, its total and its change */
  reporting?: { period: string; href: string; lines: { code: string; value: number | null; changeLastYear: string | null; changePrevious: string | null }[] } | null;
  /** briefing conferences held in the period */
  briefings?: { title: string; heldOn: string; chair: string }[];
  /** the territory under the campaign's unit on the date (narrative.header.ts `territoryOf`) */
  territory?: { count: string; plural: string; grassroots: string } | null;
  /** the models rewarded by the decisions through the date: how many by holder, and the first few (NAMED) */
  rewarded?: { collective: number; individual: number; named: { code: string; name: string; by: string }[] } | null;
}

/**
 * How many models a report names: the exemplary models (or, when none is marked, the rewarded
 * ones) are counted by holder, then at most this many are named — the first in the register
 * book's order (model code; for rewarded models, the earliest decision first), which is the order
 * the seed article names them in — and the rest are counted ("và 10 mô hình tiêu biểu khác").
 */
export const NAMED = 5;

/** "13 mô hình tập thể, 2 mô hình cá nhân" (a holder with none is left out). */
const byHolder = (collective: number, individual: number) =>
  new Txt([collective ? `${formatNumber(collective)} mô hình tập thể` : '', individual ? `${formatNumber(individual)} mô hình cá nhân` : ''].filter(Boolean).join(', '));

/** The first NAMED models as a list: "a; b và c" when they are all, "a; b; c" when more follow ("… và N … khác"). */
const named = (items: { code: string; name: string; by: string }[], total: number) => {
  const shown = items.slice(0, NAMED).map((m) => ({ text: `mô hình “${m.name}” của ${inSentence(m.by)}`, href: `/quan-tri/mo-hinh/${encodeURIComponent(m.code)}` }));
  return total > shown.length ? new Txt(shown.map((i) => i.text).join('; '), shown.map((i) => link(i.href, i.text)).join('; ')) : list(shown);
};

/** "tăng 12%", "giảm 5%", "bằng" — a change against the same period last year. */
export function change(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'bằng' : 'tăng';
  const pct = Math.round(((now - before) * 100) / before);
  return pct === 0 ? 'bằng' : pct > 0 ? `tăng ${formatNumber(pct)}%` : `giảm ${formatNumber(-pct)}%`;
}

/** The template's names and their values, from the campaign's stats through the date. */
export function reportFacts(s: CampaignStats, o: FactsOptions) {
  const through = formatDate(s.through);
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const modelsHref = (extra: Record<string, string> = {}) => `/quan-tri/mo-hinh?${q({ chu_de: s.campaign.code, den: through, ...extra })}`;
  // the campaign's projects: those under way in its year (nam), as campaignClearance counts them
  const gpmbHref = (extra: Record<string, string> = {}) => `/quan-tri/gpmb?${q({ don_vi: s.campaign.unit, den: through, nam: String(s.campaign.year), ...extra })}`;
  const householdsHref = (state: string) => `/quan-tri/gpmb/ho-dan?${q({ don_vi: s.campaign.unit, den: through, nam: String(s.campaign.year), trang_thai: state })}`;
  const dialoguesHref = `/quan-tri/gpmb/doi-thoai?${q({ don_vi: s.campaign.unit, den: through, nam: String(s.campaign.year) })}`;
  const teamsHref = (kind: string) => `/quan-tri/to-doi?${q({ don_vi: s.campaign.unit, loai: kind })}`;
  const decisionHref = (number: string) => `/quan-tri/khen-thuong/${encodeURIComponent(number)}`;
  const teams: Record<string, { so_to: Fig; thanh_vien: Fig }> = {};
  for (const k of s.teams.byKind) {
    const key = TEAM_KEYS[k.kind];
    if (key) teams[key] = { so_to: new Fig(k.teams, teamsHref(k.kind)), thanh_vien: new Fig(k.members, teamsHref(k.kind)) };
  }
  for (const key of Object.values(TEAM_KEYS)) teams[key] ??= { so_to: new Fig(0), thanh_vien: new Fig(0) };
  const liveTeams = s.teams.byKind.filter((k) => k.teams > 0);
  const byField = s.models.byField.filter((f) => f.count > 0);
  const rewarded = s.rewards.byField.filter((f) => f.count > 0);
  const decisions = s.rewards.decisions;
  const gpmb = s.clearance;
  const count = (status: string) => gpmb.bySchedule.find((x) => x.status === status)?.count ?? 0;
  const category = (c: string) => gpmb.byCategory.find((x) => x.category === c)?.count ?? 0;
  const wards = s.units.find((u) => u.kind === 'ward')?.count ?? 0;
  const communes = s.units.find((u) => u.kind === 'commune')?.count ?? 0;
  return {
    don_vi: s.campaign.unitName,
    don_vi_trong_cau: inSentence(s.campaign.unitName),
    cap_uy: o.committee,
    chu_de: s.campaign.theme,
    nam: String(s.campaign.year),
    ky: periodLabel(s.campaign.year, s.through),
    den_ngay: through,
    ke_hoach: { so: s.campaign.plan?.number ?? '', ngay: formatDate(s.campaign.plan?.date), trich_yeu: s.campaign.plan?.title ?? '' },
    van_ban: {
      so_luong: new Fig(s.documents.length, `/quan-tri/van-ban?${q({ don_vi: s.campaign.unit, tu: `01/01/${s.campaign.year}`, den: through, ...(s.campaign.plan ? { tru: s.campaign.plan.number } : {}) })}`),
      danh_sach: list(s.documents.map((d) => ({ text: `${d.kind === 'CV' ? 'Công văn' : d.kind === 'HD' ? 'Hướng dẫn' : d.kind === 'KH' ? 'Kế hoạch' : d.kind === 'TB' ? 'Thông báo' : d.kind === 'CT' ? 'Chỉ thị' : d.kind === 'NQ' ? 'Nghị quyết' : d.kind === 'KL' ? 'Kết luận' : 'Văn bản'} số ${d.number} ngày ${formatDate(d.date)} của ${d.issuer} về ${lowerFirst(d.title)}` }))),
    },
    // the list of those dialogues: the campaign's projects (under way in its year) through the day
    doi_thoai: { so_buoi: new Fig(gpmb.dialogues, dialoguesHref), so_nguoi: new Fig(gpmb.dialogueParticipants, dialoguesHref) },
    to_doi: {
      tong: new Fig(s.teams.total.teams),
      thanh_vien: new Fig(s.teams.total.members),
      danh_sach: list(liveTeams.map((k) => ({ text: `${formatNumber(k.teams)} ${k.label} với ${formatNumber(k.members)} thành viên`, href: teamsHref(k.kind) }))),
      ...teams,
    },
    mo_hinh: {
      tong: new Fig(s.models.total, modelsHref()),
      tap_the: new Fig(s.models.collective, modelsHref({ loai: 'collective' })),
      ca_nhan: new Fig(s.models.individual, modelsHref({ loai: 'individual' })),
      theo_linh_vuc: list(byField.map((f) => ({ text: `${formatNumber(f.count)} mô hình thuộc lĩnh vực ${lowerFirst(f.name)}`, href: modelsHref({ linh_vuc: f.code }) }))),
      // by sector (issue #23), the units of no sector left out: "12 mô hình của khối Đảng, 30 mô hình của khối chính quyền"
      theo_khoi: new Txt(joinVi(s.models.bySector.filter((k) => k.sector).map((k) => `${formatNumber(k.count)} mô hình của ${lowerFirst(UNIT_SECTOR_LABELS[k.sector!])}`))),
    },
    // how the models were judged (issue #23): assessed effective, named a công trình, recognised at each level — said only where recorded
    danh_gia: ((m) => {
      const effective = m.assessed.effective ? `${formatNumber(m.assessed.effective)} mô hình được đánh giá triển khai hiệu quả` : '';
      const works = m.works ? `${formatNumber(m.works)} công trình “Dân vận khéo” được gắn biển` : '';
      const levels = m.byRecognitionLevel.map((l, i) => `${formatNumber(l.count)} mô hình${i === 0 ? ' được công nhận' : ''} ${RECOGNITION_LEVEL_LABELS[l.level].toLowerCase()}`);
      return {
        hieu_qua: new Fig(m.assessed.effective),
        cong_trinh: new Fig(m.works),
        cau: new Txt([effective, works, joinVi(levels)].filter(Boolean).join('; ')),
      };
    })(s.models),
    // what the models mobilised (issue #23): said only where some result recorded it and it is not 0
    nguon_luc: ((r) => {
      const money = r.moneyVnd ? formatMoneyWords(r.moneyVnd) : '';
      const days = r.workDays ? `${formatNumber(r.workDays)} ngày công` : '';
      const land = r.landDonatedM2 ? `Nhân dân hiến ${formatNumber(r.landDonatedM2)} m² đất${r.householdsDonating ? ` (${formatNumber(r.householdsDonating)} hộ)` : ''}` : '';
      const persuaded = r.householdsPersuaded ? `vận động ${formatNumber(r.householdsPersuaded)} hộ bàn giao mặt bằng` : '';
      const benefit = r.beneficiaries ? `mang lại lợi ích cho ${formatNumber(r.beneficiaries)} người dân` : '';
      const mobilised = money || days ? `huy động được ${[money, days].filter(Boolean).join(', ')}` : '';
      return {
        tien: new Txt(money),
        ngay_cong: new Fig(r.workDays ?? 0),
        dat_m2: new Txt(r.landDonatedM2 ? formatNumber(r.landDonatedM2) : ''),
        ho_hien_dat: new Fig(r.householdsDonating ?? 0),
        ho_ban_giao: new Fig(r.householdsPersuaded ?? 0),
        nguoi_thu_huong: new Fig(r.beneficiaries ?? 0),
        cau: new Txt([mobilised, land, persuaded, benefit].filter(Boolean).join('; ')),
      };
    })(s.resources),
    khen_thuong: {
      tong: new Fig(s.rewards.total, decisions.length === 1 ? decisionHref(decisions[0]!.number) : '/quan-tri/khen-thuong'),
      theo_linh_vuc: list(rewarded.map((f) => ({ text: `${formatNumber(f.count)} mô hình thuộc lĩnh vực ${lowerFirst(f.name)}`, href: decisions.length === 1 ? decisionHref(decisions[0]!.number) : '/quan-tri/khen-thuong' }))),
      quyet_dinh: list(decisions.map((d) => ({ text: `Quyết định số ${d.number} ngày ${formatDate(d.date)} của ${d.issuer}`, href: decisionHref(d.number) }))),
      hinh_thuc: new Txt([...new Set(decisions.map((d) => d.form.toLowerCase()))].join(', ')),
      // the rewarded models by holder and the first few by name (NAMED): what the report names when no model is marked exemplary
      tap_the: new Fig(o.rewarded?.collective ?? 0),
      ca_nhan: new Fig(o.rewarded?.individual ?? 0),
      theo_loai: byHolder(o.rewarded?.collective ?? 0, o.rewarded?.individual ?? 0),
      danh_sach: named(o.rewarded?.named ?? [], (o.rewarded?.collective ?? 0) + (o.rewarded?.individual ?? 0)),
      con_lai: new Fig(Math.max(0, (o.rewarded?.collective ?? 0) + (o.rewarded?.individual ?? 0) - NAMED)),
    },
    tieu_bieu: ((collective, individual) => ({
      so_luong: new Fig(s.exemplary.length),
      tap_the: new Fig(collective),
      ca_nhan: new Fig(individual),
      theo_loai: byHolder(collective, individual),
      danh_sach: named(s.exemplary, s.exemplary.length),
      con_lai: new Fig(Math.max(0, s.exemplary.length - NAMED)),
    }))(s.exemplary.filter((m) => m.holder === 'collective').length, s.exemplary.filter((m) => m.holder === 'individual').length),
    // the territory under the campaign's unit: "14 phường", "20 xã và 1 thị trấn"; without it, the wards and communes of the subtree
    dia_ban: new Txt(o.territory ? o.territory.count : joinVi([wards ? `${formatNumber(wards)} phường` : '', communes ? `${formatNumber(communes)} xã` : ''].filter(Boolean), ', ')),
    // "các phường", "các xã, thị trấn", "các huyện, thị xã" — empty for a commune-level unit
    co_so: new Txt(o.territory?.plural ?? (wards ? 'các phường' : communes ? 'các xã' : '')),
    // where the mass mobilisation teams work: "tổ dân phố", "thôn, tổ dân phố"
    khu_dan_cu: new Txt(o.territory?.grassroots ?? 'tổ dân phố'),
    so_phuong: new Fig(wards),
    cung_ky: ((p) => ({
      nam: p ? String(p.campaign.year) : '',
      mo_hinh: new Fig(p?.models.total ?? 0),
      so_sanh_mo_hinh: new Txt(p ? change(s.models.total, p.models.total) : ''),
      khen_thuong: new Fig(p?.rewards.total ?? 0),
      so_sanh_khen_thuong: new Txt(p ? change(s.rewards.total, p.rewards.total) : ''),
    }))(o.previous ?? null),
    gpmb: {
      so_du_an: new Fig(gpmb.projects, gpmbHref()),
      trong_diem: new Fig(category('key'), gpmbHref({ loai: 'key' })),
      chuyen_tiep: new Fig(category('carriedOver'), gpmbHref({ loai: 'carriedOver' })),
      moi: new Fig(category('new'), gpmbHref({ loai: 'new' })),
      // on schedule: of the projects whose steps are recorded (a project with none has no schedule status)
      dung_tien_do: new Fig(count('onSchedule') + count('completed') + count('stepsDone'), gpmbHref({ tien_do: 'dung' })),
      co_tien_do: new Fig(gpmb.trackedProjects, gpmbHref({ tien_do: 'co-tien-do' })),
      // the household figures count only the projects followed down to each household
      theo_doi_ho: new Fig(gpmb.followedProjects, gpmbHref({ tien_do: 'theo-doi-ho' })),
      hoan_thanh: new Fig(count('completed'), gpmbHref({ tien_do: 'hoan-thanh' })),
      cham_tien_do: new Fig(count('behind'), gpmbHref({ tien_do: 'cham' })),
      phe_duyet: new Fig(gpmb.plansApproved, householdsHref('phe-duyet')),
      so_tien_phe_duyet: new Txt(formatMoney(gpmb.amountApproved).replace(/ đ$/, ' đồng')),
      da_chi_tra: new Fig(gpmb.householdsPaid, householdsHref('chi-tra')),
      so_tien_chi_tra: new Txt(formatMoney(gpmb.amountPaid).replace(/ đ$/, ' đồng')),
      ban_giao: new Fig(gpmb.handedOver, householdsHref('ban-giao')),
      ho_bi_anh_huong: new Fig(gpmb.householdsAffected, gpmbHref()),
    },
    // the periodic reports' totals for the period ("bao_cao.ho_tham", "bao_cao.ho_tham_so_cung_ky": "tăng 12% so với cùng kỳ")
    bao_cao: reportingFacts(o.reporting),
    hoi_nghi: {
      giao_ban: new Fig((o.briefings ?? []).length, '/quan-tri/hoi-nghi'),
      danh_sach: new Txt(joinVi((o.briefings ?? []).map((b) => b.title), ', ')),
      // the chair when one person chaired them all
      chu_tri: new Txt(o.briefings?.length && o.briefings.every((b) => b.chair === o.briefings![0]!.chair) ? o.briefings[0]!.chair : ''),
    },
  };
}

function reportingFacts(r: FactsOptions['reporting']): Record<string, Fig | Txt> {
  const out: Record<string, Fig | Txt> = { co: new Fig(r && r.lines.some((l) => l.value !== null) ? 1 : 0), ky: new Txt(r?.period ?? '') };
  for (const l of r?.lines ?? []) {
    out[l.code] = new Fig(Math.round(l.value ?? 0), r!.href);
    out[`${l.code}_so_cung_ky`] = new Txt(l.changeLastYear ?? '');
    out[`${l.code}_so_ky_truoc`] = new Txt(l.changePrevious ?? '');
  }
  return out;
}

export type ReportFacts = ReturnType<typeof reportFacts>;

const lowerFirst = (s: string) => (/^[A-ZĐÀ-Ỹ][a-zà-ỹđ]/u.test(s) && !/^[A-ZĐ]{2}/u.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s);

/** The names a template may use, with a sample value each (from the facts), for the editor's list. */
export function placeholderList(f: ReportFacts): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  const walk = (prefix: string, v: unknown) => {
    if (v instanceof Fig || v instanceof Txt || typeof v === 'string' || typeof v === 'number') out.push({ name: prefix, value: String(v) });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, x);
  };
  walk('', f);
  return out;
}
