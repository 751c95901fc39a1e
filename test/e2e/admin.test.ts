import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launch } from './browser.js';
import { WARDS } from '../../src/features/demo/demo.data.js';
import { ADMIN_PASSWORD, startDemoServer } from './server.js';

const SHOTS = 'test-results';

describe.skipIf(!haveChromium)('in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [browser, server] = await Promise.all([launch(), startDemoServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  const newPage = async (width = 1280): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width, height: 900 }, locale: 'vi-VN' });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
    });
    page.on('pageerror', (e) => cspViolations.push(String(e)));
    return page;
  };

  it('shows the portal with the seed footer', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Quận Long Biên');
    const footer = await page.locator('footer').innerText();
    expect(footer).toContain('Bản quyền Cổng TTĐT: Quận Long Biên - TP Hà Nội.');
    expect(footer).toContain('Tel: (024) 38724033, Fax: 38724618');
    await expect(page.locator('.featured-article h3').first().textContent()).resolves.toContain('Kết quả 9 tháng thực hiện chủ đề');
    await page.screenshot({ path: `${SHOTS}/cong.png`, fullPage: true });
    // the 14 wards, from the footer's link to the unit tree
    await page.click('footer >> text=Hệ thống đơn vị');
    const tree = await page.locator('.tree').innerText();
    for (const w of WARDS) expect(tree).toContain(`Phường ${w}`);
    await page.close();
  });

  it('signs in, creates a ward, sees it in the tree, and signs out', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/quan-tri`);
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill('sai mật khẩu rồi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${server.url}/quan-tri`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Tổng quan');

    await page.getByRole('link', { name: 'Đơn vị', exact: true }).click();
    await page.getByRole('link', { name: 'Thêm đơn vị' }).click();
    // first a mistake: the form comes back with the message beside the field
    await page.getByLabel('Mã đơn vị').fill('LB-PHUONGMOI');
    await page.getByLabel('Loại đơn vị').selectOption('ward');
    await page.getByLabel('Đơn vị cấp trên').selectOption('LB');
    await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await expect(page.locator('.error-summary').innerText()).resolves.toContain('Tên đơn vị: bắt buộc nhập');
    await page.getByLabel('Tên đơn vị').fill('Phường Phúc Tân'.normalize('NFD'));
    await page.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await page.waitForURL(/\/quan-tri\/don-vi\/LB-PHUONGMOI/);
    await expect(page.locator('.flash').innerText()).resolves.toContain('Đã tạo mới');

    await page.goto(`${server.url}/quan-tri/don-vi`);
    const tree = page.locator('nav.tree');
    await expect(tree.getByRole('link', { name: 'Phường Phúc Tân' }).count()).resolves.toBe(1);
    await page.screenshot({ path: `${SHOTS}/cay-don-vi.png`, fullPage: false });

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/dang-nhap/);
    await page.goto(`${server.url}/quan-tri/don-vi`);
    expect(new URL(page.url()).pathname).toBe('/dang-nhap');
    await page.close();
  });

  it('works on a phone-sized screen', async () => {
    const page = await newPage(375);
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${server.url}/quan-tri`);
    await page.goto(`${server.url}/quan-tri/don-vi/moi`);
    const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
    expect(scrollWidth).toBeLessThanOrEqual(375);
    await page.screenshot({ path: `${SHOTS}/dien-thoai.png`, fullPage: true });
    await page.close();
  });

  it('ran with no Content-Security-Policy violation or script error', () => {
    expect(cspViolations).toEqual([]);
  });
});
