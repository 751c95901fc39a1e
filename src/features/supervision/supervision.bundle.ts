/**
 * Bundle sections of supervision: assignments, visits, meetings (with their conclusions), issues
 * raised and prestigious persons (with whom they mobilised). Keys are natural, never ids: an
 * assignment by leader and unit, a visit by leader, unit and day, a meeting by unit, day and
 * title, an issue by unit, day and title, a person by team and name. Importing twice changes nothing.
 */
import { z } from 'zod';
import type { Db, Tx } from '../../db/index.js';
import { inSubtree, type Actor } from '../../policy/policy.js';
import { atRecord, upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import { findTeamByCode } from '../teams/teams.service.js';
import { findUnitByCode } from '../units/units.service.js';
import * as issues from './supervision.issues.js';
import * as persons from './supervision.persons.js';
import * as repo from './supervision.repository.js';
import * as supervision from './supervision.service.js';

const ZAssignmentRecord = z.object({ leader: z.string(), title: z.string(), unit: z.string(), campaign: z.string().nullish() });
type TAssignmentRecord = z.infer<typeof ZAssignmentRecord>;
const mine = (actor: Actor, path: string) => inSubtree(actor, path);

export const assignmentsBundle: BundleSection<TAssignmentRecord> = {
  key: 'assignments',
  label: 'Phân công phụ trách',
  record: ZAssignmentRecord,
  async importRecords(trx: Tx, actor: Actor, records: TAssignmentRecord[]) {
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      try {
        const res = await supervision.assignLeader(trx, { actor, input: { leader: r.leader, title: r.title, units: [r.unit], campaign: r.campaign ?? null } });
        if (res.units.length) created++;
        else updated++;
      } catch (e) {
        throw atRecord('assignments', i, e);
      }
    }
    return { created, updated };
  },
  async exportRecords(db: Db, actor: Actor) {
    return (await repo.listAssignments(db)).filter((a) => mine(actor, a.unit_path)).map((a) => ({ leader: a.leader_name, title: a.leader_title, unit: a.unit_code, campaign: a.campaign_code }));
  },
};

export const visitsBundle: BundleSection<supervision.TVisit> = {
  key: 'visits',
  label: 'Kiểm tra, giám sát',
  record: supervision.ZVisit.omit({ raiseIssue: true }),
  importRecords: (trx: Tx, actor: Actor, records: supervision.TVisit[]) =>
    upsertEach('visits', records, {
      exists: async (r) => {
        const u = await findUnitByCode(trx, String(r.unit ?? ''));
        const day = supervision.ZVisit.shape.visitedOn.safeParse(r.visitedOn);
        return Boolean(u && day.success && (await repo.findVisitByKey(trx, String(r.leader ?? '').normalize('NFC').trim(), u.id, day.data)));
      },
      create: (r) => supervision.recordVisit(trx, { actor, input: r }),
      update: (r) => supervision.recordVisit(trx, { actor, input: r, upsert: true }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    return (await repo.listVisits(db, { limit: 1_000_000 }))
      .filter((v) => mine(actor, v.unit_path))
      .reverse()
      .map((v) => ({ leader: v.leader_name, title: v.leader_title, unit: v.unit_code, visitedOn: v.visited_on, inspected: v.inspected, findings: v.findings, difficulties: v.difficulties, proposals: v.proposals, note: v.note }));
  },
};

type TMeetingRecord = z.input<typeof supervision.ZMeeting>;
export const meetingsBundle: BundleSection<TMeetingRecord> = {
  key: 'meetings',
  label: 'Hội nghị và kết luận',
  record: supervision.ZMeeting,
  importRecords: (trx: Tx, actor: Actor, records: TMeetingRecord[]) =>
    upsertEach('meetings', records, {
      exists: async (r) => {
        const u = await findUnitByCode(trx, String(r.unit ?? ''));
        const day = supervision.ZMeeting.shape.heldOn.safeParse(r.heldOn);
        return Boolean(u && day.success && (await repo.findMeetingByKey(trx, u.id, day.data, String(r.title ?? '').normalize('NFC').trim())));
      },
      create: (r) => supervision.recordMeeting(trx, { actor, input: r, upsert: true }),
      update: (r) => supervision.recordMeeting(trx, { actor, input: r, upsert: true }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    const rows = (await repo.listMeetings(db, { limit: 1_000_000 })).filter((m) => mine(actor, m.unit_path)).reverse();
    const out = [];
    for (const m of rows) {
      const cs = await repo.conclusionsOf(db, m.id);
      out.push({
        unit: m.unit_code,
        campaign: m.campaign_code,
        kind: m.kind,
        title: m.title,
        heldOn: m.held_on,
        chair: m.chair,
        attendeesCount: m.attendees_count,
        attendees: m.attendees,
        agenda: m.agenda,
        minutes: m.minutes,
        conclusions: cs.map((c) => ({ content: c.content, owner: c.owner_code, dueOn: c.due_on, status: c.status, doneOn: c.done_on, evidence: c.evidence, doneBy: c.done_by_name })),
      });
    }
    return out;
  },
};

export const raisedIssuesBundle: BundleSection<issues.TIssue> = {
  key: 'raisedIssues',
  label: 'Vấn đề phát sinh',
  record: issues.ZIssue,
  importRecords: (trx: Tx, actor: Actor, records: issues.TIssue[]) =>
    upsertEach('raisedIssues', records, {
      exists: async (r) => {
        const u = await findUnitByCode(trx, String(r.unit ?? ''));
        const day = issues.ZIssue.shape.raisedOn.safeParse(r.raisedOn);
        return Boolean(u && day.success && (await repo.findIssueByKey(trx, u.id, day.data, String(r.title ?? '').normalize('NFC').trim())));
      },
      create: (r) => issues.raiseIssue(trx, { actor, input: r, asRecorded: true }),
      // an issue already recorded keeps its own course (resolution, escalations): nothing to update
      update: async () => undefined,
    }),
  async exportRecords(db: Db, actor: Actor) {
    return (await repo.listIssues(db, { ...(actor.kind === 'user' ? { path: actor.unitPath } : {}), limit: 1_000_000 }))
      .filter((i) => mine(actor, i.unit_path))
      .reverse()
      .map((i) => ({
        unit: i.unit_code,
        title: i.title,
        detail: i.detail,
        source: i.source,
        raisedOn: i.raised_on,
        decider: i.decider_code,
        project: i.project_code,
        model: i.model_code,
        status: i.status,
        resolution: i.resolution,
        resolvedOn: i.resolved_on,
      }));
  },
};

export const personsBundle: BundleSection<persons.TPerson> = {
  key: 'persons',
  label: 'Người có uy tín',
  record: persons.ZPerson,
  importRecords: (trx: Tx, actor: Actor, records: persons.TPerson[]) =>
    upsertEach('persons', records, {
      exists: async (r) => {
        const t = await findTeamByCode(trx, String(r.team ?? ''));
        return Boolean(t && (await repo.findPersonByKey(trx, t.id, String(r.fullName ?? '').normalize('NFC').trim())));
      },
      create: (r) => persons.savePerson(trx, { actor, input: r }),
      update: (r) => persons.savePerson(trx, { actor, input: r, upsert: true }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    return (await persons.listPersons(db, actor)).map((p) => ({
      team: p.team,
      fullName: p.fullName,
      role: p.role,
      trustedFor: p.trustedFor,
      active: p.active,
      mobilisations: p.mobilisations.map((m) => ({ project: m.project, household: m.household, onDate: m.onDate, outcome: m.outcome })),
    }));
  },
};
