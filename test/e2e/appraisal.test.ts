import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/accounts/accounts.service.js';
import { systemActor } from '../../src/policy/policy.js';
import { createCampaign } from '../../src/features/campaigns/campaigns.service.js';
import { registerModel } from '../../src/features/models/models.service.js';
import { haveChromium, launch, signIn } from './browser.js';
import { startDemoServer } from './server.js';

const PASSWORD = 'mật khẩu thử nghiệm đủ dài';
const YEAR = new Date().getFullYear();
const CAMPAIGN = `LB-${YEAR}-TD`;

describe.skipIf(!haveChromium)('appraisal from round to gallery, in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launch(), startDemoServer()]);
    const actor = systemActor('kiểm thử');
    await server.db.db.transaction().execute(async (trx) => {
      await createCampaign(trx, {
        actor,
        input: {
          code: CAMPAIGN,
          unit: 'LB',
          year: YEAR,
          theme: 'Năm thẩm định thử',
          fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }],
          criteria: [{ code: 'hq', name: 'Hiệu quả', weight: 70 }, { code: 'lt', name: 'Lan tỏa', weight: 30 }],
        },
      });
      for (const [code, unit, name] of [
        ['TD-1', 'LB-NGOCLAM-TDP01', 'Vận động 40 hộ bàn giao mặt bằng đường Ngọc Lâm'],
        ['TD-2', 'LB-BODE-TDP02', 'Đối thoại từng hộ dự án cầu Bồ Đề'],
      ]) {
        await registerModel(trx, { actor, input: { code, campaign: CAMPAIGN, unit, field: 'GPMB', holder: 'collective', name, registeredOn: `${YEAR}-01-15` } });
      }
      for (const [username, unit] of [['td1', 'LB-BDV'], ['td2', 'LB-MTTQ'], ['td3', 'LB-UBND']]) {
        await createUser(trx, { actor, input: { username, fullName: `Thẩm định viên ${username}`, unit, roles: ['appraiser'], password: PASSWORD } });
      }
      await createUser(trx, { actor, input: { username: 'canbo.bdv', fullName: 'Cán bộ Ban Dân vận', unit: 'LB-BDV', roles: ['officer'], password: PASSWORD } });
      await createUser(trx, { actor, input: { username: 'canbo.quan', fullName: 'Cán bộ Ban Dân vận quận', unit: 'LB', roles: ['officer'], password: PASSWORD } });
      await createUser(trx, { actor, input: { username: 'hoidong.tk', fullName: 'Hội đồng Thi đua', unit: 'LB', roles: ['council'], password: PASSWORD } });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  const as = (username: string): Promise<Page> => signIn(browser, server.url, username, PASSWORD, []);

  it('opens a round, three appraisers score, the proposal goes to the council, the decision reaches the gallery', async () => {
    const officer = await as('canbo.quan');
    await officer.goto(`${server.url}/quan-tri/tham-dinh/moi`);
    await officer.getByLabel('Chủ đề năm').selectOption(CAMPAIGN);
    await officer.getByLabel('Mã đợt').fill('TD-DOT1');
    await officer.getByLabel('Tên đợt thẩm định').fill('Sơ kết 6 tháng thử');
    await officer.getByLabel('Tính mô hình đăng ký đến ngày').fill(`30/06/${YEAR}`);
    await officer.getByLabel('Bắt đầu chấm').fill(`01/01/${YEAR}`);
    await officer.getByLabel('Kết thúc chấm').fill(`31/12/${YEAR}`);
    await officer.getByLabel('Tên đăng nhập, cách nhau bởi dấu phẩy').fill('td1, td2, td3');
    await officer.getByLabel(/Điểm tối thiểu để được đề xuất/).fill('80');
    await officer.getByRole('button', { name: 'Mở đợt thẩm định' }).click();
    await officer.waitForURL(/\/quan-tri\/tham-dinh\/TD-DOT1/);

    const scores: Record<string, [string, string][]> = { td1: [['60', '25'], ['50', '20']], td2: [['65', '28'], ['40', '20']], td3: [['62', '27'], ['45', '22']] };
    for (const [username, sheets] of Object.entries(scores)) {
      const page = await as(username);
      for (const [i, model] of ['TD-1', 'TD-2'].entries()) {
        await page.goto(`${server.url}/quan-tri/tham-dinh/TD-DOT1/cham/${model}`);
        await page.getByLabel('Hiệu quả (0–70 điểm)').fill(sheets[i]![0]);
        await page.getByLabel('Lan tỏa (0–30 điểm)').fill(sheets[i]![1]);
        await page.getByLabel('Nhận xét').fill('Cách làm khéo, có kết quả kiểm chứng được.');
        await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
        await page.waitForURL(/thongbao=da-luu/);
      }
      // an out-of-range score is refused with the criterion named
      await page.goto(`${server.url}/quan-tri/tham-dinh/TD-DOT1/cham/TD-1`);
      await page.getByLabel('Hiệu quả (0–70 điểm)').fill('90');
      await page.getByLabel('Lý do sửa điểm đã nộp (bắt buộc)').fill('thử');
      await page.getByRole('button', { name: 'Lưu điểm sửa' }).click();
      expect(await page.locator('.error-summary').innerText()).toContain('Hiệu quả: điểm phải từ 0 đến 70');
      await page.close();
    }

    await officer.goto(`${server.url}/quan-tri/tham-dinh/TD-DOT1`);
    expect(await officer.locator('table').first().innerText()).toContain('Đã chấm đủ');
    const ranks = await officer.locator('section', { hasText: 'Giải phóng mặt bằng' }).last().locator('tbody tr').allInnerTexts();
    expect(ranks[0]).toContain('Vận động 40 hộ');
    expect(ranks[0]).toContain('89');
    expect(ranks[0]).toContain('Tốt');
    // TD-1 averages 89, TD-2 66: only TD-1 reaches the threshold of 80
    await officer.getByRole('button', { name: 'Đề xuất theo chỉ tiêu, điểm' }).click();
    await officer.waitForURL(/thongbao=da-luu/);
    expect(await officer.locator('section', { hasText: 'Đề xuất khen thưởng' }).innerText()).toContain('Đề xuất 1 mô hình');

    const council = await as('hoidong.tk');
    await council.goto(`${server.url}/quan-tri/tham-dinh/TD-DOT1`);
    await council.getByRole('link', { name: 'Dự thảo quyết định khen thưởng' }).click();
    await council.getByLabel('Số, ký hiệu').fill('125/QĐ-UBND');
    await council.getByLabel('Ngày quyết định').fill(`20/07/${YEAR}`);
    await council.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await council.waitForURL(/\/quan-tri\/khen-thuong\/125%2FQ/);
    await council.getByRole('button', { name: 'Ban hành' }).click();
    expect(await council.locator('.error-summary').innerText()).toContain('hãy đánh dấu ô xác nhận');
    await council.getByLabel(/Tôi xác nhận ban hành/).check();
    await council.getByRole('button', { name: 'Ban hành' }).click();
    await council.waitForURL(/thongbao=da-luu/);
    expect(await council.locator('#noi-dung .badge').first().innerText()).toBe('Đã ban hành');

    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/mo-hinh-tieu-bieu?linh_vuc=GPMB`);
    const gallery = await visitor.locator('.gallery').innerText();
    expect(gallery).toContain('Vận động 40 hộ bàn giao mặt bằng đường Ngọc Lâm');
    expect(gallery).toContain('Tổ dân phố số 1, phường Ngọc Lâm');
    expect(gallery).not.toContain('Đối thoại từng hộ dự án cầu Bồ Đề');
    await visitor.goto(`${server.url}/khen-thuong`);
    expect(await visitor.locator('main').innerText()).toContain('Quyết định số 125/QĐ-UBND');
    await Promise.all([officer.close(), council.close(), visitor.close()]);
  });
});
