import type { Generated, Selectable } from 'kysely';

/** Project categories (DESIGN §3: `category`: key, carriedOver, new). */
export const PROJECT_CATEGORIES = {
  key: 'Trọng điểm',
  carriedOver: 'Chuyển tiếp',
  new: 'Mới',
} as const;
export type ProjectCategory = keyof typeof PROJECT_CATEGORIES;

/** A step of a project: pending → done (by the maker) → approved (by another person). */
export const STEP_STATUSES = {
  pending: 'Chưa thực hiện',
  done: 'Đã thực hiện, chờ duyệt',
  approved: 'Đã hoàn thành',
  notApplicable: 'Không áp dụng',
  paused: 'Tạm dừng',
} as const;
export type StepStatus = keyof typeof STEP_STATUSES;
/** Step statuses as the numbers the dashboards' step facts use. */
export const STEP_STATUS_CODES: Record<StepStatus, number> = { pending: 0, done: 1, approved: 2, notApplicable: 3, paused: 4 };

export const HOUSEHOLD_KINDS = { household: 'Hộ gia đình, cá nhân', organisation: 'Tổ chức' } as const;
export type HouseholdKind = keyof typeof HOUSEHOLD_KINDS;

/** The household's state follows from its records (never typed). */
export const HOUSEHOLD_STATES = {
  new: 'Mới',
  inProgress: 'Đang xử lý',
  agreed: 'Đã thống nhất',
  paid: 'Đã chi trả',
  handedOver: 'Đã bàn giao',
} as const;
export type HouseholdState = keyof typeof HOUSEHOLD_STATES;

export const PAYMENT_METHODS = { cash: 'Tiền mặt', transfer: 'Chuyển khoản', treasury: 'Qua Kho bạc' } as const;
export type PaymentMethod = keyof typeof PAYMENT_METHODS;

export const COMPLAINT_KINDS = { complaint: 'Khiếu nại', petition: 'Kiến nghị' } as const;
export type ComplaintKind = keyof typeof COMPLAINT_KINDS;
export const COMPLAINT_STATUSES = { received: 'Đã tiếp nhận', processing: 'Đang giải quyết', answered: 'Đã trả lời' } as const;
type ComplaintStatus = keyof typeof COMPLAINT_STATUSES;

export const DAY_KINDS = { calendar: 'ngày', working: 'ngày làm việc' } as const;
export type DayKind = keyof typeof DAY_KINDS;

export interface ClearanceStepKindTable {
  id: Generated<number>;
  code: string;
  name: string;
  sort_order: number;
  /** statutory time limit, counted from `counted_from` (null: none, the plan's date rules) */
  deadline_days: number | null;
  day_kind: DayKind;
  /** code of the step whose completion starts the clock; null: the project's start */
  counted_from: string | null;
  optional: number;
  legal_basis: string | null;
  active: number;
}

export interface ClearanceProjectTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_folded: string;
  unit_id: number;
  category: ProjectCategory;
  investor: string | null;
  area_dm2: number | null;
  households_declared: number;
  organisations_declared: number;
  started_on: string | null;
  due_on: string | null;
  officer_id: number | null;
  is_public: number;
  description: string | null;
  /** the step facts as flat numbers [kindId, status 0…4, plannedOn, doneOn (days since 1970, -1: none), …], kept with every step write (for dashboards) */
  steps_json: string | null;
  created_at: string;
  updated_at: string;
  /** moved on by the database (triggers) whenever the project or anything in its dashboard line changes */
  version: Generated<number>;
}

export interface ClearanceProjectUnitTable {
  project_id: number;
  unit_id: number;
}
export interface ClearanceProjectDocumentTable {
  project_id: number;
  document_id: number;
}
export interface ClearanceProjectModelTable {
  project_id: number;
  model_id: number;
}

export interface ClearanceStepTable {
  id: Generated<number>;
  project_id: number;
  kind_id: number;
  planned_on: string | null;
  status: StepStatus;
  done_on: string | null;
  done_by: number | null;
  done_by_name: string | null;
  approved_on: string | null;
  approved_by: number | null;
  approved_by_name: string | null;
  reason: string | null;
  note: string | null;
  updated_at: string;
}

