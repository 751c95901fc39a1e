/**
 * Supervision's resource routes: meetings and their conclusions, leaders' assignments,
 * inspection visits, issues raised from below and prestigious persons. Scoped like the pages.
 */
import { z } from 'zod';
import { notFound } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import * as issues from './supervision.issues.js';
import * as persons from './supervision.persons.js';
import * as supervision from './supervision.service.js';

const ConclusionOut = z.object({
  id: z.number(),
  content: z.string(),
  owner: z.string(),
  ownerName: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  doneOn: z.string().nullable(),
  evidence: z.string().nullable(),
  doneBy: z.string().nullable(),
  meeting: z.object({ id: z.number(), title: z.string(), heldOn: z.string() }),
});
const MeetingOut = z.object({
  id: z.number(),
  unit: z.string(),
  unitName: z.string(),
  campaign: z.string().nullable(),
  kind: z.string(),
  title: z.string(),
  heldOn: z.string(),
  chair: z.string(),
  attendeesCount: z.number(),
  attendees: z.string().nullable(),
  agenda: z.string().nullable(),
  minutes: z.string().nullable(),
  conclusions: z.array(ConclusionOut),
});
const VisitOut = z.object({ id: z.number(), leader: z.string(), title: z.string(), unit: z.string(), visitedOn: z.string(), inspected: z.string(), findings: z.string(), difficulties: z.string().nullable(), proposals: z.string().nullable(), note: z.string().nullable() });
const IssueOut = z.object({
  id: z.number(),
  unit: z.string(),
  decider: z.string(),
  title: z.string(),
  detail: z.string().nullable(),
  source: z.string(),
  project: z.object({ code: z.string(), name: z.string() }).nullable(),
  model: z.object({ code: z.string(), name: z.string() }).nullable(),
  raisedOn: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  days: z.number(),
});
const PersonOut = z.object({
  id: z.number(),
  team: z.string(),
  unit: z.string(),
  fullName: z.string(),
  role: z.string().nullable(),
  trustedFor: z.string(),
  active: z.boolean(),
  mobilisations: z.array(z.object({ project: z.string(), household: z.string().nullable(), householdName: z.string().nullable(), onDate: z.string(), outcome: z.string() })),
});

const tag = 'Giám sát, đôn đốc';

const idParam = (v: string | undefined, what: string): number => {
  const n = parseId(v);
  if (n === null) throw notFound(`Không tìm thấy ${what}.`);
  return n;
};
const body = async (c: Parameters<typeof readJson>[0]): Promise<Record<string, unknown>> => {
  const b = await readJson(c);
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Record<string, unknown>) : {};
};

