/**
 * Site settings: the portal's name and the footer a Vietnamese government portal carries
 * (owner, address, phone, fax, email). Cached in memory for a few seconds: every page shows them.
 */
import type { Db } from '../../db/index.js';
import { parseInput, z, zOptText, zText, type Labels } from '../../lib/validation.js';
import { authorize, type Actor } from '../accounts/policy.js';
import { audit } from '../audit/audit.service.js';
import * as repo from './settings.repository.js';

export const ZSiteSettings = z.object({
  siteName: zText(200),
  owner: zText(300),
  address: zOptText(300),
  phone: zOptText(100),
  fax: zOptText(100),
  email: zOptText(200),
  intro: zOptText(2000),
});
export type SiteSettings = z.infer<typeof ZSiteSettings>;

export const siteSettingLabels: Labels = {
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
let cache: { at: number; value: SiteSettings; db: unknown } | undefined;

/** The site settings (defaults when never set). */
export async function getSiteSettings(db: Db): Promise<SiteSettings> {
  if (cache && cache.db === db && Date.now() - cache.at < 5_000) return cache.value;
  const raw = await repo.getSetting(db, KEY);
  const parsed = raw ? ZSiteSettings.safeParse(JSON.parse(raw)) : null;
  const value = parsed?.success ? parsed.data : DEFAULT_SITE;
  cache = { at: Date.now(), value, db };
  return value;
}

/** Replaces the site settings (admin). */
export async function updateSiteSettings(trx: Db, { actor, input }: { actor: Actor; input: unknown }): Promise<SiteSettings> {
  authorize(actor, 'settings.update', { unitPath: '/', entityType: 'settings', entityId: KEY });
  const data = parseInput(ZSiteSettings, input, siteSettingLabels);
  const before = await getSiteSettings(trx);
  await repo.putSetting(trx, KEY, JSON.stringify(data), new Date().toISOString());
  cache = undefined;
  await audit(trx, actor, { action: 'settings.update', entityType: 'settings', entityId: KEY, before, after: data });
  return data;
}

