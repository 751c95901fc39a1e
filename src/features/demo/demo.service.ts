/** Loads the demo data set into an empty database, through the same services as everyone. */
import { demoAwardProposals } from './demo.emulation.js';
import { settleHistory } from '../notices/notices.service.js';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Db, Tx } from '../../db/index.js';
import { createUser } from '../accounts/accounts.service.js';
import { systemActor, type Actor } from '../../policy/policy.js';
import { bundle } from '../exchange/registry.js';
import { updateSiteSettings } from '../settings/settings.service.js';
import { noUnits } from '../units/units.service.js';
import { loadDemoAccounts } from './demo.accounts.js';
import { loadDemoAppraisal } from './demo.appraisal.js';
import { loadDemoClearance } from './demo.clearance.js';
import { saveReportTemplate } from '../narrative/narrative.service.js';
import { demoCampaign, demoDocumentFileName, demoDocuments, demoModels, demoTeams } from './demo.campaign.js';
import { attachDocumentFiles, resolveDocument } from '../documents/documents.service.js';
import { demoArticles, demoCategories, demoUpperDocuments } from './demo.portal.js';
import { loadDemoReporting } from './demo.reporting.js';
import { loadDemoMeetings, loadDemoSupervision } from './demo.meetings.js';
import { DEMO_ROOT, DEMO_SITE, demoUnits, GROUPS } from './demo.data.js';

/** True when the database holds no unit yet (a fresh install). */
export async function isEmpty(db: Db): Promise<boolean> {
  return noUnits(db);
}

interface DemoResult {
  units: number;
  adminUsername: string;
  adminPassword: string;
}

/** A password that passes the policy and reads well enough to type once. */
const randomPassword = (): string => randomBytes(12).toString('base64url');

const KIND_NAMES: Record<string, string> = { KH: 'Kế hoạch', HD: 'Hướng dẫn', CV: 'Công văn', TB: 'Thông báo' };

/** Each Long Biên document gets its PDF (an illustration, made by scripts/demo-document-files.ts), so the archive's downloads work. */
async function attachDemoDocumentFiles(trx: Tx, actor: Actor): Promise<void> {
  for (const d of demoDocuments()) {
    const doc = await resolveDocument(trx, d.number, d.date);
    if (!doc) continue;
    const file = demoDocumentFileName(d.number);
    const bytes = readFileSync(new URL(`./files/${file}`, import.meta.url));
    await attachDocumentFiles(trx, { actor, id: doc.id, files: [{ name: `${KIND_NAMES[d.kind] ?? 'Văn bản'} ${file}`, bytes }] });
  }
}

/** Loads Quận Long Biên; `adminPassword` defaults to a random one, returned to print once. */
export async function loadDemo(trx: Tx, opts: { adminPassword?: string | undefined } = {}): Promise<DemoResult> {
  const actor = systemActor('demo');
  const units = demoUnits();
  const unitNames = new Map(units.map((u) => [u.code, u.name]));
  const models = demoModels(GROUPS, unitNames);
  await bundle.importBundle(trx, actor, {
    version: 1,
    units,
    documents: [...demoUpperDocuments(), ...demoDocuments()],
    campaigns: [demoCampaign()],
    // the congress term the theme years belong to: its report compares them year by year as they come
    phases: [{ code: 'LB-2021-2025', name: 'Giai đoạn 2021–2025', unit: DEMO_ROOT, fromYear: 2021, toYear: 2025 }],
    teams: demoTeams(GROUPS),
    awardProposals: demoAwardProposals(),
    models,
    categories: demoCategories(),
    articles: demoArticles(),
  });
  await loadDemoClearance(
    trx,
    models.filter((m) => m.field === 'GPMB' && m.registeredOn && !('status' in m && m.status)).map((m) => ({ code: m.code, unit: m.unit })),
  );
  await attachDemoDocumentFiles(trx, actor);
  await updateSiteSettings(trx, { actor, input: DEMO_SITE });
  const adminPassword = opts.adminPassword ?? randomPassword();
  await createUser(trx, {
    actor,
    input: { username: 'admin', fullName: 'Quản trị hệ thống', unit: DEMO_ROOT, roles: ['admin'], password: adminPassword },
  });
  // the report's header: Long Biên is the demo's root, so the city's Party body is written here
  await saveReportTemplate(trx, {
    actor,
    code: 'LB-2021',
    input: {
      title: '',
      body: '',
      superior: 'Đảng bộ thành phố Hà Nội',
      headerBody: 'Quận ủy Long Biên',
      committee: 'Quận ủy',
      symbol: 'BC/QU',
      place: 'Long Biên',
      signFor: 'T/M Ban Thường vụ',
      signTitle: 'Phó Bí thư Thường trực',
      signer: '',
      recipients: ['Thường trực Thành ủy (để báo cáo),', 'Ban Dân vận Thành ủy (để báo cáo),', 'Các đồng chí Ủy viên Ban Thường vụ Quận ủy,', 'Các chi, đảng bộ trực thuộc Quận ủy,', 'Lưu Văn phòng Quận ủy.'],
    },
  });
  // the other demo accounts share the admin's password (printed once at the first start)
  await loadDemoAppraisal(trx, adminPassword);
  await loadDemoAccounts(trx, adminPassword);
  await loadDemoReporting(trx);
  await loadDemoMeetings(trx);
  await loadDemoSupervision(trx);
  // 2021 is history: what the loaders' submissions and decisions told people is read, and mailed to nobody
  await settleHistory(trx, actor);
  return { units: units.length, adminUsername: 'admin', adminPassword };
}
