/**
 * Each role's first screen in a real browser, on the demo, as its demo account: what waits on the
 * user and the figures of their campaign, each equal to what the module's own function gives and
 * linking to its list; the menu holds what the role acts on and, on a phone, folds behind "Menu".
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findUserByUsername } from '../../src/features/accounts/accounts.repository.js';
import type { Role } from '../../src/policy/policy.js';
import type { UserActor } from '../../src/policy/policy.js';
import { listUsers } from '../../src/features/accounts/accounts.service.js';
import { getCampaign } from '../../src/features/campaigns/campaigns.service.js';
import { campaignStats } from '../../src/features/figures/figures.service.js';
import { workOf } from '../../src/features/dashboard/work.admin.js';
import { DEMO_PEOPLE } from '../../src/features/demo/demo.accounts.js';
import { DEMO_LEADERS } from '../../src/features/demo/demo.meetings.js';
import { clearanceDashboard } from '../../src/features/landClearance/landClearance.stats.js';
import { listModels } from '../../src/features/models/models.service.js';
import { completeness } from '../../src/features/reporting/reporting.service.js';
import { leaders } from '../../src/features/dashboard/leaders.service.js';
import { listUnitsFlat } from '../../src/features/units/units.service.js';
import { formatDate, formatNumber, todayVn } from '../../src/lib/vi.js';
import { haveChromium, launch, signIn } from './browser.js';
import { ADMIN_PASSWORD, startDemoServer } from './server.js';

const CAMPAIGN = 'LB-2021';
const FORM = 'BC-DV-THANG';

describe.skipIf(!haveChromium)("each role's first screen, in a real browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  const errors: string[] = [];
  beforeAll(async () => {
    [browser, server] = await Promise.all([launch(), startDemoServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });
  const db = () => server.db.db;

  async function actorOf(username: string): Promise<UserActor> {
    const u = (await findUserByUsername(db(), username))!;
    const roles: Role[] = username === 'admin' ? ['admin'] : DEMO_PEOPLE.find((p) => p.username === username)!.roles;
    return { kind: 'user', userId: u.id, username, fullName: u.full_name, unitId: u.unit_id, unitCode: u.unit_code, unitName: u.unit_name, unitPath: u.unit_path, roles, ip: null, via: 'session' };
  }
  /** the campaign's figures run through its last day once it has ended, as its dashboard does */
  async function through(actor: UserActor): Promise<string> {
    const k = await getCampaign(db(), actor, CAMPAIGN);
    return k.endsOn && todayVn() > k.endsOn ? k.endsOn : todayVn();
  }
  /** the figure (the big number) of the first linked figure whose text holds `label`, and where it leads */
  async function figure(page: Page, label: string): Promise<{ n: string; href: string }> {
    const a = page.locator('main a.stat', { hasText: label }).first();
    return { n: await a.locator('b').innerText(), href: (await a.getAttribute('href'))! };
  }
  const menu = async (page: Page) => page.locator('nav#menu-quan-tri a').allInnerTexts();
  /** on a phone the menu is folded behind "Menu" and opens on a tap, without script */
  async function phoneMenu(page: Page) {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/quan-tri`);
    const nav = page.locator('nav#menu-quan-tri');
    expect(await nav.isVisible()).toBe(false);
    await page.getByText('Menu', { exact: true }).click();
    expect(await nav.isVisible()).toBe(true);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await nav.getByRole('link', { name: 'Việc của tôi' }).click();
    await page.waitForURL(`${server.url}/quan-tri/viec-cua-toi`);
    expect(await page.locator('nav#menu-quan-tri').isVisible()).toBe(false);
  }

  it('ward officer: their work, and their ward’s models, report and projects of the current campaign', async () => {
    const actor = await actorOf('canbo.bode');
    const page = await signIn(browser, server.url, 'canbo.bode', ADMIN_PASSWORD, errors);
    const main = await page.locator('main').innerText();
    const w = await workOf(db(), actor);
    expect(w.count).toBeGreaterThan(0);
    expect(main).toContain(`${formatNumber(w.count)} việc đang chờ bạn`);
    expect(main).toContain(w.reports.toSubmit[0]!.formName);
    expect(main).toContain('Phường Bồ Đề — 2021');
    const den = formatDate(await through(actor));
    const registered = await listModels(db(), actor, { campaign: CAMPAIGN, unit: 'LB-BODE', status: 'registered', to: den, pageSize: 1 });
    const f = await figure(page, 'mô hình đã đăng ký');
    expect(f.n).toBe(formatNumber(registered.total));
    expect(registered.total).toBeGreaterThan(0);
    // the figure opens the list that shows it
    await page.goto(`${server.url}${f.href}`);
    expect(await page.locator('main').innerText()).toContain(`${formatNumber(registered.total)} mô hình`);
    await page.goBack();
    const submitted = await listModels(db(), actor, { campaign: CAMPAIGN, unit: 'LB-BODE', status: 'submitted', pageSize: 1 });
    expect((await figure(page, 'mô hình đang chờ duyệt')).n).toBe(formatNumber(submitted.total));
    const k = await completeness(db(), actor, { form: FORM });
    const mine = k.lines.find((l) => l.unit.code === 'LB-BODE')!;
    const r = await figure(page, `báo cáo ${k.period.label}`);
    expect(r.n).toBe(mine.statusLabel);
    expect(r.href).toBe(`/quan-tri/bao-cao/${FORM}/LB-BODE/${k.period.key}`);
    const g = await clearanceDashboard(db(), actor, { unit: 'LB-BODE', through: await through(actor) });
    const p = await figure(page, 'dự án GPMB chậm tiến độ');
    expect(p.n).toBe(formatNumber(g.projects.filter((x) => x.schedule.status === 'behind').length));
    expect(p.href).toContain('don_vi=LB-BODE');
    // nothing to run at the district's level: no rounds, rewards, leaders' assignments, units
    const items = await menu(page);
    expect(items).toEqual(expect.arrayContaining(['Việc của tôi', 'Mô hình', 'Báo cáo định kỳ', 'Giải phóng mặt bằng']));
    for (const x of ['Thẩm định', 'Khen thưởng', 'Phân công phụ trách', 'Đơn vị', 'Tài khoản', 'Chủ đề năm']) expect(items).not.toContain(x);
    await phoneMenu(page);
    expect(errors).toEqual([]);
  });

  it('district officer: the campaign’s figures, report completeness, projects behind schedule, approvals waiting', async () => {
    const actor = await actorOf('bandanvan.quan');
    const page = await signIn(browser, server.url, 'bandanvan.quan', ADMIN_PASSWORD, errors);
    const main = await page.locator('main').innerText();
    const w = await workOf(db(), actor);
    expect(main).toContain(`${formatNumber(w.count)} việc đang chờ bạn`);
    const day = await through(actor);
    const s = await campaignStats(db(), CAMPAIGN, day);
    const m = await figure(page, 'mô hình đăng ký');
    expect(m.n).toBe(formatNumber(s.models.total));
    expect(m.href).toContain(`den=${encodeURIComponent(formatDate(day))}`);
    expect((await figure(page, 'mô hình được khen thưởng')).n).toBe(formatNumber(s.rewards.total));
    const k = await completeness(db(), actor, { form: FORM });
    const r = await figure(page, 'đã nộp');
    expect(r.n).toBe(`${formatNumber(k.submitted)}/${formatNumber(k.expected)}`);
    expect(k.summary.startsWith(`${r.n} `)).toBe(true);
    expect(main).toContain(k.summary.slice(r.n.length + 1));
    expect(r.href).toBe(`/quan-tri/bao-cao/${FORM}?ky=${k.period.key}`);
    const g = await clearanceDashboard(db(), actor, { unit: 'LB', through: day });
    const behind = g.projects.filter((x) => x.schedule.status === 'behind');
    expect((await figure(page, 'dự án GPMB chậm tiến độ')).n).toBe(formatNumber(behind.length));
    for (const x of behind.slice(0, 5)) expect(main).toContain(x.name);
    const waiting = await listModels(db(), actor, { campaign: CAMPAIGN, status: 'submitted', pageSize: 1 });
    expect((await figure(page, 'mô hình gửi đăng ký chờ duyệt')).n).toBe(formatNumber(waiting.total));
    expect((await figure(page, 'báo cáo định kỳ chờ duyệt')).n).toBe(formatNumber(w.reports.toApprove.length));
    const items = await menu(page);
    expect(items).toEqual(expect.arrayContaining(['Chủ đề năm', 'Thẩm định', 'Phân công phụ trách', 'Mô hình']));
    for (const x of ['Đơn vị', 'Tài khoản', 'Nhật ký hệ thống']) expect(items).not.toContain(x);
    await phoneMenu(page);
    expect(errors).toEqual([]);
  });

  it("leader: the units assigned to them at a glance, as on the leaders' page", async () => {
    const actor = await actorOf('uvtv1');
    expect(actor.fullName).toBe(DEMO_LEADERS[0]);
    const page = await signIn(browser, server.url, 'uvtv1', ADMIN_PASSWORD, errors);
    const [l] = await leaders(db(), actor, actor.fullName);
    expect(l!.units.length).toBe(2);
    const card = page.locator('main section', { hasText: 'Đơn vị đồng chí phụ trách' });
    for (const u of l!.units) {
      const row = card.locator('tr', { hasText: u.name });
      await expect(row.locator('td[data-label="Mô hình"]').innerText()).resolves.toBe(formatNumber(u.models));
      await expect(row.locator('td[data-label="Dự án GPMB"]').innerText()).resolves.toBe(u.projects ? `${formatNumber(u.projects)} (${formatNumber(u.projectsBehind)} chậm)` : '—');
      await expect(row.locator('td[data-label="Vấn đề"]').innerText()).resolves.toBe(formatNumber(u.openIssues));
      for (const r of u.reports) await expect(row.locator('td[data-label="Báo cáo"]').innerText()).resolves.toContain(r.statusLabel);
    }
    // a viewer follows: no page to act on, the pages to read
    const items = await menu(page);
    expect(items).toEqual(expect.arrayContaining(['Chủ đề năm', 'Mô hình', 'Giải phóng mặt bằng', 'Báo cáo định kỳ', 'Phân công phụ trách']));
    for (const x of ['Tổ, đội', 'Văn bản', 'Bài viết', 'Thẩm định', 'Đơn vị']) expect(items).not.toContain(x);
    await phoneMenu(page);
    expect(errors).toEqual([]);
  });

  it("admin: the district's figures, plus units and accounts", async () => {
    const actor = await actorOf('admin');
    const page = await signIn(browser, server.url, 'admin', ADMIN_PASSWORD, errors);
    const main = await page.locator('main').innerText();
    const w = await workOf(db(), actor);
    expect(main).toContain(`${formatNumber(w.count)} việc đang chờ bạn`);
    const s = await campaignStats(db(), CAMPAIGN, await through(actor));
    expect((await figure(page, 'mô hình đăng ký')).n).toBe(formatNumber(s.models.total));
    const g = w.clearance!;
    expect((await figure(page, 'GPMB chờ duyệt')).n).toBe(formatNumber(g.totals.approveSteps + g.totals.approvePlans + g.totals.confirmPayments));
    const units = await listUnitsFlat(db(), actor);
    expect((await figure(page, 'đơn vị đang hoạt động')).n).toBe(formatNumber(units.length));
    const users = await listUsers(db(), actor);
    expect((await figure(page, 'tài khoản hoạt động')).n).toBe(formatNumber(users.filter((u) => u.active).length));
    expect(await menu(page)).toEqual(expect.arrayContaining(['Đơn vị', 'Tài khoản', 'Nhật ký hệ thống', 'Cấu hình cổng']));
    await phoneMenu(page);
    expect(errors).toEqual([]);
  });

  it('editor: articles to review, and only the portal’s pages in the menu', async () => {
    const actor = await actorOf('bientap');
    const page = await signIn(browser, server.url, 'bientap', ADMIN_PASSWORD, errors);
    const w = await workOf(db(), actor);
    const main = await page.locator('main').innerText();
    expect(main).toContain(w.count ? `${formatNumber(w.count)} việc đang chờ bạn` : 'Không có việc nào đang chờ bạn.');
    const items = await menu(page);
    expect(items).toEqual(expect.arrayContaining(['Bài viết', 'Văn bản']));
    for (const x of ['Mô hình', 'Báo cáo định kỳ', 'Giải phóng mặt bằng', 'Thẩm định']) expect(items).not.toContain(x);
    expect(errors).toEqual([]);
  });
});
