/**
 * Site settings: the portal's name and the footer a Vietnamese government portal carries
 * (owner, address, phone, fax, email). Cached in memory for a few seconds: every page shows them.
 */
import type { Db, Tx } from '../../db/index.js';
import { parseInput, z, zOptText, zText, type Labels } from '../../lib/validation.js';
import { authorize, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import * as repo from './settings.repository.js';
import { portalVersion } from '../../web/pagecache.js';
import { portalChanged } from './settings.version.js';

const ZSiteSettings = z.object({
  siteName: zText(200),
  owner: zText(300),
  address: zOptText(300),
  phone: zOptText(100),
  fax: zOptText(100),
  email: zOptText(200),
  intro: zOptText(2000),
});
export type SiteSettings = z.infer<typeof ZSiteSettings>;

const siteSettingLabels: Labels = {
  siteName: 'Tên cổng thông tin',
  owner: 'Cơ quan chủ quản (dòng bản quyền)',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  fax: 'Fax',
  email: 'Thư điện tử',
  intro: 'Lời giới thiệu trên trang chủ',
};

export const DEFAULT_SITE: SiteSettings = {
  siteName: 'Khéo — Cổng thông tin chủ đề năm "Dân vận khéo"',
  owner: 'Khéo',
  address: null,
  phone: null,
  fax: null,
  email: null,
  intro: null,
};

const KEY = 'site';
let cache: { at: number; value: SiteSettings; db: unknown; version: number } | undefined;

/**
 * The site settings (defaults when never set) for pages: cached for 5 s and per portal version,
 * so a change made on another instance shows as soon as that instance's portal watcher sees it.
 */
export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  if (cache && cache.db === db && cache.version === portalVersion() && Date.now() - cache.at < 5_000) return cache.value;
  const version = portalVersion();
  const value = await readSiteSettings(db);
  cache = { at: Date.now(), value, db, version };
  return value;
}

/** The stored site settings, never cached (the admin form: another instance may have just saved them). */
export async function readSiteSettings(db: Db): Promise<SiteSettings> {
  const raw = await repo.getSetting(db, KEY);
  const parsed = raw ? ZSiteSettings.safeParse(JSON.parse(raw)) : null;
  return parsed?.success ? parsed.data : DEFAULT_SITE;
}

/** Replaces the site settings (admin). */
export async function updateSiteSettings(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<SiteSettings> {
  authorize(actor, 'settings.update', { unitPath: '/', entityType: 'settings', entityId: KEY });
  const data = parseInput(ZSiteSettings, input, siteSettingLabels);
  const before = await readSiteSettings(trx);
  await repo.putSetting(trx, KEY, JSON.stringify(data), new Date().toISOString());
  cache = undefined;
  await audit(trx, actor, { action: 'settings.update', entityType: 'settings', entityId: KEY, before, after: data });
  // the footer and the site name are on every cached portal page
  await portalChanged(trx);
  return data;
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { claimSetting, putSetting } from './settings.repository.js';
