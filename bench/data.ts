/**
 * The scale data set (issue #11, DESIGN §6 "Scale"): fills an empty SQLite or PostgreSQL
 * database with a city's worth of plausible Vietnamese data, quickly.
 *
 *   npm run bench:data -- [--models 100000] [--households 1000000] [--articles 100000]
 *                         [--projects N] [--data-dir DIR | --pg URL] [--today YYYY-MM-DD]
 *
 * What it writes: Hà Nội with its 126 wards and communes (51 phường, 75 xã, since 1/7/2025) each
 * with 25 residential groups, and a few city organisations; campaigns 2025 and 2026 of the city
 * with fields and weighted criteria (through the campaigns service); community teams; models in
 * every status with progress updates; land-clearance projects with steps, households, parcels,
 * plans, payments, handovers, obstacles, dialogues and complaints (the clearance benchmark's
 * generator, with the kept figures derived after it as the app keeps them); categories, articles
 * with HTML bodies and documents; then the portal search index, built by the search slice's own
 * `rebuildSearchIndex` (the code `kheo reindex` runs).
 *
 * Rows are written directly in large transactions (prepared statements on SQLite, `unnest()`
 * batches on PostgreSQL), bypassing the services' per-row rules, but every row is what the
 * services would write: folded search text and sort keys by the same functions, household
 * summaries consistent with their records, foreign keys checked (SQLite with foreign_keys on,
 * PostgreSQL with its constraints). Audit rows are NOT written for the bulk rows (the units,
 * models, articles…): only the campaigns (made through the service) and the index rebuild are
 * audited. Seeded: two runs build the same data.
 *
 * `--data-dir DIR` (default ./data-scale) writes DIR/kheo.sqlite, which must not exist yet;
 * `--pg URL` fills the database at URL, which must be empty (migrated here).
 */
import { sql } from 'kysely';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import { openDatabase, type DbHandle } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/policy/policy.js';
import { createCampaign } from '../src/features/campaigns/campaigns.service.js';
import { DOCUMENT_KINDS } from '../src/features/documents/documents.table.js';
import { rebuildSearchIndex } from '../src/features/exchange/search.rebuild.js';
import { htmlToText } from '../src/lib/html.js';
import { fold, todayVn, viSortKey } from '../src/lib/vi.js';
import { dayNo, dayText, deriveKept, fill as fillClearance, instant, pgSink, rng, sqliteSink, stepKindIds, type Sink, type TableSpec, type World } from './clearance.js';

type Handle = DbHandle<Database>;

export interface ScaleOptions {
  models: number;
  households: number;
  articles: number;
  projects: number;
  today: string;
}

// ——— places and words ———

