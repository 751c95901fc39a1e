/**
 * One figure, one number (issue #19 item 1), on the demo and against the real database: each
 * figure the public portal shows — models registered, exemplary, rewarded, households handed over
 * — reads the same on the home page, the campaign's archive, the list its link opens, the stats API
 * and the campaign dashboard, at the campaign's end and at several days inside it; "exemplary" and
 * "rewarded" are different words and lead to different lists. In the admin: the GPMB dashboard
 * through a day reads as the stats API, the briefing pack's projects behind schedule as the
 * dashboard through the period's last day, and each figure of the leaders' page as the list it opens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDashboard } from '../src/features/figures/figures.service.js';
import { loadDemo } from '../src/features/demo/demo.service.js';
import { formatDate, formatNumber } from '../src/lib/vi.js';
import { Client, createTestApp, type TestApp } from './support/http.js';
import { textOf } from './support/html.js';

let t: TestApp;
const CODE = 'LB-2021';

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: 'mật khẩu quản trị thử nghiệm' }));
}, 240_000);
afterAll(async () => t?.close());

const text = textOf;
const page = async (path: string) => {
  const res = await t.app.request(`http://localhost${path}`);
  expect(res.status, path).toBe(200);
  return res.text();
};
const stats = async (through: string) => {
  const res = await t.app.request(`http://localhost/api/v1/campaigns/${CODE}/stats?through=${through}`);
  expect(res.status).toBe(200);
  return (await res.json()) as {
    through: string;
    models: { total: number };
    rewards: { total: number };
    exemplary: { code: string }[];
    clearance: { projects: number; handedOver: number | null; followedAffected: number; followedProjects: number };
    resources: { workDays: number | null; beneficiaries: number | null };
  };
};
/** The figure in front of a label on a page ("<b>31</b> mô hình được khen thưởng"), as shown. */
const figure = (html: string, label: string) => {
  const m = new RegExp(`<b>([\\d.]+)</b>(?:/<?[^<]*)?\\s*${label}`).exec(html);
  return m?.[1];
};
/** The links inside one element of a page (by id), as their addresses. */
const linksIn = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  expect(start, id).toBeGreaterThan(-1);
  const end = html.indexOf('</section>', start);
  return [...html.slice(start, end).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
};

