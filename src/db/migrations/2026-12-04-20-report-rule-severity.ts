/*
 * Frozen in time: imports nothing from the app. Reporting rules as DHIS2's validation rules with
 * their importance: a rule is an error (blocks submitting) or a warning (the submitter explains
 * it). Neither blocks saving a draft. Rules that exist are errors, except the demo form's
 * "resolved ≤ received complaints", which becomes a warning: cases resolved in a month include
 * the backlog of earlier months. A submission keeps the explanations of the warnings it was sent
 * with (JSON: [{"rule": "kn_giai_quyet<=kn_nhan", "message": "…", "note": "…"}]).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('report_rules').addColumn('severity', 'text', (c) => c.notNull().defaultTo('error')).execute();
  await db.schema.alterTable('report_submissions').addColumn('explanations', 'text').execute();
  const demo = await db.selectFrom('report_forms').select('id').where('code', '=', 'BC-DV-THANG').executeTakeFirst();
  if (demo) {
    await db
      .updateTable('report_rules')
      .set({ severity: 'warning', message: 'Số đơn thư đã giải quyết nhiều hơn số đơn thư tiếp nhận trong tháng: nếu có giải quyết đơn tồn đọng từ các tháng trước, ghi rõ trong phần giải trình' })
      .where('form_id', '=', demo.id)
      .where('left_code', '=', 'kn_giai_quyet')
      .where('op', '=', '<=')
      .where('right_code', '=', 'kn_nhan')
      .execute();
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('report_submissions').dropColumn('explanations').execute();
  await db.schema.alterTable('report_rules').dropColumn('severity').execute();
}
