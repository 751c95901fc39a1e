/**
 * The report at every level of the hierarchy (issue 19, item 10): campaigns of a province, a
 * rural district of a province and of a centrally-run city, a town (thị xã), a commune before and
 * after the two-tier local government of 1/7/2025, imported as a bundle of past work. Each
 * report's header, "Nơi nhận", signature and wording follow the unit's real place.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/http.js';
import { system } from '../../../test/support/fixtures.js';
import { zipEntry } from '../../../test/support/zip.js';
import { bundle } from '../exchange/registry.js';
import { reportDocx, reportMarkdown } from './narrative.documents.js';
import { buildReport } from './narrative.service.js';

let t: TestApp;

const models = (campaign: string, unit: string, field: string, n: number, o: { exemplary?: number; individualEvery?: number; on: string }) =>
  Array.from({ length: n }, (_, i) => {
    const individual = o.individualEvery ? i % o.individualEvery === o.individualEvery - 1 : false;
    return {
      code: `${campaign}-M${String(i + 1).padStart(2, '0')}`,
      campaign,
      unit,
      field,
      holder: individual ? 'individual' : 'collective',
      ...(individual ? { holderName: `Ông Nguyễn Văn ${String.fromCharCode(65 + (i % 26))}` } : {}),
      name: `Mô hình số ${i + 1} của ${campaign}`,
      registeredOn: o.on,
      ...(o.exemplary !== undefined && i < o.exemplary ? { exemplary: true } : {}),
    };
  });

const doc = {
  version: 1,
  units: [
    { code: 'BN', name: 'Tỉnh Bắc Ninh', kind: 'province', parent: null },
    { code: 'BN-GB', name: 'Huyện Gia Bình', kind: 'district', parent: 'BN', validTo: '2025-06-30' },
    { code: 'BN-GB-TT', name: 'Thị trấn Gia Bình', kind: 'township', parent: 'BN-GB' },
    { code: 'BN-GB-XL', name: 'Xã Xuân Lai', kind: 'commune', parent: 'BN-GB' },
    { code: 'BN-GB-DT', name: 'Xã Đông Cứu', kind: 'commune', parent: 'BN-GB' },
    { code: 'BN-GB-XL-T1', name: 'Thôn Xuân Lai', kind: 'residentialGroup', parent: 'BN-GB-XL' },
    { code: 'BN-GB-XL-T2', name: 'Thôn Ngọc Khám', kind: 'residentialGroup', parent: 'BN-GB-XL' },
    { code: 'BN-TS', name: 'Thị xã Từ Sơn', kind: 'town', parent: 'BN' },
    { code: 'BN-TS-DN', name: 'Phường Đông Ngàn', kind: 'ward', parent: 'BN-TS' },
    { code: 'BN-TS-TS', name: 'Xã Tam Sơn', kind: 'commune', parent: 'BN-TS' },
    { code: 'BN-TP', name: 'Thành phố Bắc Ninh', kind: 'city', parent: 'BN' },
    { code: 'HN', name: 'Thành phố Hà Nội', kind: 'city', parent: null },
    { code: 'HN-GL', name: 'Huyện Gia Lâm', kind: 'district', parent: 'HN' },
    { code: 'HN-GL-TT', name: 'Thị trấn Trâu Quỳ', kind: 'township', parent: 'HN-GL' },
  ],
  campaigns: [
    { code: 'BN-2021', unit: 'BN', year: 2021, theme: 'Năm dân vận chính quyền', fields: [{ code: 'KT', name: 'Kinh tế' }] },
    { code: 'GB-2021', unit: 'BN-GB', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'NTM', name: 'Xây dựng nông thôn mới' }] },
    { code: 'TS-2021', unit: 'BN-TS', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'ĐT', name: 'Chỉnh trang đô thị' }] },
    { code: 'XL-2021', unit: 'BN-GB-XL', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'NTM', name: 'Xây dựng nông thôn mới' }] },
    { code: 'XL-2026', unit: 'BN-GB-XL', year: 2026, theme: 'Năm chuyển đổi số', fields: [{ code: 'CDS', name: 'Chuyển đổi số' }] },
    { code: 'GL-2021', unit: 'HN-GL', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] },
  ],
  teams: [{ code: 'XL-T1-DV', unit: 'BN-GB-XL-T1', kind: 'massMobilisation', name: 'Tổ dân vận thôn Xuân Lai', members: 9, establishedOn: '2021-01-10' }],
  models: [
    // a province: 60 models, 8 of them exemplary (every fourth model an individual's)
    ...models('BN-2021', 'BN-TS-DN', 'KT', 60, { exemplary: 8, individualEvery: 4, on: '2021-03-01' }),
    ...models('GB-2021', 'BN-GB-DT', 'NTM', 12, { exemplary: 3, on: '2021-03-01' }),
    ...models('TS-2021', 'BN-TS-TS', 'ĐT', 6, { exemplary: 0, individualEvery: 3, on: '2021-03-01' }),
    // a commune: none marked exemplary, seven rewarded
    ...models('XL-2021', 'BN-GB-XL-T1', 'NTM', 9, { individualEvery: 3, on: '2021-02-01' }),
    ...models('XL-2026', 'BN-GB-XL-T2', 'CDS', 2, { exemplary: 1, on: '2026-02-01' }),
    ...models('GL-2021', 'HN-GL-TT', 'GPMB', 2, { exemplary: 2, on: '2021-03-01' }),
  ],
  rewardDecisions: [{ number: '45/QĐ-UBND', campaign: 'XL-2021', date: '2021-07-15', issuer: 'Chủ tịch UBND xã Xuân Lai', models: ['XL-2021-M01', 'XL-2021-M02', 'XL-2021-M03', 'XL-2021-M04', 'XL-2021-M05', 'XL-2021-M06', 'XL-2021-M07'] }],
};

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute((trx) => bundle.importBundle(trx, system, doc));
}, 120_000);
afterAll(() => t.close());

const report = (code: string, through: string) => buildReport(t.db.db, system, { code, through, date: through });
const textOf = (r: Awaited<ReturnType<typeof report>>) => [r.title, ...r.paragraphs].join('\n');

/** KHEO_NARRATIVE_DOCX=dir: writes each report's Word file there, to be looked at. */
async function keep(name: string, r: Awaited<ReturnType<typeof report>>): Promise<string> {
  const buf = await reportDocx(r);
  const dir = process.env.KHEO_NARRATIVE_DOCX;
  if (dir) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${name}.docx`), buf);
  }
  return zipEntry(buf, 'word/document.xml');
}

describe('the report at every level of the hierarchy', () => {
  it('a province: Tỉnh ủy, no superior line, reports to the Central Committee; 8 exemplary models counted by holder, 5 named', async () => {
    const r = await report('BN-2021', '2021-09-30');
    expect(r.header).toMatchObject({ superior: '', body: 'TỈNH ỦY BẮC NINH', committee: 'Tỉnh ủy', symbol: 'BC/TU', place: 'Bắc Ninh', signFor: 'T/M BAN THƯỜNG VỤ', signTitle: 'PHÓ BÍ THƯ THƯỜNG TRỰC' });
    expect(r.header.recipients).toEqual(['Ban Bí thư Trung ương Đảng (để báo cáo),', 'Ban Dân vận Trung ương (để báo cáo),', 'Các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy,', 'Các đảng bộ trực thuộc Tỉnh ủy,', 'Lưu Văn phòng Tỉnh ủy.']);
    const text = textOf(r);
    expect(r.title).toBe('Kết quả 9 tháng đầu năm 2021 thực hiện chủ đề “Năm dân vận chính quyền” của tỉnh Bắc Ninh');
    expect(text).toContain('có tổng số 60 mô hình đăng ký thi đua thực hiện chủ đề năm của tỉnh Bắc Ninh, trong đó có 45 mô hình tập thể, 15 mô hình cá nhân');
    expect(text).toContain('8 mô hình được công nhận là mô hình tiêu biểu (6 mô hình tập thể, 2 mô hình cá nhân), như: mô hình “Mô hình số 1 của BN-2021” của phường Đông Ngàn; ');
    expect(text).toContain('mô hình “Mô hình số 4 của BN-2021” của Ông Nguyễn Văn D; mô hình “Mô hình số 5 của BN-2021” của phường Đông Ngàn và 3 mô hình tiêu biểu khác trên địa bàn 1 huyện, 1 thị xã và 1 thành phố.');
    expect(text).not.toContain('Mô hình số 6 của BN-2021');
    const xml = await keep('tinh-bac-ninh', r);
    expect(xml).toContain('TỈNH ỦY BẮC NINH');
    expect(xml).not.toContain('ĐẢNG BỘ TỈNH BẮC NINH');
    expect(xml).toContain('Bắc Ninh, ngày 30 tháng 9 năm 2021');
    expect(xml).toContain('Số \u00a0\u00a0\u00a0\u00a0\u00a0-BC/TU');
    expect(xml).toContain('- Ban Dân vận Trung ương (để báo cáo),');
  });

  it('a rural district of a province: Huyện ủy under the Đảng bộ tỉnh, reports to the Thường trực Tỉnh ủy; its communes and township', async () => {
    const r = await report('GB-2021', '2021-09-30');
    expect(r.header).toMatchObject({ superior: 'ĐẢNG BỘ TỈNH BẮC NINH', body: 'HUYỆN ỦY GIA BÌNH', committee: 'Huyện ủy', symbol: 'BC/HU', place: 'Gia Bình', signFor: 'T/M BAN THƯỜNG VỤ', signTitle: 'PHÓ BÍ THƯ THƯỜNG TRỰC' });
    expect(r.header.recipients).toEqual(['Thường trực Tỉnh ủy (để báo cáo),', 'Ban Dân vận Tỉnh ủy (để báo cáo),', 'Các đồng chí Ủy viên Ban Thường vụ Huyện ủy,', 'Các chi, đảng bộ trực thuộc Huyện ủy,', 'Lưu Văn phòng Huyện ủy.']);
    const text = textOf(r);
    expect(r.title).toContain('của huyện Gia Bình');
    expect(text).toContain('3 mô hình được công nhận là mô hình tiêu biểu (3 mô hình tập thể), như: mô hình “Mô hình số 1 của GB-2021” của xã Đông Cứu; mô hình “Mô hình số 2 của GB-2021” của xã Đông Cứu và mô hình “Mô hình số 3 của GB-2021” của xã Đông Cứu trên địa bàn 2 xã và 1 thị trấn.');
    expect(text).not.toContain('mô hình tiêu biểu khác');
    // the team is under a commune of the district: its mass mobilisation bloc is the communes' and township's
    expect(text).toContain('Khối vận các xã, thị trấn chủ động nắm tình hình tư tưởng Nhân dân, phát huy vai trò của các tổ dân vận ở thôn, tổ dân phố,');
    const xml = await keep('huyen-gia-binh', r);
    expect(xml).toContain('ĐẢNG BỘ TỈNH BẮC NINH');
    expect(xml).toContain('HUYỆN ỦY GIA BÌNH');
    expect(xml).toContain('- Thường trực Tỉnh ủy (để báo cáo),');
  });

  it('a rural district of a centrally-run city reports to the Thường trực Thành ủy', async () => {
    const r = await report('GL-2021', '2021-12-31');
    expect(r.header).toMatchObject({ superior: 'ĐẢNG BỘ THÀNH PHỐ HÀ NỘI', body: 'HUYỆN ỦY GIA LÂM', symbol: 'BC/HU' });
    expect(r.header.recipients.slice(0, 2)).toEqual(['Thường trực Thành ủy (để báo cáo),', 'Ban Dân vận Thành ủy (để báo cáo),']);
    expect(textOf(r)).toContain('2 mô hình được công nhận là mô hình tiêu biểu (2 mô hình tập thể), như: mô hình “Mô hình số 1 của GL-2021” của thị trấn Trâu Quỳ và mô hình “Mô hình số 2 của GL-2021” của thị trấn Trâu Quỳ trên địa bàn 1 thị trấn.');
  });

  it('a town (thị xã): Thị ủy, reports to the Thường trực Tỉnh ủy; no model exemplary nor rewarded: none named', async () => {
    const r = await report('TS-2021', '2021-09-30');
    expect(r.header).toMatchObject({ superior: 'ĐẢNG BỘ TỈNH BẮC NINH', body: 'THỊ ỦY TỪ SƠN', committee: 'Thị ủy', symbol: 'BC/TU', place: 'Từ Sơn', signFor: 'T/M BAN THƯỜNG VỤ' });
    expect(r.header.recipients).toEqual(['Thường trực Tỉnh ủy (để báo cáo),', 'Ban Dân vận Tỉnh ủy (để báo cáo),', 'Các đồng chí Ủy viên Ban Thường vụ Thị ủy,', 'Các chi, đảng bộ trực thuộc Thị ủy,', 'Lưu Văn phòng Thị ủy.']);
    const text = textOf(r);
    expect(r.title).toContain('của thị xã Từ Sơn');
    expect(text).toContain('trong đó có 4 mô hình tập thể, 2 mô hình cá nhân');
    expect(text).not.toContain('tiêu biểu (');
    expect(text).not.toContain('được khen thưởng');
    const xml = await keep('thi-xa-tu-son', r);
    expect(xml).toContain('THỊ ỦY TỪ SƠN');
  });

  it('a commune before 1/7/2025: Đảng ủy xã under the Đảng bộ huyện; none exemplary, so the rewarded models of the decision are counted and a few named', async () => {
    const r = await report('XL-2021', '2021-09-30');
    expect(r.header).toMatchObject({ superior: 'ĐẢNG BỘ HUYỆN GIA BÌNH', body: 'ĐẢNG ỦY XÃ XUÂN LAI', committee: 'Đảng ủy', symbol: 'BC/ĐU', place: 'Xuân Lai', signFor: 'T/M ĐẢNG ỦY', signTitle: 'BÍ THƯ' });
    expect(r.header.recipients).toEqual(['Thường trực Huyện ủy (để báo cáo),', 'Ban Dân vận Huyện ủy (để báo cáo),', 'Các đồng chí Đảng ủy viên,', 'Các chi bộ trực thuộc,', 'Lưu Văn phòng Đảng ủy.']);
    const text = textOf(r);
    expect(r.title).toContain('của xã Xuân Lai');
    expect(text).toContain('Quyết định số 45/QĐ-UBND ngày 15/07/2021 của Chủ tịch UBND xã Xuân Lai khen thưởng 7 mô hình');
    expect(text).toContain('Các mô hình được khen thưởng (5 mô hình tập thể, 2 mô hình cá nhân) gồm: mô hình “Mô hình số 1 của XL-2021” của Thôn Xuân Lai, xã Xuân Lai; ');
    expect(text).toContain('; mô hình “Mô hình số 3 của XL-2021” của Ông Nguyễn Văn C; ');
    expect(text).toContain('mô hình “Mô hình số 5 của XL-2021” của Thôn Xuân Lai, xã Xuân Lai và 2 mô hình khác trên địa bàn 2 thôn.');
    expect(text).not.toContain('Mô hình số 6 của XL-2021');
    expect(text).not.toContain('tiêu biểu (');
    // a commune has no wards under it: its own mass mobilisation bloc, in its villages
    expect(text).toContain('Khối dân vận xã Xuân Lai chủ động nắm tình hình tư tưởng Nhân dân, phát huy vai trò của các tổ dân vận ở thôn,');
    const xml = await keep('xa-xuan-lai-2021', r);
    expect(xml).toContain('ĐẢNG BỘ HUYỆN GIA BÌNH');
    expect(xml).toContain('ĐẢNG ỦY XÃ XUÂN LAI');
    expect(xml).toContain('T/M ĐẢNG ỦY');
    expect(reportMarkdown(r)).toContain('- Thường trực Huyện ủy (để báo cáo),');
  });

  it('the same commune since 1/7/2025 (its district dissolved): under the Đảng bộ tỉnh, reports to the Thường trực Tỉnh ủy', async () => {
    const r = await report('XL-2026', '2026-06-30');
    expect(r.header).toMatchObject({ superior: 'ĐẢNG BỘ TỈNH BẮC NINH', body: 'ĐẢNG ỦY XÃ XUÂN LAI', signFor: 'T/M ĐẢNG ỦY' });
    expect(r.header.recipients.slice(0, 2)).toEqual(['Thường trực Tỉnh ủy (để báo cáo),', 'Ban Dân vận Tỉnh ủy (để báo cáo),']);
    expect(textOf(r)).toContain('1 mô hình được công nhận là mô hình tiêu biểu (1 mô hình tập thể), như: mô hình “Mô hình số 1 của XL-2026” của Thôn Ngọc Khám, xã Xuân Lai trên địa bàn 2 thôn.');
    await keep('xa-xuan-lai-2026', r);
  });
});
