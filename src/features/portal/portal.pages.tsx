/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { AppEnv } from '../../web/context.js';
import { PortalLayout, render } from '../../web/layout.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { publicUnitTree, type UnitTreeNode } from '../units/units.service.js';

function UnitBranch({ nodes }: { nodes: UnitTreeNode[] }) {
  return (
    <ul>
      {nodes.map((n) => (
        <li>
          {n.name}
          {n.children.length ? <UnitBranch nodes={n.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

export const portalPages = new Hono<AppEnv>()
  .get('/', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const roots = await publicUnitTree(db);
    return render(
      c,
      <PortalLayout c={c} site={site}>
        <h1>{site.siteName}</h1>
        {site.intro ? <p class="lead">{site.intro}</p> : null}
        {roots.map((r) => {
          const subUnits = r.children.filter((u) => u.kind === 'ward' || u.kind === 'commune');
          return (
            <section class="card">
              <h2>{r.name}</h2>
              {subUnits.length ? (
                <>
                  <p>
                    {subUnits.length} {subUnits.every((u) => u.kind === 'ward') ? 'phường' : 'phường, xã'} trực thuộc:
                  </p>
                  <ul class="unit-list">
                    {subUnits.map((u) => (
                      <li>{u.name}</li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p>
                <a href="/don-vi">Xem toàn bộ hệ thống đơn vị</a>
              </p>
            </section>
          );
        })}
      </PortalLayout>,
    );
  })
  .get('/don-vi', async (c) => {
    const db = c.var.deps.db.db;
    const site = await getSiteSettings(db);
    const roots = await publicUnitTree(db);
    return render(
      c,
      <PortalLayout c={c} site={site} title="Hệ thống đơn vị">
        <h1>Hệ thống đơn vị</h1>
        <div class="tree card">
          <UnitBranch nodes={roots} />
        </div>
      </PortalLayout>,
    );
  });
