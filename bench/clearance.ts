/**
 * The land clearance (GPMB) dashboard at scale (DESIGN §6: 1 000 000 households, dashboard
 * statistics < 200 ms). Builds a fresh SQLite database (or, with `--pg` and DATABASE_URL, a
 * throwaway PostgreSQL schema): a district with 30 wards and a campaign through the services,
 * then 10 000 projects, their steps, 1 000 000 households with parcels, plans, payments,
 * handovers, obstacles, dialogues and complaints written directly in large batches (a data
 * generator, not the app: the household summary columns are computed here exactly as
 * `refreshHousehold` would from the same records). Then times the district dashboard, a ward's
 * dashboard and the campaign's stats: one warm-up, 20 runs, p50 / p95 / max.
 *
 *   npm run bench -- clearance [--households 1000000] [--projects 10000] [--runs 20] [--pg]
 */
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import { openDatabase, type DbHandle } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/policy/policy.js';
import { createCampaign } from '../src/features/campaigns/campaigns.service.js';
import { createUnit } from '../src/features/units/units.service.js';
import { fold, todayVn } from '../src/lib/vi.js';
import { STEP_STATUS_CODES } from '../src/features/landClearance/landClearance.table.js';

export interface ClearanceBenchOptions {
  households?: number | undefined;
  projects?: number | undefined;
  runs?: number | undefined;
  /** also PostgreSQL, in a throwaway schema of DATABASE_URL */
  pg?: boolean | undefined;
  /** keep the SQLite file (its path is printed) to look at its query plans */
  keep?: boolean | undefined;
}

type Handle = DbHandle<Database>;

// ——— a seeded random source, so that two runs build the same data ———

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number): boolean => next() < p,
  };
}

// ——— dates as day numbers (days since 1970-01-01), text through a cache ———

const DAY_MS = 86_400_000;
export const dayNo = (d: string): number => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY_MS);
export const dayText = (() => {
  const cache = new Map<number, string>();
  return (n: number): string => {
    let s = cache.get(n);
    if (s === undefined) {
      s = new Date(n * DAY_MS).toISOString().slice(0, 10);
      cache.set(n, s);
    }
    return s;
  };
})();
export const instant = (n: number, minutes = 150): string => `${dayText(n)}T${String(Math.floor(minutes / 60) % 24).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`;

// ——— Vietnamese names and places ———