export interface ClearanceHouseholdTable {
  id: Generated<number>;
  code: string;
  project_id: number;
  kind: HouseholdKind;
  name: string;
  address: string | null;
  phone: string | null;
  note: string | null;
  recovered_dm2: number | null;
  activity_on: string | null;
  approved_total: number | null;
  approved_on: string | null;
  effective_on: string | null;
  paid_total: Generated<number>;
  paid_full_on: string | null;
  handed_on: string | null;
  open_obstacles: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ClearanceParcelTable {
  id: Generated<number>;
  household_id: number;
  map_sheet: string | null;
  parcel_no: string | null;
  land_type: string | null;
  area_dm2: number | null;
  recovered_dm2: number | null;
}

export interface ClearanceHouseholdStepTable {
  household_id: number;
  kind_id: number;
  done_on: string;
  note: string | null;
}

export interface ClearancePlanTable {
  id: Generated<number>;
  household_id: number;
  version: number;
  status: 'provisional' | 'approved' | 'superseded';
  land: number | null;
  assets: number | null;
  support: number | null;
  resettlement: number | null;
  total: number;
  decision_number: string | null;
  approved_on: string | null;
  effective_on: string | null;
  created_by: number | null;
  created_by_name: string;
  approved_by: number | null;
  approved_by_name: string | null;
  created_at: string;
}

export interface ClearancePaymentTable {
  id: Generated<number>;
  household_id: number;
  project_id: number;
  plan_id: number;
  amount: number;
  paid_on: string;
  method: PaymentMethod;
  receipt_no: string | null;
  status: 'recorded' | 'confirmed';
  recorded_by: number | null;
  recorded_by_name: string;
  confirmed_by: number | null;
  confirmed_by_name: string | null;
  confirmed_at: string | null;
  created_at: string;
}

export interface ClearanceHandoverTable {
  household_id: number;
  handed_on: string;
  area_dm2: number | null;
  minutes_no: string | null;
  /** a recorded agreement lets the land be handed over before the plan's approval */
  early_agreement: string | null;
  recorded_by_name: string;
  created_at: string;
}

export interface ClearanceObstacleTable {
  id: Generated<number>;
  household_id: number;
  opened_on: string;
  description: string;
  resolved_on: string | null;
  resolution: string | null;
  created_at: string;
}

export interface ClearanceDialogueTable {
  id: Generated<number>;
  project_id: number;
  held_on: string;
  place: string;
  chair: string;
  participants: number;
  issues: string | null;
  agreements: string | null;
  created_by_name: string;
  created_at: string;
}
export interface ClearanceDialogueHouseholdTable {
  dialogue_id: number;
  household_id: number;
}
export interface ClearanceFollowupTable {
  id: Generated<number>;
  dialogue_id: number;
  task: string;
  owner: string;
  due_on: string | null;
  done_on: string | null;
}

export interface ClearanceComplaintTable {
  id: Generated<number>;
  project_id: number;
  household_id: number | null;
  kind: ComplaintKind;
  received_on: string;
  content: string;
  handler: string | null;
  due_on: string;
  status: ComplaintStatus;
  answer: string | null;
  answered_on: string | null;
  created_at: string;
  updated_at: string;
}

/** Per project, maintained with every change of a household's summary: figures counting every recorded fact. */
export interface ClearanceProjectFiguresTable {
  project_id: number;
  households: number;
  organisations: number;
  approved: number;
  approved_amount: number;
  paid: number;
  paid_amount: number;
  handed_over: number;
  blocked: number;
  in_progress: number;
  recovered_dm2: number;
  dialogues: number;
  dialogue_participants: number;
  /** the latest date of any fact counted here: "through" on or after it needs no date filter */
  last_fact_on: string | null;
}

export type StepKindRow = Selectable<ClearanceStepKindTable>;
export type ProjectRow = Selectable<ClearanceProjectTable>;
export type StepRow = Selectable<ClearanceStepTable>;
export type HouseholdRow = Selectable<ClearanceHouseholdTable>;
export type ParcelRow = Selectable<ClearanceParcelTable>;
export type PlanRow = Selectable<ClearancePlanTable>;
export type PaymentRow = Selectable<ClearancePaymentTable>;
export type HandoverRow = Selectable<ClearanceHandoverTable>;
export type ObstacleRow = Selectable<ClearanceObstacleTable>;
export type DialogueRow = Selectable<ClearanceDialogueTable>;
export type FollowupRow = Selectable<ClearanceFollowupTable>;
export type ComplaintRow = Selectable<ClearanceComplaintTable>;
