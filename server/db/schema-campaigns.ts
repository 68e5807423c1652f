import type { ColumnType, Generated } from 'kysely';

// Tables of informing campaigns (migration 0033): campaigns, their content and media plans, publications and reach.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column: read as 'YYYY-MM-DD' text (queries cast it with ::text). */
type DateText = ColumnType<string, string, string>;
type Json = ColumnType<unknown, string, string>;

export interface CampaignsTable {
  id: Generated<number>;
  title: string;
  goal: string;
  audience: Generated<string>;
  category_code: string | null;
  municipality_ids: number[];
  channels: Json;
  source_kind: string;
  spike_from: DateText | null;
  spike_to: DateText | null;
  starts_on: DateText;
  effect_window_days: Generated<number>;
  status: Generated<string>;
  approval_comment: Generated<string>;
  created_by_label: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface CampaignPostsTable {
  id: Generated<number>;
  campaign_id: number;
  publish_on: DateText;
  text: string;
  position: number;
}
export interface CampaignMediaPlanTable {
  id: Generated<number>;
  campaign_id: number;
  contact_id: number;
  planned_on: DateText;
  note: Generated<string>;
  position: number;
}
export interface CampaignPublicationsTable {
  id: Generated<string>;
  campaign_id: number;
  post_id: number;
  channel_index: number;
  channel_kind: string;
  target: Generated<string>;
  page_id: number | null;
  status: string;
  external_ref: string | null;
  url: string | null;
  last_error: string | null;
  attempts: Generated<number>;
  done_by_label: string | null;
  done_at: Timestamp | null;
  created_at: Timestamp;
}
export interface CampaignReachTable {
  id: Generated<string>;
  campaign_id: number;
  municipality_id: number | null;
  channel: string;
  reach: number;
  source: string;
  recorded_on: DateText;
  publication_id: string | null;
  author_label: string;
  created_at: Timestamp;
}

export interface CampaignTables {
  campaigns: CampaignsTable;
  campaign_posts: CampaignPostsTable;
  campaign_media_plan: CampaignMediaPlanTable;
  campaign_publications: CampaignPublicationsTable;
  campaign_reach: CampaignReachTable;
}
