/*
 * Frozen in time: imports nothing from the app. The public portal: categories (a menu tree),
 * articles with their exact view counts, related articles, editors limited to categories,
 * files attached to documents (with the Nghị định 42 fields the register lacked: signer,
 * field, public or not), and one search index over everything the portal shows (articles,
 * documents, public models, public clearance projects) — FTS5 on SQLite, a GIN-indexed
 * stored tsvector on PostgreSQL — over text folded by the app (no diacritics, đ → d, lower
 * case, words of [a-z0-9] separated by spaces).
 */
import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

function withId<T extends string>(db: Db, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPg(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  await withId(db, db.schema.createTable('categories'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('categories.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('description', 'text')
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('in_menu', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('link', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('categories_parent_idx').on('categories').column('parent_id').execute();

  await withId(db, db.schema.createTable('articles'))
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('cover_file_id', 'integer', (c) => c.references('files.id'))
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('author_id', 'integer', (c) => c.references('users.id'))
    .addColumn('byline', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('views', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('review_note', 'text')
    .addColumn('source', 'text')
    .addColumn('search_folded', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('articles_published_idx').on('articles').columns(['status', 'published_at']).execute();
  await db.schema.createIndex('articles_category_idx').on('articles').columns(['category_id', 'status', 'published_at']).execute();
  await db.schema.createIndex('articles_campaign_idx').on('articles').columns(['campaign_id', 'status']).execute();

  await db.schema
    .createTable('article_related')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('related_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('article_related_pk', ['article_id', 'related_id'])
    .execute();

  await db.schema
    .createTable('editor_categories')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('editor_categories_pk', ['user_id', 'category_id'])
    .execute();

  await db.schema.alterTable('documents').addColumn('signer', 'text').execute();
  await db.schema.alterTable('documents').addColumn('field', 'text').execute();
  await db.schema.alterTable('documents').addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.createIndex('documents_issued_idx').on('documents').columns(['issued_on', 'id']).execute();
  await db.schema
    .createTable('document_files')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id').onDelete('cascade'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('document_files_pk', ['document_id', 'file_id'])
    .execute();

  // One row per public thing the portal can find; kind: article | document | model | project.
  await withId(db, db.schema.createTable('search_entries'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('summary', 'text')
    .addColumn('dated', 'text')
    .addColumn('visible_from', 'text')
    .addColumn('folded_title', 'text', (c) => c.notNull())
    .addColumn('folded_body', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('search_entries_ref_uq', ['kind', 'ref_id'])
    .execute();
  await db.schema.createIndex('search_entries_kind_idx').on('search_entries').columns(['kind', 'dated']).execute();
  // the few entries hidden until later (scheduled articles), left out of every search
  await db.schema.createIndex('search_entries_visible_idx').on('search_entries').column('visible_from').where(sql.ref('visible_from'), 'is not', null).execute();
  // Words are prefix-matched, so short prefixes ("tr", "kh", "dan") are the common case: the 1-,
  // 2- and 3-letter beginnings of every word are indexed too (FTS5 `prefix`; on PostgreSQL as
  // extra lexemes without positions), so they are looked up instead of merging every word that
  // begins so. PostgreSQL keeps the weighted tsvector (title A, body B) stored, to test and rank
  // a row without re-parsing it.
  if (isPg(db)) {
    await sql`create function search_prefixes(t text) returns text language sql immutable parallel safe as $$
      select coalesce(string_agg(distinct left(w, n), ' '), '') from unnest(string_to_array(t, ' ')) w, generate_series(1, 3) n where length(w) > n
    $$`.execute(db);
    await sql`alter table search_entries add column search_vector tsvector generated always as (
      setweight(to_tsvector('simple', folded_title), 'A') || setweight(to_tsvector('simple', folded_body), 'B')
      || strip(to_tsvector('simple', search_prefixes(folded_title || ' ' || folded_body)))) stored`.execute(db);
    await sql`create index search_entries_fts_idx on search_entries using gin (search_vector)`.execute(db);
  } else {
    await sql`create virtual table search_fts using fts5(folded_title, folded_body, kind, content='search_entries', content_rowid='id', tokenize='unicode61 remove_diacritics 0', prefix='1 2 3')`.execute(db);
    await sql`create trigger search_entries_ai after insert on search_entries begin
      insert into search_fts(rowid, folded_title, folded_body, kind) values (new.id, new.folded_title, new.folded_body, new.kind);
    end`.execute(db);
    await sql`create trigger search_entries_ad after delete on search_entries begin
      insert into search_fts(search_fts, rowid, folded_title, folded_body, kind) values ('delete', old.id, old.folded_title, old.folded_body, old.kind);
    end`.execute(db);
    await sql`create trigger search_entries_au after update on search_entries begin
      insert into search_fts(search_fts, rowid, folded_title, folded_body, kind) values ('delete', old.id, old.folded_title, old.folded_body, old.kind);
      insert into search_fts(rowid, folded_title, folded_body, kind) values (new.id, new.folded_title, new.folded_body, new.kind);
    end`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  if (!isPg(db)) {
    for (const t of ['search_entries_ai', 'search_entries_ad', 'search_entries_au']) await sql`drop trigger if exists ${sql.id(t)}`.execute(db);
    await sql`drop table if exists search_fts`.execute(db);
  }
  for (const t of ['search_entries', 'document_files', 'editor_categories', 'article_related', 'articles', 'categories']) await db.schema.dropTable(t).execute();
  if (isPg(db)) await sql`drop function if exists search_prefixes(text)`.execute(db);
  await db.schema.dropIndex('documents_issued_idx').execute();
  for (const c of ['is_public', 'field', 'signer']) await db.schema.alterTable('documents').dropColumn(c).execute();
}