const WARDS = [
  'Đại Kim', 'Định Công', 'Giáp Bát', 'Hoàng Liệt', 'Hoàng Văn Thụ', 'Lĩnh Nam', 'Mai Động', 'Tân Mai', 'Thanh Trì', 'Thịnh Liệt',
  'Trần Phú', 'Tương Mai', 'Vĩnh Hưng', 'Yên Sở', 'Bạch Mai', 'Bách Khoa', 'Đồng Tâm', 'Minh Khai', 'Quỳnh Lôi', 'Thanh Lương',
  'Trương Định', 'Vĩnh Tuy', 'Phương Liệt', 'Khương Đình', 'Khương Mai', 'Kim Giang', 'Hạ Đình', 'Thanh Xuân Nam', 'Nhân Chính', 'Thượng Đình',
] as const;
const FAMILY = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Trần', 'Lê', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Mai', 'Tạ'];
const MIDDLE_M = ['Văn', 'Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Thanh', 'Xuân', 'Công', 'Mạnh', 'Tiến', 'Duy'];
const MIDDLE_F = ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Phương'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hùng', 'Hải', 'Hiếu', 'Khánh', 'Long', 'Nam', 'Phúc', 'Quân', 'Sơn', 'Thắng', 'Tuấn', 'Việt', 'Vinh', 'Thành', 'Trung', 'Toàn', 'Huy', 'Lâm', 'Đông'];
const GIVEN_F = ['Anh', 'Châu', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Liên', 'Loan', 'Mai', 'Nga', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Thảo', 'Thủy', 'Trang', 'Vân', 'Xuân', 'Yến'];
const STREETS = ['Tam Trinh', 'Giải Phóng', 'Lĩnh Nam', 'Kim Giang', 'Nguyễn Tam Trinh', 'Trương Định', 'Tân Mai', 'Định Công', 'Nguyễn Xiển', 'Minh Khai', 'Nguyễn Hữu Thọ', 'Bùi Huy Bích', 'Linh Đường', 'Kim Đồng', 'Vĩnh Hưng', 'Hoàng Mai', 'Nghiêm Xuân Yêm', 'Đền Lừ', 'Thúy Lĩnh', 'Yên Duyên'];
const ORGS = ['Công ty TNHH Thương mại Hoàng Long', 'Công ty cổ phần Cơ khí Mai Động', 'Hợp tác xã nông nghiệp Lĩnh Nam', 'Công ty TNHH Vận tải Thành Công', 'Công ty cổ phần May Tân Mai', 'Xí nghiệp Bao bì Giáp Bát', 'Chi nhánh Công ty Xăng dầu Khu vực I', 'Trường Mầm non tư thục Hoa Sen'];
const PROJECT_KINDS = [
  (w: string, n: number) => `Xây dựng tuyến đường quy hoạch ${n === 1 ? '' : `số ${n} `}phường ${w}`,
  (w: string, n: number) => `Cải tạo, mở rộng phố ${STREETS[n % STREETS.length]} đoạn qua phường ${w}`,
  (w: string, n: number) => `Xây dựng Trường Trung học cơ sở ${w}${n > 1 ? ` (cơ sở ${n})` : ''}`,
  (w: string, n: number) => `Xây dựng Nhà văn hóa tổ dân phố số ${n} phường ${w}`,
  (w: string, n: number) => `Khu tái định cư phục vụ giải phóng mặt bằng phường ${w} (giai đoạn ${n})`,
  (w: string, n: number) => `Cải tạo mương thoát nước, kết hợp làm đường dạo ven mương phường ${w}, đoạn ${n}`,
  (w: string, n: number) => `Đường Vành đai 3 (phần đi trên mặt đất) đoạn qua phường ${w}, gói ${n}`,
  (w: string, n: number) => `Xây dựng vườn hoa, sân chơi cộng đồng số ${n} phường ${w}`,
] as const;
const INVESTORS = ['Ban Quản lý dự án đầu tư xây dựng quận Hoàng Mai', 'Ban Quản lý dự án đầu tư xây dựng công trình giao thông thành phố Hà Nội', 'Ủy ban nhân dân phường', 'Công ty cổ phần Đầu tư phát triển đô thị Hoàng Mai', 'Ban Quản lý dự án đầu tư xây dựng công trình dân dụng và công nghiệp'];
const OFFICERS = ['Nguyễn Văn Hải', 'Trần Thị Hạnh', 'Lê Minh Tuấn', 'Phạm Thu Hà', 'Đỗ Quang Vinh', 'Bùi Thị Ngân'];
const LAND_TYPES = ['ODT', 'ODT', 'ODT', 'CLN', 'LUC', 'BHK', 'NTS'];
const OBSTACLES = ['Hộ chưa đồng ý đơn giá bồi thường đất ở', 'Tranh chấp ranh giới thửa đất với hộ liền kề', 'Chưa thống nhất phương án bố trí tái định cư', 'Đồng thừa kế chưa thống nhất người nhận tiền', 'Hộ đề nghị hỗ trợ thêm chi phí di chuyển mồ mả'];
const COMPLAINTS = ['Đề nghị xem xét lại đơn giá bồi thường tài sản trên đất', 'Khiếu nại việc xác định nguồn gốc sử dụng đất', 'Kiến nghị được giao đất tái định cư tại chỗ', 'Đề nghị hỗ trợ chuyển đổi nghề nghiệp, tìm kiếm việc làm', 'Khiếu nại diện tích đo đạc thiếu so với giấy chứng nhận'];

// ——— where the rows go: SQLite prepared statements, or PostgreSQL unnest() batches ———

export type Cell = string | number | null;
export type ColType = 'int' | 'bigint' | 'text';
export type TableSpec = Record<string, Record<string, ColType>>;
export const TABLES = {
  calendar_days: { day: 'text', kind: 'text', name: 'text' },
  clearance_projects: { id: 'int', code: 'text', name: 'text', name_folded: 'text', unit_id: 'int', category: 'text', investor: 'text', area_dm2: 'bigint', households_declared: 'int', organisations_declared: 'int', started_on: 'text', due_on: 'text', is_public: 'int', description: 'text', created_at: 'text', updated_at: 'text' },
  clearance_project_units: { project_id: 'int', unit_id: 'int' },
  clearance_steps: { id: 'int', project_id: 'int', kind_id: 'int', planned_on: 'text', status: 'text', done_on: 'text', done_by_name: 'text', approved_on: 'text', approved_by_name: 'text', reason: 'text', note: 'text', updated_at: 'text' },
  clearance_households: { id: 'int', code: 'text', project_id: 'int', kind: 'text', name: 'text', address: 'text', phone: 'text', recovered_dm2: 'bigint', activity_on: 'text', approved_total: 'bigint', approved_on: 'text', effective_on: 'text', paid_total: 'bigint', paid_full_on: 'text', handed_on: 'text', open_obstacles: 'int', created_at: 'text', updated_at: 'text' },
  clearance_parcels: { id: 'int', household_id: 'int', map_sheet: 'text', parcel_no: 'text', land_type: 'text', area_dm2: 'bigint', recovered_dm2: 'bigint' },
  clearance_household_steps: { household_id: 'int', kind_id: 'int', done_on: 'text', note: 'text' },
  clearance_plans: { id: 'int', household_id: 'int', version: 'int', status: 'text', land: 'bigint', assets: 'bigint', support: 'bigint', resettlement: 'bigint', total: 'bigint', decision_number: 'text', approved_on: 'text', effective_on: 'text', created_by_name: 'text', approved_by_name: 'text', created_at: 'text' },
  clearance_payments: { id: 'int', household_id: 'int', project_id: 'int', plan_id: 'int', amount: 'bigint', paid_on: 'text', method: 'text', receipt_no: 'text', status: 'text', recorded_by_name: 'text', confirmed_by_name: 'text', confirmed_at: 'text', created_at: 'text' },
  clearance_handovers: { household_id: 'int', handed_on: 'text', area_dm2: 'bigint', minutes_no: 'text', early_agreement: 'text', recorded_by_name: 'text', created_at: 'text' },
  clearance_obstacles: { id: 'int', household_id: 'int', opened_on: 'text', description: 'text', resolved_on: 'text', resolution: 'text', created_at: 'text' },
  clearance_dialogues: { id: 'int', project_id: 'int', held_on: 'text', place: 'text', chair: 'text', participants: 'int', issues: 'text', agreements: 'text', created_by_name: 'text', created_at: 'text' },
  clearance_dialogue_households: { dialogue_id: 'int', household_id: 'int' },
  clearance_followups: { id: 'int', dialogue_id: 'int', task: 'text', owner: 'text', due_on: 'text', done_on: 'text' },
  clearance_complaints: { id: 'int', project_id: 'int', household_id: 'int', kind: 'text', received_on: 'text', content: 'text', handler: 'text', due_on: 'text', status: 'text', answer: 'text', answered_on: 'text', created_at: 'text', updated_at: 'text' },
} satisfies Record<string, Record<string, ColType>>;
type TableName = keyof typeof TABLES;

