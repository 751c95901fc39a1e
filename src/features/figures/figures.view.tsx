/** @jsxImportSource hono/jsx */
/**
 * The figures on a campaign's page for officers (figures.admin.tsx): the big numbers, models by
 * field and by month, by unit, teams by kind — each figure linking to the list of models it counts.
 */
import { formatDate, formatNumber } from '../../lib/vi.js';
import { BarChart, ColumnChart } from '../../web/charts.js';
import { ResourceStats } from '../models/models.resources.js';
import { RECOGNITION_LEVEL_LABELS, type Resources } from '../models/models.service.js';
import { UNIT_SECTOR_LABELS } from '../units/units.service.js';
import type { CampaignDashboard } from './figures.service.js';

/** The link to the list of models a figure counts, with these filters. */
type ListHref = (q: Record<string, string>) => string;

const delta = (now: number, before: number | undefined) =>
  before === undefined ? null : <span class="delta">{now === before ? 'bằng cùng kỳ năm trước' : `${now > before ? '+' : '−'}${formatNumber(Math.abs(now - before))} so với cùng kỳ năm trước`}</span>;

/** The big numbers: models registered (against last year), collective, individual, Covid teams. */
function BigNumbers({ d, list }: { d: CampaignDashboard; list: ListHref }) {
  const covid = d.teams.byKind.find((k) => k.kind === 'covidCommunity');
  const prev = d.previous;
  return (
    <div class="big-numbers">
      <a class="stat" href={list({})}>
        <b>{formatNumber(d.models.total)}</b> mô hình đăng ký {delta(d.models.total, prev?.models.total)}
      </a>
      <a class="stat" href={list({ loai: 'collective' })}>
        <b>{formatNumber(d.models.collective)}</b> mô hình tập thể
      </a>
      <a class="stat" href={list({ loai: 'individual' })}>
        <b>{formatNumber(d.models.individual)}</b> mô hình cá nhân
      </a>
      <ResourceStats r={d.resources} money />
      {covid && covid.teams ? (
        <div class="stat">
          <b>{formatNumber(covid.teams)}</b> Tổ Covid cộng đồng, {formatNumber(covid.members)} thành viên
        </div>
      ) : null}
    </div>
  );
}

/**
 * Models by sector (khối) of their unit — "chưa xếp khối" where no unit above sets one (unknown) —
 * and how many were recognised at each level through the date.
 */
