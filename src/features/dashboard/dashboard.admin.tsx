/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { formatNumber } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { ROLE_LABELS } from '../accounts/accounts.table.js';
import { can } from '../accounts/policy.js';
import { listUsers } from '../accounts/accounts.service.js';
import { workOf } from './work.admin.js';
import { listUnitsFlat } from '../units/units.service.js';
import { UNIT_KIND_LABELS, type UnitKind } from '../units/units.table.js';

export const dashboardAdmin = new Hono<AppEnv>().get('/', async (c) => {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const units = await listUnitsFlat(db, actor);
  const byKind = new Map<string, number>();
  for (const u of units) byKind.set(u.kind, (byKind.get(u.kind) ?? 0) + 1);
  const users = can(actor, 'user.read') ? await listUsers(db, actor) : null;
  const work = await workOf(db, actor);
  return render(
    c,
    <AdminLayout c={c} title="Tổng quan" active="tong-quan">
      <p>
        Xin chào <b>{actor.fullName}</b> — {actor.unitName}. Vai trò: {actor.roles.map((r) => ROLE_LABELS[r]).join(', ')}.
      </p>
      {work.count ? (
        <p class="flash" role="status">
          <a href="/quan-tri/viec-cua-toi">{formatNumber(work.count)} việc đang chờ bạn</a>
          {work.reports.toSubmit.some((r) => r.overdue) ? ' — có báo cáo định kỳ đã quá hạn nộp' : ''}
        </p>
      ) : null}
      <h2>Đơn vị trong phạm vi của bạn</h2>
      <div class="stats">
        <div class="stat">
          <b>{formatNumber(units.length)}</b> đơn vị đang hoạt động
        </div>
        {[...byKind.entries()].map(([k, n]) => (
          <div class="stat">
            <b>{formatNumber(n)}</b> {UNIT_KIND_LABELS[k as UnitKind] ?? k}
          </div>
        ))}
        {users ? (
          <div class="stat">
            <b>{formatNumber(users.filter((u) => u.active).length)}</b> tài khoản hoạt động
          </div>
        ) : null}
      </div>
    </AdminLayout>,
  );
});
