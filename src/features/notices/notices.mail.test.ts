/**
 * E-mail from the outbox, against a real SMTP server on 127.0.0.1 (the `smtp-server` package
 * receiving, `mailparser` reading what arrived): a model returned with its reason reaches the
 * submitter's mailbox once, in Vietnamese, with the link that opens it; a change that rolls back
 * sends nothing; a 4xx comes back later, a 5xx is marked failed with the server's answer and can
 * be sent again; two senders never send one e-mail twice; an account without an address gets the
 * notice only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { Tx } from '../../db/index.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { registerModel, returnModel, submitModel } from '../models/models.service.js';
import { createUser, updateUser } from '../accounts/accounts.service.js';
import { actorOf, PASSWORD, system } from '../../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { createMailer, type Mailer } from './notices.mailer.js';
import * as repo from './notices.repository.js';
import { notify } from './notices.service.js';
import { confirmPath } from './notices.unsubscribe.js';

let t: TestApp;
const tx = <T,>(fn: (trx: Tx) => Promise<T>) => t.db.db.transaction().execute(fn);
let server: SMTPServer;
let port = 0;
const inbox: ParsedMail[] = [];
/** how the server answers the next recipients: a code to refuse with, then accept */
const refusals: { code: number; text: string }[] = [];
const PUBLIC = 'https://kheo.example.vn';

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, cb) {
      const r = refusals.shift();
      if (!r) return cb();
      const err = Object.assign(new Error(r.text), { responseCode: r.code });
      return cb(err);
    },
    onData(stream, _session, cb) {
      simpleParser(stream).then(
        (m) => {
          inbox.push(m);
          cb();
        },
        (e: Error) => cb(e),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as AddressInfo).port;
  t = await createTestApp();
  await tx(async (trx) => {
    await createUser(trx, { actor: system, input: { username: 'officer-hn', fullName: 'Trần Thị Hà', unit: 'HN', roles: ['officer'], password: PASSWORD, email: 'Ha.Tran@HaNoi.gov.vn' } });
    await updateUser(trx, { actor: system, username: 'officer-a', input: { fullName: 'Nguyễn Văn Ánh', unit: 'A', roles: ['officer'], email: 'anh.nguyen@anhduong.gov.vn' } });
    await createCampaign(trx, { actor: system, input: { code: 'HN-2026', unit: 'HN', year: 2026, theme: 'Năm Dân vận khéo', fields: [{ code: 'F1', name: 'Lĩnh vực 1' }], criteria: [{ code: 'c1', name: 'Hiệu quả', weight: 100 }] } });
  });
}, 60_000);
afterAll(async () => {
  await t?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
beforeEach(async () => {
  inbox.length = 0;
  refusals.length = 0;
  await t.db.db.deleteFrom('mail_outbox').execute();
});

const mailerOf = (by?: string): Mailer => createMailer(t.db.db, { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Khéo <khong-tra-loi@kheo.example.vn>', publicUrl: PUBLIC, mailIntervalMs: 1000 }, by ? { by } : {});

/** A model of officer-a, submitted and returned by officer-hn with a reason. */
async function returnedModel(name: string, reason: string): Promise<string> {
  const officerA = await actorOf(t.db.db, 'officer-a');
  const officerHn = await actorOf(t.db.db, 'officer-hn');
  const m = await tx(async (trx) => {
    const m = await registerModel(trx, { actor: officerA, input: { campaign: 'HN-2026', unit: 'A-1', field: 'F1', holder: 'collective', name } });
    await submitModel(trx, { actor: officerA, code: m.code });
    return m;
  });
  // the submission's own e-mail (to officer-hn, who accepts) is the first test's: here, only the return's
  await t.db.db.deleteFrom('mail_outbox').where('kind', '=', 'model.submitted').execute();
  await tx((trx) => returnModel(trx, { actor: officerHn, code: m.code, input: { reason } }));
  return m.code;
}

/** A header as it was sent (mailparser folds the List-* headers into one object) — its unfolded value. */
const header = (m: ParsedMail, name: string): string | undefined => {
  const line = m.headerLines.find((h) => h.key === name)?.line;
  return line?.slice(line.indexOf(':') + 1).replace(/\r?\n\s+/g, ' ').trim();
};

describe('e-mail from the outbox, through a real SMTP server', () => {
  it('a submitted model reaches who accepts it, and its return reaches the submitter — once each, in Vietnamese, with the reason and the link that opens it', async () => {
    const officerA = await actorOf(t.db.db, 'officer-a');
    const officerHn = await actorOf(t.db.db, 'officer-hn');
    const name = 'Mô hình "Dân vận khéo" ở tổ 1';
    const { code } = await tx(async (trx) => {
      const m = await registerModel(trx, { actor: officerA, input: { campaign: 'HN-2026', unit: 'A-1', field: 'F1', holder: 'collective', name } });
      await submitModel(trx, { actor: officerA, code: m.code });
      return m;
    });
    const mailer = mailerOf();
    expect(await mailer.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    const sub = inbox[0]!;
    expect(sub.to && !Array.isArray(sub.to) ? sub.to.text : '').toBe('ha.tran@hanoi.gov.vn');
    expect(sub.subject).toBe(`Mô hình "${name}" (Tổ dân phố số 1) gửi đến chờ duyệt`);
    expect(sub.text).toContain('Kính gửi đồng chí Trần Thị Hà,');
    expect(sub.text).toContain(`Xem chi tiết: ${PUBLIC}/quan-tri/mo-hinh/${encodeURIComponent(code)}`);
    expect(sub.text).toContain('Người thực hiện: Nguyễn Văn Ánh');

    await tx((trx) => returnModel(trx, { actor: officerHn, code, input: { reason: 'Thiếu kết quả cụ thể về số hộ được vận động' } }));
    expect(await mailer.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await mailer.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    await mailer.stop();
    expect(inbox).toHaveLength(2);
    const m = inbox[1]!;
    expect(m.to && !Array.isArray(m.to) ? m.to.text : '').toBe('anh.nguyen@anhduong.gov.vn');
    expect(m.from?.value[0]).toMatchObject({ name: 'Khéo', address: 'khong-tra-loi@kheo.example.vn' });
    expect(m.subject).toBe(`Mô hình "${name}" bị trả lại`);
    const text = m.text ?? '';
    expect(text).toBe(text.normalize('NFC'));
    expect(text).toContain('Kính gửi đồng chí Nguyễn Văn Ánh,');
    expect(text).toContain('Lý do: Thiếu kết quả cụ thể về số hộ được vận động');
    expect(text).toContain('Người thực hiện: Trần Thị Hà (Thành phố Hà Nội).');
    expect(text).toContain(`Xem chi tiết: ${PUBLIC}/quan-tri/mo-hinh/${encodeURIComponent(code)}`);
    expect(m.headers.get('auto-submitted')).toBe('auto-generated');
    const [row] = await repo.listMail(t.db.db, { limit: 5, offset: 0 });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, to_address: 'anh.nguyen@anhduong.gov.vn', last_error: null });
    expect(m.messageId).toBe(`<kheo-${row!.id}@kheo.example.vn>`);
  });

  it('every e-mail carries a signed one-click unsubscribe for its kind; the link stops that kind only, a tampered one changes nothing', async () => {
    await returnedModel('Mô hình để thử huỷ nhận thư', 'Cần bổ sung');
    const mailer = mailerOf();
    expect((await mailer.sendDue()).sent).toBe(1);
    const m = inbox[0]!;
    expect(header(m, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const listUnsub = header(m, 'list-unsubscribe');
    const url = /<(https:\/\/kheo\.example\.vn(\/thu\/huy-nhan\?[^>]+))>/.exec(listUnsub ?? '')?.[2];
    expect(url, listUnsub).toBeTruthy();
    expect(m.text).toContain(`Không muốn nhận thư loại này nữa: ${PUBLIC}${url}`);
    const anyone = new Client(t);
    // a tampered signature, or another kind under this signature: 404, nothing changes
    const tampered = url!.replace(/s=([^&]+)/, (_, sig: string) => `s=${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`);
    expect((await anyone.request(tampered, { method: 'POST', form: { 'List-Unsubscribe': 'One-Click' } })).status).toBe(404);
    expect((await anyone.request(url!.replace('k=model.returned', 'k=model.accepted'), { method: 'POST', form: { 'List-Unsubscribe': 'One-Click' } })).status).toBe(404);
    // opening the link asks, and changes nothing (a mail scanner follows links)
    const ask = await anyone.request(url!);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('Mô hình bị trả lại');
    const userId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'officer-a').executeTakeFirstOrThrow()).id;
    expect(await t.db.db.selectFrom('notice_prefs').selectAll().where('user_id', '=', userId).execute()).toEqual([]);
    // the mail program's one-click POST, with no session and no token
    const done = await anyone.request(url!, { method: 'POST', form: { 'List-Unsubscribe': 'One-Click' } });
    expect(done.status).toBe(200);
    expect(await t.db.db.selectFrom('notice_prefs').select(['kind', 'mode']).where('user_id', '=', userId).execute()).toEqual([{ kind: 'model.returned', mode: 'off' }]);
    // the next return: the notice in Khéo, no e-mail
    await returnedModel('Mô hình sau khi huỷ nhận thư', 'Cần bổ sung');
    expect(await repo.countMail(t.db.db)).toMatchObject({ waiting: 0 });
    expect(await t.db.db.selectFrom('notices').select('id').where('user_id', '=', userId).where('title', 'like', '%sau khi huỷ nhận thư%').execute()).toHaveLength(1);
    // and the person turns it back on from their page
    const officer = new Client(t);
    expect((await officer.login('officer-a')).status).toBe(200);
    const bad = await officer.request('/api/v1/notice-choices', { method: 'PUT', json: { choices: { 'model.returned': 'sometimes' } } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('Mô hình bị trả lại');
    expect((await officer.request('/api/v1/notice-choices', { method: 'PUT', json: { choices: { 'no.such.kind': 'now' } } })).status).toBe(422);
    const proto = await officer.request('/api/v1/notice-choices', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"choices":{"__proto__":"now"}}' });
    expect(proto.status).toBe(422);
    expect(JSON.stringify(await proto.json())).toContain('__proto__');
    expect((await officer.postForm('/quan-tri/thong-bao/cach-nhan', { 'model.returned': 'default' })).status).toBe(303);
    expect(await t.db.db.selectFrom('notice_prefs').selectAll().where('user_id', '=', userId).execute()).toEqual([]);
    await mailer.stop();
  });

  it('a change that rolls back leaves nothing in the outbox; an account without an address gets the notice only', async () => {
    const officerA = await actorOf(t.db.db, 'officer-a');
    const officerHn = await actorOf(t.db.db, 'officer-hn');
    const m = await tx(async (trx) => {
      const m = await registerModel(trx, { actor: officerA, input: { campaign: 'HN-2026', unit: 'A-1', field: 'F1', holder: 'collective', name: 'Mô hình trả lại rồi hủy' } });
      await submitModel(trx, { actor: officerA, code: m.code });
      return m;
    });
    await t.db.db.deleteFrom('mail_outbox').execute();
    await expect(
      tx(async (trx) => {
        await returnModel(trx, { actor: officerHn, code: m.code, input: { reason: 'Lý do bị hủy' } });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await repo.countMail(t.db.db)).toEqual({ waiting: 0, sending: 0, sent: 0, failed: 0 });
    // officer-a without an address: the notice, no e-mail
    await tx((trx) => updateUser(trx, { actor: system, username: 'officer-a', input: { fullName: 'Nguyễn Văn Ánh', unit: 'A', roles: ['officer'], email: '' } }));
    try {
      await tx((trx) => returnModel(trx, { actor: officerHn, code: m.code, input: { reason: 'Chưa có ảnh minh họa' } }));
      expect(await repo.countMail(t.db.db)).toEqual({ waiting: 0, sending: 0, sent: 0, failed: 0 });
      const notices = await t.db.db.selectFrom('notices').select('title').where('user_id', '=', officerA.userId).where('title', 'like', '%Mô hình trả lại rồi hủy%').execute();
      expect(notices).toHaveLength(1);
    } finally {
      await tx((trx) => updateUser(trx, { actor: system, username: 'officer-a', input: { fullName: 'Nguyễn Văn Ánh', unit: 'A', roles: ['officer'], email: 'anh.nguyen@anhduong.gov.vn' } }));
    }
  });

  it('a 4xx comes back later and is sent then; a 5xx is failed with the server\'s answer and an admin sends it again', async () => {
    await returnedModel('Mô hình gặp máy chủ bận', 'Cần bổ sung');
    const mailer = mailerOf();
    refusals.push({ code: 451, text: 'Hộp thư tạm thời bận, thử lại sau' });
    expect(await mailer.sendDue()).toEqual({ sent: 0, retried: 1, failed: 0 });
    const [w] = await repo.listMail(t.db.db, { limit: 1, offset: 0 });
    expect(w).toMatchObject({ status: 'waiting', attempts: 1 });
    expect(w!.last_error).toContain('451');
    // not due yet: nothing goes; 30 s on, it does
    expect(await mailer.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await mailer.sendDue(new Date(Date.now() + 31_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(inbox).toHaveLength(1);

    await returnedModel('Mô hình gửi tới địa chỉ sai', 'Cần bổ sung');
    refusals.push({ code: 550, text: 'Không có hộp thư này' });
    expect(await mailer.sendDue()).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [f] = await repo.listMail(t.db.db, { status: 'failed', limit: 1, offset: 0 });
    expect(f!.last_error).toContain('550');
    expect(f!.last_error).toContain('Không có hộp thư này');
    // the outbox page: the failure with the server's answer, and "gửi lại"
    const admin = new Client(t);
    expect((await admin.login('root')).status).toBe(200);
    // an unknown state (even a name every object has) is no filter, never a 500
    for (const odd of ['toString', 'constructor', 'gì-đó']) expect((await admin.request(`/quan-tri/thu-di?trang_thai=${encodeURIComponent(odd)}`)).status).toBe(200);
    const page = await (await admin.request('/quan-tri/thu-di?trang_thai=failed')).text();
    expect(page).toContain('Không có hộp thư này');
    expect(page).toContain('anh.nguyen@anhduong.gov.vn');
    const again = await admin.postForm(`/quan-tri/thu-di/${f!.id}/gui-lai`, {});
    expect(again.status).toBe(303);
    expect(await mailer.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(inbox.map((m) => m.subject)).toEqual(['Mô hình "Mô hình gặp máy chủ bận" bị trả lại', 'Mô hình "Mô hình gửi tới địa chỉ sai" bị trả lại']);
    // the page is the admins': an officer is refused
    const officer = new Client(t);
    expect((await officer.login('officer-a')).status).toBe(200);
    expect((await officer.request('/quan-tri/thu-di')).status).toBe(403);
    await mailer.stop();
  });

  it('two senders at once never send one e-mail twice; a claim whose sender died is taken over when it runs out', async () => {
    for (let i = 1; i <= 6; i++) await returnedModel(`Mô hình song song ${i}`, 'Cần bổ sung');
    const a = mailerOf('sender-a');
    const b = mailerOf('sender-b');
    const [ra, rb] = await Promise.all([a.sendDue(), b.sendDue()]);
    const more = await Promise.all([a.sendDue(), b.sendDue()]);
    expect(ra.sent + rb.sent + more[0].sent + more[1].sent).toBe(6);
    expect(inbox).toHaveLength(6);
    expect(new Set(inbox.map((m) => m.subject)).size).toBe(6);

    // a sender that claimed and died: the e-mail waits until the claim runs out, then goes once
    await returnedModel('Mô hình của bộ gửi đã dừng', 'Cần bổ sung');
    const claimed = await tx((trx) => repo.claimMail(trx, { by: 'dead-sender', now: new Date().toISOString(), until: new Date(Date.now() + 120_000).toISOString(), limit: 10 }));
    expect(claimed).toHaveLength(1);
    expect(await a.sendDue()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(await a.sendDue(new Date(Date.now() + 121_000))).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(inbox).toHaveLength(7);
    // the sender that lost its claim cannot renew it, so it does not send the e-mail too
    expect(await repo.renewClaim(t.db.db, claimed[0]!.id, 'dead-sender', new Date(Date.now() + 120_000).toISOString())).toBe(false);
    await Promise.all([a.stop(), b.stop()]);
  });

  it("a household's record stays in Khéo: a land-clearance notice's e-mail names the kind of thing only", async () => {
    const officerHn = await actorOf(t.db.db, 'officer-hn');
    const to = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'officer-a').executeTakeFirstOrThrow()).id;
    await tx((trx) => notify(trx, officerHn, { to, kind: 'clearance.approved', title: 'Phương án bồi thường của hộ GPMB-01-H007 (ông Nguyễn Văn Bình) được duyệt: 1.250.000.000 đ', body: 'Số quyết định 123/QĐ-UBND', url: '/quan-tri/gpmb/ho-dan/GPMB-01-H007' }));
    const mailer = mailerOf();
    expect(await mailer.sendDue()).toEqual({ sent: 1, retried: 0, failed: 0 });
    await mailer.stop();
    const m = inbox[0]!;
    const all = `${m.subject ?? ''}\n${m.text ?? ''}`;
    for (const secret of ['Nguyễn Văn Bình', '1.250.000.000', '123/QĐ-UBND']) expect(all).not.toContain(secret);
    // the household's code travels only inside the link, which opens the record where the reader's rights apply
    expect(all.replace(`${PUBLIC}/quan-tri/gpmb/ho-dan/GPMB-01-H007`, '')).not.toContain('H007');
    expect(m.subject).toBe('GPMB: được duyệt — hồ sơ giải phóng mặt bằng');
    expect(m.text).toContain(`${PUBLIC}/quan-tri/gpmb/ho-dan/GPMB-01-H007`);
    // the notice in Khéo keeps the whole record
    expect((await t.db.db.selectFrom('notices').select('title').where('user_id', '=', to).orderBy('id', 'desc').executeTakeFirstOrThrow()).title).toContain('1.250.000.000 đ');
  });

  it('an address a user sets is used only once confirmed from its mailbox; a forged or changed link changes nothing', async () => {
    const officer = new Client(t);
    expect((await officer.login('officer-a')).status).toBe(200);
    const bad = await officer.request('/api/v1/my-email', { method: 'POST', json: { email: 'không phải thư' } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('Thư điện tử');
    const asked = await officer.postForm('/quan-tri/thong-bao/dia-chi', { email: ' Anh.Moi@AnhDuong.gov.vn ' });
    expect(asked.status).toBe(303);
    expect(asked.headers.get('location')).toBe('/quan-tri/thong-bao/cach-nhan?thongbao=da-luu');
    expect(await (await officer.request('/quan-tri/thong-bao/cach-nhan')).text()).toContain('Đang chờ xác nhận <b>anh.moi@anhduong.gov.vn</b>');
    const mailer = mailerOf();
    expect((await mailer.sendDue()).sent).toBe(1);
    const m = inbox[0]!;
    // the confirmation goes to the new address, the old one still gets the notices until then
    expect(m.to && !Array.isArray(m.to) ? m.to.text : '').toBe('anh.moi@anhduong.gov.vn');
    expect(m.subject).toBe('Xác nhận địa chỉ thư điện tử nhận thông báo của Khéo');
    expect(header(m, 'list-unsubscribe')).toBeUndefined();
    expect((await t.db.db.selectFrom('users').select('email').where('username', '=', 'officer-a').executeTakeFirstOrThrow()).email).toBe('anh.nguyen@anhduong.gov.vn');
    const link = /Xác nhận địa chỉ: https:\/\/kheo\.example\.vn(\S+)/.exec(m.text ?? '')?.[1];
    expect(link, m.text).toMatch(/^\/thu\/xac-nhan\?/);
    const anyone = new Client(t);
    // another address under the same signature, or a later expiry: 404, nothing changes
    expect((await anyone.request(link!.replace('anh.moi', 'ke.gian'), { method: 'POST', form: {} })).status).toBe(404);
    expect((await anyone.request(link!.replace(/e=(\d+)/, (_, e: string) => `e=${Number(e) + 86_400}`), { method: 'POST', form: {} })).status).toBe(404);
    const ask = await anyone.request(link!);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('anh.moi@anhduong.gov.vn');
    expect((await t.db.db.selectFrom('users').select('email').where('username', '=', 'officer-a').executeTakeFirstOrThrow()).email).toBe('anh.nguyen@anhduong.gov.vn');
    expect((await anyone.request(link!, { method: 'POST', form: {} })).status).toBe(200);
    expect((await t.db.db.selectFrom('users').select('email').where('username', '=', 'officer-a').executeTakeFirstOrThrow()).email).toBe('anh.moi@anhduong.gov.vn');
    // spent: the same link again, or after the person chose another address, changes nothing
    expect((await anyone.request(link!, { method: 'POST', form: {} })).status).toBe(404);
    const key = (await repo.mailKey(t.db.db, 'unsubscribe'))!;
    const userId = (await t.db.db.selectFrom('users').select('id').where('username', '=', 'officer-a').executeTakeFirstOrThrow()).id;
    const linkTo = async (email: string) => {
      expect((await officer.request('/api/v1/my-email', { method: 'POST', json: { email } })).status).toBe(202);
      const r = await t.db.db.selectFrom('mail_address_requests').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
      expect(r.address).toBe(email);
      return confirmPath(key, userId, email, Number(r.expires_at));
    };
    const typo = await linkTo('ha.tran@hanoi.gov.vn');
    await linkTo('anh.cu@anhduong.gov.vn');
    expect((await anyone.request(typo, { method: 'POST', form: {} })).status).toBe(404);
    expect((await officer.request('/api/v1/my-email', { method: 'POST', json: { email: '' } })).status).toBe(202);
    const cleared = await t.db.db.selectFrom('users').select('email').where('username', '=', 'officer-a').executeTakeFirstOrThrow();
    expect(cleared.email).toBeNull();
    expect((await anyone.request(typo, { method: 'POST', form: {} })).status).toBe(404);
    // a link that ran out says so (its time moved back, as if two days had passed)
    const stale = await linkTo('anh.cu@anhduong.gov.vn');
    const past = Math.floor(Date.now() / 1000) - 60;
    await t.db.db.updateTable('mail_address_requests').set({ expires_at: String(past) }).where('user_id', '=', userId).execute();
    expect(stale).toContain('e=');
    const late = await anyone.request(confirmPath(key, userId, 'anh.cu@anhduong.gov.vn', past), { method: 'POST', form: {} });
    expect(late.status).toBe(404);
    expect(await late.text()).toContain('đã hết hạn');
    expect((await t.db.db.selectFrom('users').select('email').where('username', '=', 'officer-a').executeTakeFirstOrThrow()).email).toBeNull();
    // at most five confirmation e-mails a day (this is the fifth): the sixth request is refused, naming the field
    expect((await officer.request('/api/v1/my-email', { method: 'POST', json: { email: 'lan.nam@anhduong.gov.vn' } })).status).toBe(202);
    const sixth = await officer.request('/api/v1/my-email', { method: 'POST', json: { email: 'lan.sau@anhduong.gov.vn' } });
    expect(sixth.status).toBe(429);
    expect(JSON.stringify(await sixth.json())).toContain('Thư điện tử: hôm nay đã gửi 5 thư xác nhận');
    await mailer.stop();
    await tx((trx) => updateUser(trx, { actor: system, username: 'officer-a', input: { fullName: 'Nguyễn Văn Ánh', unit: 'A', roles: ['officer'], email: 'anh.nguyen@anhduong.gov.vn' } }));
  });

  it('refuses a bad address naming the field, and keeps the address lower-cased', async () => {
    const admin = new Client(t);
    expect((await admin.login('root')).status).toBe(200);
    const bad = await admin.request('/api/v1/users/officer-a', { method: 'PATCH', json: { fullName: 'Nguyễn Văn Ánh', unit: 'A', roles: ['officer'], email: 'không phải thư' } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('Thư điện tử');
    const u = await (await admin.request('/api/v1/users/officer-hn')).json();
    expect(u).toMatchObject({ email: 'ha.tran@hanoi.gov.vn' });
  });
});