/** Hà Nội's 51 wards and 75 communes since the 2025 reorganisation. */
const PHUONG = ['Hoàn Kiếm', 'Cửa Nam', 'Ba Đình', 'Ngọc Hà', 'Giảng Võ', 'Hai Bà Trưng', 'Vĩnh Tuy', 'Bạch Mai', 'Đống Đa', 'Kim Liên', 'Văn Miếu - Quốc Tử Giám', 'Láng', 'Ô Chợ Dừa', 'Hồng Hà', 'Lĩnh Nam', 'Hoàng Mai', 'Vĩnh Hưng', 'Tương Mai', 'Định Công', 'Hoàng Liệt', 'Yên Sở', 'Thanh Xuân', 'Khương Đình', 'Phương Liệt', 'Cầu Giấy', 'Nghĩa Đô', 'Yên Hòa', 'Tây Hồ', 'Phú Thượng', 'Tây Tựu', 'Phú Diễn', 'Xuân Đỉnh', 'Đông Ngạc', 'Thượng Cát', 'Từ Liêm', 'Xuân Phương', 'Tây Mỗ', 'Đại Mỗ', 'Long Biên', 'Bồ Đề', 'Việt Hưng', 'Phúc Lợi', 'Hà Đông', 'Dương Nội', 'Yên Nghĩa', 'Phú Lương', 'Kiến Hưng', 'Thanh Liệt', 'Chương Mỹ', 'Sơn Tây', 'Tùng Thiện'];
const XA = ['Sóc Sơn', 'Đa Phúc', 'Nội Bài', 'Trung Giã', 'Kim Anh', 'Đông Anh', 'Phúc Thịnh', 'Thư Lâm', 'Thiên Lộc', 'Vĩnh Thanh', 'Mê Linh', 'Yên Lãng', 'Tiến Thắng', 'Quang Minh', 'Gia Lâm', 'Thuận An', 'Bát Tràng', 'Phù Đổng', 'Thanh Trì', 'Đại Thanh', 'Nam Phù', 'Ngọc Hồi', 'Thượng Phúc', 'Thường Tín', 'Chương Dương', 'Hồng Vân', 'Phú Xuyên', 'Phượng Dực', 'Chuyên Mỹ', 'Đại Xuyên', 'Thanh Oai', 'Bình Minh', 'Tam Hưng', 'Dân Hòa', 'Vân Đình', 'Ứng Thiên', 'Hòa Xá', 'Ứng Hòa', 'Mỹ Đức', 'Hồng Sơn', 'Phúc Sơn', 'Hương Sơn', 'Phú Nghĩa', 'Xuân Mai', 'Trần Phú', 'Hòa Phú', 'Quảng Bị', 'Minh Châu', 'Quảng Oai', 'Vật Lại', 'Cổ Đô', 'Bất Bạt', 'Suối Hai', 'Ba Vì', 'Yên Bài', 'Đoài Phương', 'Phúc Thọ', 'Phúc Lộc', 'Hát Môn', 'Thạch Thất', 'Hạ Bằng', 'Tây Phương', 'Hòa Lạc', 'Yên Xuân', 'Quốc Oai', 'Hưng Đạo', 'Kiều Phú', 'Phú Cát', 'Hoài Đức', 'Dương Hòa', 'Sơn Đồng', 'An Khánh', 'Đan Phượng', 'Ô Diên', 'Liên Minh'];
const CITY_ORGS: [string, string, string][] = [
  ['HN-BDV', 'Ban Dân vận Thành ủy', 'partyCommittee'],
  ['HN-MTTQ', 'Ủy ban Mặt trận Tổ quốc Việt Nam thành phố', 'massOrganisation'],
  ['HN-TD', 'Thành đoàn Hà Nội', 'massOrganisation'],
  ['HN-HLHPN', 'Hội Liên hiệp phụ nữ thành phố', 'massOrganisation'],
  ['HN-HCCB', 'Hội Cựu chiến binh thành phố', 'massOrganisation'],
  ['HN-HND', 'Hội Nông dân thành phố', 'massOrganisation'],
  ['HN-CA', 'Công an thành phố Hà Nội', 'agency'],
];
const GROUPS_PER_UNIT = 25;
const FAMILY = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thu', 'Hữu', 'Thanh', 'Quang', 'Hồng'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hạnh', 'Hùng', 'Hương', 'Lan', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Quân', 'Sơn', 'Thảo', 'Thủy', 'Tuấn', 'Vân', 'Việt', 'Yến'];
const ORGS = ['Chi bộ', 'Chi hội phụ nữ', 'Chi đoàn thanh niên', 'Chi hội cựu chiến binh', 'Ban công tác Mặt trận', 'Chi hội người cao tuổi', 'Tổ hòa giải', 'Chi hội nông dân'];
const FIELDS = [
  { code: 'VHXH', name: 'Văn hóa - xã hội' },
  { code: 'MT', name: 'Bảo vệ môi trường' },
  { code: 'GPMB', name: 'Giải phóng mặt bằng' },
  { code: 'KT', name: 'Phát triển kinh tế' },
  { code: 'TTDT', name: 'Trật tự đô thị' },
  { code: 'CDS', name: 'Chuyển đổi số' },
];
const CRITERIA = [
  { code: 'hieu-qua', name: 'Hiệu quả, kết quả đạt được', weight: 40 },
  { code: 'sang-tao', name: 'Tính sáng tạo, cách làm mới', weight: 25 },
  { code: 'nhan-rong', name: 'Khả năng nhân rộng', weight: 20 },
  { code: 'dong-thuan', name: 'Sự đồng thuận của Nhân dân', weight: 15 },
];
const MODEL_NAMES = ['Dân vận khéo trong giải phóng mặt bằng', 'Tuyến phố văn minh', 'Ngõ xanh, sạch, đẹp', 'Shipper không đồng', 'Phòng tuyến áo xanh', 'Bữa cơm nghĩa tình', 'Tủ bánh mì miễn phí', 'Camera an ninh tổ dân phố', 'Hiến đất mở đường', 'Chợ dân sinh không rác thải nhựa', 'Đổi rác lấy quà', 'Vườn rau sạch cộng đồng', 'Tổ hòa giải giỏi ở cơ sở', 'Gia đình không có người vi phạm pháp luật', 'Nhà văn hóa tổ dân phố kiểu mẫu', 'Phân loại rác thải tại nguồn', 'Thắp sáng đường quê', 'Mỗi tuần một phần việc vì cộng đồng', 'Bình dân học vụ số', 'Nông thôn mới kiểu mẫu'];
const SENTENCES = [
  'Thực hiện Kế hoạch của Thành ủy về chủ đề năm "Dân vận khéo", trọng tâm công tác giải phóng mặt bằng và chuyển đổi số.',
  'Cấp ủy, chính quyền đã chỉ đạo các tổ dân phố tuyên truyền, vận động Nhân dân đồng thuận.',
  'Ban Dân vận phối hợp với Mặt trận Tổ quốc và các đoàn thể tổ chức đối thoại trực tiếp với các hộ dân.',
  'Đến nay đã có nhiều hộ nhận tiền bồi thường, hỗ trợ và bàn giao mặt bằng đúng tiến độ.',
  'Mô hình được đánh giá cao về cách làm sáng tạo, hiệu quả, có khả năng nhân rộng.',
  'Các tuyến đường, ngõ xóm được mở rộng, cải tạo, góp phần chỉnh trang đô thị.',
  'Lực lượng đoàn viên thanh niên tích cực tham gia giữ gìn trật tự an toàn giao thông.',
  'Hội viên phụ nữ tham gia phân loại rác thải tại nguồn, giảm sử dụng bếp than tổ ong.',
  'Việc huy động các nguồn lực xã hội hóa đạt kết quả tích cực, vượt chỉ tiêu đề ra.',
  'Phát huy vai trò người có uy tín trong cộng đồng dân cư, tạo sự đồng thuận trong Nhân dân.',
  'Tổ chức hội nghị sơ kết, biểu dương, khen thưởng các tập thể, cá nhân có thành tích xuất sắc.',
  'Những khó khăn, vướng mắc được tổng hợp, báo cáo cấp trên xem xét, tháo gỡ kịp thời.',
  'Tiếp tục đẩy mạnh chuyển đổi số, ứng dụng công nghệ thông tin trong cải cách hành chính.',
  'Tổ công nghệ số cộng đồng hướng dẫn người dân cài đặt và sử dụng định danh điện tử.',
  'Sau sắp xếp đơn vị hành chính, bộ máy mới đi vào hoạt động ổn định, phục vụ Nhân dân tốt hơn.',
  'Nhân dân tự nguyện đóng góp ngày công, kinh phí làm đường, lắp đèn chiếu sáng ngõ xóm.',
];
const ARTICLE_TITLES = [
  (w: string, o: string, n: number) => `${o} ${w} ra quân tổng vệ sinh môi trường đợt ${n}`,
  (w: string) => `${w} sơ kết 6 tháng thực hiện chủ đề năm "Dân vận khéo"`,
  (w: string, o: string) => `${o} ${w} ra mắt mô hình "Dân vận khéo" mới`,
  (w: string, _o: string, n: number) => `Kết quả ${n} tháng thực hiện công tác dân vận trên địa bàn ${w}`,
  (w: string) => `${w} đối thoại với Nhân dân về công tác giải phóng mặt bằng`,
  (w: string, _o: string, n: number) => `Bàn giao mặt bằng dự án mở rộng đường liên khu vực số ${n} qua ${w}`,
  (w: string, o: string) => `${o} ${w} trao quà cho hộ nghèo, gia đình chính sách`,
  (w: string) => `Hội nghị giao ban công tác dân vận quý, ${w}`,
  (w: string, _o: string, n: number) => `${w} vận động ${n * 7} hộ hiến đất làm đường ngõ xóm`,
  (w: string) => `Chuyển đổi số ở cơ sở: tổ công nghệ số cộng đồng ${w}`,
  (w: string, o: string) => `Gương sáng ${o.toLowerCase()} ${w} trong phong trào thi đua`,
];
const CATEGORY_TREE: [string, string, string | null][] = [
  ['tin-tuc', 'Tin tức', null],
  ['hoat-dong-co-so', 'Hoạt động ở cơ sở', 'tin-tuc'],
  ['gpmb', 'Giải phóng mặt bằng', 'tin-tuc'],
  ['chuyen-doi-so', 'Chuyển đổi số', 'tin-tuc'],
  ['chu-de-nam', 'Chủ đề năm', null],
  ['chu-de-nam-2025', 'Hoạt động của chủ đề năm 2025', 'chu-de-nam'],
  ['chu-de-nam-2026', 'Hoạt động của chủ đề năm 2026', 'chu-de-nam'],
  ['guong-sang', 'Gương sáng dân vận khéo', null],
  ['mo-hinh-hay', 'Mô hình hay, cách làm hiệu quả', 'guong-sang'],
  ['nguoi-tot-viec-tot', 'Người tốt, việc tốt', 'guong-sang'],
  ['van-ban-chi-dao', 'Văn bản chỉ đạo', null],
  ['trao-doi', 'Trao đổi, nghiên cứu', null],
];
const ISSUERS: [string, string][] = [
  ['TU', 'Thành ủy Hà Nội'],
  ['UBND', 'Ủy ban nhân dân thành phố'],
  ['BDVTU', 'Ban Dân vận Thành ủy'],
  ['ĐU', 'Đảng ủy'],
];

