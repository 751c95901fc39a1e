/*
 * Frozen in time: imports nothing from the app. Land clearance (GPMB): the procedure-step catalogue
 * (data, not code), the holiday calendar, projects with their steps, affected households and their
 * parcels, compensation plans, payments, handovers, obstacles, dialogues and complaints.
 * Money is whole đồng (bigint); areas are whole dm² (hundredths of a m²), so sums stay exact.
 */
import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

function withId<T extends string>(db: Db, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPg(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('calendar_days')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('clearance_step_kinds'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('deadline_days', 'integer')
    .addColumn('day_kind', 'text', (c) => c.notNull())
    .addColumn('counted_from', 'text')
    .addColumn('optional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('legal_basis', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // The procedure of Luật Đất đai 2024 (31/2024/QH15) as data: administrators edit it when the law,
  // its decrees or the city's rules change the deadlines.
  const steps: [string, string, number | null, 'calendar' | 'working', string | null, number, string][] = [
    ['thong-bao', 'Thông báo thu hồi đất', 30, 'calendar', null, 0, 'Điều 85, Điều 87 khoản 1 Luật Đất đai 2024'],
    ['kiem-dem', 'Điều tra, khảo sát, đo đạc, kiểm đếm', 60, 'calendar', 'thong-bao', 0, 'Điều 87 khoản 2 Luật Đất đai 2024'],
    ['lap-phuong-an', 'Lập phương án bồi thường, hỗ trợ, tái định cư', 30, 'working', 'kiem-dem', 0, 'Điều 87 khoản 3 Luật Đất đai 2024'],
    ['niem-yet', 'Niêm yết công khai và lấy ý kiến về phương án', 30, 'calendar', 'lap-phuong-an', 0, 'Điều 87 khoản 3 điểm a Luật Đất đai 2024 (niêm yết 30 ngày)'],
    ['doi-thoai', 'Đối thoại với người có đất thu hồi còn ý kiến khác', 15, 'calendar', 'niem-yet', 0, 'Điều 87 khoản 3 điểm b Luật Đất đai 2024'],
    ['phe-duyet', 'Thẩm định và phê duyệt phương án', 20, 'working', 'niem-yet', 0, 'Điều 87 khoản 4 Luật Đất đai 2024'],
    ['quyet-dinh-thu-hoi', 'Quyết định thu hồi đất', 0, 'calendar', 'phe-duyet', 0, 'Điều 87 khoản 4 Luật Đất đai 2024 (cùng ngày phê duyệt phương án)'],
    ['chi-tra', 'Chi trả tiền bồi thường, hỗ trợ', 30, 'calendar', 'phe-duyet', 0, 'Điều 94 khoản 1 Luật Đất đai 2024 (30 ngày kể từ ngày quyết định phê duyệt phương án có hiệu lực)'],
    ['ban-giao', 'Bàn giao mặt bằng', 30, 'calendar', 'chi-tra', 0, 'Kế hoạch giải phóng mặt bằng được phê duyệt'],
    ['cuong-che', 'Cưỡng chế thực hiện quyết định thu hồi đất (khi cần)', null, 'calendar', 'ban-giao', 1, 'Điều 89 Luật Đất đai 2024'],
  ];
  await db
    .insertInto('clearance_step_kinds')
    .values(steps.map(([code, name, days, dayKind, from, optional, basis], i) => ({ code, name, sort_order: (i + 1) * 10, deadline_days: days, day_kind: dayKind, counted_from: from, optional, legal_basis: basis, active: 1 })))
    .execute();

  await withId(db, db.schema.createTable('clearance_projects'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('investor', 'text')
    .addColumn('area_dm2', 'bigint')
    .addColumn('households_declared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('organisations_declared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('officer_id', 'integer', (c) => c.references('users.id'))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clearance_projects_unit_idx').on('clearance_projects').column('unit_id').execute();

  await db.schema
    .createTable('clearance_project_units')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('clearance_project_units_pk', ['project_id', 'unit_id'])
    .execute();

  await db.schema
    .createTable('clearance_project_documents')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id').onDelete('cascade'))
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addPrimaryKeyConstraint('clearance_project_documents_pk', ['project_id', 'document_id'])
    .execute();

  await db.schema
    .createTable('clearance_project_models')
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id').onDelete('cascade'))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
    .addPrimaryKeyConstraint('clearance_project_models_pk', ['project_id', 'model_id'])
    .execute();

  await withId(db, db.schema.createTable('clearance_steps'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id').onDelete('cascade'))
    .addColumn('kind_id', 'integer', (c) => c.notNull().references('clearance_step_kinds.id'))
    .addColumn('planned_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('done_by', 'integer', (c) => c.references('users.id'))
    .addColumn('done_by_name', 'text')
    .addColumn('approved_on', 'text')
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_by_name', 'text')
    .addColumn('reason', 'text')
    .addColumn('note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('clearance_steps_uq', ['project_id', 'kind_id'])
    .execute();

  await withId(db, db.schema.createTable('clearance_households'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('phone', 'text')
    .addColumn('note', 'text')
    // the household's summary, recomputed from its records in the same transaction as every
    // write that touches them: the dashboard counts states with one GROUP BY, even at 10⁶ rows
    .addColumn('recovered_dm2', 'bigint')
    .addColumn('activity_on', 'text')
    .addColumn('approved_total', 'bigint')
    .addColumn('approved_on', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('paid_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_full_on', 'text')
    .addColumn('handed_on', 'text')
    .addColumn('open_obstacles', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clearance_households_project_idx').on('clearance_households').column('project_id').execute();

  await withId(db, db.schema.createTable('clearance_parcels'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('clearance_households.id').onDelete('cascade'))
    .addColumn('map_sheet', 'text')
    .addColumn('parcel_no', 'text')
    .addColumn('land_type', 'text')
    .addColumn('area_dm2', 'bigint')
    .addColumn('recovered_dm2', 'bigint')
    .execute();
  await db.schema.createIndex('clearance_parcels_household_idx').on('clearance_parcels').column('household_id').execute();

  await db.schema
    .createTable('clearance_household_steps')
    .addColumn('household_id', 'integer', (c) => c.notNull().references('clearance_households.id').onDelete('cascade'))
    .addColumn('kind_id', 'integer', (c) => c.notNull().references('clearance_step_kinds.id'))
    .addColumn('done_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addPrimaryKeyConstraint('clearance_household_steps_pk', ['household_id', 'kind_id'])
    .execute();

  await withId(db, db.schema.createTable('clearance_plans'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('clearance_households.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('land', 'bigint')
    .addColumn('assets', 'bigint')
    .addColumn('support', 'bigint')
    .addColumn('resettlement', 'bigint')
    .addColumn('total', 'bigint', (c) => c.notNull())
    .addColumn('decision_number', 'text')
    .addColumn('approved_on', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('clearance_plans_uq', ['household_id', 'version'])
    .execute();
  await db.schema.createIndex('clearance_plans_status_idx').on('clearance_plans').columns(['status', 'household_id']).execute();

  await withId(db, db.schema.createTable('clearance_payments'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('clearance_households.id').onDelete('cascade'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id'))
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('clearance_plans.id'))
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('receipt_no', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('confirmed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('confirmed_by_name', 'text')
    .addColumn('confirmed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clearance_payments_household_idx').on('clearance_payments').column('household_id').execute();
  await db.schema.createIndex('clearance_payments_project_idx').on('clearance_payments').columns(['project_id', 'paid_on']).execute();

  await db.schema
    .createTable('clearance_handovers')
    .addColumn('household_id', 'integer', (c) => c.primaryKey().references('clearance_households.id').onDelete('cascade'))
    .addColumn('handed_on', 'text', (c) => c.notNull())
    .addColumn('area_dm2', 'bigint')
    .addColumn('minutes_no', 'text')
    .addColumn('early_agreement', 'text')
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('clearance_obstacles'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('clearance_households.id').onDelete('cascade'))
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('resolved_on', 'text')
    .addColumn('resolution', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clearance_obstacles_household_idx').on('clearance_obstacles').column('household_id').execute();

  await withId(db, db.schema.createTable('clearance_dialogues'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id'))
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('chair', 'text', (c) => c.notNull())
    .addColumn('participants', 'integer', (c) => c.notNull())
    .addColumn('issues', 'text')
    .addColumn('agreements', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clearance_dialogues_project_idx').on('clearance_dialogues').column('project_id').execute();

  await db.schema
    .createTable('clearance_dialogue_households')
    .addColumn('dialogue_id', 'integer', (c) => c.notNull().references('clearance_dialogues.id').onDelete('cascade'))
    .addColumn('household_id', 'integer', (c) => c.notNull().references('clearance_households.id'))
    .addPrimaryKeyConstraint('clearance_dialogue_households_pk', ['dialogue_id', 'household_id'])
    .execute();

  await withId(db, db.schema.createTable('clearance_followups'))
    .addColumn('dialogue_id', 'integer', (c) => c.notNull().references('clearance_dialogues.id').onDelete('cascade'))
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('done_on', 'text')
    .execute();

  await withId(db, db.schema.createTable('clearance_complaints'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id'))
    .addColumn('household_id', 'integer', (c) => c.references('clearance_households.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('handler', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('clearance_complaints_project_idx').on('clearance_complaints').column('project_id').execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of [
    'clearance_complaints',
    'clearance_followups',
    'clearance_dialogue_households',
    'clearance_dialogues',
    'clearance_obstacles',
    'clearance_handovers',
    'clearance_payments',
    'clearance_plans',
    'clearance_household_steps',
    'clearance_parcels',
    'clearance_households',
    'clearance_steps',
    'clearance_project_models',
    'clearance_project_documents',
    'clearance_project_units',
    'clearance_projects',
    'clearance_step_kinds',
    'calendar_days',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
