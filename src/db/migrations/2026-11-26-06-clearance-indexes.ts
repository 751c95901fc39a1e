/*
 * Frozen in time: imports nothing from the app. Covering indexes for the land clearance
 * dashboard (DESIGN §6: 1 000 000 households). Each aggregate per project then reads only its
 * index, in project order, and never the table rows: the households' summary columns (one
 * GROUP BY for all their states), confirmed payments through a date, dialogues and complaints.
 * Measured with `npm run bench -- clearance`.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['clearance_households_figures_idx', 'clearance_households', ['project_id', 'kind', 'approved_on', 'approved_total', 'paid_full_on', 'handed_on', 'open_obstacles', 'activity_on', 'recovered_dm2']],
  ['clearance_payments_paid_idx', 'clearance_payments', ['project_id', 'status', 'paid_on', 'amount']],
  ['clearance_dialogues_figures_idx', 'clearance_dialogues', ['project_id', 'held_on', 'participants']],
  ['clearance_complaints_figures_idx', 'clearance_complaints', ['project_id', 'received_on', 'answered_on', 'due_on']],
];

export async function up(db: Db): Promise<void> {
  for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Db): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}
