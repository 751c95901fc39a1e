import { z } from 'zod';
import { pageParam, readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { parseInput } from '../../lib/validation.js';
import { markNoticesRead, myNotices, noticeChoices, requestOwnAddress, setNoticeChoices } from './notices.service.js';

const TAG = 'Thông báo';
const ZOwnAddress = z.strictObject({ email: z.string() });
// the choices are checked by the service, key by key (a key zod would drop, as __proto__, is refused there)
const ZChoices = z.strictObject({ choices: z.unknown() });
const ZMarkRead = z.strictObject({ ids: z.union([z.literal('all'), z.array(z.number().int().positive()).max(1000)]) });

export const noticesApi: ApiRoute[] = [
  route({ method: 'get', path: '/notices', summary: 'Thông báo của tôi (mới nhất trước), kèm số chưa đọc', tag: TAG, action: 'admin.enter', query: { page: 'trang (30 mỗi trang)' } }, async (c) => c.json(await myNotices(c.var.deps.db.db, requireActor(c), pageParam(c.req.query('page'))))),
  route({ method: 'post', path: '/notices/read', summary: 'Đánh dấu đã đọc: {"ids":[…]} hoặc {"ids":"all"}', tag: TAG, action: 'admin.enter', body: ZMarkRead }, async (c) => {
    const actor = requireActor(c);
    const { ids } = parseInput(ZMarkRead, await readJson(c), { ids: 'Thông báo' });
    return c.json(await inTx(c, (trx) => markNoticesRead(trx, actor, ids)));
  }),
  route({ method: 'get', path: '/notice-choices', summary: 'Cách nhận thư của tôi cho từng loại thông báo: now (gửi ngay), digest (bản tin hằng ngày), off (không gửi thư)', tag: TAG, action: 'admin.enter' }, async (c) => c.json(await noticeChoices(c.var.deps.db.db, requireActor(c)))),
  route({ method: 'put', path: '/notice-choices', summary: 'Đặt cách nhận thư: {"choices": {"model.submitted": "now" | "digest" | "off" | "default", …}}', tag: TAG, action: 'admin.enter', body: ZChoices }, async (c) => {
    const actor = requireActor(c);
    const { choices } = parseInput(ZChoices, await readJson(c), { choices: 'Cách nhận thông báo' });
    await inTx(c, (trx) => setNoticeChoices(trx, actor, choices));
    return c.json(await noticeChoices(c.var.deps.db.db, actor));
  }),
  route({ method: 'post', path: '/my-email', summary: 'Đặt địa chỉ thư của chính mình: {"email": "…"} — gửi thư có liên kết xác nhận tới địa chỉ mới, chỉ dùng sau khi xác nhận; "" thôi nhận thư. Trả về {"pending", "current"}', tag: TAG, action: 'admin.enter', body: ZOwnAddress }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => requestOwnAddress(trx, actor, input)), 202);
  }),
];
