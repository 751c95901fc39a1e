import type { Generated, Selectable } from 'kysely';

export interface CampaignTable {
  id: Generated<number>;
  code: string;
  unit_id: number;
  year: number;
  theme: string;
  plan_document_id: number | null;
  starts_on: string | null;
  ends_on: string | null;
  /** JSON: classification bands [{ "name": "Xuất sắc", "min": 90 }, …], best first */
  bands: string | null;
  /** the last number given to a model's code in this campaign (`CODE-0001`…); see nextModelNumber */
  model_seq: Generated<number>;
  /** 1: the portal shows the money the campaign's models mobilised from the people; 0 (the default): only officers see it */
  publish_money: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CampaignFieldTable {
  id: Generated<number>;
  campaign_id: number;
  code: string;
  name: string;
  sort_order: number;
}

export interface CampaignCriterionTable {
  id: Generated<number>;
  campaign_id: number;
  code: string;
  name: string;
  /** points out of 100 */
  weight: number;
  sort_order: number;
}

/**
 * A phase (giai đoạn, "2021–2025"): a unit's campaigns from one year to another. An appraisal
 * round and a reward decision may span it, choosing among the models of those years, and its
 * report compares the years.
 */
export interface PhaseTable {
  id: Generated<number>;
  code: string;
  name: string;
  unit_id: number;
  from_year: number;
  to_year: number;
  created_at: string;
  updated_at: string;
}

export type CampaignRow = Selectable<CampaignTable>;
export type PhaseRow = Selectable<PhaseTable>;
export type CampaignFieldRow = Selectable<CampaignFieldTable>;
export type CampaignCriterionRow = Selectable<CampaignCriterionTable>;