// ——— tables written directly (parents first) ———

const UNIT_TABLES = {
  units: { id: 'int', code: 'text', name: 'text', name_folded: 'text', kind: 'text', parent_id: 'int', path: 'text', depth: 'int', sort_order: 'int', valid_from: 'text', created_at: 'text', updated_at: 'text' },
} satisfies TableSpec;
const MAIN_TABLES = {
  teams: { id: 'int', code: 'text', unit_id: 'int', kind: 'text', name: 'text', members: 'int', established_on: 'text', dissolved_on: 'text', created_at: 'text', updated_at: 'text' },
  models: { id: 'int', code: 'text', campaign_id: 'int', unit_id: 'int', field_id: 'int', holder: 'text', holder_name: 'text', name: 'text', search_folded: 'text', sort_key: 'text', problem: 'text', goals: 'text', method: 'text', scope: 'text', expected_results: 'text', exemplary: 'int', status: 'text', registered_on: 'text', submitted_at: 'text', decided_at: 'text', return_reason: 'text', stopped_on: 'text', stop_reason: 'text', created_at: 'text', updated_at: 'text' },
  model_updates: { id: 'int', model_id: 'int', on_date: 'text', body: 'text', figures: 'text', created_at: 'text' },
  categories: { id: 'int', slug: 'text', name: 'text', parent_id: 'int', position: 'int', campaign_id: 'int', in_menu: 'int', created_at: 'text', updated_at: 'text' },
  documents: { id: 'int', number: 'text', kind: 'text', issuer: 'text', unit_id: 'int', issued_on: 'text', title: 'text', search_folded: 'text', signer: 'text', is_public: 'int', created_at: 'text', updated_at: 'text' },
  articles: { id: 'int', slug: 'text', category_id: 'int', title: 'text', summary: 'text', body: 'text', unit_id: 'int', byline: 'text', status: 'text', published_at: 'text', featured: 'int', campaign_id: 'int', views: 'bigint', search_folded: 'text', created_at: 'text', updated_at: 'text' },
} satisfies TableSpec;

