import type { Generated } from 'kysely';

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

/** Where an issue came from. */
export const ISSUE_SOURCES: Record<string, string> = {
  visit: 'Qua kiểm tra, giám sát',
  dialogue: 'Qua đối thoại với nhân dân',
  report: 'Qua báo cáo của đơn vị',
  meeting: 'Qua hội nghị',
  other: 'Nguồn khác',
};

/** A difficulty raised from below (vấn đề phát sinh, khó khăn vướng mắc), routed to the unit that decides. */
export interface RaisedIssueTable {
  id: Generated<number>;
  /** the unit where it arose */
  unit_id: number;
  /** the unit that must decide (the unit itself or one above it); escalation moves it up */
  decider_unit_id: number;
  title: string;
  detail: string | null;
  source: string;
  visit_id: number | null;
  project_id: number | null;
  model_id: number | null;
  raised_on: string;
  raised_by_name: string;
  /** open → resolved */
  status: string;
  /** why it was sent up (escalations append here) */
  routing_note: string | null;
  resolution: string | null;
  resolved_on: string | null;
  resolved_by_name: string | null;
  created_at: string;
}

export interface VisitFileTable {
  visit_id: number;
  file_id: number;
}

/** A prestigious person (người có uy tín) in a team: what the community trusts them for. */
export interface PrestigiousPersonTable {
  id: Generated<number>;
  team_id: number;
  full_name: string;
  /** e.g. "Trưởng họ", "Cựu chiến binh", "Nguyên Bí thư chi bộ" */
  role: string | null;
  trusted_for: string;
  active: Generated<number>;
  created_at: string;
}

/** A household or project a prestigious person helped mobilise, with the outcome. */
export interface PersonMobilisationTable {
  id: Generated<number>;
  person_id: number;
  project_id: number;
  household_id: number | null;
  on_date: string;
  outcome: string;
  created_by_name: string;
  created_at: string;
}
