import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { zipEntry } from '../../../test/support/zip.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { createDocument } from '../documents/documents.service.js';
import { registerModel } from '../models/models.service.js';
import { placeAndDate } from '../../lib/docx.js';
import { createDecision, publishDecision } from './appraisal.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute(async (trx) => {
    await createDocument(trx, { actor: system, input: { number: '18-KH/QU', kind: 'KH', issuer: 'Quận ủy', unit: 'HN', date: '2020-12-30', title: 'Kế hoạch' } });
    await createCampaign(trx, { actor: system, input: { code: 'K21', unit: 'A', year: 2021, theme: 'Năm Dân vận khéo', plan: '18-KH/QU', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } });
    await registerModel(trx, { actor: system, input: { code: 'G1', campaign: 'K21', unit: 'A-1', field: 'GPMB', holder: 'collective', name: 'Vận động bàn giao mặt bằng', registeredOn: '2021-03-01' } });
    await createDecision(trx, { actor: system, input: { number: '125/QĐ-UBND', campaign: 'K21', date: '2021-02-05', models: ['G1'], signerTitle: 'Chủ tịch UBND phường', signer: 'Nguyễn Văn Bình' } });
    await publishDecision(trx, { actor: system, number: '125/QĐ-UBND', confirm: true });
  });
});
afterAll(() => t.close());

describe('decision documents', () => {
  it('dates documents the administrative way', () => {
    expect(placeAndDate('Long Biên', '2021-10-06')).toBe('Long Biên, ngày 06 tháng 10 năm 2021');
    expect(placeAndDate('Long Biên', '2021-02-15')).toBe('Long Biên, ngày 15 tháng 02 năm 2021');
    expect(placeAndDate('Long Biên', '2021-07-28')).toBe('Long Biên, ngày 28 tháng 7 năm 2021');
  });

  it('writes the decision as a DOCX in Times New Roman with quốc hiệu, number, place and date, and the annex', async () => {
    const c = new Client(t);
    await c.login('admin-a');
    const res = await c.request(`/quan-tri/khen-thuong/${encodeURIComponent('125/QĐ-UBND')}/quyet-dinh.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Quy%E1%BA%BFt");
    const buf = Buffer.from(await res.arrayBuffer());
    const xml = zipEntry(buf, 'word/document.xml');
    for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 125/QĐ-UBND', 'Ánh Dương, ngày 05 tháng 02 năm 2021', 'QUYẾT ĐỊNH', 'ỦY BAN NHÂN DÂN PHƯỜNG ÁNH DƯƠNG', 'Căn cứ Kế hoạch số 18-KH/QU ngày 30/12/2020', 'Tặng Giấy khen cho 1 mô hình', 'Vận động bàn giao mặt bằng', 'Tổ dân phố số 1, phường Ánh Dương', 'Nguyễn Văn Bình', 'Nơi nhận:', '- Như Điều 3;', '- Lưu: VT.']) {
      expect(xml, text).toContain(text);
    }
    expect(xml).toContain('w:ascii="Times New Roman"');
    // 20 / 15 / 20 / 30 mm in twentieths of a point
    expect(xml).toMatch(/<w:pgMar w:top="113[34]" w:right="850" w:bottom="113[34]" w:left="170[01]"/);
    // LibreOffice with Writer (Calc alone cannot open a .docx): MACHINE-NOTES installs libreoffice-writer-nogui
    if ((existsSync('/usr/bin/libreoffice') || existsSync('/usr/bin/soffice')) && existsSync('/usr/lib/libreoffice/share/registry/writer.xcd')) {
      const dir = mkdtempSync(path.join(tmpdir(), 'kheo-docx-'));
      try {
        writeFileSync(path.join(dir, 'qd.docx'), buf);
        execFileSync('libreoffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'qd.docx')], { stdio: 'ignore', timeout: 120_000 });
        expect(existsSync(path.join(dir, 'qd.pdf'))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('gives the list as XLSX and one certificate per model on A4', async () => {
    const c = new Client(t);
    await c.login('admin-a');
    const xlsx = await c.request(`/quan-tri/khen-thuong/${encodeURIComponent('125/QĐ-UBND')}/danh-sach.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(zipEntry(Buffer.from(await xlsx.arrayBuffer()), 'xl/sharedStrings.xml')).toContain('Vận động bàn giao mặt bằng');
    const html = await (await c.request(`/quan-tri/khen-thuong/${encodeURIComponent('125/QĐ-UBND')}/giay-khen`)).text();
    expect(html.match(/class="certificate"/g)).toHaveLength(1);
    expect(html).toContain('GIẤY KHEN');
    expect(html).toContain('Tổ dân phố số 1, phường Ánh Dương');
  });
});
