/**
 * E-mail end to end (issue #22), in a real browser against the demo with a real SMTP server on
 * 127.0.0.1: a ward officer submits a model on a phone → the district officer's e-mail arrives,
 * and its link opens the model's review page → accepted there → the ward officer's notice and
 * e-mail say so.
 */
import { createServer, type AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/features/campaigns/campaigns.service.js';
import { systemActor } from '../../src/policy/policy.js';
import { haveChromium, launch } from './browser.js';
import { ADMIN_PASSWORD, startDemoServer } from './server.js';

const YEAR = new Date().getFullYear();
const inbox: ParsedMail[] = [];

/** A port nobody listens on now: the server's public address must be known before it starts. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** The first e-mail to `to` whose subject matches, waited for (the sender looks every 300 ms). */
async function mailTo(to: string, subject: RegExp): Promise<ParsedMail> {
  for (let i = 0; i < 100; i++) {
    const m = inbox.find((x) => (x.to && !Array.isArray(x.to) ? x.to.text : '') === to && subject.test(x.subject ?? ''));
    if (m) return m;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`no e-mail to ${to} matching ${subject}; arrived: ${inbox.map((x) => `${x.to && !Array.isArray(x.to) ? x.to.text : ''}: ${x.subject}`).join(' | ')}`);
}

describe.skipIf(!haveChromium)('e-mail from a submission to its outcome, in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  let smtp: SMTPServer;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _s, cb) {
        simpleParser(stream).then((m) => (inbox.push(m), cb()), (e: Error) => cb(e));
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    const port = await freePort();
    [browser, server] = await Promise.all([launch(), startDemoServer({ port, publicUrl: `http://127.0.0.1:${port}`, smtpUrl: `smtp://127.0.0.1:${smtpPort}`, mailFrom: 'Khéo Long Biên <khong-tra-loi@longbien.example>', mailIntervalMs: 300 })]);
    await server.db.db.transaction().execute((trx) =>
      createCampaign(trx, { actor: systemActor('kiểm thử'), input: { code: `LB-${YEAR}`, unit: 'LB', year: YEAR, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  });

  async function signIn(page: Page, username: string) {
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${server.url}/quan-tri`);
  }

  it('the district officer is e-mailed the submission, opens it from the link, accepts; the ward officer is told', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'vi-VN' });
    await signIn(phone, 'canbo.bode');
    await phone.goto(`${server.url}/quan-tri/mo-hinh/moi?chu_de=LB-${YEAR}`);
    await phone.getByLabel('Tên mô hình').fill('Tổ dân vận cùng dân bàn giao mặt bằng');
    await phone.getByLabel('Lĩnh vực').selectOption('GPMB');
    await phone.getByLabel('Vấn đề cần giải quyết').fill('8 hộ chưa đồng thuận bàn giao mặt bằng.');
    await phone.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await phone.waitForURL(/\/quan-tri\/mo-hinh\/LB-\d+-\d+\?thongbao=da-tao/);
    const modelUrl = phone.url().split('?')[0]!;
    await phone.getByRole('button', { name: 'Gửi duyệt' }).click();
    await phone.waitForURL(/thongbao=da-gui-mo-hinh/);

    const sub = await mailTo('bandanvan.quan@longbien.example', /gửi đến chờ duyệt$/);
    expect(sub.subject).toContain('Tổ dân vận cùng dân bàn giao mặt bằng');
    expect(sub.text).toContain('Kính gửi đồng chí Trần Văn Dân,');
    expect(sub.text).toContain('Người thực hiện: Nguyễn Thị Thu Trang');
    const link = /Xem chi tiết: (\S+)/.exec(sub.text ?? '')?.[1];
    expect(link).toBe(modelUrl);

    const desk = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await signIn(desk, 'bandanvan.quan');
    await desk.goto(link!);
    expect(await desk.locator('.status').innerText()).toBe('Chờ duyệt');
    await desk.getByRole('button', { name: 'Duyệt, ghi nhận đăng ký' }).click();
    await desk.waitForURL(/thongbao=da-duyet/);

    const ok = await mailTo('canbo.bode@longbien.example', /đã được duyệt/);
    expect(ok.subject).toContain('Tổ dân vận cùng dân bàn giao mặt bằng');
    expect(ok.text).toContain('Người thực hiện: Trần Văn Dân');
    expect(/Xem chi tiết: (\S+)/.exec(ok.text ?? '')?.[1]).toBe(modelUrl);
    // and in Khéo: the unread count in the header, the notice on the list, read once opened
    await phone.goto(`${server.url}/quan-tri/thong-bao`);
    const first = phone.locator('.notice.unread').first();
    expect(await first.innerText()).toContain('đã được duyệt');
    await first.getByRole('button').click();
    await phone.waitForURL(modelUrl);
    expect(await phone.locator('.status').innerText()).toBe('Đã đăng ký');
    // each e-mail once
    await new Promise((r) => setTimeout(r, 1000));
    expect(inbox.filter((m) => /Tổ dân vận cùng dân/.test(m.subject ?? '')).map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))).toEqual(['bandanvan.quan@longbien.example', 'canbo.bode@longbien.example']);
    await Promise.all([phone.close(), desk.close()]);
  });
});