interface Place {
  id: number;
  code: string;
  name: string;
  /** "phường Láng", "xã Ba Vì" */
  label: string;
  groups: { id: number; code: string; name: string }[];
}

// ——— the phases ———

interface Target {
  h: Handle;
  /** a new sink over `tables`, and how to end it (commit) */
  sink<S extends TableSpec>(tables: S): Promise<{ sink: Sink<keyof S & string>; end: () => Promise<void> }>;
  close(): Promise<void>;
}

async function sqliteTarget(file: string): Promise<Target> {
  const h = openDatabase<Database>({ sqliteFile: file });
  await migrateToLatest(h);
  return {
    h,
    async sink(tables) {
      const sink = sqliteSink(h, tables);
      return { sink, end: () => sink.finish() };
    },
    close: () => h.close(),
  };
}

async function pgTarget(url: string): Promise<Target> {
  const h = openDatabase<Database>({ databaseUrl: url, pgPoolSize: 4 });
  await migrateToLatest(h);
  return {
    h,
    async sink(tables) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query('begin');
      const sink = pgSink(client, tables);
      return {
        sink,
        async end() {
          await sink.finish();
          await client.query('commit');
          await client.end();
        },
      };
    },
    close: () => h.close(),
  };
}

const vn = (n: number) => Math.round(n).toLocaleString('vi-VN');

