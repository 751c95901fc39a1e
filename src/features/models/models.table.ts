import type { Generated, Selectable } from 'kysely';

export const HOLDERS = ['collective', 'individual'] as const;
export type Holder = (typeof HOLDERS)[number];
export const HOLDER_LABELS: Record<Holder, string> = { collective: 'Tập thể', individual: 'Cá nhân' };

export const MODEL_STATUSES = ['draft', 'submitted', 'registered', 'returned', 'stopped'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
export const MODEL_STATUS_LABELS: Record<ModelStatus, string> = {
  draft: 'Nháp',
  submitted: 'Chờ duyệt',
  registered: 'Đã đăng ký',
  returned: 'Trả lại',
  stopped: 'Dừng thực hiện',
};

/** The statuses in which a model is public (registered, or stopped after it was registered). */
export const PUBLIC_STATUSES: ModelStatus[] = ['registered', 'stopped'];

export interface ModelTable {
  id: Generated<number>;
  code: string;
  campaign_id: number;
  /** the collective's unit, or the individual's unit */
  unit_id: number;
  field_id: number;
  holder: string;
  /** the individual's full name, or a collective's own name when it is not the unit (a team, a shop) */
  holder_name: string | null;
  name: string;
  search_folded: string;
  /** viSortKey(name): byte order is Vietnamese order */
  sort_key: string;
  problem: string | null;
  goals: string | null;
  method: string | null;
  scope: string | null;
  forces: string | null;
  resources: string | null;
  timeline: string | null;
  expected_results: string | null;
  replicability: string | null;
  exemplary: number;
  status: string;
  registered_on: string | null;
  submitted_at: string | null;
  submitted_by: number | null;
  decided_at: string | null;
  decided_by: number | null;
  return_reason: string | null;
  stopped_on: string | null;
  stop_reason: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ModelUpdateTable {
  id: Generated<number>;
  model_id: number;
  on_date: string;
  body: string;
  /** JSON: [{ "label": "Số hộ được vận động", "value": 12 }] */
  figures: string | null;
  created_by: number | null;
  created_at: string;
}

export type ModelRow = Selectable<ModelTable>;
export type ModelUpdateRow = Selectable<ModelUpdateTable>;

/** The typed results a model recorded on a date (issue #23); a figure not recorded is null (unknown). */
export interface ModelResultTable {
  id: Generated<number>;
  model_id: number;
  on_date: string;
  money_vnd: number | null;
  work_days: number | null;
  /** square metres × 100: exact to the hundredth */
  land_centi_m2: number | null;
  households_donating: number | null;
  households_persuaded: number | null;
  beneficiaries: number | null;
  created_at: string;
}

/** The levels at which a model is recognised (issue #23): commune/ward, district (historical), province, national. */
export const RECOGNITION_LEVELS = ['commune', 'district', 'province', 'national'] as const;
export type RecognitionLevel = (typeof RECOGNITION_LEVELS)[number];
export const RECOGNITION_LEVEL_LABELS: Record<RecognitionLevel, string> = { commune: 'Cấp xã, phường', district: 'Cấp huyện, quận', province: 'Cấp tỉnh, thành phố', national: 'Cấp Trung ương' };

/** A model's recognition at a level by a decision (issue #23). */
/** A dated assessment of a model (issue #23): carried out effectively (triển khai hiệu quả) or not. */
export interface ModelAssessmentTable {
  id: Generated<number>;
  model_id: number;
  on_date: string;
  effective: number;
  note: string | null;
  created_at: string;
}

/** A model named a "công trình Dân vận khéo" by a signboard decision (issue #23): one per model. */
export interface ModelWorkTable {
  id: Generated<number>;
  model_id: number;
  name: string | null;
  on_date: string;
  decision: string;
  created_at: string;
}

export interface ModelRecognitionTable {
  id: Generated<number>;
  model_id: number;
  level: string;
  on_date: string;
  decision: string;
  created_at: string;
}
