/** The category tree for the portal menu, read once per portal version (every page shows it). */
import type { Db } from '../../db/index.js';
import { PageCache, portalVersion } from '../../web/pagecache.js';
import { categoryTree, type CategoryNode } from './portal.service.js';

const caches = new WeakMap<Db, PageCache<CategoryNode[]>>();

export async function menuTree(db: Db): Promise<CategoryNode[]> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new PageCache<CategoryNode[]>(1, 30_000)));
  const hit = cache.get('menu');
  if (hit) return hit;
  const v = portalVersion();
  const tree = await categoryTree(db);
  cache.set('menu', tree, v);
  return tree;
}
