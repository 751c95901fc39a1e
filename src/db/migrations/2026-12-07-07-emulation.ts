/*
 * Frozen in time: imports nothing from the app. The emulation record (thi đua – khen thưởng,
 * issue #23): a catalogue of titles and forms of award with the level that grants each; proposals
 * sent up to the council of a higher level (draft → submitted → received → reviewed → decided, or
 * returned with a reason); and their recipients — collectives, individuals (lãnh đạo or trực tiếp
 * lao động, công tác) or households — who become the record of awards once decided. The catalogue
 * starts with the common forms of the Law on Emulation and Commendation.
 */
import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;
const withId = <T extends string>(db: Db, t: CreateTableBuilder<T>) => (isPg(db) ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()));

const FORMS: [string, string, string, string, string][] = [
  ['GK-XA', 'Giấy khen của Chủ tịch UBND cấp xã', 'award', 'commune', 'Chủ tịch UBND xã, phường, thị trấn'],
  ['GK-HUYEN', 'Giấy khen của Chủ tịch UBND cấp huyện', 'award', 'district', 'Chủ tịch UBND quận, huyện, thị xã'],
  ['BK-TINH', 'Bằng khen của Chủ tịch UBND cấp tỉnh', 'award', 'province', 'Chủ tịch UBND tỉnh, thành phố trực thuộc Trung ương'],
  ['BK-TTG', 'Bằng khen của Thủ tướng Chính phủ', 'award', 'national', 'Thủ tướng Chính phủ'],
  ['LDTT', 'Lao động tiên tiến', 'title', 'commune', 'Chủ tịch UBND cấp xã, thủ trưởng cơ quan, đơn vị'],
  ['TTLDTT', 'Tập thể lao động tiên tiến', 'title', 'district', 'Chủ tịch UBND cấp huyện'],
  ['CSTD-CS', 'Chiến sĩ thi đua cơ sở', 'title', 'district', 'Chủ tịch UBND cấp huyện'],
  ['CO-TINH', 'Cờ thi đua của UBND cấp tỉnh', 'title', 'province', 'Chủ tịch UBND cấp tỉnh'],
];

export async function up(db: Db): Promise<void> {
  await withId(db, db.schema.createTable('award_forms'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    // title: danh hiệu thi đua; award: hình thức khen thưởng
    .addColumn('kind', 'text', (c) => c.notNull())
    // the level whose head grants it: commune | district | province | national
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('grantor', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const at = new Date().toISOString();
  await db
    .insertInto('award_forms')
    .values(FORMS.map(([code, name, kind, level, grantor], i) => ({ code, name, kind, level, grantor, sort_order: i + 1, created_at: at, updated_at: at })))
    .execute();
  await withId(db, db.schema.createTable('award_proposals'))
    // each unit numbers its own tờ trình: unique for the unit (the index below), not across units
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('from_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    // the unit whose council decides, when it is in Khéo; else to_body names the body outside
    .addColumn('to_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('to_body', 'text')
    .addColumn('form_id', 'integer', (c) => c.notNull().references('award_forms.id'))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('phase_id', 'integer', (c) => c.references('phases.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text')
    .addColumn('received_on', 'text')
    .addColumn('reviewed_on', 'text')
    .addColumn('review_note', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_number', 'text')
    .addColumn('returned_on', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('award_proposals_number_uq').on('award_proposals').columns(['from_unit_id', 'number']).unique().execute();
  await db.schema.createIndex('award_proposals_to_idx').on('award_proposals').columns(['to_unit_id', 'status']).execute();
  await db.schema.createIndex('award_proposals_from_idx').on('award_proposals').columns(['from_unit_id', 'status']).execute();
  await withId(db, db.schema.createTable('award_recipients'))
    .addColumn('proposal_id', 'integer', (c) => c.notNull().references('award_proposals.id'))
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    // collective | individual | household
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('position', 'text')
    // individuals: leader (lãnh đạo, quản lý) | direct (trực tiếp lao động, công tác)
    .addColumn('role', 'text')
    .addColumn('model_id', 'integer', (c) => c.references('models.id'))
    .addColumn('achievement', 'text')
    // once decided: 1 awarded, 0 not; null before
    .addColumn('awarded', 'integer')
    .execute();
  await db.schema.createIndex('award_recipients_proposal_idx').on('award_recipients').columns(['proposal_id', 'sort_order']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('award_recipients').execute();
  await db.schema.dropTable('award_proposals').execute();
  await db.schema.dropTable('award_forms').execute();
}
