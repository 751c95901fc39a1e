import type { Generated, Selectable } from 'kysely';

export const MEETING_KINDS: Record<string, string> = { briefing: 'Hội nghị giao ban', other: 'Hội nghị, cuộc họp khác' };

export interface MeetingTable {
  id: Generated<number>;
  /** the organising unit (its subtree's officers see and manage it) */
  unit_id: number;
  campaign_id: number | null;
  kind: string;
  title: string;
  held_on: string;
  /** who chaired, as written in the minutes ("đồng chí Phó Bí thư Thường trực Quận ủy") */
  chair: string;
  attendees_count: number;
  attendees: string | null;
  agenda: string | null;
  minutes: string | null;
  created_by_name: string;
  created_at: string;
}

export interface ConclusionTable {
  id: Generated<number>;
  meeting_id: number;
  position: number;
  content: string;
  owner_unit_id: number;
  due_on: string;
  /** open → done (with evidence) */
  status: string;
  done_on: string | null;
  evidence: string | null;
  done_by_name: string | null;
}

export type MeetingRow = Selectable<MeetingTable>;
export type ConclusionRow = Selectable<ConclusionTable>;

export interface AssignmentTable {
  id: Generated<number>;
  campaign_id: number | null;
  leader_name: string;
  /** e.g. "Ủy viên Ban Thường vụ Quận ủy" */
  leader_title: string;
  unit_id: number;
  created_at: string;
}

export interface VisitTable {
  id: Generated<number>;
  leader_name: string;
  leader_title: string;
  unit_id: number;
  visited_on: string;
  /** what was inspected (models, projects…) */
  inspected: string;
  findings: string;
  difficulties: string | null;
  proposals: string | null;
  /** why a leader inspected a unit they do not supervise */
  note: string | null;
  created_by_name: string;
  created_at: string;
}