describe('the public figures of the campaign at its end', () => {
  it('home, archive, lists, stats API and dashboard read the same numbers', async () => {
    const home = await page('/');
    const end = (/Số liệu đến ngày (\d\d\/\d\d\/\d{4})/.exec(home) ?? [])[1];
    expect(end).toBe('31/12/2021');
    const through = '2021-12-31';
    const api = await stats(through);
    const dash = await campaignDashboard(t.db.db, CODE, through);

    // registered models
    expect(figure(home, 'mô hình [^<]*đăng ký')).toBe(formatNumber(api.models.total));
    expect(dash.models.total).toBe(api.models.total);

    // exemplary: home figure = archive count = archive list = stats API = dashboard; the home block links to that list
    const archive = await page(`/kho-tu-lieu/${CODE}`);
    const archiveCount = Number((/Mô hình tiêu biểu \(([\d.]+)\)/.exec(archive) ?? [])[1]?.replace(/\./g, ''));
    const archiveModels = linksIn(archive, 'mo-hinh').filter((h) => h.startsWith('/mo-hinh/'));
    expect(api.exemplary.length).toBeGreaterThan(0);
    expect(figure(home, 'mô hình tiêu biểu')).toBe(formatNumber(api.exemplary.length));
    expect(archiveCount).toBe(api.exemplary.length);
    expect(archiveModels.length).toBe(api.exemplary.length);
    expect(dash.exemplary.length).toBe(api.exemplary.length);
    const block = linksIn(home, 'mo-hinh-tieu-bieu');
    expect(block).toContain(`/kho-tu-lieu/${CODE}#mo-hinh`);
    expect(text(home)).toContain(`Xem tất cả ${formatNumber(api.exemplary.length)} mô hình tiêu biểu`);
    for (const h of block.filter((x) => x.startsWith('/mo-hinh/'))) expect(archiveModels).toContain(h);
    // never the two words as one figure
    expect(text(home)).not.toContain('tiêu biểu được khen thưởng');

    // rewarded: home figure = the list its link opens = stats API = dashboard
    expect(api.rewards.total).toBeGreaterThan(0);
    expect(figure(home, 'mô hình được khen thưởng')).toBe(formatNumber(api.rewards.total));
    expect(home).toContain(`href="/mo-hinh-tieu-bieu?chu_de=${CODE}"`);
    const rewarded = await page(`/mo-hinh-tieu-bieu?chu_de=${CODE}`);
    expect(text(rewarded)).toContain(`Tất cả (${formatNumber(api.rewards.total)})`);
    expect([...rewarded.matchAll(/<article class="card">/g)].length).toBe(api.rewards.total);
    expect(dash.rewards.total).toBe(api.rewards.total);

    // households handed over: home = the /gpmb list its link opens (same day) = stats API, each labelled with its day
    const hand = (/<b>([\d.]+)<\/b>\/([\d.]+) hộ, tổ chức đã bàn giao mặt bằng đến ngày (\d\d\/\d\d\/\d{4})/.exec(await page(`/gpmb?den_ngay=${through}`)) ?? []).slice(1);
    expect(hand).toEqual([formatNumber(api.clearance.handedOver ?? -1), formatNumber(api.clearance.followedAffected), end]);
    expect(text(home)).toContain(`${formatNumber(api.clearance.handedOver ?? -1)}/${formatNumber(api.clearance.followedAffected)} hộ, tổ chức đã bàn giao mặt bằng ở ${formatNumber(api.clearance.followedProjects)} dự án cập nhật đến từng hộ, đến ngày ${end}`);
    expect(home).toContain(`href="/gpmb?den_ngay=${through}"`);
    expect(figure(home, 'dự án giải phóng mặt bằng')).toBe(formatNumber(api.clearance.projects));
    expect(dash.clearance.handedOver).toBe(api.clearance.handedOver);
  });

  it('the archive lists the plan itself among the documents it counts', async () => {
    const archive = await page(`/kho-tu-lieu/${CODE}`);
    const count = Number((/Kế hoạch, văn bản chỉ đạo \(([\d.]+)\)/.exec(archive) ?? [])[1]);
    const items = linksIn(archive, 'ke-hoach').filter((h) => h.startsWith('/van-ban/'));
    expect(items.length).toBe(count);
    expect(text(archive)).toContain('(kế hoạch thực hiện chủ đề)');
  });
});

describe("the report preview's figures open lists of the same number", () => {
  it('"N văn bản chỉ đạo" opens the register filtered to exactly those documents', async () => {
    const admin = new Client(t);
    expect((await admin.login('admin', 'mật khẩu quản trị thử nghiệm')).status).toBe(200);
    const res = await admin.request(`/quan-tri/chu-de/${CODE}/bao-cao?den=30/09/2021`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const m = /<a class="fig" href="([^"]*van-ban[^"]*)">([\d.]+)<\/a> văn bản chỉ đạo/.exec(html);
    expect(m, 'the figure of documents links somewhere').not.toBeNull();
    const href = m![1]!.replace(/&amp;|&#38;/g, '&');
    const shown = m![2]!;
    const list = await (await admin.request(href)).text();
    expect(text(list)).toContain(`${shown} văn bản`);
    expect([...list.matchAll(/href="\/quan-tri\/van-ban\/\d+"/g)].length).toBe(Number(shown));
    expect(list).not.toContain('>18-KH/QU</a>');
  });
});

describe("the report preview's dialogue figures open the list of those dialogues", () => {
  for (const den of ['30/09/2021', '31/12/2021']) {
    it(`"N buổi đối thoại", "M lượt" through ${den} = the dialogues listed, and the dashboard's`, async () => {
      const admin = new Client(t);
      expect((await admin.login('admin', 'mật khẩu quản trị thử nghiệm')).status).toBe(200);
      const html = await (await admin.request(`/quan-tri/chu-de/${CODE}/bao-cao?den=${den}`)).text();
      const dialogues = /<a class="fig" href="([^"]+)">([\d.]+)<\/a> buổi đối thoại/.exec(html);
      const people = /<a class="fig" href="([^"]+)">([\d.]+)<\/a> lượt/.exec(html);
      expect(dialogues, 'the dialogue figure links somewhere').not.toBeNull();
      expect(people![1]).toBe(dialogues![1]);
      const href = dialogues![1]!.replace(/&amp;|&#38;/g, '&');
      expect(href).toContain('/quan-tri/gpmb/doi-thoai?');
      const list = await (await admin.request(href)).text();
      expect(text(list)).toContain(`${dialogues![2]} buổi đối thoại, ${people![2]} lượt người tham dự`);
      const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(list)?.[1] ?? '';
      expect([...body.matchAll(/<tr>/g)].length).toBe(Number(dialogues![2]!.replace(/\./g, '')));
      const sum = [...body.matchAll(/data-label="Số người dự" class="num">([\d.]+)</g)].reduce((n, m) => n + Number(m[1]!.replace(/\./g, '')), 0);
      expect(sum).toBe(Number(people![2]!.replace(/\./g, '')));
      // the dashboard through the same day says the same, and links to the same list
      const dash = text(await (await admin.request(`/quan-tri/gpmb?den=${den}`)).text());
      expect(dash).toContain(`${dialogues![2]} buổi đối thoại, ${people![2]} lượt người`);
    });
  }
});

