/**
 * Land clearance in a real browser: an officer creates a project, imports its households from
 * Excel and records the work; a second person (the council) approves the plan and confirms the
 * payment; the handover shows on the dashboard and on the public page — without a name.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatDate, todayVn } from '../../src/lib/vi.js';
import { haveChromium } from './browser.js';
import { demoWorld } from './world.js';

const TODAY = formatDate(todayVn());
const NAME = 'Hộ bà Trịnh Thị Kiểm Thử';

describe.skipIf(!haveChromium)('land clearance from project to handover, in a real browser', () => {
  const w = demoWorld([
    { username: 'canbo.gpmb', fullName: 'Cán bộ GPMB phường Thạch Bàn', unit: 'LB-THACHBAN', roles: ['officer'] },
    { username: 'bcd.gpmb', fullName: 'Ban chỉ đạo GPMB quận', unit: 'LB', roles: ['council'] },
  ]);
  const as = w.as;

  const workbook = async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Hộ bị ảnh hưởng').addRows([
      ['Mã hộ', 'Tên hộ, tổ chức', 'Địa chỉ', 'Tờ bản đồ', 'Số thửa', 'Diện tích (m²)', 'Diện tích thu hồi (m²)', 'Bồi thường về đất', 'Hỗ trợ'],
      ['TB-E2E-H1', NAME, 'Số 7 ngõ 12 phố Thạch Bàn', '21', '305', '120,5', '85,5', '1.200.000.000', '50.000.000'],
      ['TB-E2E-H2', 'Hộ ông Lương Văn Đối Chứng', 'Số 9 ngõ 12 phố Thạch Bàn', '21', '306', '90', '40', '600.000.000', ''],
    ]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('creates, imports, approves, pays, hands over, and shows the progress', async () => {
    const officer = await as('canbo.gpmb');
    // a project of the ward
    await officer.goto(`${w.server.url}/quan-tri/gpmb/moi`);
    await officer.getByLabel('Tên dự án').fill('Mở rộng ngõ 12 phố Thạch Bàn');
    await officer.getByLabel('Loại dự án').selectOption('new');
    await officer.getByLabel('Diện tích thu hồi (m²)').fill('1.234');
    await officer.getByLabel('Ngày bắt đầu').fill(TODAY);
    await officer.getByRole('button', { name: 'Thêm dự án' }).click();
    // an ambiguous area is refused, in Vietnamese, beside the field
    expect(await officer.getByRole('alert').innerText()).toContain('"1.234" không rõ là số nguyên hay số thập phân');
    await officer.getByLabel('Diện tích thu hồi (m²)').fill('1.234,5');
    await officer.getByRole('button', { name: 'Thêm dự án' }).click();
    await officer.waitForURL(/\/quan-tri\/gpmb\/LB-THACHBAN-DA\d+\?thongbao=da-tao$/);
    const projectUrl = officer.url().replace(/\?.*$/, '');
    const code = projectUrl.split('/').pop()!;
    expect((await officer.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('Mở rộng ngõ 12 phố Thạch Bàn');
    expect((await officer.locator('dd', { hasText: 'm²' }).innerText()).trim()).toBe('1.234,5 m²');

    // the notice is done by the officer, and approved by someone else
    const notice = officer.locator('#buoc-thong-bao');
    await notice.locator('summary', { hasText: 'Đã thực hiện' }).click();
    await notice.getByRole('button', { name: 'Đã thực hiện' }).click();
    expect(await officer.locator('#buoc-thong-bao').innerText()).toContain('Chờ duyệt');

    // households from Excel: check, then confirm
    await officer.goto(`${projectUrl}/nhap-ho`);
    await officer.locator('input[type=file]').setInputFiles({ name: 'danh-sach-ho.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await workbook() });
    await officer.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await officer.getByRole('heading', { name: /Xem trước/ }).waitFor();
    await officer.getByRole('button', { name: 'Xác nhận nhập' }).click();
    await officer.goto(`${projectUrl}/ho`);
    await officer.getByText('2 hộ, tổ chức', { exact: true }).waitFor();
    expect(await officer.getByRole('row', { name: new RegExp(NAME) }).innerText()).toContain('tờ 21, thửa 305');

    // the council approves the plan and the notice
    const council = await as('bcd.gpmb');
    await council.goto(`${w.server.url}/quan-tri/gpmb/viec-cua-toi`);
    await council.getByText('Phương án chờ phê duyệt').waitFor();
    await council.getByRole('link', { name: 'TB-E2E-H1' }).click();
    await council.getByLabel('Số quyết định phê duyệt').fill('2345/QĐ-UBND');
    await council.getByLabel('Ngày phê duyệt').fill(TODAY);
    await council.getByRole('button', { name: 'Phê duyệt' }).click();
    expect(await council.locator('#phuong-an').innerText()).toContain('Đã phê duyệt — QĐ 2345/QĐ-UBND');
    await council.goto(projectUrl);
    await council.locator('#buoc-thong-bao').getByRole('button', { name: 'Duyệt' }).click();
    expect(await council.locator('#buoc-thong-bao').innerText()).toContain('Đã hoàn thành');

    // the officer pays: more than approved is refused, the right amount is recorded
    await officer.goto(`${w.server.url}/quan-tri/gpmb/ho-dan/TB-E2E-H1`);
    await officer.getByLabel('Số tiền (đồng)').fill('1.250.000.001');
    await officer.locator('#chi-tra').getByRole('button', { name: 'Ghi nhận' }).click();
    expect(await officer.getByRole('alert').innerText()).toContain('vượt số còn phải trả theo phương án đã phê duyệt (1.250.000.000 đ)');
    await officer.getByLabel('Số tiền (đồng)').fill('1.250.000.000');
    await officer.getByLabel('Số chứng từ').fill('UNC-0001');
    await officer.locator('#chi-tra').getByRole('button', { name: 'Ghi nhận' }).click();
    expect(await officer.locator('#chi-tra').innerText()).toContain('Chờ xác nhận');

    // the council confirms it; the officer records the handover
    await council.goto(`${w.server.url}/quan-tri/gpmb/ho-dan/TB-E2E-H1`);
    await council.locator('#chi-tra').getByRole('button', { name: 'Xác nhận' }).click();
    expect(await council.locator('#chi-tra').innerText()).toContain('Đã xác nhận');
    await officer.goto(`${w.server.url}/quan-tri/gpmb/ho-dan/TB-E2E-H1`);
    await officer.getByLabel('Diện tích bàn giao (m²)').fill('85,5');
    await officer.getByRole('button', { name: 'Ghi nhận bàn giao' }).click();
    expect((await officer.locator('#noi-dung .badge').first().innerText()).trim()).toBe('Đã bàn giao');

    // the dashboard counts it
    await officer.goto(`${w.server.url}/quan-tri/gpmb`);
    const row = officer.getByRole('row', { name: /Mở rộng ngõ 12 phố Thạch Bàn/ });
    expect((await row.locator('td[data-label="Đã bàn giao"]').innerText()).trim()).toBe('1');
    expect((await row.locator('td[data-label="Đã chi trả"]').innerText()).trim()).toBe('1');

    // and so does the public page, without any household's name or address
    const citizen = await w.browser.newPage({ viewport: { width: 390, height: 800 }, locale: 'vi-VN' });
    await citizen.goto(`${w.server.url}/gpmb/${code}`);
    expect((await citizen.getByRole('heading', { level: 1 }).innerText()).trim()).toBe('Mở rộng ngõ 12 phố Thạch Bàn');
    const stat = async (hasText: string) => (await citizen.locator('.stat', { hasText }).innerText()).replace(/\s+/g, ' ');
    expect(await stat('đã bàn giao mặt bằng')).toBe('1 hộ đã bàn giao mặt bằng (50%)');
    expect(await stat('nhận tiền')).toBe('1 hộ đã nhận tiền bồi thường, hỗ trợ');
    expect(await stat('phê duyệt phương án')).toBe('1 hộ đã được phê duyệt phương án bồi thường');
    const text = await citizen.locator('body').innerText();
    expect(text).not.toContain('Trịnh Thị Kiểm Thử');
    expect(text).not.toContain('Số 7 ngõ 12');
    expect(text).not.toContain('thửa 305');
    for (const p of [officer, council, citizen]) await p.close();
    expect(w.errors).toEqual([]);
  });
});
