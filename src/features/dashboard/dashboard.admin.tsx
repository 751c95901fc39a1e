/** @jsxImportSource hono/jsx */
/**
 * The first screen of the admin (/quan-tri): what the signed-in user's role needs, each figure
 * from the function the module's own page uses and linking to the list that shows it —
 * - everyone: what waits on them ("Việc của tôi": the count and the first items);
 * - below the current campaign's unit (a ward officer): their unit's models, its report of the
 *   open period, its land-clearance projects behind schedule;
 * - at the campaign's unit or above (the Ban Dân vận, the admin): the campaign's figures, report
 *   completeness for the open period, projects behind schedule, approvals waiting;
 * - a leader with units assigned: those units at a glance (the leaders' page);
 * - the admin: units and accounts.
 */
import { Hono } from 'hono';
import { formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import type { AppEnv } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { AdminLayout, render } from '../../web/layout.js';
import { listUsers } from '../accounts/accounts.service.js';
import { can, inSubtree, ROLE_LABELS, type UserActor } from '../../policy/policy.js';
import { listCampaigns } from '../campaigns/campaigns.service.js';
import { campaignStats, unitResources } from '../figures/figures.service.js';
import { clearanceDashboard } from '../landClearance/landClearance.stats.js';
import { listModels } from '../models/models.service.js';
import { completeness, listForms } from '../reporting/reporting.service.js';
import { leaders } from './leaders.service.js';
import { listUnitsFlat, requireUnit } from '../units/units.service.js';
import { CampaignFigures, LeaderUnits, UnitsAndAccounts, WaitingApprovals, WorkPanel, type ModelCount } from './dashboard.view.js';
import { workOf } from './work.admin.js';

type Db = Parameters<typeof workOf>[0];
const enc = encodeURIComponent;

/**
 * The campaign the user works in now: of their unit or a unit above it, the latest year with
 * models (the latest year when none has any), the nearest unit first within a year. Its figures
 * run through today, or through its last day once it has ended (as its dashboard does).
 */
async function currentCampaign(db: Db, actor: UserActor) {
  const mine = [];
  for (const k of await listCampaigns(db, actor)) {
    const unit = await requireUnit(db, k.unit);
    if (actor.unitPath.startsWith(unit.path)) mine.push({ ...k, unitPath: unit.path });
  }
  mine.sort((a, b) => b.year - a.year || b.unitPath.length - a.unitPath.length);
  let chosen = mine[0];
  for (const k of mine) {
    if ((await listModels(db, actor, { campaign: k.code, pageSize: 1 })).total > 0) {
      chosen = k;
      break;
    }
  }
  if (!chosen) return null;
  const today = todayVn();
  return { ...chosen, through: chosen.endsOn && today > chosen.endsOn ? chosen.endsOn : today };
}

/** The first items of "Việc của tôi", in its order, each with its link. */
function firstWork(w: Awaited<ReturnType<typeof workOf>>, n: number): { href: string; text: string; late: boolean }[] {
  const out: { href: string; text: string; late: boolean }[] = [];
  for (const k of w.conclusions) out.push({ href: `/quan-tri/hoi-nghi/${k.meeting.id}`, text: `Kết luận: ${k.content} — hạn ${formatDate(k.dueOn)}${k.overdue ? ' (đã quá hạn)' : ''}`, late: k.overdue });
  for (const i of w.issues) out.push({ href: `/quan-tri/van-de/${i.id}`, text: `Vấn đề của ${i.unitName}: ${i.title} (chờ ${formatNumber(i.days)} ngày)`, late: i.days > 30 });
  for (const r of w.reports.toSubmit)
    out.push({ href: `/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`, text: `Nộp báo cáo: ${r.formName} — ${r.periodLabel}, hạn ${formatDate(r.due)}${r.overdue ? ' (đã quá hạn)' : ''}`, late: r.overdue });
  for (const r of w.reports.toApprove) out.push({ href: `/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`, text: `Duyệt báo cáo: ${r.unitName} — ${r.periodLabel}`, late: false });
  for (const a of w.review?.items ?? []) out.push({ href: `/quan-tri/bai-viet/${a.id}`, text: `Duyệt bài: ${a.title}`, late: false });
  const g = w.clearance;
  if (g) {
    for (const s of g.approveSteps) out.push({ href: `/quan-tri/gpmb/${enc(s.project)}`, text: `Duyệt bước "${s.stepName}" — ${s.projectName}`, late: false });
    for (const p of g.approvePlans) out.push({ href: `/quan-tri/gpmb/${enc(p.project)}`, text: `Duyệt phương án hộ ${p.household} — ${p.projectName}`, late: false });
    for (const p of g.confirmPayments) out.push({ href: `/quan-tri/gpmb/${enc(p.project)}`, text: `Xác nhận chi trả hộ ${p.household} — ${p.projectName}`, late: false });
    for (const s of g.dueSteps) out.push({ href: `/quan-tri/gpmb/${enc(s.project)}`, text: `${s.stepName} — ${s.projectName}, hạn ${formatDate(s.dueOn)}`, late: s.state === 'overdue' });
    for (const k of g.dueComplaints) out.push({ href: `/quan-tri/gpmb/${enc(k.project)}/don`, text: `Đơn nhận ${formatDate(k.receivedOn)} ${k.overdue ? 'quá hạn' : 'sắp đến hạn'} giải quyết ${formatDate(k.dueOn)} — ${k.projectName}`, late: k.overdue });
  }
  return out.slice(0, n);
}

/** The current campaign, as currentCampaign finds it. */
type Campaign = NonNullable<Awaited<ReturnType<typeof currentCampaign>>>;

/**
 * The campaign's figures the first screen shows: at the campaign's unit or above (`whole`) its
 * statistics and the models waiting for approval, below it the unit's models by status; the
 * report completeness and the land-clearance projects of the user's reach.
 */
async function campaignFigures(db: Db, actor: UserActor, k: Campaign, whole: boolean, unitCode: string, den: string) {
  return Promise.all([
    whole ? campaignStats(db, k.code, k.through) : null,
    whole
      ? null
      : Promise.all(
          (['registered', 'submitted', 'returned'] as const).map(async (status): Promise<ModelCount> => ({
            status,
            total: (await listModels(db, actor, { campaign: k.code, unit: unitCode, status, ...(status === 'registered' ? { to: den } : {}), pageSize: 1 })).total,
          })),
        ),
    can(actor, 'report.read') ? listForms(db, actor).then((forms) => Promise.all(forms.filter((f) => f.active).map((f) => completeness(db, actor, { form: f.code })))) : [],
    can(actor, 'clearance.read') ? clearanceDashboard(db, actor, { unit: unitCode, through: k.through }) : null,
    whole && can(actor, 'model.decide', { unitPath: k.unitPath }) ? listModels(db, actor, { campaign: k.code, status: 'submitted', pageSize: 1 }) : null,
    // below the campaign's unit: what the models of the user's own unit mobilised (above it, the stats say it for the whole campaign)
    whole ? null : unitResources(db, k.code, actor.unitPath, k.through),
  ]);
}

export const dashboardAdmin = new Hono<AppEnv>().get('/', async (c) => {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const [work, campaign, led] = await Promise.all([workOf(db, actor), currentCampaign(db, actor), can(actor, 'meeting.read') ? leaders(db, actor, actor.fullName) : Promise.resolve([])]);
  const items = firstWork(work, 5);
  const k = campaign;
  // at the campaign's unit or above: the whole campaign; below it (a ward): the user's own unit
  const whole = k ? inSubtree(actor, k.unitPath) : false;
  const unitCode = k ? (whole ? k.unit : actor.unitCode) : null;
  const unitName = k ? (whole ? k.unitName : actor.unitName) : '';
  const den = k ? formatDate(k.through) : '';
  const [stats, modelCounts, reports, clearance, waitingModels, ownResources] = k ? await campaignFigures(db, actor, k, whole, unitCode!, den) : [null, null, [], null, null, null];

  const admin = can(actor, 'unit.create') && can(actor, 'user.read');
  const [units, users] = admin ? await Promise.all([listUnitsFlat(db, actor), listUsers(db, actor)]) : [[], null];
  const g = work.clearance;
  const gpmbApprovals = g ? g.totals.approveSteps + g.totals.approvePlans + g.totals.confirmPayments : null;

  return render(
    c,
    <AdminLayout c={c} title="Tổng quan" active="tong-quan">
      <p class="lead">
        Xin chào <b>{actor.fullName}</b> — {actor.unitName}. <span class="muted">Vai trò: {actor.roles.map((r) => ROLE_LABELS[r]).join(', ')}.</span>
      </p>
      <WorkPanel count={work.count} items={items} />

      {led.map((l) => (
        <LeaderUnits l={l} />
      ))}

      {k ? (
        <CampaignFigures k={k} whole={whole} unitCode={unitCode} unitName={unitName} den={den} actorUnitCode={actor.unitCode} stats={stats} modelCounts={modelCounts} reports={reports} clearance={clearance} resources={stats?.resources ?? ownResources} />
      ) : (
        <p class="muted">Chưa có chủ đề năm nào của đơn vị bạn hoặc đơn vị cấp trên.</p>
      )}

      {k && whole && (waitingModels || work.reports.toApprove.length || gpmbApprovals) ? (
        <WaitingApprovals actor={actor} code={k.code} waitingModels={waitingModels} reportsToApprove={work.reports.toApprove.length} gpmbApprovals={gpmbApprovals} />
      ) : null}

      {admin ? <UnitsAndAccounts units={units} users={users} /> : null}
    </AdminLayout>,
  );
});
