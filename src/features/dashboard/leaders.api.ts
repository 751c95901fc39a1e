/** GET /api/v1/assignments: the leaders' page over JSON (leaders.service.ts); assigning is supervision's POST. */
import { z } from 'zod';
import { requireActor, route, type ApiRoute } from '../../web/api.js';
import { leaders } from './leaders.service.js';

const LeaderOut = z.object({
  leader: z.string(),
  title: z.string(),
  units: z.array(z.object({ code: z.string(), name: z.string(), models: z.number(), projects: z.number(), projectsBehind: z.number(), openConclusions: z.number(), overdueConclusions: z.number(), openIssues: z.number() })),
});

export const leadersApi: ApiRoute[] = [
  route({ method: 'get', path: '/assignments', summary: 'Phân công phụ trách và tình hình từng đơn vị', tag: 'Giám sát, đôn đốc', action: 'meeting.read', response: z.object({ items: z.array(LeaderOut) }) }, async (c) => c.json({ items: await leaders(c.var.deps.db.db, requireActor(c)) })),
];
