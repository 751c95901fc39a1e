import type { Db } from '../../db/index.js';
import type { NarrativeTemplateTable } from './narrative.table.js';

export const findTemplate = (db: Db, campaignId: number): Promise<NarrativeTemplateTable | undefined> =>
  db.selectFrom('narrative_templates').selectAll().where('campaign_id', '=', campaignId).executeTakeFirst();

export async function upsertTemplate(db: Db, row: NarrativeTemplateTable): Promise<void> {
  await db
    .insertInto('narrative_templates')
    .values(row)
    .onConflict((oc) => oc.column('campaign_id').doUpdateSet({ title: row.title, body: row.body, header_json: row.header_json, updated_at: row.updated_at, updated_by_name: row.updated_by_name }))
    .execute();
}

export async function deleteTemplate(db: Db, campaignId: number): Promise<void> {
  await db.deleteFrom('narrative_templates').where('campaign_id', '=', campaignId).execute();
}