function report(phase: string, counts: Map<string, number>, ms: number): void {
  const total = [...counts.values()].reduce((s, n) => s + n, 0);
  console.log(`  ${phase}: ${vn(total)} dòng trong ${(ms / 1000).toFixed(1)} s (${vn(total / (ms / 1000))} dòng/s)`);
  for (const [t, n] of counts) console.log(`    ${t.padEnd(32)} ${vn(n).padStart(11)}`);
}

async function units(t: Target, at: string): Promise<Place[]> {
  const { sink, end } = await t.sink(UNIT_TABLES);
  let id = 0;
  const city = ++id;
  sink.add('units', [city, 'HN', 'Thành phố Hà Nội', fold('Thành phố Hà Nội'), 'city', null, `/${city}/`, 0, 0, null, at, at]);
  for (const [i, [code, name, kind]] of CITY_ORGS.entries()) {
    const o = ++id;
    sink.add('units', [o, code, name, fold(name), kind, city, `/${city}/${o}/`, 1, i + 1, null, at, at]);
  }
  const places: Place[] = [];
  const all = [...PHUONG.map((n) => ['ward', n] as const), ...XA.map((n) => ['commune', n] as const)];
  for (const [i, [kind, base]] of all.entries()) {
    const uid = ++id;
    const code = `HN-${kind === 'ward' ? 'P' : 'X'}${String(i + 1).padStart(3, '0')}`;
    const name = `${kind === 'ward' ? 'Phường' : 'Xã'} ${base}`;
    const upath = `/${city}/${uid}/`;
    sink.add('units', [uid, code, name, fold(name), kind, city, upath, 1, 100 + i, '2025-07-01', at, at]);
    const groups: Place['groups'] = [];
    for (let g = 1; g <= GROUPS_PER_UNIT; g++) {
      const gid = ++id;
      const gname = kind === 'ward' ? `Tổ dân phố số ${g}` : `Thôn ${g}`;
      const gcode = `${code}-T${String(g).padStart(2, '0')}`;
      sink.add('units', [gid, gcode, gname, fold(gname), 'residentialGroup', uid, `${upath}${gid}/`, 2, g, '2025-07-01', at, at]);
      groups.push({ id: gid, code: gcode, name: gname });
    }
    places.push({ id: uid, code, name: base, label: `${kind === 'ward' ? 'phường' : 'xã'} ${base}`, groups });
  }
  await end();
  return places;
}

async function campaigns(t: Target, today: string): Promise<{ code: string; id: number; year: number; fields: number[] }[]> {
  const actor = systemActor('dữ liệu quy mô');
  const years = [Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4))];
  return t.h.db.transaction().execute(async (trx) => {
    const out = [];
    for (const year of years) {
      const code = `HN-${year}`;
      await createCampaign(trx, { actor, input: { code, unit: 'HN', year, theme: `Năm "Dân vận khéo" ${year}, trọng tâm giải phóng mặt bằng và chuyển đổi số`, startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, fields: FIELDS, criteria: CRITERIA } });
      const c = await trx.selectFrom('campaigns').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      const f = await trx.selectFrom('campaign_fields').select('id').where('campaign_id', '=', c.id).orderBy('sort_order').orderBy('id').execute();
      out.push({ code, id: c.id, year, fields: f.map((x) => x.id) });
    }
    return out;
  });
}

