import type { Generated, Selectable } from 'kysely';

/** Team kinds with Vietnamese labels (DESIGN §3); other codes are allowed and shown as they are. */
export const TEAM_KINDS: Record<string, string> = {
  massMobilisation: 'Tổ dân vận',
  covidCommunity: 'Tổ Covid cộng đồng',
  digitalCommunity: 'Tổ công nghệ số cộng đồng',
  selfManagement: 'Tổ tự quản',
};

export const teamKindLabel = (kind: string): string => TEAM_KINDS[kind] ?? kind;

export interface TeamTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  kind: string;
  name: string;
  members: number;
  established_on: string | null;
  dissolved_on: string | null;
  created_at: string;
  updated_at: string;
}

export type TeamRow = Selectable<TeamTable>;