export interface Sink<T extends string = TableName> {
  add(table: T, row: Cell[]): void;
  /** rows written per table */
  readonly counts: Map<string, number>;
  /** lets a PostgreSQL sink send its full batches (SQLite writes as it goes) */
  drain(): Promise<void>;
  finish(): Promise<void>;
}

/** Rows of `tables` (listed parents first) written with prepared statements in large transactions. */
export function sqliteSink<S extends TableSpec = typeof TABLES>(h: Handle, tables: S = TABLES as unknown as S): Sink<keyof S & string> {
  const raw = h.sqlite!;
  const stmts = new Map<string, ReturnType<typeof raw.prepare>>();
  const counts = new Map<string, number>();
  for (const [t, cols] of Object.entries(tables)) {
    const names = Object.keys(cols);
    stmts.set(t, raw.prepare(`insert into ${t} (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`));
  }
  // a generator's settings for the fill only: the measured database is reopened as the app opens it
  raw.pragma('journal_mode = DELETE');
  raw.pragma('journal_mode = OFF');
  raw.pragma('synchronous = OFF');
  raw.pragma('cache_size = -262144');
  raw.exec('begin');
  let n = 0;
  return {
    counts,
    add(t, row) {
      stmts.get(t)!.run(row);
      counts.set(t, (counts.get(t) ?? 0) + 1);
      if (++n % 500_000 === 0) {
        raw.exec('commit');
        raw.exec('begin');
      }
    },
    async drain() {},
    async finish() {
      raw.exec('commit');
      raw.pragma('journal_mode = WAL');
    },
  };
}

/** Rows of `tables` (listed parents first) sent as `insert … select * from unnest($1::type[], …)` batches. */
export function pgSink<S extends TableSpec = typeof TABLES>(client: pg.Client, tables: S = TABLES as unknown as S): Sink<keyof S & string> {
  const BATCH = 5000;
  const buffers = new Map<string, Cell[][]>();
  const counts = new Map<string, number>();
  const send = async (t: string, rows: Cell[][]) => {
    const cols = Object.entries(tables[t]!);
    const arrays = cols.map((_, i) => rows.map((r) => r[i] ?? null));
    await client.query(`insert into ${t} (${cols.map((c) => c[0]).join(', ')}) select * from unnest(${cols.map(([, ty], i) => `$${i + 1}::${ty === 'int' ? 'integer' : ty}[]`).join(', ')})`, arrays);
  };
  const flush = async (all: boolean) => {
    // parents before children (foreign keys): the tables are listed in dependency order
    for (const t of Object.keys(tables)) {
      const rows = buffers.get(t);
      if (rows && rows.length && (all || rows.length >= BATCH)) {
        buffers.set(t, []);
        await send(t, rows);
      }
    }
  };
  return {
    counts,
    add(t, row) {
      counts.set(t, (counts.get(t) ?? 0) + 1);
      let b = buffers.get(t);
      if (!b) buffers.set(t, (b = []));
      b.push(row);
    },
    // a child batch may refer to parents still buffered: send everything together
    async drain() {
      if ([...buffers.values()].some((b) => b.length >= BATCH)) await flush(true);
    },
    async finish() {
      await flush(true);
      for (const t of Object.keys(tables)) {
        if ('id' in tables[t]!) await client.query(`select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`);
      }
    },
  };
}

// ——— the data ———

export interface World {
  district: string;
  wards: { code: string; id: number; name: string }[];
  campaign: string;
}