export const supervisionApi: ApiRoute[] = [
  route({ method: 'get', path: '/meetings', summary: 'Hội nghị của đơn vị và cấp trên', tag, action: 'meeting.read', response: z.object({ items: z.array(MeetingOut) }) }, async (c) => c.json({ items: await supervision.listMeetings(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/meetings', summary: 'Ghi hội nghị cùng các kết luận', tag, action: 'meeting.manage', status: 201, body: supervision.ZMeeting, response: MeetingOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => supervision.recordMeeting(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/meetings/:id', summary: 'Một hội nghị', tag, action: 'meeting.read', response: MeetingOut }, async (c) => c.json(await supervision.getMeeting(c.var.deps.db.db, requireActor(c), idParam(c.req.param('id'), 'hội nghị')))),
  route({ method: 'post', path: '/conclusions/:id/done', summary: 'Đơn vị chịu trách nhiệm ghi nhận hoàn thành kết luận (cần minh chứng)', tag, action: 'meeting.manage', body: z.object({ evidence: z.string(), doneOn: z.string().optional() }), response: ConclusionOut }, async (c) => {
    const actor = requireActor(c);
    const id = idParam(c.req.param('id'), 'kết luận');
    const input = await body(c);
    return c.json(await inTx(c, (trx) => supervision.completeConclusion(trx, { actor, id, input })));
  }),
  route({ method: 'post', path: '/assignments', summary: 'Phân công đồng chí phụ trách đơn vị', tag, action: 'meeting.manage', status: 201, body: z.object({ leader: z.string(), title: z.string(), units: z.array(z.string()), campaign: z.string().optional() }), response: z.object({ leader: z.string(), units: z.array(z.string()) }) }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => supervision.assignLeader(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/visits', summary: 'Các lần kiểm tra, giám sát', tag, action: 'meeting.read', response: z.object({ items: z.array(VisitOut) }) }, async (c) => c.json({ items: await supervision.listVisits(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/visits', summary: 'Ghi một lần kiểm tra (đơn vị không được phân công: cần ghi chú)', tag, action: 'meeting.manage', status: 201, body: supervision.ZVisit, response: z.object({ id: z.number(), supervised: z.boolean(), issue: z.number().nullable() }) }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => supervision.recordVisit(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/issues', summary: 'Vấn đề phát sinh của đơn vị hoặc chuyển đến đơn vị', tag, action: 'meeting.read', query: { status: 'open | resolved' }, response: z.object({ items: z.array(IssueOut) }) }, async (c) => {
    const s = c.req.query('status');
    return c.json({ items: await issues.listIssues(c.var.deps.db.db, requireActor(c), s === 'open' || s === 'resolved' ? { status: s } : {}) });
  }),
  route({ method: 'post', path: '/issues', summary: 'Ghi vấn đề phát sinh (chuyển đơn vị cấp trên xem xét)', tag, action: 'issue.raise', status: 201, body: issues.ZIssue, response: IssueOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => issues.raiseIssue(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/issues/:id', summary: 'Một vấn đề phát sinh', tag, action: 'meeting.read', response: IssueOut }, async (c) => c.json(await issues.getIssue(c.var.deps.db.db, requireActor(c), idParam(c.req.param('id'), 'vấn đề phát sinh')))),
  route({ method: 'post', path: '/issues/:id/resolve', summary: 'Ghi kết quả giải quyết', tag, action: 'issue.resolve', body: z.object({ resolution: z.string(), resolvedOn: z.string().optional() }), response: IssueOut }, async (c) => {
    const actor = requireActor(c);
    const id = idParam(c.req.param('id'), 'vấn đề phát sinh');
    const input = await body(c);
    return c.json(await inTx(c, (trx) => issues.resolveIssue(trx, { actor, id, input })));
  }),
  route({ method: 'post', path: '/issues/:id/escalate', summary: 'Chuyển lên đơn vị cấp trên', tag, action: 'issue.resolve', body: z.object({ note: z.string() }), response: IssueOut }, async (c) => {
    const actor = requireActor(c);
    const id = idParam(c.req.param('id'), 'vấn đề phát sinh');
    const input = await body(c);
    return c.json(await inTx(c, (trx) => issues.escalateIssue(trx, { actor, id, input })));
  }),
  route({ method: 'get', path: '/persons', summary: 'Người có uy tín trong các tổ', tag, action: 'team.read', response: z.object({ items: z.array(PersonOut) }) }, async (c) => c.json({ items: await persons.listPersons(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/persons', summary: 'Thêm người có uy tín vào một tổ', tag, action: 'team.manage', status: 201, body: persons.ZPerson, response: PersonOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => persons.savePerson(trx, { actor, input })), 201);
  }),
  route({ method: 'post', path: '/persons/:id/mobilisations', summary: 'Ghi một lần vận động (dự án, hộ dân)', tag, action: 'team.manage', status: 201, body: persons.ZMobilisation, response: PersonOut }, async (c) => {
    const actor = requireActor(c);
    const id = idParam(c.req.param('id'), 'người có uy tín');
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => persons.recordMobilisation(trx, { actor, id, input })), 201);
  }),
];
