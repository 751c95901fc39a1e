import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/accounts/accounts.service.js';
import { systemActor } from '../../src/policy/policy.js';
import { createCampaign } from '../../src/features/campaigns/campaigns.service.js';
import { haveChromium, launch } from './browser.js';
import { startDemoServer } from './server.js';

const SHOTS = 'test-results';
const PASSWORD = 'mật khẩu thử nghiệm đủ dài';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const YEAR = new Date().getFullYear();

describe.skipIf(!haveChromium)('a model from registration to the dashboard, in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [browser, server] = await Promise.all([launch(), startDemoServer()]);
    const actor = systemActor('kiểm thử');
    await server.db.db.transaction().execute(async (trx) => {
      await createCampaign(trx, {
        actor,
        input: { code: `LB-${YEAR}`, unit: 'LB', year: YEAR, theme: 'Năm Dân vận khéo, chuyển đổi số', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }, { code: 'CDS', name: 'Chuyển đổi số' }] },
      });
      await createUser(trx, { actor, input: { username: 'canbo.ngoclam', fullName: 'Nguyễn Thị Lâm', unit: 'LB-NGOCLAM', roles: ['officer'], password: PASSWORD } });
      await createUser(trx, { actor, input: { username: 'bandanvan', fullName: 'Trần Văn Dân', unit: 'LB', roles: ['officer'], password: PASSWORD } });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  async function signIn(page: Page, username: string) {
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${server.url}/quan-tri`);
  }

  it('registers on a phone, is accepted by the district, gets a photo, and counts on the dashboard', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signIn(phone, 'canbo.ngoclam');
    await phone.goto(`${server.url}/quan-tri/mo-hinh/moi?chu_de=LB-${YEAR}`);
    await phone.getByLabel('Tên mô hình').fill('Tổ dân vận đồng hành bàn giao mặt bằng');
    await phone.locator('#f-unit').selectOption('LB-NGOCLAM-TDP03');
    await phone.getByLabel('Lĩnh vực').selectOption('GPMB');
    await phone.getByLabel('Vấn đề cần giải quyết').fill('12 hộ chưa đồng thuận bàn giao mặt bằng dự án đường.');
    await phone.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await phone.waitForURL(/\/quan-tri\/mo-hinh\/LB-\d+-\d+\?thongbao=da-tao/);
    const modelUrl = phone.url().split('?')[0]!;
    expect(await phone.locator('.status').innerText()).toBe('Nháp');
    await phone.getByRole('button', { name: 'Gửi duyệt' }).click();
    await phone.waitForURL(/thongbao=da-gui-mo-hinh/);
    expect(await phone.locator('.status').innerText()).toBe('Chờ duyệt');
    expect(await phone.locator('.flash').innerText()).toContain('duyệt. Kết quả sẽ báo về mục Thông báo của bạn.');
    // the ward officer cannot accept their own submission
    expect(await phone.getByRole('button', { name: 'Duyệt, ghi nhận đăng ký' }).count()).toBe(0);
    const scroll = await phone.evaluate('document.documentElement.scrollWidth');
    expect(scroll).toBeLessThanOrEqual(390);

    const desk = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await signIn(desk, 'bandanvan');
    await desk.goto(modelUrl);
    await desk.getByRole('button', { name: 'Duyệt, ghi nhận đăng ký' }).click();
    await desk.waitForURL(/thongbao=da-duyet/);
    expect(await desk.locator('.status').innerText()).toBe('Đã đăng ký');

    await phone.goto(modelUrl);
    await phone.getByLabel('Kết quả đạt được').fill('Đã vận động 5 hộ bàn giao mặt bằng.');
    await phone.getByLabel('Ảnh, tệp PDF minh chứng').setInputFiles({ name: 'bàn giao mặt bằng.png', mimeType: 'image/png', buffer: PNG });
    await phone.getByRole('button', { name: 'Cập nhật tiến độ' }).click();
    await phone.waitForURL(/thongbao=da-cap-nhat-tien-do/);
    const img = phone.locator('.attachments img');
    expect(await img.count()).toBe(1);
    expect(await img.evaluate((el) => (el as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    await phone.screenshot({ path: `${SHOTS}/mo-hinh-dien-thoai.png`, fullPage: true });

    await desk.goto(`${server.url}/quan-tri/chu-de/LB-${YEAR}`);
    const numbers = await desk.locator('.big-numbers').innerText();
    expect(numbers).toMatch(/1\s+mô hình đăng ký/);
    expect(numbers).toMatch(/1\s+mô hình tập thể/);
    const row = desk.locator('tr', { hasText: 'Phường Ngọc Lâm' }).first();
    expect(await row.locator('td').nth(1).innerText()).toBe('1');
    await desk.screenshot({ path: `${SHOTS}/bang-dieu-hanh.png`, fullPage: false });
    await phone.close();
    await desk.close();
  });

  it('shows the demo campaign with the seed\'s figures through 30/09/2021', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    await signIn(page, 'bandanvan');
    await page.goto(`${server.url}/quan-tri/chu-de/LB-2021?den=30/09/2021`);
    const numbers = await page.locator('.big-numbers').innerText();
    expect(numbers).toMatch(/451\s+mô hình đăng ký/);
    expect(numbers).toMatch(/353\s+mô hình tập thể/);
    expect(numbers).toMatch(/98\s+mô hình cá nhân/);
    expect(numbers).toMatch(/220\s+Tổ Covid cộng đồng, 2\.269 thành viên/);
    const stats = (await (await page.request.get(`${server.url}/api/v1/campaigns/LB-2021/stats?through=2021-09-30`)).json()) as { rewards: { total: number; byField: { count: number }[] } };
    expect(stats.rewards.total).toBe(31);
    expect(stats.rewards.byField.map((f) => f.count)).toEqual([4, 7, 16, 1, 3]);
    await page.goto(`${server.url}/mo-hinh-tieu-bieu?linh_vuc=GPMB`);
    expect(await page.locator('.gallery .card').count()).toBe(16);
    await page.close();
  });
});