async function content(t: Target, places: Place[], camps: Awaited<ReturnType<typeof campaigns>>, o: ScaleOptions): Promise<Map<string, number>> {
  const r = rng(11_2026);
  const { sink, end } = await t.sink(MAIN_TABLES);
  const today = dayNo(o.today);
  const person = () => `${r.pick(FAMILY)} ${r.pick(MIDDLE)} ${r.pick(GIVEN)}`;
  const para = (n: number) => Array.from({ length: n }, () => r.pick(SENTENCES)).join(' ');

  // teams: each ward and commune has its mass-mobilisation, digital and self-management teams
  let teamId = 0;
  for (const p of places) {
    for (const [k, kind] of ['massMobilisation', 'digitalCommunity', 'selfManagement', 'covidCommunity'].entries()) {
      for (let n = 1; n <= (kind === 'covidCommunity' ? 2 : 3); n++) {
        const on = dayText(dayNo('2025-07-01') + r.int(0, 200));
        const name = `${kind === 'massMobilisation' ? 'Tổ dân vận' : kind === 'digitalCommunity' ? 'Tổ công nghệ số cộng đồng' : kind === 'selfManagement' ? 'Tổ tự quản' : 'Tổ Covid cộng đồng'} ${r.pick(p.groups).name.toLowerCase()} ${p.label}`;
        sink.add('teams', [++teamId, `${p.code}-TO${k}${n}`, p.id, kind, name, r.int(5, 25), on, kind === 'covidCommunity' ? '2025-12-31' : null, `${on}T02:00:00.000Z`, `${on}T02:00:00.000Z`]);
      }
    }
  }

  // models: 40 % in last year's campaign, 60 % in this year's, every status
  let updateId = 0;
  for (let i = 0; i < o.models; i++) {
    const c = i < o.models * 0.4 ? camps[0]! : camps[1]!;
    const p = r.pick(places);
    const atGroup = r.chance(0.7);
    const g = r.pick(p.groups);
    const unitId = atGroup ? g.id : p.id;
    const individual = r.chance(0.22);
    const org = r.pick(ORGS);
    const holderName = individual ? person() : null;
    const name = `${r.pick(MODEL_NAMES)}${atGroup ? ` ${g.name.toLowerCase()}` : ''} ${p.label}${r.chance(0.3) ? ` (${org.toLowerCase()})` : ''}`;
    const yearStart = dayNo(`${c.year}-01-01`);
    const yearEnd = Math.min(today, dayNo(`${c.year}-12-31`));
    const created = r.int(yearStart, yearEnd - 5);
    const x = r.next();
    const status = x < 0.8 ? 'registered' : x < 0.83 ? 'stopped' : x < 0.9 ? 'submitted' : x < 0.95 ? 'draft' : 'returned';
    const submitted = status === 'draft' ? null : Math.min(yearEnd, created + r.int(0, 3));
    const registered = status === 'registered' || status === 'stopped' ? Math.min(yearEnd, submitted! + r.int(1, 20)) : null;
    const stopped = status === 'stopped' ? Math.min(today, registered! + r.int(10, 200)) : null;
    const decided = registered ?? (status === 'returned' ? Math.min(today, submitted! + r.int(1, 15)) : null);
    const mid = i + 1;
    if (i % 5000 === 0) await sink.drain();
    const code = `${c.code}-${String(mid).padStart(6, '0')}`;
    sink.add('models', [
      mid, code, c.id, unitId, r.pick(c.fields), individual ? 'individual' : 'collective', holderName, name,
      fold(`${name} ${holderName ?? ''}`), viSortKey(name),
      r.pick(SENTENCES), 'Huy động sự tham gia của Nhân dân, tạo đồng thuận trong cộng đồng', para(2), `Địa bàn ${p.label}`, para(1),
      registered !== null && r.chance(0.003) ? 1 : 0, status,
      registered === null ? null : dayText(registered), submitted === null ? null : instant(submitted, 120), decided === null ? null : instant(decided, 480),
      status === 'returned' ? 'Đề nghị bổ sung kết quả đạt được có số liệu cụ thể' : null,
      stopped === null ? null : dayText(stopped), stopped === null ? null : 'Địa bàn sáp nhập, mô hình nhập vào mô hình chung',
      instant(created, 90), instant(decided ?? submitted ?? created, 500),
    ]);
    if (registered !== null) {
      for (let u = r.int(0, 3), d = registered; u > 0 && d < today; u--) {
        d = Math.min(today, d + r.int(15, 90));
        sink.add('model_updates', [++updateId, mid, dayText(d), para(2), JSON.stringify([{ label: 'Số hộ được vận động', value: r.int(5, 300) }]), instant(d, 600)]);
      }
    }
  }

  // categories, documents, articles
  const catIds = new Map<string, number>();
  for (const [i, [slug, name, parent]] of CATEGORY_TREE.entries()) {
    const id = i + 1;
    catIds.set(slug, id);
    const camp = slug.startsWith('chu-de-nam-') ? camps.find((c) => slug.endsWith(String(c.year)))?.id ?? null : null;
    sink.add('categories', [id, slug, name, parent ? catIds.get(parent)! : null, i, camp, 1, '2025-07-01T02:00:00.000Z', '2025-07-01T02:00:00.000Z']);
  }
  const kinds = Object.entries(DOCUMENT_KINDS);
  const nDocs = Math.max(100, Math.round(o.articles / 30));
  for (let i = 1; i <= nDocs; i++) {
    const [k, kindName] = r.pick(kinds);
    const [ic, issuer] = r.pick(ISSUERS);
    const p = ic === 'ĐU' ? r.pick(places) : null;
    const on = dayText(r.int(dayNo('2019-01-01'), today));
    const number = `${i}-${k}/${ic}`;
    const title = `${kindName} về công tác dân vận${p ? ` trên địa bàn ${p.label}` : ' của hệ thống chính trị thành phố'} năm ${on.slice(0, 4)}`;
    const iss = p ? `Đảng ủy ${p.label}` : issuer;
    const signer = person();
    sink.add('documents', [i, number, k, iss, p ? p.id : 1, on, title, fold([number, kindName, iss, signer, '', title].join(' ')), signer, r.chance(0.95) ? 1 : 0, `${on}T03:00:00.000Z`, `${on}T03:00:00.000Z`]);
  }
  const leafCats = CATEGORY_TREE.filter(([, , parent]) => parent).map(([slug]) => slug);
  for (let i = 1; i <= o.articles; i++) {
    if (i % 5000 === 0) await sink.drain();
    const p = r.pick(places);
    const title = r.pick(ARTICLE_TITLES)(p.label.replace(/^./, (ch) => ch.toUpperCase()), r.pick(ORGS), r.int(1, 12));
    const paras = Array.from({ length: r.int(4, 8) }, () => para(r.int(2, 4)));
    const body = paras.map((x) => `<p>${x}</p>`).join('\n');
    const summary = paras[0]!.slice(0, 180);
    const day = r.int(dayNo('2019-01-01'), today);
    const x = r.next();
    const status = x < 0.97 ? 'published' : x < 0.99 ? 'draft' : 'review';
    const cat = r.pick(leafCats);
    const year = Number(dayText(day).slice(0, 4));
    const camp = camps.find((c) => c.year === year)?.id ?? null;
    const pubAt = instant(day, r.int(60, 600));
    const slug = `${fold(title).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80)}-${i}`;
    sink.add('articles', [i, slug, catIds.get(cat)!, title, summary, body, p.id, `${p.label.replace(/^./, (ch) => ch.toUpperCase())}`, status, status === 'published' ? pubAt : null, status === 'published' && i > o.articles - 200 && r.chance(0.03) ? 1 : 0, camp, status === 'published' ? Math.floor(r.next() ** 4 * 5000) : 0, fold(`${title} ${summary} ${htmlToText(body)}`).slice(0, 20_000), pubAt, pubAt]);
  }
  await end();
  return sink.counts;
}

