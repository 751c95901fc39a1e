/**
 * The portal search at scale (DESIGN §6: search p95 < 50 ms). Fills a fresh SQLite database (or,
 * with `--pg` and DATABASE_URL, a throwaway PostgreSQL schema) with N index entries — articles,
 * documents, models and clearance projects with plausible Vietnamese titles and bodies, folded
 * and written by the search slice's own `indexEntries` — then times a few typical queries through
 * `search()` (the count and one ranked, highlighted page, as the page and the API run it): one
 * warm-up, then `runs` runs each, p50 / p95 / max, and the p95 over all of them.
 *
 *   npm run bench -- search [--entries 100000] [--runs 30] [--pg] [--keep]
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import type { Database } from '../src/db/database.js';
import { openDatabase, type DbHandle } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { indexEntries, search, type SearchEntryInput } from '../src/features/search/search.service.js';
import type { SearchKind } from '../src/features/search/search.table.js';

export interface SearchBenchOptions {
  entries?: number | undefined;
  runs?: number | undefined;
  pg?: boolean | undefined;
  /** keep the SQLite file and the PostgreSQL schema (both printed) to look at their query plans */
  keep?: boolean | undefined;
}

type Handle = DbHandle<Database>;

function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const WARDS = ['Bồ Đề', 'Cự Khối', 'Đức Giang', 'Gia Thụy', 'Giang Biên', 'Long Biên', 'Ngọc Lâm', 'Ngọc Thụy', 'Phúc Đồng', 'Phúc Lợi', 'Sài Đồng', 'Thạch Bàn', 'Thượng Thanh', 'Việt Hưng', 'Đại Kim', 'Định Công', 'Giáp Bát', 'Hoàng Liệt', 'Lĩnh Nam', 'Mai Động', 'Tân Mai', 'Thanh Trì', 'Trần Phú', 'Tương Mai', 'Vĩnh Hưng', 'Yên Sở'];
const ORGS = ['Đoàn thanh niên', 'Hội Liên hiệp phụ nữ', 'Hội Cựu chiến binh', 'Mặt trận Tổ quốc', 'Hội Nông dân', 'Công an', 'Ủy ban nhân dân', 'Đảng ủy', 'Chi hội người cao tuổi'];
const STREETS = ['Nguyễn Văn Cừ', 'Ngọc Lâm', 'Long Biên', 'Ngô Gia Tự', 'Nguyễn Sơn', 'Hồng Tiến', 'Cổ Linh', 'Thạch Bàn', 'Đức Giang', 'Vũ Xuân Thiều', 'Trường Lâm', 'Ái Mộ'];
const ARTICLE_TITLES = [
  (w: string, o: string, n: number) => `${o} phường ${w} ra quân tổng vệ sinh môi trường đợt ${n}`,
  (w: string) => `Phường ${w} sơ kết 6 tháng thực hiện chủ đề năm "Dân vận khéo"`,
  (w: string, o: string) => `${o} phường ${w} ra mắt mô hình "Dân vận khéo" mới`,
  (w: string, _o: string, n: number) => `Kết quả ${n} tháng thực hiện công tác dân vận trên địa bàn phường ${w}`,
  (w: string) => `Phường ${w} đối thoại với Nhân dân về công tác giải phóng mặt bằng`,
  (w: string, _o: string, n: number) => `Bàn giao mặt bằng dự án mở rộng đường ${STREETS[n % STREETS.length]} qua phường ${w}`,
  (w: string, o: string) => `${o} phường ${w} trao quà cho hộ nghèo, gia đình chính sách`,
  (w: string) => `Hội nghị giao ban công tác dân vận quý, phường ${w}`,
  (w: string, o: string) => `Tổ Covid cộng đồng và ${o.toLowerCase()} phường ${w} chung tay phòng chống dịch`,
  (w: string, _o: string, n: number) => `Phường ${w} vận động ${n * 7} hộ hiến đất làm đường ngõ xóm`,
  (w: string) => `Chuyển đổi số ở cơ sở: tổ công nghệ số cộng đồng phường ${w}`,
  (w: string, o: string) => `Gương sáng ${o.toLowerCase()} phường ${w} trong phong trào thi đua`,
];
const SENTENCES = [
  'Thực hiện Kế hoạch số 18-KH/QU của Quận ủy về chủ đề năm "Dân vận khéo, trọng tâm công tác giải phóng mặt bằng".',
  'Cấp ủy, chính quyền đã chỉ đạo các tổ dân phố tuyên truyền, vận động Nhân dân đồng thuận.',
  'Ban Dân vận phối hợp với Mặt trận Tổ quốc và các đoàn thể tổ chức đối thoại trực tiếp với các hộ dân.',
  'Đến nay đã có nhiều hộ nhận tiền bồi thường, hỗ trợ và bàn giao mặt bằng đúng tiến độ.',
  'Mô hình được đánh giá cao về cách làm sáng tạo, hiệu quả, có khả năng nhân rộng.',
  'Các tuyến đường, ngõ xóm được mở rộng, cải tạo, góp phần chỉnh trang đô thị.',
  'Lực lượng đoàn viên thanh niên tích cực tham gia giữ gìn trật tự an toàn giao thông.',
  'Hội viên phụ nữ tham gia phân loại rác thải tại nguồn, giảm sử dụng bếp than tổ ong.',
  'Việc huy động các nguồn lực xã hội hóa đạt kết quả tích cực, vượt chỉ tiêu đề ra.',
  'Phát huy vai trò người có uy tín trong cộng đồng dân cư, tạo sự đồng thuận trong Nhân dân.',
  'Công tác phòng chống dịch Covid-19 được triển khai đồng bộ, quyết liệt.',
  'Tổ chức hội nghị sơ kết, biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc.',
  'Những khó khăn, vướng mắc được tổng hợp, báo cáo cấp trên xem xét, tháo gỡ kịp thời.',
  'Tiếp tục đẩy mạnh chuyển đổi số, ứng dụng công nghệ thông tin trong cải cách hành chính.',
  'Shipper không đồng là mô hình của tuổi trẻ giúp đỡ người dân trong thời gian giãn cách xã hội.',
  'Phòng tuyến áo xanh hỗ trợ các chốt kiểm soát dịch bệnh trên địa bàn.',
];
const MODEL_NAMES = ['Dân vận khéo trong giải phóng mặt bằng', 'Tuyến phố văn minh', 'Ngõ xanh, sạch, đẹp', 'Shipper không đồng', 'Phòng tuyến áo xanh', 'Bữa cơm nghĩa tình', 'Tủ bánh mì miễn phí', 'Camera an ninh tổ dân phố', 'Hiến đất mở đường', 'Chợ dân sinh không rác thải nhựa', 'Đổi rác lấy quà', 'Vườn rau sạch cộng đồng', 'Tổ hòa giải ở cơ sở', 'Gia đình không có người vi phạm pháp luật'];
const DOC_KINDS = [
  ['KH', 'Kế hoạch'],
  ['HD', 'Hướng dẫn'],
  ['CT', 'Chỉ thị'],
  ['NQ', 'Nghị quyết'],
  ['BC', 'Báo cáo'],
  ['TB', 'Thông báo'],
] as const;
const ISSUERS = [
  ['QU', 'Quận ủy'],
  ['UBND', 'Ủy ban nhân dân quận'],
  ['BDV', 'Ban Dân vận Quận ủy'],
  ['ĐU', 'Đảng ủy phường'],
] as const;

