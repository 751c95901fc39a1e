import type { Insertable } from 'kysely';
import type { Db } from '../../db/index.js';
import type { SearchEntryTable } from './search.table.js';

/** Inserts or replaces the entry for (kind, ref_id). */
export async function upsertEntry(db: Db, row: Insertable<SearchEntryTable>): Promise<void> {
  const { kind: _k, ref_id: _r, ...rest } = row;
  await db
    .insertInto('search_entries')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'ref_id']).doUpdateSet(rest))
    .execute();
}

export async function deleteEntry(db: Db, kind: string, refId: number): Promise<void> {
  await db.deleteFrom('search_entries').where('kind', '=', kind).where('ref_id', '=', refId).execute();
}