function BySectorAndLevel({ d }: { d: CampaignDashboard }) {
  if (!d.models.bySector.length && !d.models.byRecognitionLevel.length) return null;
  return (
    <div class="grid2">
      <section class="card">
        <h2>Mô hình theo khối</h2>
        <table>
          <thead>
            <tr>
              <th></th>
              <th class="num">Mô hình</th>
              <th class="num">Được khen thưởng</th>
            </tr>
          </thead>
          <tbody>
            {d.models.bySector.map((s) => (
              <tr>
                <th scope="row">{s.sector ? UNIT_SECTOR_LABELS[s.sector] : 'Đơn vị chưa xếp khối'}</th>
                <td class="num">{formatNumber(s.count)}</td>
                <td class="num">{formatNumber(d.rewards.bySector.find((r) => r.sector === s.sector)?.count ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>Mô hình được công nhận theo cấp</h2>
        {d.models.byRecognitionLevel.length ? (
          <table>
            <tbody>
              {d.models.byRecognitionLevel.map((l) => (
                <tr>
                  <th scope="row">{RECOGNITION_LEVEL_LABELS[l.level]}</th>
                  <td class="num">{formatNumber(l.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">Chưa ghi nhận mô hình nào được công nhận đến ngày {formatDate(d.through)}.</p>
        )}
      </section>
    </div>
  );
}

/**
 * What the models mobilised, by field, holder, unit, sector and the highest level at which each was
 * recognised: a row each, "—" where no result recorded the figure (unknown, not 0). Each group adds
 * up to the campaign's resources.
 */
function ResourcesBy({ d }: { d: CampaignDashboard }) {
  const known = (r: Resources) => Object.values(r).some((v) => v !== null);
  if (!known(d.resources)) return null;
  const cell = (v: number | null, m2 = false) => (v === null ? '—' : m2 ? `${formatNumber(v)} m²` : formatNumber(v));
  const b = d.resourcesBy;
  const groups: [string, [string, Resources][]][] = [
    ['Theo lĩnh vực', b.field.filter((f) => known(f.resources)).map((f): [string, Resources] => [f.name, f.resources])],
    ['Theo chủ thể', b.holder.map((h): [string, Resources] => [h.holder === 'collective' ? 'Mô hình của tập thể' : 'Mô hình của cá nhân', h.resources])],
    ['Theo đơn vị', b.unit.map((u): [string, Resources] => [u.name, u.resources])],
    ['Theo khối', b.sector.map((s): [string, Resources] => [s.sector ? UNIT_SECTOR_LABELS[s.sector] : 'Đơn vị chưa xếp khối', s.resources])],
    ['Theo cấp công nhận cao nhất', b.level.map((l): [string, Resources] => [l.level ? `Được công nhận ${RECOGNITION_LEVEL_LABELS[l.level].toLowerCase()}` : 'Chưa được công nhận', l.resources])],
  ];
  return (
    <section class="card">
      <h2>Nguồn lực huy động theo lĩnh vực, chủ thể, đơn vị, khối và cấp công nhận</h2>
      <p class="muted">Mỗi nhóm cộng lại bằng tổng của chủ đề năm đến ngày {formatDate(d.through)}. "—": chưa ghi nhận số liệu này.</p>
      <div class="table-scroll">
        <table class="resources-by">
          <thead>
            <tr>
              <th></th>
              <th class="num">Tiền (đồng)</th>
              <th class="num">Ngày công</th>
              <th class="num">Đất hiến</th>
              <th class="num">Hộ hiến đất</th>
              <th class="num">Hộ vận động bàn giao</th>
              <th class="num">Người hưởng lợi</th>
            </tr>
          </thead>
          {groups
            .filter(([, rows]) => rows.length)
            .map(([title, rows]) => (
              <tbody>
                <tr class="group">
                  <th scope="rowgroup" colspan={7}>
                    {title}
                  </th>
                </tr>
                {rows.map(([label, r]) => (
                  <tr>
                    <th scope="row">{label}</th>
                    <td class="num">{cell(r.moneyVnd)}</td>
                    <td class="num">{cell(r.workDays)}</td>
                    <td class="num">{cell(r.landDonatedM2, true)}</td>
                    <td class="num">{cell(r.householdsDonating)}</td>
                    <td class="num">{cell(r.householdsPersuaded)}</td>
                    <td class="num">{cell(r.beneficiaries)}</td>
                  </tr>
                ))}
              </tbody>
            ))}
        </table>
      </div>
    </section>
  );
}

/** Models by field, as a chart and a table, with last year's count beside each when there is one. */
function ByField({ d, list }: { d: CampaignDashboard; list: ListHref }) {
  const prev = d.previous;
  return (
    <section class="card">
      <h2>Mô hình theo lĩnh vực</h2>
      <BarChart title="Mô hình theo lĩnh vực" data={d.models.byField.map((f) => ({ label: f.name, value: f.count }))} />
      <table>
        <thead>
          <tr>
            <th>Lĩnh vực</th>
            <th class="num">Mô hình</th>
            {prev ? <th class="num">Cùng kỳ năm trước</th> : null}
          </tr>
        </thead>
        <tbody>
          {d.models.byField.map((f) => (
            <tr>
              <td>
                <a href={list({ linh_vuc: f.code })}>{f.name}</a>
              </td>
              <td class="num">{formatNumber(f.count)}</td>
              {prev ? <td class="num">{formatNumber(prev.models.byField.find((p) => p.code === f.code)?.count ?? 0)}</td> : null}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total">
            <th scope="row">Tổng cộng</th>
            <td class="num">
              <a href={list({})}>{formatNumber(d.models.total)}</a>
            </td>
            {prev ? <td class="num">{formatNumber(prev.models.total)}</td> : null}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/** Models registered by month, as a chart and a table. */
function ByMonth({ d }: { d: CampaignDashboard }) {
  return (
    <section class="card">
      <h2>Đăng ký theo tháng</h2>
      <ColumnChart title="Số mô hình đăng ký theo tháng" data={d.byMonth.map((m) => ({ label: `${m.month.slice(5)}/${m.month.slice(2, 4)}`, value: m.count }))} />
      <table>
        <thead>
          <tr>
            <th>Tháng</th>
            <th class="num">Mô hình đăng ký</th>
          </tr>
        </thead>
        <tbody>
          {d.byMonth.map((m) => (
            <tr>
              <td>
                {m.month.slice(5)}/{m.month.slice(0, 4)}
              </td>
              <td class="num">{formatNumber(m.count)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total">
            <th scope="row">Tổng cộng</th>
            <td class="num">{formatNumber(d.models.total)}</td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/** The campaign unit's direct children, each with its subtree rolled up: models and teams. */
function ByUnit({ d, list }: { d: CampaignDashboard; list: ListHref }) {
  return (
    <section class="card">
      <h2>Theo đơn vị (cộng dồn cả đơn vị trực thuộc)</h2>
      <BarChart title="Mô hình theo đơn vị" data={d.byUnit.map((u) => ({ label: u.name, value: u.models, part: u.collective }))} partLabel="tập thể" restLabel="cá nhân" />
      <table class="responsive">
        <thead>
          <tr>
            <th>Đơn vị</th>
            <th class="num">Mô hình</th>
            <th class="num">Tập thể</th>
            <th class="num">Cá nhân</th>
            <th class="num">Tổ, đội</th>
            <th class="num">Thành viên</th>
          </tr>
        </thead>
        <tbody>
          {d.byUnit.map((u) => (
            <tr>
              <td data-label="Đơn vị">
                <a href={list({ don_vi: u.code })}>{u.name}</a>
              </td>
              <td data-label="Mô hình" class="num">
                {formatNumber(u.models)}
              </td>
              <td data-label="Tập thể" class="num">
                {formatNumber(u.collective)}
              </td>
              <td data-label="Cá nhân" class="num">
                {formatNumber(u.individual)}
              </td>
              <td data-label="Tổ, đội" class="num">
                {formatNumber(u.teams)}
              </td>
              <td data-label="Thành viên" class="num">
                {formatNumber(u.members)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total">
            <th scope="row">Tổng cộng</th>
            <td data-label="Mô hình" class="num">
              {formatNumber(d.models.total)}
            </td>
            <td data-label="Tập thể" class="num">
              {formatNumber(d.models.collective)}
            </td>
            <td data-label="Cá nhân" class="num">
              {formatNumber(d.models.individual)}
            </td>
            <td data-label="Tổ, đội" class="num">
              {formatNumber(d.teams.total.teams)}
            </td>
            <td data-label="Thành viên" class="num">
              {formatNumber(d.teams.total.members)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}

/** Teams by kind, then last year's figures in a sentence when there is a campaign to compare. */
function TeamsByKind({ d }: { d: CampaignDashboard }) {
  const prev = d.previous;
  return (
    <section class="card">
      <h2>Tổ, đội theo loại</h2>
      <table>
        <thead>
          <tr>
            <th>Loại</th>
            <th class="num">Số tổ, đội</th>
            <th class="num">Thành viên</th>
          </tr>
        </thead>
        <tbody>
          {d.teams.byKind.map((k) => (
            <tr>
              <td>{k.label}</td>
              <td class="num">{formatNumber(k.teams)}</td>
              <td class="num">{formatNumber(k.members)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total">
            <th scope="row">Tổng cộng</th>
            <td class="num">{formatNumber(d.teams.total.teams)}</td>
            <td class="num">{formatNumber(d.teams.total.members)}</td>
          </tr>
        </tfoot>
      </table>
      {prev ? (
        <p class="muted">
          Cùng kỳ năm trước ({prev.campaign.code}, đến {formatDate(prev.through)}): {formatNumber(prev.models.total)} mô hình ({formatNumber(prev.models.collective)} tập thể, {formatNumber(prev.models.individual)} cá nhân).
        </p>
      ) : null}
    </section>
  );
}

/** A campaign's figures through a date: the big numbers, then by field, month, unit and team kind. */
export function Dashboard({ d, code }: { d: CampaignDashboard; code: string }) {
  // "don_vi=" (all units) unless a unit is given: the list opens on a ward officer's own ward otherwise, and the figure must match the list
  const list = (q: Record<string, string>) => `/quan-tri/mo-hinh?${new URLSearchParams({ chu_de: code, don_vi: '', trang_thai: 'registered', den: formatDate(d.through), ...q }).toString()}`;
  return (
    <>
      <BigNumbers d={d} list={list} />
      <div class="grid2">
        <ByField d={d} list={list} />
        <ByMonth d={d} />
      </div>
      <BySectorAndLevel d={d} />
      <ResourcesBy d={d} />
      <ByUnit d={d} list={list} />
      <TeamsByKind d={d} />
    </>
  );
}