/** Entry i of a data set: deterministic, about 70 % articles, 10 % documents, 15 % models, 5 % projects. */
function makeEntry(i: number, r: ReturnType<typeof rng>): SearchEntryInput {
  const w = r.pick(WARDS);
  const o = r.pick(ORGS);
  const n = r.int(1, 12);
  const date = `${r.int(2019, 2026)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  const body = Array.from({ length: r.int(3, 8) }, () => r.pick(SENTENCES)).join(' ');
  const x = r.next();
  const kind: SearchKind = x < 0.7 ? 'article' : x < 0.8 ? 'document' : x < 0.95 ? 'model' : 'project';
  if (kind === 'article') {
    const title = r.pick(ARTICLE_TITLES)(w, o, n);
    return { kind, refId: i, title, url: `/bai-viet/bai-${i}`, summary: body.slice(0, 200), body, dated: date, visibleFrom: r.next() < 0.01 ? '2999-01-01T00:00:00.000Z' : `${date}T02:00:00.000Z` };
  }
  if (kind === 'document') {
    const [k, kindName] = r.pick(DOC_KINDS);
    const [iss, issuer] = r.pick(ISSUERS);
    const number = `${r.int(1, 400)}-${k}/${iss}`;
    return { kind, refId: i, title: `${kindName} số ${number} — về công tác dân vận năm ${date.slice(0, 4)} trên địa bàn phường ${w}`, url: `/van-ban/${i}`, summary: `${issuer}, ngày ${date}`, body: `${number} ${kindName} ${issuer} ${body}`, dated: date };
  }
  if (kind === 'model') {
    const name = `${r.pick(MODEL_NAMES)} ${o === 'Đoàn thanh niên' ? 'của tuổi trẻ ' : ''}phường ${w}`;
    return { kind, refId: i, title: name, url: `/mo-hinh/M-${i}`, summary: `Mô hình tập thể của ${o} phường ${w}`, body: `${o} phường ${w} ${body}`, dated: date };
  }
  const street = r.pick(STREETS);
  return { kind, refId: i, title: `Mở rộng đường ${street} đoạn qua phường ${w}, giai đoạn ${n}`, url: `/gpmb/DA-${i}`, summary: `Dự án trọng điểm · Phường ${w}`, body: `giải phóng mặt bằng ${body}`, dated: date };
}

async function fill(h: Handle, entries: number): Promise<void> {
  const r = rng(20211006);
  const BATCH = 5000;
  for (let i = 0; i < entries; i += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, entries - i) }, (_, k) => makeEntry(i + k + 1, r));
    await h.db.transaction().execute((trx) => indexEntries(trx, batch));
  }
}

const QUERIES: { q: string; kind?: SearchKind; page?: number }[] = [
  { q: 'dan van kheo' },
  { q: 'giải phóng mặt bằng' },
  { q: 'ket qua 9 thang dan van kheo' },
  { q: 'Ngọc Lâm' },
  { q: 'shipper khong dong' },
  { q: '18-KH/QU' },
  { q: 'duong nguyen van cu' },
  { q: 'tr' },
  { q: 'mo hinh', kind: 'model' },
  { q: 'dan van', page: 50 },
];

const vn = (n: number) => n.toLocaleString('vi-VN');
const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

async function measure(h: Handle, label: string, runs: number): Promise<void> {
  const all: number[] = [];
  for (const query of QUERIES) {
    const first = await search(h.db, query); // warm-up
    const t: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await search(h.db, query);
      t.push(performance.now() - t0);
    }
    all.push(...t);
    const name = `«${query.q}»${query.kind ? ` loại ${query.kind}` : ''}${query.page ? ` trang ${query.page}` : ''}`;
    console.log(`  ${name.padEnd(40)} ${`${first.capped ? '> ' : ''}${vn(first.total)}`.padStart(7)} kết quả: p50 ${ms(pct(t, 50))} ms, p95 ${ms(pct(t, 95))} ms, max ${ms(Math.max(...t))} ms`);
  }
  const p95 = pct(all, 95);
  console.log(`  ⇒ tìm kiếm (${label}): p50 ${ms(pct(all, 50))} ms, p95 ${ms(p95)} ms trên mọi truy vấn (mục tiêu p95 < 50 ms)${p95 < 50 ? '' : ' — CHƯA ĐẠT'}`);
}

async function benchSqlite(entries: number, runs: number, keep: boolean): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kheo-bench-search-'));
  try {
    let h: Handle = openDatabase<Database>({ sqliteFile: path.join(dir, 'kheo.sqlite') });
    await migrateToLatest(h);
    const t0 = performance.now();
    await fill(h, entries);
    console.log(`search (SQLite): ${vn(entries)} mục chỉ mục trong ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await h.close();
    h = openDatabase<Database>({ sqliteFile: path.join(dir, 'kheo.sqlite') });
    await measure(h, 'SQLite', runs);
    await h.close();
  } finally {
    if (keep) console.log(`  tệp giữ lại: ${path.join(dir, 'kheo.sqlite')}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPg(url: string, entries: number, runs: number, keep: boolean): Promise<void> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const h = openDatabase<Database>({ databaseUrl: url, pgSchema: schema, pgPoolSize: 4 });
    try {
      await migrateToLatest(h);
      const t0 = performance.now();
      await fill(h, entries);
      await sql`vacuum analyze search_entries`.execute(h.db);
      console.log(`search (PostgreSQL, schema ${schema}): ${vn(entries)} mục chỉ mục trong ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      await measure(h, 'PostgreSQL', runs);
    } finally {
      await h.close();
    }
  } finally {
    if (keep) console.log(`  lược đồ giữ lại: ${schema}`);
    else await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

export async function benchSearch(opts: SearchBenchOptions = {}): Promise<void> {
  const entries = opts.entries ?? 100_000;
  const runs = opts.runs ?? 30;
  if (!(entries > 0 && runs > 0)) throw new Error('--entries và --runs phải là số dương');
  await benchSqlite(entries, runs, opts.keep ?? false);
  if (opts.pg) {
    const url = process.env.DATABASE_URL;
    if (!url) console.log('search (PostgreSQL): bỏ qua — chưa đặt DATABASE_URL');
    else await benchPg(url, entries, runs, opts.keep ?? false);
  }
}