/** The district, its wards and the campaign, through the services (audited, as an officer would). */
async function buildWorld(h: Handle, year: number): Promise<World> {
  const actor = systemActor('đo hiệu năng');
  return h.db.transaction().execute(async (trx) => {
    await createUnit(trx, { actor, input: { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city' } });
    await createUnit(trx, { actor, input: { code: 'HM', name: 'Quận Hoàng Mai', kind: 'district', parent: 'HN' } });
    const wards: World['wards'] = [];
    for (const [i, name] of WARDS.entries()) {
      const code = `HM-P${String(i + 1).padStart(2, '0')}`;
      await createUnit(trx, { actor, input: { code, name: `Phường ${name}`, kind: 'ward', parent: 'HM', sortOrder: i + 1 } });
      const row = await trx.selectFrom('units').select('id').where('code', '=', code).executeTakeFirstOrThrow();
      wards.push({ code, id: row.id, name });
    }
    const campaign = `HM-${year}`;
    await createCampaign(trx, { actor, input: { code: campaign, unit: 'HM', year, theme: `Năm "Dân vận khéo" ${year}`, fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } });
    return { district: 'HM', wards, campaign };
  });
}

export interface FillCounts {
  projects: number;
  steps: number;
  households: number;
  approved: number;
  paid: number;
  handed: number;
  rows: number;
}

/** Splits `total` into `n` parts of uneven size (a few large projects, many small ones). */
function sizes(total: number, n: number, r: ReturnType<typeof rng>): number[] {
  const w = Array.from({ length: n }, () => 0.15 + r.next() ** 3 * 8);
  const sum = w.reduce((s, x) => s + x, 0);
  const out = w.map((x) => Math.floor((x / sum) * total));
  let left = total - out.reduce((s, x) => s + x, 0);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) out[i]!++;
  return out;
}

export async function fill(sink: Sink, world: World, stepKinds: Map<string, number>, opts: { households: number; projects: number; today: string }): Promise<FillCounts> {
  const r = rng(20211);
  const today = dayNo(opts.today);
  const firstDay = dayNo('2019-01-01');
  const c: FillCounts = { projects: 0, steps: 0, households: 0, approved: 0, paid: 0, handed: 0, rows: 0 };
  const add = (t: TableName, row: Cell[]) => {
    sink.add(t, row);
    c.rows++;
  };

  // holidays: the fixed ones and Tết, so that working-day deadlines skip them
  const tet: Record<number, [string, number]> = { 2019: ['2019-02-02', 9], 2020: ['2020-01-23', 7], 2021: ['2021-02-10', 7], 2022: ['2022-01-29', 9], 2023: ['2023-01-20', 7], 2024: ['2024-02-08', 7], 2025: ['2025-01-25', 9], 2026: ['2026-02-14', 9] };
  for (let y = 2019; y <= Number(opts.today.slice(0, 4)); y++) {
    for (const [md, name] of [['01-01', 'Tết Dương lịch'], ['04-30', 'Ngày Chiến thắng'], ['05-01', 'Quốc tế Lao động'], ['09-02', 'Quốc khánh']] as const) add('calendar_days', [`${y}-${md}`, 'holiday', name]);
    const t = tet[y];
    if (t) for (let i = 0; i < t[1]; i++) add('calendar_days', [dayText(dayNo(t[0]) + i), 'holiday', 'Tết Nguyên đán']);
  }

  const KIND_ORDER = ['thong-bao', 'kiem-dem', 'lap-phuong-an', 'niem-yet', 'doi-thoai', 'phe-duyet', 'quyet-dinh-thu-hoi', 'chi-tra', 'ban-giao', 'cuong-che'];
  const kindIds = KIND_ORDER.map((k) => stepKinds.get(k)!);
  const kiemDem = stepKinds.get('kiem-dem')!;

  const perProject = sizes(opts.households, opts.projects, r);
  const pad = Math.max(4, String(perProject.reduce((m, x) => Math.max(m, x), 0)).length);
  let projectId = 0, stepId = 0, householdId = 0, parcelId = 0, planId = 0, paymentId = 0, obstacleId = 0, dialogueId = 0, followupId = 0, complaintId = 0;
  const projectsPerWard = Math.ceil(opts.projects / world.wards.length);

  for (let p = 0; p < opts.projects; p++) {
    const ward = world.wards[Math.min(world.wards.length - 1, Math.floor(p / projectsPerWard))]!;
    const nInWard = (p % projectsPerWard) + 1;
    const id = ++projectId;
    const code = `${ward.code}-DA${String(nInWard).padStart(4, '0')}`;
    const name = PROJECT_KINDS[p % PROJECT_KINDS.length]!(ward.name, Math.floor(nInWard / PROJECT_KINDS.length) + 1);
    const start = r.int(firstDay, today - 30);
    const span = today - start; // days the project has been under way
    const category = r.chance(0.15) ? 'key' : start < today - 330 ? 'carriedOver' : 'new';
    const nHouseholds = perProject[p]!;
    const nOrgs = Math.round(nHouseholds * 0.02);
    const startedAt = instant(start, 120);
    add('clearance_projects', [id, code, name, fold(name), ward.id, category, r.pick(INVESTORS), nHouseholds * r.int(6000, 15000), nHouseholds - nOrgs + r.int(0, 3), nOrgs, dayText(start), dayText(start + r.int(365, 1095)), r.chance(0.9) ? 1 : 0, `Thu hồi đất thực hiện dự án ${name.toLowerCase()}.`, startedAt, startedAt]);
    add('clearance_project_units', [id, ward.id]);
    c.projects++;

    // steps: the first ones approved (more for older projects), then one done or pending, the rest planned
    const progress = Math.min(9, Math.floor((span / 900) * 9 * (0.5 + r.next())));
    let d = start;
    const paused = r.chance(0.03);
    for (let k = 0; k < 10; k++) {
      const kid = kindIds[k]!;
      d += r.int(5, 60);
      const updated = instant(Math.min(d, today));
      let row: Cell[];
      if (k === 9) {
        // cưỡng chế: rarely needed
        row = r.chance(0.8) ? [++stepId, id, kid, null, 'notApplicable', null, null, null, null, 'Các hộ đã tự nguyện bàn giao mặt bằng', null, updated] : [++stepId, id, kid, null, 'pending', null, null, null, null, null, null, updated];
      } else if (k === 4 && r.chance(0.25)) {
        row = [++stepId, id, kid, null, 'notApplicable', null, null, null, null, 'Không còn hộ có ý kiến khác về phương án', null, updated];
      } else if (k < progress && d <= today) {
        const approvedOn = Math.min(today, d + r.int(0, 5));
        row = [++stepId, id, kid, dayText(d - r.int(0, 10)), 'approved', dayText(d), r.pick(OFFICERS), dayText(approvedOn), 'Phạm Văn Quyết', null, null, instant(approvedOn)];
      } else if (k === progress && paused) {
        row = [++stepId, id, kid, dayText(d), 'paused', null, null, null, null, 'Chờ điều chỉnh quy hoạch chi tiết', null, updated];
      } else if (k === progress && d <= today && r.chance(0.3)) {
        row = [++stepId, id, kid, dayText(d), 'done', dayText(d), r.pick(OFFICERS), null, null, null, null, instant(d)];
      } else {
        row = [++stepId, id, kid, dayText(d + r.int(0, 30)), 'pending', null, null, null, null, null, null, startedAt];
      }
      add('clearance_steps', row);
      c.steps++;
    }

    // households: kiểm đếm early on, then plan, approval, payment, handover (as fractions of the project's time)
    const active: { id: number; from: number }[] = [];
    const children: [TableName, Cell[]][] = [];
    const child = (t: TableName, row: Cell[]) => children.push([t, row]);
    for (let i = 0; i < nHouseholds; i++) {
      const hid = ++householdId;
      children.length = 0;
      const hcode = `${code}-H${String(i + 1).padStart(pad, '0')}`;
      const org = i >= nHouseholds - nOrgs;
      let hname: string;
      if (org) hname = r.pick(ORGS);
      else if (r.chance(0.6)) hname = `Hộ ông ${r.pick(FAMILY)} ${r.pick(MIDDLE_M)} ${r.pick(GIVEN_M)}`;
      else hname = `Hộ bà ${r.pick(FAMILY)} ${r.pick(MIDDLE_F)} ${r.pick(GIVEN_F)}`;
      const address = `Số ${r.int(1, 220)}, ngõ ${r.int(1, 400)} phố ${r.pick(STREETS)}, phường ${ward.name}`;
      const phone = r.chance(0.7) ? `09${r.int(10_000_000, 99_999_999)}` : null;

      // one parcel, sometimes two
      let recovered = 0;
      const parcels = r.chance(0.1) ? 2 : 1;
      for (let q = 0; q < parcels; q++) {
        const area = r.int(3000, 30000);
        const rec = r.chance(0.7) ? area : Math.round(area * (0.2 + r.next() * 0.7));
        recovered += rec;
        child('clearance_parcels', [++parcelId, hid, String(r.int(1, 60)), String(r.int(1, 900)), r.pick(LAND_TYPES), area, rec]);
      }

      const u = r.next();
      const stage = u < 0.3 ? 5 : u < 0.45 ? 4 : u < 0.6 ? 3 : u < 0.8 ? 2 : 1; // handed, paid, approved, in progress, new
      let activity: number | null = null, approvedTotal: number | null = null, approvedOn: number | null = null, paidTotal = 0, paidFullOn: number | null = null, handedOn: number | null = null, openObstacles = 0;
      if (stage >= 2) {
        const surveyed = start + Math.floor(span * 0.1 * r.next());
        activity = surveyed;
        child('clearance_household_steps', [hid, kiemDem, dayText(surveyed), null]);
        const created = start + Math.floor(span * (0.15 + 0.2 * r.next()));
        const land = Math.round((recovered * r.int(150_000, 600_000)) / 1000) * 1000;
        const assets = r.int(20, 400) * 1_000_000;
        const support = Math.round(land * 0.3 / 1000) * 1000;
        const resettlement = r.chance(0.2) ? r.int(200, 900) * 1_000_000 : 0;
        const total = land + assets + support + resettlement;
        if (stage === 2) {
          if (r.chance(0.5)) child('clearance_plans', [++planId, hid, 1, 'provisional', land, assets, support, resettlement, total, null, null, null, r.pick(OFFICERS), null, instant(created)]);
        } else {
          const approved = Math.min(today, created + Math.floor(span * (0.1 + 0.1 * r.next())));
          let version = 1;
          if (r.chance(0.1)) {
            // a first plan superseded after a dialogue
            child('clearance_plans', [++planId, hid, 1, 'superseded', Math.round(land * 0.9), assets, support, resettlement, total - Math.round(land * 0.1), `${r.int(100, 9999)}/QĐ-UBND`, dayText(Math.max(created, approved - 20)), null, r.pick(OFFICERS), 'Phạm Văn Quyết', instant(created)]);
            version = 2;
          }
          const plan = ++planId;
          child('clearance_plans', [plan, hid, version, 'approved', land, assets, support, resettlement, total, `${r.int(100, 9999)}/QĐ-UBND`, dayText(approved), null, r.pick(OFFICERS), 'Phạm Văn Quyết', instant(version === 1 ? created : Math.max(created, approved - 10))]);
          approvedTotal = total;
          approvedOn = approved;
          c.approved++;
          const pay = (amount: number, on: number, confirmed: boolean) => {
            child('clearance_payments', [++paymentId, hid, id, plan, amount, dayText(on), r.pick(['treasury', 'treasury', 'transfer', 'cash']), `PC-${paymentId}`, confirmed ? 'confirmed' : 'recorded', r.pick(OFFICERS), confirmed ? 'Phạm Văn Quyết' : null, confirmed ? instant(on, 600) : null, instant(on, 180)]);
            if (confirmed) paidTotal += amount;
          };
          const firstPay = Math.min(today, approved + Math.floor(span * 0.1 * r.next()) + 1);
          if (stage >= 4) {
            if (r.chance(0.3)) {
              const half = Math.round(total / 2);
              const second = Math.min(today, firstPay + r.int(5, 40));
              pay(half, firstPay, true);
              pay(total - half, second, true);
              paidFullOn = second;
            } else {
              pay(total, firstPay, true);
              paidFullOn = firstPay;
            }
            c.paid++;
            if (stage === 5) {
              handedOn = Math.min(today, paidFullOn + r.int(3, 45));
              child('clearance_handovers', [hid, dayText(handedOn), recovered, `${r.int(1, 999)}/BB-BGMB`, null, r.pick(OFFICERS), instant(handedOn)]);
              c.handed++;
            }
          } else if (r.chance(0.4)) pay(Math.round(total * 0.3), firstPay, true);
          else if (r.chance(0.3)) pay(total, firstPay, false);
        }
        if (stage <= 3 && r.chance(0.06)) {
          // an obstacle, open or resolved
          const opened = Math.min(today, created + r.int(1, 30));
          const resolved = r.chance(0.4) ? Math.min(today, opened + r.int(5, 60)) : null;
          child('clearance_obstacles', [++obstacleId, hid, dayText(opened), r.pick(OBSTACLES), resolved === null ? null : dayText(resolved), resolved === null ? null : 'Đã vận động, hộ đồng ý', instant(opened)]);
          if (resolved === null) openObstacles++;
        }
        active.push({ id: hid, from: surveyed });
      }
      add('clearance_households', [hid, hcode, id, org ? 'organisation' : 'household', hname, address, phone, recovered, activity === null ? null : dayText(activity), approvedTotal, approvedOn === null ? null : dayText(approvedOn), approvedOn === null ? null : dayText(approvedOn), paidTotal, paidFullOn === null ? null : dayText(paidFullOn), handedOn === null ? null : dayText(handedOn), openObstacles, startedAt, startedAt]);
      // the household before its records (foreign keys)
      for (const [t, row] of children) add(t, row);
      c.households++;
    }

    // dialogues with some of the households already surveyed, their follow-ups; complaints
    const nDialogues = active.length ? Math.min(8, Math.round(nHouseholds / 40) + r.int(0, 1)) : 0;
    for (let k = 0; k < nDialogues; k++) {
      const did = ++dialogueId;
      const held = start + Math.floor(span * (0.15 + 0.8 * r.next()));
      const chosen = new Set<number>();
      for (let j = r.int(3, 8); j > 0; j--) {
        const a = r.pick(active);
        if (a.from <= held) chosen.add(a.id);
      }
      add('clearance_dialogues', [did, id, dayText(held), `Hội trường Ủy ban nhân dân phường ${ward.name}`, `Chủ tịch UBND phường ${ward.name}`, r.int(15, 120), 'Các hộ đề nghị xem xét lại đơn giá bồi thường và thời gian bàn giao', 'Ủy ban nhân dân phường tổng hợp, báo cáo Hội đồng bồi thường trong 15 ngày', r.pick(OFFICERS), instant(held, 600)]);
      for (const hid of chosen) add('clearance_dialogue_households', [did, hid]);
      add('clearance_followups', [++followupId, did, 'Rà soát lại đơn giá bồi thường tài sản trên đất', 'Phòng Tài nguyên và Môi trường', dayText(held + 15), held + 20 <= today && r.chance(0.7) ? dayText(held + r.int(5, 20)) : null]);
    }
    const nComplaints = Math.round(nHouseholds / 50) + (r.chance(0.5) ? 1 : 0);
    for (let k = 0; k < nComplaints; k++) {
      const received = start + Math.floor(span * (0.2 + 0.8 * r.next()));
      const kind = r.chance(0.6) ? 'complaint' : 'petition';
      const answered = received + r.int(10, 50);
      const done = answered <= today && r.chance(0.75);
      add('clearance_complaints', [++complaintId, id, active.length && r.chance(0.8) ? r.pick(active).id : null, kind, dayText(received), r.pick(COMPLAINTS), 'Ủy ban nhân dân quận Hoàng Mai', dayText(received + (kind === 'complaint' ? 30 : 15)), done ? 'answered' : r.chance(0.5) ? 'processing' : 'received', done ? 'Đã xem xét, trả lời bằng văn bản' : null, done ? dayText(answered) : null, instant(received), instant(done ? answered : received)]);
    }
    await sink.drain();
  }
  await sink.finish();
  return c;
}

// ——— timing ———

interface Sizes {
  households: number;
  projects: number;
  runs: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const vn = (n: number) => n.toLocaleString('vi-VN');
const ms = (n: number) => n.toFixed(n < 10 ? 1 : 0);

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  await fn(); // warm-up
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  const out = { p50: pct(t, 50), p95: pct(t, 95), max: Math.max(...t) };
  console.log(`  ${label}: p50 ${ms(out.p50)} ms, p95 ${ms(out.p95)} ms, max ${ms(out.max)} ms (mục tiêu < 200 ms)`);
  return out;
}

/** The code measured is the compiled one in dist/ (what `kheo serve` runs), not the TypeScript sources run through tsx. */
async function production() {
  const load = (file: string): Promise<unknown> => import(file);
  const { clearanceDashboard } = (await load('../dist/features/landClearance/landClearance.stats.js')) as typeof import('../src/features/landClearance/landClearance.stats.js');
  const { campaignStats } = (await load('../dist/features/campaigns/campaigns.stats.js')) as typeof import('../src/features/figures/figures.service.js');
  return { clearanceDashboard, campaignStats };
}

async function measure(h: Handle, world: World, households: number, runs: number, today: string): Promise<void> {
  const actor = systemActor('đo hiệu năng');
  const { clearanceDashboard, campaignStats } = await production();
  const wardCounts = await h.db
    .selectFrom('clearance_households as hh')
    .innerJoin('clearance_projects as p', 'p.id', 'hh.project_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select((eb) => ['u.code', eb.fn.countAll<number>().as('n')])
    .groupBy('u.code')
    .orderBy('u.code')
    .execute();
  const ward = wardCounts[Math.floor(wardCounts.length / 2)]!;
  const dash = await clearanceDashboard(h.db, actor, { unit: world.district, through: today });
  const t = dash.totals;
  console.log(`  kiểm tra: ${vn(t.projects)} dự án, ${vn(t.households)} hộ; phê duyệt phương án ${vn(t.plansApproved)}, đã chi trả ${vn(t.householdsPaid)}, đã bàn giao ${vn(t.handedOver)}; ${vn(dash.byUnit.length)} phường`);
  const d = await time(`GPMB dashboard, ${vn(households)} hộ`, runs, () => clearanceDashboard(h.db, actor, { unit: world.district, through: today }));
  await time(`GPMB dashboard phường ${ward.code}, ${vn(Number(ward.n))} hộ`, runs, () => clearanceDashboard(h.db, actor, { unit: ward.code, through: today }));
  await time(`campaignStats ${world.campaign} (gồm GPMB), ${vn(households)} hộ`, runs, () => campaignStats(h.db, world.campaign, today));
  console.log(`  ⇒ GPMB dashboard, ${vn(households)} hộ: p50 ${ms(d.p50)} ms, p95 ${ms(d.p95)} ms (mục tiêu < 200 ms)${d.p95 < 200 ? '' : ' — CHƯA ĐẠT'}`);
}

export async function stepKindIds(h: Handle): Promise<Map<string, number>> {
  return new Map((await h.db.selectFrom('clearance_step_kinds').select(['code', 'id']).execute()).map((k) => [k.code, k.id]));
}

/**
 * What the app keeps with every write, derived once after the bulk fill: each project's figures
 * (households by state, amounts; every generated fact is dated on or before today) and its step
 * facts as JSON.
 */
export async function deriveKept(h: Handle, today: string): Promise<void> {
  await sql`insert into clearance_project_figures (project_id, households, organisations, approved, approved_amount, paid, paid_amount, handed_over, blocked, in_progress, recovered_dm2, dialogues, dialogue_participants, last_fact_on)
    select p.id,
      count(case when x.kind = 'household' then 1 end), count(case when x.kind = 'organisation' then 1 end),
      count(x.approved_on), coalesce(sum(case when x.approved_on is not null then x.approved_total end), 0),
      count(x.paid_full_on), coalesce(sum(x.paid_total), 0), count(x.handed_on),
      count(case when x.open_obstacles > 0 then 1 end), count(x.activity_on), coalesce(sum(x.recovered_dm2), 0),
      (select count(*) from clearance_dialogues d where d.project_id = p.id),
      (select coalesce(sum(d.participants), 0) from clearance_dialogues d where d.project_id = p.id),
      ${today}
    from clearance_projects p left join clearance_households x on x.project_id = p.id
    group by p.id`.execute(h.db);
  const steps = await h.db.selectFrom('clearance_steps').select(['project_id', 'kind_id', 'status', 'planned_on', 'done_on']).orderBy('project_id').orderBy('id').execute();
  const day = (d: string | null) => (d ? dayNo(d) : -1);
  const byProject = new Map<number, number[]>();
  for (const r of steps) {
    const item = [r.kind_id, STEP_STATUS_CODES[r.status], day(r.planned_on), day(r.done_on)];
    const list = byProject.get(r.project_id);
    if (list) list.push(...item);
    else byProject.set(r.project_id, item);
  }
  await h.db.transaction().execute(async (trx) => {
    for (const [id, list] of byProject) await trx.updateTable('clearance_projects').set({ steps_json: JSON.stringify(list) }).where('id', '=', id).execute();
  });
}

async function benchSqlite(o: Sizes, today: string, keep: boolean): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kheo-bench-clearance-'));
  const file = path.join(dir, 'kheo.sqlite');
  try {
    let h: Handle = openDatabase<Database>({ sqliteFile: file });
    await migrateToLatest(h);
    const world = await buildWorld(h, Number(today.slice(0, 4)));
    const kinds = await stepKindIds(h);
    const t0 = performance.now();
    const c = await fill(sqliteSink(h), world, kinds, { households: o.households, projects: o.projects, today });
    await deriveKept(h, today);
    const s = (performance.now() - t0) / 1000;
    await h.close();
    console.log(`clearance (SQLite): ${vn(c.projects)} dự án, ${vn(c.steps)} bước, ${vn(c.households)} hộ (${vn(c.approved)} có phương án được duyệt, ${vn(c.paid)} đã chi trả đủ, ${vn(c.handed)} đã bàn giao); ${vn(c.rows)} dòng trong ${s.toFixed(1)} s (${vn(Math.round(c.rows / s))} dòng/s), tệp ${vn(Math.round(statSync(file).size / 1024 / 1024))} MB`);
    // measured as the app opens it (WAL, default cache)
    h = openDatabase<Database>({ sqliteFile: file });
    await measure(h, world, c.households, o.runs, today);
    await h.close();
  } finally {
    if (keep) console.log(`  tệp giữ lại: ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPg(url: string, o: Sizes, today: string): Promise<void> {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const h = openDatabase<Database>({ databaseUrl: url, pgSchema: schema, pgPoolSize: 10 });
    try {
      await migrateToLatest(h);
      const world = await buildWorld(h, Number(today.slice(0, 4)));
      const kinds = await stepKindIds(h);
      const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema},public` });
      await client.connect();
      const t0 = performance.now();
      await client.query('begin');
      const c = await fill(pgSink(client), world, kinds, { households: o.households, projects: o.projects, today });
      await client.query('commit');
      await deriveKept(h, today);
      // what autovacuum would have done by the time anyone looks (index-only scans need it)
      await client.query('vacuum analyze');
      await client.end();
      const s = (performance.now() - t0) / 1000;
      console.log(`clearance (PostgreSQL, schema ${schema}): ${vn(c.households)} hộ, ${vn(c.rows)} dòng trong ${s.toFixed(1)} s`);
      await measure(h, world, c.households, o.runs, today);
    } finally {
      await h.close();
    }
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

export async function benchClearance(opts: ClearanceBenchOptions = {}): Promise<void> {
  const o = { households: opts.households ?? 1_000_000, projects: opts.projects ?? 10_000, runs: opts.runs ?? 20 };
  if (!(o.households > 0 && o.projects > 0 && o.runs > 0)) throw new Error('--households, --projects và --runs phải là số dương');
  const today = todayVn();
  await benchSqlite(o, today, opts.keep ?? false);
  if (opts.pg) {
    const url = process.env.DATABASE_URL;
    if (!url) console.log('clearance (PostgreSQL): bỏ qua — chưa đặt DATABASE_URL');
    else await benchPg(url, o, today);
  }
}
