/**
 * The EventBridge vocabulary Glue uses for its own events (Amazon EventBridge, "AWS Glue
 * events"): defined here once for the tracker (its event patterns and ingest) and for
 * glue-local (which emits them).
 */
export const GLUE_SOURCE = "aws.glue";

export const GlueDetailType = {
  JobStateChange: "Glue Job State Change",
  JobRunStatus: "Glue Job Run Status",
  CrawlerStateChange: "Glue Crawler State Change",
} as const;
export type GlueDetailType = (typeof GlueDetailType)[keyof typeof GlueDetailType];
