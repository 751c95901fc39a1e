/*
 * Frozen in time: imports nothing from the app. Per-project land clearance figures kept up to
 * date on every write (households by state, amounts, the latest date of any counted fact), and
 * each project's step facts as compact JSON, so that the dashboard reads one row per project
 * instead of every household and step (DESIGN §6: 1 000 000 households). Existing data is
 * summed once here. The step facts are flat numbers — [kindId, status, plannedOn, doneOn, …],
 * status 0…4 (pending, done, approved, not applicable, paused), dates as days since 1970-01-01
 * (-1: none) — so thousands parse without building objects.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('clearance_project_figures')
    .addColumn('project_id', 'integer', (c) => c.primaryKey().references('clearance_projects.id').onDelete('cascade'))
    .addColumn('households', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('organisations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approved', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('approved_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('paid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('paid_amount', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('handed_over', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('in_progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('recovered_dm2', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('dialogues', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dialogue_participants', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_fact_on', 'text')
    .execute();
  await db.schema.alterTable('clearance_projects').addColumn('steps_json', 'text').execute();

  const projects = (await db.selectFrom('clearance_projects').select('id').execute()) as { id: number }[];
  if (!projects.length) return;
  const n = (v: unknown) => Number(v ?? 0);
  const figures = new Map<number, Record<string, number | string | null>>();
  for (const p of projects) figures.set(p.id, { project_id: p.id, households: 0, organisations: 0, approved: 0, approved_amount: 0, paid: 0, paid_amount: 0, handed_over: 0, blocked: 0, in_progress: 0, recovered_dm2: 0, dialogues: 0, dialogue_participants: 0, last_fact_on: null });
  const later = (a: unknown, b: unknown) => (typeof b === 'string' && (typeof a !== 'string' || b > a) ? b : (a as string | null));
  const households = (await db
    .selectFrom('clearance_households')
    .select(['project_id', 'kind', 'approved_on', 'approved_total', 'paid_total', 'paid_full_on', 'handed_on', 'open_obstacles', 'activity_on', 'recovered_dm2'])
    .execute()) as Record<string, unknown>[];
  for (const h of households) {
    const f = figures.get(n(h.project_id))!;
    const add = (k: string, v: number) => (f[k] = n(f[k]) + v);
    add(h.kind === 'organisation' ? 'organisations' : 'households', 1);
    if (h.approved_on) {
      add('approved', 1);
      add('approved_amount', n(h.approved_total));
    }
    if (h.paid_full_on) add('paid', 1);
    add('paid_amount', n(h.paid_total));
    if (h.handed_on) add('handed_over', 1);
    if (n(h.open_obstacles) > 0) add('blocked', 1);
    if (h.activity_on) add('in_progress', 1);
    add('recovered_dm2', n(h.recovered_dm2));
    for (const d of [h.approved_on, h.paid_full_on, h.handed_on, h.activity_on]) f.last_fact_on = later(f.last_fact_on, d);
  }
  const payments = (await db.selectFrom('clearance_payments').select(['project_id', 'paid_on']).where('status', '=', 'confirmed').execute()) as { project_id: number; paid_on: string }[];
  for (const p of payments) {
    const f = figures.get(n(p.project_id))!;
    f.last_fact_on = later(f.last_fact_on, p.paid_on);
  }
  const dialogues = (await db.selectFrom('clearance_dialogues').select(['project_id', 'held_on', 'participants']).execute()) as { project_id: number; held_on: string; participants: number }[];
  for (const d of dialogues) {
    const f = figures.get(n(d.project_id))!;
    f.dialogues = n(f.dialogues) + 1;
    f.dialogue_participants = n(f.dialogue_participants) + n(d.participants);
    f.last_fact_on = later(f.last_fact_on, d.held_on);
  }
  const rows = [...figures.values()];
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('clearance_project_figures').values(rows.slice(i, i + 500)).execute();

  const steps = (await db.selectFrom('clearance_steps').select(['project_id', 'kind_id', 'status', 'planned_on', 'done_on']).orderBy('id').execute()) as { project_id: number; kind_id: number; status: string; planned_on: string | null; done_on: string | null }[];
  // [kindId, status, plannedOn, doneOn, …] as numbers: status 0 pending, 1 done, 2 approved, 3 not applicable, 4 paused; dates as days since 1970-01-01, -1 for none
  const STATUS: Record<string, number> = { pending: 0, done: 1, approved: 2, notApplicable: 3, paused: 4 };
  const day = (d: string | null) => (d ? Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000 : -1);
  const byProject = new Map<number, number[]>();
  for (const s of steps) {
    const list = byProject.get(n(s.project_id)) ?? [];
    list.push(n(s.kind_id), STATUS[s.status] ?? 0, day(s.planned_on), day(s.done_on));
    byProject.set(n(s.project_id), list);
  }
  for (const [id, list] of byProject) await db.updateTable('clearance_projects').set({ steps_json: JSON.stringify(list) }).where('id', '=', id).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('clearance_projects').dropColumn('steps_json').execute();
  await db.schema.dropTable('clearance_project_figures').execute();
}
