import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTs } from '../../test/support/spawn.js';

// The CLI runs in its own process on an SQLite data directory, as a user would run it.
const root = mkdtempSync(path.join(tmpdir(), 'kheo-cli-'));
const dataA = path.join(root, 'a');
const dataB = path.join(root, 'b');
const kheo = (args: string[], dataDir = dataA, env: NodeJS.ProcessEnv = {}) =>
  runTs('src/cli.ts', args, { KHEO_DATA_DIR: dataDir, DATABASE_URL: '', KHEO_LOG_LEVEL: 'silent', KHEO_ADMIN_PASSWORD: '', ...env });

beforeAll(async () => {
  const r = await kheo(['demo']);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/Đã nạp dữ liệu mẫu: \d+ đơn vị/);
  expect(r.stdout).toMatch(/Tài khoản quản trị: admin — mật khẩu: \S{12,}/);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('kheo CLI', () => {
  it('writes the narrative report from the data: kheo report --campaign LB-2021 --through 2021-09-30', async () => {
    const md = path.join(root, 'bao-cao.md');
    const r = await kheo(['report', '--campaign', 'LB-2021', '--through', '2021-09-30', '--date', '2021-10-06', '-o', md]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Kết quả 9 tháng đầu năm 2021');
    const text = readFileSync(md, 'utf8');
    for (const figure of ['451 mô hình', '353 mô hình tập thể, 98 mô hình cá nhân', '31 mô hình tiêu biểu', '220 Tổ Covid cộng đồng với 2.269 thành viên', '100 dự án', '15 dự án trọng điểm, 28 dự án chuyển tiếp', '14 phường', '18-KH/QU ngày 30/12/2020', 'Long Biên, ngày 06 tháng 10 năm 2021']) expect(text).toContain(figure);
    const docx = path.join(root, 'bao-cao.docx');
    expect((await kheo(['report', '--campaign', 'LB-2021', '--through', '30/09/2021', '-o', docx])).code).toBe(0);
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    const badDate = await kheo(['report', '--campaign', 'LB-2021', '--through', '31/02/2021', '-o', md]);
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toContain('--through: phải là ngày hợp lệ');
    const unknown = await kheo(['report', '--campaign', 'KHONG-CO', '--through', '2021-09-30', '-o', md]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('KHONG-CO');
    const ext = await kheo(['report', '--campaign', 'LB-2021', '-o', path.join(root, 'bao-cao.pdf')]);
    expect(ext.code).toBe(1);
    expect(ext.stderr).toContain('.docx, .md hoặc .html');
  });

  it('builds the portal search index once on migrate, and again on demand: kheo reindex', async () => {
    await kheo(['migrate']);
    const again = await kheo(['migrate']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).not.toContain('chỉ mục tìm kiếm');
    const r = await kheo(['reindex']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Đã lập lại chỉ mục tìm kiếm: .*[1-9][\d.]* mô hình, [1-9][\d.]* dự án GPMB\./);
  });

  it('refuses to load the demo twice', async () => {
    const r = await kheo(['demo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cơ sở dữ liệu đã có dữ liệu');
  });

  it('adds users with scoped roles and refuses weak passwords and unknown units', async () => {
    const ok = await kheo(['user', 'add', '--username', 'canbo.ngoclam', '--password', 'một mật khẩu thật dài', '--role', 'officer,viewer', '--unit', 'LB-NGOCLAM', '--full-name', 'Nguyễn Thị Lâm', '--email', 'Lam.NT@LongBien.gov.vn']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Phường Ngọc Lâm');
    const mail = await kheo(['user', 'add', '--username', 'thu.sai', '--password', 'một mật khẩu thật dài', '--role', 'viewer', '--unit', 'LB', '--email', 'không phải thư']);
    expect(mail.code).toBe(1);
    expect(mail.stderr).toContain('Thư điện tử: không phải địa chỉ thư điện tử hợp lệ');
    const weak = await kheo(['user', 'add', '--username', 'yeu', '--password', '12345678', '--role', 'viewer', '--unit', 'LB']);
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('quá phổ biến');
    const unit = await kheo(['user', 'add', '--username', 'lac', '--password', 'một mật khẩu thật dài', '--role', 'viewer', '--unit', 'KHONG-CO']);
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain('không tìm thấy đơn vị "KHONG-CO"');
    const role = await kheo(['user', 'add', '--username', 'lac', '--password', 'một mật khẩu thật dài', '--role', 'vua', '--unit', 'LB']);
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('Vai trò');
  });

  it('creates an API token, printed once', async () => {
    const r = await kheo(['token', 'create', '--user', 'admin']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toMatch(/^kheo_[\w-]{40,}$/);
  });

  it('exports a bundle that imports into an empty database as the same data', async () => {
    const file = path.join(root, 'xuat.json');
    expect((await kheo(['export', file])).code).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { units: unknown[]; users: unknown[] };
    expect(doc.units.length).toBeGreaterThan(100);
    // a fresh database gets the root unit from the bundle itself
    const imp = await kheo(['import', file], dataB);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain(`units: thêm mới ${doc.units.length}, cập nhật 0`);
    const again = path.join(root, 'xuat-lai.json');
    expect((await kheo(['export', again], dataB)).code).toBe(0);
    const doc2 = JSON.parse(readFileSync(again, 'utf8')) as Record<string, unknown>;
    expect({ ...doc2, exportedAt: null }).toEqual({ ...doc, exportedAt: null });
  });

  it('refuses a bad bundle with the file, record and field named, writing nothing', async () => {
    const file = path.join(root, 'hong.json');
    writeFileSync(file, JSON.stringify({ version: 1, units: [{ code: 'LB-MOI', name: 'Mới', kind: 'ward', parent: 'LB' }, { code: 'X', name: 'Lạc', kind: 'ward', parent: 'XYZ' }] }));
    const r = await kheo(['import', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hong.json');
    expect(r.stderr).toContain('units[1].parent: không tìm thấy đơn vị "XYZ"');
    const out = path.join(root, 'kiem-tra.json');
    await kheo(['export', out]);
    expect(readFileSync(out, 'utf8')).not.toContain('LB-MOI');
    const notJson = path.join(root, 'rac.json');
    writeFileSync(notJson, '{ "version": 1,');
    const r2 = await kheo(['import', notJson]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('Tệp "' + notJson + '" không phải JSON hợp lệ.');
    const r3 = await kheo(['import', path.join(root, 'khong-co.json')]);
    expect(r3.stderr).toContain('Không tìm thấy tệp');
  });

  it('imports an Excel workbook, or refuses it naming sheet, row and column', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const make = async (date: string) => {
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Mô hình').addRows([
        ['Tên mô hình', 'Tập thể / cá nhân', 'Mã đơn vị', 'Lĩnh vực', 'Ngày đăng ký'],
        ['Ngõ sạch, không rác – TDP số 1', 'Tập thể', 'LB-BODE-TDP01', 'Bảo vệ môi trường', date],
      ]);
      const f = path.join(root, `mo-hinh-${date.replace(/\//g, '')}.xlsx`);
      await wb.xlsx.writeFile(f);
      return f;
    };
    const bad = await kheo(['import', await make('32/01/2021'), '--campaign', 'LB-2021']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Trang "Mô hình", dòng 2, cột "Ngày đăng ký": "32/01/2021" không phải ngày hợp lệ');
    const ok = await kheo(['import', await make('15/10/2021'), '--campaign', 'LB-2021']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('models: thêm mới 1, cập nhật 0');
  });

  it('backs up and restores the SQLite database', async () => {
    const file = path.join(root, 'sao-luu.sqlite');
    const b = await kheo(['backup', file]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stdout).toContain('Đã sao lưu');
    const r = await kheo(['restore', file], dataB);
    expect(r.code, r.stderr).toBe(0);
    const check = await kheo(['user', 'add', '--username', 'canbo.ngoclam', '--password', 'một mật khẩu thật dài', '--role', 'viewer', '--unit', 'LB'], dataB);
    expect(check.stderr).toContain('đã được dùng'); // the restored database has dataA's users
  });

  it('stops on bad configuration and unknown commands with one Vietnamese line', async () => {
    const port = await kheo(['migrate'], dataA, { PORT: 'abc' });
    expect(port.code).toBe(1);
    expect(port.stderr.trim()).toBe('Cấu hình sai: biến môi trường PORT="abc" — cổng phải là số nguyên từ 1 đến 65535.');
    const cmd = await kheo(['bay']);
    expect(cmd.code).toBe(1);
    expect(cmd.stderr).toContain('Không có lệnh "bay"');
    const flag = await kheo(['user', 'add', '--bogus', 'x']);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('--bogus');
  });
});
