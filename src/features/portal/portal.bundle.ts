/** Bundle sections `categories` and `articles` (DESIGN §5): slugs are the references. */
import type { Db, Tx } from '../../db/index.js';
import { toIsoVn } from '../../lib/vi.js';
import { inSubtree, isTopLevel, type Actor } from '../../policy/policy.js';
import { slugify } from '../../lib/vi.js';
import { atRecord, upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './portal.repository.js';
import { ZArticle, ZCategory, type TArticle, type TCategory } from './portal.schemas.js';
import { articleIdBySlug, categoryTree, createArticle, createCategory, setRelatedArticles, updateArticle, updateCategory, type CategoryNode } from './portal.service.js';

const flatten = (ns: CategoryNode[]): CategoryNode[] => ns.flatMap((n) => [n, ...flatten(n.children)]);

export const categoriesBundle: BundleSection<TCategory> = {
  key: 'categories',
  label: 'Chuyên mục',
  record: ZCategory,
  importRecords: (trx: Tx, actor: Actor, records: TCategory[]) =>
    upsertEach('categories', records, {
      exists: async (r) => Boolean(r.slug && (await repo.findCategoryBySlug(trx, r.slug))),
      create: (r) => createCategory(trx, { actor, input: r }),
      update: (r) => updateCategory(trx, { actor, slug: r.slug!, input: r }),
    }),
  async exportRecords(db: Db) {
    return flatten(await categoryTree(db)).map((c) => ({
      slug: c.slug,
      name: c.name,
      parent: c.parent,
      position: c.position,
      description: c.description,
      campaign: c.campaign,
      inMenu: c.inMenu,
      link: c.link,
    }));
  },
};

export const articlesBundle: BundleSection<TArticle> = {
  key: 'articles',
  label: 'Bài viết',
  record: ZArticle,
  async importRecords(trx: Tx, actor: Actor, records: TArticle[]) {
    // a bundle of past work: an article with a publication time is published unless it says otherwise
    // a record without a slug gets the one its title gives, so that importing it again finds it
    const first = records.map((r) => ({ ...r, slug: r.slug ?? (slugify(r.title).slice(0, 140) || null), status: r.status ?? (r.publishedAt ? 'published' : 'draft'), related: undefined }));
    const result = await upsertEach('articles', first, {
      exists: async (r) => Boolean(r.slug && (await repo.findArticleBySlug(trx, r.slug))),
      create: (r) => createArticle(trx, { actor, input: r, imported: true }),
      update: async (r) => updateArticle(trx, { actor, id: await articleIdBySlug(trx, r.slug!), input: r, imported: true }),
    });
    // related articles may point forwards in the list: set them once every article exists
    for (const [i, r] of records.entries()) {
      if (!r.related) continue;
      try {
        const id = await articleIdBySlug(trx, first[i]!.slug ?? '');
        await setRelatedArticles(trx, { actor, id, related: r.related });
      } catch (e) {
        throw atRecord('articles', i, e);
      }
    }
    return result;
  },
  async exportRecords(db: Db, actor: Actor) {
    const rows = await repo.allArticles(db);
    const out = [];
    for (const r of rows) {
      // another unit's unpublished work stays with it; one without a unit belongs to the installation's top
      if (actor.kind === 'user' && r.status !== 'published' && !(r.unit_path ? inSubtree(actor, r.unit_path) : isTopLevel(actor.unitPath))) continue;
      out.push({
        slug: r.slug,
        category: r.category_slug,
        title: r.title,
        summary: r.summary,
        body: r.body,
        byline: r.byline,
        status: r.status,
        publishedAt: r.published_at ? toIsoVn(r.published_at) : null,
        featured: r.featured === 1,
        campaign: r.campaign_code,
        unit: r.unit_code,
        related: await repo.relatedSlugs(db, r.id),
        views: Number(r.views),
      });
    }
    return out;
  },
};
