/**
 * Periodic reporting in a real browser: a ward officer fills this month's report, is stopped by a
 * rule, corrects it and submits; the district officer sees it in the completeness view, approves
 * it and finds its figures in the pivot; the 6-month briefing pack of the demo lists the late
 * wards and the projects behind schedule.
 */
import { describe, expect, it } from 'vitest';
import { todayVn } from '../../src/lib/vi.js';
import { haveChromium } from './browser.js';
import { demoWorld } from './world.js';

const MONTH = todayVn().slice(0, 7);
const FORM = '/quan-tri/bao-cao/BC-DV-THANG';

describe.skipIf(!haveChromium)('a monthly report from a ward to the district, in a real browser', () => {
  const w = demoWorld([
    { username: 'khoivan.ngoclam', fullName: 'Cán bộ Khối vận phường Ngọc Lâm', unit: 'LB-NGOCLAM', roles: ['officer'] },
    { username: 'bdv.quan', fullName: 'Cán bộ Ban Dân vận Quận ủy', unit: 'LB', roles: ['officer'] },
  ]);
  const as = w.as;

  it('is filled and submitted by the ward, approved by the district, and shows in the completeness view and the pivot', async () => {
    const ward = await as('khoivan.ngoclam');
    await ward.goto(`${w.server.url}${FORM}/LB-NGOCLAM/${MONTH}`);
    await ward.getByLabel('Số hộ được đến thăm, nắm tình hình').fill('120');
    await ward.getByLabel('Số hộ được vận động thành công').fill('130');
    await ward.getByLabel('Số buổi đối thoại với Nhân dân').fill('2');
    await ward.getByLabel('Đơn thư khiếu nại, kiến nghị tiếp nhận').fill('3');
    await ward.getByLabel('Đơn thư khiếu nại, kiến nghị đã giải quyết').fill('3');
    await ward.getByLabel('Tiền ủng hộ Quỹ phòng, chống dịch Covid-19').fill('5.000.000');
    await ward.getByLabel('Số hộ giảm, chấm dứt chăn nuôi trong khu dân cư').fill('1');
    await ward.getByLabel('Số bếp than tổ ong được xóa bỏ').fill('4');
    await ward.getByRole('button', { name: 'Nộp báo cáo' }).click();
    // the rule stops it, with its message beside the field, and the typed figures stay
    await expect(ward.locator('.error-summary').innerText()).resolves.toContain('Số hộ được vận động thành công không thể nhiều hơn số hộ được đến thăm');
    await expect(ward.getByLabel('Số hộ được đến thăm, nắm tình hình').inputValue()).resolves.toBe('120');
    await ward.getByLabel('Số hộ được vận động thành công').fill('95');
    await ward.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await expect(ward.locator('.flash').innerText()).resolves.toContain('Đã nộp báo cáo');
    await expect(ward.locator('main').innerText()).resolves.toContain('Đã nộp, chờ duyệt');
    // the ward cannot approve its own report
    expect(await ward.getByRole('button', { name: 'Duyệt và khóa báo cáo' }).count()).toBe(0);

    const district = await as('bdv.quan');
    await district.goto(`${w.server.url}${FORM}?ky=${MONTH}`);
    const row = district.locator('tr', { hasText: 'Phường Ngọc Lâm' });
    await expect(row.innerText()).resolves.toContain('Đã nộp, chờ duyệt');
    await expect(district.locator('.big-numbers').innerText()).resolves.toMatch(/1\/14 phường đã nộp/);
    await row.getByRole('link', { name: 'Phường Ngọc Lâm' }).click();
    await district.getByRole('button', { name: 'Duyệt và khóa báo cáo' }).click();
    await expect(district.locator('.flash').innerText()).resolves.toContain('Đã duyệt');
    await district.goto(`${w.server.url}${FORM}/tong-hop?ky=${MONTH}&chi_tieu=ho_tham`);
    const pivot = district.locator('table.pivot');
    await expect(pivot.locator('tr', { hasText: 'Phường Ngọc Lâm' }).innerText()).resolves.toContain('120');
    await expect(pivot.locator('tr.total').innerText()).resolves.toContain('120');
    await district.goto(`${w.server.url}${FORM}?ky=${MONTH}`);
    await expect(district.locator('tr', { hasText: 'Phường Ngọc Lâm' }).innerText()).resolves.toContain('Đã duyệt');
  });

  it('lists the late wards and the projects behind schedule in the 6-month briefing pack of 2021', async () => {
    const district = await as('bdv.quan');
    await district.goto(`${w.server.url}${FORM}/giao-ban?ky=2021-H1`);
    const late = await district.locator('.late-list').innerText();
    expect(late).toContain('Phường Thạch Bàn — Tháng 03/2021: nộp muộn 3 ngày');
    expect(late).toContain('Phường Gia Thụy — Tháng 06/2021: nộp muộn 5 ngày');
    const text = await district.locator('main').innerText();
    expect(text).toMatch(/Dự án giải phóng mặt bằng chậm tiến độ \(\d+\)/);
    expect(text).not.toContain('Dự án giải phóng mặt bằng chậm tiến độ (0)');
    // the demo's issue raised at Bồ Đề on 14/05/2021 and resolved on 10/06/2021
    expect(text).toContain('Trong kỳ ghi nhận 1, giải quyết 1; cuối kỳ còn 0 vấn đề chờ giải quyết.');
    await expect(district.locator('table.issue-counts').innerText()).resolves.toMatch(/Phường Bồ Đề\s+1\s+1\s+0/);
    const docx = await district.request.get(`${w.server.url}${FORM}/giao-ban.docx?ky=2021-H1`);
    expect(docx.headers()['content-type']).toContain('wordprocessingml');
    expect(w.errors).toEqual([]);
  });

  it('walks a meeting to its conclusions: the ward closes one with evidence, the chair sees it, and the overdue one in the briefing pack', async () => {
    const district = await as('bdv.quan');
    await district.goto(`${w.server.url}/quan-tri/hoi-nghi/moi`);
    await district.getByLabel('Tên hội nghị').fill('Hội nghị giao ban kiểm thử');
    await district.getByLabel('Đơn vị tổ chức').selectOption('LB');
    await district.getByLabel('Ngày họp').fill('01/03/2025');
    await district.getByLabel('Chủ trì').fill('đồng chí Phó Bí thư Thường trực');
    await district.getByLabel('Số người dự').fill('30');
    await district.getByLabel('Kết luận').fill('Tổ chức đối thoại tại tổ dân phố số 3 | LB-NGOCLAM | 31/03/2025\nRà soát hộ chưa bàn giao mặt bằng | LB-NGOCLAM | 15/04/2025');
    await district.getByRole('button', { name: 'Lưu hội nghị' }).click();
    await expect(district.locator('main').innerText()).resolves.toContain('Tổ chức đối thoại tại tổ dân phố số 3');
    const meetingUrl = district.url().replace(/\?.*$/, '');

    const ward = await as('khoivan.ngoclam');
    await ward.goto(`${w.server.url}/quan-tri/viec-cua-toi`);
    const work = await ward.locator('main').innerText();
    expect(work).toContain('Tổ chức đối thoại tại tổ dân phố số 3');
    expect(work).toContain('đã quá hạn');
    await ward.goto(meetingUrl);
    const item = ward.locator('li', { hasText: 'Tổ chức đối thoại tại tổ dân phố số 3' });
    await item.getByRole('button', { name: 'Ghi nhận hoàn thành' }).click();
    // no evidence: refused, with the reason
    await expect(ward.locator('.error-summary').innerText()).resolves.toContain('Minh chứng');
    await ward.locator('li', { hasText: 'Tổ chức đối thoại tại tổ dân phố số 3' }).getByLabel('Minh chứng').fill('Biên bản đối thoại ngày 28/03/2025');
    await ward.locator('li', { hasText: 'Tổ chức đối thoại tại tổ dân phố số 3' }).getByLabel('Ngày hoàn thành').fill('28/03/2025');
    await ward.locator('li', { hasText: 'Tổ chức đối thoại tại tổ dân phố số 3' }).getByRole('button', { name: 'Ghi nhận hoàn thành' }).click();

    await district.goto(meetingUrl);
    await expect(district.locator('li', { hasText: 'Tổ chức đối thoại tại tổ dân phố số 3' }).innerText()).resolves.toContain('đã hoàn thành ngày 28/03/2025');
    await district.goto(`${w.server.url}${FORM}/giao-ban?ky=2025-Q2`);
    const overdue = await district.locator('.overdue-conclusions').innerText();
    expect(overdue).toContain('Rà soát hộ chưa bàn giao mặt bằng');
    expect(overdue).not.toContain('Tổ chức đối thoại tại tổ dân phố số 3');
    expect(w.errors).toEqual([]);
  });
});
