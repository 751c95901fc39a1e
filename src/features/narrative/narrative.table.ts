export interface NarrativeTemplateTable {
  campaign_id: number;
  title: string;
  body: string;
  /** the document header and signature block (ReportHeader) as JSON */
  header_json: string;
  updated_at: string;
  updated_by_name: string;
}
