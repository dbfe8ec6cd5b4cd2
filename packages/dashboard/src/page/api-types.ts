/**
 * The API's shapes, taken from the tracker's own route table (zod schemas) with
 * `import type`: no runtime cost, no retyping, and a contract change breaks the page's
 * typecheck instead of the page.
 */
import type { Api } from "@glue-run-tracker/functions";
import type { z } from "zod";

type Routes = typeof Api.Routes;
type ResponseOf<K extends keyof Routes> = z.infer<Routes[K]["response"]>;

export type WorkflowsPage = ResponseOf<"listWorkflows">;
export type Workflow = WorkflowsPage["Workflows"][number];
export type RunsPage = ResponseOf<"listRuns">;
export type Run = ResponseOf<"getRun">["Run"];
export type TimelineEntry = ResponseOf<"getRunTimeline">["Timeline"][number];
export type RunProperties = ResponseOf<"getRunProperties">["RunProperties"];
export type StartRunResponse = ResponseOf<"startRun">;
export type ResumeRunResponse = ResponseOf<"resumeRun">;
export type WorkflowStatsBody = ResponseOf<"getWorkflowStats">["Stats"];
export type WorkflowGraph = NonNullable<Run["Graph"]>;
export type GraphNode = NonNullable<WorkflowGraph["Nodes"]>[number];
export type GraphEdge = NonNullable<WorkflowGraph["Edges"]>[number];
export type JobRun = NonNullable<NonNullable<GraphNode["JobDetails"]>["JobRuns"]>[number];
export type Crawl = NonNullable<NonNullable<GraphNode["CrawlerDetails"]>["Crawls"]>[number];
export type FailedNode = Run["FailedNodes"][number];

/** The API's error body. */
export interface ApiErrorBody {
  Code: string;
  Message: string;
  RequestId?: string;
}