/** Fills the database behind `t` and prints what it wrote. */
export async function generate(t: Target, o: ScaleOptions): Promise<void> {
  const t0 = performance.now();
  const at = '2025-07-01T01:00:00.000Z';
  let t1 = performance.now();
  const places = await units(t, at);
  console.log(`  đơn vị: ${vn(places.length)} phường, xã; ${vn(places.length * GROUPS_PER_UNIT)} tổ dân phố, thôn (${((performance.now() - t1) / 1000).toFixed(1)} s)`);
  const camps = await campaigns(t, o.today);

  t1 = performance.now();
  const counts = await content(t, places, camps, o);
  // what insertModel keeps: each campaign's count of models, from which new codes are numbered
  await sql`update campaigns set model_seq = (select count(*) from models where models.campaign_id = campaigns.id)`.execute(t.h.db);
  report('mô hình, tổ, chuyên mục, văn bản, bài viết', counts, performance.now() - t1);

  t1 = performance.now();
  const world: World = { district: 'HN', wards: places.map((p) => ({ code: p.code, id: p.id, name: p.name })), campaign: camps[1]!.code };
  const kinds = await stepKindIds(t.h);
  const cl = await clearanceFill(t, world, kinds, o);
  report('giải phóng mặt bằng', cl, performance.now() - t1);

  t1 = performance.now();
  await deriveKept(t.h, o.today);
  console.log(`  số liệu giữ sẵn của dự án GPMB: ${((performance.now() - t1) / 1000).toFixed(1)} s`);

  t1 = performance.now();
  const indexed = await rebuildSearchIndex(t.h.db);
  const nIdx = Object.values(indexed).reduce((s, n) => s + n, 0);
  console.log(`  chỉ mục tìm kiếm (rebuildSearchIndex): ${vn(nIdx)} mục (${Object.entries(indexed).map(([k, n]) => `${k} ${vn(n)}`).join(', ')}) trong ${((performance.now() - t1) / 1000).toFixed(1)} s (${vn(nIdx / ((performance.now() - t1) / 1000))} mục/s)`);

  t1 = performance.now();
  if (t.h.dialect === 'postgres') await sql`vacuum analyze`.execute(t.h.db);
  else await sql`analyze`.execute(t.h.db);
  console.log(`  analyze: ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  console.log(`  ⇒ tổng: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

async function clearanceFill(t: Target, world: World, kinds: Map<string, number>, o: ScaleOptions): Promise<Map<string, number>> {
  if (t.h.dialect === 'postgres') {
    const { sink, end } = await t.sink((await import('./clearance.js')).TABLES);
    await fillClearance(sink, world, kinds, { households: o.households, projects: o.projects, today: o.today });
    await end();
    return sink.counts;
  }
  const sink = sqliteSink(t.h);
  await fillClearance(sink, world, kinds, { households: o.households, projects: o.projects, today: o.today });
  return sink.counts;
}

// ——— command line ———

const isMain = process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('bench', 'data.ts'));
if (isMain) {
  const { values } = parseArgs({
    options: { models: { type: 'string' }, households: { type: 'string' }, articles: { type: 'string' }, projects: { type: 'string' }, pg: { type: 'string' }, 'data-dir': { type: 'string' }, today: { type: 'string' } },
  });
  const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v.replace(/[._\s]/g, '')));
  const households = num(values.households, 1_000_000);
  const o: ScaleOptions = {
    models: num(values.models, 100_000),
    households,
    articles: num(values.articles, 100_000),
    projects: num(values.projects, Math.max(1, Math.round(households / 100))),
    today: values.today ?? todayVn(),
  };
  if (![o.models, o.households, o.articles, o.projects].every((n) => Number.isInteger(n) && n > 0)) {
    console.error('--models, --households, --articles, --projects: số nguyên dương');
    process.exit(1);
  }
  let t: Target;
  let where: string;
  let file: string | null = null;
  if (values.pg) {
    t = await pgTarget(values.pg);
    const n = await t.h.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n.n) > 0) {
      console.error(`${values.pg.replace(/:[^:@/]*@/, ':***@')}: cơ sở dữ liệu đã có dữ liệu; cần một cơ sở dữ liệu trống`);
      await t.close();
      process.exit(1);
    }
    where = `PostgreSQL ${values.pg.replace(/:[^:@/]*@/, ':***@')}`;
  } else {
    const dir = values['data-dir'] ?? './data-scale';
    mkdirSync(dir, { recursive: true });
    file = path.join(dir, 'kheo.sqlite');
    if (existsSync(file)) {
      console.error(`${file} đã có: hãy chọn thư mục khác hoặc xóa tệp này`);
      process.exit(1);
    }
    t = await sqliteTarget(file);
    where = `SQLite ${file}`;
  }
  console.log(`bench:data → ${where}: ${vn(o.models)} mô hình, ${vn(o.households)} hộ trong ${vn(o.projects)} dự án, ${vn(o.articles)} bài viết (hôm nay ${o.today})`);
  try {
    await generate(t, o);
  } finally {
    await t.close();
  }
  if (file) console.log(`  tệp ${file}: ${vn(statSync(file).size / 1024 / 1024)} MB`);
}