describe("the report preview's project figures open the dashboard on those projects", () => {
  it('every project figure = the number of projects its link shows', async () => {
    const admin = new Client(t);
    expect((await admin.login('admin', 'mật khẩu quản trị thử nghiệm')).status).toBe(200);
    const html = await (await admin.request(`/quan-tri/chu-de/${CODE}/bao-cao?den=30/09/2021`)).text();
    const figs = [...html.matchAll(/<a class="fig" href="(\/quan-tri\/gpmb\?[^"]*)">([\d.]+)<\/a> dự án/g)].map((m) => ({ href: m[1]!.replace(/&amp;|&#38;/g, '&'), n: m[2]! }));
    expect(figs.length).toBeGreaterThanOrEqual(4);
    expect(figs.some((f) => f.href.includes('tien_do=dung'))).toBe(true);
    for (const { href, n } of figs) {
      const page = text(await (await admin.request(href)).text());
      expect(page, href).toMatch(new RegExp(`tính đến ngày 30/09/2021 (?:Đang xem [^.]*\\. Xem tất cả dự án )?${n.replace('.', '\\.')} dự án \\(`));
    }
  });
});

describe("the household figures open the list of those households", () => {
  for (const den of ['30/06/2021', '30/09/2021', '31/12/2021']) {
    it(`approved, paid, handed over through ${den}: preview = list = dashboard`, async () => {
      const admin = new Client(t);
      expect((await admin.login('admin', 'mật khẩu quản trị thử nghiệm')).status).toBe(200);
      const html = await (await admin.request(`/quan-tri/chu-de/${CODE}/bao-cao?den=${den}`)).text();
      const hrefs = [...html.matchAll(/<a class="fig" href="([^"]*gpmb\/ho-dan[^"]*)">([\d.]+)<\/a>/g)].map((m) => ({ href: m[1]!.replace(/&amp;|&#38;/g, '&'), n: m[2]! }));
      expect(hrefs.map((h) => new URL(h.href, 'http://x').searchParams.get('trang_thai')).sort()).toEqual(['ban-giao', 'chi-tra', 'phe-duyet']);
      const dash = await (await admin.request(`/quan-tri/gpmb?den=${den}`)).text();
      for (const { href, n } of hrefs) {
        const list = await (await admin.request(href)).text();
        expect(text(list), href).toContain(`${n} hộ, tổ chức`);
        const count = Number(n.replace(/\./g, ''));
        const rows = [...(/<tbody>([\s\S]*?)<\/tbody>/.exec(list)?.[1] ?? '').matchAll(/<tr>/g)].length;
        expect(rows, href).toBe(Math.min(count, 100));
        // the dashboard through the same day shows the same number, linked to the same kind of list
        const state = new URL(href, 'http://x').searchParams.get('trang_thai');
        expect(dash).toMatch(new RegExp(`<a href="/quan-tri/gpmb/ho-dan\\?[^"]*trang_thai=${state}">${n.replace('.', '\\.')}</a>`));
      }
    });
  }
});

describe('the same figures on days inside the campaign', () => {
  for (const through of ['2021-03-31', '2021-06-30', '2021-09-30']) {
    it(`agree through ${formatDate(through)}`, async () => {
      const api = await stats(through);
      const dash = await campaignDashboard(t.db.db, CODE, through);
      expect(api.through).toBe(through);
      expect(dash.models.total).toBe(api.models.total);
      expect(dash.rewards.total).toBe(api.rewards.total);
      expect(dash.exemplary.map((m) => m.code)).toEqual(api.exemplary.map((m) => m.code));
      const gpmb = await page(`/gpmb?den_ngay=${through}`);
      const hand = (/<b>([\d.]+)<\/b>\/([\d.]+) hộ, tổ chức đã bàn giao mặt bằng đến ngày (\d\d\/\d\d\/\d{4})/.exec(gpmb) ?? []).slice(1);
      if (api.clearance.handedOver === null) expect(hand).toEqual([]);
      else expect(hand).toEqual([formatNumber(api.clearance.handedOver), formatNumber(api.clearance.followedAffected), formatDate(through)]);
      // figures grow with the day, never back
      const later = await stats('2021-12-31');
      expect(later.models.total).toBeGreaterThanOrEqual(api.models.total);
    });
  }
});

describe('the admin pages read the same figures', () => {
  let signedIn: Client | undefined;
  const client = async () => {
    if (!signedIn) {
      signedIn = new Client(t);
      expect((await signedIn.login('admin', 'mật khẩu quản trị thử nghiệm')).status).toBe(200);
    }
    return signedIn;
  };
  const adminPage = async (path: string) => {
    const res = await (await client()).request(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  /** "2 dự án chậm tiến độ", "197 /273 hộ, tổ chức đã bàn giao" … on the GPMB dashboard, as numbers. */
  const dashboardFigures = (html: string) => {
    const s = text(html);
    const num = (re: RegExp) => {
      const m = re.exec(s);
      return m ? Number(m[1]!.replace(/\./g, '')) : undefined;
    };
    const hand = /([\d.]+) \/([\d.]+) hộ, tổ chức đã bàn giao mặt bằng/.exec(s);
    return {
      projects: num(/([\d.]+) dự án \(/),
      behind: num(/([\d.]+) dự án chậm tiến độ/) ?? 0,
      handedOver: hand ? Number(hand[1]!.replace(/\./g, '')) : null,
      followedAffected: hand ? Number(hand[2]!.replace(/\./g, '')) : null,
    };
  };

  for (const through of ['2021-09-30', '2021-12-31']) {
    it(`the GPMB dashboard through ${formatDate(through)} = the stats API`, async () => {
      const api = await stats(through);
      const d = dashboardFigures(await adminPage(`/quan-tri/gpmb?den=${formatDate(through)}`));
      expect(text(await adminPage(`/quan-tri/gpmb?den=${formatDate(through)}`))).toContain(`tính đến ngày ${formatDate(through)}`);
      expect(d.projects).toBe(api.clearance.projects);
      expect(d.behind).toBe((api.clearance as unknown as { bySchedule: { status: string; count: number }[] }).bySchedule.find((x) => x.status === 'behind')!.count);
      expect(d.handedOver).toBe(api.clearance.handedOver);
      expect(d.followedAffected).toBe(api.clearance.followedAffected);
    });
  }

  it("the briefing pack's projects behind schedule = the GPMB dashboard through the period's last day", async () => {
    for (const [dot, last] of [['9T', '2021-09-30'], ['H1', '2021-06-30'], ['', '2021-12-31']] as const) {
      const pack = text(await adminPage(`/quan-tri/bao-cao/BC-DV-THANG/giao-ban?nam=2021&dot=${dot}`));
      const listed = Number((/Dự án giải phóng mặt bằng chậm tiến độ \(([\d.]+)\)/.exec(pack) ?? [])[1] ?? (/Dự án giải phóng mặt bằng chậm tiến độ/.test(pack) ? 0 : NaN));
      const d = dashboardFigures(await adminPage(`/quan-tri/gpmb?den=${formatDate(last)}`));
      expect(listed, `${dot || 'cả năm'} through ${last}`).toBe(d.behind);
    }
  });

  it("the briefing pack's resources through the period's end = the stats API's, and in a period from the year's start the same", async () => {
    for (const [dot, last] of [['H1', '2021-06-30'], ['9T', '2021-09-30'], ['', '2021-12-31']] as const) {
      const pack = text(await adminPage(`/quan-tri/bao-cao/BC-DV-THANG/giao-ban?nam=2021&dot=${dot}`));
      const api = await stats(last);
      expect(api.resources.workDays, last).not.toBeNull();
      const through = /Lũy kế đến hết kỳ: ([^.]*(?:\.\d[^.]*)*)\./.exec(pack)?.[1] ?? '';
      expect(through, `${dot || 'cả năm'}`).toContain(`${formatNumber(api.resources.workDays!)} ngày công`);
      expect(through).toContain(`${formatNumber(api.resources.beneficiaries!)} người dân hưởng lợi`);
      // these periods start with the year, before any result: what they mobilised is the whole of it
      const inPeriod = /Nguồn lực huy động qua các mô hình của chủ đề năm 2021 trong kỳ: ([^.]*(?:\.\d[^.]*)*)\./.exec(pack)?.[1] ?? '';
      expect(inPeriod).toBe(through);
    }
  });

  it("the briefing pack counts the campaign of the period's year only, and says so when that year has none", async () => {
    const { briefingPack, resourcesSentence } = await import('../src/features/dashboard/briefing.service.js');
    const { createCampaign } = await import('../src/features/campaigns/campaigns.service.js');
    const { registerModel } = await import('../src/features/models/models.service.js');
    const { resourceItems } = await import('../src/features/models/models.resources.js');
    const { unitResources } = await import('../src/features/figures/figures.service.js');
    const { findUnitByCode } = await import('../src/features/units/units.service.js');
    const { saveForm } = await import('../src/features/reporting/reporting.service.js');
    const { system } = await import('./support/fixtures.js');
    const words = (r: Parameters<typeof resourceItems>[0]) => resourceItems(r, { money: true }).map((i) => `${i.figure} ${i.words}`).join('; ');
    const rollback = new Error('rollback');
    await expect(
      t.db.db.transaction().execute(async (trx) => {
        // a second year of the same unit, with one model and one result in its first half
        await createCampaign(trx, { actor: system, input: { code: 'LB-2022', unit: 'LB', year: 2022, theme: 'Năm Dân vận khéo 2022', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } });
        await registerModel(trx, { actor: system, input: { code: 'LB-2022-0001', campaign: 'LB-2022', unit: 'LB', field: 'GPMB', holder: 'collective', name: 'Mô hình năm 2022', registeredOn: '2022-02-01', results: [{ on: '2022-03-01', workDays: 7, beneficiaries: 11 }] } });
        const h1 = await briefingPack(trx, system, { form: 'BC-DV-THANG', period: '2022-H1' });
        expect(h1.resources.campaign?.code).toBe('LB-2022');
        // as the campaign page counts the form's unit in LB-2022: 2021's models are not added in
        const own = await unitResources(trx, 'LB-2022', (await findUnitByCode(trx, 'LB'))!.path, '2022-06-30');
        expect(words(own)).toBe('7 ngày công; 11 người dân hưởng lợi');
        expect(resourcesSentence(h1)).toContain(`Lũy kế đến hết kỳ: ${words(own)}.`);
        expect(resourcesSentence(h1)).toContain('của chủ đề năm 2022 trong kỳ: 7 ngày công; 11 người dân hưởng lợi.');
        // 2021's pack still counts 2021's campaign
        expect((await briefingPack(trx, system, { form: 'BC-DV-THANG', period: '2021-H1' })).resources.campaign?.code).toBe('LB-2021');
        // no campaign in 2023: unknown, not 0
        const none = await briefingPack(trx, system, { form: 'BC-DV-THANG', period: '2023-H1' });
        expect(none.resources).toEqual({ campaign: null, inPeriod: [], through: [] });
        expect(resourcesSentence(none)).toBe('Chưa có chủ đề năm 2023 của Quận Long Biên hoặc cấp trên: chưa tính được nguồn lực huy động qua các mô hình.');
        // a ward with a 2021 campaign of its own (no models in it): its pack still counts its models in the district's 2021 campaign
        const ward = (await trx.selectFrom('units').select(['code', 'path']).where('kind', '=', 'ward').orderBy('code').executeTakeFirstOrThrow());
        await createCampaign(trx, { actor: system, input: { code: 'W-2021', unit: ward.code, year: 2021, theme: 'Năm Dân vận khéo của phường', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } });
        await saveForm(trx, { actor: system, input: { code: 'BC-PHUONG', name: 'Báo cáo của phường', unit: ward.code, periodType: 'half', deadlineDays: 5, reportingKinds: ['residentialGroup'], indicators: [{ code: 'ho_tham', name: 'Số hộ được thăm', type: 'int', unit: 'hộ' }] } });
        const wardPack = await briefingPack(trx, system, { form: 'BC-PHUONG', period: '2021-H2' });
        expect(wardPack.resources.campaign?.code).toBe('W-2021');
        expect(wardPack.resources.through.join('; ')).toBe(words(await unitResources(trx, 'LB-2021', ward.path, '2021-12-31')));
        expect(wardPack.resources.through.length).toBeGreaterThan(0);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it("each figure of the leaders' page opens a list of the same number", async () => {
    const html = await adminPage('/quan-tri/phan-cong');
    const rows = [...html.matchAll(/<tr class="[^"]*"><td data-label="Đơn vị">([^<]+)<\/td>([\s\S]*?)<\/tr>/g)];
    expect(rows.length).toBeGreaterThan(5);
    for (const [, unit, cells] of rows) {
      const models = /data-label="Mô hình"><a href="([^"]+)">([\d.]+)<\/a>/.exec(cells!);
      expect(models, `${unit}: models link`).not.toBeNull();
      const list = text(await adminPage(models![1]!.replace(/&amp;/g, '&')));
      expect(list, `${unit}: models`).toContain(`Lọc ${models![2]} mô hình`);

      const gpmb = /data-label="Dự án GPMB"><a href="([^"]+)">([\d.]+) \(([\d.]+)\)<\/a>/.exec(cells!);
      expect(gpmb, `${unit}: projects link`).not.toBeNull();
      const d = dashboardFigures(await adminPage(gpmb![1]!.replace(/&amp;/g, '&')));
      expect([d.projects, d.behind], `${unit}: projects (behind)`).toEqual([Number(gpmb![2]), Number(gpmb![3])]);

      const issues = /data-label="Vấn đề"><a href="([^"]+)">([\d.]+)<\/a>/.exec(cells!);
      if (issues) {
        const list = await adminPage(issues[1]!.replace(/&amp;/g, '&'));
        const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(list)?.[1] ?? '';
        expect([...body.matchAll(/<tr/g)].length, `${unit}: issues`).toBe(Number(issues[2]));
      }
    }
  });
});

// last: it changes the demo (a decision revoked today, years after the campaign's end)
describe('a decision revoked after the day still counts through that day, in the figure and its list', () => {
  it('home figure = stats API = the rewarded list, through 31/12/2021, after a revocation in 2026', async () => {
    const before = await stats('2021-12-31');
    const { listDecisions, revokeDecision } = await import('../src/features/appraisal/appraisal.service.js');
    const { systemActor } = await import('../src/policy/policy.js');
    const decision = (await listDecisions(t.db.db, null)).find((d) => d.campaign === CODE && d.status === 'published')!;
    await t.db.db.transaction().execute((trx) => revokeDecision(trx, { actor: systemActor('thử'), number: decision.number, input: { reason: 'Thử thu hồi sau ngày tính' } }));
    const after = await stats('2021-12-31');
    expect(after.rewards.total).toBe(before.rewards.total);
    const home = await page('/');
    expect(figure(home, 'mô hình được khen thưởng')).toBe(formatNumber(after.rewards.total));
    const rewarded = await page(`/mo-hinh-tieu-bieu?chu_de=${CODE}`);
    expect(text(rewarded)).toContain(`Tất cả (${formatNumber(after.rewards.total)})`);
    expect([...rewarded.matchAll(/<article class="card">/g)].length).toBe(after.rewards.total);
  });
});
