/* The whole schema as Kysely sees it: each slice contributes its tables. */
import type { ApiTokenTable, LoginAttemptTable, SessionTable, UserRoleTable, UserTable } from '../features/accounts/accounts.table.js';
import type { AuditLogTable } from '../features/audit/audit.table.js';
import type { SettingTable } from '../features/settings/settings.table.js';
import type { UnitSuccessorTable, UnitTable } from '../features/units/units.table.js';
import type { AwardFormTable, AwardProposalTable, AwardRecipientTable } from '../features/emulation/emulation.table.js';
import type { CampaignCriterionTable, CampaignFieldTable, CampaignTable, PhaseTable } from '../features/campaigns/campaigns.table.js';
import type { DocumentFileTable, DocumentRecipientTable, DocumentTable } from '../features/documents/documents.table.js';
import type { ModelAssessmentTable, ModelRecognitionTable, ModelResultTable, ModelTable, ModelUpdateTable, ModelWorkTable } from '../features/models/models.table.js';
import type { TeamTable } from '../features/teams/teams.table.js';
import type { FileTable, ModelUpdateFileTable } from '../features/files/files.table.js';
import type { AppraisalRoundTable, ProposalModelTable, RewardDecisionModelTable, RewardDecisionTable, RoundAppraiserTable, ScoreItemTable, ScoreSheetTable } from '../features/appraisal/appraisal.table.js';
import type { ArticleRelatedTable, ArticleTable, CategoryTable, EditorCategoryTable, PortalStateTable } from '../features/portal/portal.table.js';
import type { SearchEntryTable } from '../features/search/search.table.js';
import type { AssignmentTable, ConclusionTable, MeetingTable, PersonMobilisationTable, PrestigiousPersonTable, RaisedIssueTable, VisitFileTable, VisitTable } from '../features/supervision/supervision.table.js';
import type {
  ReportFormTable,
  ReportIndicatorTable,
  ReportPeriodCloseTable,
  ReportRuleTable,
  ReportSubmissionTable,
  ReportTargetTable,
  ReportValueHistoryTable,
  ReportValueTable,
} from '../features/reporting/reporting.table.js';
import type { CalendarDayTable } from '../features/calendar/calendar.table.js';
import type {
  ClearanceComplaintTable,
  ClearanceDialogueHouseholdTable,
  ClearanceDialogueTable,
  ClearanceFollowupTable,
  ClearanceHandoverTable,
  ClearanceHouseholdStepTable,
  ClearanceHouseholdTable,
  ClearanceObstacleTable,
  ClearanceParcelTable,
  ClearancePaymentTable,
  ClearancePlanTable,
  ClearanceProjectDocumentTable,
  ClearanceProjectFiguresTable,
  ClearanceProjectModelTable,
  ClearanceProjectTable,
  ClearanceProjectUnitTable,
  ClearanceStepKindTable,
  ClearanceStepTable,
} from '../features/landClearance/landClearance.table.js';
import type { MailAddressRequestTable, MailKeyTable, MailOutboxTable, NoticePrefTable, NoticeTable } from '../features/notices/notices.table.js';
import type { NarrativeTemplateTable } from '../features/narrative/narrative.table.js';
import type { Kysely, Transaction } from 'kysely';

export interface Database {
  units: UnitTable;
  unit_successors: UnitSuccessorTable;
  users: UserTable;
  notices: NoticeTable;
  mail_outbox: MailOutboxTable;
  notice_prefs: NoticePrefTable;
  mail_keys: MailKeyTable;
  mail_address_requests: MailAddressRequestTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
  documents: DocumentTable;
  campaigns: CampaignTable;
  campaign_fields: CampaignFieldTable;
  campaign_criteria: CampaignCriterionTable;
  phases: PhaseTable;
  award_forms: AwardFormTable;
  award_proposals: AwardProposalTable;
  award_recipients: AwardRecipientTable;
  models: ModelTable;
  model_updates: ModelUpdateTable;
  model_results: ModelResultTable;
  model_recognitions: ModelRecognitionTable;
  model_assessments: ModelAssessmentTable;
  model_works: ModelWorkTable;
  teams: TeamTable;
  files: FileTable;
  model_update_files: ModelUpdateFileTable;
  appraisal_rounds: AppraisalRoundTable;
  round_appraisers: RoundAppraiserTable;
  score_sheets: ScoreSheetTable;
  score_items: ScoreItemTable;
  proposal_models: ProposalModelTable;
  reward_decisions: RewardDecisionTable;
  reward_decision_models: RewardDecisionModelTable;
  calendar_days: CalendarDayTable;
  clearance_step_kinds: ClearanceStepKindTable;
  clearance_projects: ClearanceProjectTable;
  clearance_project_units: ClearanceProjectUnitTable;
  clearance_project_documents: ClearanceProjectDocumentTable;
  clearance_project_models: ClearanceProjectModelTable;
  clearance_steps: ClearanceStepTable;
  clearance_households: ClearanceHouseholdTable;
  clearance_parcels: ClearanceParcelTable;
  clearance_household_steps: ClearanceHouseholdStepTable;
  clearance_plans: ClearancePlanTable;
  clearance_payments: ClearancePaymentTable;
  clearance_handovers: ClearanceHandoverTable;
  clearance_obstacles: ClearanceObstacleTable;
  clearance_dialogues: ClearanceDialogueTable;
  clearance_dialogue_households: ClearanceDialogueHouseholdTable;
  clearance_followups: ClearanceFollowupTable;
  clearance_complaints: ClearanceComplaintTable;
  narrative_templates: NarrativeTemplateTable;
  clearance_project_figures: ClearanceProjectFiguresTable;
  categories: CategoryTable;
  articles: ArticleTable;
  article_related: ArticleRelatedTable;
  editor_categories: EditorCategoryTable;
  document_files: DocumentFileTable;
  document_recipients: DocumentRecipientTable;
  search_entries: SearchEntryTable;
  report_forms: ReportFormTable;
  report_indicators: ReportIndicatorTable;
  report_rules: ReportRuleTable;
  report_targets: ReportTargetTable;
  report_submissions: ReportSubmissionTable;
  report_values: ReportValueTable;
  report_value_history: ReportValueHistoryTable;
  report_period_closes: ReportPeriodCloseTable;
  meetings: MeetingTable;
  conclusions: ConclusionTable;
  assignments: AssignmentTable;
  visits: VisitTable;
  visit_files: VisitFileTable;
  raised_issues: RaisedIssueTable;
  prestigious_persons: PrestigiousPersonTable;
  person_mobilisations: PersonMobilisationTable;
  portal_state: PortalStateTable;
}

/** A database or a transaction: repositories take either. */
export type Db = Kysely<Database> | Transaction<Database>;
export type Tx = Transaction<Database>;
